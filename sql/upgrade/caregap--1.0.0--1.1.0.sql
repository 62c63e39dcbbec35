-- caregap 1.0.0 -> 1.1.0: every aggregate can be partially aggregated (issue 20).
--  * caregap.agg_state, a real base type with text and binary input and
--    output, replaces 'internal' as the state of the 49 aggregates that keep
--    rows; no serialize/deserialize functions any more (a flat agg_state
--    crosses parallel workers itself).  Citus 12 runs such aggregates on its
--    workers (worker_partial_agg) and sends the states as text.
--  * The spatial aggregates (moran_i, geary_c, getis_ord_g, gini_spatial)
--    take id bigint or id text instead of anyelement (smallint and integer
--    ids convert to bigint, varchar to text, as before): Citus checks an
--    aggregate's declared argument types against the values it is given.
-- An aggregate's state type cannot be altered, so the 1.0.0 aggregates are
-- dropped here and created again by the statements the Makefile appends
-- (tools/state_objects.py: those of the master files that use agg_state).
-- A view that uses one of them stops the update with PostgreSQL's
-- "cannot drop ... because other objects depend on it": drop the view, update,
-- and create it again.
\echo Use "ALTER EXTENSION caregap UPDATE TO '1.1.0'" to load this file. \quit

DROP AGGREGATE @extschema@.breaks(x double precision, k integer, method text);
DROP AGGREGATE @extschema@.breaks(x double precision, w double precision, k integer, method text);
DROP AGGREGATE @extschema@.care_gap(supply double precision, demand double precision);
DROP AGGREGATE @extschema@.concentration_index(x double precision, rank_by double precision);
DROP AGGREGATE @extschema@.concentration_index(x double precision, w double precision, rank_by double precision);
DROP AGGREGATE @extschema@.distribution_merge(state bytea);
DROP AGGREGATE @extschema@.distribution_state(x double precision);
DROP AGGREGATE @extschema@.distribution_state(x double precision, w double precision);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, permutations integer);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, permutations integer, seed bigint);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text);
DROP AGGREGATE @extschema@.geary_c(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, permutations integer);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, permutations integer, seed bigint);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text);
DROP AGGREGATE @extschema@.getis_ord_g(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options);
DROP AGGREGATE @extschema@.gini(x double precision);
DROP AGGREGATE @extschema@.gini(x double precision, w double precision);
DROP AGGREGATE @extschema@.gini(x double precision, corrected boolean);
DROP AGGREGATE @extschema@.gini(x double precision, w double precision, corrected boolean);
DROP AGGREGATE @extschema@.gini_spatial(id anyelement, value double precision, weights regclass);
DROP AGGREGATE @extschema@.gini_spatial(id anyelement, value double precision, weights regclass, permutations integer);
DROP AGGREGATE @extschema@.gini_spatial(id anyelement, value double precision, weights regclass, permutations integer, seed bigint);
DROP AGGREGATE @extschema@.gini_spatial(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options);
DROP AGGREGATE @extschema@.hoover(a double precision, b double precision);
DROP AGGREGATE @extschema@.lorenz_curve(x double precision, points integer);
DROP AGGREGATE @extschema@.lorenz_curve(x double precision, w double precision, points integer);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, permutations integer);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, permutations integer, seed bigint);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, permutations integer, seed bigint, style text, alternative text, islands text, unmatched text);
DROP AGGREGATE @extschema@.moran_i(id anyelement, value double precision, weights regclass, options @extschema@.spatial_options);
DROP AGGREGATE @extschema@.palma(x double precision);
DROP AGGREGATE @extschema@.palma(x double precision, w double precision);
DROP AGGREGATE @extschema@.quantile_share_ratio(x double precision, low double precision, high double precision);
DROP AGGREGATE @extschema@.quantile_share_ratio(x double precision, w double precision, low double precision, high double precision);
DROP AGGREGATE @extschema@.theil_decomposition(x double precision, w double precision, grp text);
DROP AGGREGATE @extschema@.theil_decomposition(x double precision, grp text);
DROP FUNCTION @extschema@.breaks_combine(internal, internal);
DROP FUNCTION @extschema@.breaks_deserialize(bytea, internal);
DROP FUNCTION @extschema@.breaks_final(internal);
DROP FUNCTION @extschema@.breaks_serialize(internal);
DROP FUNCTION @extschema@.breaks_trans(internal, double precision, integer, text);
DROP FUNCTION @extschema@.breaks_trans(internal, double precision, double precision, integer, text);
DROP FUNCTION @extschema@.care_gap_pooled_combine(internal, internal);
DROP FUNCTION @extschema@.care_gap_pooled_deserial(bytea, internal);
DROP FUNCTION @extschema@.care_gap_pooled_final(internal);
DROP FUNCTION @extschema@.care_gap_pooled_serial(internal);
DROP FUNCTION @extschema@.care_gap_pooled_trans(internal, double precision, double precision);
DROP FUNCTION @extschema@.concentration_index_deserial(bytea, internal);
DROP FUNCTION @extschema@.concentration_index_final(internal);
DROP FUNCTION @extschema@.concentration_index_trans(internal, double precision, double precision);
DROP FUNCTION @extschema@.concentration_index_trans(internal, double precision, double precision, double precision);
DROP FUNCTION @extschema@.dist_combine(internal, internal);
DROP FUNCTION @extschema@.dist_deserial(bytea, internal);
DROP FUNCTION @extschema@.dist_serial(internal);
DROP FUNCTION @extschema@.dist_trans(internal, double precision);
DROP FUNCTION @extschema@.dist_trans(internal, double precision, double precision);
DROP FUNCTION @extschema@.distribution_merge_trans(internal, bytea);
DROP FUNCTION @extschema@.distribution_state_final(internal);
DROP FUNCTION @extschema@.geary_c_final(internal);
DROP FUNCTION @extschema@.getis_ord_g_final(internal);
DROP FUNCTION @extschema@.gini_final(internal);
DROP FUNCTION @extschema@.gini_spatial_final(internal);
DROP FUNCTION @extschema@.gini_trans(internal, double precision, boolean);
DROP FUNCTION @extschema@.gini_trans(internal, double precision, double precision, boolean);
DROP FUNCTION @extschema@.hoover_final(internal);
DROP FUNCTION @extschema@.hoover_trans(internal, double precision, double precision);
DROP FUNCTION @extschema@.lorenz_curve_final(internal);
DROP FUNCTION @extschema@.lorenz_curve_trans(internal, double precision, integer);
DROP FUNCTION @extschema@.lorenz_curve_trans(internal, double precision, double precision, integer);
DROP FUNCTION @extschema@.moran_i_final(internal);
DROP FUNCTION @extschema@.palma_final(internal);
DROP FUNCTION @extschema@.quantile_share_ratio_final(internal);
DROP FUNCTION @extschema@.quantile_share_ratio_trans(internal, double precision, double precision, double precision);
DROP FUNCTION @extschema@.quantile_share_ratio_trans(internal, double precision, double precision, double precision, double precision);
DROP FUNCTION @extschema@.spatial_combine(internal, internal);
DROP FUNCTION @extschema@.spatial_deserialize(bytea, internal);
DROP FUNCTION @extschema@.spatial_serialize(internal);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, integer);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, integer, bigint);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, integer, bigint, text);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, integer, bigint, text, text);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, integer, bigint, text, text, text);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, integer, bigint, text, text, text, text);
DROP FUNCTION @extschema@.spatial_trans(internal, anyelement, double precision, regclass, @extschema@.spatial_options);
DROP FUNCTION @extschema@.theil_decomposition_combine(internal, internal);
DROP FUNCTION @extschema@.theil_decomposition_deserial(bytea, internal);
DROP FUNCTION @extschema@.theil_decomposition_final(internal);
DROP FUNCTION @extschema@.theil_decomposition_serial(internal);
DROP FUNCTION @extschema@.theil_decomposition_trans(internal, double precision, double precision, text);
DROP FUNCTION @extschema@.theil_decomposition_trans(internal, double precision, text);
