-- The schema guard, the same text in caregap and in every companion
-- extension (the Makefile puts it in each install script).
--
-- The extension's schema must be one that nobody else can write into.  A
-- schema created by this very CREATE EXTENSION is (its owner is made the
-- installing superuser at the end of the script, and nobody else keeps
-- CREATE on it).  A schema that existed before is refused unless a superuser
-- owns it and no other role may create in it; a non-superuser's install
-- also refuses one that holds objects (the superuser who owns it may have
-- put them there, but she could not have checked them).
DO $guard$
DECLARE
    caller name := pg_catalog.current_setting('role');
    ns oid := pg_catalog.to_regnamespace('@extschema@')::oid;
    cur pg_catalog.int8 := pg_catalog.pg_current_xact_id()::text::pg_catalog.int8;
    xmin32 pg_catalog.int8;
    d pg_catalog.int8;
    fresh boolean;
    owner_super boolean;
    writers text;
BEGIN
    IF caller OPERATOR(pg_catalog.=) 'none'::name THEN
        caller := session_user;
    END IF;
    -- created by this transaction: its catalog row was written by it (the
    -- row's xmin, widened to a full transaction id, is still in progress:
    -- another transaction's row in progress would not be visible here)
    SELECT n.xmin::text::pg_catalog.int8 INTO xmin32 FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) ns;
    d := xmin32 OPERATOR(pg_catalog.-) (cur OPERATOR(pg_catalog.%) 4294967296::pg_catalog.int8);
    IF d OPERATOR(pg_catalog.>) 2147483647::pg_catalog.int8 THEN
        d := d OPERATOR(pg_catalog.-) 4294967296::pg_catalog.int8;
    ELSIF d OPERATOR(pg_catalog.<) (-2147483648)::pg_catalog.int8 THEN
        d := d OPERATOR(pg_catalog.+) 4294967296::pg_catalog.int8;
    END IF;
    fresh := pg_catalog.pg_xact_status((cur OPERATOR(pg_catalog.+) d)::text::pg_catalog.xid8)
             OPERATOR(pg_catalog.=) 'in progress'::text;
    IF fresh THEN
        RETURN;
    END IF;
    SELECT r.rolsuper INTO owner_super FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
     WHERE n.oid OPERATOR(pg_catalog.=) ns;
    SELECT pg_catalog.string_agg(CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid THEN 'PUBLIC'::text
                                      ELSE a.grantee::pg_catalog.regrole::text END, ', '::text)
      INTO writers
      FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
     WHERE n.oid OPERATOR(pg_catalog.=) ns AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'::text
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles r
                        WHERE r.oid OPERATOR(pg_catalog.=) a.grantee AND r.rolsuper);
    IF NOT owner_super OR writers IS NOT NULL THEN
        RAISE EXCEPTION 'schema "%" already exists and other roles than superusers can create objects in it', '@extschema@'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('Owner: %s; CREATE granted to: %s.',
                      (SELECT n.nspowner::pg_catalog.regrole::text FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) ns),
                      COALESCE(writers, 'nobody else'::text)),
                  HINT = 'An extension''s schema must be writable by superusers only: objects planted there could be called in place of the extension''s own. Drop or rename that schema and run CREATE EXTENSION again, so that it creates the schema itself.';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_roles
                WHERE rolname OPERATOR(pg_catalog.=) caller AND rolsuper) THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_class WHERE relnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_proc WHERE pronamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_type WHERE typnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_operator WHERE oprnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_collation WHERE collnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_conversion WHERE connamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_opclass WHERE opcnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_opfamily WHERE opfnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_ts_config WHERE cfgnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_ts_dict WHERE dictnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_ts_parser WHERE prsnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_ts_template WHERE tmplnamespace OPERATOR(pg_catalog.=) ns
               UNION ALL SELECT FROM pg_catalog.pg_statistic_ext WHERE stxnamespace OPERATOR(pg_catalog.=) ns) THEN
        RAISE EXCEPTION 'schema "%" already exists and holds objects that are not the extension''s', '@extschema@'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'This extension installs as a trusted extension, with superuser rights, into its own schema; objects placed there beforehand could be called by its install script.',
                  HINT = 'Drop or rename that schema and run CREATE EXTENSION again, or have a superuser install it after checking the schema''s contents.';
    END IF;
END
$guard$;
