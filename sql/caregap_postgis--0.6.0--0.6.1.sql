-- caregap_postgis 0.6.0 -> 0.6.1: hardening II (issue 16).
--  * The schema guard of caregap at install (0.6.0 installed silently into a
--    schema pre-created by any role with CREATE on the database), and its
--    owner rule on update: the schema belongs to a superuser, and no other
--    role may create in it.  Objects someone else placed there stop the update.
--  * contiguity_weights checks what it read (null ids or geometries, repeated
--    ids, mixed or unknown SRIDs: errors naming them), and works in a READ
--    ONLY transaction.
--  * fca takes caregap.fca's costs, has a twin fca_supply, both PARALLEL RESTRICTED as
--    caregap's are, and name missing columns in caregap's words.
\echo Use "ALTER EXTENSION caregap_postgis UPDATE TO '0.6.1'" to load this file. \quit

-- fca gains costs: a new signature (created again below, with fca_supply)
DROP FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[]);
-- Before an update puts the schema's owner rule right (sql/master/99_owner.sql):
-- every function, operator, relation and type in the extension's schema must
-- be the extension's own and a superuser's, or the update stops and names it.
DO $plants$
DECLARE
    ns oid := pg_catalog.to_regnamespace('@extschema@')::oid;
    ext oid := (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extnamespace OPERATOR(pg_catalog.=) ns);
    extname name := (SELECT e.extname FROM pg_catalog.pg_extension e WHERE e.oid OPERATOR(pg_catalog.=) ext);
    found text;
BEGIN
    WITH members AS (
        SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
         WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
           AND d.refobjid OPERATOR(pg_catalog.=) ext AND d.deptype OPERATOR(pg_catalog.=) 'e'::"char"),
    objs AS (
        SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass AS cls, p.oid, p.proowner AS owner
          FROM pg_catalog.pg_proc p WHERE p.pronamespace OPERATOR(pg_catalog.=) ns
        UNION ALL
        SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid, o.oprowner
          FROM pg_catalog.pg_operator o WHERE o.oprnamespace OPERATOR(pg_catalog.=) ns
        UNION ALL
        SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relowner
          FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) ns
           AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,v,m,f,p,S}'::"char"[])
        UNION ALL
        SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, t.typowner
          FROM pg_catalog.pg_type t WHERE t.typnamespace OPERATOR(pg_catalog.=) ns
           AND t.typtype OPERATOR(pg_catalog.=) ANY ('{b,d,e,r,m}'::"char"[])
           AND t.typelem OPERATOR(pg_catalog.=) 0::pg_catalog.oid)
    SELECT pg_catalog.string_agg(f.what, '; '::text ORDER BY f.what) FILTER (WHERE f.k OPERATOR(pg_catalog.<=) 5::bigint)
           OPERATOR(pg_catalog.||) CASE WHEN pg_catalog.count(*) OPERATOR(pg_catalog.>) 5::bigint
                                        THEN pg_catalog.format(' and %s more', pg_catalog.count(*) OPERATOR(pg_catalog.-) 5::bigint)
                                        ELSE ''::text END
      INTO found
      FROM (SELECT pg_catalog.pg_describe_object(o.cls, o.oid, 0) AS what,
                   pg_catalog.row_number() OVER (ORDER BY pg_catalog.pg_describe_object(o.cls, o.oid, 0)) AS k
              FROM objs o
             WHERE NOT EXISTS (SELECT FROM members m WHERE m.classid OPERATOR(pg_catalog.=) o.cls AND m.objid OPERATOR(pg_catalog.=) o.oid)
                OR NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) o.owner AND r.rolsuper)) f
    HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 0::bigint;
    IF found IS NOT NULL THEN
        RAISE EXCEPTION 'schema "%" holds objects that % did not create: %', '@extschema@', extname, found
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Before caregap 0.7.1 (caregap_postgis 0.6.1) the schema could belong to a non-superuser, who could add functions or operators there that a superuser''s call would then run.',
                  HINT = pg_catalog.format('Check what these objects do, drop them (ALTER EXTENSION %s DROP ... first for one added to the extension), then update again.', extname);
    END IF;
END
$plants$;

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
BEGIN
    IF rule OPERATOR(pg_catalog.<>) 'queen'::text AND rule OPERATOR(pg_catalog.<>) 'rook'::text THEN
        RAISE EXCEPTION 'contiguity_weights: unknown rule "%"', rule
            USING ERRCODE = '22023', HINT = 'Use queen (a shared point is enough) or rook (a shared border of positive length).';
    END IF;
    IF read_only THEN
        src := pg_catalog.format('(SELECT id::text AS id, geom::@postgis@.geometry AS geom FROM (%s) q)', geometries);
        pairs_with := pg_catalog.format('WITH s AS MATERIALIZED %s ', src);
        pairs_from := 's a JOIN s b';
    ELSE
        -- the caller's query, read with the caller's privileges into an indexed temporary table
        IF pg_catalog.to_regclass('pg_temp.'::text OPERATOR(pg_catalog.||) pg_catalog.quote_ident(tmp)) IS NOT NULL THEN
            EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', tmp);
        END IF;
        EXECUTE pg_catalog.format('CREATE TEMPORARY TABLE %I AS SELECT id::text AS id, geom::@postgis@.geometry AS geom FROM (%s) q', tmp, geometries);
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
'weights rows (i, j, w = 1, border_km) in both directions from a query with columns id and geom (polygons of one SRID; border lengths in km on the sphere): queen (the geometries intersect: a shared point is enough) or rook (their boundaries share a line); the query runs with the caller''s privileges into a temporary table with a GiST index (in a READ ONLY transaction, into a materialized CTE joined on &&); null ids or geometries, repeated ids, mixed or unknown SRIDs are errors';

-- fca and fca_supply from geometry columns (points, or polygons by their point on surface),
-- with caregap.fca's arguments, costs included.  geometry_points() turns a query with
-- columns id, geom and an amount into the id, lon, lat, amount query caregap reads,
-- after checking that those columns are there (an error in caregap's words, not a raw
-- "column does not exist" of the rewritten query).
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
CREATE FUNCTION @extschema@.geometry_points(query text, amount text, what text, fname text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $body$
BEGIN
    BEGIN
        EXECUTE pg_catalog.format('SELECT q.id, q.geom, q.%I FROM (%s) q LIMIT 0', amount, query);
    EXCEPTION WHEN undefined_column THEN
        RAISE EXCEPTION '%: the % query must have columns id, geom and %', fname, what, amount
            USING ERRCODE = 'undefined_column',
                  DETAIL = SQLERRM,
                  HINT = pg_catalog.format('Rename yours in the query, e.g. SELECT code AS id, the_geom AS geom, ... AS %s.', amount);
    END;
    RETURN pg_catalog.format(
        'SELECT id, @postgis@.ST_X(p) AS lon, @postgis@.ST_Y(p) AS lat, %1$I FROM (SELECT id, %1$I, '
        '@postgis@.ST_PointOnSurface(CASE WHEN @postgis@.ST_SRID(geom) OPERATOR(pg_catalog.=) 4326 '
        'OR @postgis@.ST_SRID(geom) OPERATOR(pg_catalog.=) 0 THEN geom ELSE @postgis@.ST_Transform(geom, 4326) END) AS p '
        'FROM (%2$s) q) r', amount, query);
END
$body$;

CREATE FUNCTION @extschema@.fca(demand text, supply text, catchment double precision,
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

CREATE FUNCTION @extschema@.fca_supply(demand text, supply text, catchment double precision,
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
'support of fca and fca_supply: the query (columns id, geom and the amount) as caregap reads it (id, lon, lat, amount), points as they are, polygons by their point on surface, in WGS84; an error naming the columns when they are missing';
COMMENT ON FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[], text) IS
'caregap.fca from geometry columns: the demand query gives id, geom, population and the supply query id, geom, capacity; points are used as they are, polygons by their point on surface, in WGS84 (other SRIDs transformed to 4326; SRID 0 taken as lon/lat); costs as in caregap.fca';
COMMENT ON FUNCTION @extschema@.fca_supply(text, text, double precision, text, double precision[], double precision[], text) IS
'caregap.fca_supply from geometry columns, with the arguments of caregap_postgis.fca: per supply site its capacity, the demand in reach, its ratio, the demand points in reach and whether any demand is in reach';

-- The schema's owner rule, the same text at the end of caregap's and every
-- companion's install and update scripts: the schema belongs to the
-- superuser running the script (a trusted extension's script runs as the
-- bootstrap superuser, even when a non-superuser installs it) and no role
-- but superusers may create objects in it.  Everyone may use it.
DO $owner$
DECLARE
    ns oid := pg_catalog.to_regnamespace('@extschema@')::oid;
    g record;
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_namespace n
              JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
             WHERE n.oid OPERATOR(pg_catalog.=) ns) THEN
        EXECUTE pg_catalog.format('ALTER SCHEMA %s OWNER TO %I', ns::pg_catalog.regnamespace::text, current_user);
    END IF;
    FOR g IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
              WHERE n.oid OPERATOR(pg_catalog.=) ns AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'::text
                AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles r
                                 WHERE r.oid OPERATOR(pg_catalog.=) a.grantee AND r.rolsuper) LOOP
        EXECUTE pg_catalog.format('REVOKE CREATE ON SCHEMA %s FROM %s', ns::pg_catalog.regnamespace::text,
            CASE WHEN g.grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid THEN 'PUBLIC'::text
                 ELSE g.grantee::pg_catalog.regrole::text END);
    END LOOP;
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %s TO PUBLIC', ns::pg_catalog.regnamespace::text);
END
$owner$;
