-- The first schema: articles grouped into events, organisations, people, statements,
-- a full-text index of lemmas, chats, subscriptions, the outbox, digests and feeds.

CREATE TABLE organizations (
    id        TEXT PRIMARY KEY,          -- "osce"; unknown ones found in text: "x:<normalised name>"
    name      TEXT NOT NULL,             -- Russian short name: "ОБСЕ"
    name_en   TEXT,
    parent_id TEXT,
    known     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,     -- nominative full name
    surname    TEXT NOT NULL,            -- lower case, nominative: lookups by /person
    role       TEXT,                     -- the latest role seen
    updated_at TEXT NOT NULL
);
CREATE INDEX people_by_surname ON people (surname);

-- One meeting or happening; several articles (sources) may report it.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    event_date   TEXT,                   -- YYYY-MM-DD
    published_at TEXT,                   -- earliest publication among its sources
    sort_key     TEXT NOT NULL,          -- newest first: date and time, or ingestion time
    title        TEXT,
    location     TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX events_by_recency ON events (sort_key DESC, id DESC);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    url          TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    event_id     INTEGER NOT NULL REFERENCES events (id),
    title        TEXT,
    published_at TEXT,
    source       TEXT,
    location     TEXT,
    lang         TEXT,
    text         TEXT NOT NULL,
    fetched_at   TEXT NOT NULL,
    feed_id      INTEGER
);
CREATE INDEX articles_by_hash ON articles (content_hash);
CREATE INDEX articles_by_event ON articles (event_id);

CREATE TABLE event_organizations (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    org_id   TEXT NOT NULL REFERENCES organizations (id),
    mentions INTEGER NOT NULL DEFAULT 1,
    sort_key TEXT NOT NULL,              -- copy of events.sort_key: /org reads one index range
    PRIMARY KEY (event_id, org_id)
) WITHOUT ROWID;
CREATE INDEX event_organizations_by_org ON event_organizations (org_id, sort_key DESC, event_id DESC);

CREATE TABLE article_people (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    role       TEXT,
    PRIMARY KEY (article_id, person_id)
) WITHOUT ROWID;

CREATE TABLE statements (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id     INTEGER NOT NULL REFERENCES events (id),
    person_id    INTEGER REFERENCES people (id),
    position     INTEGER NOT NULL,       -- order within the article
    speaker      TEXT NOT NULL,
    role         TEXT,
    verb         TEXT,
    text         TEXT NOT NULL,
    direct_quote INTEGER NOT NULL DEFAULT 0,
    lemmas       TEXT NOT NULL,          -- space-separated lemmas of text
    sort_key     TEXT NOT NULL           -- copy of events.sort_key
);
CREATE INDEX statements_by_person ON statements (person_id, sort_key DESC, id DESC);
CREATE INDEX statements_by_event ON statements (event_id, position);
CREATE INDEX statements_by_article ON statements (article_id);

CREATE TABLE statement_organizations (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    org_id       TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (statement_id, org_id)
) WITHOUT ROWID;

-- Lemmatised text of article titles and bodies (kind 'article') and of statements
-- (kind 'statement'). Queries are prefix queries on stems; bot/news/matcher.py decides exactly.
CREATE VIRTUAL TABLE search_index USING fts5 (
    lemmas,
    kind UNINDEXED,
    event_id UNINDEXED,
    statement_id UNINDEXED,
    tokenize = "unicode61 remove_diacritics 0",
    prefix = '2 3 4'
);

CREATE TABLE chats (
    id         INTEGER PRIMARY KEY,      -- Telegram chat id
    type       TEXT NOT NULL,            -- private, group, supergroup, channel
    title      TEXT,
    username   TEXT,
    language   TEXT,
    timezone   TEXT,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE subscriptions (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE ON UPDATE CASCADE,
    query      TEXT NOT NULL,            -- as the user typed it
    kind       TEXT NOT NULL CHECK (kind IN ('words', 'org', 'person')),
    target     TEXT,                     -- organisation id or person surname for org/person
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (chat_id, query)
);

-- Messages to send. Rows are written in the same transaction as what caused them.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    kind            TEXT NOT NULL,       -- alert, digest
    dedupe_key      TEXT NOT NULL UNIQUE,-- e.g. alert:<chat>:<event>: one alert per event per chat
    text            TEXT NOT NULL,       -- rendered HTML
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    last_error      TEXT
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at, id);

CREATE TABLE digest_schedules (
    chat_id         INTEGER PRIMARY KEY REFERENCES chats (id) ON DELETE CASCADE ON UPDATE CASCADE,
    spec            TEXT NOT NULL,       -- as set: "daily 09:00", "weekly пн 09:00", "every 6h"
    timezone        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    covered_until   TEXT,                -- end of the period the last digest covered
    last_posted_at  TEXT,
    created_by      INTEGER,
    updated_at      TEXT NOT NULL
);

CREATE TABLE feeds (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    url              TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('rss', 'page')),
    lang             TEXT NOT NULL DEFAULT 'ru',
    interval_minutes INTEGER NOT NULL DEFAULT 15,
    etag             TEXT,
    last_modified    TEXT,
    error_count      INTEGER NOT NULL DEFAULT 0,
    paused           INTEGER NOT NULL DEFAULT 0,
    last_polled_at   TEXT,
    last_ok_at       TEXT,
    last_error       TEXT,
    added_by         INTEGER
);

CREATE TABLE settings_kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
