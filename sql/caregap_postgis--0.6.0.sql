/* caregap_postgis--0.6.0.sql — contiguity weights and accessibility from PostGIS geometries */

\echo Use "CREATE EXTENSION caregap_postgis" to load this file. \quit

-- PostGIS lives in whatever schema it was created in: its functions and its
-- && operator are named with that schema, found here once, so that neither
-- the install nor a later call resolves one of our names through search_path
-- (the caller's query, and only it, is resolved as the caller writes it).
DO $install$
DECLARE
    pg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'postgis'::pg_catalog.name);
BEGIN
    EXECUTE pg_catalog.format($fn$
CREATE FUNCTION @extschema@.contiguity_weights(geometries text, rule text DEFAULT 'queen'::text)
RETURNS TABLE (i text, j text, w double precision, border_km double precision)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $body$
DECLARE
    tmp text := 'caregap_contiguity_'::text OPERATOR(pg_catalog.||) pg_catalog.pg_backend_pid()::text;
BEGIN
    IF rule OPERATOR(pg_catalog.<>) 'queen'::text AND rule OPERATOR(pg_catalog.<>) 'rook'::text THEN
        RAISE EXCEPTION 'contiguity_weights: unknown rule "%%"', rule
            USING ERRCODE = '22023', HINT = 'Use queen (a shared point is enough) or rook (a shared border of positive length).';
    END IF;
    -- the caller's query, read with the caller's privileges into an indexed temporary table
    IF pg_catalog.to_regclass('pg_temp.'::text OPERATOR(pg_catalog.||) pg_catalog.quote_ident(tmp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('DROP TABLE pg_temp.%%I', tmp);
    END IF;
    EXECUTE pg_catalog.format('CREATE TEMPORARY TABLE %%I AS SELECT id::text AS id, geom::%1$s.geometry AS geom FROM (%%s) q', tmp, geometries);
    EXECUTE pg_catalog.format('CREATE INDEX ON pg_temp.%%I USING gist (geom)', tmp);
    EXECUTE pg_catalog.format('ANALYZE pg_temp.%%I', tmp);
    RETURN QUERY EXECUTE pg_catalog.format($q$
        SELECT a.id, b.id, 1::double precision,
               %1$s.ST_Length(%1$s.ST_Intersection(%1$s.ST_Boundary(a.geom), %1$s.ST_Boundary(b.geom))::%1$s.geography)
                 OPERATOR(pg_catalog./) 1000::double precision
          FROM pg_temp.%%1$I a JOIN pg_temp.%%1$I b
            ON a.geom OPERATOR(%1$s.&&) b.geom AND a.id OPERATOR(pg_catalog.<>) b.id
         WHERE CASE WHEN %%2$L::text OPERATOR(pg_catalog.=) 'queen'::text
                    THEN %1$s.ST_Intersects(a.geom, b.geom)
                    ELSE %1$s.ST_Relate(a.geom, b.geom, '****1****'::text) END
         ORDER BY a.id, b.id $q$, tmp, rule);
    EXECUTE pg_catalog.format('DROP TABLE pg_temp.%%I', tmp);
END
$body$
$fn$, pg);
END
$install$;

COMMENT ON FUNCTION @extschema@.contiguity_weights(text, text) IS
'weights rows (i, j, w = 1, border_km) in both directions from a query with columns id and geom (polygons, SRID 4326 for border lengths in km): queen (the geometries intersect: a shared point is enough) or rook (their boundaries share a line); the query runs with the caller''s privileges into a temporary table with a GiST index, so pairs are found through the index, never all pairs';

-- 0.6.0: fca from geometry columns (points, or polygons by their point on surface)
DO $install$
DECLARE
    pg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'postgis'::pg_catalog.name);
    cg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'caregap'::pg_catalog.name);
BEGIN
    EXECUTE pg_catalog.format($fn$
CREATE FUNCTION @extschema@.fca(demand text, supply text, catchment double precision,
    method text DEFAULT '2sfca'::text, zones double precision[] DEFAULT NULL::double precision[],
    zone_weights double precision[] DEFAULT NULL::double precision[])
RETURNS TABLE (id text, population double precision, access double precision,
               access_norm double precision, sites integer, supply_in_reach double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $body$
    SELECT * FROM %2$s.fca(
        pg_catalog.format('SELECT id, %1$s.ST_X(p) AS lon, %1$s.ST_Y(p) AS lat, population FROM (SELECT id, population, %1$s.ST_PointOnSurface(CASE WHEN %1$s.ST_SRID(geom) OPERATOR(pg_catalog.=) 4326 OR %1$s.ST_SRID(geom) OPERATOR(pg_catalog.=) 0 THEN geom ELSE %1$s.ST_Transform(geom, 4326) END) AS p FROM (%%s) q) r', demand),
        pg_catalog.format('SELECT id, %1$s.ST_X(p) AS lon, %1$s.ST_Y(p) AS lat, capacity FROM (SELECT id, capacity, %1$s.ST_PointOnSurface(CASE WHEN %1$s.ST_SRID(geom) OPERATOR(pg_catalog.=) 4326 OR %1$s.ST_SRID(geom) OPERATOR(pg_catalog.=) 0 THEN geom ELSE %1$s.ST_Transform(geom, 4326) END) AS p FROM (%%s) q) r', supply),
        catchment, method, zones, zone_weights)
$body$
$fn$, pg, cg);
END
$install$;

COMMENT ON FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[]) IS
'caregap.fca from geometry columns: the demand query gives id, geom, population and the supply query id, geom, capacity; points are used as they are, polygons by their point on surface, in WGS84 (other SRIDs transformed to 4326; SRID 0 taken as lon/lat)';
