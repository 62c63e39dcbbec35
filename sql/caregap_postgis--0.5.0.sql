/* caregap_postgis--0.5.0.sql — contiguity weights from PostGIS geometries */

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
