-- locate (1.2.0): facility location.  Cases worked by hand (the arithmetic
-- beside each), the rows' own arithmetic against the objective, every
-- objective against an exhaustive search written in SQL, the cost path
-- against the coordinate path, row-order independence, existing sites, and
-- the bad-input matrix.
\i sql/include/tap.sql
\i sql/include/canceled.sql

BEGIN;
SELECT plan(65);

-- A line: points at 0, 1, 2, 10, 11 with populations 1, 1, 1, 2, 2; the
-- candidates are the same places.  Costs |x - y|.
CREATE TEMP TABLE line_pt AS
  SELECT * FROM (VALUES ('a', 0, 1), ('b', 1, 1), ('c', 2, 1), ('d', 10, 2), ('e', 11, 2)) t(id, x, population);
CREATE TEMP VIEW line_dem AS SELECT id, population::float8 AS population FROM line_pt;
CREATE TEMP VIEW line_cand AS SELECT id, 1::float8 AS capacity FROM line_pt;
CREATE TEMP VIEW line_cost AS
  SELECT a.id AS demand_id, b.id AS supply_id, abs(a.x - b.x)::float8 AS cost FROM line_pt a, line_pt b;

-- p-median, p = 2: b serves a, b, c (1 + 0 + 1); d or e serves d and e (0 + 2 x 1): total 4.
SELECT is((SELECT DISTINCT objective FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'p_median', costs => 'SELECT * FROM line_cost')),
          4::float8, 'p_median by hand: 4');
SELECT ok((SELECT bool_and(optimal) AND bool_and(bound = objective) AND bool_and(gap = 0)
             FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'p_median', costs => 'SELECT * FROM line_cost')),
          'p_median by hand: proven optimal, bound = objective, gap 0');
SELECT ok((SELECT array_agg(id ORDER BY id) IN ('{b,d}', '{b,e}')
             FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'p_median', costs => 'SELECT * FROM line_cost')
            WHERE kind = 'site'), 'p_median by hand: sites b and d (or e)');
-- p-center, p = 2: b and d (or e): the largest distance 1.
SELECT is((SELECT DISTINCT objective FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'p_center', costs => 'SELECT * FROM line_cost')),
          1::float8, 'p_center by hand: 1');
-- MCLP, catchment 1, p = 1: d or e covers d and e (4); b covers a, b, c (3).
SELECT is((SELECT DISTINCT objective FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')),
          4::float8, 'mclp by hand: 4 covered');
-- LSCP, catchment 1: two sites (b, and d or e).
SELECT is((SELECT count(*) FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', NULL, 'lscp', 1, costs => 'SELECT * FROM line_cost') WHERE kind = 'site'),
          2::bigint, 'lscp by hand: 2 sites');
-- Equity, catchment 1, capacities 1: R = (1/2, 1/3, 1/2, 1/4, 1/4) for a .. e.
-- One new site leaves a point without access (0); two, {b, d}: access
-- (1/3, 1/3, 1/3, 1/4, 1/4), least 1/4, the best.
SELECT is((SELECT DISTINCT objective FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'equity', 1, costs => 'SELECT * FROM line_cost')),
          0.25::float8, 'equity by hand: least access 1/4');
SELECT is((SELECT array_agg(round(access::numeric, 12) ORDER BY id)
             FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'equity', 1, costs => 'SELECT * FROM line_cost')
            WHERE kind = 'demand'),
          (SELECT array_agg(round(access::numeric, 12) ORDER BY id)
             FROM caregap.fca('SELECT * FROM line_dem', 'SELECT * FROM line_cand WHERE id IN (''b'', ''d'')', 1,
                                costs => 'SELECT * FROM line_cost WHERE supply_id IN (''b'', ''d'')')),
          'equity''s access is fca''s 2SFCA for the sites chosen');
SELECT is((SELECT DISTINCT objective FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'equity', 1, costs => 'SELECT * FROM line_cost')),
          0::float8, 'equity with one site: 0, proven');
-- An existing site at e: the next one at b (p-median 1 + 0 + 1 + 2 + 0 = 4).
CREATE TEMP VIEW line_ex AS SELECT 'E'::text AS id, 1::float8 AS capacity;
CREATE TEMP VIEW line_cost_ex AS
  SELECT * FROM line_cost WHERE supply_id <> 'e'
  UNION ALL SELECT id, 'E', abs(x - 11)::float8 FROM line_pt;
SELECT is((SELECT array_agg(id || ':' || existing ORDER BY id) FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand WHERE id <> ''e''', 1, 'p_median',
                    existing => 'SELECT * FROM line_ex', costs => 'SELECT * FROM line_cost_ex') WHERE kind = 'site'),
          '{E:true,b:false}', 'existing sites stay open and p counts the new ones');
SELECT is((SELECT DISTINCT objective FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand WHERE id <> ''e''', 0, 'p_median',
                    existing => 'SELECT * FROM line_ex', costs => 'SELECT * FROM line_cost_ex')),
          (11 + 10 + 9 + 2)::float8, 'p = 0: the existing sites alone (11 + 10 + 9 + 2 x 1)');

-- Random instances on coordinates around Suwon: 40 demand points, 9 candidates, 2 existing sites.
SELECT setseed(0.21);
CREATE TEMP TABLE rd AS SELECT 'd' || g AS id, 126.9 + random() * 0.4 AS lon, 37.1 + random() * 0.4 AS lat,
                               floor(1 + random() * 500)::float8 AS population FROM generate_series(1, 40) g;
UPDATE rd SET population = 0 WHERE id IN ('d3', 'd17');
CREATE TEMP TABLE rc AS SELECT 'c' || g AS id, 126.9 + random() * 0.4 AS lon, 37.1 + random() * 0.4 AS lat,
                               floor(1 + random() * 50)::float8 AS capacity FROM generate_series(1, 9) g;
CREATE TEMP TABLE rx AS SELECT 'x' || g AS id, 126.9 + random() * 0.4 AS lon, 37.1 + random() * 0.4 AS lat,
                               floor(1 + random() * 50)::float8 AS capacity FROM generate_series(1, 2) g;
-- great-circle km as caregap's kernel computes it (haversine, R = 6371.0088)
CREATE FUNCTION pg_temp.km(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT 2 * 6371.0088 * asin(sqrt(sin(radians(lat2 - lat1) / 2) ^ 2
                                   + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)) $$;
CREATE TEMP TABLE rdist AS
  SELECT d.id AS demand_id, s.id AS supply_id, pg_temp.km(d.lon, d.lat, s.lon, s.lat) AS cost
    FROM rd d, (SELECT id, lon, lat FROM rc UNION ALL SELECT id, lon, lat FROM rx) s;
-- every set of p candidates, as arrays (p = 3: 84 sets)
CREATE TEMP TABLE combos AS
  SELECT ARRAY[a.id, b.id, c.id] AS s FROM rc a, rc b, rc c WHERE a.id < b.id AND b.id < c.id;
CREATE FUNCTION pg_temp.reach(sites text[], r float8) RETURNS TABLE (id text, population float8, near float8) LANGUAGE sql AS $$
  SELECT d.id, d.population, min(x.cost)
    FROM rd d JOIN rdist x ON x.demand_id = d.id
   WHERE x.supply_id = ANY (sites) OR x.supply_id LIKE 'x%'
   GROUP BY d.id, d.population $$;
CREATE TEMP VIEW brute AS
  SELECT s,
         (SELECT sum(population * near) FROM pg_temp.reach(s, 0)) AS pmed,
         (SELECT max(near) FROM pg_temp.reach(s, 0) WHERE population > 0) AS pcen,
         (SELECT sum(population) FILTER (WHERE near <= 8) FROM pg_temp.reach(s, 0)) AS mclp
    FROM combos;
CREATE TEMP VIEW loc_q AS SELECT 'SELECT * FROM rd'::text AS dem, 'SELECT * FROM rc'::text AS cand, 'SELECT * FROM rx'::text AS ex;

SELECT ok(pg_temp.close((SELECT DISTINCT objective FROM loc_q, caregap.locate(dem, cand, 3, 'p_median', existing => ex)),
                        (SELECT min(pmed) FROM brute), 1e-12),
          'p_median = the least over all 84 sets of 3 candidates (SQL, exhaustive)');
SELECT ok(pg_temp.close((SELECT DISTINCT objective FROM loc_q, caregap.locate(dem, cand, 3, 'p_center', existing => ex)),
                        (SELECT min(pcen) FROM brute), 1e-12),
          'p_center = the least largest distance over all sets');
SELECT is((SELECT DISTINCT objective FROM loc_q, caregap.locate(dem, cand, 3, 'mclp', 8, existing => ex)),
          (SELECT max(mclp) FROM brute), 'mclp = the most covered over all sets (catchment 8 km)');
SELECT ok((SELECT bool_and(optimal) FROM loc_q, caregap.locate(dem, cand, 3, 'p_median', existing => ex)), 'p_median proven optimal');
SELECT ok((SELECT bool_and(optimal) FROM loc_q, caregap.locate(dem, cand, 3, 'mclp', 8, existing => ex)), 'mclp proven optimal');
-- the rows' own arithmetic: the demand rows add up to the objective
SELECT ok((SELECT pg_temp.close(sum(population * distance) FILTER (WHERE kind = 'demand'), min(objective), 1e-12)
             FROM loc_q, caregap.locate(dem, cand, 3, 'p_median', existing => ex)),
          'p_median: sum of population x distance over the demand rows = objective');
SELECT ok((SELECT max(distance) FILTER (WHERE kind = 'demand' AND population > 0) = min(objective)
             FROM loc_q, caregap.locate(dem, cand, 3, 'p_center', existing => ex)),
          'p_center: the largest distance over the demand rows (with demand) = objective');
SELECT ok((SELECT sum(population) FILTER (WHERE kind = 'demand' AND covered) = min(objective)
               AND sum(population) FILTER (WHERE kind = 'site') = min(objective)
             FROM loc_q, caregap.locate(dem, cand, 3, 'mclp', 8, existing => ex)),
          'mclp: the covered demand rows, and the sites'' served population, add up to the objective');
SELECT is((SELECT count(*) FILTER (WHERE kind = 'site') || '/' || count(*) FILTER (WHERE kind = 'site' AND existing)
             FROM loc_q, caregap.locate(dem, cand, 3, 'mclp', 8, existing => ex)),
          '5/2', 'three new sites and the two existing ones');
-- each demand row names its nearest open site (SQL over the sites returned)
SELECT is_empty($$
  WITH r AS (SELECT * FROM loc_q, caregap.locate(dem, cand, 3, 'p_median', existing => ex)),
       open AS (SELECT id FROM r WHERE kind = 'site')
  SELECT r.id FROM r JOIN rdist x ON x.demand_id = r.id AND x.supply_id IN (SELECT id FROM open)
   WHERE r.kind = 'demand' GROUP BY r.id, r.distance HAVING min(x.cost) < r.distance - 1e-12$$,
  'every demand row''s site is its nearest open one');
-- the cost path gives the coordinate path's answer
SELECT is((SELECT array_agg(id ORDER BY id) FROM loc_q, caregap.locate(dem, cand, 3, 'p_median', existing => ex) WHERE kind = 'site'),
          (SELECT array_agg(id ORDER BY id) FROM caregap.locate('SELECT id, population FROM rd', 'SELECT id FROM rc', 3, 'p_median',
                   existing => 'SELECT id FROM rx', costs => 'SELECT * FROM rdist') WHERE kind = 'site'),
          'p_median: the cost path chooses the coordinate path''s sites');
SELECT ok(pg_temp.close((SELECT DISTINCT objective FROM loc_q, caregap.locate(dem, cand, 3, 'p_median', existing => ex)),
                        (SELECT DISTINCT objective FROM caregap.locate('SELECT id, population FROM rd', 'SELECT id FROM rc', 3, 'p_median',
                                 existing => 'SELECT id FROM rx', costs => 'SELECT * FROM rdist')), 1e-12),
          'and its objective');
SELECT is((SELECT array_agg(id ORDER BY id) FROM loc_q, caregap.locate(dem, cand, 3, 'mclp', 8, existing => ex) WHERE kind = 'site'),
          (SELECT array_agg(id ORDER BY id) FROM caregap.locate('SELECT id, population FROM rd', 'SELECT id FROM rc', 3, 'mclp', 8,
                   existing => 'SELECT id FROM rx', costs => 'SELECT * FROM rdist') WHERE kind = 'site'),
          'mclp: the cost path chooses the coordinate path''s sites');
-- row order does not matter
SELECT is((SELECT array_agg(id || kind || coalesce(site, '') ORDER BY kind, id) FROM loc_q, caregap.locate(dem, cand, 3, 'equity', 8, existing => ex)),
          (SELECT array_agg(id || kind || coalesce(site, '') ORDER BY kind, id) FROM caregap.locate('SELECT * FROM rd ORDER BY md5(id)',
                   'SELECT * FROM rc ORDER BY md5(id) DESC', 3, 'equity', 8, existing => 'SELECT * FROM rx ORDER BY id DESC')),
          'the same answer whatever the order of the rows');
-- equity against an exhaustive search: the least 2SFCA access (fca) over every set
SELECT ok(pg_temp.close((SELECT DISTINCT objective FROM loc_q, caregap.locate(dem, cand, 3, 'equity', 8, existing => ex)),
          (SELECT max((SELECT min(access) FROM caregap.fca('SELECT * FROM rd WHERE population > 0',
                         format('SELECT * FROM rc WHERE id = ANY (%L) UNION ALL SELECT * FROM rx', s), 8))) FROM combos), 1e-12),
          'equity = the highest least access over all sets (fca on each)');
-- LSCP against the smallest cover found by SQL over every subset of the 9 candidates
CREATE TEMP VIEW subsets AS
  SELECT array_agg(c.id) FILTER (WHERE (m >> (substr(c.id, 2)::int - 1)) & 1 = 1) AS s
    FROM generate_series(0, 511) m, rc c GROUP BY m;
SELECT is((SELECT count(*) FROM loc_q, caregap.locate(dem, cand, NULL, 'lscp', 20, existing => ex) WHERE kind = 'site' AND NOT existing),
          (SELECT min(coalesce(cardinality(s), 0)) FROM subsets
            WHERE NOT EXISTS (SELECT FROM rd WHERE population > 0
                                 AND NOT EXISTS (SELECT FROM rdist x WHERE x.demand_id = rd.id AND x.cost <= 20
                                                    AND (x.supply_id = ANY (coalesce(s, '{}')) OR x.supply_id LIKE 'x%'))))::bigint,
          'lscp = the fewest candidates that cover every point with demand (SQL, all 512 subsets)');

-- Gyeonggi: the next 5 nursing hospitals (the demo's question)
CREATE TEMP VIEW gg_dem AS
  SELECT m.code || '-' || g AS id, m.lon + 0.02 * g AS lon, m.lat AS lat, 1000::float8 * (2 + g) AS population
    FROM caregap.gyeonggi_municipality m, generate_series(-1, 1) g;
SELECT ok((SELECT bool_and(optimal) FROM caregap.locate('SELECT * FROM gg_dem', 'SELECT * FROM gg_dem', 5, 'mclp', 10,
                    existing => 'SELECT id, lon, lat FROM caregap.gyeonggi_nursing_hospital')),
          'mclp with the 267 hospitals open: proven optimal');

-- Bad input: each an error naming the argument.
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 6, 'p_median', costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: p = 6 is more than the 5 candidate sites', 'p larger than the candidates');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem WHERE false', 'SELECT * FROM line_cand', 1, 'p_median', costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: the demand query returned no points', 'no demand');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT id, ''NaN''::float8 AS population FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', NULL, 'a NaN population');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT id, -population AS population FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', NULL, 'a negative population');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand UNION ALL SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: id a appears more than once in the candidates query', 'duplicate candidate ids');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'p_median', existing => 'SELECT ''a''::text AS id', costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: id a is both a candidate and an existing site', 'an id both candidate and existing');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand WHERE id IN (''a'', ''b'')', NULL, 'lscp', 1,
                                                costs => 'SELECT * FROM line_cost WHERE supply_id IN (''a'', ''b'')')$$,
                 '22023', 'locate: lscp has no solution: no site lies within the catchment of demand point d', 'infeasible lscp names a point out of reach');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT id, ''Infinity''::float8 AS population FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22003', 'locate: the population of demand point a must be finite and not negative', 'an infinite population: 22003');
SELECT throws_ok($$SELECT * FROM caregap.locate(NULL, 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22004', 'locate: the demand and candidates queries and the objective must not be null', 'a null demand query: 22004');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', NULL, 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22004', 'locate: the demand and candidates queries and the objective must not be null', 'a null candidates query: 22004');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, NULL, 1, costs => 'SELECT * FROM line_cost')$$,
                 '22004', 'locate: the demand and candidates queries and the objective must not be null', 'a null objective: 22004');
-- no people at all: equity has nothing to maximize (an error); the others answer 0 with p sites
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT id, 0::float8 AS population FROM line_dem', 'SELECT id, 1::float8 AS capacity FROM line_cand', 1, 'equity', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: equity maximizes the least access of the people, and every population of the demand query is 0', 'equity without people: 22023');
SELECT results_eq($$SELECT min(objective), bool_and(optimal), count(*) FILTER (WHERE kind = 'site') FROM caregap.locate('SELECT id, 0::float8 AS population FROM line_dem', 'SELECT * FROM line_cand', 2, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                  $$VALUES (0::float8, true, 2::bigint)$$, 'mclp without people: objective 0, proven, 2 sites');
SELECT results_eq($$SELECT min(objective), bool_and(optimal), count(*) FILTER (WHERE kind = 'site') FROM caregap.locate('SELECT id, 0::float8 AS population FROM line_dem', 'SELECT * FROM line_cand', 2, 'p_median', NULL, costs => 'SELECT * FROM line_cost')$$,
                  $$VALUES (0::float8, true, 2::bigint)$$, 'p_median without people: objective 0, proven, 2 sites');
SELECT results_eq($$SELECT min(objective), bool_and(optimal), count(*) FILTER (WHERE kind = 'site') FROM caregap.locate('SELECT id, 0::float8 AS population FROM line_dem', 'SELECT * FROM line_cand', 2, 'p_center', NULL, costs => 'SELECT * FROM line_cost')$$,
                  $$VALUES (0::float8, true, 2::bigint)$$, 'p_center without people: objective 0, proven, 2 sites');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 2, 'lscp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: lscp finds the number of sites itself, so p must be null', 'lscp with p');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', NULL, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22004', 'locate: mclp needs p, the number of new sites', 'mclp without p');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', -1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: p must not be negative', 'a negative p');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', costs => 'SELECT * FROM line_cost')$$,
                 '22004', 'locate: lscp, mclp and equity need a catchment', 'mclp without a catchment');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 'NaN', costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: the catchment must be positive', 'a NaN catchment');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'median', costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: unknown objective "median"', 'an unknown objective');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'p_median', costs => 'SELECT * FROM line_cost WHERE cost < 10')$$,
                 '22023', 'locate: the cost query has no cost from a to d, and p_median needs every pair', 'p_median needs every pair');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand WHERE id = ''a''', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', 'locate: the cost query names supply_id b, which is not a candidate or existing site', 'a cost to an unknown site');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT id FROM line_cand', 1, 'equity', 1, costs => 'SELECT * FROM line_cost')$$,
                 '42703', NULL, 'equity needs the candidates'' capacity');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT id, ''NaN''::float8 AS capacity FROM line_cand', 1, 'equity', 1, costs => 'SELECT * FROM line_cost')$$,
                 '22023', NULL, 'a NaN capacity');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost', max_steps => 0)$$,
                 '22023', 'locate: max_steps must be at least 1', 'max_steps below 1');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT * FROM rd', 'SELECT id, lon, 91::float8 AS lat FROM rc', 1, 'mclp', 5)$$,
                 '22023', NULL, 'a latitude out of range');
-- a problem too large for the distances in memory is refused before anything is allocated
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT g::text AS id, 127::float8 AS lon, 37::float8 AS lat, 1::float8 AS population FROM generate_series(1, 10000) g',
                                                'SELECT g::text AS id, 127::float8 AS lon, 37::float8 AS lat FROM generate_series(1, 5001) g', 1, 'p_median')$$,
                 '54000', NULL, 'p_median past 50 million pairs: refused');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT g::text AS id, 127::float8 AS lon, 37::float8 AS lat, 1::float8 AS population FROM generate_series(1, 10000) g',
                                                'SELECT g::text AS id, 127::float8 AS lon, 37::float8 AS lat FROM generate_series(1, 5001) g', 1, 'mclp', 'Infinity')$$,
                 '54000', 'locate: more than 50 million demand-site pairs lie within the catchment', 'mclp with every one of 50 million pairs in reach: refused');
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT g::text AS id, 127::float8 AS lon, 37::float8 AS lat, 1::float8 AS population FROM generate_series(1, 10000) g',
                                                'SELECT g::text AS id, 127::float8 AS lon, 37::float8 AS lat FROM generate_series(1, 5001) g', 1, 'mclp', 1)$$,
                 '54000', 'locate: more than 50 million demand-site pairs lie within the catchment', 'and with them all within a finite catchment: refused as they pass the limit');
-- the inner queries run read-only
CREATE FUNCTION pg_temp.writer() RETURNS float8 LANGUAGE plpgsql VOLATILE AS $$BEGIN CREATE TEMP TABLE never_made(); RETURN 1; END$$;
SELECT throws_ok($$SELECT * FROM caregap.locate('SELECT id, pg_temp.writer() AS population FROM line_dem', 'SELECT * FROM line_cand', 1, 'mclp', 1, costs => 'SELECT * FROM line_cost')$$,
                 '25006', NULL, 'the inner queries run read-only');

-- A cut-short search still gives a valid bound, and says it is not proven
SELECT ok((SELECT bool_and(bound <= objective) FROM caregap.locate('SELECT g::text AS id, 127 + (g % 37) * 0.013 AS lon, 37 + (g % 41) * 0.011 AS lat, (1 + g % 7)::float8 AS population FROM generate_series(1, 300) g',
                    'SELECT g::text AS id, 127 + (g % 29) * 0.017 AS lon, 37 + (g % 31) * 0.015 AS lat FROM generate_series(1, 120) g', 7, 'p_median', max_steps => 1)),
          'max_steps => 1 (the root only): the bound is below the objective');

-- cancel within 1 s of the start, each objective, on 4,000 points and 3,000 candidates
-- (statement_timeout is armed per top-level statement: each call below is one;
-- cancel_seconds is in sql/include/canceled.sql)
CREATE TEMP TABLE big_d AS SELECT g::text AS id, 127 + random() AS lon, 37 + random() AS lat, 1::float8 AS population,
                                  1::float8 AS capacity FROM generate_series(1, 4000) g;
CREATE TEMP TABLE big_c AS SELECT * FROM big_d LIMIT 3000;
SET statement_timeout = '200ms';
SELECT is(pg_temp.cancel_seconds($q$SELECT count(*) FROM caregap.locate('SELECT * FROM big_d', 'SELECT * FROM big_c', 40, 'p_median')$q$),
          'canceled within 1 s', 'p_median, 4,000 x 3,000: canceled within 1 s');
SELECT is(pg_temp.cancel_seconds($q$SELECT count(*) FROM caregap.locate('SELECT * FROM big_d', 'SELECT * FROM big_c', 40, 'p_center')$q$),
          'canceled within 1 s', 'p_center: canceled within 1 s');
SELECT is(pg_temp.cancel_seconds($q$SELECT count(*) FROM caregap.locate('SELECT * FROM big_d', 'SELECT * FROM big_c', 40, 'mclp', 30)$q$),
          'canceled within 1 s', 'mclp, 30 km: canceled within 1 s');
SELECT is(pg_temp.cancel_seconds($q$SELECT count(*) FROM caregap.locate('SELECT * FROM big_d', 'SELECT * FROM big_c', NULL, 'lscp', 15)$q$),
          'canceled within 1 s', 'lscp, 15 km: canceled within 1 s');
SELECT is(pg_temp.cancel_seconds($q$SELECT count(*) FROM caregap.locate('SELECT * FROM big_d', 'SELECT * FROM big_c', 40, 'equity', 30)$q$),
          'canceled within 1 s', 'equity, 30 km: canceled within 1 s');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
