-- hardening (0.3.1): every repro of the 0.3.0 review, each failing on 0.3.0,
-- with independent references: definitions in numeric SQL, or values from
-- Python mpmath at 60 digits (the call in the comment).
\i sql/include/tap.sql

CREATE TABLE hard_groups AS
SELECT g, (g % 97 + 1)::float8 AS x, 'grp' || (g % 200000) AS grp FROM generate_series(1, 400000) g;
ANALYZE hard_groups;

BEGIN;
SELECT plan(42);
\i sql/include/parallel.sql

-- 1..50 three times (the report's "x = 1..50 repeated")
CREATE TEMP TABLE fifty AS SELECT (g % 50 + 1)::float8 AS x FROM generate_series(0, 149) g;
-- GE(a) = (mean (x/mu)^a - 1) / (a (a - 1)) in numeric, at a decimal a
CREATE FUNCTION pg_temp.ge_numeric(a numeric) RETURNS numeric LANGUAGE sql AS $$
    WITH m AS (SELECT avg(x::numeric)::numeric(60, 40) AS mu FROM fifty)
    SELECT (avg(power(x::numeric / mu, a::numeric(60, 40))) - 1) / (a * (a - 1)) FROM fifty, m $$;

-- 1. GE and Atkinson at and near their singular parameters.
-- 0.3.0: atkinson(x, 0.9999999999999999) = 0.42047, generalized_entropy(x,
-- 0.9999999999999999) = -0, generalized_entropy(x, 1e-15) = 0.22204.
SELECT ok(pg_temp.close((SELECT caregap.generalized_entropy(x, 0.9999999999999999) FROM fifty),
                        pg_temp.ge_numeric(0.9999999999999999)::float8, 1e-15),
          'GE(1 - 1e-16) = the numeric definition (0.1835992645968453)');
SELECT ok(pg_temp.close((SELECT caregap.generalized_entropy(x, 1e-15) FROM fifty),
                        pg_temp.ge_numeric(0.000000000000001)::float8, 1e-15),
          'GE(1e-15) = the numeric definition (0.2691231131289197)');
SELECT ok(pg_temp.close((SELECT caregap.generalized_entropy(x, 1.0000000000000002) FROM fifty),
                        pg_temp.ge_numeric(1.0000000000000002)::float8, 1e-15),
          'GE(1 + 2e-16) = the numeric definition');
SELECT ok(pg_temp.close((SELECT caregap.generalized_entropy(x, -1e-15) FROM fifty),
                        pg_temp.ge_numeric(-0.000000000000001)::float8, 1e-15),
          'GE(-1e-15) = the numeric definition');
-- A(1) = 1 - exp(mean ln x) / mu in numeric; A(1 - 1e-16) = 0.23595081462818500928
-- (mpmath: 1 - mean((x/mu)^(1-e))^(1/(1-e)) at e = float(0.9999999999999999))
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, 0.9999999999999999) FROM fifty),
                        (SELECT 1 - exp(avg(ln(x::numeric))) / avg(x::numeric) FROM fifty)::float8, 1e-15),
          'Atkinson(1 - 1e-16) = A(1) = 1 - geometric mean / mean (0.2359508146281850)');
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, 0.9999999999999999) FROM fifty), 0.23595081462818500928, 1e-16),
          'Atkinson(1 - 1e-16) = 0.23595081462818500928 (mpmath)');
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, (SELECT sum(0.1::float8) FROM generate_series(1, 10))) FROM fifty),
                        0.23595081462818500928, 1e-16),
          'epsilon = sum(0.1) over ten rows, the same double');
SELECT ok((SELECT caregap.generalized_entropy(x, 0.9999999999999999) FROM fifty) > 0.18,
          'GE(1 - 1e-16) is positive, never -0');
-- sweeps through the singular points: GE moves no more than its slope allows
SELECT is_empty($$
    SELECT k, a FROM (SELECT k, 1 + s * 2 ^ (-k) AS a FROM generate_series(12, 52, 4) k, (VALUES (-1), (1)) v(s)) p,
           LATERAL (SELECT caregap.generalized_entropy(x, a) AS ge FROM fifty) g
     WHERE abs(ge - 0.18359926459684529232) > 0.1 * abs(a - 1) + 1e-15 $$,
    'GE(1 +- 2^-k), k = 12..52: within 0.1 |alpha - 1| of T = 0.18359926459684529232 (mpmath)');
SELECT is_empty($$
    SELECT k, a FROM (SELECT k, s * 2 ^ (-k) AS a FROM generate_series(12, 52, 4) k, (VALUES (-1), (1)) v(s)) p,
           LATERAL (SELECT caregap.generalized_entropy(x, a) AS ge FROM fifty) g
     WHERE abs(ge - 0.26912311312891982088) > 0.2 * abs(a) + 1e-15 $$,
    'GE(+-2^-k), k = 12..52: within 0.2 |alpha| of L = 0.26912311312891982088 (mpmath)');
SELECT is_empty($$
    SELECT k FROM generate_series(12, 52, 4) k,
           LATERAL (SELECT caregap.atkinson(x, 1 - 2 ^ (-k)) AS a FROM fifty) g
     WHERE abs(a - 0.23595081462818504215) > 0.5 * 2 ^ (-k) + 1e-15 $$,
    'Atkinson(1 - 2^-k), k = 12..52: within 0.5 |eps - 1| of A(1) = 0.23595081462818504215 (mpmath)');
SELECT ok(pg_temp.close((SELECT caregap.theil_t(x) FROM fifty),
                        (SELECT avg((x::numeric / m) * ln(x::numeric / m)) FROM fifty,
                                (SELECT avg(x::numeric) AS m FROM fifty) mm)::float8, 1e-15),
          'Theil T of 1..50 = the numeric definition');

-- 2. CV at tiny magnitudes (0.3.0: 0 for x * 1e-170; squares underflowed),
-- and row order (0.3.0 kept the first row as the pivot for good).
SELECT ok(pg_temp.close((SELECT caregap.cv(x * 1e-170) FROM fifty),
                        (SELECT sqrt(avg((x::numeric - m) ^ 2)) / min(m) FROM fifty, (SELECT avg(x::numeric) AS m FROM fifty) mm)::float8,
                        1e-15),
          'cv(x * 1e-170) = the numeric CV of x (0.5659164584181103)');
SELECT ok(pg_temp.close((SELECT caregap.cv(x * 1e150) FROM fifty), 0.56591645841811027154, 1e-15),
          'cv(x * 1e150) = 0.56591645841811027154 (mpmath)');
CREATE TEMP TABLE far_first AS
SELECT 0 AS o, 1e6::float8 AS x, 1e-20::float8 AS w
UNION ALL SELECT i + 1, 1 + ((i * 37) % 1000 - 500) * 1e-6, 1 FROM generate_series(0, 999) i;
-- references: the definitions in numeric over the same doubles
CREATE TEMP TABLE far_ref AS
WITH d AS (SELECT x::numeric AS x, w::numeric AS w FROM far_first),
     m AS (SELECT sum(w * x) / sum(w) AS mu, sum(w) AS wt FROM d)
SELECT (sqrt(sum(w * (x - mu) ^ 2) / wt) / mu)::float8 AS cv,
       (sum(w * (x / mu) * ln(x / mu)) / wt)::float8 AS t
  FROM d, m GROUP BY mu, wt;
SELECT ok(pg_temp.close((SELECT caregap.cv(x, w ORDER BY o) FROM far_first), (SELECT cv FROM far_ref), 1e-9),
          'CV, far light row first: the numeric definition (0.3.0: 0.011043 for 0.00028855)');
SELECT ok(pg_temp.close((SELECT caregap.cv(x, w ORDER BY o DESC) FROM far_first), (SELECT cv FROM far_ref), 1e-9),
          'CV, the same rows in reverse order');
SELECT ok(abs((SELECT caregap.theil_t(x, w ORDER BY o) FROM far_first) / (SELECT t FROM far_ref) - 1) < 1e-8,
          'Theil T, far light row first: the numeric definition to 1e-8 relative (0.3.0: 2.5 % off)');
SELECT ok(abs((SELECT caregap.theil_t(x, w ORDER BY o DESC) FROM far_first) / (SELECT t FROM far_ref) - 1) < 1e-8,
          'Theil T, reverse order');

-- 3. Care gap at the reference, with decimal inputs: within 2^-50 of the need
-- counts as met (README "Care gap").  0.3.0: care_gap(0.3, 3, 0.1) had one unit short.
SELECT results_eq($$SELECT (g).units_short, (g).shortfall, (g).surplus FROM (SELECT caregap.care_gap(0.3, 3, 0.1) AS g) s$$,
                  $$VALUES (0::bigint, 0::float8, 0::float8)$$,
                  'care_gap(0.3, 3, 0.1): the unit meets its need (0.1 * 3 = 0.30000000000000004 in binary)');
SELECT results_eq($$SELECT (u).gap, (u).shortfall, (u).relative_coverage FROM (SELECT caregap.unit_gap(0.3::float8, 3::float8, 0.1::float8) OVER () AS u) s$$,
                  $$VALUES (0::float8, 0::float8, 1::float8)$$,
                  'unit_gap at the reference: gap 0, relative coverage 1');
-- 6,451 units with one-decimal supply and whole demand, a quarter exactly at the
-- target 0.1: units short against the exact decimal comparison in numeric
CREATE TEMP TABLE decimal_units AS
SELECT i, d, CASE WHEN i % 4 = 0 THEN d / 10.0 ELSE ((i * 7919) % 5000) / 10.0 END AS s
  FROM (SELECT i, ((i * 104729) % 5000 + 1)::numeric AS d FROM generate_series(1, 6451) i) u;
SELECT is((SELECT (caregap.care_gap(s::float8, d::float8, 0.1)).units_short FROM decimal_units),
          (SELECT count(*) FROM decimal_units WHERE 0.1 * d > s),
          'units short = the numeric count of 0.1 d > s over 6,451 decimal units');
SELECT is((SELECT count(*) FROM (SELECT caregap.unit_gap(s::float8, d::float8, 0.1::float8) OVER () AS u FROM decimal_units) q
            WHERE (u).shortfall > 0),
          (SELECT count(*) FROM decimal_units WHERE 0.1 * d > s),
          'unit_gap agrees unit by unit');
SELECT ok(pg_temp.close((SELECT (caregap.care_gap(s::float8, d::float8, 0.1)).shortfall FROM decimal_units),
                        (SELECT sum(0.1 * d - s) FROM decimal_units WHERE 0.1 * d > s)::float8, 1e-13),
          'shortfall = the numeric sum of 0.1 d - s over the short units');
-- pooled reference: units exactly at R = sum S / sum D (S = R D in decimals)
SELECT is((SELECT (caregap.care_gap(s, d)).units_short FROM (VALUES (0.3::float8, 3::float8), (0.7, 7), (0.1, 1)) v(s, d)),
          0::bigint, 'pooled: every unit at R = 0.1 is met');

-- 4. Gini, Palma and the decomposition at extreme magnitudes: an answer, or the documented error.
SELECT is((SELECT caregap.gini(x) FROM (VALUES (1e308::float8), (1e308)) v(x)), 0::float8,
          'Gini of {1e308, 1e308} = 0 (0.3.0: out of range)');
SELECT ok(pg_temp.close((SELECT caregap.gini(x) FROM (VALUES (5e-324::float8), (1e-323)) v(x)), 1 / 6.0),
          'Gini of {5e-324, 1e-323} = Gini of (1, 2) = 1/6 (0.3.0: out of range)');
SELECT ok(pg_temp.close((SELECT caregap.gini(x, w) FROM (VALUES (1::float8, 1e-310::float8), (2, 1e-310)) v(x, w)), 1 / 6.0),
          'Gini with a total weight below 2.2e-308 = 1/6');
SELECT throws_ok($$SELECT caregap.gini(x, w) FROM (VALUES (0::float8, 1::float8), (0, 1e200), (3, 1e-200)) v(x, w)$$,
                 '22003', NULL, 'x = {0, 0, 3}, w = {1, 1e200, 1e-200}: the documented range error (0.3.0: NULL)');
SELECT throws_ok($$SELECT caregap.palma(x) FROM (SELECT CASE WHEN g <= 50 THEN 1e-200 * g ELSE 1e200 * g END AS x
                                                  FROM generate_series(1, 100) g) s$$,
                 '22003', NULL, 'Palma of values spanning 10^402: the range error, not a silently wrong share');
SELECT is((SELECT caregap.palma(x) FROM (SELECT CASE WHEN g <= 50 THEN 0 ELSE g END::float8 AS x
                                           FROM generate_series(1, 100) g) s), NULL::float8,
          'Palma with the bottom 40 % all zero: NULL, as documented');
SELECT results_eq($$SELECT (t).theil_t, (t).theil_t_between, (t).theil_l_between
                      FROM (SELECT caregap.theil_decomposition(x, w, g) AS t
                              FROM (VALUES (1::float8, 5e-324::float8, 'a'), (2, 5e-324, 'a'), (3, 1e-323, 'b'), (10, 5e-324, 'b')) v(x, w, g)) s$$,
                  $$SELECT (t).theil_t, (t).theil_t_between, (t).theil_l_between
                      FROM (SELECT caregap.theil_decomposition(x, w, g) AS t
                              FROM (VALUES (1::float8, 1::float8, 'a'), (2, 1, 'a'), (3, 2, 'b'), (10, 1, 'b')) v(x, w, g)) s$$,
                  'decomposition with weights 5e-324: that of the weights times 2^1074 (0.3.0: T = 0, between 0.0566)');
SELECT throws_ok($$SELECT caregap.theil_t(x, w) FROM (VALUES (1::float8, 5e-324::float8), (3, 1e-323)) v(x, w)$$,
                 '22003', 'weight is out of range for type double precision', 'Theil T: a subnormal weight is an error');

-- 5. theil_decomposition with 200,000 groups under a forced parallel plan: the leader's
-- combine finds groups by hash and services interrupts (0.3.0: 60,000 groups ignored a 6 s timeout)
SELECT matches(pg_temp.plan('SELECT caregap.theil_decomposition(x, grp) FROM hard_groups'),
               'Finalize Aggregate.*Gather.*Partial Aggregate', 'the decomposition runs in parallel');
-- (pgTAP's throws_ok cannot catch a cancel: WHEN OTHERS excludes query_canceled)
\i sql/include/canceled.sql
SET LOCAL statement_timeout = '300ms';
SELECT is(pg_temp.canceled('SELECT (caregap.theil_decomposition(x, grp)).theil_t FROM hard_groups'), 'canceled: 57014',
          '200,000 groups: statement_timeout stops it');
RESET statement_timeout;

-- 6. Smaller items.
SELECT throws_ok($$SELECT caregap.gini_of('\x00'::bytea)$$, 'XX001', 'invalid distribution state',
                 'the message says "state" once');
SELECT is((SELECT caregap.generalized_entropy(x, 0.7)::text FROM (VALUES (0.3::float8), (0.3), (0.3)) v(x)), '0',
          'GE over equal values prints 0, not -0');
-- a row skipped for a NULL x (or w) is skipped whole: its parameter is not checked, in any order
SELECT lives_ok($$SELECT caregap.quantile_share_ratio(x, l, h ORDER BY o), caregap.quantile_share_ratio(x, l, h ORDER BY o DESC)
                    FROM (VALUES (1, NULL::float8, 0.9::float8, 0.1::float8), (2, 1, 0.2, 0.8), (3, 5, 0.2, 0.8)) v(o, x, l, h)$$,
                'quantile_share_ratio: a NULL-x row with bad shares is skipped in either order');
SELECT lives_ok($$SELECT caregap.gini(x, c ORDER BY o), caregap.gini(x, c ORDER BY o DESC)
                    FROM (VALUES (1, NULL::float8, true), (2, 1, false), (3, 5, false)) v(o, x, c)$$,
                'gini(x, corrected): a NULL-x row with another flag is skipped in either order');
SELECT lives_ok($$SELECT caregap.lorenz_curve(x, w, p ORDER BY o), caregap.lorenz_curve(x, w, p ORDER BY o DESC)
                    FROM (VALUES (1, 1::float8, NULL::float8, 1), (2, 1, 1, 5), (3, 5, 1, 5)) v(o, x, w, p)$$,
                'lorenz_curve: a NULL-w row with an invalid point count is skipped in either order');
-- Lorenz curve in one pass over the sorted rows: 100,001 points over 400,000 rows
SELECT is((SELECT jsonb_array_length(caregap.lorenz_curve(x, 100001)) FROM hard_groups), 100001,
          'lorenz_curve with 100,001 points over 400,000 rows');
SELECT ok(pg_temp.close((SELECT (caregap.lorenz_curve(x, 100001) -> 40000 ->> 1)::float8 FROM hard_groups),
                        (SELECT (caregap.lorenz_curve(x, 11) -> 4 ->> 1)::float8 FROM hard_groups), 0),
          'the point at p = 0.4 is the same with 11 or 100,001 points');
-- a stored version-2 state of 0.3.0 (Theil L of 10..50 with four rows held) still reads:
-- L = ln 3 - ln(120)/5 (mu = 30, K = 10)
SELECT ok(pg_temp.close(caregap.ineq_value('{2,2,0,1,10,1,0,0,0,0,0,4,20,1,30,1,40,1,50,1,0,0,0,0,0,0,0,0}'),
                        ln(3::float8) - ln(120::float8) / 5),
          'a version-2 stored state converts and evaluates');

SELECT * FROM finish();
ROLLBACK;
DROP TABLE hard_groups;
