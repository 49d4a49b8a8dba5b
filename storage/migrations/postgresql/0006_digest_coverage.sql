-- PostgreSQL form of migrations/0006_digest_coverage.sql.
ALTER TABLE chats ADD COLUMN digest_covered_until TEXT COLLATE "C";

UPDATE chats SET digest_covered_until = (SELECT covered_until FROM digest_schedules WHERE chat_id = chats.id);

ALTER TABLE digest_schedules DROP COLUMN covered_until;
