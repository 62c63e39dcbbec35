-- Shared by sql/partial.sql, test/citus/citus.sql and bench/citus.sh: the
-- expression given for each argument of a caregap aggregate (by its name and
-- type; the rows are in a table with the columns of sql/partial.sql's pd, the
-- weights in pw_ref), and a comparison of two results' text, number by number,
-- to 1e-12 relative.  Session-local (pg_temp): call them qualified.
-- the expression given for an argument, by its name and type
CREATE FUNCTION pg_temp.arg_expr(n text, t regtype) RETURNS text LANGUAGE sql AS $$
SELECT CASE
    WHEN n = 'id' AND t = 'text'::regtype THEN 'id::text'
    WHEN n = 'state' AND t = 'bytea'::regtype THEN 'dst'
    WHEN n = 'state' THEN 'ist'
    ELSE (SELECT e FROM (VALUES
        ('id', 'id'), ('value', 'x'), ('x', 'x'), ('w', 'w'), ('weight', 'w'), ('people', 'd'),
        ('supply', 's'), ('demand', 'd'), ('target', '0.6'), ('a', 's'), ('b', 'd'),
        ('rank_by', 'r'), ('grp', 'grp'), ('t', 't'), ('y', 'y'),
        ('low', '0.2'), ('high', '0.8'), ('alpha', '2'), ('epsilon', '0.5'), ('corrected', 'true'),
        ('points', '11'), ('k', '4'), ('method', '''fisher_jenks'''),
        ('weights', '''pw_ref''::regclass'), ('permutations', '99'), ('seed', '7'), ('style', '''R'''),
        ('alternative', '''two_sided'''), ('islands', '''exclude'''), ('unmatched', '''error'''),
        ('options', 'caregap.spatial_options(permutations => 99, seed => 7)')) m(k, e)
          WHERE m.k = n)
END $$;

-- numbers in two results' text agree to 1e-12 relative (partial sums may round differently)
CREATE FUNCTION pg_temp.same_numbers(a text, b text) RETURNS boolean LANGUAGE sql AS $$
WITH x AS (SELECT array_agg(m[1] ORDER BY o) v FROM regexp_matches(a, '-?[0-9.]+(?:e[-+]?[0-9]+)?', 'g') WITH ORDINALITY q(m, o)),
     y AS (SELECT array_agg(m[1] ORDER BY o) v FROM regexp_matches(b, '-?[0-9.]+(?:e[-+]?[0-9]+)?', 'g') WITH ORDINALITY q(m, o))
SELECT a = b OR (regexp_replace(a, '-?[0-9.]+(?:e[-+]?[0-9]+)?', '#', 'g') = regexp_replace(b, '-?[0-9.]+(?:e[-+]?[0-9]+)?', '#', 'g')
       AND cardinality(x.v) = cardinality(y.v)
       AND (SELECT bool_and(abs(p::float8 - q::float8) <= 1e-12 * greatest(1, abs(q::float8)))
              FROM unnest(x.v, y.v) u(p, q)))
  FROM x, y $$;

