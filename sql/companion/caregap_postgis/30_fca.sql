
-- fca and fca_supply from geometry columns (points, or polygons by their point on surface),
-- with caregap.fca's arguments, costs included.  geometry_points() turns a query with
-- columns id, a geometry (geometry_column) and an amount into the id, lon, lat, amount
-- query caregap reads, after checking that those columns are there (an error in
-- caregap's words, not a raw "column does not exist" of the rewritten query).
DO $install$
DECLARE
    pg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'postgis'::pg_catalog.name);
    cg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'caregap'::pg_catalog.name);
BEGIN
    EXECUTE pg_catalog.replace(pg_catalog.replace($fn$
CREATE OR REPLACE FUNCTION @extschema@.geometry_points(query text, amount text, what text, fname text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $body$
DECLARE
    gcol text := @extschema@.geometry_column(query, what, fname, ARRAY[amount]);
BEGIN
    RETURN pg_catalog.format(
        'SELECT id, @postgis@.ST_X(p) AS lon, @postgis@.ST_Y(p) AS lat, %1$I FROM (SELECT id, %1$I, '
        '@postgis@.ST_PointOnSurface(CASE WHEN @postgis@.ST_SRID(g) OPERATOR(pg_catalog.=) 4326 '
        'OR @postgis@.ST_SRID(g) OPERATOR(pg_catalog.=) 0 THEN g ELSE @postgis@.ST_Transform(g, 4326) END) AS p '
        'FROM (SELECT q.id, q.%1$I, q.%3$I::@postgis@.geometry AS g FROM (%2$s) q) q2) r', amount, query, gcol);
END
$body$;

CREATE OR REPLACE FUNCTION @extschema@.fca(demand text, supply text, catchment double precision,
    method text DEFAULT '2sfca'::text, zones double precision[] DEFAULT NULL::double precision[],
    zone_weights double precision[] DEFAULT NULL::double precision[], costs text DEFAULT NULL::text)
RETURNS TABLE (id text, population double precision, access double precision,
               access_norm double precision, sites integer, supply_in_reach double precision)
LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $body$
    SELECT * FROM @caregap@.fca(@extschema@.geometry_points(demand, 'population', 'demand', 'fca'),
                                @extschema@.geometry_points(supply, 'capacity', 'supply', 'fca'),
                                catchment, method, zones, zone_weights, costs)
$body$;

CREATE OR REPLACE FUNCTION @extschema@.fca_supply(demand text, supply text, catchment double precision,
    method text DEFAULT '2sfca'::text, zones double precision[] DEFAULT NULL::double precision[],
    zone_weights double precision[] DEFAULT NULL::double precision[], costs text DEFAULT NULL::text)
RETURNS TABLE (id text, capacity double precision, demand_in_reach double precision,
               ratio double precision, demand_points integer, reached boolean)
LANGUAGE sql STABLE PARALLEL RESTRICTED
AS $body$
    SELECT * FROM @caregap@.fca_supply(@extschema@.geometry_points(demand, 'population', 'demand', 'fca_supply'),
                                       @extschema@.geometry_points(supply, 'capacity', 'supply', 'fca_supply'),
                                       catchment, method, zones, zone_weights, costs)
$body$;
$fn$, '@postgis@', pg), '@caregap@', cg);
END
$install$;

COMMENT ON FUNCTION @extschema@.geometry_points(text, text, text, text) IS
'support of fca and fca_supply: the query (columns id, a geometry found by geometry_column, and the amount) as caregap reads it (id, lon, lat, amount), points as they are, polygons by their point on surface, in WGS84; an error naming the columns when they are missing';
COMMENT ON FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[], text) IS
'caregap.fca from geometry columns: the demand query gives id, a geometry (the column geom, else its only geometry or geography column) and population, the supply query id, a geometry and capacity; points are used as they are, polygons by their point on surface, in WGS84 (other SRIDs transformed to 4326; SRID 0 taken as lon/lat); costs as in caregap.fca';
COMMENT ON FUNCTION @extschema@.fca_supply(text, text, double precision, text, double precision[], double precision[], text) IS
'caregap.fca_supply from geometry columns, with the arguments of caregap_postgis.fca: per supply site its capacity, the demand in reach, its ratio, the demand points in reach and whether any demand is in reach';
