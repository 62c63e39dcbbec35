-- caregap 0.7.1 -> 1.0.0: one calling convention (issue 18).
--  * caregap.spatial_options(...) and the spatial aggregates and window
--    functions that take it (sql/master/41_spatial_options.sql, appended by
--    the Makefile), so that every option is reachable by name.
--  * log_trend and trend_predict: the log-linear trend with its prediction
--    interval (sql/master/35_trend.sql, appended).
--  * lorenz_points, theil_groups and break_classes: the jsonb and array
--    results as plain rows; query_columns (sql/master/65_plain_rows.sql,
--    appended).
--  * One spelling of option values: 'two_sided' (the old 'two-sided' is
--    accepted with a NOTICE until 2.0); local_g's default follows.
\echo Use "ALTER EXTENSION caregap UPDATE TO '1.0.0'" to load this file. \quit

CREATE OR REPLACE FUNCTION @extschema@.local_g(id anyelement, value double precision, weights regclass,
    star boolean DEFAULT true, permutations integer DEFAULT 999, seed bigint DEFAULT 1,
    alternative text DEFAULT 'two_sided'::text, style text DEFAULT 'B'::text,
    islands text DEFAULT 'exclude'::text,
    significance double precision DEFAULT '0.05'::double precision,
    unmatched text DEFAULT 'error'::text, sampling text DEFAULT 'table'::text)
RETURNS @extschema@.local_g_result
AS 'MODULE_PATHNAME', 'cg_local_g_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
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
-- ---------------------------------------------------------------------------
-- The log-linear trend (1.0.0): ln y = a + b t by least squares, as an
-- aggregate with a float8[] state, and its prediction with a prediction
-- interval (docs/FORMULAS.md section 9).  A trend, not a projection: it
-- carries the past growth rate forward.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.trend_fit AS (
    n          bigint,
    intercept  double precision,
    slope      double precision,
    sigma      double precision,
    t_mean     double precision,
    t_ss       double precision,
    r_squared  double precision,
    growth     double precision
);
COMMENT ON TYPE @extschema@.trend_fit IS
'result of log_trend: rows n, intercept a and slope b of ln y = a + b t, residual standard error sigma (n >= 3), mean and centred sum of squares of t, R squared, growth exp(b) - 1 per unit of t';

CREATE TYPE @extschema@.trend_prediction AS (
    predicted  double precision,
    lower      double precision,
    upper      double precision
);
COMMENT ON TYPE @extschema@.trend_prediction IS
'result of trend_predict: the trend exp(a + b t0) and the bounds of its prediction interval';

CREATE FUNCTION @extschema@.log_trend_trans(double precision[], double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_log_trend_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.log_trend_trans(double precision[], double precision, double precision) IS
'aggregate support for log_trend: adds the row (t, ln y) to the means and centred sums (Welford); rows with a NULL are skipped';

CREATE FUNCTION @extschema@.log_trend_combine(double precision[], double precision[])
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_log_trend_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.log_trend_combine(double precision[], double precision[]) IS
'aggregate support for log_trend: merges two states (Chan, Golub and LeVeque)';

CREATE FUNCTION @extschema@.log_trend_final(double precision[])
RETURNS @extschema@.trend_fit
AS 'MODULE_PATHNAME', 'cg_log_trend_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.log_trend_final(double precision[]) IS
'aggregate support for log_trend: the fit of a state; NULL for no rows';

CREATE AGGREGATE @extschema@.log_trend(t double precision, y double precision) (
    SFUNC = @extschema@.log_trend_trans,
    STYPE = double precision[],
    FINALFUNC = @extschema@.log_trend_final,
    COMBINEFUNC = @extschema@.log_trend_combine,
    INITCOND = '{0,0,0,0,0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.log_trend(double precision, double precision) IS
'the log-linear trend ln y = a + b t by least squares over the rows (y > 0; rows with a NULL skipped), as R''s lm(log(y) ~ t): n, a, b, the residual standard error, the mean and centred sum of squares of t, R squared and the growth exp(b) - 1 per unit of t';

CREATE AGGREGATE @extschema@.log_trend_state(t double precision, y double precision) (
    SFUNC = @extschema@.log_trend_trans,
    STYPE = double precision[],
    COMBINEFUNC = @extschema@.log_trend_combine,
    INITCOND = '{0,0,0,0,0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.log_trend_state(double precision, double precision) IS
'the state of log_trend (float8[]: n, means of t and ln y, centred sums), to store and merge later: log_trend_final(log_trend_combine(a, b)) is the fit over the rows of both';

CREATE FUNCTION @extschema@.trend_predict(fit @extschema@.trend_fit, at double precision,
    level double precision DEFAULT '0.95'::double precision)
RETURNS @extschema@.trend_prediction
AS 'MODULE_PATHNAME', 'cg_trend_predict_fn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trend_predict(@extschema@.trend_fit, double precision, double precision) IS
'the trend of a log_trend fit at t = at, exp(a + b at), and its prediction interval exp(a + b at -+ q s sqrt(1 + 1/n + (at - mean t)^2 / Sxx)), q the Student t quantile with n - 2 degrees of freedom at (1 + level)/2, as exp of R''s predict(lm, interval = "prediction"); NULL bounds for n < 3, NULL for a NULL fit';
-- Plain rows of the two jsonb results (1.0.0), for BI tools and R/node
-- clients that show jsonb as text.
CREATE FUNCTION @extschema@.lorenz_points(curve jsonb)
RETURNS TABLE (point integer, population_share double precision, value_share double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CAST(e.n OPERATOR(pg_catalog.-) 1::bigint AS integer),
           CAST(e.v OPERATOR(pg_catalog.->>) 0 AS double precision),
           CAST(e.v OPERATOR(pg_catalog.->>) 1 AS double precision)
      FROM pg_catalog.jsonb_array_elements(curve) WITH ORDINALITY AS e(v, n);
END;
COMMENT ON FUNCTION @extschema@.lorenz_points(jsonb) IS
'the points of a lorenz_curve result as rows: point (0 first), cumulative population share, cumulative value share';

CREATE FUNCTION @extschema@.theil_groups(groups jsonb)
RETURNS TABLE (grp text, units bigint, mean double precision, theil_t double precision,
               theil_l double precision, value_share double precision, weight_share double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT g."group", g.units, g.mean, g.theil_t, g.theil_l, g.value_share, g.weight_share
      FROM pg_catalog.jsonb_to_recordset(groups) AS g("group" text, units bigint, mean double precision,
                                                       theil_t double precision, theil_l double precision,
                                                       value_share double precision, weight_share double precision);
END;
COMMENT ON FUNCTION @extschema@.theil_groups(jsonb) IS
'the groups of a theil_decomposition result as rows: group, units, mean, the group''s own Theil T and L, its share of the total value and of the weight';

-- The columns of a query, from its parse analysis (it is prepared, not run):
-- for the companions, which find a geometry column by its type.
CREATE FUNCTION @extschema@.query_columns(query text)
RETURNS TABLE (ordinal integer, column_name text, column_type regtype)
AS 'MODULE_PATHNAME', 'cg_query_columns'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.query_columns(text) IS
'the columns (ordinal, column_name, column_type) a query would return, from its parse analysis: the query is prepared, never run';

-- The classes of a breaks result as rows (arrays reach ODBC clients as text).
CREATE FUNCTION @extschema@.break_classes(breaks @extschema@.class_breaks)
RETURNS TABLE (class integer, lower_bound double precision, upper_bound double precision, units bigint)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CAST(c.n AS integer), (breaks).bounds[CAST(c.n OPERATOR(pg_catalog.-) 1::bigint AS integer)], c.b,
           (breaks).counts[CAST(c.n AS integer)]
      FROM pg_catalog.unnest((breaks).bounds) WITH ORDINALITY AS c(b, n);
END;
COMMENT ON FUNCTION @extschema@.break_classes(@extschema@.class_breaks) IS
'the classes of a breaks result as rows: class (1 first), its lower bound (the previous class''s upper bound; NULL for the first), its upper bound (right-closed) and the units in it';
-- ---------------------------------------------------------------------------
-- Options by name (1.0.0): caregap.spatial_options(...) builds one options
-- value; every spatial aggregate and window function takes it as its fourth
-- argument.  PostgreSQL gives aggregates no named arguments; this is how
-- their options are reached by name, checked when the value is built.  A
-- field left NULL takes the statistic's own default; a field the statistic
-- does not take is an error (22023) naming the options it does take.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.spatial_options AS (
    permutations integer,
    seed         bigint,
    style        text,
    alternative  text,
    islands      text,
    unmatched    text,
    significance double precision,
    conditional  boolean,
    scaling      text,
    sampling     text,
    star         boolean
);
COMMENT ON TYPE @extschema@.spatial_options IS
'options of the spatial statistics by name, built by caregap.spatial_options(...); NULL fields take the statistic''s default';

CREATE FUNCTION @extschema@.spatial_options(permutations integer DEFAULT NULL::integer,
    seed bigint DEFAULT NULL::bigint, style text DEFAULT NULL::text,
    alternative text DEFAULT NULL::text, islands text DEFAULT NULL::text,
    unmatched text DEFAULT NULL::text, significance double precision DEFAULT NULL::double precision,
    conditional boolean DEFAULT NULL::boolean, scaling text DEFAULT NULL::text,
    sampling text DEFAULT NULL::text, star boolean DEFAULT NULL::boolean)
RETURNS @extschema@.spatial_options
AS 'MODULE_PATHNAME', 'cg_spatial_options'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_options(integer, bigint, text, text, text, text, double precision, boolean, text, text, boolean) IS
'options of the spatial statistics by name, each checked and written in its one spelling (case-insensitive input; the spellings of 0.x with a NOTICE): permutations 0..10000000, seed, style B/R/C/U/S (W = R), alternative greater/lesser/two_sided/folded, islands exclude/keep, unmatched error/drop, significance in (0, 1), conditional, scaling n-1/n, sampling table/complete, star; NULL: the default of the statistic it is given to';

CREATE FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, @extschema@.spatial_options)
RETURNS internal
AS 'MODULE_PATHNAME', 'cg_spatial_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, @extschema@.spatial_options) IS
'aggregate support: collects one (id, value) row of a global spatial statistic (options by name)';

CREATE AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    SERIALFUNC = @extschema@.spatial_serialize,
    DESERIALFUNC = @extschema@.spatial_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'moran_i with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';

CREATE AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    SERIALFUNC = @extschema@.spatial_serialize,
    DESERIALFUNC = @extschema@.spatial_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'geary_c with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';

CREATE AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    SERIALFUNC = @extschema@.spatial_serialize,
    DESERIALFUNC = @extschema@.spatial_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'getis_ord_g with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';

CREATE AGGREGATE @extschema@.gini_spatial(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    SERIALFUNC = @extschema@.spatial_serialize,
    DESERIALFUNC = @extschema@.spatial_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini_spatial(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'gini_spatial with options by name: caregap.spatial_options(permutations, seed, unmatched); unmatched => ''drop'' leaves out links to units absent from the group';

CREATE FUNCTION @extschema@.local_moran(id anyelement, value double precision, weights regclass,
    options @extschema@.spatial_options)
RETURNS @extschema@.local_moran_result
AS 'MODULE_PATHNAME', 'cg_local_moran_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_moran(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'local_moran with one options value: caregap.spatial_options(permutations, seed, alternative, style, islands, conditional, scaling, significance, unmatched, sampling)';

CREATE FUNCTION @extschema@.local_g(id anyelement, value double precision, weights regclass,
    options @extschema@.spatial_options)
RETURNS @extschema@.local_g_result
AS 'MODULE_PATHNAME', 'cg_local_g_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_g(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'local_g with one options value: caregap.spatial_options(star, permutations, seed, alternative, style, islands, significance, unmatched, sampling)';

CREATE FUNCTION @extschema@.spatial_lag(id anyelement, value double precision, weights regclass,
    options @extschema@.spatial_options)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_spatial_lag_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_lag(anyelement, double precision, regclass, @extschema@.spatial_options) IS
'spatial_lag with one options value: caregap.spatial_options(style, unmatched)';

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
