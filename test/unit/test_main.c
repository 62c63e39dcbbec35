/*
 * test_main.c — runs every kernel unit test and prints the summary line.
 */
#include "cg_test.h"

int			cg_test_failures = 0;

#define TESTS(X) \
	X(test_nsum_cancellation) X(test_nsum_many_terms) X(test_nsum_merge) \
	X(test_checks) X(test_check_row_names_argument) \
	X(test_pooled_hand_example) X(test_pooled_chunks) X(test_copy_rows) X(test_pooled_no_gap) X(test_pooled_zero_demand) \
	X(test_pooled_zero_supply) X(test_pooled_overflow) \
	X(test_pooled_cross_product_overflow) X(test_pooled_empty) \
	X(test_target_hand_example) X(test_target_equals_pooled_at_pooled_ratio) \
	X(test_target_rejects_bad_rows) X(test_target_merge) X(test_target_validate) \
	X(test_unit_pooled) X(test_unit_zero_demand) X(test_unit_zero_reference) \
	X(test_unit_no_reference) X(test_unit_huge_values) X(test_pooled_subnormal) \
	X(test_need_demand) X(test_pairs_roundtrip) X(test_pairs_corrupt) \
	X(test_status_names) \
	X(test_ineq_published_r) X(test_ineq_published_pysal) X(test_ineq_atkinson_tens) \
	X(test_ineq_theil_cv_tens) X(test_ineq_equal_and_zero) X(test_ineq_weights_replicate) \
	X(test_ineq_merge) X(test_ineq_scale_invariance) X(test_ineq_bad_input) X(test_ineq_batch_same_value) X(test_ineq_singular_params) X(test_ineq_order) X(test_ineq_magnitudes) X(test_ineq_cv_fuzz_findings) X(test_ineq_cv_tight_off_pivot) X(test_ineq_pending_rows) \
	X(test_gini_pairwise_random) X(test_gini_extreme_magnitudes) X(test_sort_pairs) X(test_gini_correction) X(test_lorenz) X(test_theil_decomposition) X(test_concentration) X(test_cancel) \
	X(test_weights_chain) X(test_weights_islands) X(test_weights_bad_links) X(test_weights_long_row) X(test_moran_chain) X(test_rng) X(test_moran_permutations) \
	X(test_local_moran_chain) X(test_local_g) X(test_p_adjust) X(test_geary_and_g) X(test_spatial_lag) \
	X(test_haversine) X(test_knn_brute_force) X(test_within_brute_force) X(test_gini_spatial) \
	X(test_fca_toy) X(test_fca_edges) \
	X(test_breaks_calemp) X(test_breaks_fisher_optimal) X(test_breaks_fisher_exhaustive) X(test_breaks_methods) \
	X(test_allocate_hand) X(test_allocate_brute_force) X(test_allocate_minmax_counterexample) X(test_allocate_budget_exact) X(test_allocate_brute_force_costs) X(test_composite_mc_cancel) X(test_composite_magnitudes) X(test_breaks_extremes) X(test_breaks_cancel) X(test_knn_all_points) \
	X(test_composite_hand) X(test_composite_entropy_rank) X(test_composite_mc) \
	X(test_student_t) X(test_trend_fit) X(test_trend_long_series) X(test_b64_rfc4648) X(test_b64_roundtrip_and_strict) X(test_b64_long_against_reference) X(test_b64_cancel) \
	X(test_locate_hand) X(test_locate_brute_force) X(test_locate_mclp_groups) X(test_locate_mclp_clusters) X(test_locate_bound_valid) X(test_locate_bad_input) X(test_locate_no_demand) X(test_locate_cancel)

#define DECLARE(name) void name(void);
TESTS(DECLARE)

int
main(void)
{
	struct
	{
		const char *name;
		cg_test_fn	fn;
	}			tests[] = {
#define ENTRY(name) {#name, name},
		TESTS(ENTRY)
	};
	int			n = (int) (sizeof(tests) / sizeof(tests[0]));
	int			passed = 0,
				failed = 0,
				i;

	printf("1..%d\n", n);
	for (i = 0; i < n; i++)
	{
		int			before = cg_test_failures;

		tests[i].fn();
		if (cg_test_failures == before)
		{
			passed++;
			printf("ok %d - %s\n", i + 1, tests[i].name);
		}
		else
		{
			failed++;
			printf("not ok %d - %s\n", i + 1, tests[i].name);
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
