/*
 * test_ineq.c — unit tests of the inequality kernels against published
 * values (R ineq, PySAL) and identities, never the code's own output.
 */
#include "cg_test.h"
#include "cg_cancel.h"
#include "cg_gap.h"
#include "cg_decomp.h"
#include "cg_ineq.h"

#include <stdlib.h>
#include <string.h>

static const double INEQ_X[10] = {541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261};
static const double MEX1940[32] = {
	10384, 22361, 9573, 3758, 2934, 8578, 8537, 6909, 17816, 12132, 4359, 2181,
	4414, 5309, 3408, 3327, 6936, 4836, 9073, 1892, 3569, 11016, 21965, 4372,
	4840, 6399, 2459, 7508, 3605, 5203, 7990, 3734};
static const double TENS[5] = {10, 20, 30, 40, 50};

/* Moment measure of xs with unit weights. */
static double
moment(cg_ineq_kind kind, double param, const double *xs, size_t n)
{
	double		st[CG_IS_LEN],
				v;
	cg_ineq_arg bad;
	int			def;
	size_t		i;

	cg_ineq_init(st, kind);
	for (i = 0; i < n; i++)
		if (cg_ineq_add(st, xs[i], 1.0, param, &bad) != CG_OK)
			return -1.0;
	if (cg_ineq_value(st, &v, &def) != CG_OK || !def)
		return -2.0;
	return v;
}

/* Unweighted Gini of xs through the sort and the sorted form. */
static double
gini_of(const double *xs, size_t n, int correct)
{
	double	   *v = malloc(sizeof(double) * 2 * n),
			   *tmp = malloc(sizeof(double) * 2 * n),
				g;
	int			def;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		v[2 * i] = xs[i];
		v[2 * i + 1] = 1.0;
	}
	cg_sort_pairs(v, n, tmp);
	if (cg_gini_sorted(v, n, correct, &g, &def) != CG_OK || !def)
		g = -1.0;
	free(v);
	free(tmp);
	return g;
}

/* R ineq: Gini(x) = 0.4620911, Atkinson(x, 0.5) = 0.1796591 (documentation example). */
CG_TEST(test_ineq_published_r)
{
	CHECK_NEAR(gini_of(INEQ_X, 10, 0), 0.4620911, 1e-7);
	CHECK_NEAR(moment(CG_IK_ATKINSON, 0.5, INEQ_X, 10), 0.1796591, 1e-7);
	/*
	 * the same to full precision, from the definitions in 50-digit arithmetic
	 * (mpmath): A(0.5) = 0.17965909804634175201, T = 0.36234124234389500981
	 * (caregap 0.3.0 gave ...195 and ...453)
	 */
	CHECK_NEAR(gini_of(INEQ_X, 10, 0), 0.46209113026762383, 1e-15);
	CHECK_NEAR(moment(CG_IK_ATKINSON, 0.5, INEQ_X, 10), 0.17965909804634175201, 6e-17);
	CHECK_NEAR(moment(CG_IK_THEIL_T, 0, INEQ_X, 10), 0.36234124234389500981, 6e-17);
}

/* PySAL inequality: Gini of Mexico pcgdp1940 = 0.35372371173452849. */
CG_TEST(test_ineq_published_pysal)
{
	CHECK_NEAR(gini_of(MEX1940, 32, 0), 0.35372371173452849, 1e-15);
}

/* Atkinson on (10, 20, 30, 40, 50): eps 0.5 -> 0.06315, eps 1 -> 0.13161. */
CG_TEST(test_ineq_atkinson_tens)
{
	CHECK_NEAR(moment(CG_IK_ATKINSON, 0.5, TENS, 5), 0.06315, 5e-6);
	CHECK_NEAR(moment(CG_IK_ATKINSON, 1.0, TENS, 5), 0.13161, 5e-6);
	CHECK_NEAR(moment(CG_IK_ATKINSON, 0.5, TENS, 5), 0.06315339222708616, 1e-14);
	CHECK_NEAR(moment(CG_IK_ATKINSON, 1.0, TENS, 5), 0.1316096384342157, 1e-14);
	CHECK_EQ(moment(CG_IK_ATKINSON, 0.0, TENS, 5), 0.0);	/* eps 0: no aversion */
}

/*
 * (10, ..., 50), mu = 30, from the definitions:
 * T = (1/5) sum (x/30) ln(x/30) = 0.11968759358350925
 * L = (1/5) sum ln(30/x) = 0.14111394011170053
 * CV = sqrt(200)/30 = 0.4714045207910317, GE(2) = CV^2 / 2 = 1/9
 */
CG_TEST(test_ineq_theil_cv_tens)
{
	CHECK_NEAR(moment(CG_IK_THEIL_T, 0, TENS, 5), 0.11968759358350925, 1e-14);
	CHECK_NEAR(moment(CG_IK_THEIL_L, 0, TENS, 5), 0.14111394011170053, 1e-14);
	CHECK_NEAR(moment(CG_IK_CV, 0, TENS, 5), 0.4714045207910317, 1e-15);
	CHECK_NEAR(moment(CG_IK_GE, 2.0, TENS, 5), 1.0 / 9.0, 1e-15);
	CHECK_NEAR(moment(CG_IK_GE, 1.0, TENS, 5), moment(CG_IK_THEIL_T, 0, TENS, 5), 1e-15);
	CHECK_NEAR(moment(CG_IK_GE, 0.0, TENS, 5), moment(CG_IK_THEIL_L, 0, TENS, 5), 1e-15);
	/* A(1) = 1 - exp(-L) */
	CHECK_NEAR(moment(CG_IK_ATKINSON, 1.0, TENS, 5), 1.0 - exp(-0.14111394011170053), 1e-15);
	/* GE(alpha) tends to T as alpha -> 1 */
	CHECK_NEAR(moment(CG_IK_GE, 1.0 + 1e-7, TENS, 5), 0.11968759358350925, 1e-6);
}

/* Equal values: every measure exactly 0; all zeros: undefined. */
CG_TEST(test_ineq_equal_and_zero)
{
	double		same[4] = {7.25, 7.25, 7.25, 7.25};
	double		zeros[3] = {0, 0, 0};
	double		st[CG_IS_LEN],
				v;
	cg_ineq_arg bad;
	int			def,
				i;

	CHECK_EQ(moment(CG_IK_THEIL_T, 0, same, 4), 0.0);
	CHECK_EQ(moment(CG_IK_THEIL_L, 0, same, 4), 0.0);
	CHECK_EQ(moment(CG_IK_GE, 2.0, same, 4), 0.0);
	CHECK_EQ(moment(CG_IK_GE, -1.0, same, 4), 0.0);
	CHECK_EQ(moment(CG_IK_ATKINSON, 0.5, same, 4), 0.0);
	CHECK_EQ(moment(CG_IK_ATKINSON, 2.0, same, 4), 0.0);
	CHECK_EQ(moment(CG_IK_CV, 0, same, 4), 0.0);
	CHECK_EQ(gini_of(same, 4, 0), 0.0);
	cg_ineq_init(st, CG_IK_THEIL_T);
	for (i = 0; i < 3; i++)
		CHECK(cg_ineq_add(st, zeros[i], 1.0, 0, &bad) == CG_OK);
	CHECK(cg_ineq_value(st, &v, &def) == CG_OK && !def);
	cg_ineq_init(st, CG_IK_CV);
	CHECK(cg_ineq_value(st, &v, &def) == CG_OK && !def);	/* no rows */
	CHECK_EQ(moment(CG_IK_THEIL_T, 0, TENS, 1), 0.0);	/* one row */
}

/* Integer weights equal replicated rows: x (1, 2, 3), w (3, 1, 2). */
CG_TEST(test_ineq_weights_replicate)
{
	double		xs[3] = {1, 2, 3},
				ws[3] = {3, 1, 2},
				rep[6] = {1, 1, 1, 2, 3, 3};
	cg_ineq_kind kinds[5] = {CG_IK_THEIL_T, CG_IK_THEIL_L, CG_IK_GE, CG_IK_ATKINSON, CG_IK_CV};
	double		params[5] = {0, 0, 2.0, 0.5, 0};
	int			k,
				i,
				def;

	for (k = 0; k < 5; k++)
	{
		double		st[CG_IS_LEN],
					v;
		cg_ineq_arg bad;

		cg_ineq_init(st, kinds[k]);
		for (i = 0; i < 3; i++)
			CHECK(cg_ineq_add(st, xs[i], ws[i], params[k], &bad) == CG_OK);
		CHECK(cg_ineq_value(st, &v, &def) == CG_OK && def);
		CHECK_NEAR(v, moment(kinds[k], params[k], rep, 6), 1e-14);
	}
	/* T of the replicated data from the definition: 0.11913402307773445 */
	CHECK_NEAR(moment(CG_IK_THEIL_T, 0, rep, 6), 0.11913402307773445, 1e-14);
	{
		double		v[6] = {3, 2, 1, 3, 2, 1},
					tmp[6],
					g;

		/* pairs (x, w): (3, 2), (1, 3), (2, 1); pairwise: 17/66 */
		v[0] = 3; v[1] = 2; v[2] = 1; v[3] = 3; v[4] = 2; v[5] = 1;
		cg_sort_pairs(v, 3, tmp);
		CHECK(v[0] == 1 && v[2] == 2 && v[4] == 3);
		CHECK(cg_gini_sorted(v, 3, 0, &g, &def) == CG_OK && def);
		CHECK_NEAR(g, 17.0 / 66.0, 1e-15);
		CHECK_NEAR(g, gini_of(rep, 6, 0), 1e-15);
	}
}

/* Merging partial states (different pivots) equals one pass. */
CG_TEST(test_ineq_merge)
{
	cg_ineq_kind kinds[5] = {CG_IK_THEIL_T, CG_IK_THEIL_L, CG_IK_GE, CG_IK_ATKINSON, CG_IK_CV};
	double		params[5] = {0, 0, -0.5, 1.5, 0};
	int			k,
				i,
				def;

	for (k = 0; k < 5; k++)
	{
		double		a[CG_IS_LEN],
					b[CG_IS_LEN],
					e[CG_IS_LEN],
					va,
					whole = moment(kinds[k], params[k], INEQ_X, 10);
		cg_ineq_arg bad;

		cg_ineq_init(a, kinds[k]);
		cg_ineq_init(b, kinds[k]);
		cg_ineq_init(e, kinds[k]);
		for (i = 0; i < 10; i++)
			CHECK(cg_ineq_add(i % 3 == 0 ? a : b, INEQ_X[i], 1.0, params[k], &bad) == CG_OK);
		CHECK(cg_ineq_merge(e, b) == CG_OK);	/* empty takes b */
		CHECK(cg_ineq_merge(a, e) == CG_OK);
		CHECK(cg_ineq_value(a, &va, &def) == CG_OK && def);
		CHECK_NEAR(va, whole, 1e-13);
	}
	{
		double		a[CG_IS_LEN],
					b[CG_IS_LEN];
		cg_ineq_arg bad;

		cg_ineq_init(a, CG_IK_GE);
		cg_ineq_init(b, CG_IK_GE);
		CHECK(cg_ineq_add(a, 1, 1, 2.0, &bad) == CG_OK);
		CHECK(cg_ineq_add(b, 1, 1, 3.0, &bad) == CG_OK);
		CHECK(cg_ineq_merge(a, b) == CG_E_MISMATCH);
		cg_ineq_init(b, CG_IK_CV);
		CHECK(cg_ineq_merge(a, b) == CG_E_CORRUPT);	/* kinds differ */
	}
}

/* Scaling every x leaves every measure unchanged. */
CG_TEST(test_ineq_scale_invariance)
{
	double		scaled[10];
	int			i;

	for (i = 0; i < 10; i++)
		scaled[i] = INEQ_X[i] * 1000.0;
	CHECK_NEAR(moment(CG_IK_THEIL_T, 0, scaled, 10), moment(CG_IK_THEIL_T, 0, INEQ_X, 10), 1e-14);
	CHECK_NEAR(moment(CG_IK_ATKINSON, 2, scaled, 10), moment(CG_IK_ATKINSON, 2, INEQ_X, 10), 1e-14);
	CHECK_NEAR(moment(CG_IK_CV, 0, scaled, 10), moment(CG_IK_CV, 0, INEQ_X, 10), 1e-14);
	CHECK_NEAR(gini_of(scaled, 10, 0), gini_of(INEQ_X, 10, 0), 1e-15);
}

CG_TEST(test_ineq_bad_input)
{
	double		st[CG_IS_LEN];
	cg_ineq_arg bad;

	cg_ineq_init(st, CG_IK_THEIL_L);
	CHECK(cg_ineq_add(st, 0.0, 1, 0, &bad) == CG_E_NONPOSITIVE && bad == CG_IA_X);
	CHECK(cg_ineq_add(st, -1.0, 1, 0, &bad) == CG_E_NEGATIVE && bad == CG_IA_X);
	CHECK(cg_ineq_add(st, NAN, 1, 0, &bad) == CG_E_NAN && bad == CG_IA_X);
	CHECK(cg_ineq_add(st, 1, 0.0, 0, &bad) == CG_E_NONPOSITIVE && bad == CG_IA_W);
	CHECK(cg_ineq_add(st, 1, -2.0, 0, &bad) == CG_E_NONPOSITIVE && bad == CG_IA_W);
	CHECK(cg_ineq_add(st, 1, INFINITY, 0, &bad) == CG_E_INFINITE && bad == CG_IA_W);
	cg_ineq_init(st, CG_IK_THEIL_T);
	CHECK(cg_ineq_add(st, 0.0, 1, 0, &bad) == CG_OK);	/* 0 ln 0 = 0 */
	cg_ineq_init(st, CG_IK_ATKINSON);
	CHECK(cg_ineq_add(st, 1, 1, -0.5, &bad) == CG_E_NEGATIVE && bad == CG_IA_PARAM);
	CHECK(cg_ineq_add(st, 0.0, 1, 1.0, &bad) == CG_E_NONPOSITIVE && bad == CG_IA_X);
	CHECK(cg_ineq_add(st, 0.0, 1, 0.5, &bad) == CG_OK);
	CHECK(cg_ineq_add(st, 1, 1, 0.7, &bad) == CG_E_MISMATCH && bad == CG_IA_PARAM);
	cg_ineq_init(st, CG_IK_GE);
	CHECK(cg_ineq_add(st, 1, 1, NAN, &bad) == CG_E_NAN && bad == CG_IA_PARAM);
	CHECK(cg_ineq_add(st, 0.0, 1, -1.0, &bad) == CG_E_NONPOSITIVE);
	CHECK(cg_dist_check(-1, 1, &bad) == CG_E_NEGATIVE && bad == CG_IA_X);
	CHECK(cg_dist_check(1, 0, &bad) == CG_E_NONPOSITIVE && bad == CG_IA_W);
	st[CG_IS_VERSION] = 4;
	CHECK(cg_ineq_validate(st) == CG_E_CORRUPT);
	st[CG_IS_VERSION] = CG_IS_VERSION_2;	/* versions 1, 2 are converted, not read */
	CHECK(cg_ineq_validate(st) == CG_E_CORRUPT);
}

/* One state per measure, with the data of test_ineq_batch_same_bits. */
static const cg_ineq_kind BATCH_KINDS[9] = {CG_IK_THEIL_T, CG_IK_THEIL_L, CG_IK_GE, CG_IK_GE, CG_IK_GE,
	CG_IK_ATKINSON, CG_IK_ATKINSON, CG_IK_ATKINSON, CG_IK_CV};
static const double BATCH_PARAMS[9] = {0, 0, 0.3, 2.0, -1.0, 0.5, 1.0, 1.7, 0};

/*
 * Rows held back and evaluated in batches give the value that evaluating
 * every row at once gives, to 1e-13: the pivot may move at other moments
 * (before a batch of 8 rather than before each row), which changes rounding
 * only.  Every measure holds rows back (7 of every 8 after the pivot's).
 */
CG_TEST(test_ineq_batch_same_value)
{
	int			k;

	for (k = 0; k < 9; k++)
	{
		double		a[CG_IS_LEN],
					b[CG_IS_LEN],
					va,
					vb;
		int			i,
					da,
					db,
					held = 0,
					zeros = BATCH_KINDS[k] == CG_IK_THEIL_T || BATCH_KINDS[k] == CG_IK_CV ||
			(BATCH_KINDS[k] == CG_IK_GE && BATCH_PARAMS[k] > 0) ||
			(BATCH_KINDS[k] == CG_IK_ATKINSON && BATCH_PARAMS[k] < 1);
		cg_ineq_arg bad;

		srand(11 + k);
		cg_ineq_init(a, BATCH_KINDS[k]);
		cg_ineq_init(b, BATCH_KINDS[k]);
		for (i = 0; i < 1003; i++)
		{
			/* zeros first (no pivot yet), then again later, where allowed */
			double		x = (zeros && (i < 3 || i % 17 == 0)) ? 0.0 : 0.01 + rand() % 100000 / 7.0,
						w = (i % 5 == 0) ? 1.0 : 0.5 + rand() % 1000 / 64.0;

			CHECK(cg_ineq_add(a, x, w, BATCH_PARAMS[k], &bad) == CG_OK);
			CHECK(cg_ineq_add(b, x, w, BATCH_PARAMS[k], &bad) == CG_OK);
			cg_ineq_flush(b);	/* b: every row evaluated at once */
			CHECK(cg_ineq_validate(a) == CG_OK);
			held += a[CG_IS_PENDING] > 0;
		}
		CHECK(held > 800);
		CHECK(cg_ineq_value(a, &va, &da) == CG_OK && da);
		CHECK(cg_ineq_value(b, &vb, &db) == CG_OK && db);
		CHECK_NEAR(va, vb, 1e-13 * vb);
	}
}

/* Held-back rows are validated like the sums; merge leaves b untouched. */
CG_TEST(test_ineq_pending_rows)
{
	double		st[CG_IS_LEN],
				good[CG_IS_LEN],
				other[CG_IS_LEN],
				copy[CG_IS_LEN],
				v1[CG_IS_LEN_V1],
				va,
				vb;
	cg_ineq_arg bad;
	int			i,
				def;

	cg_ineq_init(good, CG_IK_THEIL_L);
	for (i = 0; i < 5; i++)
		CHECK(cg_ineq_add(good, TENS[i], 1.0, 0, &bad) == CG_OK);
	CHECK(good[CG_IS_PENDING] == 4.0 && good[CG_IS_N] == 1.0);
	CHECK(cg_ineq_validate(good) == CG_OK);
	CHECK(cg_ineq_value(good, &va, &def) == CG_OK && def);
	CHECK_NEAR(va, moment(CG_IK_THEIL_L, 0, TENS, 5), 0.0);
	CHECK(good[CG_IS_PENDING] == 4.0);	/* value reads a copy */

#define CORRUPT_WITH(idx, val) \
	do { memcpy(st, good, sizeof st); st[idx] = (val); \
		CHECK(cg_ineq_validate(st) == CG_E_CORRUPT); } while (0)
	CORRUPT_WITH(CG_IS_PENDING, CG_IS_BATCH + 1);
	CORRUPT_WITH(CG_IS_PENDING, -1);
	CORRUPT_WITH(CG_IS_PENDING, 1.5);
	CORRUPT_WITH(CG_IS_PENDING, NAN);
	CORRUPT_WITH(CG_IS_ROWS, NAN);		/* x */
	CORRUPT_WITH(CG_IS_ROWS, -1);
	CORRUPT_WITH(CG_IS_ROWS, 0.0);	/* Theil L needs x > 0 */
	CORRUPT_WITH(CG_IS_ROWS, INFINITY);
	CORRUPT_WITH(CG_IS_ROWS + 1, 0.0);	/* w */
	CORRUPT_WITH(CG_IS_ROWS + 7, -0.5);
	CORRUPT_WITH(CG_IS_PIVOT, 0.0);		/* rows held back need a pivot */
	CORRUPT_WITH(CG_IS_F, -100.0);	/* F is a sum of terms >= 0 */
	CORRUPT_WITH(CG_IS_WX, -20.0);	/* the mean (1 + S/W) K would be < 0 */
	/* rows beyond the count are not read */
	memcpy(st, good, sizeof st);
	st[CG_IS_ROWS + 2 * 4] = NAN;
	CHECK(cg_ineq_validate(st) == CG_OK);

	/* merge flushes a and a copy of b; b is not modified */
	cg_ineq_init(other, CG_IK_THEIL_L);
	for (i = 4; i >= 0; i--)
		CHECK(cg_ineq_add(other, TENS[i] * 3, 2.0, 0, &bad) == CG_OK);
	memcpy(copy, other, sizeof copy);
	memcpy(st, good, sizeof st);
	CHECK(cg_ineq_merge(st, other) == CG_OK);
	CHECK(memcmp(copy, other, sizeof copy) == 0);
	CHECK(st[CG_IS_PENDING] == 0.0 && st[CG_IS_N] == 10.0);
	{
		/* (10..50 once, 30..150 twice) by hand: the same as 15 unit rows */
		double		rows[15];

		for (i = 0; i < 5; i++)
			rows[i] = TENS[i], rows[5 + i] = rows[10 + i] = 3 * TENS[i];
		CHECK(cg_ineq_value(st, &vb, &def) == CG_OK && def);
		CHECK_NEAR(vb, moment(CG_IK_THEIL_L, 0, rows, 15), 1e-14);
	}

	/*
	 * states of caregap 0.2.0-0.3.0 convert: Theil L of 10..50 with K = 10
	 * kept W = 5, S = sum (x - K) = 100, F = sum ln(x/K) = ln 120, and
	 * L = ln 3 - ln(120)/5; version 2 also held rows back (here four).
	 */
	{
		double		v1l[CG_IS_LEN_V1] = {1, CG_IK_THEIL_L, 0, 5, 10, 5, 0, 100, 0, log(120.0), 0},
					v2l[CG_IS_LEN_V2] = {2, CG_IK_THEIL_L, 0, 1, 10, 1, 0, 0, 0, 0, 0, 4, 20, 1, 30, 1, 40, 1, 50, 1},
		/* CV: K = first x; F = sum (x - K)^2 = 3000; CV = sqrt(200)/30 */
					v1cv[CG_IS_LEN_V1] = {1, CG_IK_CV, 0, 5, 10, 5, 0, 100, 0, 3000, 0},
		/* GE(2): F = sum (x/K)^2 = 55; GE = ((55/5)/3^2 - 1)/2 = 1/9 */
					v1ge[CG_IS_LEN_V1] = {1, CG_IK_GE, 2, 5, 10, 5, 0, 100, 0, 55, 0},
		/* Theil T: F = sum x ln(x/K) = 10 (2 ln 2 + 3 ln 3 + 4 ln 4 + 5 ln 5) */
					v1t[CG_IS_LEN_V1] = {1, CG_IK_THEIL_T, 0, 5, 10, 5, 0, 100, 0,
			10 * (2 * log(2.0) + 3 * log(3.0) + 4 * log(4.0) + 5 * log(5.0)), 0};

		CHECK(cg_ineq_upgrade(v1l, CG_IS_LEN_V1, copy) == CG_OK);
		CHECK(copy[CG_IS_VERSION] == CG_IS_VERSION_3 && cg_ineq_validate(copy) == CG_OK);
		CHECK(cg_ineq_value(copy, &va, &def) == CG_OK && def);
		CHECK_NEAR(va, log(3.0) - log(120.0) / 5, 1e-15);
		CHECK(cg_ineq_upgrade(v2l, CG_IS_LEN_V2, copy) == CG_OK);
		CHECK(cg_ineq_value(copy, &vb, &def) == CG_OK && def);
		CHECK_NEAR(vb, log(3.0) - log(120.0) / 5, 1e-15);
		CHECK(cg_ineq_upgrade(v1cv, CG_IS_LEN_V1, copy) == CG_OK);
		CHECK(cg_ineq_value(copy, &va, &def) == CG_OK && def);
		CHECK_NEAR(va, sqrt(200.0) / 30, 1e-15);
		CHECK(cg_ineq_upgrade(v1ge, CG_IS_LEN_V1, copy) == CG_OK);
		CHECK(cg_ineq_value(copy, &va, &def) == CG_OK && def);
		CHECK_NEAR(va, 1.0 / 9, 1e-15);
		CHECK(cg_ineq_upgrade(v1t, CG_IS_LEN_V1, copy) == CG_OK);
		CHECK(cg_ineq_value(copy, &va, &def) == CG_OK && def);
		CHECK_NEAR(va, 0.11968759358350925, 1e-15);
		/* a version-3 state copies; anything else does not convert */
		CHECK(cg_ineq_upgrade(good, CG_IS_LEN, copy) == CG_OK && memcmp(copy, good, sizeof copy) == 0);
		v1l[CG_IS_VERSION] = CG_IS_VERSION_2;
		CHECK(cg_ineq_upgrade(v1l, CG_IS_LEN_V1, copy) == CG_E_CORRUPT);
		v1l[CG_IS_VERSION] = CG_IS_VERSION_1;
		v1l[CG_IS_N] = 2.5;
		CHECK(cg_ineq_upgrade(v1l, CG_IS_LEN_V1, copy) == CG_E_CORRUPT);
		v2l[CG_IS_PENDING_V2] = 9;
		CHECK(cg_ineq_upgrade(v2l, CG_IS_LEN_V2, copy) == CG_E_CORRUPT);
		CHECK(cg_ineq_upgrade(v2l, CG_IS_LEN, copy) == CG_E_CORRUPT);
		(void) v1;
	}
#undef CORRUPT_WITH
}

/* Gini: sorted form equals the pairwise definition on random weighted data. */
CG_TEST(test_gini_pairwise_random)
{
	enum
	{
		N = 300
	};
	double		v[2 * N],
				tmp[2 * N],
				x[N],
				w[N],
				num = 0,
				wt = 0,
				wx = 0,
				g;
	int			i,
				j,
				def;

	srand(7);
	for (i = 0; i < N; i++)
	{
		x[i] = (rand() % 50) * 0.5;		/* many ties */
		w[i] = 0.25 + (rand() % 40) / 8.0;
		v[2 * i] = x[i];
		v[2 * i + 1] = w[i];
		wt += w[i];
		wx += w[i] * x[i];
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			num += w[i] * w[j] * fabs(x[i] - x[j]);
	cg_sort_pairs(v, N, tmp);
	for (i = 1; i < N; i++)
		CHECK(v[2 * (i - 1)] <= v[2 * i]);
	CHECK(cg_gini_sorted(v, N, 0, &g, &def) == CG_OK && def);
	CHECK_NEAR(g, num / (2.0 * wt * wt * (wx / wt)), 1e-12);
}

/*
 * Extreme magnitudes (a fuzzer finding): one unit with a subnormal weight
 * holds nearly all of sum w x; its products w x (2F - W) underflowed and the
 * Gini came out as 1.0000000011.  After normalizing it is in [0, 1].
 */
CG_TEST(test_gini_extreme_magnitudes)
{
	double		v[12] = {9.38725e-322, 8.30414e-275, 9.77287e-309, 5.83835e-275,
		1.04935e-303, 8.31381e-275, 8.31381e-275, 8.31381e-275,
		8.31381e-275, 1.48585e-319, 6.53118e+279, 5.78057e-322};
	double		tmp[12],
				g,
				tiny[4] = {1e-200, 1e-200, 3e-200, 1e-200},
				t2[4];
	int			def;

	cg_sort_pairs(v, 6, tmp);
	CHECK(cg_dist_normalize(v, 6, 2, 0, 1) == CG_OK);
	CHECK(cg_gini_sorted(v, 6, 0, &g, &def) == CG_OK && def);
	CHECK(g >= 0.0 && g <= 1.0);
	CHECK_NEAR(g, 1.0, 1e-12);
	{
		/* weights spanning 10^300 with x near 0 where the weight is: sum w x subnormal */
		double		r[10] = {0, 2.0, 1.86e-9, 1.7e-316, 3.1e-7, 3.5e-310, 1.5e-5, 4.2e-319, 1, 2.5e-321};
		double		t[10];

		cg_sort_pairs(r, 5, t);
		CHECK(cg_dist_normalize(r, 5, 2, 0, 1) == CG_OK);
		CHECK(cg_gini_sorted(r, 5, 0, &g, &def) == CG_E_OVERFLOW);
	}
	/* x and w near 1e-200: w x underflows to 0 without normalizing */
	cg_sort_pairs(tiny, 2, t2);
	CHECK(cg_dist_normalize(tiny, 2, 2, 0, 1) == CG_OK);
	CHECK(cg_gini_sorted(tiny, 2, 0, &g, &def) == CG_OK && def);
	CHECK_NEAR(g, 0.25, 1e-15);	/* (1, 3) equally weighted: |1-3| 2 / (2 * 4 * 2) */
}

/* Radix sort agrees with the order of doubles over many magnitudes. */
CG_TEST(test_sort_pairs)
{
	enum
	{
		N = 5000
	};
	double	   *v = malloc(sizeof(double) * 2 * N),
			   *tmp = malloc(sizeof(double) * 2 * N);
	int			i,
				ok = 1;

	srand(11);
	for (i = 0; i < N; i++)
	{
		v[2 * i] = ldexp((double) rand() / RAND_MAX, (rand() % 200) - 100);
		v[2 * i + 1] = i;
	}
	v[0] = 0.0;
	v[2] = -0.0;
	v[4] = 5e-324;
	cg_sort_pairs(v, N, tmp);
	for (i = 1; i < N; i++)
		ok &= v[2 * (i - 1)] <= v[2 * i];
	CHECK(ok);
	CHECK(v[0] == 0.0 && v[2] == 0.0 && v[4] == 5e-324);
	free(v);
	free(tmp);
}

/* Correction: n/(n-1) unweighted, 1/(1 - sum (w/W)^2) weighted. */
CG_TEST(test_gini_correction)
{
	double		v[6] = {1, 3, 2, 1, 3, 2},
				tmp[6],
				g,
				gc;
	int			def;

	CHECK_NEAR(gini_of(INEQ_X, 10, 1), 0.46209113026762383 * 10.0 / 9.0, 1e-15);
	cg_sort_pairs(v, 3, tmp);
	CHECK(cg_gini_sorted(v, 3, 0, &g, &def) == CG_OK);
	CHECK(cg_gini_sorted(v, 3, 1, &gc, &def) == CG_OK && def);
	/* W = 6, sum w^2 = 9 + 1 + 4 = 14: factor 1 / (1 - 14/36) = 36/22 */
	CHECK_NEAR(gc, g * 36.0 / 22.0, 1e-15);
	CHECK(gini_of(TENS, 1, 1) == -1.0);	/* one row, corrected: undefined */
}

/*
 * Lorenz curve: equal values lie on the diagonal; x = (1, 2, 3, 4) has
 * L(0.5) = 3/10, and at p = 0.4 the cut takes 0.6 of unit 2: (1 + 1.2)/10.
 */
CG_TEST(test_lorenz)
{
	double		v[8] = {1, 1, 2, 1, 3, 1, 4, 1},
				w,
				wx;

	cg_dist_totals(v, 4, &w, &wx);
	CHECK_EQ(cg_lorenz_at(v, 4, w, wx, 0.5), 0.3);
	CHECK_NEAR(cg_lorenz_at(v, 4, w, wx, 0.4), 0.22, 1e-15);
	CHECK_EQ(cg_lorenz_at(v, 4, w, wx, 0.0), 0.0);
	CHECK_EQ(cg_lorenz_at(v, 4, w, wx, 1.0), 1.0);
	/*
	 * Palma (top 10 % over bottom 40 %): the top 10 % of the weight 4 is 0.4
	 * of the last unit (x = 4), holding 1.6 of 10: (1.6/10) / 0.22
	 */
	CHECK_NEAR((1.0 - cg_lorenz_at(v, 4, w, wx, 0.9)) / cg_lorenz_at(v, 4, w, wx, 0.4),
			   0.16 / 0.22, 1e-14);
}

/*
 * Theil decomposition of (1, 2, 3 | 10, 20), unit weights, by definitions:
 * totals equal the undecomposed T and L; within + between add up; a pivot
 * change (re-pivoting a partial state) changes nothing.
 */
CG_TEST(test_theil_decomposition)
{
	double		xs[5] = {1, 2, 3, 10, 20};
	int			grp[5] = {0, 0, 0, 1, 1};
	cg_theil_group g[2],
				g2[2];
	cg_theil_result r,
				r2;
	cg_theil_group_out go[2];
	double		mu = 36.0 / 5.0,
				t = 0,
				l = 0,
				bt,
				bl;
	int			i;

	memset(g, 0, sizeof(g));
	memset(g2, 0, sizeof(g2));
	for (i = 0; i < 5; i++)
	{
		cg_theil_group_add(&g[grp[i]], 1.0, xs[i], 1.0);
		cg_theil_group_add(&g2[grp[i]], 20.0, xs[i], 1.0);
		t += (xs[i] / mu) * log(xs[i] / mu) / 5.0;
		l += log(mu / xs[i]) / 5.0;
	}
	CHECK(cg_theil_decompose(g, 2, 1.0, &r, go) == CG_OK);
	CHECK_NEAR(r.t, t, 1e-14);
	CHECK_NEAR(r.l, l, 1e-14);
	CHECK_NEAR(r.t_within + r.t_between, r.t, 1e-14);
	CHECK_NEAR(r.l_within + r.l_between, r.l, 1e-14);
	/* between T = sum s_g ln(s_g / p_g): s = (6/36, 30/36), p = (3/5, 2/5) */
	bt = (6.0 / 36) * log((6.0 / 36) / 0.6) + (30.0 / 36) * log((30.0 / 36) / 0.4);
	CHECK_NEAR(r.t_between, bt, 1e-14);
	/* between L = sum p_g ln(mu / mu_g): mu_g = 2 and 15 */
	bl = 0.6 * log(mu / 2.0) + 0.4 * log(mu / 15.0);
	CHECK_NEAR(r.l_between, bl, 1e-14);
	CHECK_NEAR(go[1].mean, 15.0, 1e-15);
	CHECK_NEAR(go[0].weight_share, 0.6, 1e-15);
	/* pivot 20 then moved to 1 gives the same */
	cg_theil_group_repivot(&g2[0], 20.0, 1.0);
	cg_theil_group_repivot(&g2[1], 20.0, 1.0);
	CHECK(cg_theil_decompose(g2, 2, 1.0, &r2, NULL) == CG_OK);
	CHECK_NEAR(r2.t, r.t, 1e-14);
	CHECK_NEAR(r2.l_within, r.l_within, 1e-14);
	/* weights scaled by 2^-1000 (what the glue does for tiny weights): same */
	cg_theil_group_scale(&g2[0], -1000);
	cg_theil_group_scale(&g2[1], -1000);
	CHECK(cg_theil_decompose(g2, 2, 1.0, &r2, NULL) == CG_OK);
	CHECK_NEAR(r2.t_between, r.t_between, 1e-14);
	CHECK_NEAR(r2.l, r.l, 1e-14);
	/* a group whose weight underflowed against the other's: an error, not 0 */
	cg_theil_group_scale(&g2[0], -100);
	CHECK(cg_theil_decompose(g2, 2, 1.0, &r2, NULL) == CG_E_OVERFLOW);
	CHECK(cg_theil_group_valid(&g[0]) && cg_theil_group_valid(&g2[0]));
	/* one group: between is 0, within is the total */
	cg_theil_group_merge(&g[0], &g[1]);
	CHECK(cg_theil_decompose(g, 1, 1.0, &r2, NULL) == CG_OK);
	CHECK_EQ(r2.t_between, 0.0);
	CHECK_NEAR(r2.t_within, t, 1e-14);
}

/*
 * Concentration index: ranked by x itself it is the Gini; ranked in reverse
 * it is minus the Gini; x = (10, 0) ranked (1, 2): the low-ranked half holds
 * everything, L(1/2) = 1, C = 1 - [1/2 (1 + 0) + 1/2 (1 + 1)] = -1/2;
 * equal ranks: C = 0 whatever x.
 */
CG_TEST(test_concentration)
{
	double		v[30],
				tmp[30],
				g,
				c;
	cg_pair_chunk ch = {v, 10};
	const double *s;
	cg_status	st;
	int			def,
				i;

	for (i = 0; i < 10; i++)
	{
		v[3 * i] = INEQ_X[i];	/* rank by x */
		v[3 * i + 1] = INEQ_X[i];
		v[3 * i + 2] = 1.0;
	}
	s = cg_sort_rows(&ch, 1, 10, 3, tmp, &st);
	CHECK(cg_concentration_sorted(s, 10, &c, &def) == CG_OK && def);
	CHECK_NEAR(c, 0.46209113026762383, 1e-15);
	for (i = 0; i < 10; i++)
	{
		v[3 * i] = -INEQ_X[i];	/* reverse rank, negative keys */
		v[3 * i + 1] = INEQ_X[i];
		v[3 * i + 2] = 1.0;
	}
	s = cg_sort_rows(&ch, 1, 10, 3, tmp, &st);
	CHECK(s[0] == -22261.0 && s[1] == 22261.0);
	CHECK(cg_concentration_sorted(s, 10, &c, &def) == CG_OK && def);
	CHECK_NEAR(c, -0.46209113026762383, 1e-15);
	{
		double		two[6] = {1, 10, 1, 2, 0, 1};

		CHECK(cg_concentration_sorted(two, 2, &c, &def) == CG_OK && def);
		CHECK_NEAR(c, -0.5, 1e-15);
	}
	for (i = 0; i < 10; i++)
		v[3 * i] = 7.0;			/* all ranks equal */
	CHECK(cg_concentration_sorted(v, 10, &c, &def) == CG_OK && def);
	CHECK_EQ(c, 0.0);
	(void) g;
	CHECK(cg_conc_copy_rows(tmp, v, 10) == CG_OK);
	v[4] = -1;
	CHECK(cg_conc_copy_rows(tmp, v, 10) == CG_E_CORRUPT);
}

static int	cancel_countdown;

/* A cancel hook that says stop on its n-th call. */
static int
cancel_after(void)
{
	return --cancel_countdown <= 0;
}

/*
 * Cancellation: with a hook that says stop, every long kernel returns
 * CG_E_CANCELED and frees what it allocated (LeakSanitizer checks), and the
 * same call succeeds once the hook is quiet again.
 */
CG_TEST(test_cancel)
{
	enum
	{
		N = 200000
	};
	double	   *v = malloc(sizeof(double) * 2 * N),
			   *buf = malloc(sizeof(double) * 2 * N),
				g;
	cg_pair_chunk ch = {v, N};
	cg_gap_summary sum;
	const double *s;
	cg_status	st;
	int			def,
				i;

	for (i = 0; i < N; i++)
	{
		v[2 * i] = (i * 7919) % 1000 + 0.5;
		v[2 * i + 1] = 1.0 + i % 3;
	}
	cg_cancel_hook = cancel_after;
	cancel_countdown = 1;
	s = cg_sort_rows(&ch, 1, N, 2, buf, &st);
	CHECK(s == NULL && st == CG_E_CANCELED);
	cancel_countdown = 3;		/* past the first checks, inside the bucket loop */
	s = cg_sort_rows(&ch, 1, N, 2, buf, &st);
	CHECK(s == NULL && st == CG_E_CANCELED);
	cancel_countdown = 1;
	CHECK(cg_gap_pooled(v, N, &sum) == CG_E_CANCELED);
	cg_cancel_hook = NULL;
	s = cg_sort_rows(&ch, 1, N, 2, buf, &st);
	CHECK(s == buf && st == CG_OK);
	cg_cancel_hook = cancel_after;
	cancel_countdown = 2;
	CHECK(cg_gini_sorted(buf, N, 0, &g, &def) == CG_E_CANCELED);
	cg_cancel_hook = NULL;
	CHECK(cg_gini_sorted(buf, N, 0, &g, &def) == CG_OK && def);
	CHECK(cg_gap_pooled(v, N, &sum) == CG_OK);
	free(v);
	free(buf);
}

/* GE or Atkinson of 1..50 with unit weights. */
static double
one_to_fifty(cg_ineq_kind kind, double param)
{
	double		xs[50];
	int			i;

	for (i = 0; i < 50; i++)
		xs[i] = i + 1;
	return moment(kind, param, xs, 50);
}

/*
 * GE(alpha) and Atkinson(eps) of 1..50 through their singular parameters,
 * against values to 20 digits from the definitions in 60-digit arithmetic
 * (Python mpmath, mp.dps = 60, at the exact double parameter):
 *   GE(a) = (mean((x/mu)^a) - 1) / (a (a - 1)), GE(0) = mean ln(mu/x),
 *   GE(1) = mean (x/mu) ln(x/mu); A(e) = 1 - mean((x/mu)^(1-e))^(1/(1-e)),
 *   A(1) = 1 - exp(mean ln x) / mu.
 * caregap 0.3.0 returned A(0.9999999999999999) = 0.42047, GE of it -0 and
 * GE(1e-15) = 0.22204: the closed forms cancelled.
 */
CG_TEST(test_ineq_singular_params)
{
	static const struct
	{
		cg_ineq_kind kind;
		double		param,
					ref;
	}			cases[] = {
		{CG_IK_GE, 0.0, 0.26912311312891982088},
		{CG_IK_GE, 1e-15, 0.26912311312891966639},
		{CG_IK_GE, -1e-15, 0.26912311312891997536},
		{CG_IK_GE, 1e-8, 0.26912311158405479916},
		{CG_IK_GE, 0.9999999999999999, 0.18359926459684529705},
		{CG_IK_GE, 1.0, 0.18359926459684529232},
		{CG_IK_GE, 1.0000000000000002, 0.18359926459684528284},
		{CG_IK_GE, 1.00000001, 0.18359926417006623875},
		{CG_IK_GE, 0.5, 0.21310862958338645232},
		{CG_IK_GE, 2.0, 0.16013071895424836601},
		{CG_IK_GE, -1.0, 0.64729736127400338968},
		{CG_IK_GE, 3.0, 0.16013071895424836601},
		{CG_IK_GE, 0.3, 0.23118356494920726556},
		{CG_IK_ATKINSON, 0.9999999999999999, 0.23595081462818500928},
		{CG_IK_ATKINSON, 1.0, 0.23595081462818504215},
		{CG_IK_ATKINSON, 1.0000000000000002, 0.23595081462818510787},
		{CG_IK_ATKINSON, 0.5, 0.1037158592915114127},
		{CG_IK_ATKINSON, 2.0, 0.56419319273533354047},
		{CG_IK_ATKINSON, 1e-15, 1.8359926459684534926e-16},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_NEAR(one_to_fifty(cases[i].kind, cases[i].param), cases[i].ref, 4e-16 + 4e-15 * cases[i].ref);
	/* a sweep through 0 and 1: GE moves by at most its slope times the step */
	for (i = 0; i <= 40; i++)
	{
		double		d = ldexp(1.0, -(int) i - 12);	/* 2^-12 .. 2^-52 */

		CHECK(fabs(one_to_fifty(CG_IK_GE, 1.0 + d) - 0.18359926459684529232) < 0.1 * d + 1e-15);
		CHECK(fabs(one_to_fifty(CG_IK_GE, 1.0 - d) - 0.18359926459684529232) < 0.1 * d + 1e-15);
		CHECK(fabs(one_to_fifty(CG_IK_GE, d) - 0.26912311312891982088) < 0.2 * d + 1e-15);
		CHECK(fabs(one_to_fifty(CG_IK_GE, -d) - 0.26912311312891982088) < 0.2 * d + 1e-15);
		CHECK(fabs(one_to_fifty(CG_IK_ATKINSON, 1.0 - d) - 0.23595081462818504215) < 0.5 * d + 1e-15);
	}
	/* phi at and near its singular points, against its limits */
	CHECK_NEAR(cg_phi(2.0, 1.0), 2 * log(2.0) - 1, 1e-16);
	CHECK_NEAR(cg_phi(2.0, 1e-300), 1 - log(2.0), 1e-16);
	CHECK_NEAR(cg_phi(2.0, 1.0 - 1e-16), 2 * log(2.0) - 1, 1e-15);
	CHECK_NEAR(cg_phi(0.0, 0.5), 2.0, 0.0);
	CHECK_EQ(cg_phi(1.0, 0.7), 0.0);
}

/*
 * The result does not depend on the order of the rows: a far first row of
 * negligible weight (x = 1e6, w = 1e-20; caregap 0.3.0 took it as the pivot
 * for good and lost the digits of the mean: CV 0.011043 against 0.00028855
 * in the report's case), then 1000 rows near 1.  References: mpmath, 60
 * digits, from the definitions (rows as in the loop below):
 * CV = 0.0002886924545659492318, T = 4.1666667836476864209e-8,
 * L = 4.166666980165238996e-8.
 */
CG_TEST(test_ineq_order)
{
	double		fwd[3][CG_IS_LEN],
				rev[3][CG_IS_LEN],
				v,
				x[1001],
				w[1001];
	static const cg_ineq_kind kinds[3] = {CG_IK_CV, CG_IK_THEIL_T, CG_IK_THEIL_L};
	static const double refs[3] = {0.0002886924545659492318, 4.1666667836476864209e-8,
	4.166666980165238996e-8};
	cg_ineq_arg bad;
	int			i,
				k,
				def;

	x[0] = 1e6;
	w[0] = 1e-20;
	for (i = 0; i < 1000; i++)
	{
		x[i + 1] = 1 + ((i * 37) % 1000 - 500) * 1e-6;
		w[i + 1] = 1.0;
	}
	for (k = 0; k < 3; k++)
	{
		cg_ineq_init(fwd[k], kinds[k]);
		cg_ineq_init(rev[k], kinds[k]);
		for (i = 0; i <= 1000; i++)
		{
			CHECK(cg_ineq_add(fwd[k], x[i], w[i], 0, &bad) == CG_OK);
			CHECK(cg_ineq_add(rev[k], x[1000 - i], w[1000 - i], 0, &bad) == CG_OK);
		}
		CHECK(cg_ineq_value(fwd[k], &v, &def) == CG_OK && def);
		CHECK_NEAR(v, refs[k], 1e-9 * refs[k]);
		CHECK(cg_ineq_value(rev[k], &v, &def) == CG_OK && def);
		CHECK_NEAR(v, refs[k], 1e-9 * refs[k]);
	}
}

/*
 * Values far from 1 in magnitude: CV of (1..50) * 1e-170 is the CV of 1..50
 * (0.56591645841811027154, mpmath), where 0.3.0's squared deviations
 * underflowed to 0; the same at 1e+150.  Tiny total weights (below 2^-969)
 * are an error, not a number made of subnormal products.
 */
CG_TEST(test_ineq_magnitudes)
{
	double		xs[50],
				st[CG_IS_LEN],
				v;
	cg_ineq_arg bad;
	int			i,
				def;

	for (i = 0; i < 50; i++)
		xs[i] = (i + 1) * 1e-170;
	CHECK_NEAR(moment(CG_IK_CV, 0, xs, 50), 0.56591645841811027154, 1e-15);
	CHECK_NEAR(moment(CG_IK_GE, 2, xs, 50), 0.16013071895424836601, 1e-15);
	for (i = 0; i < 50; i++)
		xs[i] = (i + 1) * 1e150;
	CHECK_NEAR(moment(CG_IK_CV, 0, xs, 50), 0.56591645841811027154, 1e-15);
	/* subnormal weights keep no digits in their products: an error */
	cg_ineq_init(st, CG_IK_THEIL_T);
	CHECK(cg_ineq_add(st, 1.0, 5e-324, 0, &bad) == CG_E_OVERFLOW && bad == CG_IA_W);
	/* normal weights whose total is below 2^-969: an error too */
	CHECK(cg_ineq_add(st, 1.0, 3e-308, 0, &bad) == CG_OK);
	CHECK(cg_ineq_add(st, 3.0, 3e-308, 0, &bad) == CG_OK);
	CHECK(cg_ineq_value(st, &v, &def) == CG_E_OVERFLOW);
	/*
	 * Theil L with one heavy unit at a subnormal x: ln(mu/x) from
	 * ln x - ln K, not from the digits-poor ratio x/K (a fuzzer finding).
	 * Rows (1, 1), (3.16e-315, 1): mu = 0.5, L = (ln 0.5 + ln(0.5/3.16e-315))/2.
	 */
	cg_ineq_init(st, CG_IK_THEIL_L);
	CHECK(cg_ineq_add(st, 1.0, 1.0, 0, &bad) == CG_OK);
	CHECK(cg_ineq_add(st, 3.16e-315, 1.0, 0, &bad) == CG_OK);
	CHECK(cg_ineq_value(st, &v, &def) == CG_OK && def);
	CHECK_NEAR(v, (log(0.5) + log(0.5) - log(3.16e-315)) / 2, 1e-14 * v);
	/*
	 * fuzzer findings, against mpmath (60 digits, from the definitions):
	 * near-equal values keep every digit of their deviations ((x - K) / K,
	 * x - K exact): CV of x1 = 1.2132797481865746e-279 and three x =
	 * 1.2132797677859895e-279, equal weights = 6.9949206030635621161e-9;
	 * values spanning 10^111: ln of ratios far below 1 from x / K, not 1 + d:
	 * Theil L of the rows below = 6.8706780609872311458.
	 */
	{
		static const double lx[7] = {1.6175968000290384e+69, 5.8524583554243599e+170, 9.1876976440078633e+170,
			2.77448001762435e+180, 2.77448001762435e+180, 5.8536469685958096e+170, 5.8536377194611564e+170};
		static const double lw[7] = {1.6340899438724717e+69, 5.8536377186879056e+170, 2.7744760448191562e+180,
			2.77448001762435e+180, 2.77448001762435e+180, 9.1075009468387283e+170, 5.853637844657435e+170};

		cg_ineq_init(st, CG_IK_CV);
		CHECK(cg_ineq_add(st, 1.2132797481865746e-279, 1.2132797677859895e-279, 0, &bad) == CG_OK);
		for (i = 0; i < 3; i++)
			CHECK(cg_ineq_add(st, 1.2132797677859895e-279, 1.2132797677859895e-279, 0, &bad) == CG_OK);
		CHECK(cg_ineq_value(st, &v, &def) == CG_OK && def);
		CHECK_NEAR(v, 6.9949206030635621161e-9, 2e-15 * v);
		cg_ineq_init(st, CG_IK_THEIL_L);
		for (i = 0; i < 7; i++)
			CHECK(cg_ineq_add(st, lx[i], lw[i], 0, &bad) == CG_OK);
		CHECK(cg_ineq_value(st, &v, &def) == CG_OK && def);
		CHECK_NEAR(v, 6.8706780609872311458, 2e-15 * v);
	}
	/* GE over equal values is +0, never -0 */
	cg_ineq_init(st, CG_IK_GE);
	for (i = 0; i < 3; i++)
		CHECK(cg_ineq_add(st, 0.1 * 3, 1.0, 0.7, &bad) == CG_OK);
	CHECK(cg_ineq_value(st, &v, &def) == CG_OK && def && v == 0.0 && !signbit(v));
}
