-- decisions (0.7.0): class breaks, class_of, the composite index and the
-- allocation planner.  References: mapclassify's published calemp example,
-- PostgreSQL's percentile_cont, plain-SQL definitions, hand derivations, and
-- brute force over every integer allocation of small cases.
\i sql/include/tap.sql
\i sql/include/parallel.sql

BEGIN;
SELECT plan(48);

-- mapclassify's calemp example (employment density of California's 58 counties, BSD-3): its README gives
-- FisherJenks(y, k=5): upper bounds 75.29, 192.05, 370.5, 722.85, 4111.45, counts 49, 3, 4, 1, 1
CREATE TABLE calemp (y double precision);
INSERT INTO calemp VALUES (329.92), (0.42), (5.9), (14.03), (2.78), (1.34), (181.27), (1.65), (10.03), (16.7),
  (1.32), (3.99), (3.16), (0.22), (8.7), (6.56), (3.27), (0.33), (370.5), (4.51), (75.29), (0.99), (2.74), (8.68),
  (0.14), (0.92), (12.63), (28.7), (12.02), (722.85), (36.68), (0.74), (29.82), (192.05), (3.38), (11.15), (110.74),
  (4111.45), (49.47), (10.33), (317.11), (20.47), (264.93), (66.26), (5.39), (0.13), (0.61), (50.65), (40.48),
  (36.67), (13.09), (1.81), (0.2), (7.6), (2.51), (57.26), (24.32), (6.97);
ANALYZE calemp;
CREATE TEMP TABLE fj AS SELECT (caregap.breaks(y, 5, 'fisher_jenks')).* FROM calemp;
SELECT is(bounds, ARRAY[75.29, 192.05, 370.5, 722.85, 4111.45]::float8[], 'calemp Fisher-Jenks k = 5: mapclassify''s bounds') FROM fj;
SELECT is(counts, ARRAY[49, 3, 4, 1, 1]::bigint[], 'calemp Fisher-Jenks: mapclassify''s counts') FROM fj;
SELECT ok(pg_temp.close(gvf, 1 - (SELECT sum((y - m) ^ 2) FROM (SELECT y, avg(y) OVER (PARTITION BY caregap.class_of(y, (SELECT bounds FROM fj))) AS m FROM calemp) s)
                             / (SELECT sum((y - (SELECT avg(y) FROM calemp)) ^ 2) FROM calemp), 1e-13),
          'goodness of variance fit = 1 - SDCM/SDAM in plain SQL') FROM fj;
SELECT is((SELECT bounds FROM (SELECT (caregap.breaks(y, 4, 'quantile')).* FROM calemp) q),
          (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75, 1]) WITHIN GROUP (ORDER BY y) FROM calemp),
          'quantile breaks = percentile_cont (the same linear interpolation)');
SELECT ok((SELECT bool_and(pg_temp.close(b, mn + (mx - mn) * o / 5, 1e-15))
             FROM (SELECT min(y) AS mn, max(y) AS mx FROM calemp) m,
                  unnest((SELECT (caregap.breaks(y, 5, 'equal_interval')).bounds FROM calemp)) WITH ORDINALITY AS u(b, o)),
          'equal intervals = min + (max - min) c / k');
SELECT is((SELECT (caregap.breaks(v, 3, 'head_tail')).bounds FROM unnest(ARRAY[1, 2, 3, 4, 10]::float8[]) v),
          ARRAY[4, 10]::float8[], 'head/tail of (1, 2, 3, 4, 10): the mean 4, then the head {10}');
SELECT is((SELECT (caregap.breaks(v, w, 2, 'fisher_jenks')).bounds FROM (VALUES (1::float8, 3::float8), (5, 1), (6, 2), (20, 1)) t(v, w)),
          (SELECT (caregap.breaks(v, 2, 'fisher_jenks')).bounds FROM unnest(ARRAY[1, 1, 1, 5, 6, 6, 20]::float8[]) v),
          'weighted Fisher-Jenks = unweighted on the replicated values');
SELECT is((SELECT ((b).classes, (b).bounds, (b).gvf) FROM (SELECT caregap.breaks(v, 3, 'fisher_jenks') AS b FROM unnest(ARRAY[7, 7, 7]::float8[]) v) s),
          (1, ARRAY[7]::float8[], NULL::float8), 'all values equal: one class, no goodness of fit');
SELECT is((SELECT (caregap.breaks(v, 5, 'fisher_jenks')).classes FROM unnest(ARRAY[1, 1, 2, 2, NULL]::float8[]) v), 2,
          'k above the distinct values: one class each; NULLs skipped');
SELECT is((SELECT array_agg(caregap.class_of(v, ARRAY[1, 2, 3]::float8[]) ORDER BY v) FROM unnest(ARRAY[0, 1, 1.5, 2, 3, 9]::float8[]) v),
          ARRAY[1, 1, 2, 2, 3, 3], 'class_of: right-closed, above the last bound in the last class');
SELECT throws_ok($$SELECT caregap.breaks(y, 0, 'fisher_jenks') FROM calemp$$, '22023', NULL, 'k < 1 is refused');
SELECT throws_ok($$SELECT caregap.breaks(y, 5, 'natural') FROM calemp$$, '22023', NULL, 'an unknown method is refused');
SELECT throws_ok($$SELECT caregap.breaks(v, 3, 'quantile') FROM unnest(ARRAY[1, 'NaN']::float8[]) v$$, '22023', NULL, 'NaN is refused');
SELECT throws_ok($$SELECT caregap.class_of(1, ARRAY[3, 2]::float8[])$$, '22023', NULL, 'class_of: bounds must increase');
SELECT throws_ok($$SELECT caregap.class_of(1, ARRAY[]::float8[])$$, '22023', NULL, 'class_of: bounds must not be empty');
SELECT ok(caregap.class_of(NULL, ARRAY[1]::float8[]) IS NULL, 'class_of of NULL is NULL');
SELECT throws_ok($$SELECT caregap.breaks(v, 3, 'quantile') FROM unnest(ARRAY[1, 'Infinity']::float8[]) v$$, '22003', NULL, 'an infinite value is refused');
SELECT throws_ok($$SELECT caregap.breaks(v, -1::float8, 2, 'quantile') FROM unnest(ARRAY[1, 2, 3]::float8[]) v$$, '22023', NULL, 'a negative weight is refused');
SELECT ok((SELECT caregap.breaks(y, 5, 'fisher_jenks') IS NULL FROM calemp WHERE false), 'no rows: NULL');
CREATE TABLE manyv AS SELECT exp(sin(g) * 3)::float8 AS y, (1 + g % 7)::float8 AS w FROM generate_series(1, 20000) g;
ANALYZE manyv;
CREATE TEMP TABLE serial_fj AS SELECT (caregap.breaks(y, w, 6, 'fisher_jenks')).bounds FROM manyv;
SAVEPOINT par;
\i sql/include/force_parallel.sql
SELECT ok(pg_temp.plan('SELECT caregap.breaks(y, w, 6, ''fisher_jenks'') FROM manyv') ~ 'Partial Aggregate',
          'breaks runs as a partial aggregate under a forced parallel plan');
SELECT is((SELECT (caregap.breaks(y, w, 6, 'fisher_jenks')).bounds FROM manyv), (SELECT bounds FROM serial_fj),
          'breaks under a parallel plan: the same bounds as serial');
ROLLBACK TO SAVEPOINT par;

-- composite index: equal weights, min-max, arithmetic, against plain SQL
CREATE TEMP TABLE ind AS
SELECT code AS id, pop_65plus_2010::float8 / pop_total_2010 AS a, area_km2::float8 AS b, pop_total_2010::float8 AS c
  FROM caregap.gyeonggi_municipality;
CREATE TEMP TABLE comp AS SELECT * FROM caregap.composite('SELECT id, a, b, c FROM ind', '{1,1,-1}', draws => 200, seed => 7);
SELECT ok((SELECT bool_and(pg_temp.close(c.score, r.s, 1e-14)) FROM comp c JOIN (
             SELECT id, ((a - min(a) OVER ()) / (max(a) OVER () - min(a) OVER ())
                         + (b - min(b) OVER ()) / (max(b) OVER () - min(b) OVER ())
                         + (max(c) OVER () - c) / (max(c) OVER () - min(c) OVER ())) / 3 AS s FROM ind) r USING (id)),
          'composite (min-max, equal weights, one direction reversed) = plain SQL');
SELECT ok((SELECT bool_and(rank = 1 + (SELECT count(*) FROM comp d WHERE d.score > c.score)) FROM comp c), 'rank 1 for the largest score');
SELECT ok((SELECT bool_and(rank_p05 <= rank_median AND rank_median <= rank_p95 AND rank_p05 >= 1 AND rank_p95 <= 31) FROM comp),
          'rank intervals contain the median and lie in 1..31');
SELECT is((SELECT array_agg(rank_median ORDER BY id) FROM caregap.composite('SELECT id, a, b, c FROM ind', '{1,1,-1}', draws => 200, seed => 7)),
          (SELECT array_agg(rank_median ORDER BY id) FROM comp), 'the same seed, the same rank intervals');
SELECT ok((SELECT bool_and(rank_median = rank AND rank_p05 = rank AND rank_p95 = rank)
             FROM caregap.composite('SELECT id, a, b, c FROM ind', delta => 0, draws => 10)), 'delta 0: every draw gives the point ranks');
-- entropy weights: P = s / sum s over the min-max values, e = -sum P ln P / ln n, w ~ 1 - e
SELECT ok((SELECT pg_temp.close((SELECT weights[1] FROM caregap.composite('SELECT id, a, b FROM ind', weighting => 'entropy', draws => 0) LIMIT 1),
           d1 / (d1 + d2), 1e-13)
             FROM (SELECT 1 - sum(CASE WHEN p1 > 0 THEN -p1 * ln(p1) ELSE 0 END) / ln(31) AS d1,
                          1 - sum(CASE WHEN p2 > 0 THEN -p2 * ln(p2) ELSE 0 END) / ln(31) AS d2
                     FROM (SELECT s1 / sum(s1) OVER () AS p1, s2 / sum(s2) OVER () AS p2
                             FROM (SELECT (a - min(a) OVER ()) / (max(a) OVER () - min(a) OVER ()) AS s1,
                                          (b - min(b) OVER ()) / (max(b) OVER () - min(b) OVER ()) AS s2 FROM ind) m) q) e),
          'entropy weights = their definition in plain SQL');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, a FROM ind', normalization => 'log')$$, '22023', NULL, 'an unknown normalization is refused');
SELECT ok((SELECT bool_and(pg_temp.close(c.score, (i.a / 0.1 - i.b / 1000) / 2, 1e-14))
             FROM caregap.composite('SELECT id, a, b FROM ind', '{1,-1}', 'target', targets => '{0.1,1000}', draws => 0) c JOIN ind i USING (id)),
          'distance to targets: x / t, reversed -x / t, equal weights (plain SQL)');
SELECT ok((SELECT bool_and(rank_p05 <= rank_median AND rank_median <= rank_p95)
             FROM caregap.composite('SELECT id, a, b, c FROM ind', '{1,1,-1}', draws => 300, vary_aggregation => true, vary_normalization => true)),
          'normalization and aggregation varied by the draws: rank intervals hold their medians');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, a, b FROM ind', '{1}')$$, '2202E', NULL, 'directions must match the indicators');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, a, b FROM ind', normalization => 'zscore', aggregation => 'geometric')$$, '22023',
                 NULL, 'geometric aggregation of z-scores is refused');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, CASE WHEN id = ''41110'' THEN ''Infinity'' ELSE a END AS a FROM ind')$$, '22003',
                 'composite: indicator 1 of unit 41110 must be finite', 'an infinite indicator is named');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, NULLIF(a, a) AS a FROM ind')$$, '22004', NULL, 'a NULL indicator is refused');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, a FROM ind UNION ALL SELECT id, a FROM ind')$$, '22023',
                 NULL, 'a duplicate unit is refused');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, a FROM ind LIMIT 1')$$, '22023', NULL, 'one unit is too few');

-- allocation: by hand (T = 1, supply (20, 50, 90), demand 100 each, 60 places, continuous): the level L with
-- 200 (1 - L) - 70 = 60, L = 0.35: (45, 15, 0)
SELECT is((SELECT array_agg(round(added::numeric, 9) ORDER BY id) FROM caregap.allocate(
             'SELECT * FROM (VALUES (''a'', 20::float8, 100::float8), (''b'', 50, 100), (''c'', 90, 100)) t(id, supply, demand)', 60, 1, 'minmax', false)),
          ARRAY[45, 15, 0]::numeric[], 'min-max by hand: (45, 15, 0), every gap down to 0.35');
-- brute force: every integer allocation of up to 7 places over 3 units, target 1.5
CREATE TEMP TABLE au AS SELECT * FROM (VALUES ('a', 3::float8, 9::float8), ('b', 10, 11), ('c', 1, 4)) t(id, supply, demand);
SELECT is((SELECT round(max(gap_after)::numeric, 12) FROM caregap.allocate('SELECT * FROM au', 7, 1.5)),
          (SELECT round(min(m)::numeric, 12) FROM (
             SELECT greatest(0, 1 - (3 + x) / 13.5, 1 - (10 + y) / 16.5, 1 - (1 + z) / 6.0) AS m
               FROM generate_series(0, 7) x, generate_series(0, 7) y, generate_series(0, 7) z WHERE x + y + z <= 7) b),
          'integer min-max = the brute-force optimum over every allocation');
SELECT is((SELECT round(sum(shortfall_after)::numeric, 12) FROM caregap.allocate('SELECT * FROM au', 7, 1.5, 'shortfall')),
          (SELECT round(min(m)::numeric, 12) FROM (
             SELECT greatest(0, 13.5 - 3 - x) + greatest(0, 16.5 - 10 - y) + greatest(0, 6 - 1 - z) AS m
               FROM generate_series(0, 7) x, generate_series(0, 7) y, generate_series(0, 7) z WHERE x + y + z <= 7) b),
          'integer shortfall = the brute-force optimum');
SELECT is((SELECT (sum(added), max(gap_after)) FROM caregap.allocate('SELECT * FROM au', 1000, 1.5)),
          (23::float8, 0::float8), 'a budget that fills every gap: each unit to its target in whole places (11 + 7 + 5), the rest unused');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT * FROM au', -1, 1.5)$$, '22023', NULL, 'a negative budget is refused');
SELECT is((SELECT added FROM caregap.allocate('SELECT * FROM au UNION ALL SELECT ''z'', 0, 0', 100, 1.5) WHERE id = 'z'), 0::float8,
          'a unit with zero demand has no gap and gets no place');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT * FROM au', 5, 1.5, 'fairness')$$, '22023', NULL, 'an unknown objective is refused');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT * FROM au UNION ALL SELECT * FROM au', 5, 1.5)$$, '22023', NULL, 'a duplicate unit is refused');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT id, ''NaN''::float8 AS supply, demand FROM au', 5, 1.5)$$, '22023', NULL, 'a NaN supply is refused');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT id, supply, -demand AS demand FROM au', 5, 1.5)$$, '22023', NULL, 'a negative demand is refused');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT * FROM au', 5, 0)$$, '22023', NULL, 'a target of 0 is refused');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT id, supply, demand, 4::float8 AS min_add FROM au', 5, 1.5)$$, '22023',
                 'allocate: the minimum places (min_add) cost more than the budget', 'minimums above the budget are refused');

SELECT * FROM finish();
ROLLBACK;
