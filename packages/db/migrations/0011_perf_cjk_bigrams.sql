-- Chinese search (perf): a trigram index cannot serve a 2-character term such as 漏水 or 噪音, so the
-- CJK character pairs of a text are indexed too (GIN on cjk_bigrams(search_text) in the next migration).
-- A plain SQL function (no plpgsql: PGlite and PostgreSQL alike), IMMUTABLE so it can be indexed.
CREATE OR REPLACE FUNCTION cjk_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT coalesce(array_agg(DISTINCT b), '{}'::text[])
  FROM (SELECT substr(t, i, 2) AS b FROM generate_series(1, length(t) - 1) AS i) AS pairs
  WHERE b ~ '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}$'
$fn$;
