/*
 * caregap install script, built by the Makefile from the files of sql/master (in
 * the order of their names): the whole SQL surface of this version.
 *
 * caregap is a trusted extension: this script runs as the bootstrap
 * superuser, even when a non-superuser says CREATE EXTENSION.  Every
 * expression it creates or runs (CHECK, DEFAULT, views, data) names its
 * operators as OPERATOR(pg_catalog.x) and its constants as typed literals,
 * so that nothing a user has put in the extension's schema can be called.
 */

\echo Use "CREATE EXTENSION caregap" to load this file. \quit

-- Refuse a schema that exists already and holds objects that are not ours:
-- whoever owns it could have planted operators or functions there.  A
-- superuser may still install into it (after checking what it holds).
DO $guard$
DECLARE
    caller name := pg_catalog.current_setting('role');
    ns oid := pg_catalog.to_regnamespace('@extschema@');
BEGIN
    IF caller OPERATOR(pg_catalog.=) 'none'::name THEN
        caller := session_user;
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
        RAISE EXCEPTION 'schema "%" already exists and holds objects that are not caregap''s', '@extschema@'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'caregap installs as a trusted extension, with superuser rights, into its own schema; objects placed there beforehand could be called by its install script.',
                  HINT = 'Drop or rename that schema and run CREATE EXTENSION again, or have a superuser install caregap after checking the schema''s contents.';
    END IF;
END
$guard$;

