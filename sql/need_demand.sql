-- need_demand: need-weighted demand D = sum_k a_k N_k, wide and long forms.
\i sql/include/tap.sql

BEGIN;
SELECT plan(17);

-- counts (100, 50, 10), weights (1, 2, 4): 100 + 100 + 40 = 240
SELECT is(caregap.need_demand('{100,50,10}', '{1,2,4}'), 240::float8, 'wide form by hand');
SELECT is(caregap.need_demand('{}', '{}'), 0::float8, 'no classes: 0');
SELECT is(caregap.need_demand('[0:1]={3,4}', '{10,100}'), 430::float8, 'array bounds do not matter');
SELECT is(caregap.need_demand(NULL, '{1}'), NULL::float8, 'NULL array: NULL (strict)');
SELECT throws_ok($$SELECT caregap.need_demand('{1,2}', '{1}')$$, '2202E',
                 'counts and weights must have the same length', 'length mismatch');
SELECT throws_ok($$SELECT caregap.need_demand('{1,NULL}', '{1,1}')$$, '22004',
                 'counts must not contain NULLs', 'NULL element');
SELECT throws_ok($$SELECT caregap.need_demand('{1,-2}', '{1,1}')$$, '22023',
                 'counts[2] must not be negative', 'negative count, named by position');
SELECT throws_ok($$SELECT caregap.need_demand('{1,2}', '{NaN,1}')$$, '22023',
                 'weights[1] must not be NaN', 'NaN weight');
SELECT throws_ok($$SELECT caregap.need_demand('{{1,2},{3,4}}', '{{1,2},{3,4}}')$$, '2202E',
                 'counts must be a one-dimensional array', 'two-dimensional array');
SELECT throws_ok($$SELECT caregap.need_demand('{1e308,1e308}', '{1,1}')$$, '22003',
                 'need_demand is out of range for type double precision', 'overflow');

-- long form: people by unit and need class, joined to the class weights
CREATE TEMP TABLE people (unit int, class text, n float8);
INSERT INTO people SELECT u, c, (u * 17 + length(c) * 5) % 40 + 1
  FROM generate_series(1, 6) u, unnest(ARRAY['65-74', '75-84', '85+', 'grade1-2']) c;
CREATE TEMP TABLE weight (class text, a float8);
INSERT INTO weight VALUES ('65-74', 0.5), ('75-84', 1.0), ('85+', 2.25), ('grade1-2', 4.0);

SELECT set_eq($$SELECT unit, caregap.need_demand_agg(n, a) FROM people JOIN weight USING (class) GROUP BY unit$$,
              $$SELECT unit, sum(n::numeric * a::numeric)::float8 FROM people JOIN weight USING (class) GROUP BY unit$$,
              'long form equals sum(people * weight) in numeric');
SELECT set_eq($$SELECT unit, caregap.need_demand_agg(n, a) FROM people JOIN weight USING (class) GROUP BY unit$$,
              $$SELECT unit, caregap.need_demand(array_agg(n ORDER BY class), array_agg(a ORDER BY class))
                  FROM people JOIN weight USING (class) GROUP BY unit$$,
              'long form equals wide form');
SELECT is((SELECT caregap.need_demand_agg(n, a) FROM (VALUES (2, 3), (NULL, 5), (4, NULL)) v(n, a)), 6::float8,
          'rows with a NULL are skipped');
SELECT is((SELECT caregap.need_demand_agg(n, a) FROM (VALUES (2::float8, 3::float8)) v(n, a) WHERE false), NULL::float8,
          'no rows: NULL');
SELECT throws_ok('SELECT caregap.need_demand_agg(n, a) FROM (VALUES (-2, 3)) v(n, a)', '22023',
                 'people must not be negative', 'aggregate: negative people');
SELECT throws_ok($$SELECT caregap.need_demand_agg(n, a) FROM (VALUES (2, 'Infinity'::float8)) v(n, a)$$, '22003',
                 'weight must be finite', 'aggregate: infinite weight');
SELECT throws_ok('SELECT caregap.need_demand_agg(n, 1) FROM (VALUES (1e308), (1e308)) v(n)', '22003',
                 'need_demand is out of range for type double precision', 'aggregate: overflow');

SELECT * FROM finish();
ROLLBACK;
