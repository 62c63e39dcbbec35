-- unit_gap: the per-unit window functions against hand derivations and
-- against the same quantities written in plain SQL.
\i sql/include/tap.sql

BEGIN;
SELECT plan(17);

-- row d has a NULL supply: its result is NULL
\i sql/include/example_a.sql

SELECT results_eq(
    $$SELECT u, (g).coverage, (g).relative_coverage, (g).gap, (g).shortfall, (g).surplus, (g).reference_ratio
        FROM (SELECT u, caregap.unit_gap(s, d) OVER () AS g FROM a) x ORDER BY u$$,
    $$VALUES ('a', 0.1::float8, 0.5::float8, 0.5::float8, 10::float8, 0::float8, 0.2::float8),
             ('b', 0.3, 1.5, 0, 0, 10, 0.2),
             ('c', NULL, NULL, NULL, 0, 0, 0.2),
             ('d', NULL, NULL, NULL, NULL, NULL, NULL)$$,
    'hand example A, pooled');

-- Target 0.3 on row a: needs 30, has 10: relative 10/30 = 1/3, gap 20/30 = 2/3, shortfall 20
SELECT is((SELECT caregap.unit_gap(s, d, 0.3) OVER () FROM a WHERE u = 'a'),
          ROW(0.1, 1.0/3, 2.0/3, 20, 0, 0.3)::caregap.unit_gap_result, 'hand example, target 0.3');
SELECT is((SELECT caregap.unit_gap(s, d, NULL) OVER () FROM a WHERE u = 'a'),
          NULL::caregap.unit_gap_result, 'NULL target: NULL');

-- data set B, partitioned by group; reference in numeric
\i sql/include/dataset_b.sql
CREATE TEMP TABLE got AS
SELECT i, g, s, d, (caregap.unit_gap(s, d) OVER (PARTITION BY g)).* FROM b;
CREATE TEMP TABLE ref AS
SELECT i, g, s, d, ss, sd,
       (greatest(0, d::numeric * ss - s::numeric * sd) / sd)::float8 AS shortfall,
       (greatest(0, s::numeric * sd - d::numeric * ss) / sd)::float8 AS surplus,
       (s::numeric * sd / (d::numeric * ss))::float8 AS relative
  FROM b JOIN (SELECT g, sum(s)::numeric AS ss, sum(d)::numeric AS sd FROM b GROUP BY g) t USING (g);

SELECT is((SELECT count(*) FROM got JOIN ref USING (i)
            WHERE pg_temp.close(got.shortfall, ref.shortfall) AND pg_temp.close(got.surplus, ref.surplus)),
          200::bigint, 'per-row shortfall and surplus equal max(0, +-(R D - S)) in numeric');
SELECT is((SELECT count(*) FROM got JOIN ref USING (i)
            WHERE pg_temp.close(got.relative_coverage, ref.relative)
              AND pg_temp.close(got.gap, greatest(0, 1 - ref.relative))
              AND got.coverage = got.s / got.d
              AND got.reference_ratio = (ref.ss / ref.sd)::float8),
          200::bigint, 'relative coverage, gap, coverage and R per row');
SELECT is((SELECT count(*) FROM
            (SELECT g, sum(shortfall) AS short FROM got GROUP BY g) u
            JOIN (SELECT g, (caregap.care_gap(s, d)).shortfall AS short FROM b GROUP BY g) c USING (g)
            WHERE pg_temp.close(u.short, c.short, 1e-12)),
          5::bigint, 'unit shortfalls add up to the group shortfall of care_gap');
SELECT set_eq($$SELECT i, (caregap.unit_gap(s, d) OVER (PARTITION BY g ORDER BY s DESC, i)).* FROM b$$,
              $$SELECT i, coverage, relative_coverage, gap, shortfall, surplus, reference_ratio FROM got$$,
              'the window ORDER BY and frame do not change the result');
SELECT is((SELECT count(DISTINCT (g).reference_ratio) FROM (SELECT caregap.unit_gap(s, d) OVER () AS g FROM b) x),
          1::bigint, 'one reference for the whole partition');

-- a partition without demand: no reference
SELECT results_eq(
    $$SELECT (g).coverage, (g).shortfall, (g).reference_ratio
        FROM (SELECT caregap.unit_gap(s, d) OVER () AS g FROM (VALUES (5, 0), (0, 0)) v(s, d)) x$$,
    $$VALUES (NULL::float8, NULL::float8, NULL::float8), (NULL, NULL, NULL)$$,
    'partition without demand: reference undefined');
-- a partition without supply: R = 0, relative coverage undefined, nothing short
SELECT results_eq(
    $$SELECT (g).coverage, (g).relative_coverage, (g).shortfall, (g).reference_ratio
        FROM (SELECT caregap.unit_gap(s, d) OVER () AS g FROM (VALUES (0, 10)) v(s, d)) x$$,
    $$VALUES (0::float8, NULL::float8, 0::float8, 0::float8)$$,
    'partition without supply: R = 0');

SELECT throws_ok('SELECT caregap.unit_gap(s, d) OVER () FROM (VALUES (1, 1), (-1, 1)) v(s, d)', '22023',
                 'supply must not be negative', 'pooled: negative supply');
SELECT throws_ok($$SELECT caregap.unit_gap(s, d) OVER () FROM (VALUES (1, 'NaN'::float8)) v(s, d)$$, '22023',
                 'demand must not be NaN', 'pooled: NaN demand');
SELECT throws_ok($$SELECT caregap.unit_gap(s, d) OVER () FROM (VALUES ('Infinity'::float8, 1)) v(s, d)$$, '22003',
                 'supply must be finite', 'pooled: infinite supply');
SELECT throws_ok('SELECT caregap.unit_gap(s, 1) OVER () FROM (VALUES (1e308), (1e308)) v(s)', '22003',
                 'unit_gap sum is out of range for type double precision', 'pooled: sum overflows');
SELECT throws_ok('SELECT caregap.unit_gap(1, -1, 0.5) OVER ()', '22023',
                 'demand must not be negative', 'target: negative demand');
SELECT throws_ok('SELECT caregap.unit_gap(1, 1, 0) OVER ()', '22023',
                 'target must be positive', 'target: zero target');
SELECT throws_ok($$SELECT caregap.unit_gap(1, 1, 'NaN') OVER ()$$, '22023',
                 'target must not be NaN', 'target: NaN target');

SELECT * FROM finish();
ROLLBACK;
