-- News sources (feeds polled on a schedule) and one event per meeting across outlets.

-- What decides whether a new article reports an event already stored (bot/news/dedupe.py):
-- one row per event, updated as sources join it.
CREATE TABLE event_signatures (
    event_id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    day      TEXT NOT NULL,              -- YYYY-MM-DD: the event's date, else the day it was stored
    orgs     TEXT NOT NULL,              -- space-separated organisation ids
    speakers TEXT NOT NULL,              -- space-separated lower-case surnames
    location TEXT,
    shingles BLOB NOT NULL,              -- bottom-k sketch of 3-word shingles, 8 bytes per hash
    words    BLOB NOT NULL,              -- bottom-k sketch of content stems
    ordinals TEXT NOT NULL DEFAULT ''    -- "31 32": numbers of sessions ("32-е заседание")
);

-- Candidate lookup: events sharing an organisation, a speaker or a text hash, by day.
CREATE TABLE event_keys (
    key      TEXT NOT NULL,              -- o:<org id>, p:<surname>, h:<shingle hash>
    day      TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    PRIMARY KEY (key, day, event_id)
) WITHOUT ROWID;

-- Feeds: the ones from the feeds file that are no longer in it are inactive (kept for their articles);
-- next_poll_at carries the back-off after errors.
ALTER TABLE feeds ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE feeds ADD COLUMN next_poll_at TEXT;
ALTER TABLE feeds ADD COLUMN items_stored INTEGER NOT NULL DEFAULT 0;

-- Every item url a feed listed, with what became of it, so that a page is fetched once
-- (a failed fetch is retried on the next poll).
CREATE TABLE feed_items (
    url      TEXT PRIMARY KEY,           -- canonical url (tracking parameters removed)
    feed_id  INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
    status   TEXT NOT NULL,              -- stored, duplicate, skipped, rejected, failed
    reason   TEXT,
    seen_at  TEXT NOT NULL
);
