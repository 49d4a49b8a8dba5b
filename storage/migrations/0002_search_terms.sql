-- Every token of search_index, so that a keyword's word family is found by a B-tree range
-- ("вод" .. "вод\uffff") and searched as exact tokens: FTS5 prefix queries on long stems
-- merge whole doclists and slow down as the corpus grows.
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE VIRTUAL TABLE temp.search_vocab_backfill USING fts5vocab (main, search_index, 'row');
INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_vocab_backfill;
DROP TABLE temp.search_vocab_backfill;
