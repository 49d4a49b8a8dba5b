-- PostgreSQL form of migrations/0009_source_kinds.sql: two more kinds of source. SQLite rebuilds the
-- table to change a CHECK; PostgreSQL changes the constraint in place.
ALTER TABLE feeds DROP CONSTRAINT feeds_kind_check;
ALTER TABLE feeds ADD CONSTRAINT feeds_kind_check CHECK (kind IN ('rss', 'page', 'govkz', 'akorda'));

CREATE INDEX IF NOT EXISTS feed_items_by_feed ON feed_items (feed_id, status, seen_at);
