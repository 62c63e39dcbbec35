
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
