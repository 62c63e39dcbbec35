-- care_gap_errors: the edge cases of FORMULAS.md section 1, each with its
-- documented result or its error and SQLSTATE.
\i sql/include/tap.sql

BEGIN;
SELECT plan(38);

-- documented results ------------------------------------------------------

-- NULL inputs are skipped, like sum()
SELECT is((SELECT (caregap.care_gap(s, d)).units FROM (VALUES (1, 2), (NULL, 3), (4, NULL)) v(s, d)),
          1::bigint, 'rows with a NULL supply or demand are skipped');
SELECT is((SELECT (caregap.care_gap(s, d, t)).units FROM (VALUES (1, 2, 0.5), (1, 2, NULL)) v(s, d, t)),
          1::bigint, 'target form: a row with a NULL target is skipped');
-- an empty group, and a group of NULLs only, give NULL
SELECT is((SELECT caregap.care_gap(s, d) FROM (VALUES (1::float8, 2::float8)) v(s, d) WHERE false),
          NULL::caregap.care_gap_result, 'empty group: NULL (pooled)');
SELECT is((SELECT caregap.care_gap(s, d, 0.1) FROM (VALUES (1::float8, 2::float8)) v(s, d) WHERE false),
          NULL::caregap.care_gap_result, 'empty group: NULL (target)');
SELECT is((SELECT caregap.care_gap(s, d) FROM (VALUES (NULL::float8, 2::float8)) v(s, d)),
          NULL::caregap.care_gap_result, 'only NULL rows: NULL');
SELECT is((SELECT caregap.care_gap(s, d, t) FROM (VALUES (1::float8, 2::float8, NULL::float8)) v(s, d, t)),
          NULL::caregap.care_gap_result, 'target NULL on every row: NULL');

-- zero demand in one unit: S = (5, 10), D = (0, 10).  R = 15/10 = 1.5; unit 1
-- needs 0, 5 surplus; unit 2 needs 15, has 10, short 5; gap index 5/15 = 1/3.
SELECT is((SELECT caregap.care_gap(s, d) FROM (VALUES (5, 0), (10, 10)) v(s, d)),
          ROW(2, 15, 10, 1.5, 1.5, 1.0/3, 5, 5, 1, 1, 'pooled')::caregap.care_gap_result,
          'a unit with zero demand counts in the totals');
-- zero supply in one unit: S = (0, 20), D = (10, 10).  R = 1, unit 1 short 10,
-- gap index 10/20 = 0.5.
SELECT is((SELECT caregap.care_gap(s, d) FROM (VALUES (0, 10), (20, 10)) v(s, d)),
          ROW(2, 20, 20, 1, 1, 0.5, 10, 10, 1, 0, 'pooled')::caregap.care_gap_result,
          'a unit with zero supply');
-- a whole group without demand: no reference, so R, gap index, shortfall NULL
SELECT is((SELECT caregap.care_gap(s, d) FROM (VALUES (5, 0), (0, 0)) v(s, d)),
          ROW(2, 5, 0, NULL, NULL, NULL, NULL, NULL, NULL, 2, 'pooled')::caregap.care_gap_result,
          'whole group with zero demand, pooled: reference undefined');
-- the same against a target: nothing needed, 5 surplus, gap index 0/0 NULL
SELECT is((SELECT caregap.care_gap(s, d, 0.5) FROM (VALUES (5, 0), (0, 0)) v(s, d)),
          ROW(2, 5, 0, NULL, 0.5, NULL, 0, 5, 0, 2, 'target')::caregap.care_gap_result,
          'whole group with zero demand, target: gap index undefined');
-- a whole group without supply, pooled: R = 0, nothing short of it, gap index 0/0 NULL
SELECT is((SELECT caregap.care_gap(s, d) FROM (VALUES (0, 10), (0, 30)) v(s, d)),
          ROW(2, 0, 40, 0, 0, NULL, 0, 0, 0, 0, 'pooled')::caregap.care_gap_result,
          'whole group with zero supply, pooled: gap index undefined');
-- ... against target 0.5: needs 5 and 15, all missing: gap index 20/20 = 1
SELECT is((SELECT caregap.care_gap(s, d, 0.5) FROM (VALUES (0, 10), (0, 30)) v(s, d)),
          ROW(2, 0, 40, 0, 0.5, 1, 20, 0, 2, 0, 'target')::caregap.care_gap_result,
          'whole group with zero supply, target: gap index 1');
-- one row: R is its own coverage, no gap
SELECT is((SELECT caregap.care_gap(7, 10)),
          ROW(1, 7, 10, 0.7, 0.7, 0, 0, 0, 0, 0, 'pooled')::caregap.care_gap_result, 'one row');
-- negative zero is zero
SELECT is((SELECT (caregap.care_gap('-0'::float8, 1)).units), 1::bigint, '-0 is accepted as 0');
-- huge but finite values: exponents are split off, nothing overflows.
-- S = (1e300, 3e300), D = (1e300, 1e300): R = 2, gap index 1e300 / 4e300 = 0.25
SELECT ok((SELECT abs((caregap.care_gap(s, d)).gap_index - 0.25) < 1e-15
             FROM (VALUES (1e300::float8, 1e300::float8), (3e300, 1e300)) v(s, d)),
          'values near 1e300 do not overflow');
-- tiny (subnormal) values keep the gap index within [0, 1] (a fuzzer finding)
SELECT ok((SELECT (caregap.care_gap(s, d)).gap_index <= 1
             FROM (VALUES ('5e-312'::float8, '1.6e-311'::float8), (0, 3e-5)) v(s, d)),
          'subnormal values keep the gap index <= 1');

-- errors ------------------------------------------------------------------

SELECT throws_ok('SELECT caregap.care_gap(-1, 2)', '22023', 'supply must not be negative',
                 'negative supply');
SELECT throws_ok('SELECT caregap.care_gap(1, -2)', '22023', 'demand must not be negative',
                 'negative demand');
SELECT throws_ok($$SELECT caregap.care_gap('NaN', 2)$$, '22023', 'supply must not be NaN',
                 'NaN supply');
SELECT throws_ok($$SELECT caregap.care_gap(1, 'NaN')$$, '22023', 'demand must not be NaN',
                 'NaN demand');
SELECT throws_ok($$SELECT caregap.care_gap('Infinity', 2)$$, '22003', 'supply must be finite',
                 'infinite supply');
SELECT throws_ok($$SELECT caregap.care_gap(1, '-Infinity')$$, '22003', 'demand must be finite',
                 'infinite demand');
SELECT throws_ok('SELECT caregap.care_gap(s, d) FROM (VALUES (1, 1), (2, -2)) v(s, d)', '22023',
                 'demand must not be negative', 'a bad row after good rows');
SELECT throws_ok('SELECT caregap.care_gap(-1, 2, 0.5)', '22023', 'supply must not be negative',
                 'target form: negative supply');
SELECT throws_ok($$SELECT caregap.care_gap(1, 'NaN', 0.5)$$, '22023', 'demand must not be NaN',
                 'target form: NaN demand');
SELECT throws_ok($$SELECT caregap.care_gap('Infinity', 1, 0.5)$$, '22003', 'supply must be finite',
                 'target form: infinite supply');
SELECT throws_ok('SELECT caregap.care_gap(1, 2, 0)', '22023', 'target must be positive',
                 'target 0');
SELECT throws_ok('SELECT caregap.care_gap(1, 2, -0.1)', '22023', 'target must be positive',
                 'negative target');
SELECT throws_ok($$SELECT caregap.care_gap(1, 2, 'NaN')$$, '22023', 'target must not be NaN',
                 'NaN target');
SELECT throws_ok($$SELECT caregap.care_gap(1, 2, 'Infinity')$$, '22003', 'target must be finite',
                 'infinite target');
SELECT throws_ok('SELECT caregap.care_gap(s, 1, t) FROM (VALUES (1, 0.1), (1, 0.2)) v(s, t)', '22023',
                 'target must be the same for every row of a group', 'target differs within a group');
SELECT throws_ok('SELECT caregap.care_gap(s, 1) FROM (VALUES (1e308), (1e308)) v(s)', '22003',
                 'care_gap sum is out of range for type double precision', 'pooled: sum overflows');
SELECT throws_ok('SELECT caregap.care_gap(s, 1, 0.5) FROM (VALUES (1e308), (1e308)) v(s)', '22003',
                 'care_gap sum is out of range for type double precision', 'target: sum overflows');

-- support functions called by hand
SELECT is(caregap.care_gap_target_trans('{0,0,0,0,0,0,0,0,0,0,0,0}', 1, 2, 0.5),
          '{1,0.5,1,0,2,0,0,0,0,0,0,0}'::float8[],
          'target transition outside an aggregate returns a new state');
SELECT throws_ok($$SELECT caregap.care_gap_target_final('{1,2}')$$, '22023',
                 'care_gap_target_final: state must be a float8 array of 12 elements without NULLs',
                 'malformed state array');
SELECT throws_ok($$SELECT caregap.care_gap_target_final('{1.5,0.5,1,0,2,0,0,0,0,0,0,0}')$$, 'XX001',
                 'invalid care_gap state', 'state with a fractional row count');
SELECT throws_ok($$SELECT caregap.care_gap_target_final('{1,0.5,-1,0,2,0,0,0,0,0,0,0}')$$, 'XX001',
                 'invalid care_gap state', 'state with a negative sum');
SELECT throws_ok($$SELECT caregap.care_gap_target_combine('{1,0.5,1,0,2,0,0,0,0,0,0,0}',
                                                          '{1,0.25,1,0,2,0,0,0,0,0,0,0}')$$, '22023',
                 'target must be the same for every row of a group', 'combining states of different targets');
-- (the internal-state support functions cannot be called from SQL at all:
-- no value can be cast to type internal)

SELECT * FROM finish();
ROLLBACK;
