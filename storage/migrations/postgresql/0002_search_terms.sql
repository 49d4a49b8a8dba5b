-- PostgreSQL form of migrations/0002_search_terms.sql: the vocabulary of the search index.
CREATE TABLE search_terms (
    term TEXT COLLATE "C" PRIMARY KEY
);

INSERT INTO search_terms (term)
SELECT DISTINCT t FROM search_index, regexp_split_to_table(lower(lemmas), '[\s\-]+') AS t WHERE t <> ''
ON CONFLICT DO NOTHING;
