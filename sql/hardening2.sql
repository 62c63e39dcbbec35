-- hardening2 (0.7.1, issue 16): every repro of the hostile probe of 0.7.0
-- that is not a security test of its own (security.sql, postgis.sql), each
-- failing on 0.7.0.  References: plain SQL, the same call at a harmless
-- scale, or arithmetic in the comments.
\i sql/include/tap.sql
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
RESET client_min_messages;

-- 1. The crash: the weights relation is replaced (other id types) while a
--    call waits for the lock.  0.7.0 checked the types on the old relation,
--    then read the new one by name: signal 11, the whole cluster restarted.
--    Now the relation is locked by OID and read as that OID.
CREATE TABLE public.h2_log (step text, what text);
-- wait (4 s at most) until session A waits for B's lock
CREATE FUNCTION pg_temp.wait_for_lock() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR k IN 1..200 LOOP
        EXIT WHEN EXISTS (SELECT FROM pg_locks WHERE NOT granted);
        PERFORM pg_sleep(0.02);
    END LOOP;
END $$;
CREATE VIEW public.h2_swap AS SELECT * FROM (VALUES ('1', '2'), ('2', '1')) t(i, j);
SELECT dblink_connect('h2_b', format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                      split_part(current_setting('unix_socket_directories'), ',', 1))) AS b;
SELECT dblink_connect('h2_a', format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                      split_part(current_setting('unix_socket_directories'), ',', 1))) AS a;
SELECT dblink_exec('h2_b', 'BEGIN');
SELECT dblink_exec('h2_b', 'DROP VIEW public.h2_swap');
SELECT dblink_exec('h2_b', 'CREATE VIEW public.h2_swap AS SELECT * FROM (VALUES (1, 2), (2, 1)) t(i, j)');
SELECT dblink_send_query('h2_a', 'SELECT (caregap.weights_summary(''public.h2_swap'')).units');
SELECT pg_temp.wait_for_lock();
SELECT count(*) > 0 AS a_waits_for_b FROM pg_locks WHERE NOT granted;
SELECT dblink_exec('h2_b', 'COMMIT');
SET client_min_messages = error;
SELECT count(*) AS rows_for_a FROM dblink_get_result('h2_a', false) AS t(units bigint);
SELECT regexp_replace(dblink_error_message('h2_a'), 'OID [0-9]+', 'OID n') AS a_got;
SELECT count(*) AS end_of_results FROM dblink_get_result('h2_a', false) AS t(units bigint);
RESET client_min_messages;
SELECT x AS a_still_connected FROM dblink('h2_a', 'SELECT 1') AS t(x integer);
-- the same, with the relation altered to other id types (and rewritten)
-- instead of replaced
CREATE TABLE public.h2_alter (i text, j text);
INSERT INTO public.h2_alter VALUES ('1', '2'), ('2', '1'), ('2', '3'), ('3', '2');
SELECT dblink_exec('h2_b', 'BEGIN');
SELECT dblink_exec('h2_b', 'ALTER TABLE public.h2_alter ALTER COLUMN i TYPE integer USING i::integer, ALTER COLUMN j TYPE bigint USING j::bigint');
SELECT dblink_send_query('h2_a', 'SELECT (caregap.weights_summary(''public.h2_alter'')).units');
SELECT pg_temp.wait_for_lock();
SELECT dblink_exec('h2_b', 'COMMIT');
-- the rewritten table would look empty under the statement's snapshot,
-- taken before the ALTER committed (0.7.0 here: 0 units): a serialization
-- failure, and the same call run again reads the 3 units
SET client_min_messages = error;
SELECT count(*) AS rows_for_a FROM dblink_get_result('h2_a', false) AS t(units bigint);
SELECT dblink_error_message('h2_a') AS a_got;
SELECT count(*) AS end_of_results FROM dblink_get_result('h2_a', false) AS t(units bigint);
RESET client_min_messages;
SELECT units AS a_again FROM dblink('h2_a', 'SELECT (caregap.weights_summary(''public.h2_alter'')).units') AS t(units bigint);
SELECT dblink_disconnect('h2_a');
SELECT dblink_disconnect('h2_b');

CREATE TABLE h2_w (i integer, j integer);
INSERT INTO h2_w VALUES (1, 2), (2, 1), (2, 3), (3, 2), (3, 4), (4, 3);
CREATE ROLE cg_h2_bob;

BEGIN;
SELECT plan(70);

-- 4. The weights cache never crosses roles, snapshots or commands.  0.7.0
--    kept it for the transaction in a PL/pgSQL simple expression: after DML
--    the old table (4 units, 6 links rather than 7 / 8), and after SET LOCAL
--    ROLE a summary of a table the role cannot read.
CREATE FUNCTION pg_temp.h2_units_after_dml() RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
    r bigint[] := '{}';
BEGIN
    FOR k IN 1..2 LOOP
        r := r || (caregap.weights_summary('h2_w')).units || (caregap.weights_summary('h2_w')).links;
        IF k = 1 THEN
            INSERT INTO h2_w VALUES (4, 5), (5, 4), (6, 7), (7, 6);
        END IF;
    END LOOP;
    RETURN r;
END $$;
SELECT is(pg_temp.h2_units_after_dml(), '{4,6,7,10}'::bigint[],
          'PL/pgSQL: after DML in the loop the summary reads the new rows (4 units / 6 links, then 7 / 10)');
CREATE FUNCTION pg_temp.h2_role_switch() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    u bigint;
BEGIN
    FOR k IN 1..2 LOOP
        IF k = 2 THEN
            SET LOCAL ROLE cg_h2_bob;
        END IF;
        u := (caregap.weights_summary('h2_w')).units;
    END LOOP;
    RETURN 'bob read ' || u || ' units';
EXCEPTION WHEN insufficient_privilege THEN
    RETURN 'refused: ' || SQLSTATE;
END $$;
SELECT is(pg_temp.h2_role_switch(), 'refused: 42501', 'SET LOCAL ROLE in the same transaction: the cached read is not served to bob');
RESET ROLE;
GRANT SELECT (i, j) ON h2_w TO cg_h2_bob;
SELECT is(pg_temp.h2_role_switch(), 'bob read 7 units', 'with SELECT on columns i and j, bob reads them');
RESET ROLE;
REVOKE SELECT (i, j) ON h2_w FROM cg_h2_bob;

-- 13. Non-numeric text ids of a weights relation for integer data ids: an
--     error naming the relation and the id (0.7.0: int8in's bare 22P02)
CREATE TABLE public.h2_wtext (i text, j text);
INSERT INTO public.h2_wtext VALUES ('1', '2'), ('2', 'x7');
CREATE TEMP TABLE h2_pts AS SELECT g AS id, g::float8 AS x FROM generate_series(1, 3) g;
SELECT throws_ok($$SELECT caregap.moran_i(id, x, 'h2_wtext'::regclass) FROM h2_pts$$, '22P02',
                 'weights relation public.h2_wtext: id "x7" in column j is not a bigint, as the data''s ids are',
                 'a text id that is not an integer names the relation, the column and the id');
SELECT is((SELECT (caregap.moran_i(id, x, 'h2_wtext'::regclass)).n FROM (SELECT * FROM h2_pts UNION ALL SELECT 7, 7) p
            WHERE false), NULL, 'no rows: no statistic');

-- 5. Cancel within 1 s.  0.7.0: composite (n = 5000, draws = 100000) ran
--    3 min 50 s past statement_timeout; knn_weights with k = 59,999 took
--    137 s to cancel; distance_weights over 120,000 points at one place 8.7 s.
-- statement_timeout is armed per top-level statement: each call below is one
\i sql/include/canceled.sql
CREATE TEMP TABLE h2_units AS
SELECT 'u' || g AS id, sin(g)::float8 AS a, cos(g * 1.7)::float8 AS b, (g % 97)::float8 AS c FROM generate_series(1, 2000) g;
CREATE TEMP TABLE h2_pts20k AS SELECT 'p' || g AS id, 126 + (g % 200) * 0.01 AS lon, 37 + (g / 200) * 0.01 AS lat FROM generate_series(1, 20000) g;
SET statement_timeout = '200ms';
SELECT is(pg_temp.cancel_seconds($$SELECT count(*) FROM caregap.composite('SELECT * FROM h2_units', draws => 50000)$$),
          'canceled within 1 s', 'composite, 2,000 units and 50,000 draws: canceled within 1 s');
SELECT is(pg_temp.cancel_seconds($$SELECT count(*) FROM caregap.knn_weights('SELECT id, lon::float8 AS lon, lat::float8 AS lat FROM h2_pts20k', 19999)$$),
          'canceled within 1 s', 'knn_weights, 20,000 points and k = 19,999: canceled within 1 s');
SELECT is(pg_temp.cancel_seconds($$SELECT count(*) FROM caregap.distance_weights('SELECT ''p'' || g AS id, 127::float8 AS lon, 37::float8 AS lat FROM generate_series(1, 60000) g', 1, 0)$$),
          'canceled within 1 s', 'distance_weights, 60,000 points at one place: canceled within 1 s');
RESET statement_timeout;
-- 12. A cancel that lands while the weights are built is 57014, never XX000
--     "canceled without a pending interrupt": timeouts from 20 to 400 ms
CREATE TEMP TABLE h2_ring AS SELECT g AS i, g % 200000 + 1 AS j FROM generate_series(1, 200000) g;
INSERT INTO h2_ring SELECT j, i FROM h2_ring;
CREATE TEMP TABLE h2_ring_x AS SELECT g AS id, (g % 13)::float8 AS x FROM generate_series(1, 200000) g;
CREATE TEMP TABLE h2_cancels (ms int, outcome text);
-- each timeout is one top-level DO: the cancel is caught wherever it lands in it
SELECT format('SET statement_timeout = %s', ms),
       format($do$DO $b$ BEGIN
                  PERFORM caregap.moran_i(id, x, 'h2_ring'::regclass, 0) FROM h2_ring_x;
                  INSERT INTO h2_cancels VALUES (%s, 'finished');
              EXCEPTION WHEN query_canceled THEN INSERT INTO h2_cancels VALUES (%s, 'canceled');
                        WHEN OTHERS THEN INSERT INTO h2_cancels VALUES (%s, 'error ' || SQLSTATE || ': ' || SQLERRM);
              END $b$$do$, ms, ms, ms)
  FROM generate_series(20, 400, 20) ms \gexec
RESET statement_timeout;
SELECT is_empty($$SELECT * FROM h2_cancels WHERE outcome NOT IN ('canceled', 'finished')$$,
                'moran_i over 200,000 units, statement_timeout 20 to 400 ms: always 57014 or the result, never XX000');

-- 6. allocate: never over the budget, no endless loop at 2^53, NaN is an
--    error, and whole-place min-max is the optimum
SELECT ok((SELECT sum(added) FROM caregap.allocate($$SELECT 'a'::text AS id, 0::float8 AS supply, 4e15::float8 AS demand$$, 1e15, 1, 'minmax', true)) <= 1e15,
          'budget 1e15, one unit: at most 1e15 places (0.7.0: 1e15 + 1000)');
SELECT ok((SELECT sum(added) FROM caregap.allocate($$SELECT 'a'::text AS id, 0::float8 AS supply, 4e15::float8 AS demand$$, 1e15, 1, 'shortfall', true)) <= 1e15,
          'and for the shortfall objective');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, 0::float8 AS supply, 1e300::float8 AS demand', 1e17, 1)$$,
                 '22003', NULL, 'places past 2^53 are an error (0.7.0 looped forever once x + 1 = x)');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, 1::float8 AS supply, 5::float8 AS demand, ''NaN''::float8 AS cost', 3, 1)$$,
                 '22023', 'allocate: unit a: cost must not be NaN', 'a NaN cost is an error (0.7.0: taken as 1)');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, 1::float8 AS supply, 5::float8 AS demand, ''NaN''::float8 AS min_add', 3, 1)$$,
                 '22023', 'allocate: unit a: min_add must not be NaN', 'a NaN min_add is an error (0.7.0: taken as 0)');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, 1::float8 AS supply, 5::float8 AS demand, ''NaN''::float8 AS max_add', 3, 1)$$,
                 '22023', 'allocate: unit a: max_add must not be NaN', 'a NaN max_add is an error (0.7.0: no limit)');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, 1::float8 AS supply, 5::float8 AS demand', 'NaN', 1)$$,
                 '22023', 'allocate: the budget must not be NaN', 'a NaN budget names the budget');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, 1::float8 AS supply, 5::float8 AS demand', 3, 'NaN')$$,
                 '22023', 'allocate: the target ratio must not be NaN', 'a NaN target names the target');
SELECT is((SELECT cost FROM (SELECT sum(added) AS cost FROM caregap.allocate('SELECT ''a''::text AS id, 1::float8 AS supply, 5::float8 AS demand, NULL::float8 AS cost', 3, 1)) s),
          3::float8, 'a NULL cost is still the default, 1');
-- the counter-example: (a 2/5), (b 9/26), (c 0/3), 5 places, target 1.
-- 0.7.0 gave (0, 3, 2), largest gap 1 - 2/5 = 0.6; (1, 2, 2) has 15/26.
SELECT is((SELECT array_agg(added ORDER BY id) FROM caregap.allocate(
              $$SELECT * FROM (VALUES ('a', 2::float8, 5::float8), ('b', 9, 26), ('c', 0, 3)) t(id, supply, demand)$$, 5, 1, 'minmax', true)),
          '{1,2,2}'::float8[], 'whole-place min-max: (1, 2, 2), largest gap 15/26 = 0.577 (0.7.0: (0, 3, 2), 0.6)');
-- brute force in SQL: every allocation of 6 places over four units with
-- quarter demands; the least largest gap any of them reaches
CREATE TEMP TABLE h2_alloc_cases AS
SELECT c, u, (abs(hashint4(c * 10 + u)) % 9)::float8 AS supply, (abs(hashint4(c * 100 + u)) % 60)::float8 / 4 AS demand
  FROM generate_series(1, 40) c, generate_series(1, 4) u;
CREATE TEMP TABLE h2_alloc_best AS
SELECT c, min(greatest(g1, g2, g3, g4)) AS best
  FROM (SELECT c.c,
               CASE WHEN d1 > 0 THEN greatest(0, 1 - (s1 + x1) / (1.5 * d1)) ELSE 0 END AS g1,
               CASE WHEN d2 > 0 THEN greatest(0, 1 - (s2 + x2) / (1.5 * d2)) ELSE 0 END AS g2,
               CASE WHEN d3 > 0 THEN greatest(0, 1 - (s3 + x3) / (1.5 * d3)) ELSE 0 END AS g3,
               CASE WHEN d4 > 0 THEN greatest(0, 1 - (s4 + x4) / (1.5 * d4)) ELSE 0 END AS g4
          FROM (SELECT c, max(supply) FILTER (WHERE u = 1) s1, max(demand) FILTER (WHERE u = 1) d1,
                          max(supply) FILTER (WHERE u = 2) s2, max(demand) FILTER (WHERE u = 2) d2,
                          max(supply) FILTER (WHERE u = 3) s3, max(demand) FILTER (WHERE u = 3) d3,
                          max(supply) FILTER (WHERE u = 4) s4, max(demand) FILTER (WHERE u = 4) d4
                  FROM h2_alloc_cases GROUP BY c) c,
               generate_series(0, 6) x1, generate_series(0, 6) x2, generate_series(0, 6) x3, generate_series(0, 6) x4
         WHERE x1 + x2 + x3 + x4 <= 6) a
 GROUP BY c;
SELECT is_empty($$
    SELECT b.c, b.best, r.got, r.placed FROM h2_alloc_best b,
           LATERAL (SELECT max(gap_after) AS got, sum(added) AS placed
                      FROM caregap.allocate(format('SELECT u::text AS id, supply, demand FROM h2_alloc_cases WHERE c = %s', b.c), 6, 1.5, 'minmax', true)) r
     WHERE abs(r.got - b.best) > 1e-12 OR r.placed > 6 $$,
    '40 cases of 4 units and 6 places: whole-place min-max reaches the least largest gap of all allocations (brute force)');

-- 7. composite's rank table is bounded before it is allocated (0.7.0 asked
--    for 16 GB in one allocation for n = 20000, draws = 100000)
CREATE TEMP TABLE h2_big AS SELECT 'u' || g AS id, g::float8 AS a FROM generate_series(1, 20000) g;
SELECT throws_ok($$SELECT count(*) FROM caregap.composite('SELECT id, a, -a AS b FROM h2_big', draws => 100000)$$,
                 '54000', 'composite: 20000 units times 100000 draws is more ranks than the limit of 268435456 (1 GB)',
                 '20,000 units x 100,000 draws: refused before allocating, with the limit');
-- 13. composite: each cause its own message
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', weighting => 'given', weights => '{1, NaN, 1}', draws => 0)$$,
                 '22023', 'composite: weight 2 must not be NaN', 'a NaN weight names the weight, not an indicator');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', weighting => 'given', weights => '{1, -1, 1}', draws => 0)$$,
                 '22023', 'composite: weight 2 must not be negative', 'a negative weight');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', normalization => 'goalposts', goalposts_lo => '{0, 0, 5}', goalposts_hi => '{1, 1, 5}', draws => 0)$$,
                 '22023', 'composite: goalposts_lo must be below goalposts_hi for indicator 3', 'goalposts in the wrong order');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', normalization => 'zscore', aggregation => 'geometric', draws => 0)$$,
                 '22023', 'composite: geometric aggregation needs values in [0, 1]: normalization minmax, rank or goalposts, not zscore',
                 'geometric with z-scores');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', delta => 2)$$,
                 '22023', 'composite: delta (the relative change of the weights in the draws) must be in [0, 1]', 'delta out of range');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', normalization => 'target', targets => '{1, 0, 1}', draws => 0)$$,
                 '22023', 'composite: target 2 must be positive and finite', 'a target of 0');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT id, a, ''NaN''::float8 AS b FROM h2_units', draws => 0)$$,
                 '22023', 'composite: indicator 2 of unit u1 must be a number, not NaN', 'a NaN indicator names the unit');

-- 9. Large finite magnitudes: scaled exactly, or 22003, never a wrong number
SELECT is((SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT * FROM h2_units WHERE id < ''u15''', weighting => 'given', weights => '{1e308, 1e308, 1e308}', draws => 0)),
          (SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT * FROM h2_units WHERE id < ''u15''', weighting => 'given', weights => '{1, 1, 1}', draws => 0)),
          'composite: weights {1e308, ...} give the scores of {1, ...} (0.7.0: every score 0)');
SELECT is((SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT id, a * 1.7e308 AS a, b * 1.7e308 AS b FROM h2_units WHERE id < ''u15''', draws => 0)),
          (SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT id, a, b FROM h2_units WHERE id < ''u15''', draws => 0)),
          'composite: values +-1.7e308 give the scores of the same values unscaled (0.7.0: every score 0, rank 1)');
SELECT is((SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT id, a * 1e300 AS a FROM h2_units WHERE id < ''u15''', normalization => 'zscore', draws => 0)),
          (SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT id, a FROM h2_units WHERE id < ''u15''', normalization => 'zscore', draws => 0)),
          'composite: z-scores of values near 1e300 = those of the values unscaled');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT * FROM h2_units', normalization => 'goalposts', goalposts_lo => '{-Infinity, 0, 0}', goalposts_hi => '{1, 1, 100}', draws => 0)$$,
                 '22003', 'composite: the goalposts of indicator 1 must be finite', 'infinite goalposts are 22003 (0.7.0: NaN scores)');
-- moran_i, style R, every w = 1e308: the statistic of w = 1 (-0.5341..., as the report's)
CREATE TEMP TABLE h2_w308 AS SELECT i, j, 1e308::float8 AS w FROM (VALUES (1, 2), (2, 1), (2, 3), (3, 2), (3, 4), (4, 3), (1, 4), (4, 1), (1, 3), (3, 1)) t(i, j);
CREATE TEMP TABLE h2_w1 AS SELECT i, j, 1::float8 AS w FROM h2_w308;
CREATE TEMP TABLE h2_x4 AS SELECT * FROM (VALUES (1, 3::float8), (2, 1), (3, 4), (4, 1.5)) t(id, x);
SELECT ok(pg_temp.close((SELECT (caregap.moran_i(id, x, 'h2_w308'::regclass, 0, 1, 'R')).value FROM h2_x4),
                        (SELECT (caregap.moran_i(id, x, 'h2_w1'::regclass, 0, 1, 'R')).value FROM h2_x4), 1e-15),
          'moran_i style R with every w = 1e308 = with w = 1 (0.7.0: another value)');
SELECT ok(pg_temp.close((SELECT (caregap.moran_i(id, x, 'h2_w308'::regclass, 0, 1, 'S')).value FROM h2_x4),
                        (SELECT (caregap.moran_i(id, x, 'h2_w1'::regclass, 0, 1, 'S')).value FROM h2_x4), 1e-15),
          'and style S (0.7.0: "weights sum to 0")');
SELECT ok(pg_temp.close((SELECT (caregap.moran_i(id, x, 'h2_w308'::regclass, 0, 1, 'C')).value FROM h2_x4),
                        (SELECT (caregap.moran_i(id, x, 'h2_w1'::regclass, 0, 1, 'C')).value FROM h2_x4), 1e-15),
          'and style C');
-- Moran's I of this ring-and-chord graph by its definition, in plain SQL
SELECT ok(pg_temp.close((SELECT (caregap.moran_i(id, x, 'h2_w1'::regclass, 0, 1, 'B')).value FROM h2_x4),
                        (SELECT (4.0 / 10) * sum((a.x - m) * (b.x - m)) / (SELECT sum((x - m) ^ 2) FROM h2_x4)
                           FROM h2_w1 w JOIN h2_x4 a ON a.id = w.i JOIN h2_x4 b ON b.id = w.j,
                                (SELECT avg(x) AS m FROM h2_x4) mm
                          GROUP BY m)::float8, 1e-14),
          'moran_i style B = n / S0 * sum w (x_i - m)(x_j - m) / sum (x - m)^2 in plain SQL');
SELECT is((SELECT (caregap.breaks(x, w, 3, 'quantile')).bounds FROM (VALUES (1::float8, 1e308::float8), (2, 1e308), (3, 1e308), (4, 1e308), (5, 1e308), (6, 1e308)) t(x, w)),
          (SELECT (caregap.breaks(x, w, 3, 'quantile')).bounds FROM (VALUES (1::float8, 1::float8), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)) t(x, w)),
          'weighted breaks with every w = 1e308 = with w = 1 (0.7.0: one class)');
SELECT is((SELECT (caregap.breaks(x * 1e306, 3, 'fisher_jenks')).bounds FROM (VALUES (1::float8), (2), (3), (10), (11), (12), (30), (31)) t(x)),
          (SELECT array_agg(b * 1e306) FROM unnest((SELECT (caregap.breaks(x, 3, 'fisher_jenks')).bounds FROM (VALUES (1::float8), (2), (3), (10), (11), (12), (30), (31)) t(x))) b),
          'Fisher-Jenks of values near 3e307: the breaks of the values unscaled, scaled');
SELECT is((SELECT array_agg(round(access_norm::numeric, 12) ORDER BY id) FROM caregap.fca(
              'SELECT ''d'' || g AS id, 127 + g * 0.01::float8 AS lon, 37::float8 AS lat, 100::float8 AS population FROM generate_series(1, 5) g',
              'SELECT ''s'' || g AS id, 127 + g * 0.02::float8 AS lon, 37::float8 AS lat, 5e307::float8 AS capacity FROM generate_series(1, 2) g', 3)),
          (SELECT array_agg(round(access_norm::numeric, 12) ORDER BY id) FROM caregap.fca(
              'SELECT ''d'' || g AS id, 127 + g * 0.01::float8 AS lon, 37::float8 AS lat, 100::float8 AS population FROM generate_series(1, 5) g',
              'SELECT ''s'' || g AS id, 127 + g * 0.02::float8 AS lon, 37::float8 AS lat, 1::float8 AS capacity FROM generate_series(1, 2) g', 3)),
          'fca with capacities 5e307 (their sum near the top of double): access_norm of capacities 1 (0.7.0: 0)');
SELECT throws_ok($$SELECT * FROM caregap.fca(
              'SELECT ''d'' || g AS id, 127 + g * 0.01::float8 AS lon, 37::float8 AS lat, 1e-10::float8 AS population FROM generate_series(1, 5) g',
              'SELECT ''s'' || g AS id, 127 + g * 0.02::float8 AS lon, 37::float8 AS lat, 1e308::float8 AS capacity FROM generate_series(1, 2) g', 3)$$,
                 '22003', NULL, 'fca: an access beyond double is 22003, not Infinity');
SELECT throws_ok($$SELECT * FROM caregap.distance_weights('SELECT ''a'' AS id, 127::float8 AS lon, 37::float8 AS lat UNION ALL SELECT ''b'', 127.001, 37', 5, 1e6)$$,
                 '22003', NULL, 'distance_weights with power 1e6: 22003 (0.7.0: w = Infinity)');

-- 8. breaks: every option the same on every row of a group
SELECT throws_ok($$SELECT caregap.breaks(x, 3, CASE WHEN x > 5 THEN 'quantile' ELSE 'fisher_jenks' END) FROM generate_series(1, 10) x$$,
                 '22023', 'breaks: k and the method must be the same in every row of a group',
                 'a method that varies within a group is an error (0.7.0: the first row''s, row-order dependent)');
SELECT is((SELECT (caregap.breaks(x, 3, CASE WHEN x > 5 THEN 'jenks' ELSE 'fisher_jenks' END)).method FROM generate_series(1, 10) x),
          'fisher_jenks', 'two names of the same method are the same method');
-- 10. weighted head/tail: the last bound is the maximum, even of weight 0
--     means 48/9 = 5.333, (10 + 22)/3 = 10.667, 22/2 = 11; the head {30} weighs 0
SELECT is((SELECT (caregap.breaks(x, w, 5, 'head_tail')).bounds FROM
             (VALUES (1::float8, 1::float8), (2, 0), (3, 5), (10, 1), (11, 2), (11, 0), (30, 0)) t(x, w)),
          ARRAY[48.0 / 9, 32.0 / 3, 11, 30]::float8[], 'weighted head/tail: {5.333, 10.667, 11, 30}, the last bound the maximum (0.7.0: 11)');
SELECT is((SELECT (caregap.breaks(x, w, 2, 'quantile')).bounds[2] FROM
             (VALUES (1::float8, 1::float8), (2, 1), (3, 1), (40, 0)) t(x, w)),
          40::float8, 'weighted quantile: the last bound is the maximum, weight 0 or not');

-- 11. Labels and read-only inner queries
SELECT is((SELECT string_agg(DISTINCT proparallel::text, '') FROM pg_proc WHERE pronamespace = 'caregap'::regnamespace
            AND proname IN ('weights_summary', 'knn_weights', 'distance_weights', 'fca', 'fca_supply', 'composite', 'allocate')),
          'r', 'the seven functions that run an inner query are PARALLEL RESTRICTED');
CREATE TEMP TABLE h2_temp_units AS SELECT 'a'::text AS id, 1::float8 AS supply, 4::float8 AS demand;
CREATE TEMP SEQUENCE h2_tseq;
CREATE SEQUENCE public.h2_seq;
CREATE FUNCTION public.h2_writer() RETURNS float8 LANGUAGE plpgsql VOLATILE AS
  $$BEGIN INSERT INTO public.h2_log VALUES ('inner', 'wrote'); RETURN 1; END$$;
-- force_parallel_mode (debug_parallel_query from PostgreSQL 16): every
-- plan gets a Gather, and a PARALLEL SAFE function would run in the worker
SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'debug_parallel_query'
                       ELSE 'force_parallel_mode' END, 'on', true) AS forced;
SELECT is((SELECT sum(added) FROM caregap.allocate('SELECT * FROM h2_temp_units', 2, 1)), 2::float8,
          'under a forced parallel plan an inner query reads a temporary table (0.7.0: 25000)');
SELECT is((SELECT sum(added) FROM caregap.allocate('SELECT ''a''::text AS id, nextval(''h2_tseq'')::float8 AS supply, 4::float8 AS demand', 2, 1)), 2::float8,
          'and advances a temporary sequence');
SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'debug_parallel_query'
                       ELSE 'force_parallel_mode' END, 'off', true) AS not_forced;
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, public.h2_writer() AS supply, 4::float8 AS demand', 2, 1)$$,
                 '25006', NULL, 'an inner query runs read-only: a volatile function in it cannot write a table');
SELECT throws_ok($$SELECT * FROM caregap.composite('SELECT ''a''::text AS id, nextval(''public.h2_seq'')::float8 AS x UNION ALL SELECT ''b'', 2', draws => 0)$$,
                 '25006', NULL, 'nor advance a sequence');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT ''d''::text AS id, 127::float8 AS lon, 37::float8 AS lat, public.h2_writer() AS population', 'SELECT ''s''::text AS id, 127::float8 AS lon, 37::float8 AS lat, 1::float8 AS capacity', 5)$$,
                 '25006', NULL, 'fca''s inner queries too');
CREATE TEMP VIEW h2_wview AS SELECT i, j FROM h2_w WHERE public.h2_writer() > 0;
SELECT throws_ok($$SELECT caregap.weights_summary('h2_wview')$$, '25006', NULL, 'and the read of a weights relation');
SELECT is((SELECT current_setting('transaction_read_only')), 'off', 'the transaction is read-write again after the inner queries');
SELECT is_empty($$SELECT * FROM public.h2_log WHERE step = 'inner'$$, 'nothing was written');

-- 13. Options given by an initplan are allowed (0.7.0: rejected as not
--     constant); an option that varies within the partition is refused
SELECT is((SELECT array_agg(round((r).ii::numeric, 12) ORDER BY id) FROM
             (SELECT id, caregap.local_moran(id, x, 'h2_w1'::regclass, permutations => (SELECT 0)) OVER () AS r FROM h2_x4) s),
          (SELECT array_agg(round((r).ii::numeric, 12) ORDER BY id) FROM
             (SELECT id, caregap.local_moran(id, x, 'h2_w1'::regclass, permutations => 0) OVER () AS r FROM h2_x4) s),
          'local_moran: permutations => (SELECT 0) is the constant 0');
SELECT throws_ok($$SELECT caregap.local_moran(id, x, 'h2_w1'::regclass, permutations => id - 1) OVER () FROM h2_x4$$,
                 '22023', 'local_moran: permutations must be the same on every row of a partition', 'a varying option is refused');
SELECT throws_ok($$SELECT * FROM caregap.knn_weights('SELECT ''a'' AS id, NULL::float8 AS lon, 37::float8 AS lat UNION ALL SELECT ''b'', 127, 37', 1)$$,
                 '22004', 'knn_weights: row a of the points query has a null lon or lat', 'a null coordinate: the row of the points query (0.7.0: "points point a")');
-- fca: each cause its own message
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT 1', 'SELECT 1', 0)$$, '22023', 'fca: the catchment must be positive', 'a catchment of 0');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT 1', 'SELECT 1', 'Infinity', 'g2sfca')$$, '22023',
                 'fca: g2sfca needs a finite catchment (the Gaussian''s scale)', 'g2sfca without a finite catchment');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT 1', 'SELECT 1', 30, 'e2sfca', '{10, 5}', '{1, 0.5}')$$, '22023',
                 'fca: zones must be finite, positive and increasing', 'zones that do not increase');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT 1', 'SELECT 1', 30, 'e2sfca', '{10, 20}', '{1, 1.5}')$$, '22023',
                 'fca: zone weights must be in [0, 1]', 'a zone weight above 1');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT 1', 'SELECT 1', 'NaN')$$, '22023', 'fca: the catchment must be positive', 'a NaN catchment');

-- the README's LISA example (issue 18): BH over all 31 units, then the filter; 0.7.0's
-- example filtered first and adjusted over the 14 survivors (p_fdr 0.021-0.044)
SELECT is((SELECT array_agg(round(p_fdr::numeric, 3) ORDER BY code)::text
             FROM (SELECT code, (l).cluster, caregap.p_adjust((l).p_sim) OVER () AS p_fdr
                     FROM (SELECT code, caregap.local_moran(code, pop_65plus_2010::float8 / pop_total_2010,
                                                            'caregap.gyeonggi_links') OVER () AS l
                             FROM caregap.gyeonggi_municipality) s) t
            WHERE cluster <> 'Not significant'),
          '{0.088,0.047,0.088,0.057,0.088,0.047,0.088,0.047,0.097,0.047,0.062,0.057,0.088,0.088}',
          'README: LISA clusters with BH over all 31 units (4 of 14 at or below 0.05)');

-- inner queries take any number type, as the aggregates do (issue 18: integer
-- columns were refused); numeric beyond double is 22003; text is named
SELECT is((SELECT array_agg(added ORDER BY id) FROM caregap.allocate(
              $$SELECT * FROM (VALUES ('a', 2, 5::bigint), ('b', 9, 26), ('c', 0, 3)) t(id, supply, demand)$$, 5, 1)),
          '{1,2,2}'::float8[], 'allocate reads integer and bigint columns');
SELECT is((SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT id, a::numeric AS a, c::int AS c FROM h2_units WHERE id < ''u15''', draws => 0)),
          (SELECT array_agg(round(score::numeric, 12) ORDER BY id) FROM caregap.composite('SELECT id, a::numeric::float8 AS a, c::int::float8 AS c FROM h2_units WHERE id < ''u15''', draws => 0)),
          'composite reads numeric and integer indicators as their double values');
SELECT is((SELECT count(*) FROM caregap.knn_weights('SELECT code AS id, lon::numeric AS lon, lat::real AS lat FROM caregap.gyeonggi_municipality', 2)),
          62::bigint, 'knn_weights reads numeric and real coordinates');
SELECT throws_ok($$SELECT * FROM caregap.allocate('SELECT ''a''::text AS id, ''1''::text AS supply, 5 AS demand', 3, 1)$$,
                 '42804', 'allocate: column "supply" of the units query must be a number (double precision, real, smallint, integer, bigint or numeric), not text',
                 'a text column is named, with the types accepted');

-- fca: zones past the catchment (issue 18: cut silently) are an error when given, a
-- NOTICE for the defaults; a catchment above 2,000 km (metres by mistake) a NOTICE
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT 1', 'SELECT 1', 20, 'e2sfca', '{10, 20, 30}', '{1, 0.68, 0.22}')$$, '22023',
                 'fca: the last zone ends at 30, beyond the catchment 20', 'given zones past the catchment are an error');
SELECT is((SELECT count(*) FROM caregap.fca('SELECT ''d''::text AS id, 127::float8 AS lon, 37::float8 AS lat, 1::float8 AS population',
                                            'SELECT ''s''::text AS id, 127.1::float8 AS lon, 37::float8 AS lat, 1::float8 AS capacity', 20, 'e2sfca')),
          1::bigint, 'the default zones past the catchment still run (with a NOTICE, in the output file)');
SELECT is((SELECT count(*) FROM caregap.fca('SELECT ''d''::text AS id, 127::float8 AS lon, 37::float8 AS lat, 1::float8 AS population',
                                            'SELECT ''s''::text AS id, 127.1::float8 AS lon, 37::float8 AS lat, 1::float8 AS capacity', 10000)),
          1::bigint, 'a catchment of 10000 km still runs (with a NOTICE, in the output file)');

SELECT * FROM finish();
ROLLBACK;

DROP TABLE public.h2_log, public.h2_alter, h2_w;
DROP VIEW public.h2_swap;
DROP ROLE cg_h2_bob;
