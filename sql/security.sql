-- security: caregap is trusted, so its scripts run as the bootstrap
-- superuser.  A user with CREATE on the database must not be able to make
-- them call an operator or function of hers (the hole of 0.1.0-0.3.0: the
-- CHECK "area_km2 > 0" had no exact match in pg_catalog, so an exact-match
-- operator in a pre-created schema "caregap" was chosen, and ran as
-- superuser at install and on every later INSERT).
\i sql/include/tap.sql
\set VERBOSITY default
SET client_min_messages = warning;
DROP EXTENSION caregap;
DROP SCHEMA caregap;
CREATE TABLE public.cg_hijack_log (what text);
GRANT INSERT ON public.cg_hijack_log TO PUBLIC;
CREATE ROLE cg_alice;
GRANT CREATE ON DATABASE :"DBNAME" TO cg_alice;

-- 1. The attack of the report, as cg_alice: the install is refused.
SET SESSION AUTHORIZATION cg_alice;
CREATE SCHEMA caregap;
CREATE FUNCTION caregap.f(float8, int) RETURNS bool LANGUAGE plpgsql AS
  $$BEGIN EXECUTE 'ALTER ROLE cg_alice SUPERUSER'; RETURN $1 > $2::float8; END$$;
CREATE OPERATOR caregap.> (LEFTARG = float8, RIGHTARG = int, FUNCTION = caregap.f);
\set VERBOSITY terse
CREATE EXTENSION caregap;
\set VERBOSITY default
DROP SCHEMA caregap CASCADE;
RESET SESSION AUTHORIZATION;
SELECT 'attack 1: cg_alice superuser: ' || rolsuper FROM pg_roles WHERE rolname = 'cg_alice';

-- 2. cg_alice pre-creates an empty schema (nothing to plant yet).  0.7.1
--    refuses it: she would own the extension's schema.  The releases before
--    0.3.1 had no guard: she installs 0.1.0 there, plants operators and
--    functions of every type combination as the schema's owner, and updating
--    through every step to 0.7.0 must call none of them; the update to 0.7.1
--    then stops and names the plants.
SET SESSION AUTHORIZATION cg_alice;
CREATE SCHEMA caregap;
\set VERBOSITY terse
CREATE EXTENSION caregap;
\set VERBOSITY default
CREATE EXTENSION caregap VERSION '0.1.0';
\i sql/include/plant_hijack.sql
CREATE FUNCTION caregap.f(float8, int) RETURNS bool LANGUAGE plpgsql AS
  $$BEGIN EXECUTE 'ALTER ROLE cg_alice SUPERUSER'; RETURN $1 > $2::float8; END$$;
ALTER EXTENSION caregap UPDATE TO '0.7.0';
RESET SESSION AUTHORIZATION;
SELECT 'attack 2: version ' || extversion || ', owner ' || extowner::regrole FROM pg_extension WHERE extname = 'caregap';

BEGIN;
SELECT plan(6);
SELECT is((SELECT rolsuper FROM pg_roles WHERE rolname = 'cg_alice'), false,
          'the attack of the report leaves cg_alice without superuser');
-- the constraints, the view and the functions at work after the update
INSERT INTO caregap.gyeonggi_municipality
    VALUES ('41999', '시험시', 'Test-si', 'si', '남부', 'south', 127, 37, 1.5, 10, 2, '31999');
INSERT INTO caregap.gyeonggi_adjacency VALUES ('41110', '41999', 1.25);
INSERT INTO caregap.gyeonggi_boundary VALUES ('41999', '{"type":"MultiPolygon","coordinates":[]}');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_links WHERE i = '41999'), 1::bigint, 'the links view reads the new pair');
SELECT lives_ok($$SELECT caregap.gini(x::float8), caregap.theil_t(x::float8), caregap.atkinson(x::float8, 0.5), caregap.cv(x::float8),
                         caregap.gini_of(caregap.distribution_state(x::float8)), (caregap.care_gap(x::float8, x + 1::float8)).gap_index
                    FROM generate_series(1, 10) g(x)$$, 'the functions run');
SELECT throws_ok($$UPDATE caregap.gyeonggi_municipality SET area_km2 = 0 WHERE code = '41999'$$, '23514', NULL,
                 'area_km2 > 0 still holds');
SELECT throws_ok($$UPDATE caregap.gyeonggi_adjacency SET border_km = -1 WHERE code_b = '41999'$$, '23514', NULL,
                 'border_km > 0 still holds');
SELECT is_empty($$SELECT DISTINCT what FROM public.cg_hijack_log$$,
                'updating 0.1.0 -> 0.7.0 under the plants, and using the tables, called none of them');
ROLLBACK;
-- the update to 0.7.1 refuses the plants (the first five named, and a count)
\set VERBOSITY terse
ALTER EXTENSION caregap UPDATE;
\set VERBOSITY default
SELECT 'after the refused update: version ' || extversion FROM pg_extension WHERE extname = 'caregap';
-- without them (cg_alice drops her own objects) it goes through, and the
-- schema is then a superuser's: she can neither plant nor rename it
SET SESSION AUTHORIZATION cg_alice;
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT oid::regoperator AS o FROM pg_operator WHERE oprnamespace = 'caregap'::regnamespace AND oprowner = 'cg_alice'::regrole LOOP
        EXECUTE format('DROP OPERATOR %s', r.o);
    END LOOP;
    FOR r IN SELECT oid::regprocedure AS p, prokind FROM pg_proc WHERE pronamespace = 'caregap'::regnamespace AND proowner = 'cg_alice'::regrole
              ORDER BY prokind = 'a' DESC LOOP
        EXECUTE format('DROP %s %s', CASE WHEN r.prokind = 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.p);
    END LOOP;
END $$;
ALTER EXTENSION caregap UPDATE;
RESET SESSION AUTHORIZATION;
SELECT 'attack 2 after cleaning: version ' || extversion || ', schema owner ' || (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'caregap')
  FROM pg_extension WHERE extname = 'caregap';
DROP EXTENSION caregap;
DROP SCHEMA caregap CASCADE;

-- 2b. The escalation of the 0.7.0 review: cg_alice installs caregap herself
--     (a trusted extension: she needs only CREATE on the database).  In
--     0.7.0 she owned schema caregap and added class_of(numeric, numeric[]),
--     which a superuser's run of the README's class_of example picked; or
--     renamed the schema and put a fake one in its place.  Now the schema is
--     the bootstrap superuser's and she has no CREATE on it.
SET SESSION AUTHORIZATION cg_alice;
CREATE EXTENSION caregap;
RESET SESSION AUTHORIZATION;
BEGIN;
SELECT plan(7);
SELECT is((SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'caregap'), 'cg_alice', 'cg_alice owns the extension');
SELECT ok((SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'caregap'),
          'a superuser owns schema caregap after cg_alice''s install');
SELECT ok(NOT has_schema_privilege('cg_alice', 'caregap', 'CREATE'), 'cg_alice cannot create in schema caregap');
SET LOCAL SESSION AUTHORIZATION cg_alice;
SELECT throws_ok($$CREATE FUNCTION caregap.class_of(x numeric, bounds numeric[]) RETURNS integer LANGUAGE plpgsql AS
                   'BEGIN EXECUTE ''ALTER ROLE cg_alice SUPERUSER''; RETURN 1; END'$$,
                 '42501', NULL, 'the planted class_of(numeric, numeric[]) of the report cannot be created');
SELECT throws_ok($$ALTER SCHEMA caregap RENAME TO caregap_old$$, '42501', NULL, 'nor can she rename the schema');
RESET SESSION AUTHORIZATION;
-- the README's class_of example, as the superuser
SELECT is(caregap.class_of(0.1, ARRAY[0.07, 0.09, 0.112, 0.165, 0.212]), 3, 'the README''s class_of example (numeric literals) gives class 3');
SELECT is((SELECT rolsuper FROM pg_roles WHERE rolname = 'cg_alice'), false, 'and cg_alice is no superuser');
SELECT * FROM finish();
ROLLBACK;
SET SESSION AUTHORIZATION cg_alice;
DROP EXTENSION caregap;
RESET SESSION AUTHORIZATION;
DROP SCHEMA caregap;

-- 3. A superuser may install into a schema that holds objects; every plant is
--    in place at install time, and none is called.
CREATE SCHEMA caregap;
\i sql/include/plant_hijack.sql
CREATE EXTENSION caregap;
BEGIN;
INSERT INTO caregap.gyeonggi_municipality
    VALUES ('41999', '시험시', 'Test-si', 'si', '남부', 'south', 127, 37, 1.5, 10, 2, '31999');
INSERT INTO caregap.gyeonggi_adjacency VALUES ('41110', '41999', 1.25);
SELECT count(*) AS links_of_test_unit FROM caregap.gyeonggi_links WHERE i = '41999';
SELECT 'plants called: ' || count(*) FROM public.cg_hijack_log;
ROLLBACK;
DROP EXTENSION caregap;
DROP SCHEMA caregap CASCADE;
CREATE EXTENSION caregap;

-- 4. What the catalog says: every operator and function that an expression
--    of the extension's tables, views, defaults and SQL bodies depends on is
--    pg_catalog's or caregap's own; SQL-language functions fix search_path.
BEGIN;
SELECT plan(4);
CREATE TEMP VIEW foreign_refs AS
    WITH ext AS (SELECT objid, classid FROM pg_depend
                  WHERE refclassid = 'pg_extension'::regclass
                    AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'caregap') AND deptype = 'e'),
         rels AS (SELECT objid AS relid FROM ext WHERE classid = 'pg_class'::regclass),
         exprs AS (SELECT 'pg_constraint'::regclass AS cls, oid FROM pg_constraint WHERE conrelid IN (SELECT relid FROM rels)
                   UNION ALL SELECT 'pg_attrdef'::regclass, oid FROM pg_attrdef WHERE adrelid IN (SELECT relid FROM rels)
                   UNION ALL SELECT 'pg_rewrite'::regclass, oid FROM pg_rewrite WHERE ev_class IN (SELECT relid FROM rels))
    SELECT pg_describe_object(d.refclassid, d.refobjid, 0) || ' in ' || pg_describe_object(d.classid, d.objid, 0) AS what
      FROM pg_depend d JOIN exprs e ON d.classid = e.cls AND d.objid = e.oid
     WHERE (d.refclassid = 'pg_operator'::regclass
            AND (SELECT oprnamespace FROM pg_operator WHERE oid = d.refobjid) NOT IN ('pg_catalog'::regnamespace, 'caregap'::regnamespace))
        OR (d.refclassid = 'pg_proc'::regclass
            AND (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid) NOT IN ('pg_catalog'::regnamespace, 'caregap'::regnamespace));
-- (built-in operators are pinned and have no pg_depend rows; any other one has)
SELECT is_empty('SELECT what FROM foreign_refs',
    'constraints, defaults and views use only pg_catalog''s and caregap''s operators and functions');
CREATE SCHEMA cg_probe;
CREATE FUNCTION cg_probe.gt(float8, int) RETURNS bool LANGUAGE sql AS 'SELECT $1 > $2';
CREATE OPERATOR cg_probe.> (LEFTARG = float8, RIGHTARG = int, FUNCTION = cg_probe.gt);
ALTER TABLE caregap.gyeonggi_adjacency ADD CONSTRAINT probe CHECK (border_km OPERATOR(cg_probe.>) 0);
ALTER TABLE caregap.gyeonggi_municipality ALTER COLUMN area_km2 SET DEFAULT cg_probe.gt(1, 0)::int;
SELECT set_eq('SELECT what FROM foreign_refs',
    $$VALUES ('operator cg_probe.>(double precision,integer) in constraint probe on table caregap.gyeonggi_adjacency'),
             ('function cg_probe.gt(double precision,integer) in default value for column area_km2 of table caregap.gyeonggi_municipality')$$,
    'the check finds a foreign operator in a CHECK and a foreign function in a DEFAULT');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'caregap'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
       AND p.prosqlbody IS NULL
       AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%') $$,
    'SQL and PL/pgSQL functions are BEGIN ATOMIC or set search_path');
-- the scripts themselves: no CHECK or view text with a bare comparison
SELECT is_empty($$
    SELECT conname FROM pg_constraint
     WHERE connamespace = 'caregap'::regnamespace AND contype = 'c'
       AND pg_get_constraintdef(oid) ~ '\(0\)::double precision' $$,
    'no CHECK compares with an integer that needed a cast (the shape of the hole)');
SELECT * FROM finish();
ROLLBACK;

DROP TABLE public.cg_hijack_log;
REVOKE CREATE ON DATABASE :"DBNAME" FROM cg_alice;
DROP ROLE cg_alice;
