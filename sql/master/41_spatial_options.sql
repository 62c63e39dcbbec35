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

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, @extschema@.spatial_options)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int_opts'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, @extschema@.spatial_options)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text_opts'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, @extschema@.spatial_options) IS
'aggregate support: collects one (id, value) row of a global spatial statistic (options by name)';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, @extschema@.spatial_options) IS
'aggregate support: collects one (id, value) row of a global spatial statistic (options by name)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, @extschema@.spatial_options) IS
'moran_i with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, @extschema@.spatial_options) IS
'moran_i with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, @extschema@.spatial_options) IS
'geary_c with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, @extschema@.spatial_options) IS
'geary_c with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, @extschema@.spatial_options) IS
'getis_ord_g with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, @extschema@.spatial_options) IS
'getis_ord_g with options by name: caregap.spatial_options(permutations, seed, style, alternative, islands, unmatched)';

CREATE AGGREGATE @extschema@.gini_spatial(id bigint, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.gini_spatial(id text, value double precision, weights regclass, options @extschema@.spatial_options) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini_spatial(bigint, double precision, regclass, @extschema@.spatial_options) IS
'gini_spatial with options by name: caregap.spatial_options(permutations, seed, unmatched); unmatched => ''drop'' leaves out links to units absent from the group';
COMMENT ON AGGREGATE @extschema@.gini_spatial(text, double precision, regclass, @extschema@.spatial_options) IS
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
