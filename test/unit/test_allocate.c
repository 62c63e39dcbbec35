/*
 * test_allocate.c — the allocation planner: a case by hand, and the integer
 * results against brute force over every allocation of small budgets.
 */
#include "cg_test.h"
#include "cg_allocate.h"

#include <math.h>

static double sc[64];

/*
 * By hand: T = 1, supply (20, 50, 90), demand (100, 100, 100): gaps 0.8,
 * 0.5, 0.1.  Budget 60, min-max: the level L with (1 - L) 100 - 20 +
 * (1 - L) 100 - 50 = 60 (the third unit stays below): 200 (1 - L) = 130,
 * L = 0.35: x = (45, 15, 0).  Shortfall: any place removes one unit of
 * shortfall; unit costs (1, 1, 1) fill in index order: (60, 0, 0); with
 * costs (3, 1, 2): unit 1 first (50 places, cost 50), then unit 2 (5 places).
 */
CG_TEST(test_allocate_hand)
{
	double		S[3] = {20, 50, 90},
				D[3] = {100, 100, 100},
				c[3] = {3, 1, 2},
				x[3];
	size_t		bad;

	CHECK(cg_allocate(3, S, D, NULL, NULL, NULL, 1, 60, CG_ALLOC_MINMAX, 0, sc, x, &bad) == CG_OK);
	CHECK_NEAR(x[0], 45, 1e-9);
	CHECK_NEAR(x[1], 15, 1e-9);
	CHECK_NEAR(x[2], 0, 1e-9);
	CHECK(cg_allocate(3, S, D, NULL, NULL, NULL, 1, 60, CG_ALLOC_SHORTFALL, 0, sc, x, &bad) == CG_OK);
	CHECK(x[0] == 60 && x[1] == 0 && x[2] == 0);
	CHECK(cg_allocate(3, S, D, c, NULL, NULL, 1, 60, CG_ALLOC_SHORTFALL, 0, sc, x, &bad) == CG_OK);
	CHECK_NEAR(x[1], 50, 1e-12);
	CHECK_NEAR(x[2], 5, 1e-12);
	CHECK_NEAR(x[0], 0, 1e-12);
	/* a budget that fills every gap: each unit to T D, the rest unused */
	CHECK(cg_allocate(3, S, D, NULL, NULL, NULL, 1, 1000, CG_ALLOC_MINMAX, 1, sc, x, &bad) == CG_OK);
	CHECK(x[0] == 80 && x[1] == 50 && x[2] == 10);
	/* errors */
	CHECK(cg_allocate(3, S, D, NULL, NULL, NULL, 1, -1, CG_ALLOC_MINMAX, 0, sc, x, &bad) == CG_E_NEGATIVE);
	D[1] = NAN;
	CHECK(cg_allocate(3, S, D, NULL, NULL, NULL, 1, 10, CG_ALLOC_MINMAX, 0, sc, x, &bad) == CG_E_NAN && bad == 1);
	D[1] = 100;
	{
		double		lo[3] = {50, 50, 0};

		CHECK(cg_allocate(3, S, D, NULL, lo, NULL, 1, 60, CG_ALLOC_MINMAX, 0, sc, x, &bad) == CG_E_MISMATCH);
	}
}

static double
maxgap(const double *S, const double *D, double T, const double *x, int n)
{
	double		m = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		double		g = cg_alloc_gap(S[i], D[i], T, x[i]);

		m = g > m ? g : m;
	}
	return m;
}

static double
shortfall(const double *S, const double *D, double T, const double *x, int n)
{
	double		s = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		double		v = T * D[i] - S[i] - x[i];

		s += v > 0 ? v : 0;
	}
	return s;
}

/* every integer allocation of up to B places over 3 units, upper bounds 0..B */
CG_TEST(test_allocate_brute_force)
{
	double		S[3],
				D[3],
				hi[3],
				x[3];
	size_t		bad;
	int			trial;
	unsigned	s = 17;

	for (trial = 0; trial < 300; trial++)
	{
		int			B,
					a,
					b,
					c,
					i;
		double		best_mm = INFINITY,
					best_sf = INFINITY,
					y[3];

		for (i = 0; i < 3; i++)
		{
			s = s * 1103515245u + 12345u;
			S[i] = (double) ((s >> 16) % 20);
			s = s * 1103515245u + 12345u;
			D[i] = (double) ((s >> 16) % 15);
			s = s * 1103515245u + 12345u;
			hi[i] = (s >> 16) % 4 == 0 ? 2.0 : INFINITY;
		}
		s = s * 1103515245u + 12345u;
		B = (int) ((s >> 16) % 12);
		for (a = 0; a <= B; a++)
			for (b = 0; a + b <= B; b++)
				for (c = 0; a + b + c <= B; c++)
				{
					y[0] = a;
					y[1] = b;
					y[2] = c;
					if (y[0] > hi[0] || y[1] > hi[1] || y[2] > hi[2])
						continue;
					best_mm = fmin(best_mm, maxgap(S, D, 1.5, y, 3));
					best_sf = fmin(best_sf, shortfall(S, D, 1.5, y, 3));
				}
		CHECK(cg_allocate(3, S, D, NULL, NULL, hi, 1.5, B, CG_ALLOC_MINMAX, 1, sc, x, &bad) == CG_OK);
		CHECK(x[0] + x[1] + x[2] <= B);
		CHECK(fabs(maxgap(S, D, 1.5, x, 3) - best_mm) < 1e-12);
		CHECK(cg_allocate(3, S, D, NULL, NULL, hi, 1.5, B, CG_ALLOC_SHORTFALL, 1, sc, x, &bad) == CG_OK);
		CHECK(x[0] + x[1] + x[2] <= B);
		CHECK(fabs(shortfall(S, D, 1.5, x, 3) - best_sf) < 1e-12);
	}
}

/*
 * The counter-example of the 0.7.0 review: supply/demand (2/5), (9/26),
 * (0/3), 5 whole places, target 1.  Rounding the continuous solution down
 * gave (0, 3, 2), largest gap 0.6 (unit a: 1 - 2/5).  (1, 2, 2) has gaps
 * 1 - 3/5 = 0.4, 1 - 11/26 = 15/26 = 0.5769..., 1 - 2/3 = 0.333: largest
 * 15/26, and no allocation of 5 does better (b needs 2 places to get below
 * 0.6, c needs 2 to get below 0.6 (1 - 1/3 = 0.667), a needs 1).
 */
CG_TEST(test_allocate_minmax_counterexample)
{
	double		S[3] = {2, 9, 0},
				D[3] = {5, 26, 3},
				x[3];
	size_t		bad;

	CHECK(cg_allocate(3, S, D, NULL, NULL, NULL, 1, 5, CG_ALLOC_MINMAX, 1, sc, x, &bad) == CG_OK);
	CHECK(x[0] == 1 && x[1] == 2 && x[2] == 2);
	CHECK_NEAR(maxgap(S, D, 1, x, 3), 15.0 / 26.0, 1e-15);
}

/*
 * The budget is never exceeded, even by a rounding tolerance (0.7.0 placed
 * 1e15 + 1000 places for a budget of 1e15), and places past 2^53, where
 * x + 1 == x, are an error rather than an endless loop.
 */
CG_TEST(test_allocate_budget_exact)
{
	double		S[1] = {0},
				D[1] = {4e15},
				x[1];
	size_t		bad;

	CHECK(cg_allocate(1, S, D, NULL, NULL, NULL, 1, 1e15, CG_ALLOC_MINMAX, 1, sc, x, &bad) == CG_OK);
	CHECK(x[0] <= 1e15);
	CHECK(x[0] >= 1e15 - 1);
	CHECK(cg_allocate(1, S, D, NULL, NULL, NULL, 1, 1e15, CG_ALLOC_SHORTFALL, 1, sc, x, &bad) == CG_OK);
	CHECK(x[0] == 1e15);
	D[0] = 1e300;
	CHECK(cg_allocate(1, S, D, NULL, NULL, NULL, 1, 1e17, CG_ALLOC_MINMAX, 1, sc, x, &bad) == CG_E_OVERFLOW);
	CHECK(cg_allocate(1, S, D, NULL, NULL, NULL, 1, 1e17, CG_ALLOC_SHORTFALL, 1, sc, x, &bad) == CG_E_OVERFLOW);
	D[0] = 1e308;
	CHECK(cg_allocate(1, S, D, NULL, NULL, NULL, 10, 1, CG_ALLOC_MINMAX, 0, sc, x, &bad) == CG_E_OVERFLOW);
}

/*
 * Whole-place min-max against every allocation, with fractional demands
 * (quarters: the shape of the counter-example), costs 1 to 3 and upper
 * bounds; the total cost is within the budget and the largest gap is the
 * least any allocation within the budget reaches.
 */
CG_TEST(test_allocate_brute_force_costs)
{
	double		S[3],
				D[3],
				c[3],
				hi[3],
				x[3];
	size_t		bad;
	int			trial;
	unsigned	s = 4242;

	for (trial = 0; trial < 400; trial++)
	{
		int			B,
					a,
					b,
					d,
					i;
		double		best = INFINITY,
					y[3];

		for (i = 0; i < 3; i++)
		{
			s = s * 1103515245u + 12345u;
			S[i] = (double) ((s >> 16) % 12);
			s = s * 1103515245u + 12345u;
			D[i] = 0.25 * (double) ((s >> 16) % 60);
			s = s * 1103515245u + 12345u;
			c[i] = trial % 2 ? 1.0 : (double) (1 + (s >> 16) % 3);
			s = s * 1103515245u + 12345u;
			hi[i] = (s >> 16) % 5 == 0 ? 1.0 : INFINITY;
		}
		s = s * 1103515245u + 12345u;
		B = (int) ((s >> 16) % 14);
		for (a = 0; a <= B; a++)
			for (b = 0; b <= B; b++)
				for (d = 0; d <= B; d++)
				{
					y[0] = a;
					y[1] = b;
					y[2] = d;
					if (y[0] > hi[0] || y[1] > hi[1] || y[2] > hi[2] ||
						c[0] * a + c[1] * b + c[2] * d > B)
						continue;
					best = fmin(best, maxgap(S, D, 1.25, y, 3));
				}
		CHECK(cg_allocate(3, S, D, c, NULL, hi, 1.25, B, CG_ALLOC_MINMAX, 1, sc, x, &bad) == CG_OK);
		CHECK(c[0] * x[0] + c[1] * x[1] + c[2] * x[2] <= B);
		CHECK(x[0] == floor(x[0]) && x[1] == floor(x[1]) && x[2] == floor(x[2]));
		CHECK(fabs(maxgap(S, D, 1.25, x, 3) - best) < 1e-12);
	}
}
