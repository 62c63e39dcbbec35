
-- ---- caregap.agg_state: the state type of the aggregates that keep rows ----
-- A real base type (not internal), so that Citus can run these aggregates
-- partially on its workers: it ships a state through the type's text output
-- and input.  In memory a state is an expanded object updated in place; flat,
-- the rows in the compact codecs of the parallel states; its text form is
-- 'kind:' and base64, where a spatial state names its weights relation (an
-- OID means nothing on another node).  Every input is checked whole.

CREATE TYPE @extschema@.agg_state;

CREATE FUNCTION @extschema@.agg_state_in(cstring)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_agg_state_in'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.agg_state_in(cstring) IS
'text input of agg_state: kind:base64, checked whole; a spatial state''s weights relation is resolved by name and locked here';

CREATE FUNCTION @extschema@.agg_state_out(@extschema@.agg_state)
RETURNS cstring
AS 'MODULE_PATHNAME', 'cg_agg_state_out'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.agg_state_out(@extschema@.agg_state) IS
'text output of agg_state: kind:base64 (a spatial state names its weights relation)';

CREATE FUNCTION @extschema@.agg_state_recv(internal)
RETURNS @extschema@.agg_state
AS 'MODULE_PATHNAME', 'cg_agg_state_recv'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.agg_state_recv(internal) IS
'binary input of agg_state: kind, version, the external payload; checked whole';

CREATE FUNCTION @extschema@.agg_state_send(@extschema@.agg_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'cg_agg_state_send'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.agg_state_send(@extschema@.agg_state) IS
'binary output of agg_state: kind, version, the external payload';

CREATE TYPE @extschema@.agg_state (
    INPUT = @extschema@.agg_state_in,
    OUTPUT = @extschema@.agg_state_out,
    RECEIVE = @extschema@.agg_state_recv,
    SEND = @extschema@.agg_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.agg_state IS
'the state of caregap''s row-keeping aggregates (pooled care_gap, hoover, gini, palma, quantile_share_ratio, lorenz_curve, concentration_index, distribution_state, theil_decomposition, breaks, moran_i, geary_c, getis_ord_g, gini_spatial): text form kind:base64, round-trips exactly';
