-- Alerts, digests and delivery (issue 5).

-- The inverted index of subscriptions: which keys (word stems and lemmas, "org:<id>",
-- "person:<surname>") lead to which subscription. A subscription of several words has one
-- numbered term per word; it is a candidate only when every term was hit (terms_needed),
-- and bot/news/matcher.py then decides exactly.
CREATE TABLE subscription_keys (
    key             TEXT NOT NULL,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    term_no         INTEGER NOT NULL,
    PRIMARY KEY (key, subscription_id, term_no)
) WITHOUT ROWID;
CREATE INDEX subscription_keys_by_subscription ON subscription_keys (subscription_id);

ALTER TABLE subscriptions ADD COLUMN terms_needed INTEGER NOT NULL DEFAULT 1;

-- The delivery worker takes the oldest due message of each chat.
CREATE INDEX outbox_pending_by_chat ON outbox (status, chat_id, id);

-- The fire time of the last digest slot handled (posted, or empty and skipped): a slot is
-- handled once, so a digest is never posted twice, even across restarts.
ALTER TABLE digest_schedules ADD COLUMN last_slot_at TEXT;

-- The scheduler rebuilds its jobs when this number changes (any process may change schedules).
INSERT OR IGNORE INTO settings_kv (key, value) VALUES ('digest_schedules_version', '0');

CREATE TRIGGER digest_schedules_added AFTER INSERT ON digest_schedules BEGIN
    UPDATE settings_kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'digest_schedules_version';
END;

CREATE TRIGGER digest_schedules_changed AFTER UPDATE OF chat_id, spec, timezone, active ON digest_schedules BEGIN
    UPDATE settings_kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'digest_schedules_version';
END;

CREATE TRIGGER digest_schedules_removed AFTER DELETE ON digest_schedules BEGIN
    UPDATE settings_kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'digest_schedules_version';
END;
