-- Several workers deliver the one outbox (issue 14). A worker claims a chat's oldest due message
-- for a while (a lease): claimed_by names the worker, claimed_until (Unix seconds) is when the claim
-- lapses, so the rows of a killed worker go out again once it has.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until REAL;

-- Telegram's limits, kept in the database so that they hold across workers. Times are Unix seconds.
-- chat_pace: when a chat may get its next message (1/s per chat; 429 and back-off push it later)
-- and, for groups and channels, the times of its last sends (20 a minute), space-separated.
CREATE TABLE chat_pace (
    chat_id INTEGER PRIMARY KEY,
    free_at REAL NOT NULL,
    recent  TEXT NOT NULL DEFAULT ''
);

-- send_pace: the next free slot of the global limit (30 messages a second in all); its one row
-- ('all') is written by the first send, so a new database holds no rows.
CREATE TABLE send_pace (
    name    TEXT PRIMARY KEY,
    next_at REAL NOT NULL
);
