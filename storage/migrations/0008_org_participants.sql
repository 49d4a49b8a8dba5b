-- Organisations that take part in an event (a party of the meeting, the host, the body addressed,
-- a speaker's organisation) apart from passing mentions (`на полях Генеральной Ассамблеи ООН`,
-- `под эгидой ООН`): /org, alerts and digests use participants; the event view shows both.
-- Rows stored before this migration count as participants (re-ingest to tell them apart).
ALTER TABLE event_organizations ADD COLUMN participant INTEGER NOT NULL DEFAULT 1;
