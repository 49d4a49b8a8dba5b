-- PostgreSQL form of migrations/0004_sources.sql.
CREATE TABLE event_signatures (
    event_id BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    day      TEXT COLLATE "C" NOT NULL,
    orgs     TEXT COLLATE "C" NOT NULL,
    speakers TEXT COLLATE "C" NOT NULL,
    location TEXT COLLATE "C",
    shingles BYTEA NOT NULL,
    words    BYTEA NOT NULL,
    ordinals TEXT COLLATE "C" NOT NULL DEFAULT ''
);

CREATE TABLE event_keys (
    key      TEXT COLLATE "C" NOT NULL,
    day      TEXT COLLATE "C" NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    PRIMARY KEY (key, day, event_id)
);

ALTER TABLE feeds ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE feeds ADD COLUMN next_poll_at TEXT COLLATE "C";
ALTER TABLE feeds ADD COLUMN items_stored BIGINT NOT NULL DEFAULT 0;

CREATE TABLE feed_items (
    url      TEXT COLLATE "C" PRIMARY KEY,
    feed_id  BIGINT REFERENCES feeds (id) ON DELETE SET NULL,
    status   TEXT COLLATE "C" NOT NULL,
    reason   TEXT COLLATE "C",
    seen_at  TEXT COLLATE "C" NOT NULL
);
