-- PostgreSQL form of migrations/0010_processed_updates.sql: Telegram update ids already taken by a worker.
CREATE TABLE processed_updates (
    update_id   BIGINT PRIMARY KEY,
    received_at TEXT COLLATE "C" NOT NULL
);

CREATE INDEX processed_updates_received ON processed_updates (received_at);
