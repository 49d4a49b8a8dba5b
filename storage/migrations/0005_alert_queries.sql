-- What subscriptions ask for, stored once however many chats ask it (issue 5, alert speed).
--
-- Thousands of chats subscribe to the same things (ООН, вода, a minister): an article is
-- matched against each distinct query once, and its chats are then looked up by query id.
-- `text` is the query for words, the organisation id for org, the surname for person.
CREATE TABLE alert_queries (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('words', 'org', 'person')),
    text         TEXT NOT NULL,
    terms_needed INTEGER NOT NULL,
    compiled     TEXT,    -- words: the parsed query as JSON, so matching needs no morphology (NULL: parse text)
    UNIQUE (kind, text)
);

-- The inverted index, now of queries: which keys (word stems and lemmas, "org:<id>",
-- "person:<surname>") lead to which query. A query of several words has one numbered term
-- per word; it is a candidate only when every term was hit (terms_needed), and
-- bot/news/matcher.py then decides exactly.
CREATE TABLE alert_query_keys (
    key      TEXT NOT NULL,
    query_id INTEGER NOT NULL REFERENCES alert_queries (id) ON DELETE CASCADE,
    term_no  INTEGER NOT NULL,
    PRIMARY KEY (key, query_id, term_no)
) WITHOUT ROWID;
CREATE INDEX alert_query_keys_by_query ON alert_query_keys (query_id);

ALTER TABLE subscriptions ADD COLUMN query_id INTEGER REFERENCES alert_queries (id);
-- Covering: the chats of the queries an article matched are read from the index alone.
CREATE INDEX subscriptions_by_query ON subscriptions (query_id, chat_id, id, query) WHERE active = 1;

-- Existing subscriptions keep their keys: one query per distinct (kind, text).
INSERT OR IGNORE INTO alert_queries (kind, text, terms_needed)
SELECT kind, CASE kind WHEN 'words' THEN query ELSE target END, max(terms_needed)
FROM subscriptions GROUP BY kind, CASE kind WHEN 'words' THEN query ELSE target END;

UPDATE subscriptions SET query_id = (
    SELECT q.id FROM alert_queries q
    WHERE q.kind = subscriptions.kind AND q.text = CASE subscriptions.kind WHEN 'words' THEN subscriptions.query
                                                                        ELSE subscriptions.target END
);

INSERT OR IGNORE INTO alert_query_keys (key, query_id, term_no)
SELECT k.key, s.query_id, k.term_no FROM subscription_keys k JOIN subscriptions s ON s.id = k.subscription_id;

DROP TABLE subscription_keys;
ALTER TABLE subscriptions DROP COLUMN terms_needed;
