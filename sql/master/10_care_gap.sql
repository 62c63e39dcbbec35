------------------------------------------------------------------------------
-- Care gap (docs/FORMULAS.md section 1)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.care_gap_result AS (
    units           bigint,
    supply          double precision,
    demand          double precision,
    coverage        double precision,
    reference_ratio double precision,
    gap_index       double precision,
    shortfall       double precision,
    surplus         double precision,
    units_short     bigint,
    units_no_demand bigint,
    reference       text
);
COMMENT ON TYPE @extschema@.care_gap_result IS
'result of care_gap(): units counted, sum of supply S and demand D, coverage sum S / sum D, reference ratio R (pooled or target), gap index sum u / (R sum D), shortfall sum max(0, R D - S), surplus sum max(0, S - R D), units short, units with zero demand, and which reference was used';

CREATE TYPE @extschema@.unit_gap_result AS (
    coverage          double precision,
    relative_coverage double precision,
    gap               double precision,
    shortfall         double precision,
    surplus           double precision,
    reference_ratio   double precision
);
COMMENT ON TYPE @extschema@.unit_gap_result IS
'result of unit_gap() for one row: coverage c = S / D, relative coverage r = c / R, gap max(0, 1 - r), shortfall max(0, R D - S), surplus max(0, S - R D), and the reference ratio R';

-- pooled reference: internal state of (supply, demand) pairs

CREATE FUNCTION @extschema@.care_gap_pooled_trans(@extschema@.agg_state, double precision, double precision)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_care_gap_pooled_trans'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_gap_pooled_trans(@extschema@.agg_state, double precision, double precision) IS
'aggregate support for care_gap(supply, demand): adds one row';

CREATE FUNCTION @extschema@.care_gap_pooled_combine(@extschema@.agg_state, @extschema@.agg_state)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_care_gap_pooled_combine'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_gap_pooled_combine(@extschema@.agg_state, @extschema@.agg_state) IS
'aggregate support for care_gap(supply, demand): merges two partial states';

CREATE FUNCTION @extschema@.care_gap_pooled_final(@extschema@.agg_state)
RETURNS @extschema@.care_gap_result
AS 'MODULE_PATHNAME', 'cg_care_gap_pooled_final'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_gap_pooled_final(@extschema@.agg_state) IS
'aggregate support for care_gap(supply, demand): computes the result against the pooled ratio';

CREATE AGGREGATE @extschema@.care_gap(supply double precision, demand double precision) (
    SFUNC        = @extschema@.care_gap_pooled_trans,
    STYPE        = @extschema@.agg_state,
    SSPACE       = 1024,
    FINALFUNC    = @extschema@.care_gap_pooled_final,
    COMBINEFUNC  = @extschema@.care_gap_pooled_combine,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE @extschema@.care_gap(double precision, double precision) IS
'care gap of a group of units against its pooled ratio R = sum S / sum D; one row per unit; rows with a NULL are skipped';

-- target reference: fixed float8[12] state of compensated sums

CREATE FUNCTION @extschema@.care_gap_target_trans(double precision[], double precision, double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_care_gap_target_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_gap_target_trans(double precision[], double precision, double precision, double precision) IS
'aggregate support for care_gap(supply, demand, target): adds one row';

CREATE FUNCTION @extschema@.care_gap_target_combine(double precision[], double precision[])
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_care_gap_target_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_gap_target_combine(double precision[], double precision[]) IS
'aggregate support for care_gap(supply, demand, target): merges two partial states';

CREATE FUNCTION @extschema@.care_gap_target_final(double precision[])
RETURNS @extschema@.care_gap_result
AS 'MODULE_PATHNAME', 'cg_care_gap_target_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_gap_target_final(double precision[]) IS
'aggregate support for care_gap(supply, demand, target): computes the result against the target';

CREATE AGGREGATE @extschema@.care_gap(supply double precision, demand double precision, target double precision) (
    SFUNC       = @extschema@.care_gap_target_trans,
    STYPE       = double precision[],
    INITCOND    = '{0,0,0,0,0,0,0,0,0,0,0,0}',
    FINALFUNC   = @extschema@.care_gap_target_final,
    COMBINEFUNC = @extschema@.care_gap_target_combine,
    PARALLEL    = SAFE
);
COMMENT ON AGGREGATE @extschema@.care_gap(double precision, double precision, double precision) IS
'care gap of a group of units against a target ratio (units of care per unit of demand, the same on every row); rows with a NULL are skipped';

-- per-unit window functions

CREATE FUNCTION @extschema@.unit_gap(supply double precision, demand double precision)
RETURNS @extschema@.unit_gap_result
AS 'MODULE_PATHNAME', 'cg_unit_gap_pooled'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unit_gap(double precision, double precision) IS
'window function: coverage, relative coverage, gap, shortfall and surplus of each row against the pooled ratio of its partition; NULL for a row with a NULL';

CREATE FUNCTION @extschema@.unit_gap(supply double precision, demand double precision, target double precision)
RETURNS @extschema@.unit_gap_result
AS 'MODULE_PATHNAME', 'cg_unit_gap_target'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unit_gap(double precision, double precision, double precision) IS
'window function: coverage, relative coverage, gap, shortfall and surplus of each row against the target ratio given on that row; NULL for a row with a NULL';

-- need-weighted demand

CREATE FUNCTION @extschema@.need_demand(counts double precision[], weights double precision[])
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_need_demand_arrays'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_demand(double precision[], double precision[]) IS
'need-weighted demand sum_k weights[k] * counts[k] of one unit (wide form)';

CREATE FUNCTION @extschema@.need_demand_agg_trans(double precision[], double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_need_demand_trans'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_demand_agg_trans(double precision[], double precision, double precision) IS
'aggregate support for need_demand_agg(people, weight): adds one need class';

CREATE FUNCTION @extschema@.need_demand_agg_combine(double precision[], double precision[])
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_need_demand_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_demand_agg_combine(double precision[], double precision[]) IS
'aggregate support for need_demand_agg(people, weight): merges two partial states';

CREATE FUNCTION @extschema@.need_demand_agg_final(double precision[])
RETURNS double precision
AS 'MODULE_PATHNAME', 'cg_need_demand_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_demand_agg_final(double precision[]) IS
'aggregate support for need_demand_agg(people, weight): the compensated sum';

CREATE AGGREGATE @extschema@.need_demand_agg(people double precision, weight double precision) (
    SFUNC       = @extschema@.need_demand_agg_trans,
    STYPE       = double precision[],
    INITCOND    = '{0,0,0}',
    FINALFUNC   = @extschema@.need_demand_agg_final,
    COMBINEFUNC = @extschema@.need_demand_agg_combine,
    PARALLEL    = SAFE
);
COMMENT ON AGGREGATE @extschema@.need_demand_agg(double precision, double precision) IS
'need-weighted demand sum people * weight over the need classes of a unit (long form: one row per class); rows with a NULL are skipped';

