-- care_gap: values of the care_gap aggregates against hand derivations and
-- against the same quantities written independently in plain SQL (numeric).
\i sql/include/tap.sql

BEGIN;
SELECT plan(23);

\i sql/include/example_a.sql

SELECT is((SELECT caregap.care_gap(s, d) FROM a),
          ROW(3, 40, 200, 0.2, 0.2, 0.25, 10, 10, 1, 1, 'pooled')::caregap.care_gap_result,
          'hand example A, pooled');

-- Target 0.3: needs 30, 30, 0.  a short by 20; b exactly at target; c none.
-- Gap index 20 / (0.3 * 200) = 1/3 (0.3 * 200 rounds to exactly 60).
SELECT is((SELECT caregap.care_gap(s, d, 0.3) FROM a),
          ROW(3, 40, 200, 0.2, 0.3, 1.0/3, 20, 0, 1, 1, 'target')::caregap.care_gap_result,
          'hand example A, target 0.3');

-- Target 0.1: needs 10, 10, 0: a exactly met, b 20 over.  No gap.
SELECT is((SELECT caregap.care_gap(s, d, 0.1) FROM a),
          ROW(3, 40, 200, 0.2, 0.1, 0, 0, 20, 0, 1, 'target')::caregap.care_gap_result,
          'hand example A, target 0.1');

-- Extreme: all supply where there is no demand.  S = (100, 0), D = (0, 50):
-- R = 2, unit 2 short by 100, gap index 100 / (2 * 50) = 1 = Hoover 1/2 (1 + 1).
SELECT is((SELECT (caregap.care_gap(s, d)).gap_index FROM (VALUES (100, 0), (0, 50)) v(s, d)),
          1::float8, 'all supply misplaced: gap index 1');
SELECT is((SELECT (caregap.care_gap(s, d)).shortfall FROM (VALUES (100, 0), (0, 50)) v(s, d)),
          100::float8, 'all supply misplaced: shortfall 100');

\i sql/include/dataset_b.sql

-- Independent reference in exact numeric arithmetic, per group:
--   hoover    = 1/2 sum |S_i sum D - D_i sum S| / (sum S sum D)
--   shortfall = sum max(0, D_i sum S - S_i sum D) / sum D
CREATE TEMP TABLE ref_b AS
WITH t AS (SELECT g, s::numeric AS s, d::numeric AS d FROM b),
     tot AS (SELECT g, sum(s) AS ss, sum(d) AS sd FROM t GROUP BY g)
SELECT g, ss, sd,
       (0.5 * sum(abs(s * sd - d * ss)) / (ss * sd))::float8 AS hoover,
       (sum(greatest(0, d * ss - s * sd)) / sd)::float8 AS shortfall,
       (sum(greatest(0, s * sd - d * ss)) / sd)::float8 AS surplus,
       count(*) FILTER (WHERE d * ss > s * sd) AS units_short
  FROM t JOIN tot USING (g) GROUP BY g, ss, sd;

CREATE TEMP TABLE got_b AS
SELECT g, (caregap.care_gap(s, d)).* FROM b GROUP BY g;

SELECT is((SELECT count(*) FROM got_b g JOIN ref_b r USING (g)
            WHERE pg_temp.close(g.gap_index, r.hoover)), 5::bigint,
          'pooled gap index equals the Hoover index 1/2 sum |S_i/sum S - D_i/sum D| (5 groups)');
SELECT is((SELECT count(*) FROM got_b g JOIN ref_b r USING (g)
            WHERE pg_temp.close(g.shortfall, r.shortfall) AND pg_temp.close(g.surplus, r.surplus)),
          5::bigint, 'pooled shortfall and surplus equal sum max(0, R D - S) in numeric');
SELECT is((SELECT count(*) FROM got_b g JOIN ref_b r USING (g)
            WHERE g.units_short = r.units_short AND g.supply = r.ss AND g.demand = r.sd
              AND g.units = 40), 5::bigint, 'units, units short and totals per group');
-- sum (R D_i - S_i) = R sum D - sum S = 0: the pooled shortfall equals the surplus
SELECT is((SELECT count(*) FROM got_b WHERE pg_temp.close(shortfall, surplus)), 5::bigint,
          'pooled: shortfall = surplus');
SELECT is((SELECT count(*) FROM got_b WHERE gap_index >= 0 AND gap_index <= 1), 5::bigint,
          'gap index is a share in [0, 1]');

-- target form against plain SQL with tau = 0.45 (numeric reference)
SELECT is((SELECT count(*) FROM
            (SELECT g, caregap.care_gap(s, d, 0.45) AS r,
                    sum(greatest(0, 0.45 * d::numeric - s::numeric)) AS short_ref,
                    sum(greatest(0, s::numeric - 0.45 * d::numeric)) AS surplus_ref,
                    sum(d::numeric) AS sd
               FROM b GROUP BY g) x
            WHERE pg_temp.close((r).shortfall, short_ref::float8)
              AND pg_temp.close((r).surplus, surplus_ref::float8)
              AND pg_temp.close((r).gap_index, (short_ref / (0.45 * sd))::float8)
              AND (r).reference_ratio = 0.45 AND (r).reference = 'target'),
          5::bigint, 'target form equals sum max(0, tau D - S) / (tau sum D) in numeric');

-- at tau = the pooled ratio, the target form gives the pooled result
SELECT ok((SELECT pg_temp.close((caregap.care_gap(s, d, (SELECT sum(s) / sum(d) FROM b))).gap_index,
                                (caregap.care_gap(s, d)).gap_index, 1e-12) FROM b),
          'target at the pooled ratio equals the pooled form');

-- invariance: scaling supply or demand leaves the gap index; shortfall scales with supply
SELECT ok((SELECT pg_temp.close((caregap.care_gap(3 * s, d)).gap_index, (caregap.care_gap(s, d)).gap_index)
              AND pg_temp.close((caregap.care_gap(s, 7 * d)).gap_index, (caregap.care_gap(s, d)).gap_index)
              AND pg_temp.close((caregap.care_gap(3 * s, d)).shortfall, 3 * (caregap.care_gap(s, d)).shortfall)
             FROM b), 'gap index invariant to the units of supply and demand');

-- every unit at the same coverage: no gap
SELECT is((SELECT (caregap.care_gap(2.5 * d, d)).gap_index FROM b), 0::float8, 'equal coverage: gap index 0');

-- SQL forms: GROUPING SETS, FILTER, window
SELECT is((SELECT r FROM (SELECT g, caregap.care_gap(s, d) AS r FROM b GROUP BY GROUPING SETS ((g), ())) x
            WHERE g IS NULL),
          (SELECT caregap.care_gap(s, d) FROM b), 'GROUPING SETS total equals the ungrouped aggregate');
SELECT is((SELECT caregap.care_gap(s, d) FILTER (WHERE g = 2) FROM b),
          (SELECT caregap.care_gap(s, d) FROM b WHERE g = 2), 'FILTER equals WHERE');
SELECT is((SELECT r FROM (SELECT i, caregap.care_gap(s, d) OVER (ORDER BY i) AS r FROM b) x WHERE i = 200),
          (SELECT caregap.care_gap(s, d) FROM b), 'running window: last row equals the whole');
SELECT is((SELECT r FROM (SELECT i, caregap.care_gap(s, d, 0.45) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS r FROM b) x
            WHERE i = 100),
          (SELECT caregap.care_gap(s, d, 0.45) FROM b WHERE i IN (99, 100)), 'moving window frame of 2 rows');
SELECT is((SELECT array_agg((r).units ORDER BY i) FROM
            (SELECT i, caregap.care_gap(s, d) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS r
               FROM b WHERE i <= 5) x),
          ARRAY[1, 2, 3, 3, 3]::bigint[], 'moving frame restarts the pooled state correctly');

-- integer and numeric arguments are accepted (implicit casts to double precision)
SELECT is((SELECT (caregap.care_gap(s::int, d::bigint)).gap_index FROM a),
          0.25::float8, 'integer arguments');
SELECT is((SELECT (caregap.care_gap(s::numeric, d::numeric, 0.3::numeric)).shortfall FROM a),
          20::float8, 'numeric arguments');

-- compensated sums: 100000 rows of supply 0.1 sum to exactly 10000 (the double
-- nearest 0.1 times 1e5 is 10000.0000000000005551, nearest double 10000),
-- where naive summation, PostgreSQL's sum(float8), drifts.
SELECT is((SELECT (caregap.care_gap(0.1::float8, 1::float8)).supply FROM generate_series(1, 100000)),
          10000::float8, 'supply sum is compensated: exactly 10000');
SELECT isnt((SELECT sum(0.1::float8) FROM generate_series(1, 100000)), 10000::float8,
            'while the naive float sum is not 10000');

SELECT * FROM finish();
ROLLBACK;
