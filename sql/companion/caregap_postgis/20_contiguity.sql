
-- PostGIS lives in whatever schema it was created in: its functions and its
-- && operator are named with that schema (the word @postgis@ below, replaced
-- once at install), so that neither the install nor a later call resolves
-- one of our names through search_path (the caller's query, and only it, is
-- resolved as the caller writes it).
--
-- contiguity_weights reads the caller's query into an indexed temporary
-- table, so that pairs are found through a GiST index; in a READ ONLY
-- transaction, where no table can be created, the query is read once into a
-- materialized CTE and pairs are found by a join on && (no index: slower on
-- many thousands of polygons).  Either way what was read is checked first:
-- a null id or geometry, a repeated id, mixed SRIDs or an SRID PostGIS does
-- not know are errors that name the problem.
DO $install$
DECLARE
    pg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'postgis'::pg_catalog.name);
BEGIN
    EXECUTE pg_catalog.replace($fn$
CREATE OR REPLACE FUNCTION @extschema@.contiguity_weights(geometries text, rule text DEFAULT 'queen'::text)
RETURNS TABLE (i text, j text, w double precision, border_km double precision)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $body$
DECLARE
    tmp text := 'caregap_contiguity_'::text OPERATOR(pg_catalog.||) pg_catalog.pg_backend_pid()::text;
    read_only boolean := pg_catalog.current_setting('transaction_read_only')::boolean;
    src text;
    pairs_with text := ''::text;
    pairs_from text;
    chk record;
    geog text;
    gcol text;
BEGIN
    rule := pg_catalog.lower(rule);
    IF rule OPERATOR(pg_catalog.<>) 'queen'::text AND rule OPERATOR(pg_catalog.<>) 'rook'::text THEN
        RAISE EXCEPTION 'contiguity_weights: unknown rule "%"', rule
            USING ERRCODE = '22023', HINT = 'Use queen (a shared point is enough) or rook (a shared border of positive length).';
    END IF;
    gcol := @extschema@.geometry_column(geometries, 'geometries', 'contiguity_weights');
    IF read_only THEN
        src := pg_catalog.format('(SELECT id::text AS id, %I::@postgis@.geometry AS geom FROM (%s) q)', gcol, geometries);
        pairs_with := pg_catalog.format('WITH s AS MATERIALIZED %s ', src);
        pairs_from := 's a JOIN s b';
    ELSE
        -- the caller's query, read with the caller's privileges into an indexed temporary table
        IF pg_catalog.to_regclass('pg_temp.'::text OPERATOR(pg_catalog.||) pg_catalog.quote_ident(tmp)) IS NOT NULL THEN
            EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', tmp);
        END IF;
        EXECUTE pg_catalog.format('CREATE TEMPORARY TABLE %I AS SELECT id::text AS id, %I::@postgis@.geometry AS geom FROM (%s) q', tmp, gcol, geometries);
        src := pg_catalog.format('pg_temp.%I', tmp);
        pairs_from := pg_catalog.format('pg_temp.%1$I a JOIN pg_temp.%1$I b', tmp);
    END IF;
    EXECUTE pg_catalog.format($q$
        SELECT pg_catalog.count(*) FILTER (WHERE s.id IS NULL) AS null_ids,
               pg_catalog.count(*) FILTER (WHERE s.geom IS NULL) AS null_geoms,
               (SELECT pg_catalog.min(d.id) FROM (SELECT t.id FROM %1$s t WHERE t.id IS NOT NULL
                                                   GROUP BY t.id HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1::bigint) d) AS dup,
               pg_catalog.count(DISTINCT @postgis@.ST_SRID(s.geom)) AS srids,
               pg_catalog.min(@postgis@.ST_SRID(s.geom)) AS srid
          FROM %1$s s $q$, src) INTO chk;
    IF chk.null_ids OPERATOR(pg_catalog.>) 0::bigint THEN
        RAISE EXCEPTION 'contiguity_weights: % rows of the geometries query have a null id', chk.null_ids
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF chk.null_geoms OPERATOR(pg_catalog.>) 0::bigint THEN
        RAISE EXCEPTION 'contiguity_weights: % rows of the geometries query have a null geom', chk.null_geoms
            USING ERRCODE = 'null_value_not_allowed', HINT = 'Leave units without a geometry out of the query.';
    END IF;
    IF chk.dup IS NOT NULL THEN
        RAISE EXCEPTION 'contiguity_weights: id % appears more than once in the geometries query', chk.dup
            USING ERRCODE = '22023', HINT = 'Give one row per unit: ST_Union the parts of a unit first.';
    END IF;
    IF chk.srids OPERATOR(pg_catalog.>) 1::bigint THEN
        RAISE EXCEPTION 'contiguity_weights: the geometries have % different SRIDs', chk.srids
            USING ERRCODE = '22023', HINT = 'ST_Transform them to one SRID in the query.';
    END IF;
    IF chk.srid IS NOT NULL AND chk.srid OPERATOR(pg_catalog.<>) 0 AND chk.srid OPERATOR(pg_catalog.<>) 4326
       AND NOT EXISTS (SELECT FROM @postgis@.spatial_ref_sys r WHERE r.srid OPERATOR(pg_catalog.=) chk.srid) THEN
        RAISE EXCEPTION 'contiguity_weights: SRID % is not in spatial_ref_sys', chk.srid
            USING ERRCODE = '22023', HINT = 'Set the geometries'' SRID (ST_SetSRID) to one PostGIS knows.';
    END IF;
    -- border lengths on the sphere, in km: lon/lat as they are (SRID 4326, or 0 taken as lon/lat), others transformed
    geog := CASE WHEN chk.srid IS NULL OR chk.srid OPERATOR(pg_catalog.=) 0 OR chk.srid OPERATOR(pg_catalog.=) 4326
                 THEN '%s::@postgis@.geography'
                 ELSE '@postgis@.ST_Transform(%s, 4326)::@postgis@.geography' END;
    IF NOT read_only THEN
        EXECUTE pg_catalog.format('CREATE INDEX ON pg_temp.%I USING gist (geom)', tmp);
        EXECUTE pg_catalog.format('ANALYZE pg_temp.%I', tmp);
    END IF;
    RETURN QUERY EXECUTE pg_catalog.format($q$ %1$s
        SELECT a.id, b.id, 1::double precision,
               @postgis@.ST_Length(%2$s) OPERATOR(pg_catalog./) 1000::double precision
          FROM %3$s
            ON a.geom OPERATOR(@postgis@.&&) b.geom AND a.id OPERATOR(pg_catalog.<>) b.id
         WHERE CASE WHEN %4$L::text OPERATOR(pg_catalog.=) 'queen'::text
                    THEN @postgis@.ST_Intersects(a.geom, b.geom)
                    ELSE @postgis@.ST_Relate(a.geom, b.geom, '****1****'::text) END
         ORDER BY a.id, b.id $q$, pairs_with,
         pg_catalog.format(geog, '@postgis@.ST_Intersection(@postgis@.ST_Boundary(a.geom), @postgis@.ST_Boundary(b.geom))'),
         pairs_from, rule);
    IF NOT read_only THEN
        EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', tmp);
    END IF;
END
$body$
$fn$, '@postgis@', pg);
END
$install$;

COMMENT ON FUNCTION @extschema@.contiguity_weights(text, text) IS
'weights rows (i, j, w = 1, border_km) in both directions from a query with columns id and a geometry (the column geom, else the only geometry or geography column; polygons of one SRID, projected ones transformed to WGS84 for the border lengths in km on the sphere): queen (case-insensitive) (the geometries intersect: a shared point is enough) or rook (their boundaries share a line); the query runs with the caller''s privileges into a temporary table with a GiST index (in a READ ONLY transaction, into a materialized CTE joined on &&); null ids or geometries, repeated ids, mixed or unknown SRIDs are errors';
