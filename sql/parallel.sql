-- parallel: every aggregate under a forced parallel plan (workers do the
-- partial aggregation; internal states cross as bytea through serialize and
-- deserialize), with the plan shape checked and the result equal to the
-- serial run.  Parallel workers cannot scan temporary tables, so the data
-- lives in a regular table dropped at the end.
\i sql/include/tap.sql

CREATE TABLE par_units AS
SELECT i, i % 31 AS g, ((i * 37) % 101)::float8 AS s, ((i * 53) % 97 + 1)::float8 AS d,
       ((i * 37) % 101) / 10.0 + 0.05 AS sf, ((i * 53) % 97) / 7.0 + 0.5 AS df
  FROM generate_series(1, 100000) i;
ANALYZE par_units;

BEGIN;
SELECT plan(17);

\i sql/include/parallel.sql

-- serial results first
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_pooled AS SELECT g, caregap.care_gap(s, d) AS r FROM par_units GROUP BY g;
CREATE TEMP TABLE serial_pooled_f AS SELECT g, caregap.care_gap(sf, df) AS r FROM par_units GROUP BY g;
CREATE TEMP TABLE serial_target AS SELECT g, caregap.care_gap(s, d, 0.45) AS r FROM par_units GROUP BY g;
CREATE TEMP TABLE serial_all AS SELECT caregap.care_gap(s, d) AS r, caregap.care_gap(sf, df, 1.5) AS t,
                                       caregap.need_demand_agg(s, df) AS nd FROM par_units;
CREATE TEMP TABLE serial_trend AS SELECT g, caregap.log_trend(i::float8, d) AS f FROM par_units GROUP BY g;
-- values past 16 bits: the states cross as 32-bit integer columns (one decimal, and whole)
CREATE TEMP TABLE serial_wide AS
SELECT caregap.care_gap(s * 1000 + 0.5, d * 50000) AS r FROM par_units;

-- then forced parallel plans
\i sql/include/force_parallel.sql

SELECT matches(pg_temp.plan('SELECT g, caregap.care_gap(s, d) FROM par_units GROUP BY g'),
               'Finalize.*Aggregate.*Gather.*Partial.*Aggregate.*Parallel Seq Scan',
               'pooled, grouped: partial aggregation under Gather');
SELECT matches(pg_temp.plan('SELECT g, caregap.care_gap(s, d) FROM par_units GROUP BY g', true),
               'Workers Launched: [12]', 'pooled, grouped: workers were launched');
SELECT set_eq('SELECT g, caregap.care_gap(s, d) FROM par_units GROUP BY g',
              'SELECT g, r FROM serial_pooled', 'pooled, grouped, integer data: parallel equals serial exactly');
SELECT is((SELECT count(*) FROM (SELECT g, caregap.care_gap(sf, df) AS r FROM par_units GROUP BY g) p
            JOIN serial_pooled_f s USING (g)
           WHERE (p.r).units = (s.r).units AND (p.r).units_short = (s.r).units_short
             AND pg_temp.close((p.r).gap_index, (s.r).gap_index, 1e-13)
             AND pg_temp.close((p.r).shortfall, (s.r).shortfall, 1e-13)
             AND pg_temp.close((p.r).supply, (s.r).supply, 1e-13)), 31::bigint,
          'pooled, grouped, fractional data: parallel equals serial to 1e-13');

SELECT matches(pg_temp.plan('SELECT caregap.care_gap(s, d) FROM par_units'),
               'Finalize Aggregate.*Gather.*Partial Aggregate', 'pooled, ungrouped: partial aggregation');
SELECT is((SELECT caregap.care_gap(s, d) FROM par_units), (SELECT r FROM serial_all),
          'pooled, ungrouped: parallel equals serial');
SELECT is((SELECT caregap.care_gap(s * 1000 + 0.5, d * 50000) FROM par_units), (SELECT r FROM serial_wide),
          'pooled, ungrouped, values past 16 bits: parallel equals serial');

SELECT matches(pg_temp.plan('SELECT g, caregap.care_gap(s, d, 0.45) FROM par_units GROUP BY g'),
               'Finalize.*Aggregate.*Gather.*Partial.*Aggregate', 'target, grouped: partial aggregation');
SELECT matches(pg_temp.plan('SELECT g, caregap.care_gap(s, d, 0.45) FROM par_units GROUP BY g', true),
               'Workers Launched: [12]', 'target, grouped: workers were launched');
SELECT is((SELECT count(*) FROM (SELECT g, caregap.care_gap(s, d, 0.45) AS r FROM par_units GROUP BY g) p
            JOIN serial_target s USING (g)
           WHERE (p.r).units = (s.r).units AND (p.r).units_short = (s.r).units_short
             AND (p.r).supply = (s.r).supply AND (p.r).demand = (s.r).demand
             AND pg_temp.close((p.r).gap_index, (s.r).gap_index, 1e-13)
             AND pg_temp.close((p.r).shortfall, (s.r).shortfall, 1e-13)), 31::bigint,
          'target, grouped: parallel equals serial');
SELECT ok((SELECT pg_temp.close((caregap.care_gap(sf, df, 1.5)).shortfall, ((SELECT t FROM serial_all)).shortfall, 1e-13)
             FROM par_units), 'target, ungrouped, fractional data: parallel equals serial');

SELECT matches(pg_temp.plan('SELECT caregap.need_demand_agg(s, df) FROM par_units'),
               'Finalize Aggregate.*Gather.*Partial Aggregate', 'need_demand_agg: partial aggregation');
SELECT ok((SELECT pg_temp.close(caregap.need_demand_agg(s, df), (SELECT nd FROM serial_all), 1e-13) FROM par_units),
          'need_demand_agg: parallel equals serial');

-- log_trend (1.0.0): its float8[] states merge (Chan et al.); the fit equals the serial one
-- to rounding (the merge order differs)
SELECT matches(pg_temp.plan('SELECT g, caregap.log_trend(i::float8, d) FROM par_units GROUP BY g'),
               'Finalize.*Aggregate.*Gather.*Partial.*Aggregate', 'log_trend: partial aggregation');
SELECT is((SELECT count(*) FROM (SELECT g, caregap.log_trend(i::float8, d) AS f FROM par_units GROUP BY g) p
             JOIN serial_trend s USING (g)
            WHERE (p.f).n = (s.f).n AND pg_temp.close((p.f).slope, (s.f).slope, 1e-9)
              AND pg_temp.close((p.f).intercept, (s.f).intercept, 1e-11) AND pg_temp.close((p.f).sigma, (s.f).sigma, 1e-10)),
          31::bigint, 'log_trend, grouped: parallel equals serial (to rounding)');

-- the aggregates in a parallel plan still report bad input
UPDATE par_units SET d = -1 WHERE i = 99999;
SELECT throws_ok('SELECT g, caregap.care_gap(s, d) FROM par_units GROUP BY g', '22023',
                 'demand must not be negative', 'an error raised inside a worker reaches the client');
SELECT throws_ok('SELECT caregap.care_gap(s, d, 0.45) FROM par_units', '22023',
                 'demand must not be negative', 'target form: error inside a worker');

SELECT * FROM finish();
ROLLBACK;

-- the plans, for the record
\i sql/include/force_parallel.sql
\pset tuples_only false
\pset format aligned
EXPLAIN (COSTS OFF) SELECT g, caregap.care_gap(s, d) FROM par_units GROUP BY g;
EXPLAIN (COSTS OFF) SELECT caregap.care_gap(s, d, 0.5) FROM par_units;
RESET ALL;

DROP TABLE par_units;
