-- PostgreSQL only (issue 14): /search walks the index newest first until it has its candidates, and
-- for words common apart but rarer together (`климат Афганистан`) that was thousands of rows read
-- from the table and their token arrays compared, ~20 ms at 100,000 articles. Each row now also
-- keeps 512 bits, one set per token (the bit a token's md5 names): a row holding a token has its
-- bit. The walk reads these bits from an index (an index-only scan, no table rows) and reads from
-- the table only the rows whose bits pass; their tokens decide, so results do not change.
-- md5, not hashtext: the bits must stay the same across PostgreSQL versions.
CREATE FUNCTION search_token_bits(tokens TEXT[]) RETURNS BIT(512) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(bit_or(B'1'::BIT(512) >> (('x' || left(md5(t), 4))::BIT(16)::INT % 512)), 0::BIT(512))
    FROM unnest(tokens) AS t
$$;

ALTER TABLE search_index ADD COLUMN bits BIT(512) GENERATED ALWAYS AS (search_token_bits(tokens)) STORED;
CREATE INDEX search_index_bits ON search_index (rowid, bits);
