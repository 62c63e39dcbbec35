/*
 * test_composite.c — the composite index on a 3 x 2 case worked by hand,
 * entropy weights from their definition, and the Monte Carlo ranks.
 */
#include "cg_test.h"
#include "cg_composite.h"
#include "cg_cancel.h"

#include <math.h>

static double scr[4096];

/*
 * x = [[1, 10], [2, 30], [3, 20]], directions (+1, -1).  Min-max: column 0
 * (0, .5, 1); column 1 (0, 1, .5) reversed (1, 0, .5).  Equal weights:
 * scores (.5, .25, .75), ranks (2, 3, 1).  Geometric: (1+99 s)^.5 products:
 * 1 * 10 = 10, sqrt(50.5) = 7.106, 10 sqrt(50.5) = 71.06.
 */
CG_TEST(test_composite_hand)
{
	double		x[6] = {1, 10, 2, 30, 3, 20},
				w[2],
				sc[3],
				rk[3];
	signed char dir[2] = {1, -1};
	cg_composite_spec sp = {3, 2, x, dir, CG_NORM_MINMAX, NULL, NULL, CG_W_EQUAL, NULL, CG_AGG_ARITHMETIC};
	size_t		bad;

	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
	CHECK_NEAR(w[0], 0.5, 1e-15);
	CHECK_NEAR(sc[0], 0.5, 1e-15);
	CHECK_NEAR(sc[1], 0.25, 1e-15);
	CHECK_NEAR(sc[2], 0.75, 1e-15);
	CHECK(rk[0] == 2 && rk[1] == 3 && rk[2] == 1);
	sp.agg = CG_AGG_GEOMETRIC;
	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
	CHECK_NEAR(sc[0], 10.0, 1e-12);
	CHECK_NEAR(sc[1], sqrt(50.5), 1e-12);
	CHECK_NEAR(sc[2], 10.0 * sqrt(50.5), 1e-12);
	/* z-scores cannot be aggregated geometrically; NaN is refused */
	sp.norm = CG_NORM_ZSCORE;
	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_E_CORRUPT);
	sp.agg = CG_AGG_ARITHMETIC;
	/* z-scores: column 0 (-1, 0, 1) (sd 1); column 1 (-1, 1, 0) reversed (1, -1, 0) */
	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
	CHECK_NEAR(sc[0], 0.0, 1e-15);
	CHECK_NEAR(sc[1], -0.5, 1e-15);
	CHECK_NEAR(sc[2], 0.5, 1e-15);
	/* distance to targets (20, 20): column 0 1/20, 2/20, 3/20; column 1 reversed -10/20, -30/20, -20/20 */
	{
		double		t[2] = {20, 20};

		sp.norm = CG_NORM_TARGET;
		sp.hi = t;
		CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
		CHECK_NEAR(sc[0], 0.5 * (0.05 - 0.5), 1e-15);
		CHECK_NEAR(sc[2], 0.5 * (0.15 - 1.0), 1e-15);
		sp.norm = CG_NORM_ZSCORE;
	}
	x[3] = NAN;
	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_E_NAN && bad == 3);
}

/*
 * Entropy weights of x = [[1, 10], [2, 30], [3, 11]], both +1: min-max
 * columns (0, .5, 1) and (0, 1, .05); P = s / sum s; e = -sum P ln P / ln 3;
 * w proportional to 1 - e.  Average ranks with ties: (5, 5, 9) gives
 * (.25, .25, 1).
 */
CG_TEST(test_composite_entropy_rank)
{
	double		x[6] = {1, 10, 2, 30, 3, 11},
				w[2],
				sc[3],
				rk[3],
				e0,
				e1,
				d0,
				d1;
	signed char dir[2] = {1, 1};
	cg_composite_spec sp = {3, 2, x, dir, CG_NORM_MINMAX, NULL, NULL, CG_W_ENTROPY, NULL, CG_AGG_ARITHMETIC};
	size_t		bad;

	e0 = -((1.0 / 3) * log(1.0 / 3) + (2.0 / 3) * log(2.0 / 3)) / log(3.0);
	e1 = -((1 / 1.05) * log(1 / 1.05) + (0.05 / 1.05) * log(0.05 / 1.05)) / log(3.0);
	d0 = 1 - e0;
	d1 = 1 - e1;
	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
	CHECK_NEAR(w[0], d0 / (d0 + d1), 1e-14);
	CHECK_NEAR(w[1], d1 / (d0 + d1), 1e-14);
	x[0] = 5;
	x[2] = 5;
	x[4] = 9;
	sp.norm = CG_NORM_RANK;
	sp.wmode = CG_W_GIVEN;
	{
		double		given[2] = {1, 0};

		sp.w = given;
		CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
		CHECK_NEAR(sc[0], 0.25, 1e-15);
		CHECK_NEAR(sc[1], 0.25, 1e-15);
		CHECK_NEAR(sc[2], 1.0, 1e-15);
		CHECK(rk[0] == 2 && rk[1] == 2 && rk[2] == 1);
	}
}

/* Monte Carlo: delta 0 gives the point ranks; a seed gives the same intervals twice */
CG_TEST(test_composite_mc)
{
	double		x[12] = {1, 9, 2, 7, 3, 8, 4, 1, 5, 2, 6, 3},
				w[2],
				sc[6],
				rk[6],
				md[6],
				lo[6],
				hi[6],
				md2[6];
	signed char dir[2] = {1, 1};
	cg_composite_spec sp = {6, 2, x, dir, CG_NORM_MINMAX, NULL, NULL, CG_W_EQUAL, NULL, CG_AGG_ARITHMETIC};
	size_t		bad,
				i;

	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
	CHECK(cg_composite_mc(&sp, 3, 100, 0.0, 0, 0, md, lo, hi, scr, &bad) == CG_OK);
	for (i = 0; i < 6; i++)
		CHECK(md[i] == rk[i] && lo[i] == rk[i] && hi[i] == rk[i]);
	CHECK(cg_composite_mc(&sp, 3, 200, 0.9, 1, 1, md, lo, hi, scr, &bad) == CG_OK);
	CHECK(cg_composite_mc(&sp, 3, 200, 0.9, 1, 1, md2, lo, hi, scr, &bad) == CG_OK);
	for (i = 0; i < 6; i++)
		CHECK(md[i] == md2[i] && lo[i] <= md[i] && md[i] <= hi[i] && lo[i] >= 1 && hi[i] <= 6);
}

static int composite_countdown;

static int
composite_cancel_after(void)
{
	return --composite_countdown <= 0;
}

/*
 * The Monte Carlo stops at a cancel in its draws and in its sorts of each
 * unit's ranks (the 0.7.0 review: polled every 65,536 draws and never in
 * the sorts).  With 40 draws, the hook is asked once a draw and once before
 * each unit's sort: its 41st answer falls on the first sort, its 45th on the
 * fifth.  Without a cancel the same call succeeds.
 */
CG_TEST(test_composite_mc_cancel)
{
	double		x[12] = {1, 10, 2, 30, 3, 20, 5, 5, 7, 1, 4, 4},
				md[6],
				lo[6],
				hi[6];
	cg_composite_spec sp = {6, 2, x, NULL, CG_NORM_MINMAX, NULL, NULL, CG_W_EQUAL, NULL, CG_AGG_ARITHMETIC};
	size_t		bad;
	int			at[4] = {1, 20, 41, 45},
				k;

	cg_cancel_hook = composite_cancel_after;
	for (k = 0; k < 4; k++)
	{
		composite_countdown = at[k];
		CHECK(cg_composite_mc(&sp, 3, 40, 0.5, 0, 0, md, lo, hi, scr, &bad) == CG_E_CANCELED);
	}
	composite_countdown = 47;	/* 40 draws and 6 sorts ask 46 times */
	CHECK(cg_composite_mc(&sp, 3, 40, 0.5, 0, 0, md, lo, hi, scr, &bad) == CG_OK);
	cg_cancel_hook = NULL;
}

/*
 * Magnitudes at the ends of double (the 0.7.0 review: given weights of 1e308
 * summed to Infinity and every score was 0; indicators of +-1.7e308 had a
 * range of Infinity and every unit scored 0): the scores of the same data at
 * ordinary scale, to the last bit (the scaling is by a power of 2).
 */
CG_TEST(test_composite_magnitudes)
{
	double		x[6] = {1, 10, 2, 30, 3, 20},
				big[6],
				w1[2] = {1, 3},
				wbig[2],
				w[2],
				sc[3],
				sc2[3],
				rk[3];
	cg_composite_spec sp = {3, 2, x, NULL, CG_NORM_MINMAX, NULL, NULL, CG_W_GIVEN, w1, CG_AGG_ARITHMETIC};
	int			i;
	size_t		bad;
	cg_norm		norms[3] = {CG_NORM_MINMAX, CG_NORM_ZSCORE, CG_NORM_RANK};

	wbig[1] = 3 * 0x1p1020;
	wbig[0] = 0x1p1020;
	CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
	sp.w = wbig;
	CHECK(cg_composite(&sp, w, sc2, rk, scr, &bad) == CG_OK);
	for (i = 0; i < 3; i++)
		CHECK(sc[i] == sc2[i]);
	sp.w = w1;
	for (i = 0; i < 6; i++)
		big[i] = (i % 2 ? -1.0 : 1.0) * x[i] * 0x1p1019;
	for (i = 0; i < 3; i++)
	{
		double		small[6];
		int			k;

		for (k = 0; k < 6; k++)
			small[k] = (k % 2 ? -1.0 : 1.0) * x[k];
		sp.norm = norms[i];
		sp.x = small;
		CHECK(cg_composite(&sp, w, sc, rk, scr, &bad) == CG_OK);
		sp.x = big;
		CHECK(cg_composite(&sp, w, sc2, rk, scr, &bad) == CG_OK);
		for (k = 0; k < 3; k++)
			CHECK(sc[k] == sc2[k] && isfinite(sc2[k]));
	}
}
