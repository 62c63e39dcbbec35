-- install: the extension's catalogue conventions.
-- Every function says its volatility and parallel safety and has a comment;
-- the extension lives in schema caregap; it can be dropped and recreated.
\i sql/include/tap.sql

BEGIN;
SELECT plan(13);

SELECT has_schema('caregap');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'caregap'), '1.2.0', 'version 1.2.0 installed');
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

-- every routine is immutable, except those that read a relation or run an
-- inner query (stable: read once per statement, under its snapshot); every
-- routine is parallel safe, except those that run the caller's inner query
-- (restricted: it may read temporary tables or call functions that a
-- parallel worker cannot run)
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
     WHERE d.refclassid = 'pg_extension'::regclass
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'caregap')
       AND (p.proparallel <> CASE WHEN p.proname IN
                ('weights_summary', 'knn_weights', 'distance_weights', 'fca', 'fca_supply', 'composite', 'allocate',
                 'query_columns', 'locate')
                THEN 'r' ELSE 's' END
            OR p.provolatile <> CASE WHEN p.proname IN
                ('spatial_trans', 'moran_i_final', 'geary_c_final', 'getis_ord_g_final',
                 'local_moran', 'local_g', 'spatial_lag', 'weights_summary', 'gini_spatial_final',
                 'knn_weights', 'distance_weights', 'fca', 'fca_supply', 'composite', 'allocate',
                 'query_columns', 'locate', 'agg_state_in', 'agg_state_out', 'agg_state_recv', 'agg_state_send')
                THEN 's' ELSE 'i' END) $$,
    'PARALLEL RESTRICTED exactly when running an inner query, else SAFE; IMMUTABLE, or STABLE when reading a relation');

-- the schema belongs to a superuser, and no other role may create in it
SELECT ok((SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'caregap'),
          'schema caregap is owned by a superuser');
SELECT is_empty($$
    SELECT a.grantee FROM pg_namespace n, aclexplode(n.nspacl) a
     WHERE n.nspname = 'caregap' AND a.privilege_type = 'CREATE'
       AND NOT coalesce((SELECT rolsuper FROM pg_roles WHERE oid = a.grantee), false) $$,
    'no role but superusers has CREATE on schema caregap');

-- every aggregate has a combine function (parallel query, Citus)
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'caregap'::regnamespace AND a.aggcombinefn = 0 $$,
    'every aggregate has a COMBINEFUNC');

-- what Citus 12 needs to run an aggregate on its workers (worker_partial_agg,
-- coord_combine_agg): a state type that is not a pseudo-type (internal,
-- anyelement ...), shipped through its text output and input; argument types
-- that are not polymorphic (it checks the declared types against the values).
-- The states are caregap.agg_state or float8[]; neither needs serialize
-- functions (PostgreSQL allows them only for internal).  sql/partial.sql
-- round-trips every state through text and combines split inputs.
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid
      JOIN pg_type t ON t.oid = a.aggtranstype
     WHERE p.pronamespace = 'caregap'::regnamespace
       AND (t.typtype = 'p' OR a.aggserialfn <> 0 OR a.aggdeserialfn <> 0
         OR a.aggtranstype NOT IN ('caregap.agg_state'::regtype, 'double precision[]'::regtype)
         OR EXISTS (SELECT FROM unnest(p.proargtypes::oid[]) g(t) JOIN pg_type gt ON gt.oid = g.t
                     WHERE gt.typtype = 'p')) $$,
    'every aggregate: a real state type (agg_state or float8[]), no serialize functions, no polymorphic argument');

-- every table, view and type of the extension has a comment
SELECT is_empty($$
    SELECT c.relname::text FROM pg_class c
     WHERE c.relnamespace = 'caregap'::regnamespace AND c.relkind IN ('r', 'v', 'c')
       AND obj_description(c.oid, 'pg_class') IS NULL
       AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE t.typrelid = c.oid
                       AND obj_description(t.oid, 'pg_type') IS NOT NULL) $$,
    'every table, view and composite type has a COMMENT');

SELECT ok((SELECT trusted FROM pg_available_extension_versions
           WHERE name = 'caregap' AND version = '1.2.0'), 'trusted extension');

-- the reference tables are readable by everyone
SELECT ok(has_table_privilege('public', 'caregap.gyeonggi_municipality', 'SELECT'),
          'PUBLIC may read the reference data');

SELECT * FROM finish();
ROLLBACK;

-- drop and create again: the install script is repeatable
DROP EXTENSION caregap;
CREATE EXTENSION caregap;
SELECT count(*) AS municipalities FROM caregap.gyeonggi_municipality;

-- the upgrade path: install the oldest version and update through every
-- step; the result must be the fresh install's objects, described from the
-- catalog (functions with signature, result, volatility, strictness, parallel
-- safety, body and comment; aggregate support; types; tables with columns,
-- constraints and comments; views)
CREATE TEMP VIEW cg_catalog AS
WITH ext AS (SELECT classid, objid FROM pg_depend
              WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
                AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'caregap'))
SELECT 'routine ' || p.oid::regprocedure || '(' || pg_get_function_arguments(p.oid) || ') -> '
       || pg_get_function_result(p.oid) || ' kind ' || p.prokind::text || ' vol ' || p.provolatile::text
       || ' strict ' || p.proisstrict || ' par ' || p.proparallel::text || ' lang ' || p.prolang::regproc::text
       || ' src ' || p.prosrc || ' cfg ' || coalesce(array_to_string(p.proconfig, ','), '-')
       || ' comment ' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
       || coalesce(' agg ' || concat_ws(' ', a.aggtransfn::regprocedure, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
                                        a.aggdeserialfn, a.aggtranstype::regtype, a.aggtransspace, a.agginitval,
                                        a.aggfinalmodify::text, a.aggkind::text), '') AS what
  FROM ext JOIN pg_proc p ON ext.classid = 'pg_proc'::regclass AND p.oid = ext.objid
  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
UNION ALL
SELECT 'type ' || t.oid::regtype || ' ' || t.typtype::text || ' comment ' || coalesce(obj_description(t.oid, 'pg_type'), '-')
       || coalesce(' attrs ' || (SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
                                  FROM pg_attribute WHERE attrelid = t.typrelid AND attnum > 0), '')
  FROM ext JOIN pg_type t ON ext.classid = 'pg_type'::regclass AND t.oid = ext.objid
UNION ALL
SELECT 'relation ' || c.oid::regclass || ' ' || c.relkind::text || ' comment ' || coalesce(obj_description(c.oid, 'pg_class'), '-')
       || ' columns ' || (SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull
                                            || ' ' || coalesce(col_description(c.oid, attnum), '-'), ', ' ORDER BY attnum)
                            FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped)
       || ' constraints ' || coalesce((SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ' ORDER BY conname)
                                         FROM pg_constraint WHERE conrelid = c.oid), '-')
       || ' view ' || coalesce(pg_get_viewdef(c.oid), '-')
       || ' acl ' || coalesce(c.relacl::text, '-')
  FROM ext JOIN pg_class c ON ext.classid = 'pg_class'::regclass AND c.oid = ext.objid
UNION ALL
SELECT 'schema ' || n.nspname || ' owner is superuser ' || r.rolsuper || ' acl ' || coalesce(n.nspacl::text, '-')
  FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'caregap';

CREATE TEMP TABLE cg_fresh AS SELECT what FROM cg_catalog;
SELECT count(*) > 100 AS fresh_install_described FROM cg_fresh;

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
-- the updated extension has the fresh install's objects, no more and no fewer
SELECT 'only after the update' AS side, what FROM (SELECT what FROM cg_catalog EXCEPT SELECT what FROM cg_fresh) a
UNION ALL
SELECT 'only in a fresh install', what FROM (SELECT what FROM cg_fresh EXCEPT SELECT what FROM cg_catalog) b;
-- the updated extension works, and its data survived the update
SELECT round(caregap.gini(pop_65plus_2010::float8 / pop_total_2010)::numeric, 6) AS gini_share_65plus,
       count(*) AS municipalities
  FROM caregap.gyeonggi_municipality;
