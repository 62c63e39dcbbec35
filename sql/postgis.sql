-- postgis (0.5.0): the companion extension caregap_postgis builds contiguity
-- weights from geometries with a real PostGIS.  References: the queen pairs
-- shipped with caregap (computed from the full-resolution KOSTAT boundaries,
-- data/gyeonggi/README.md) and, for the 563 dong polygons of Gyeonggi, the
-- 1,572 touching pairs that data/korea_dong/README.md reports for the same
-- simplified polygons (GEOS intersects).
\i sql/include/tap.sql

SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION caregap_postgis;
RESET client_min_messages;
-- the dongs and their polygons, through the shipped loaders
\i data/korea_dong/load.sql
\i data/korea_dong/load_geom.sql
\set ON_ERROR_STOP off

BEGIN;
SELECT plan(29);

SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'caregap_postgis'), '1.0.0', 'caregap_postgis 1.0.0 installed');
SELECT ok(NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                       WHERE e.extname = 'caregap' AND d.objid IN (SELECT oid FROM pg_extension WHERE extname = 'postgis')),
          'caregap itself does not depend on PostGIS');

CREATE TEMP VIEW gg_geom AS
SELECT code AS id, ST_GeomFromGeoJSON(geojson::text) AS geom FROM caregap.gyeonggi_boundary;
CREATE TEMP TABLE gg_queen AS SELECT * FROM caregap_postgis.contiguity_weights('SELECT * FROM gg_geom');
SELECT set_eq('SELECT i, j FROM gg_queen', 'SELECT i, j FROM caregap.gyeonggi_links',
              'queen contiguity of the 31 simplified boundaries = the 130 shipped links');
SELECT set_eq($$SELECT i, j FROM caregap_postgis.contiguity_weights('SELECT * FROM gg_geom', 'rook')$$,
              'SELECT i, j FROM caregap.gyeonggi_links', 'rook: the same (the README: every pair shares a border)');
SELECT ok((SELECT bool_and(abs(q.border_km - l.border_km) <= 0.05 * l.border_km + 0.5)
             FROM gg_queen q JOIN caregap.gyeonggi_links l USING (i, j)),
          'border lengths of the simplified boundaries within 5 % + 0.5 km of the full-resolution ones');
SELECT is((SELECT (s.links, s.components, s.asymmetric_links) FROM caregap.weights_summary('gg_queen') s),
          (130::bigint, 1::bigint, 0::bigint), 'the rows are a weights relation: symmetric, one component');

-- great-circle distances (used by knn_weights, distance_weights and fca) against PostGIS on a sphere of
-- radius 6371008.7714 m (its spheroid's mean radius; caregap's is 6371.0088 km: 5e-9 apart)
SELECT ok((SELECT bool_and(abs(k.km - ST_Distance(ST_Point(a.lon, a.lat)::geography, ST_Point(b.lon, b.lat)::geography, false) / 1000)
                           <= 1e-8 * k.km)
             FROM caregap.knn_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 30) k
             JOIN caregap.gyeonggi_municipality a ON a.code = k.i JOIN caregap.gyeonggi_municipality b ON b.code = k.j),
          'haversine km of all 930 ordered pairs = PostGIS ST_Distance on the sphere within 1e-8');

CREATE TEMP TABLE dong_geom AS SELECT kostat_code_2018 AS id, geom FROM korea_dong.dong_geom_2018;
SELECT is((SELECT count(*) FROM dong_geom), 563::bigint, '563 dong polygons of Gyeonggi, loaded by data/korea_dong/load_geom.sql');
SELECT is((SELECT (count(adm_code), count(*) FILTER (WHERE adm_code IS NULL))
             FROM korea_dong.dong_geom_2018), (541::bigint, 22::bigint),
          'the loader: 541 polygons matched to a 2026 dong (README: 541 with a polygon), 22 without');
SELECT is((SELECT count(*) FROM caregap_postgis.contiguity_weights('SELECT * FROM dong_geom')), 2 * 1572::bigint,
          'queen contiguity of the dongs: 1,572 touching pairs, as data/korea_dong/README.md');
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT * FROM gg_geom', 'bishop')$$, '22023', NULL,
                 'an unknown rule is refused');

-- fca from geometry columns: polygons by their point on surface, points as they are, other SRIDs transformed
CREATE TEMP VIEW hosp_geom AS SELECT id, ST_SetSRID(ST_Point(lon, lat), 4326) AS geom, beds::float8 AS capacity
  FROM caregap.gyeonggi_nursing_hospital;
CREATE TEMP TABLE fca_geom AS
SELECT * FROM caregap_postgis.fca('SELECT id, geom, 1000::float8 AS population FROM gg_geom', 'SELECT * FROM hosp_geom', 20);
SELECT ok((SELECT bool_and(pg_temp.close(g.access, l.access, 1e-14))
             FROM fca_geom g
             JOIN caregap.fca('SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, 1000::float8 AS population FROM gg_geom',
                              'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, capacity FROM hosp_geom', 20) l USING (id)),
          'caregap_postgis.fca on polygons and points = caregap.fca on their points on surface');
SELECT ok((SELECT bool_and(pg_temp.close(g.access, t.access, 1e-9))
             FROM fca_geom g
             JOIN caregap_postgis.fca('SELECT id, geom, 1000::float8 AS population FROM gg_geom',
                                      'SELECT id, ST_Transform(geom, 5179) AS geom, capacity FROM hosp_geom', 20) t USING (id)),
          'supply given in EPSG:5179 is transformed to lon/lat: the same access');

-- 0.6.1 (issue 16): what contiguity_weights read is checked; 0.6.0 merged
-- repeated ids, dropped null ids and geometries silently, and let PostGIS's
-- XX000 through for mixed or unknown SRIDs
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT * FROM gg_geom UNION ALL SELECT * FROM gg_geom WHERE id = ''41110''')$$,
                 '22023', 'contiguity_weights: id 41110 appears more than once in the geometries query',
                 'a repeated id is an error naming it');
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT * FROM gg_geom UNION ALL SELECT NULL, NULL::geometry')$$,
                 '22004', 'contiguity_weights: 1 rows of the geometries query have a null id',
                 'a null id is an error');
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT * FROM gg_geom UNION ALL SELECT ''x'', NULL::geometry')$$,
                 '22004', 'contiguity_weights: 1 rows of the geometries query have a null geom',
                 'a null geometry is an error');
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT id, CASE WHEN id = ''41110'' THEN ST_Transform(geom, 5179) ELSE geom END AS geom FROM gg_geom')$$,
                 '22023', 'contiguity_weights: the geometries have 2 different SRIDs',
                 'mixed SRIDs are an error, not PostGIS''s XX000');
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT id, ST_SetSRID(geom, 990001) AS geom FROM gg_geom')$$,
                 '22023', 'contiguity_weights: SRID 990001 is not in spatial_ref_sys',
                 'an SRID PostGIS does not know is an error');
SELECT set_eq($$SELECT i, j, round(border_km::numeric, 6) FROM caregap_postgis.contiguity_weights('SELECT id, ST_Transform(geom, 5179) AS geom FROM gg_geom')$$,
              $$SELECT i, j, round(border_km::numeric, 6) FROM gg_queen$$,
              'geometries in EPSG:5179 give the same pairs and border lengths (transformed to lon/lat for the length)');
SELECT is((SELECT string_agg(proparallel::text, '') FROM pg_proc
            WHERE oid IN ('caregap_postgis.fca(text,text,double precision,text,double precision[],double precision[],text)'::regprocedure,
                          'caregap_postgis.fca_supply(text,text,double precision,text,double precision[],double precision[],text)'::regprocedure)),
          'rr', 'caregap_postgis.fca and fca_supply are PARALLEL RESTRICTED, as caregap''s');
-- 0.6.1 (from issue 18): parity with caregap: fca_supply, costs, errors in caregap's words
SELECT ok((SELECT bool_and(pg_temp.close(g.ratio, l.ratio, 1e-14) AND g.demand_points = l.demand_points)
             FROM caregap_postgis.fca_supply('SELECT id, geom, 1000::float8 AS population FROM gg_geom', 'SELECT * FROM hosp_geom', 20) g
             JOIN caregap.fca_supply('SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, 1000::float8 AS population FROM gg_geom',
                                     'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, capacity FROM hosp_geom', 20) l USING (id)),
          'caregap_postgis.fca_supply = caregap.fca_supply on the points on surface');
SELECT is((SELECT array_agg(round(access::numeric, 12) ORDER BY id)
             FROM caregap_postgis.fca('SELECT id, geom, 1000::float8 AS population FROM gg_geom WHERE id IN (''41110'', ''41130'')',
                                      'SELECT * FROM hosp_geom WHERE id IN (SELECT min(id) FROM hosp_geom)', 20,
                                      costs => 'SELECT g.id AS demand_id, h.id AS supply_id, 5::float8 AS cost FROM gg_geom g, hosp_geom h WHERE g.id IN (''41110'', ''41130'') AND h.id IN (SELECT min(id) FROM hosp_geom)')),
          (SELECT array_agg(round((capacity / 2000)::numeric, 12)) FROM hosp_geom WHERE id IN (SELECT min(id) FROM hosp_geom)) || (SELECT array_agg(round((capacity / 2000)::numeric, 12)) FROM hosp_geom WHERE id IN (SELECT min(id) FROM hosp_geom)),
          'caregap_postgis.fca passes costs: two units of 1,000 both 5 from one site each see its capacity / 2,000');
-- 1.0.0 (issue 18): any geometry column name, projected SRIDs, errors in caregap's words
SELECT is((SELECT array_agg(f.id || ' ' || f.access ORDER BY f.id)
             FROM caregap_postgis.fca('SELECT id AS id, geom AS shape, 1000::float8 AS population FROM gg_geom',
                                      'SELECT id, geom AS location, capacity FROM hosp_geom', 20) f),
          (SELECT array_agg(f.id || ' ' || f.access ORDER BY f.id)
             FROM caregap_postgis.fca('SELECT id, geom, 1000::float8 AS population FROM gg_geom', 'SELECT * FROM hosp_geom', 20) f),
          'fca: a geometry column of another name (the only one) = the column geom');
SELECT throws_ok($$SELECT * FROM caregap_postgis.fca('SELECT id, geom AS a, geom AS b, 1000::float8 AS population FROM gg_geom', 'SELECT * FROM hosp_geom', 20)$$,
                 '42702', 'fca: the demand query has 2 geometry columns (a, b) and none is called geom',
                 'two geometry columns, none called geom: 42702 naming them');
SELECT throws_ok($$SELECT * FROM caregap_postgis.fca('SELECT id, 1000::float8 AS population FROM gg_geom', 'SELECT * FROM hosp_geom', 20)$$,
                 '42703', 'fca: the demand query has no geometry column', 'no geometry column: 42703');
SELECT throws_ok($$SELECT * FROM caregap_postgis.fca('SELECT id AS code, geom, 1000::float8 AS population FROM gg_geom', 'SELECT * FROM hosp_geom', 20)$$,
                 '42703', 'fca: the demand query has no column id', 'no id column: 42703 naming it');
SELECT throws_ok($$SELECT * FROM caregap_postgis.fca('SELECT id, geom, 1000::float8 AS people FROM gg_geom', 'SELECT * FROM hosp_geom', 20)$$,
                 '42703', 'fca: the demand query has no column population', 'no population column: 42703 naming it');
SELECT throws_ok($$SELECT * FROM caregap_postgis.contiguity_weights('SELECT code, ST_GeomFromGeoJSON(geojson::text) AS geom FROM caregap.gyeonggi_boundary')$$,
                 '42703', 'contiguity_weights: the geometries query has no column id', 'contiguity_weights: no id column: 42703 naming it');
-- the 31 boundaries in EPSG:5179 (Korea 2000 / Unified CS, metres) under the column name the_geom,
-- rule 'Queen': the same 130 pairs; the border lengths as from lon/lat to 1e-6
CREATE TEMP TABLE gg_5179 AS
SELECT code AS id, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(geojson::text), 4326), 5179) AS the_geom FROM caregap.gyeonggi_boundary;
CREATE TEMP TABLE gg_ll AS
SELECT * FROM caregap_postgis.contiguity_weights('SELECT code AS id, ST_GeomFromGeoJSON(geojson::text) AS geom FROM caregap.gyeonggi_boundary');
SELECT is((SELECT count(*) FROM caregap_postgis.contiguity_weights('SELECT id, the_geom FROM gg_5179', 'Queen') p
             JOIN gg_ll l USING (i, j) WHERE abs(p.border_km - l.border_km) <= 1e-6 * greatest(1, l.border_km)),
          (SELECT count(*) FROM gg_ll),
          'contiguity_weights: projected polygons (EPSG:5179) under another column name, rule ''Queen'': the same pairs and border lengths');
SELECT * FROM finish();
ROLLBACK;

-- contiguity_weights in a READ ONLY transaction (0.6.0: 25006, it made a
-- temporary table): the same pairs, read through a materialized CTE
CREATE TEMP TABLE gg_queen_rw AS
SELECT * FROM caregap_postgis.contiguity_weights('SELECT code AS id, ST_GeomFromGeoJSON(geojson::text) AS geom FROM caregap.gyeonggi_boundary');
BEGIN READ ONLY;
SELECT count(*) AS read_only_pairs,
       count(*) FILTER (WHERE (r.i, r.j, round(r.border_km::numeric, 9)) IN (SELECT i, j, round(border_km::numeric, 9) FROM gg_queen_rw)) AS same_as_read_write
  FROM caregap_postgis.contiguity_weights('SELECT code AS id, ST_GeomFromGeoJSON(geojson::text) AS geom FROM caregap.gyeonggi_boundary', 'queen') r;
COMMIT;

-- the companion refuses a schema that another role created beforehand
-- (0.6.0 installed into it, and the planted fca(text, text, integer) then ran
-- as the superuser who called caregap_postgis.fca(..., 10))
DROP EXTENSION caregap_postgis;
DROP SCHEMA caregap_postgis;
CREATE ROLE cg_carol;
GRANT CREATE ON DATABASE :"DBNAME" TO cg_carol;
SET SESSION AUTHORIZATION cg_carol;
CREATE SCHEMA caregap_postgis;
CREATE FUNCTION caregap_postgis.fca(text, text, integer) RETURNS integer LANGUAGE plpgsql AS
  $$BEGIN EXECUTE 'ALTER ROLE cg_carol SUPERUSER'; RETURN 0; END$$;
RESET SESSION AUTHORIZATION;
\set VERBOSITY terse
CREATE EXTENSION caregap_postgis;
\set VERBOSITY default
SELECT 'carol superuser: ' || rolsuper FROM pg_roles WHERE rolname = 'cg_carol';
DROP SCHEMA caregap_postgis CASCADE;
-- an empty schema a superuser left behind (after DROP EXTENSION) is taken
SET client_min_messages = warning;
CREATE SCHEMA caregap_postgis;
CREATE EXTENSION caregap_postgis;
RESET client_min_messages;
SELECT 'owner ' || nspowner::regrole::text AS companion_schema, has_schema_privilege('cg_carol', 'caregap_postgis', 'CREATE') AS carol_may_create
  FROM pg_namespace WHERE nspname = 'caregap_postgis';
DROP EXTENSION caregap_postgis;
DROP SCHEMA caregap_postgis;
REVOKE CREATE ON DATABASE :"DBNAME" FROM cg_carol;
DROP ROLE cg_carol;
-- the companion's upgrade path: 0.5.0 updated step by step has the fresh install's
-- functions (definition, parallel label, comment), and its schema the owner rule
CREATE TEMP VIEW pgis_catalog AS
SELECT p.oid::regprocedure::text AS f, md5(pg_get_functiondef(p.oid)) AS def, p.proparallel::text AS par,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_proc p WHERE p.pronamespace = to_regnamespace('caregap_postgis')
UNION ALL
SELECT 'schema owner super ' || r.rolsuper, coalesce(n.nspacl::text, '-'), '', ''
  FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'caregap_postgis';
SET client_min_messages = warning;
CREATE EXTENSION caregap_postgis;
CREATE TEMP TABLE pgis_fresh AS SELECT * FROM pgis_catalog;
DROP EXTENSION caregap_postgis;
DROP SCHEMA caregap_postgis;
CREATE EXTENSION caregap_postgis VERSION '0.5.0';
ALTER EXTENSION caregap_postgis UPDATE;
RESET client_min_messages;
SELECT extversion, (SELECT count(*) FROM pg_proc WHERE pronamespace = 'caregap_postgis'::regnamespace) AS functions,
       (SELECT count(*) FROM pgis_fresh) AS fresh_rows,
       (SELECT count(*) FROM (SELECT * FROM pgis_fresh EXCEPT SELECT * FROM pgis_catalog
                              UNION ALL (SELECT * FROM pgis_catalog EXCEPT SELECT * FROM pgis_fresh)) d) AS differing
  FROM pg_extension WHERE extname = 'caregap_postgis';
DROP EXTENSION caregap_postgis;
