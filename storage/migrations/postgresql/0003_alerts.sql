-- PostgreSQL form of migrations/0003_alerts.sql.
CREATE TABLE subscription_keys (
    key             TEXT COLLATE "C" NOT NULL,
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    term_no         BIGINT NOT NULL,
    PRIMARY KEY (key, subscription_id, term_no)
);
CREATE INDEX subscription_keys_by_subscription ON subscription_keys (subscription_id);

ALTER TABLE subscriptions ADD COLUMN terms_needed BIGINT NOT NULL DEFAULT 1;

CREATE INDEX outbox_pending_by_chat ON outbox (status, chat_id, id);

ALTER TABLE digest_schedules ADD COLUMN last_slot_at TEXT COLLATE "C";

INSERT INTO settings_kv (key, value) VALUES ('digest_schedules_version', '0') ON CONFLICT DO NOTHING;

-- SQLite's three triggers in one: any change of a schedule moves the version the scheduler watches.
CREATE FUNCTION digest_schedules_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE settings_kv SET value = (CAST(value AS BIGINT) + 1)::text WHERE key = 'digest_schedules_version';
    RETURN NULL;
END;
$$;

CREATE TRIGGER digest_schedules_added AFTER INSERT ON digest_schedules
    FOR EACH ROW EXECUTE FUNCTION digest_schedules_touched();
CREATE TRIGGER digest_schedules_changed AFTER UPDATE OF chat_id, spec, timezone, active ON digest_schedules
    FOR EACH ROW EXECUTE FUNCTION digest_schedules_touched();
CREATE TRIGGER digest_schedules_removed AFTER DELETE ON digest_schedules
    FOR EACH ROW EXECUTE FUNCTION digest_schedules_touched();
