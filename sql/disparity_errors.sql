-- disparity_errors: NULLs, empty groups, one row, zeros and every kind of
-- bad input for the inequality aggregates, each with its documented result
-- or its error and SQLSTATE.
\i sql/include/tap.sql

BEGIN;
SELECT plan(45);

-- documented results
SELECT results_eq($$SELECT caregap.gini(x, w), caregap.theil_t(x, w), caregap.atkinson(x, w, 0.5), caregap.cv(x, w)
                     FROM (VALUES (1::float8, 1::float8), (NULL, 1), (3, NULL), (5, 1)) v(x, w)$$,
                  $$SELECT caregap.gini(x), caregap.theil_t(x), caregap.atkinson(x, 0.5), caregap.cv(x)
                     FROM (VALUES (1::float8), (5)) v(x)$$,
                  'rows with a NULL x or w are skipped');
SELECT results_eq($$SELECT caregap.gini(x), caregap.theil_t(x), caregap.theil_l(x), caregap.generalized_entropy(x, 2),
                          caregap.atkinson(x, 0.5), caregap.cv(x), caregap.palma(x), caregap.hoover(x, x)
                     FROM (VALUES (1::float8)) v(x) WHERE false$$,
                  $$VALUES (NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::float8,
                            NULL::float8, NULL::float8)$$,
                  'an empty group gives NULL');
SELECT is((SELECT caregap.lorenz_curve(x, 3) FROM (VALUES (1::float8)) v(x) WHERE false), NULL::jsonb,
          'an empty group gives a NULL Lorenz curve');
SELECT results_eq($$SELECT caregap.gini(x), caregap.theil_t(x), caregap.theil_l(x), caregap.atkinson(x, 2), caregap.cv(x)
                     FROM (VALUES (42::float8)) v(x)$$,
                  $$VALUES (0::float8, 0::float8, 0::float8, 0::float8, 0::float8)$$,
                  'one row: no inequality, 0');
SELECT is((SELECT caregap.gini(x, true) FROM (VALUES (42::float8)) v(x)), NULL::float8,
          'one row, corrected Gini: n/(n-1) undefined, NULL');
SELECT results_eq($$SELECT caregap.gini(x), caregap.theil_t(x), caregap.atkinson(x, 0.5), caregap.cv(x), caregap.palma(x)
                     FROM (VALUES (0::float8), (0)) v(x)$$,
                  $$VALUES (NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::float8)$$,
                  'every x = 0: the mean is 0, NULL');
-- x = 0 is allowed where the measure is defined at 0
SELECT ok(pg_temp.close((SELECT caregap.theil_t(x) FROM (VALUES (0::float8), (2)) v(x)), ln(2::float8)),
          'Theil T with a zero: 0 ln 0 = 0, T of (0, 2) = ln 2');
SELECT ok(pg_temp.close((SELECT caregap.gini(x) FROM (VALUES (0::float8), (2)) v(x)), 0.5), 'Gini of (0, 2) = 1/2');
SELECT ok(pg_temp.close((SELECT caregap.atkinson(x, 0.5) FROM (VALUES (0::float8), (2)) v(x)), 0.5),
          'Atkinson(0.5) of (0, 2) = 1 - (sqrt 2 / 2)^2 / 1 = 1/2');
SELECT is((SELECT caregap.hoover(a, b) FROM (VALUES (0::float8, 1::float8), (0, 2)) v(a, b)), NULL::float8,
          'Hoover with a zero total: NULL');
SELECT is((SELECT caregap.gini(x, 2.5) FROM (VALUES (1::float8), (3)) v(x)),
          (SELECT caregap.gini(x) FROM (VALUES (1::float8), (3)) v(x)), 'a constant weight changes nothing');

-- errors
SELECT throws_ok('SELECT caregap.gini(-1)', '22023', 'x must not be negative', 'Gini: negative x');
SELECT throws_ok('SELECT caregap.theil_t(-1)', '22023', 'x must not be negative', 'Theil T: negative x');
SELECT throws_ok($$SELECT caregap.cv('NaN')$$, '22023', 'x must not be NaN', 'CV: NaN x');
SELECT throws_ok($$SELECT caregap.palma('Infinity')$$, '22003', 'x must be finite', 'Palma: infinite x');
SELECT throws_ok('SELECT caregap.gini(1, 0)', '22023', 'weight must be positive', 'zero weight');
SELECT throws_ok('SELECT caregap.theil_t(1, -2)', '22023', 'weight must be positive', 'negative weight');
SELECT throws_ok($$SELECT caregap.atkinson(1, 'NaN', 0.5)$$, '22023', 'weight must not be NaN', 'NaN weight');
SELECT throws_ok($$SELECT caregap.cv(1, 'Infinity')$$, '22003', 'weight must be finite', 'infinite weight');
SELECT throws_ok('SELECT caregap.theil_l(0)', '22023',
                 'theil_l requires x > 0: ln(0) and 0 to a negative power are undefined', 'Theil L at x = 0');
SELECT throws_ok('SELECT caregap.atkinson(0, 1)', '22023',
                 'atkinson requires x > 0: ln(0) and 0 to a negative power are undefined', 'Atkinson(1) at x = 0');
SELECT throws_ok('SELECT caregap.atkinson(0, 2)', '22023',
                 'atkinson requires x > 0: ln(0) and 0 to a negative power are undefined', 'Atkinson(2) at x = 0');
SELECT throws_ok('SELECT caregap.generalized_entropy(0, -1)', '22023',
                 'generalized_entropy requires x > 0: ln(0) and 0 to a negative power are undefined', 'GE(-1) at x = 0');
SELECT throws_ok('SELECT caregap.atkinson(1, -0.5)', '22023', 'epsilon must not be negative', 'negative epsilon');
SELECT throws_ok($$SELECT caregap.atkinson(1, 'Infinity')$$, '22003', 'epsilon must be finite', 'infinite epsilon');
SELECT throws_ok($$SELECT caregap.generalized_entropy(1, 'NaN')$$, '22023', 'alpha must not be NaN', 'NaN alpha');
SELECT throws_ok('SELECT caregap.atkinson(x, e) FROM (VALUES (1, 0.5), (2, 1.5)) v(x, e)', '22023',
                 'epsilon must be the same for every row of a group', 'epsilon differs within a group');
SELECT throws_ok('SELECT caregap.gini(x, c) FROM (VALUES (1, true), (2, false)) v(x, c)', '22023',
                 'corrected must be the same for every row of a group', 'correction flag differs within a group');
SELECT throws_ok('SELECT caregap.quantile_share_ratio(1, 0.8, 0.2)', '22023',
                 'population shares must satisfy 0 < low <= high < 1', 'low above high');
SELECT throws_ok('SELECT caregap.quantile_share_ratio(1, 0, 0.5)', '22023',
                 'population shares must satisfy 0 < low <= high < 1', 'low = 0');
SELECT throws_ok('SELECT caregap.lorenz_curve(1, 1)', '22023', 'points must be between 2 and 100001', 'one Lorenz point');
SELECT throws_ok('SELECT caregap.hoover(-1, 1)', '22023', 'a must not be negative', 'Hoover: negative a');
SELECT is((SELECT caregap.theil_t(x) FROM (VALUES (1e308::float8), (1e308)) v(x)), 0::float8,
          'values near the top of the double range: sums are taken relative to a pivot, no overflow');
SELECT throws_ok('SELECT caregap.theil_t(x, w) FROM (VALUES (1, 1e308), (2, 1e308)) v(x, w)', '22003',
                 'theil_t is out of range for type double precision', 'total weight overflows');
SELECT throws_ok($$SELECT caregap.concentration_index(1, 'NaN')$$, '22023', 'rank_by must not be NaN', 'NaN rank');
SELECT throws_ok('SELECT caregap.concentration_index(-1, 1)', '22023', 'x must not be negative', 'concentration: negative x');
SELECT is((SELECT caregap.concentration_index(x, r) FROM (VALUES (0::float8, 1::float8), (0, 2)) v(x, r)), NULL::float8,
          'concentration index with every x = 0: NULL');
-- stored states checked when used
SELECT throws_ok($$SELECT caregap.ineq_value('{1,2}')$$, '22023',
                 'ineq_value: state must be a float8 array of 11, 28 or 30 elements without NULLs', 'malformed state');
SELECT throws_ok($$SELECT caregap.ineq_value('{1,9,0,1,1,1,0,0,0,0,0}')$$, 'XX001', 'invalid inequality state',
                 'state of an unknown measure');
SELECT throws_ok($$SELECT caregap.ineq_value('{1,1,0,1.5,1,1,0,0,0,0,0}')$$, 'XX001', 'invalid inequality state',
                 'state with a fractional row count');
-- a state holds up to 8 rows back (element 14: their count, 15..30: x, w), checked too
CREATE TEMP TABLE held AS
SELECT caregap.theil_l_state(x) AS s FROM (VALUES (10::float8), (20), (30), (40), (50)) v(x);
SELECT is((SELECT s[14] FROM held), 4::float8, 'four of five rows are held back');
SELECT throws_ok($$SELECT caregap.ineq_value(s[1:13] || 9::float8 || s[15:30]) FROM held$$, 'XX001',
                 'invalid inequality state', 'more held-back rows than a state holds');
SELECT throws_ok($$SELECT caregap.ineq_merge(s) FROM (SELECT s FROM held UNION ALL
                   SELECT s[1:14] || 0::float8 || s[16:30] FROM held) u$$, 'XX001',
                 'invalid inequality state', 'a held-back x = 0 (never held: zeros are counted apart)');
-- inside an aggregate a state is trusted, except with memory: a hand-made INITCOND claiming
-- a billion held-back rows is an error, never a write past the array (version 3, and the
-- version 2 of 0.3.0, which is converted)
CREATE AGGREGATE pg_temp.bad_theil(float8) (SFUNC = caregap.ineq_trans, STYPE = float8[],
    INITCOND = '{3,1,0,1,1,1,0,0,0,0,0,0,0,1e9,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}', FINALFUNC = caregap.ineq_value);
SELECT throws_ok($$SELECT pg_temp.bad_theil(x) FROM generate_series(1, 20) x$$, 'XX001',
                 'invalid inequality state', 'a forged count of held-back rows');
CREATE AGGREGATE pg_temp.bad_theil2(float8) (SFUNC = caregap.ineq_trans, STYPE = float8[],
    INITCOND = '{2,1,0,1,1,1,0,0,0,0,0,1e9,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}', FINALFUNC = caregap.ineq_value);
SELECT throws_ok($$SELECT pg_temp.bad_theil2(x) FROM generate_series(1, 20) x$$, 'XX001',
                 'invalid inequality state', 'a forged count of held-back rows in a version-2 state');

SELECT * FROM finish();
ROLLBACK;
