
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
LANGUAGE sql STABLE PARALLEL RESTRICTED
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
