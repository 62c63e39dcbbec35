
------------------------------------------------------------------------------
-- Moment-based measures (docs/FORMULAS.md section 2): fixed float8[11] state
--   {version, kind, parameter, n, pivot K, sum w, sum w x, measure sum F}
-- (sums as compensated hi/lo pairs); storable and mergeable for rollups.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.ineq_trans(double precision[], double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_ineq_trans_x'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ineq_trans(double precision[], double precision) IS
'aggregate support: adds one unweighted row to an inequality state';

CREATE FUNCTION @extschema@.ineq_trans(double precision[], double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_ineq_trans_xw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ineq_trans(double precision[], double precision, double precision) IS
'aggregate support: adds one weighted row (x, w) to an inequality state';

CREATE FUNCTION @extschema@.ineq_trans_p(double precision[], double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_ineq_trans_xp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ineq_trans_p(double precision[], double precision, double precision) IS
'aggregate support: adds one unweighted row with the measure parameter (alpha or epsilon)';

CREATE FUNCTION @extschema@.ineq_trans_p(double precision[], double precision, double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_ineq_trans_xwp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ineq_trans_p(double precision[], double precision, double precision, double precision) IS
'aggregate support: adds one weighted row with the measure parameter (alpha or epsilon)';

CREATE FUNCTION @extschema@.ineq_combine(double precision[], double precision[])
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_ineq_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ineq_combine(double precision[], double precision[]) IS
'merges two inequality states of the same measure and parameter (combine function, and transition of ineq_merge)';

CREATE FUNCTION @extschema@.ineq_value(state double precision[])
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_ineq_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ineq_value(state double precision[]) IS
'the inequality measure of a state from a *_state aggregate or ineq_merge; NULL when undefined (no rows, or every x is 0)';

CREATE AGGREGATE @extschema@.theil_t(x double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,1,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_t(double precision) IS
'Theil T = (1/W) sum w (x/mu) ln(x/mu), GE(1); x >= 0 (0 ln 0 = 0); unweighted; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.theil_t_state(x double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,1,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_t_state(double precision) IS
'storable partial state of theil_t (unweighted): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.theil_t(x double precision, w double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,1,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_t(double precision, double precision) IS
'Theil T = (1/W) sum w (x/mu) ln(x/mu), GE(1); x >= 0 (0 ln 0 = 0); weighted by w > 0; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.theil_t_state(x double precision, w double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,1,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_t_state(double precision, double precision) IS
'storable partial state of theil_t (weighted by w > 0): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.theil_l(x double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,2,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_l(double precision) IS
'Theil L, mean log deviation = (1/W) sum w ln(mu/x), GE(0); x > 0; unweighted; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.theil_l_state(x double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,2,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_l_state(double precision) IS
'storable partial state of theil_l (unweighted): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.theil_l(x double precision, w double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,2,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_l(double precision, double precision) IS
'Theil L, mean log deviation = (1/W) sum w ln(mu/x), GE(0); x > 0; weighted by w > 0; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.theil_l_state(x double precision, w double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,2,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_l_state(double precision, double precision) IS
'storable partial state of theil_l (weighted by w > 0): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.generalized_entropy(x double precision, alpha double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,3,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.generalized_entropy(double precision, double precision) IS
'generalized entropy GE(alpha) = 1/(alpha(alpha-1)) (1/W) sum w [(x/mu)^alpha - 1]; alpha 0 is Theil L, 1 Theil T; x > 0 when alpha <= 0; unweighted; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.generalized_entropy_state(x double precision, alpha double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,3,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.generalized_entropy_state(double precision, double precision) IS
'storable partial state of generalized_entropy (unweighted): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.generalized_entropy(x double precision, w double precision, alpha double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,3,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.generalized_entropy(double precision, double precision, double precision) IS
'generalized entropy GE(alpha) = 1/(alpha(alpha-1)) (1/W) sum w [(x/mu)^alpha - 1]; alpha 0 is Theil L, 1 Theil T; x > 0 when alpha <= 0; weighted by w > 0; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.generalized_entropy_state(x double precision, w double precision, alpha double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,3,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.generalized_entropy_state(double precision, double precision, double precision) IS
'storable partial state of generalized_entropy (weighted by w > 0): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.atkinson(x double precision, epsilon double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,4,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.atkinson(double precision, double precision) IS
'Atkinson index 1 - [(1/W) sum w x^(1-epsilon)]^(1/(1-epsilon)) / mu, epsilon >= 0 (epsilon 1: 1 - geometric mean / mu); x > 0 when epsilon >= 1; unweighted; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.atkinson_state(x double precision, epsilon double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,4,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.atkinson_state(double precision, double precision) IS
'storable partial state of atkinson (unweighted): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.atkinson(x double precision, w double precision, epsilon double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,4,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.atkinson(double precision, double precision, double precision) IS
'Atkinson index 1 - [(1/W) sum w x^(1-epsilon)]^(1/(1-epsilon)) / mu, epsilon >= 0 (epsilon 1: 1 - geometric mean / mu); x > 0 when epsilon >= 1; weighted by w > 0; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.atkinson_state(x double precision, w double precision, epsilon double precision) (
    SFUNC = @extschema@.ineq_trans_p,
    STYPE = double precision[],
    INITCOND = '{1,4,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.atkinson_state(double precision, double precision, double precision) IS
'storable partial state of atkinson (weighted by w > 0): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.cv(x double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,5,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv(double precision) IS
'coefficient of variation, population form: sqrt((1/W) sum w (x - mu)^2) / mu; unweighted; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.cv_state(x double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,5,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_state(double precision) IS
'storable partial state of cv (unweighted): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.cv(x double precision, w double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,5,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = @extschema@.ineq_value,
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv(double precision, double precision) IS
'coefficient of variation, population form: sqrt((1/W) sum w (x - mu)^2) / mu; weighted by w > 0; rows with a NULL are skipped; NULL for no rows or when every x is 0';

CREATE AGGREGATE @extschema@.cv_state(x double precision, w double precision) (
    SFUNC = @extschema@.ineq_trans,
    STYPE = double precision[],
    INITCOND = '{1,5,0,0,0,0,0,0,0,0,0}',
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.cv_state(double precision, double precision) IS
'storable partial state of cv (weighted by w > 0): keep one per group, merge with ineq_merge, evaluate with ineq_value';

CREATE AGGREGATE @extschema@.ineq_merge(state double precision[]) (
    SFUNC = @extschema@.ineq_combine,
    STYPE = double precision[],
    COMBINEFUNC = @extschema@.ineq_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ineq_merge(double precision[]) IS
'merges stored partial states of one measure (from a *_state aggregate) exactly; evaluate the result with ineq_value';

------------------------------------------------------------------------------
-- Distribution-based measures: internal state of (x, w) pairs, 16 bytes a
-- row, with combine, serialize and deserialize; sorted by a radix sort at the end.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.dist_trans(@extschema@.agg_state, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_x'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dist_trans(@extschema@.agg_state, double precision) IS
'aggregate support: adds one unweighted row to a distribution state';

CREATE FUNCTION @extschema@.dist_trans(@extschema@.agg_state, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xw'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dist_trans(@extschema@.agg_state, double precision, double precision) IS
'aggregate support: adds one weighted row (x, w) to a distribution state';

CREATE FUNCTION @extschema@.gini_trans(@extschema@.agg_state, double precision, boolean)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xc'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gini_trans(@extschema@.agg_state, double precision, boolean) IS
'aggregate support: adds one row to a Gini state with the correction flag';

CREATE FUNCTION @extschema@.gini_trans(@extschema@.agg_state, double precision, double precision, boolean)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xwc'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gini_trans(@extschema@.agg_state, double precision, double precision, boolean) IS
'aggregate support: adds one weighted row to a Gini state with the correction flag';

CREATE FUNCTION @extschema@.quantile_share_ratio_trans(@extschema@.agg_state, double precision, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xpp'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quantile_share_ratio_trans(@extschema@.agg_state, double precision, double precision, double precision) IS
'aggregate support: adds one row to a quantile share ratio state';

CREATE FUNCTION @extschema@.quantile_share_ratio_trans(@extschema@.agg_state, double precision, double precision, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xwpp'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quantile_share_ratio_trans(@extschema@.agg_state, double precision, double precision, double precision, double precision) IS
'aggregate support: adds one weighted row to a quantile share ratio state';

CREATE FUNCTION @extschema@.lorenz_curve_trans(@extschema@.agg_state, double precision, integer)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xn'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lorenz_curve_trans(@extschema@.agg_state, double precision, integer) IS
'aggregate support: adds one row to a Lorenz curve state';

CREATE FUNCTION @extschema@.lorenz_curve_trans(@extschema@.agg_state, double precision, double precision, integer)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_trans_xwn'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lorenz_curve_trans(@extschema@.agg_state, double precision, double precision, integer) IS
'aggregate support: adds one weighted row to a Lorenz curve state';

CREATE FUNCTION @extschema@.dist_combine(@extschema@.agg_state, @extschema@.agg_state)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_dist_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dist_combine(@extschema@.agg_state, @extschema@.agg_state) IS
'aggregate support: merges two distribution states';

CREATE FUNCTION @extschema@.gini_final(@extschema@.agg_state)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_gini_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gini_final(@extschema@.agg_state) IS
'aggregate support: Gini of a distribution state';

CREATE FUNCTION @extschema@.palma_final(@extschema@.agg_state)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_palma_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.palma_final(@extschema@.agg_state) IS
'aggregate support: Palma ratio of a distribution state';

CREATE FUNCTION @extschema@.quantile_share_ratio_final(@extschema@.agg_state)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_qsr_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quantile_share_ratio_final(@extschema@.agg_state) IS
'aggregate support: quantile share ratio of a distribution state';

CREATE FUNCTION @extschema@.lorenz_curve_final(@extschema@.agg_state)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cg_lorenz_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lorenz_curve_final(@extschema@.agg_state) IS
'aggregate support: Lorenz curve points of a distribution state';

CREATE AGGREGATE @extschema@.gini(x double precision) (
    SFUNC = @extschema@.dist_trans,
    FINALFUNC = @extschema@.gini_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini(double precision) IS
'Gini = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), x >= 0, unweighted, without small-sample correction (PySAL, R ineq)';

CREATE AGGREGATE @extschema@.gini(x double precision, w double precision) (
    SFUNC = @extschema@.dist_trans,
    FINALFUNC = @extschema@.gini_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini(double precision, double precision) IS
'Gini = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), x >= 0, weighted by w > 0, without small-sample correction';

CREATE AGGREGATE @extschema@.gini(x double precision, corrected boolean) (
    SFUNC = @extschema@.gini_trans,
    FINALFUNC = @extschema@.gini_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini(double precision, boolean) IS
'Gini = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), x >= 0, unweighted; corrected = true multiplies by n/(n-1)';

CREATE AGGREGATE @extschema@.gini(x double precision, w double precision, corrected boolean) (
    SFUNC = @extschema@.gini_trans,
    FINALFUNC = @extschema@.gini_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.gini(double precision, double precision, boolean) IS
'Gini = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), x >= 0, weighted; corrected = true multiplies by 1/(1 - sum (w/W)^2)';

CREATE AGGREGATE @extschema@.palma(x double precision) (
    SFUNC = @extschema@.dist_trans,
    FINALFUNC = @extschema@.palma_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.palma(double precision) IS
'Palma ratio: share of sum w x held by the top 10 % of the weight over that held by the bottom 40 %, unweighted';

CREATE AGGREGATE @extschema@.palma(x double precision, w double precision) (
    SFUNC = @extschema@.dist_trans,
    FINALFUNC = @extschema@.palma_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.palma(double precision, double precision) IS
'Palma ratio: share of sum w x held by the top 10 % of the weight over that held by the bottom 40 %, weighted';

CREATE AGGREGATE @extschema@.quantile_share_ratio(x double precision, low double precision, high double precision) (
    SFUNC = @extschema@.quantile_share_ratio_trans,
    FINALFUNC = @extschema@.quantile_share_ratio_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.quantile_share_ratio(double precision, double precision, double precision) IS
'quantile share ratio (1 - L(high)) / L(low): share held by the top 1 - high of the weight over that of the bottom low (0.2, 0.8: S80/S20), unweighted';

CREATE AGGREGATE @extschema@.quantile_share_ratio(x double precision, w double precision, low double precision, high double precision) (
    SFUNC = @extschema@.quantile_share_ratio_trans,
    FINALFUNC = @extschema@.quantile_share_ratio_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.quantile_share_ratio(double precision, double precision, double precision, double precision) IS
'quantile share ratio (1 - L(high)) / L(low): share held by the top 1 - high of the weight over that of the bottom low (0.2, 0.8: S80/S20), weighted';

CREATE AGGREGATE @extschema@.lorenz_curve(x double precision, points integer) (
    SFUNC = @extschema@.lorenz_curve_trans,
    FINALFUNC = @extschema@.lorenz_curve_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.lorenz_curve(double precision, integer) IS
'Lorenz curve as jsonb [[p, L(p)], ...] at points evenly spaced population shares p from 0 to 1, unweighted';

CREATE AGGREGATE @extschema@.lorenz_curve(x double precision, w double precision, points integer) (
    SFUNC = @extschema@.lorenz_curve_trans,
    FINALFUNC = @extschema@.lorenz_curve_final,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.lorenz_curve(double precision, double precision, integer) IS
'Lorenz curve as jsonb [[p, L(p)], ...] at points evenly spaced population shares p from 0 to 1, weighted';

------------------------------------------------------------------------------
-- Hoover (dissimilarity) index: the pooled care-gap state of (a, b) pairs
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.hoover_trans(@extschema@.agg_state, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_hoover_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hoover_trans(@extschema@.agg_state, double precision, double precision) IS
'aggregate support: adds one row (a, b) to a Hoover state';

CREATE FUNCTION @extschema@.hoover_final(@extschema@.agg_state)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_hoover_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hoover_final(@extschema@.agg_state) IS
'aggregate support: the Hoover index of a state';

CREATE AGGREGATE @extschema@.hoover(a double precision, b double precision) (
    SFUNC = @extschema@.hoover_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    FINALFUNC = @extschema@.hoover_final,
    COMBINEFUNC = @extschema@.care_gap_pooled_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.hoover(double precision, double precision) IS
'Hoover (dissimilarity) index 1/2 sum |a_i/A - b_i/B| of two non-negative distributions over the same units; NULL when A or B is 0';
------------------------------------------------------------------------------
-- Theil decomposition by groups
------------------------------------------------------------------------------

CREATE TYPE @extschema@.theil_decomposition_result AS (
    theil_t         double precision,
    theil_t_within  double precision,
    theil_t_between double precision,
    theil_l         double precision,
    theil_l_within  double precision,
    theil_l_between double precision,
    groups          jsonb
);
COMMENT ON TYPE @extschema@.theil_decomposition_result IS
'result of theil_decomposition(): Theil T and L with their within-group and between-group parts, and per group (sorted by group) its units, weight share p_g, value share s_g, mean and own T and L';

CREATE FUNCTION @extschema@.theil_decomposition_trans(@extschema@.agg_state, double precision, double precision, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_decomp_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.theil_decomposition_trans(@extschema@.agg_state, double precision, double precision, text) IS
'aggregate support: adds one weighted row to a Theil decomposition state';

CREATE FUNCTION @extschema@.theil_decomposition_trans(@extschema@.agg_state, double precision, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_decomp_trans_u'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.theil_decomposition_trans(@extschema@.agg_state, double precision, text) IS
'aggregate support: adds one unweighted row to a Theil decomposition state';

CREATE FUNCTION @extschema@.theil_decomposition_combine(@extschema@.agg_state, @extschema@.agg_state)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_decomp_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.theil_decomposition_combine(@extschema@.agg_state, @extschema@.agg_state) IS
'aggregate support: merges two Theil decomposition states';

CREATE FUNCTION @extschema@.theil_decomposition_final(@extschema@.agg_state)
RETURNS @extschema@.theil_decomposition_result
AS 'MODULE_PATHNAME', 'cg_decomp_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.theil_decomposition_final(@extschema@.agg_state) IS
'aggregate support: the decomposition of a Theil decomposition state';

CREATE AGGREGATE @extschema@.theil_decomposition(x double precision, w double precision, grp text) (
    SFUNC = @extschema@.theil_decomposition_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 4096,
    FINALFUNC = @extschema@.theil_decomposition_final,
    COMBINEFUNC = @extschema@.theil_decomposition_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_decomposition(double precision, double precision, text) IS
'Theil T = sum s_g T_g + sum s_g ln(s_g/p_g) and L = sum p_g L_g + sum p_g ln(mu/mu_g) by groups, weighted by w > 0; x > 0; rows with a NULL are skipped';

CREATE AGGREGATE @extschema@.theil_decomposition(x double precision, grp text) (
    SFUNC = @extschema@.theil_decomposition_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 4096,
    FINALFUNC = @extschema@.theil_decomposition_final,
    COMBINEFUNC = @extschema@.theil_decomposition_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.theil_decomposition(double precision, text) IS
'Theil T and L decomposed by groups, unweighted; x > 0; rows with a NULL are skipped';

------------------------------------------------------------------------------
-- Concentration index: rows (rank_by, x, w), 24 bytes a row
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.concentration_index_trans(@extschema@.agg_state, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_conc_trans_xr'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.concentration_index_trans(@extschema@.agg_state, double precision, double precision) IS
'aggregate support: adds one unweighted row (x, rank_by) to a concentration index state';

CREATE FUNCTION @extschema@.concentration_index_trans(@extschema@.agg_state, double precision, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_conc_trans_xwr'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.concentration_index_trans(@extschema@.agg_state, double precision, double precision, double precision) IS
'aggregate support: adds one weighted row (x, w, rank_by) to a concentration index state';

CREATE FUNCTION @extschema@.concentration_index_final(@extschema@.agg_state)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_conc_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.concentration_index_final(@extschema@.agg_state) IS
'aggregate support: the concentration index of a state';

CREATE AGGREGATE @extschema@.concentration_index(x double precision, rank_by double precision) (
    SFUNC = @extschema@.concentration_index_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    FINALFUNC = @extschema@.concentration_index_final,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.concentration_index(double precision, double precision) IS
'concentration index of x >= 0 with units ranked by rank_by (equal ranks share their midpoint rank): the Gini formula with the ranking of another variable, in [-1, 1], negative when x concentrates among the low ranks; unweighted';

CREATE AGGREGATE @extschema@.concentration_index(x double precision, w double precision, rank_by double precision) (
    SFUNC = @extschema@.concentration_index_trans,
    STYPE = @extschema@.agg_state,
    SSPACE = 1024,
    FINALFUNC = @extschema@.concentration_index_final,
    COMBINEFUNC = @extschema@.dist_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.concentration_index(double precision, double precision, double precision) IS
'concentration index of x >= 0 ranked by rank_by, weighted by w > 0 (fractional ranks from cumulative weight)';
