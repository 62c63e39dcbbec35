
------------------------------------------------------------------------------
-- A stored distribution state is a bytea: every (x, w) pair of a group in the
-- compact lossless codecs of the parallel serial form, checked when read.
-- distribution_state(x [, w]) builds one, distribution_merge(state) unions
-- stored states (exactly: the pairs are kept), and gini_of, palma_of,
-- quantile_share_ratio_of and lorenz_curve_of evaluate one, with their
-- parameters given at evaluation.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.distribution_state_final(@extschema@.agg_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'cg_dist_state_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.distribution_state_final(@extschema@.agg_state) IS
'aggregate support: the stored form (bytea) of a distribution state; NULL for no rows';

CREATE FUNCTION @extschema@.distribution_merge_trans(@extschema@.agg_state, bytea)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_merge_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.distribution_merge_trans(@extschema@.agg_state, bytea) IS
'aggregate support: adds the pairs of a stored distribution state to a distribution state';

CREATE AGGREGATE @extschema@.distribution_state(x double precision) (
    SFUNC = @extschema@.dist_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    FINALFUNC = @extschema@.distribution_state_final,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.distribution_state(double precision) IS
'storable state of the distribution measures (Gini, Palma, quantile share ratio, Lorenz curve), unweighted: every value, as bytea; merge with distribution_merge, evaluate with gini_of and the others';

CREATE AGGREGATE @extschema@.distribution_state(x double precision, w double precision) (
    SFUNC = @extschema@.dist_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    FINALFUNC = @extschema@.distribution_state_final,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.distribution_state(double precision, double precision) IS
'storable state of the distribution measures (Gini, Palma, quantile share ratio, Lorenz curve), weighted by w > 0: every (x, w) pair, as bytea; merge with distribution_merge, evaluate with gini_of and the others';

CREATE AGGREGATE @extschema@.distribution_merge(state bytea) (
    SFUNC = @extschema@.distribution_merge_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    FINALFUNC = @extschema@.distribution_state_final,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.distribution_merge(bytea) IS
'merges stored distribution states (from distribution_state) exactly, into one stored state; NULL states are skipped';

CREATE FUNCTION @extschema@.gini_of(state bytea, corrected boolean DEFAULT false)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_gini_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gini_of(bytea, boolean) IS
'Gini of a stored distribution state, as gini(x, w [, corrected]) over its rows';

CREATE FUNCTION @extschema@.palma_of(state bytea)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_palma_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.palma_of(bytea) IS
'Palma ratio of a stored distribution state, as palma(x, w) over its rows';

CREATE FUNCTION @extschema@.quantile_share_ratio_of(state bytea, low double precision, high double precision)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_qsr_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quantile_share_ratio_of(bytea, double precision, double precision) IS
'quantile share ratio of a stored distribution state, as quantile_share_ratio(x, w, low, high) over its rows';

CREATE FUNCTION @extschema@.lorenz_curve_of(state bytea, points integer)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cg_lorenz_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lorenz_curve_of(bytea, integer) IS
'Lorenz curve points of a stored distribution state, as lorenz_curve(x, w, points) over its rows';
