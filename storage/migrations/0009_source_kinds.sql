-- Source kinds of issue #12: a government body's news from the gov.kz API ("govkz") and the
-- President's events listing on akorda.kz ("akorda").
--
-- SQLite can't change a CHECK constraint in place, so the feeds table is rebuilt with the same
-- rows and ids. Dropping the old table sets feed_items.feed_id to NULL (ON DELETE SET NULL):
-- the links are kept aside first and put back after.
CREATE TEMP TABLE feed_item_links AS SELECT url, feed_id FROM feed_items WHERE feed_id IS NOT NULL;

CREATE TABLE feeds_rebuilt (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    url              TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('rss', 'page', 'govkz', 'akorda')),
    lang             TEXT NOT NULL DEFAULT 'ru',
    interval_minutes INTEGER NOT NULL DEFAULT 15,
    etag             TEXT,
    last_modified    TEXT,
    error_count      INTEGER NOT NULL DEFAULT 0,
    paused           INTEGER NOT NULL DEFAULT 0,
    last_polled_at   TEXT,
    last_ok_at       TEXT,
    last_error       TEXT,
    added_by         INTEGER,
    active           INTEGER NOT NULL DEFAULT 1,
    next_poll_at     TEXT,
    items_stored     INTEGER NOT NULL DEFAULT 0
);
INSERT INTO feeds_rebuilt (id, name, url, kind, lang, interval_minutes, etag, last_modified, error_count, paused,
                           last_polled_at, last_ok_at, last_error, added_by, active, next_poll_at, items_stored)
SELECT id, name, url, kind, lang, interval_minutes, etag, last_modified, error_count, paused,
       last_polled_at, last_ok_at, last_error, added_by, active, next_poll_at, items_stored FROM feeds;
DROP TABLE feeds;
ALTER TABLE feeds_rebuilt RENAME TO feeds;

UPDATE feed_items SET feed_id = (SELECT l.feed_id FROM temp.feed_item_links l WHERE l.url = feed_items.url)
WHERE url IN (SELECT url FROM temp.feed_item_links);
DROP TABLE temp.feed_item_links;

-- /source list and /source skipped count and list a feed's items by what became of them.
CREATE INDEX IF NOT EXISTS feed_items_by_feed ON feed_items (feed_id, status, seen_at);
