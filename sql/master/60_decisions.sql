
------------------------------------------------------------------------------
-- Decisions (docs/FORMULAS.md sections 7-8): class breaks for maps, the class of a
-- value, a composite index with rank uncertainty, and the allocation planner.
------------------------------------------------------------------------------

CREATE TYPE @extschema@.class_breaks AS (
    method   text,
    k        integer,
    classes  integer,
    bounds   double precision[],
    counts   bigint[],
    gvf      double precision
);
COMMENT ON TYPE @extschema@.class_breaks IS
'result of breaks: the method, the k asked for, the classes made (duplicate bounds collapse), their upper bounds (right-closed), the values in each, and the goodness of variance fit 1 - SDCM/SDAM';

CREATE FUNCTION @extschema@.breaks_trans(@extschema@.agg_state, double precision, integer, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_breaks_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.breaks_trans(@extschema@.agg_state, double precision, integer, text) IS
'aggregate support: collects one value of breaks';

CREATE FUNCTION @extschema@.breaks_trans(@extschema@.agg_state, double precision, double precision, integer, text)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_breaks_trans_w'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.breaks_trans(@extschema@.agg_state, double precision, double precision, integer, text) IS
'aggregate support: collects one weighted value of breaks';

CREATE FUNCTION @extschema@.breaks_combine(@extschema@.agg_state, @extschema@.agg_state)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_breaks_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.breaks_combine(@extschema@.agg_state, @extschema@.agg_state) IS
'aggregate support: merges two partial states of breaks';

CREATE FUNCTION @extschema@.breaks_final(@extschema@.agg_state)
RETURNS @extschema@.class_breaks
AS 'MODULE_PATHNAME', 'cg_breaks_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.breaks_final(@extschema@.agg_state) IS
'aggregate support: computes the class breaks of the collected values';

CREATE AGGREGATE @extschema@.breaks(x double precision, k integer, method text) (
    SFUNC = @extschema@.breaks_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.breaks_final,
    COMBINEFUNC = @extschema@.breaks_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.breaks(double precision, integer, text) IS
'class breaks for maps: quantile (numpy''s linear interpolation, as percentile_cont), equal_interval, fisher_jenks (exact: least within-class sum of squares, by divide-and-conquer over the Monge cost) or head_tail (Jiang; k unused); upper bounds, right-closed (mapclassify); NULLs skipped; k from 1 to 64';

CREATE AGGREGATE @extschema@.breaks(x double precision, w double precision, k integer, method text) (
    SFUNC = @extschema@.breaks_trans,
    STYPE = @extschema@.agg_state,
    FINALFUNC = @extschema@.breaks_final,
    COMBINEFUNC = @extschema@.breaks_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.breaks(double precision, double precision, integer, text) IS
'weighted class breaks (population-weighted classes): fisher_jenks minimizes the weighted within-class sum of squares, quantile takes the smallest x whose cumulative weight reaches c/k of the total; w >= 0';

CREATE FUNCTION @extschema@.class_of(x double precision, bounds double precision[])
RETURNS integer
AS 'MODULE_PATHNAME', 'cg_class_of_fn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.class_of(double precision, double precision[]) IS
'the class (1-based) of x for increasing upper bounds, right-closed: b[c-1] < x <= b[c]; values above the last bound fall in the last class';

CREATE FUNCTION @extschema@.composite(units text, directions integer[] DEFAULT NULL::integer[],
    normalization text DEFAULT 'minmax'::text, weighting text DEFAULT 'equal'::text,
    weights double precision[] DEFAULT NULL::double precision[], aggregation text DEFAULT 'arithmetic'::text,
    draws integer DEFAULT 1000, seed bigint DEFAULT 1, delta double precision DEFAULT '0.25'::double precision,
    vary_aggregation boolean DEFAULT false,
    goalposts_lo double precision[] DEFAULT NULL::double precision[],
    goalposts_hi double precision[] DEFAULT NULL::double precision[],
    targets double precision[] DEFAULT NULL::double precision[],
    vary_normalization boolean DEFAULT false)
RETURNS TABLE (id text, score double precision, rank integer, rank_median double precision,
               rank_p05 double precision, rank_p95 double precision, weights double precision[])
AS 'MODULE_PATHNAME', 'cg_composite_srf'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.composite(text, integer[], text, text, double precision[], text, integer, bigint, double precision, boolean, double precision[], double precision[], double precision[], boolean) IS
'composite index of the units query (column id, then one double precision column per indicator, run as the caller): directions (+1/-1), normalization minmax, zscore, rank, goalposts or target (distance to targets), weighting equal, given or entropy, arithmetic or geometric aggregation; score and rank (1 = largest), and over draws Monte Carlo draws of the weights (each times 1 + delta U(-1, 1), seeded; and, if asked, of the aggregation and of the normalization, min-max or rank) the median rank and its 5 and 95 % ranks';

CREATE FUNCTION @extschema@.allocate(units text, budget double precision, target double precision,
    objective text DEFAULT 'minmax'::text, integer_places boolean DEFAULT true)
RETURNS TABLE (id text, supply double precision, demand double precision, added double precision,
               gap_before double precision, gap_after double precision,
               shortfall_before double precision, shortfall_after double precision)
AS 'MODULE_PATHNAME', 'cg_allocate_srf'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.allocate(text, double precision, double precision, text, boolean) IS
'where new capacity closes the gap fastest: the units query (id, supply, demand, and optionally cost, min_add, max_add; run as the caller) and a budget; minmax minimizes the largest gap max(0, 1 - (S + x)/(target D)) by water-filling, shortfall the total shortfall (cheapest first); in whole places, minmax is the integer optimum (the lowest level whose whole-place needs the budget covers), shortfall rounds down then places one at a time; the budget is never exceeded';
