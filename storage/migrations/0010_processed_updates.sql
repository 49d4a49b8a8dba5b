-- Telegram update ids already taken by a worker: a retried or twice-delivered update is answered once.
-- Rows older than two days are pruned by the background clean-up (storage/updates.py).
CREATE TABLE processed_updates (
    update_id   INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL
);

CREATE INDEX processed_updates_received ON processed_updates (received_at);
