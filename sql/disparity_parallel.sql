-- disparity_parallel: every inequality aggregate under a forced parallel plan
-- equals its serial result; the plans are checked.  (Parallel workers cannot
-- scan temporary tables: the data lives in a regular table dropped at the end.)
\i sql/include/tap.sql

CREATE TABLE par_ineq AS
SELECT i, i % 31 AS g, ((i * 37) % 1000) / 7.0 + 0.5 AS x, 0.5 + ((i * 11) % 40) / 8.0 AS w
  FROM generate_series(1, 100000) i;
ANALYZE par_ineq;

BEGIN;
SELECT plan(11);

\i sql/include/parallel.sql

-- every aggregate, grouped by 31: one list for the serial and the parallel run
CREATE TEMP VIEW measures AS
SELECT g, caregap.gini(x, w) AS gini, caregap.gini(x, true) AS ginic, caregap.theil_t(x, w) AS t,
       caregap.theil_l(x) AS l, caregap.generalized_entropy(x, w, 2) AS ge, caregap.atkinson(x, w, 0.5) AS a,
       caregap.cv(x, w) AS cv, caregap.palma(x, w) AS palma, caregap.quantile_share_ratio(x, w, 0.2, 0.8) AS qsr,
       caregap.lorenz_curve(x, w, 11) AS lorenz, caregap.hoover(x, w) AS hoover,
       caregap.concentration_index(x, w, (i * 13) % 97) AS conc,
       caregap.gini_of(caregap.distribution_state(x, w)) AS gini_st
  FROM par_ineq GROUP BY g;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT * FROM measures;

\i sql/include/force_parallel.sql

SELECT matches(pg_temp.plan('SELECT g, caregap.gini(x, w) FROM par_ineq GROUP BY g'),
               'Finalize.*Aggregate.*Gather.*Partial.*Aggregate.*Parallel Seq Scan',
               'Gini: partial aggregation under Gather');
SELECT matches(pg_temp.plan('SELECT g, caregap.gini(x, w) FROM par_ineq GROUP BY g', true),
               'Workers Launched: [12]', 'Gini: workers were launched');
SELECT matches(pg_temp.plan('SELECT g, caregap.theil_t(x, w) FROM par_ineq GROUP BY g'),
               'Finalize.*Aggregate.*Gather.*Partial.*Aggregate.*Parallel Seq Scan',
               'Theil T: partial aggregation under Gather');
SELECT matches(pg_temp.plan('SELECT caregap.atkinson(x, w, 0.5) FROM par_ineq', true),
               'Finalize Aggregate.*Workers Launched: [12].*Partial Aggregate', 'Atkinson: workers were launched');

SELECT matches(pg_temp.plan('SELECT * FROM measures'), 'Finalize.*Aggregate.*Gather.*Partial.*Aggregate',
               'all measures together: partial aggregation under Gather');
CREATE TEMP TABLE parallel AS SELECT * FROM measures;

SELECT is((SELECT count(*) FROM serial s JOIN parallel p USING (g)
            WHERE s.gini_st = s.gini AND pg_temp.close(p.gini_st, s.gini, 1e-13)), 31::bigint,
          'stored distribution state built in parallel: its Gini equals the serial Gini');
SELECT is((SELECT count(*) FROM serial s JOIN parallel p USING (g) WHERE pg_temp.close(s.conc, p.conc, 1e-13)),
          31::bigint, 'concentration index (rows of 3 across workers): parallel equals serial');
SELECT is((SELECT count(*) FROM serial s JOIN parallel p USING (g)
            WHERE pg_temp.close(s.gini, p.gini, 1e-13) AND pg_temp.close(s.ginic, p.ginic, 1e-13)
              AND pg_temp.close(s.palma, p.palma, 1e-13) AND pg_temp.close(s.qsr, p.qsr, 1e-13)
              AND pg_temp.close(s.hoover, p.hoover, 1e-13)), 31::bigint,
          'Gini, corrected Gini, Palma, S80/S20 and Hoover: parallel equals serial (31 groups)');
SELECT is((SELECT count(*) FROM serial s JOIN parallel p USING (g)
            WHERE pg_temp.close(s.t, p.t, 1e-12) AND pg_temp.close(s.l, p.l, 1e-12)
              AND pg_temp.close(s.ge, p.ge, 1e-12) AND pg_temp.close(s.a, p.a, 1e-12)
              AND pg_temp.close(s.cv, p.cv, 1e-12)), 31::bigint,
          'Theil T, Theil L, GE(2), Atkinson, CV: parallel equals serial (31 groups; partial states re-pivoted)');
SELECT is((SELECT count(*) FROM serial s JOIN parallel p USING (g)
            WHERE jsonb_array_length(s.lorenz) = 11 AND
                  (SELECT bool_and(pg_temp.close((a->>1)::float8, (b->>1)::float8, 1e-13))
                     FROM jsonb_array_elements(s.lorenz) WITH ORDINALITY sa(a, o)
                     JOIN jsonb_array_elements(p.lorenz) WITH ORDINALITY pb(b, o) USING (o))), 31::bigint,
          'Lorenz curve: parallel equals serial');
-- an error raised in a worker reaches the client
UPDATE par_ineq SET w = 0 WHERE i = 77777;
SELECT throws_ok('SELECT g, caregap.gini(x, w) FROM par_ineq GROUP BY g', '22023', 'weight must be positive',
                 'a zero weight found by a worker');

SELECT * FROM finish();
ROLLBACK;
DROP TABLE par_ineq;
