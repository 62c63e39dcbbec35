
------------------------------------------------------------------------------
-- Spatial structure (docs/FORMULAS.md sections 3-5): weights relations (i, j [, w]),
-- global statistics as aggregates, local statistics as window functions.
-- Ids are smallint, integer, bigint, text or varchar (the aggregates take bigint
-- or text; the window functions anyelement, checked at
-- run time).  Every function reads the weights relation with the caller's
-- privileges, once per statement.
------------------------------------------------------------------------------

CREATE TYPE @extschema@.spatial_test AS (
    statistic        text,
    value            double precision,
    expectation      double precision,
    variance_normal  double precision,
    z_normal         double precision,
    p_normal         double precision,
    variance_random  double precision,
    z_random         double precision,
    p_random         double precision,
    permutations     integer,
    p_sim            double precision,
    mean_sim         double precision,
    seed             bigint,
    alternative      text,
    style            text,
    islands_policy   text,
    n                bigint,
    links            bigint,
    s0               double precision,
    islands          bigint,
    links_dropped    bigint,
    nulls            bigint
);
COMMENT ON TYPE @extschema@.spatial_test IS
'result of moran_i, geary_c and getis_ord_g: the statistic, its moments, z and analytic p under normality and randomization, the permutation pseudo p-value, and the conventions used';

CREATE FUNCTION @extschema@.spatial_combine(@extschema@.agg_state, @extschema@.agg_state)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_combine(@extschema@.agg_state, @extschema@.agg_state) IS
'aggregate support: merges two partial states of a global spatial statistic (parallel query)';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text, text, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text, text, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text, text, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text, text, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text, text, text, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_int'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text, text, text, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_spatial_trans_text'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, bigint, double precision, regclass, integer, bigint, text, text, text, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';
COMMENT ON FUNCTION @extschema@.spatial_trans(@extschema@.agg_state, text, double precision, regclass, integer, bigint, text, text, text, text) IS
'aggregate support: collects one (id, value) row of a global spatial statistic';

CREATE FUNCTION @extschema@.moran_i_final(@extschema@.agg_state)
RETURNS @extschema@.spatial_test
AS 'MODULE_PATHNAME', 'cg_moran_i_final'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moran_i_final(@extschema@.agg_state) IS
'aggregate support: computes moran_i from the collected rows';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass) IS
'Moran''s I = (n/S0) sum_ij w_ij z_i z_j / sum z^2 over the weights relation (style R by default), E[I] = -1/(n-1), variances under normality and randomization (spdep moran.test), permutation pseudo p (999, seed 1, alternative greater by default)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass) IS
'Moran''s I = (n/S0) sum_ij w_ij z_i z_j / sum z^2 over the weights relation (style R by default), E[I] = -1/(n-1), variances under normality and randomization (spdep moran.test), permutation pseudo p (999, seed 1, alternative greater by default)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, integer) IS
'moran_i with the options given; see moran_i(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, integer) IS
'moran_i with the options given; see moran_i(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, integer, bigint) IS
'moran_i with the options given; see moran_i(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, integer, bigint) IS
'moran_i with the options given; see moran_i(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, permutations integer, seed bigint, style text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, integer, bigint, text) IS
'moran_i with the options given; see moran_i(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, integer, bigint, text) IS
'moran_i with the options given; see moran_i(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, integer, bigint, text, text) IS
'moran_i with the options given; see moran_i(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, integer, bigint, text, text) IS
'moran_i with the options given; see moran_i(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, integer, bigint, text, text, text) IS
'moran_i with the options given; see moran_i(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, integer, bigint, text, text, text) IS
'moran_i with the options given; see moran_i(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.moran_i(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.moran_i(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.moran_i_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.moran_i(bigint, double precision, regclass, integer, bigint, text, text, text, text) IS
'moran_i with the options given; see moran_i(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.moran_i(text, double precision, regclass, integer, bigint, text, text, text, text) IS
'moran_i with the options given; see moran_i(text, double precision, regclass)';

CREATE FUNCTION @extschema@.geary_c_final(@extschema@.agg_state)
RETURNS @extschema@.spatial_test
AS 'MODULE_PATHNAME', 'cg_geary_c_final'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.geary_c_final(@extschema@.agg_state) IS
'aggregate support: computes geary_c from the collected rows';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass) IS
'Geary''s C = (n-1) sum_ij w_ij (x_i - x_j)^2 / (2 S0 sum z^2), E[C] = 1, variances as spdep geary.test; z = (1 - C)/sd, so that greater means positive autocorrelation (C < 1)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass) IS
'Geary''s C = (n-1) sum_ij w_ij (x_i - x_j)^2 / (2 S0 sum z^2), E[C] = 1, variances as spdep geary.test; z = (1 - C)/sd, so that greater means positive autocorrelation (C < 1)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, integer) IS
'geary_c with the options given; see geary_c(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, integer) IS
'geary_c with the options given; see geary_c(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, integer, bigint) IS
'geary_c with the options given; see geary_c(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, integer, bigint) IS
'geary_c with the options given; see geary_c(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, permutations integer, seed bigint, style text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, integer, bigint, text) IS
'geary_c with the options given; see geary_c(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, integer, bigint, text) IS
'geary_c with the options given; see geary_c(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, integer, bigint, text, text) IS
'geary_c with the options given; see geary_c(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, integer, bigint, text, text) IS
'geary_c with the options given; see geary_c(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, integer, bigint, text, text, text) IS
'geary_c with the options given; see geary_c(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, integer, bigint, text, text, text) IS
'geary_c with the options given; see geary_c(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.geary_c(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.geary_c(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.geary_c_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.geary_c(bigint, double precision, regclass, integer, bigint, text, text, text, text) IS
'geary_c with the options given; see geary_c(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.geary_c(text, double precision, regclass, integer, bigint, text, text, text, text) IS
'geary_c with the options given; see geary_c(text, double precision, regclass)';

CREATE FUNCTION @extschema@.getis_ord_g_final(@extschema@.agg_state)
RETURNS @extschema@.spatial_test
AS 'MODULE_PATHNAME', 'cg_getis_ord_g_final'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.getis_ord_g_final(@extschema@.agg_state) IS
'aggregate support: computes getis_ord_g from the collected rows';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass) IS
'Getis-Ord general G = sum_ij w_ij x_i x_j / sum_{i != j} x_i x_j over x >= 0 (style B by default), E[G] = S0/(n(n-1)), variance under randomization as spdep globalG.test; no variance under normality';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass) IS
'Getis-Ord general G = sum_ij w_ij x_i x_j / sum_{i != j} x_i x_j over x >= 0 (style B by default), E[G] = S0/(n(n-1)), variance under randomization as spdep globalG.test; no variance under normality';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, integer) IS
'getis_ord_g with the options given; see getis_ord_g(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, integer) IS
'getis_ord_g with the options given; see getis_ord_g(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, integer, bigint) IS
'getis_ord_g with the options given; see getis_ord_g(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, integer, bigint) IS
'getis_ord_g with the options given; see getis_ord_g(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, permutations integer, seed bigint, style text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, integer, bigint, text) IS
'getis_ord_g with the options given; see getis_ord_g(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, integer, bigint, text) IS
'getis_ord_g with the options given; see getis_ord_g(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, integer, bigint, text, text) IS
'getis_ord_g with the options given; see getis_ord_g(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, integer, bigint, text, text) IS
'getis_ord_g with the options given; see getis_ord_g(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, integer, bigint, text, text, text) IS
'getis_ord_g with the options given; see getis_ord_g(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, integer, bigint, text, text, text) IS
'getis_ord_g with the options given; see getis_ord_g(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.getis_ord_g(id bigint, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.getis_ord_g(id text, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.getis_ord_g_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.getis_ord_g(bigint, double precision, regclass, integer, bigint, text, text, text, text) IS
'getis_ord_g with the options given; see getis_ord_g(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.getis_ord_g(text, double precision, regclass, integer, bigint, text, text, text, text) IS
'getis_ord_g with the options given; see getis_ord_g(text, double precision, regclass)';

CREATE TYPE @extschema@.local_moran_result AS (
    ii           double precision,
    e_ii         double precision,
    var_ii       double precision,
    z_ii         double precision,
    p_value      double precision,
    p_sim        double precision,
    quadrant     text,
    cluster      text,
    std_value    double precision,
    std_lag      double precision,
    neighbours   integer
);
COMMENT ON TYPE @extschema@.local_moran_result IS
'one row of local_moran: I_i, its analytic expectation, variance, z and p, the permutation pseudo p, the quadrant (HH, LL, LH, HL), the GeoDa cluster label, the standardized value and its spatial lag (Moran scatter plot), the number of neighbours';

CREATE FUNCTION @extschema@.local_moran(id anyelement, value double precision, weights regclass,
    permutations integer DEFAULT 999, seed bigint DEFAULT 1,
    alternative text DEFAULT 'folded'::text, style text DEFAULT 'R'::text,
    islands text DEFAULT 'exclude'::text, conditional boolean DEFAULT true,
    scaling text DEFAULT 'n-1'::text, significance double precision DEFAULT '0.05'::double precision,
    unmatched text DEFAULT 'error'::text, sampling text DEFAULT 'table'::text)
RETURNS @extschema@.local_moran_result
AS 'MODULE_PATHNAME', 'cg_local_moran_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_moran(anyelement, double precision, regclass, integer, bigint, text, text, text, boolean, text, double precision, text, text) IS
'local Moran (LISA) of each row against its partition: I_i = (n-1) z_i sum_j w_ij z_j / sum z^2 (GeoDa, esda; scaling => ''n'' for spdep), moments under conditional (default) or total randomization, conditional permutations on a counter-based stream keyed by seed, id and replicate (sampling => ''table'', the default, or ''complete''), cluster labels at the significance level';

CREATE TYPE @extschema@.local_g_result AS (
    g            double precision,
    e_g          double precision,
    var_g        double precision,
    z_g          double precision,
    p_value      double precision,
    p_sim        double precision,
    cluster      text,
    neighbours   integer
);
COMMENT ON TYPE @extschema@.local_g_result IS
'one row of local_g: G_i (or G_i*), its expectation, variance, z and analytic p, the permutation pseudo p, the label (Hot spot, Cold spot, Not significant, Isolated), the number of neighbours';

CREATE FUNCTION @extschema@.local_g(id anyelement, value double precision, weights regclass,
    star boolean DEFAULT true, permutations integer DEFAULT 999, seed bigint DEFAULT 1,
    alternative text DEFAULT 'two_sided'::text, style text DEFAULT 'B'::text,
    islands text DEFAULT 'exclude'::text,
    significance double precision DEFAULT '0.05'::double precision,
    unmatched text DEFAULT 'error'::text, sampling text DEFAULT 'table'::text)
RETURNS @extschema@.local_g_result
AS 'MODULE_PATHNAME', 'cg_local_g_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_g(anyelement, double precision, regclass, boolean, integer, bigint, text, text, text, double precision, text, text) IS
'Getis-Ord local G of each row against its partition: Gi* (star, the unit itself included, the default) or Gi; z as spdep localG; conditional permutations; hot and cold spots at the significance level';

CREATE FUNCTION @extschema@.spatial_lag(id anyelement, value double precision, weights regclass,
    style text DEFAULT 'R'::text, unmatched text DEFAULT 'error'::text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_spatial_lag_win'
LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spatial_lag(anyelement, double precision, regclass, text, text) IS
'the spatial lag sum_j w_ij x_j of each row over its partition (style R: the mean of the neighbours); NULL for a unit without neighbours or a NULL value';

CREATE FUNCTION @extschema@.p_adjust(p double precision, method text DEFAULT 'BH'::text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_p_adjust_win'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.p_adjust(double precision, text) IS
'p-values adjusted over the partition for multiple testing, as R p.adjust: BH (Benjamini-Hochberg, also fdr), BY (Benjamini-Yekutieli), bonferroni, holm; NULLs skipped and not counted';

CREATE TYPE @extschema@.weights_summary AS (
    units            bigint,
    links            bigint,
    style            text,
    s0               double precision,
    s1               double precision,
    s2               double precision,
    islands          bigint,
    components       bigint,
    asymmetric_links bigint,
    min_neighbours   integer,
    mean_neighbours  double precision,
    max_neighbours   integer,
    id_type          text
);
COMMENT ON TYPE @extschema@.weights_summary IS
'summary of a weights relation: units, links, S0, S1, S2 for a style, islands, connected components, asymmetric links, neighbour counts';

CREATE FUNCTION @extschema@.weights_summary(weights regclass, style text DEFAULT 'B'::text)
RETURNS @extschema@.weights_summary
AS 'MODULE_PATHNAME', 'cg_weights_summary_fn'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.weights_summary(regclass, text) IS
'reads a weights relation (i, j [, w]; a row (i, NULL) declares a unit without links) with the caller''s privileges, checks it (duplicate links, self-links, NaN, infinite or negative weights are errors) and summarizes it';

CREATE TYPE @extschema@.gini_spatial AS (
    gini                    double precision,
    total                   double precision,
    neighbour               double precision,
    non_neighbour           double precision,
    neighbour_share         double precision,
    mean_non_neighbour_sim  double precision,
    p_sim                   double precision,
    permutations            integer,
    seed                    bigint,
    n                       bigint,
    links                   bigint,
    links_dropped           bigint,
    nulls                   bigint
);
COMMENT ON TYPE @extschema@.gini_spatial IS
'result of gini_spatial: the Gini, the sum of |x_i - x_j| over ordered pairs split into neighbour pairs (links of the weights) and the rest, the mean non-neighbour part over the permutations and the pseudo p-value of the observed one';

CREATE FUNCTION @extschema@.gini_spatial_final(@extschema@.agg_state)
RETURNS @extschema@.gini_spatial
AS 'MODULE_PATHNAME', 'cg_gini_spatial_final'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gini_spatial_final(@extschema@.agg_state) IS
'aggregate support: computes gini_spatial from the collected rows';

CREATE AGGREGATE @extschema@.gini_spatial(id bigint, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.gini_spatial(id text, value double precision, weights regclass) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini_spatial(bigint, double precision, regclass) IS
'Spatial decomposition of the Gini (Rey and Smith 2013, PySAL Gini_Spatial): G = sum_ij |x_i - x_j| / (2 n^2 mean) over x >= 0, the pairs split into neighbours (links of the weights, weights ignored) and non-neighbours; pseudo p = share of permutations whose non-neighbour part is at least the observed (999, seed 1 by default); every unit counts, islands included';
COMMENT ON AGGREGATE @extschema@.gini_spatial(text, double precision, regclass) IS
'Spatial decomposition of the Gini (Rey and Smith 2013, PySAL Gini_Spatial): G = sum_ij |x_i - x_j| / (2 n^2 mean) over x >= 0, the pairs split into neighbours (links of the weights, weights ignored) and non-neighbours; pseudo p = share of permutations whose non-neighbour part is at least the observed (999, seed 1 by default); every unit counts, islands included';

CREATE AGGREGATE @extschema@.gini_spatial(id bigint, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.gini_spatial(id text, value double precision, weights regclass, permutations integer) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini_spatial(bigint, double precision, regclass, integer) IS
'gini_spatial with the options given; see gini_spatial(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.gini_spatial(text, double precision, regclass, integer) IS
'gini_spatial with the options given; see gini_spatial(text, double precision, regclass)';

CREATE AGGREGATE @extschema@.gini_spatial(id bigint, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.gini_spatial(id text, value double precision, weights regclass, permutations integer, seed bigint) (
    SFUNC = @extschema@.spatial_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.gini_spatial_final,
    COMBINEFUNC = @extschema@.spatial_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini_spatial(bigint, double precision, regclass, integer, bigint) IS
'gini_spatial with the options given; see gini_spatial(bigint, double precision, regclass)';
COMMENT ON AGGREGATE @extschema@.gini_spatial(text, double precision, regclass, integer, bigint) IS
'gini_spatial with the options given; see gini_spatial(text, double precision, regclass)';

CREATE FUNCTION @extschema@.knn_weights(points text, k integer)
RETURNS TABLE (i text, j text, w double precision, km double precision)
AS 'MODULE_PATHNAME', 'cg_knn_weights'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.knn_weights(text, integer) IS
'weights rows: each point (query with columns id, lon, lat in degrees, run read-only as the caller) to its k nearest others by great-circle distance (haversine, R = 6371.0088 km), w = 1, nearest first, through a k-d tree; ties to the lower id text';

CREATE FUNCTION @extschema@.distance_weights(points text, max_km double precision,
    power double precision DEFAULT '0'::double precision)
RETURNS TABLE (i text, j text, w double precision, km double precision)
AS 'MODULE_PATHNAME', 'cg_distance_weights'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.distance_weights(text, double precision, double precision) IS
'weights rows: each pair of points (query with columns id, lon, lat) within max_km by great-circle distance, w = 1 (power 0) or km^-power (inverse distance), through a k-d tree';
