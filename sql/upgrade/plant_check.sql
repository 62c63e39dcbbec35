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
