-- PostgreSQL form of migrations/0007_lean_search.sql. search_rows as on SQLite; search_index keeps
-- each row's distinct tokens (the lemmas split as SQLite's unicode61 tokenizer splits them) in an
-- array with a GIN index: `tokens && ARRAY[…]` is "holds one of these tokens".

CREATE TABLE search_rows (
    id           BIGINT PRIMARY KEY,
    event_id     BIGINT NOT NULL,
    statement_id BIGINT,
    lemmas       BYTEA NOT NULL           -- space-separated lemmas, zlib-compressed (storage.db.pack_text)
);

CREATE TABLE search_tokens (
    rowid  BIGINT PRIMARY KEY,
    tokens TEXT[] COLLATE "C" NOT NULL
);

-- The PostgreSQL backend arrived at schema 0009, so no PostgreSQL index holds rows of the older form;
-- search_rows has no backfill (its lemmas are packed by Python's zlib, which SQL cannot call here).
INSERT INTO search_tokens (rowid, tokens)
SELECT rowid, ARRAY(SELECT DISTINCT t FROM regexp_split_to_table(lower(lemmas), '[^[:alnum:]]+') AS t WHERE t <> '')
FROM search_index;

DROP TABLE search_index;
ALTER TABLE search_tokens RENAME TO search_index;
CREATE INDEX search_index_tokens ON search_index USING gin (tokens);

ALTER TABLE statements DROP COLUMN lemmas;
