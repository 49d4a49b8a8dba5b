-- Nothing on SQLite: PostgreSQL's migration 0012 gives its search index token bits (an index-only
-- walk newest first); SQLite's FTS5 index intersects its posting lists itself.
SELECT 1;
