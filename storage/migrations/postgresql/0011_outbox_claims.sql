-- PostgreSQL form of migrations/0011_outbox_claims.sql: outbox claims with a lease, and Telegram's
-- limits kept in the database so that they hold across workers. Times are Unix seconds.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT COLLATE "C";
ALTER TABLE outbox ADD COLUMN claimed_until DOUBLE PRECISION;

CREATE TABLE chat_pace (
    chat_id BIGINT PRIMARY KEY,
    free_at DOUBLE PRECISION NOT NULL,
    recent  TEXT COLLATE "C" NOT NULL DEFAULT ''
);

CREATE TABLE send_pace (
    name    TEXT COLLATE "C" PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL
);
