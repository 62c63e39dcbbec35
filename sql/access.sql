-- access (0.6.0): the floating-catchment family.  Toy cases worked by hand
-- (the arithmetic beside each), the invariants of FORMULAS.md section 6, the
-- cost path against the coordinate path, and the bad-input matrix.
\i sql/include/tap.sql
\i sql/include/canceled.sql

BEGIN;
SELECT plan(48);

-- Toy case on costs: demand a (P 100) reaches s1 at 5 and s2 at 15; demand b (P 300) reaches s2 at 8
-- and s1 at 40 (outside 20).  S = (10, 20).
-- 2SFCA: R1 = 10/100 = 0.1, R2 = 20/(100 + 300) = 0.05; A_a = 0.15, A_b = 0.05;
-- sum P A = 15 + 15 = 30 = sum S.
CREATE TEMP VIEW toy_d AS SELECT * FROM (VALUES ('a', 100::float8), ('b', 300::float8)) t(id, population);
CREATE TEMP VIEW toy_s AS SELECT * FROM (VALUES ('s1', 10::float8), ('s2', 20::float8)) t(id, capacity);
CREATE TEMP VIEW toy_c AS SELECT * FROM (VALUES ('a', 's1', 5::float8), ('a', 's2', 15::float8),
                                               ('b', 's2', 8::float8), ('b', 's1', 40::float8)) t(demand_id, supply_id, cost);
SELECT is(array_agg(round(access::numeric, 15) ORDER BY id), ARRAY[0.15, 0.05]::numeric[],
          '2SFCA by hand: A = (0.15, 0.05)')
  FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, costs => 'SELECT * FROM toy_c');
SELECT is(array_agg(round(ratio::numeric, 15) ORDER BY id), ARRAY[0.1, 0.05]::numeric[],
          '2SFCA supply side by hand: R = (0.1, 0.05)')
  FROM caregap.fca_supply('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, costs => 'SELECT * FROM toy_c');
-- E2SFCA, zones (0,10] 1, (10,20] 0.5: R1 = 10/100, R2 = 20/(0.5*100 + 300) = 20/350;
-- A_a = 0.1 + 0.5*20/350, A_b = 20/350
SELECT ok(bool_and(pg_temp.close(access, CASE id WHEN 'a' THEN 0.1 + 0.5 * 20.0 / 350 ELSE 20.0 / 350 END, 1e-15)),
          'E2SFCA by hand')
  FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, 'e2sfca', '{10,20}', '{1,0.5}', 'SELECT * FROM toy_c');
-- G2SFCA, d0 = 20: W(d) = (exp(-(d/20)^2/2) - exp(-1/2)) / (1 - exp(-1/2))
CREATE FUNCTION pg_temp.g(d float8) RETURNS float8 LANGUAGE sql AS
  $$ SELECT (exp(-0.5 * (d / 20) ^ 2) - exp(-0.5)) / (1 - exp(-0.5)) $$;
SELECT ok(bool_and(pg_temp.close(access,
            CASE id WHEN 'a' THEN pg_temp.g(5) * 10 / (pg_temp.g(5) * 100)
                                 + pg_temp.g(15) * 20 / (pg_temp.g(15) * 100 + pg_temp.g(8) * 300)
                    ELSE pg_temp.g(8) * 20 / (pg_temp.g(15) * 100 + pg_temp.g(8) * 300) END, 1e-14)),
          'G2SFCA by hand (Dai''s Gaussian)')
  FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, 'g2sfca', costs => 'SELECT * FROM toy_c');
-- 3SFCA with the zones above: a's weights (1, 0.5) give G = (2/3, 1/3), b's (1) G = 1;
-- R1 = 10/(2/3*100) = 0.15, R2 = 20/(1/3*0.5*100 + 300); A_a = 2/3 R1 + 1/3*0.5 R2, A_b = R2
SELECT ok(bool_and(pg_temp.close(access,
            CASE id WHEN 'a' THEN 2.0 / 3 * 0.15 + 1.0 / 6 * 20 / (100.0 / 6 + 300)
                    ELSE 20 / (100.0 / 6 + 300) END, 1e-14)),
          '3SFCA by hand (selection weights in both steps)')
  FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, '3sfca', '{10,20}', '{1,0.5}', 'SELECT * FROM toy_c');
SELECT ok(bool_and(pg_temp.close(e.access, t.access, 1e-15)), 'E2SFCA with one zone of weight 1 = 2SFCA')
  FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, 'e2sfca', '{20}', '{1}', 'SELECT * FROM toy_c') e
  JOIN caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, costs => 'SELECT * FROM toy_c') t USING (id);
SELECT ok(bool_and(pg_temp.close(access, 30.0 / 400, 1e-15)), 'unbounded catchment: every A = sum S / sum P')
  FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 'Infinity', costs => 'SELECT * FROM toy_c');
SELECT is((SELECT array_agg(id ORDER BY id) FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
             costs => 'SELECT * FROM toy_c') WHERE access_norm IS NOT NULL), ARRAY['a', 'b'],
          'access_norm for every point');
SELECT ok(pg_temp.close((SELECT sum(population * access_norm) / sum(population) FROM caregap.fca('SELECT * FROM toy_d',
             'SELECT * FROM toy_s', 20, costs => 'SELECT * FROM toy_c')), 1, 1e-15),
          'access_norm has demand-weighted mean 1');
-- distance 0 is inside the catchment (SpatialAcc drops it)
SELECT is((SELECT access FROM caregap.fca('SELECT ''x'' AS id, 10::float8 AS population', 'SELECT ''s'' AS id, 5::float8 AS capacity', 20,
             costs => 'SELECT ''x'' AS demand_id, ''s'' AS supply_id, 0::float8 AS cost')), 0.5::float8,
          'a demand point at distance 0 from its site is inside the catchment');
-- a site with no demand in reach is reported, not dropped
SELECT is((SELECT (reached, ratio, demand_points) FROM caregap.fca_supply('SELECT * FROM toy_d',
             'SELECT * FROM toy_s UNION ALL SELECT ''s3'', 99', 20, costs => 'SELECT * FROM toy_c') WHERE id = 's3'),
          (false, NULL::float8, 0), 'a site without demand in reach: reached false, ratio NULL');

-- Real data: the 65+ of Gyeonggi's dongs and its nursing hospitals' beds
CREATE TEMP VIEW dem AS
SELECT d.code || '-' || g AS id, d.lon + 0.01 * sin(g) AS lon, d.lat + 0.01 * cos(g) AS lat,
       (d.pop_65plus_2010 / 10.0)::float8 AS population
  FROM caregap.gyeonggi_municipality d, generate_series(1, 10) g;
CREATE TEMP VIEW hosp AS SELECT id, lon, lat, beds::float8 AS capacity FROM caregap.gyeonggi_nursing_hospital;
CREATE TEMP TABLE acc30 AS SELECT * FROM caregap.fca('SELECT * FROM dem', 'SELECT * FROM hosp', 30);
SELECT ok((SELECT bool_and(reached) FROM caregap.fca_supply('SELECT * FROM dem', 'SELECT * FROM hosp', 30))
          AND pg_temp.close((SELECT sum(population * access) FROM acc30), (SELECT sum(capacity) FROM hosp), 1e-12),
          'every hospital reaches demand within 30 km, and sum P A = sum S');
SELECT ok((SELECT bool_and(pg_temp.close(access, (SELECT sum(capacity) FROM hosp) / (SELECT sum(population) FROM dem), 1e-13))
             FROM caregap.fca('SELECT * FROM dem', 'SELECT * FROM hosp', 'Infinity')),
          'unbounded catchment on real data: every A = sum S / sum P');
-- the cost path with costs = haversine distances (plain SQL) gives the coordinate path's answer
CREATE FUNCTION pg_temp.hav(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT 2 * 6371.0088 * asin(sqrt(sin(radians(lat2 - lat1) / 2) ^ 2
                                   + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)) $$;
CREATE TEMP TABLE od AS
SELECT d.id AS demand_id, h.id AS supply_id, pg_temp.hav(d.lon, d.lat, h.lon, h.lat) AS cost FROM dem d, hosp h;
SELECT ok(bool_and(pg_temp.close(c.access, a.access, 1e-12) AND c.sites = a.sites),
          'cost path (haversine costs from plain SQL, all 82,770 pairs) = coordinate path (k-d tree)')
  FROM caregap.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM hosp', 30, costs => 'SELECT * FROM od') c
  JOIN acc30 a USING (id);
SELECT ok(bool_and(pg_temp.close(c.access, a.access, 1e-12)), 'the same for E2SFCA on km zones 10/20/30')
  FROM caregap.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM hosp', 30, 'e2sfca', '{10,20,30}', '{1,0.68,0.22}',
                   'SELECT * FROM od') c
  JOIN caregap.fca('SELECT * FROM dem', 'SELECT * FROM hosp', 30, 'e2sfca', '{10,20,30}', '{1,0.68,0.22}') a USING (id);
SELECT is((SELECT array_agg(access ORDER BY id) FROM caregap.fca('SELECT * FROM dem ORDER BY random()', 'SELECT * FROM hosp ORDER BY lat DESC', 30)),
          (SELECT array_agg(access ORDER BY id) FROM acc30), 'results do not depend on row order');
SELECT ok((SELECT bool_and(sites = (SELECT count(*) FROM od WHERE od.demand_id = a.id AND cost <= 30)) FROM acc30 a),
          'sites in reach = the pairs within 30 km in plain SQL');
-- the cost rows in any order (taken from the executor's slots, ids found through hash indexes):
-- the same answer, to the bit
SELECT is((SELECT array_agg(access::text || ' ' || sites ORDER BY id) FROM caregap.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM hosp', 30,
                                                                 costs => 'SELECT * FROM od ORDER BY random()')),
          (SELECT array_agg(access::text || ' ' || sites ORDER BY id) FROM caregap.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM hosp', 30,
                                                                 costs => 'SELECT * FROM od ORDER BY demand_id, supply_id')),
          'cost rows in random order = in sorted order');
SELECT is((SELECT array_agg(access::text || ' ' || sites ORDER BY id) FROM caregap.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM hosp', 30,
                                                                 costs => 'SELECT * FROM od ORDER BY demand_id, md5(supply_id::text)')),
          (SELECT array_agg(access::text || ' ' || sites ORDER BY id) FROM caregap.fca('SELECT id, population FROM dem', 'SELECT id, capacity FROM hosp', 30,
                                                                 costs => 'SELECT * FROM od ORDER BY demand_id, supply_id')),
          'cost rows by demand point with the sites in another order = in sorted order');

-- bad input
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT id, lon, lat FROM dem', 'SELECT * FROM hosp', 30)$$, '42703',
                 'fca: the demand query has no column "population"', 'a missing column is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT id, lon, lat, ''1''::text AS population FROM dem', 'SELECT * FROM hosp', 30)$$, '42804',
                 NULL, 'a column that is not a number is refused (integer, numeric and real are read as double)');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM dem UNION ALL SELECT * FROM dem', 'SELECT * FROM hosp', 30)$$, '22023',
                 'fca: id 41110-1 appears more than once in the demand query', 'a duplicate id is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT id, lon, lat, -population AS population FROM dem', 'SELECT * FROM hosp', 30)$$, '22023',
                 'fca: the population of demand point 41110-1 must be finite and not negative', 'a negative population is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM dem', 'SELECT id, lon, lat, ''NaN''::float8 AS capacity FROM hosp', 30)$$, '22023',
                 NULL, 'a NaN capacity is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT id, NULL::float8 AS lon, lat, population FROM dem', 'SELECT * FROM hosp', 30)$$, '22004',
                 NULL, 'a NULL coordinate is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT id, lon + 200 AS lon, lat, population FROM dem', 'SELECT * FROM hosp', 30)$$, '22023',
                 NULL, 'an out-of-range coordinate is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''a'' AS demand_id, ''s1'' AS supply_id, -1::float8 AS cost')$$, '22023',
                 'fca: the cost from a to s1 must not be negative or NaN', 'a negative cost is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''z'' AS demand_id, ''s1'' AS supply_id, 1::float8 AS cost')$$, '22023',
                 'fca: the cost query names demand_id z, which is not a demand point', 'an unknown id in the costs is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT * FROM toy_c UNION ALL SELECT ''a'', ''s1'', 3')$$, '22023',
                 'fca: the cost query gives the pair (a, s1) more than once', 'a duplicate pair is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''b'' AS demand_id, ''s2'' AS supply_id, 8::float8 AS cost UNION ALL SELECT ''b'', ''s2'', 9')$$, '22023',
                 'fca: the cost query gives the pair (b, s2) more than once', 'a duplicate pair among fewer rows than pairs is named too');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''a'' AS demand_id, NULL::text AS supply_id, 1::float8 AS cost')$$, '22004',
                 'fca: a row of the cost query has a null demand_id, supply_id or cost', 'a null in the cost query is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''a'' AS demand_id, ''s1'' AS supply_id, ''NaN''::float8 AS cost')$$, '22023',
                 'fca: the cost from a to s1 must not be negative or NaN', 'a NaN cost is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''a'' AS demand_id, ''s9'' AS supply_id, 1::float8 AS cost')$$, '22023',
                 'fca: the cost query names supply_id s9, which is not a supply site', 'an unknown supply id in the costs is named');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''a'' AS demand_id, ''s1'' AS site_id, 1::float8 AS cost')$$, '42703',
                 'fca: the cost query must return columns demand_id, supply_id and cost', 'a cost query without supply_id is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT ''a'' AS demand_id, ''s1'' AS supply_id, ''1''::text AS cost')$$, '42804',
                 NULL, 'a cost column that is not a number is refused');
-- integer ids (printed without their output function) match the points' ids as text does
SELECT is((SELECT array_agg(round(access::numeric, 15) ORDER BY id) FROM caregap.fca(
             'SELECT id::int8 AS id, population FROM (VALUES (1, 100::float8), (2, 300)) t(id, population)',
             'SELECT id::int2 AS id, capacity FROM (VALUES (-7, 10::float8), (32000, 20)) t(id, capacity)', 20,
             costs => 'SELECT d::int8 AS demand_id, s::int2 AS supply_id, c::float8 AS cost FROM (VALUES (1, -7, 5), (1, 32000, 15), (2, 32000, 8), (2, -7, 40)) t(d, s, c)')),
          ARRAY[0.15, 0.05]::numeric[], 'bigint and smallint ids in the cost query: the toy case by hand (0.15, 0.05)');
SELECT is((SELECT array_agg(round(access::numeric, 15) ORDER BY id) FROM caregap.fca(
             'SELECT id::int4 AS id, population FROM (VALUES (-2147483648, 100::float8), (2147483647, 300)) t(id, population)',
             'SELECT * FROM toy_s', 20,
             costs => 'SELECT d::int4 AS demand_id, s AS supply_id, c::float8 AS cost FROM (VALUES (-2147483648, ''s1'', 5), (-2147483648, ''s2'', 15), (2147483647, ''s2'', 8), (2147483647, ''s1'', 40)) t(d, s, c)')),
          ARRAY[0.15, 0.05]::numeric[], 'integer ids at both ends of their range in the cost query');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, costs => 'CREATE TEMP TABLE never_made ()')$$, '22023',
                 'fca: the cost query must be a SELECT', 'a cost query that is not a SELECT is refused');
CREATE TEMP TABLE toy_log (i int);
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'INSERT INTO toy_log VALUES (1) RETURNING ''a''::text AS demand_id, ''s1''::text AS supply_id, 1::float8 AS cost')$$, '0A000',
                 NULL, 'a cost query that writes is refused');
CREATE FUNCTION pg_temp.writer() RETURNS float8 LANGUAGE plpgsql VOLATILE AS $$BEGIN CREATE TEMP TABLE never_made(); RETURN 1; END$$;
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20,
                   costs => 'SELECT demand_id, supply_id, pg_temp.writer() AS cost FROM toy_c')$$, '25006',
                 NULL, 'the cost query runs read-only: a volatile function in it cannot write');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 0, costs => 'SELECT * FROM toy_c')$$, '22023',
                 NULL, 'a catchment of 0 is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, 'e2sfca', '{10,5}', '{1,1}', 'SELECT * FROM toy_c')$$,
                 '22023', NULL, 'zones must increase');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM toy_d', 'SELECT * FROM toy_s', 20, '4sfca', costs => 'SELECT * FROM toy_c')$$,
                 '22023', NULL, 'an unknown method is refused');
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT id, lon, lat, ''Infinity''::float8 AS population FROM dem', 'SELECT * FROM hosp', 30)$$, '22003',
                 NULL, 'an infinite population is refused');
SELECT is((SELECT (count(*), sum(access), sum(sites)) FROM caregap.fca('SELECT * FROM dem', 'SELECT * FROM hosp WHERE false', 30)),
          (310::bigint, 0::float8, 0::bigint), 'no supply at all: every point has access 0 and no site in reach');
-- the caller's privileges
CREATE TABLE secret_hosp AS SELECT * FROM hosp;
CREATE ROLE caregap_access_reader NOLOGIN;
SET LOCAL ROLE caregap_access_reader;
SELECT throws_ok($$SELECT * FROM caregap.fca('SELECT * FROM pg_temp.dem', 'SELECT * FROM public.secret_hosp', 30)$$, '42501',
                 NULL, 'the inner queries run with the caller''s privileges');
RESET ROLE;
-- cancel: statement_timeout stops a long run (400,000 demand points, unbounded catchment)
SET LOCAL statement_timeout = '300ms';
SELECT is(pg_temp.canceled($q$SELECT count(*) FROM caregap.fca('SELECT g::text AS id, 127 + sin(g)::float8 AS lon, 37 + cos(g)::float8 AS lat, 1::float8 AS population FROM generate_series(1, 400000) g', 'SELECT * FROM hosp', 'Infinity')$q$),
          'canceled: 57014', 'statement_timeout stops a long fca');
RESET statement_timeout;
-- and while the cost query is read: 3,000,000 rows, one per demand point
SET LOCAL statement_timeout = '300ms';
SELECT is(pg_temp.cancel_seconds($q$SELECT count(*) FROM caregap.fca('SELECT g::text AS id, 1::float8 AS population FROM generate_series(1, 3000000) g', 'SELECT * FROM toy_s', 20,
                 costs => 'SELECT g::text AS demand_id, ''s1''::text AS supply_id, 1::float8 AS cost FROM generate_series(1, 3000000) g')$q$),
          'canceled within 1 s', 'statement_timeout stops fca while it reads the cost query, within 1 s');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
