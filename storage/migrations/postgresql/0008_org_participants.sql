-- PostgreSQL form of migrations/0008_org_participants.sql.
ALTER TABLE event_organizations ADD COLUMN participant BIGINT NOT NULL DEFAULT 1;
