-- install: the extension's catalogue conventions.
-- Every function says its volatility and parallel safety and has a comment;
-- the extension lives in schema caregap; it can be dropped and recreated.
\i sql/include/tap.sql

BEGIN;
SELECT plan(11);

SELECT has_schema('caregap');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'caregap'), '0.3.0', 'version 0.3.0 installed');
SELECT is((SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
           WHERE e.extname = 'caregap'), 'caregap', 'extension schema is caregap');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'caregap'), false, 'not relocatable');

-- every routine of the extension has a comment
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
     WHERE d.refclassid = 'pg_extension'::regclass
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'caregap')
       AND obj_description(p.oid, 'pg_proc') IS NULL $$,
    'every function and aggregate has a COMMENT');

-- every routine is parallel safe and immutable (none reads tables or settings)
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
     WHERE d.refclassid = 'pg_extension'::regclass
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'caregap')
       AND (p.proparallel <> 's' OR p.provolatile <> 'i') $$,
    'every routine is IMMUTABLE and PARALLEL SAFE');

-- every aggregate has a combine function (parallel query, Citus)
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'caregap'::regnamespace AND a.aggcombinefn = 0 $$,
    'every aggregate has a COMBINEFUNC');

-- internal states serialize; fixed states are float8[]
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'caregap'::regnamespace
       AND ((a.aggtranstype = 'internal'::regtype AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0))
         OR a.aggtranstype NOT IN ('internal'::regtype, 'double precision[]'::regtype)) $$,
    'internal states have serialize/deserialize; the others are float8[]');

-- every table, view and type of the extension has a comment
SELECT is_empty($$
    SELECT c.relname::text FROM pg_class c
     WHERE c.relnamespace = 'caregap'::regnamespace AND c.relkind IN ('r', 'v', 'c')
       AND obj_description(c.oid, 'pg_class') IS NULL
       AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE t.typrelid = c.oid
                       AND obj_description(t.oid, 'pg_type') IS NOT NULL) $$,
    'every table, view and composite type has a COMMENT');

SELECT ok((SELECT trusted FROM pg_available_extension_versions
           WHERE name = 'caregap' AND version = '0.3.0'), 'trusted extension');

-- the reference tables are readable by everyone
SELECT ok(has_table_privilege('public', 'caregap.gyeonggi_municipality', 'SELECT'),
          'PUBLIC may read the reference data');

SELECT * FROM finish();
ROLLBACK;

-- drop and create again: the install script is repeatable
DROP EXTENSION caregap;
CREATE EXTENSION caregap;
SELECT count(*) AS municipalities FROM caregap.gyeonggi_municipality;

-- the upgrade path: install the oldest version and update through every step
\pset tuples_only false
\pset format aligned
DROP EXTENSION caregap;
CREATE EXTENSION caregap VERSION '0.1.0';
SELECT extversion FROM pg_extension WHERE extname = 'caregap';
SELECT count(*) AS disparity_functions FROM pg_proc
 WHERE pronamespace = 'caregap'::regnamespace AND proname IN ('gini', 'theil_t');
ALTER EXTENSION caregap UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'caregap';
SELECT count(*) AS disparity_functions FROM pg_proc
 WHERE pronamespace = 'caregap'::regnamespace AND proname IN ('gini', 'theil_t');
-- the updated extension works, and its data survived the update
SELECT round(caregap.gini(pop_65plus_2010::float8 / pop_total_2010)::numeric, 6) AS gini_share_65plus,
       count(*) AS municipalities
  FROM caregap.gyeonggi_municipality;
