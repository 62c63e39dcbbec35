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
