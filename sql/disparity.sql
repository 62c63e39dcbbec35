-- disparity: the inequality aggregates against published values (R ineq,
-- PySAL), against their definitions written independently in plain SQL, and
-- against the identities between them.
\i sql/include/tap.sql

BEGIN;
SELECT plan(46);
\i sql/include/ineq_data.sql

-- published values -------------------------------------------------------
SELECT ok(pg_temp.close((SELECT caregap.gini(x) FROM r_ineq), 0.4620911, 1e-7), 'R ineq: Gini 0.4620911');
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, 0.5) FROM r_ineq), 0.1796591, 1e-7), 'R ineq: Atkinson(0.5) 0.1796591');
SELECT ok(pg_temp.close((SELECT caregap.gini(x) FROM mexico), 0.35372371173452849, 1e-15),
          'PySAL: Gini of Mexico pcgdp1940 0.35372371173452849');
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, 0.5) FROM tens), 0.06315, 5e-6), 'Atkinson(0.5) of 10..50: 0.06315');
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, 1) FROM tens), 0.13161, 5e-6), 'Atkinson(1) of 10..50: 0.13161');

-- definitions in plain SQL (numeric where it can be) ----------------------
-- (10..50), mu = 30: T = (1/5) sum (x/30) ln(x/30), L = (1/5) sum ln(30/x), CV = sqrt(200)/30
SELECT ok(pg_temp.close((SELECT caregap.theil_t(x) FROM tens),
                        (SELECT avg((x / 30) * ln(x / 30)) FROM tens)), 'Theil T by its definition');
SELECT ok(pg_temp.close((SELECT caregap.theil_l(x) FROM tens),
                        (SELECT avg(ln(30 / x)) FROM tens)), 'Theil L by its definition');
SELECT ok(pg_temp.close((SELECT caregap.cv(x) FROM tens), sqrt(200.0::float8) / 30), 'CV = sqrt(200)/30');
SELECT ok(pg_temp.close((SELECT caregap.generalized_entropy(x, 2) FROM tens), 1.0 / 9), 'GE(2) = 1/9');
-- weighted Gini = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), in numeric over all pairs
SELECT ok(pg_temp.close((SELECT caregap.gini(x, w) FROM wu),
                        (SELECT (sum(a.w::numeric * b.w::numeric * abs(a.x::numeric - b.x::numeric))
                                 / (2 * (SELECT sum(w::numeric) FROM wu) * (SELECT sum(w::numeric * x::numeric) FROM wu)))::float8
                           FROM wu a, wu b), 1e-13),
          'weighted Gini equals the pairwise form (300 units, ties)');
-- weighted Theil T and L, Atkinson(2), CV from their definitions with mu = sum w x / W
CREATE TEMP TABLE wdef AS
WITH mm AS (SELECT sum(w * x) / sum(w) AS m FROM wu)
SELECT (SELECT sum(w * (x / m) * ln(x / m)) / sum(w) FROM wu) AS t,
       (SELECT sum(w * ln(m / x)) / sum(w) FROM wu) AS l,
       (SELECT 1 - (1 / (sum(w / x) / sum(w))) / m FROM wu) AS a2,
       (SELECT sqrt(sum(w * (x - m) ^ 2) / sum(w)) / m FROM wu) AS cv
  FROM mm;
SELECT ok((SELECT pg_temp.close(caregap.theil_t(x, w), (SELECT t FROM wdef), 1e-13)
             AND pg_temp.close(caregap.theil_l(x, w), (SELECT l FROM wdef), 1e-13)
             AND pg_temp.close(caregap.atkinson(x, w, 2), (SELECT a2 FROM wdef), 1e-13)
             AND pg_temp.close(caregap.cv(x, w), (SELECT cv FROM wdef), 1e-13)
             FROM wu),
          'weighted T, L, Atkinson(2) and CV by their definitions');

-- identities -------------------------------------------------------------
-- integer weights k equal replicating each row k times
SELECT ok((SELECT pg_temp.close((SELECT caregap.gini(x, k) FROM wu), caregap.gini(x), 1e-14)
             AND pg_temp.close((SELECT caregap.theil_t(x, k) FROM wu), caregap.theil_t(x), 1e-13)
             AND pg_temp.close((SELECT caregap.theil_l(x, k) FROM wu), caregap.theil_l(x), 1e-13)
             AND pg_temp.close((SELECT caregap.generalized_entropy(x, k, -1) FROM wu), caregap.generalized_entropy(x, -1), 1e-13)
             AND pg_temp.close((SELECT caregap.atkinson(x, k, 0.5) FROM wu), caregap.atkinson(x, 0.5), 1e-13)
             AND pg_temp.close((SELECT caregap.cv(x, k) FROM wu), caregap.cv(x), 1e-13)
             AND pg_temp.close((SELECT caregap.palma(x, k) FROM wu), caregap.palma(x), 1e-13)
             FROM (SELECT x FROM wu, generate_series(1, k)) r),
          'integer weights equal replicated rows (Gini, T, L, GE(-1), Atkinson, CV, Palma)');
-- all-equal values: exactly 0
SELECT results_eq($$SELECT caregap.gini(x), caregap.theil_t(x), caregap.theil_l(x), caregap.generalized_entropy(x, 3),
                          caregap.atkinson(x, 2), caregap.cv(x), caregap.gini(x, w) FROM (SELECT 7.3::float8 AS x, i::float8 AS w
                          FROM generate_series(1, 9) i) s$$,
                  $$VALUES (0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8)$$,
                  'all-equal values give exactly 0');
-- scaling every x leaves every index unchanged
SELECT ok((SELECT pg_temp.close(caregap.gini(1000 * x, w), caregap.gini(x, w))
             AND pg_temp.close(caregap.theil_t(1000 * x, w), caregap.theil_t(x, w), 1e-13)
             AND pg_temp.close(caregap.atkinson(1000 * x, w, 1.5), caregap.atkinson(x, w, 1.5), 1e-13)
             AND pg_temp.close(caregap.cv(1000 * x, w), caregap.cv(x, w), 1e-13)
             AND pg_temp.close(caregap.palma(1000 * x, w), caregap.palma(x, w), 1e-13) FROM wu),
          'scale invariance');
SELECT ok((SELECT pg_temp.close(caregap.generalized_entropy(x, w, 1), caregap.theil_t(x, w))
             AND pg_temp.close(caregap.generalized_entropy(x, w, 0), caregap.theil_l(x, w))
             AND pg_temp.close(caregap.generalized_entropy(x, w, 2), caregap.cv(x, w) ^ 2 / 2, 1e-13)
             AND pg_temp.close(caregap.atkinson(x, w, 1), 1 - exp(-caregap.theil_l(x, w)), 1e-13) FROM wu),
          'GE(1) = T, GE(0) = L, GE(2) = CV^2/2, Atkinson(1) = 1 - exp(-L)');
SELECT ok((SELECT pg_temp.close(caregap.gini(x, true), caregap.gini(x) * 10 / 9) FROM r_ineq),
          'corrected Gini = n/(n-1) times the Gini');
SELECT ok((SELECT pg_temp.close(caregap.gini(x, w, true), caregap.gini(x, w) / (1 - (SELECT sum(w * w) FROM wu) / (SELECT sum(w) FROM wu) ^ 2))
             FROM wu), 'weighted corrected Gini = Gini / (1 - sum (w/W)^2)');

-- share ratios and the Lorenz curve of (1, 2, 3, 4), by hand:
-- bottom 40 % of the weight = units 1 and 0.6 of unit 2: (1 + 1.2)/10 = 0.22;
-- top 10 % = 0.4 of unit 4: 1.6/10 = 0.16; Palma 0.16/0.22 = 8/11.
-- S80/S20: top 20 % = 0.8 of unit 4 = 3.2/10; bottom 20 % = 0.8 of unit 1 = 0.8/10: 4.
CREATE TEMP TABLE four AS SELECT x::float8 FROM unnest(ARRAY[1, 2, 3, 4]) x;
SELECT ok(pg_temp.close((SELECT caregap.palma(x) FROM four), 8.0 / 11), 'Palma of (1, 2, 3, 4) = 8/11');
SELECT ok(pg_temp.close((SELECT caregap.quantile_share_ratio(x, 0.2, 0.8) FROM four), 4), 'S80/S20 of (1, 2, 3, 4) = 4');
SELECT is((SELECT jsonb_path_query_array(caregap.lorenz_curve(x, 5), '$[*][1]') FROM four),
          '[0, 0.1, 0.3, 0.6, 1]'::jsonb, 'Lorenz curve of (1, 2, 3, 4) at p = 0, 1/4, ..., 1');
SELECT is((SELECT jsonb_array_length(caregap.lorenz_curve(x, w, 101)) FROM wu), 101, '101 Lorenz points');

-- Hoover: 1/2 sum |a_i/A - b_i/B| in numeric, and the pooled care-gap index
SELECT ok((SELECT pg_temp.close(caregap.hoover(x, w),
                                (SELECT (0.5 * sum(abs(x::numeric / sx - w::numeric / sw)))::float8
                                   FROM wu, (SELECT sum(x)::numeric AS sx, sum(w)::numeric AS sw FROM wu) t), 1e-13)
             FROM wu), 'Hoover index by its definition');
SELECT is((SELECT caregap.hoover(x, w) FROM wu), (SELECT (caregap.care_gap(x, w)).gap_index FROM wu),
          'Hoover equals the pooled care-gap index');

-- concentration index: the Gini formula with units ranked by another variable
SELECT ok(pg_temp.close((SELECT caregap.concentration_index(x, x) FROM r_ineq), (SELECT caregap.gini(x) FROM r_ineq), 1e-15)
              AND pg_temp.close((SELECT caregap.concentration_index(x, -x) FROM r_ineq), -(SELECT caregap.gini(x) FROM r_ineq), 1e-15),
          'ranked by x itself it is the Gini; ranked in reverse, minus the Gini');
SELECT ok(pg_temp.close((SELECT caregap.concentration_index(x, w, x) FROM wu), (SELECT caregap.gini(x, w) FROM wu), 1e-13),
          'weighted, ranked by x: the weighted Gini (ties share their midpoint rank)');
-- x = (10, 0) ranked (1, 2): the low-ranked half holds everything, C = 1 - [1/2 (1 + 0) + 1/2 (1 + 1)] = -1/2
SELECT is((SELECT caregap.concentration_index(x, r) FROM (VALUES (10::float8, 1::float8), (0, 2)) v(x, r)), -0.5::float8,
          'all of x with the lowest rank: -1/2');
SELECT is((SELECT caregap.concentration_index(x, 7) FROM wu), 0::float8, 'equal ranks: 0');
-- covariance form (Kakwani): C = (2 / mu) cov_w(x, R), R the fractional rank by k with
-- ties averaged: R = (F_before + F_after) / (2 W)
SELECT ok(pg_temp.close((SELECT caregap.concentration_index(x, w, k) FROM wu),
                        (WITH r AS (SELECT x, w, sum(w) OVER (ORDER BY k RANGE UNBOUNDED PRECEDING) AS f_after,
                                           sum(w) OVER (PARTITION BY k) AS tie_w FROM wu),
                              t AS (SELECT sum(w) AS tw, sum(w * x) / sum(w) AS mu FROM wu)
                         SELECT (2 / mu) * sum(w * (x - mu) * ((2 * f_after - tie_w) / (2 * tw) - 0.5)) / tw FROM r, t
                          GROUP BY mu, tw), 1e-12),
          'weighted concentration index equals its covariance form (5 rank classes, many ties)');

-- grouped, FILTER, window
SELECT is((SELECT count(*) FROM (SELECT g, caregap.gini(x, w) AS gi, caregap.theil_t(x, w) AS t FROM wu GROUP BY g) s
            WHERE gi > 0 AND gi < 1 AND t > 0), 3::bigint, 'three groups');
SELECT is((SELECT caregap.gini(x, w) FILTER (WHERE g = 1) FROM wu), (SELECT caregap.gini(x, w) FROM wu WHERE g = 1),
          'FILTER equals WHERE');
SELECT is((SELECT r FROM (SELECT i, caregap.gini(x, w) OVER (ORDER BY i) AS r FROM wu) s WHERE i = 300),
          (SELECT caregap.gini(x, w) FROM wu), 'running window: the last row equals the whole');
-- a moment state holds rows back; in a running window each row's value reads the state without
-- changing it, so every prefix equals the aggregate over the same rows
SELECT is((SELECT count(*) FROM (SELECT i, caregap.theil_l(x, w) OVER (ORDER BY i) AS r FROM wu) s
            WHERE r IS DISTINCT FROM (SELECT caregap.theil_l(x, w) FROM wu v WHERE v.i <= s.i)), 0::bigint,
          'running window of Theil L: every prefix equals the aggregate over it');

-- rollups: partial states stored per (group, k), merged later, exactly
CREATE TEMP TABLE stored AS
SELECT g, k, caregap.theil_t_state(x, w) AS t, caregap.atkinson_state(x, w, 0.5) AS a, caregap.cv_state(x, w) AS c
  FROM wu GROUP BY g, k;
SELECT ok((SELECT pg_temp.close(caregap.ineq_value(caregap.ineq_merge(t)), (SELECT caregap.theil_t(x, w) FROM wu), 1e-13)
             AND pg_temp.close(caregap.ineq_value(caregap.ineq_merge(a)), (SELECT caregap.atkinson(x, w, 0.5) FROM wu), 1e-13)
             AND pg_temp.close(caregap.ineq_value(caregap.ineq_merge(c)), (SELECT caregap.cv(x, w) FROM wu), 1e-13)
             FROM stored), 'merged stored states equal the measures over all rows');
SELECT ok((SELECT bool_and(pg_temp.close(caregap.ineq_value(m), ref, 1e-13)) FROM
            (SELECT g, caregap.ineq_merge(t) AS m FROM stored GROUP BY g) s
            JOIN (SELECT g, caregap.theil_t(x, w) AS ref FROM wu GROUP BY g) r USING (g)),
          'states rolled up per group equal the per-group measure');
SELECT throws_ok($$SELECT caregap.ineq_merge(s) FROM (SELECT t AS s FROM stored UNION ALL SELECT c FROM stored) u$$,
                 '22023', 'cannot merge these inequality states', 'states of different measures do not merge');
SELECT throws_ok($$SELECT caregap.ineq_merge(s) FROM (SELECT caregap.atkinson_state(x, 0.5) AS s FROM tens
                   UNION ALL SELECT caregap.atkinson_state(x, 2) FROM tens) u$$,
                 '22023', 'cannot merge atkinson states with different parameters (0.5 and 2)',
                 'states of different parameters do not merge');
-- States stored by caregap 0.2.0 have 11 elements (no held-back rows) and are still read.
-- Theil L of 10..50 in that layout, by hand: {version 1, kind 2 (L), no parameter, n 5,
-- pivot K 10, W 5, sum (x - K) 100, F = sum ln(x/K) = ln(1*2*3*4*5) = ln 120 (lo parts 0)};
-- L = ln(mu/K) - F/W = ln 3 - ln(120)/5 = 0.14111394011170...
SELECT ok(pg_temp.close(caregap.ineq_value('{1,2,0,5,10,5,0,100,0,4.787491742782046,0}'),
                        ln(3) - ln(120) / 5, 1e-15), 'a version-1 state evaluates');
SELECT ok(pg_temp.close((SELECT caregap.ineq_value(caregap.ineq_merge(s)) FROM
                          (SELECT '{1,2,0,5,10,5,0,100,0,4.787491742782046,0}'::float8[] AS s
                           UNION ALL SELECT caregap.theil_l_state(x) FROM (VALUES (60::float8), (70), (80)) v(x)) u),
                        (SELECT caregap.theil_l(x) FROM generate_series(10, 80, 10) x), 1e-14),
          'a version-1 state merges with a current one');

-- rollups of the distribution measures: a stored state keeps every (x, w) pair, so merged
-- states give the measure over all rows to the bit (the same multiset sorts the same way)
CREATE TEMP TABLE dstored AS
SELECT g, k, caregap.distribution_state(x, w) AS s, caregap.distribution_state(x) AS u FROM wu GROUP BY g, k;
SELECT is((SELECT ARRAY[caregap.gini_of(m), caregap.gini_of(m, true), caregap.palma_of(m),
                        caregap.quantile_share_ratio_of(m, 0.2, 0.8)]
             FROM (SELECT caregap.distribution_merge(s) AS m FROM dstored) t),
          (SELECT ARRAY[caregap.gini(x, w), caregap.gini(x, w, true), caregap.palma(x, w),
                        caregap.quantile_share_ratio(x, w, 0.2, 0.8)] FROM wu),
          'merged stored distribution states give Gini, corrected Gini, Palma and S80/S20 over all rows');
SELECT is((SELECT caregap.lorenz_curve_of(caregap.distribution_merge(s), 5) FROM dstored),
          (SELECT caregap.lorenz_curve(x, w, 5) FROM wu), 'merged states give the Lorenz curve over all rows');
SELECT is((SELECT caregap.gini_of(caregap.distribution_merge(u)) FROM dstored), (SELECT caregap.gini(x) FROM wu),
          'unweighted stored states');
SELECT is((SELECT array_agg(caregap.gini_of(m) ORDER BY g) FROM
            (SELECT g, caregap.distribution_merge(s) AS m FROM dstored GROUP BY g) t),
          (SELECT array_agg(gi ORDER BY g) FROM (SELECT g, caregap.gini(x, w) AS gi FROM wu GROUP BY g) r),
          'states rolled up per group give the per-group Gini');
SELECT is((SELECT ARRAY[caregap.distribution_state(x)::text, caregap.distribution_merge(NULL::bytea)::text]
             FROM wu WHERE false), ARRAY[NULL, NULL]::text[], 'no rows: NULL states');
SELECT throws_ok($$SELECT caregap.gini_of('\x0102'::bytea)$$, 'XX001', NULL, 'a malformed stored state');
SELECT throws_ok($$SELECT caregap.quantile_share_ratio_of(s, 0.9, 0.1) FROM dstored LIMIT 1$$, '22023',
                 'population shares must satisfy 0 < low <= high < 1', 'shares checked at evaluation');
SELECT throws_ok($$SELECT caregap.lorenz_curve_of(s, 1) FROM dstored LIMIT 1$$, '22023',
                 'points must be between 2 and 100001', 'Lorenz points checked at evaluation');

SELECT * FROM finish();
ROLLBACK;
