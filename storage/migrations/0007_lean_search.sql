-- A leaner file (issue 15). The full-text index kept prefix indexes ('2 3 4') that no query uses
-- (a word's family is looked up in search_terms and searched as exact tokens), token positions
-- that no query uses (no FTS phrase or NEAR query: phrases are checked on the lemmas), and a
-- copy of every lemma text; statements kept their lemmas a second time.
--
-- Now: search_rows holds what a hit needs (its event, its statement, the lemmas zlib-compressed
-- for the exact check of phrases and excluded words), and search_index is a contentless FTS5
-- table of the same rowids holding only which row has which token.

CREATE TABLE search_rows (
    id           INTEGER PRIMARY KEY,    -- the rowid in search_index; newer rows have larger ids
    event_id     INTEGER NOT NULL,
    statement_id INTEGER,                -- NULL: the article's title and body
    lemmas       BLOB NOT NULL           -- space-separated lemmas, zlib-compressed (storage.db.pack_text)
);

INSERT INTO search_rows (id, event_id, statement_id, lemmas)
SELECT rowid, event_id, statement_id, newsbot_pack(lemmas) FROM search_index;

CREATE VIRTUAL TABLE search_tokens USING fts5 (
    lemmas,
    content = '',
    detail = none,
    columnsize = 0,
    tokenize = "unicode61 remove_diacritics 0"
);

INSERT INTO search_tokens (rowid, lemmas) SELECT rowid, lemmas FROM search_index;

DROP TABLE search_index;
ALTER TABLE search_tokens RENAME TO search_index;

ALTER TABLE statements DROP COLUMN lemmas;
