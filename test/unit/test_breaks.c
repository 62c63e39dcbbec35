/*
 * test_breaks.c — class breaks: mapclassify's published calemp example,
 * the exact Fisher-Jenks against the textbook O(k n^2) programme and an
 * exhaustive search, and the other methods by hand.
 */
#include "cg_test.h"
#include "cg_breaks.h"
#include "cg_cancel.h"

#include <math.h>
#include <stdlib.h>

/*
 * mapclassify's calemp example (employment density of California's 58
 * counties, mapclassify/datasets/calemp/calempdensity.csv, BSD-3 licence):
 * FisherJenks(y, k=5) upper bounds 75.29, 192.05, 370.5, 722.85, 4111.45,
 * counts 49, 3, 4, 1, 1 (its README).
 */
static const double calemp[58] = {
	329.92, 0.42, 5.9, 14.03, 2.78, 1.34, 181.27, 1.65, 10.03, 16.7, 1.32, 3.99, 3.16, 0.22, 8.7,
	6.56, 3.27, 0.33, 370.5, 4.51, 75.29, 0.99, 2.74, 8.68, 0.14, 0.92, 12.63, 28.7, 12.02, 722.85,
	36.68, 0.74, 29.82, 192.05, 3.38, 11.15, 110.74, 4111.45, 49.47, 10.33, 317.11, 20.47, 264.93,
	66.26, 5.39, 0.13, 0.61, 50.65, 40.48, 36.67, 13.09, 1.81, 0.2, 7.6, 2.51, 57.26, 24.32, 6.97
};

static double scratch[10 * 1000];
static uint32_t us[16 * 1000];

CG_TEST(test_breaks_calemp)
{
	double		b[64],
				gvf;
	uint64_t	c[64];
	size_t		k,
				bad;

	CHECK(cg_breaks(calemp, NULL, 58, 5, CG_BREAKS_FISHER, scratch, us, b, c, &k, &gvf, &bad) == CG_OK);
	CHECK(k == 5);
	CHECK(b[0] == 75.29 && b[1] == 192.05 && b[2] == 370.5 && b[3] == 722.85 && b[4] == 4111.45);
	CHECK(c[0] == 49 && c[1] == 3 && c[2] == 4 && c[3] == 1 && c[4] == 1);
	CHECK(gvf > 0.9 && gvf < 1.0);
}

/* within-class sum of squares of sorted values a[lo..hi] */
static double
seg(const double *a, size_t lo, size_t hi)
{
	double		m = 0,
				s = 0;
	size_t		i;

	for (i = lo; i <= hi; i++)
		m += a[i];
	m /= (double) (hi - lo + 1);
	for (i = lo; i <= hi; i++)
		s += (a[i] - m) * (a[i] - m);
	return s;
}

/* the textbook O(k n^2) programme: the least total within-class sum of squares */
static double
naive(const double *a, size_t n, size_t k)
{
	static double d[8][200];
	size_t		m,
				i,
				j;

	for (i = 0; i < n; i++)
		d[0][i] = seg(a, 0, i);
	for (m = 1; m < k; m++)
		for (i = m; i < n; i++)
		{
			d[m][i] = INFINITY;
			for (j = m; j <= i; j++)
			{
				double		v = d[m - 1][j - 1] + seg(a, j, i);

				if (v < d[m][i])
					d[m][i] = v;
			}
		}
	return d[k - 1][n - 1];
}

static int
cmp_d(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y);
}

/* the total within-class sum of squares of the classes the bounds make */
static double
cost_of(const double *a, size_t n, const double *b, size_t k)
{
	size_t		i = 0,
				c;
	double		s = 0;

	for (c = 0; c < k; c++)
	{
		size_t		lo = i;

		while (i < n && a[i] <= b[c])
			i++;
		if (i > lo)
			s += seg(a, lo, i - 1);
	}
	return s;
}

CG_TEST(test_breaks_fisher_optimal)
{
	double		a[120],
				b[64],
				gvf;
	uint64_t	c[64];
	size_t		k,
				kk,
				n,
				bad,
				trial;
	uint64_t	s = 99;

	for (trial = 0; trial < 40; trial++)
	{
		n = 20 + trial * 2;
		for (k = 0; k < n; k++)
		{
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			a[k] = floor(exp(4.0 * (double) (s >> 11) / 9007199254740992.0) * 100.0) / 10.0;
		}
		qsort(a, n, sizeof(double), cmp_d);
		for (k = 2; k <= 7; k++)
		{
			size_t		distinct = 1,
						i;

			for (i = 1; i < n; i++)
				distinct += a[i] != a[i - 1];
			if (k >= distinct)
				continue;
			CHECK(cg_breaks(a, NULL, n, k, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
			CHECK(kk == k);
			CHECK(fabs(cost_of(a, n, b, kk) - naive(a, n, k)) <= 1e-9 * (1.0 + naive(a, n, k)));
		}
	}
}

/* every split of 9 values into 3 classes, against the programme */
CG_TEST(test_breaks_fisher_exhaustive)
{
	double		a[9] = {1, 2, 4, 7, 8, 15, 16, 30, 31},
				b[64],
				gvf,
				best = INFINITY;
	uint64_t	c[64];
	size_t		i,
				j,
				kk,
				bad;

	for (i = 1; i < 8; i++)
		for (j = i + 1; j < 9; j++)
		{
			double		v = seg(a, 0, i - 1) + seg(a, i, j - 1) + seg(a, j, 8);

			best = v < best ? v : best;
		}
	CHECK(cg_breaks(a, NULL, 9, 3, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(fabs(cost_of(a, 9, b, kk) - best) < 1e-12);
	/* here by hand: {1, 2, 4, 7, 8}, {15, 16}, {30, 31} */
	CHECK(b[0] == 8 && b[1] == 16 && b[2] == 31);
}

/*
 * Quantiles of 1..10, k = 4, numpy's linear interpolation at h = p (n - 1):
 * 3.25, 5.5, 7.75, 10.  Equal intervals of 0..10, k = 5: 2, 4, 6, 8, 10.
 * Head/tail of (1, 2, 3, 4, 10): mean 4, then the head {10}: 4, 10.
 * Duplicates: (1, 1, 2, 2) in 3 classes gives the 2 distinct values.
 * Weighted Fisher = unweighted on the replicated values.
 */
CG_TEST(test_breaks_methods)
{
	double		a[11],
				b[64],
				gvf,
				ht[5] = {1, 2, 3, 4, 10},
				dup[4] = {1, 1, 2, 2},
				wx[4] = {1, 5, 6, 20},
				ww[4] = {3, 1, 2, 1},
				rx[7] = {1, 1, 1, 5, 6, 6, 20},
				b2[64];
	uint64_t	c[64];
	size_t		kk,
				k2,
				bad,
				i;

	for (i = 0; i < 10; i++)
		a[i] = (double) (i + 1);
	CHECK(cg_breaks(a, NULL, 10, 4, CG_BREAKS_QUANTILE, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(kk == 4 && b[0] == 3.25 && b[1] == 5.5 && b[2] == 7.75 && b[3] == 10);
	CHECK(c[0] == 3 && c[1] == 2 && c[2] == 2 && c[3] == 3);
	for (i = 0; i <= 10; i++)
		a[i] = (double) i;
	CHECK(cg_breaks(a, NULL, 11, 5, CG_BREAKS_EQUAL, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(kk == 5 && b[0] == 2 && b[1] == 4 && b[2] == 6 && b[3] == 8 && b[4] == 10);
	CHECK(cg_breaks(ht, NULL, 5, 1, CG_BREAKS_HEADTAIL, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(kk == 2 && b[0] == 4 && b[1] == 10);
	CHECK(cg_breaks(dup, NULL, 4, 3, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(kk == 2 && b[0] == 1 && b[1] == 2 && c[0] == 2 && c[1] == 2);
	CHECK(cg_breaks(wx, ww, 4, 2, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(cg_breaks(rx, NULL, 7, 2, CG_BREAKS_FISHER, scratch, us, b2, c, &k2, &gvf, &bad) == CG_OK);
	CHECK(kk == k2 && b[0] == b2[0] && b[1] == b2[1]);
	CHECK(cg_class_of(b, kk, b[0]) == 0 && cg_class_of(b, kk, b[0] + 1e-9) == 1);
	a[3] = NAN;
	CHECK(cg_breaks(a, NULL, 11, 3, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_E_NAN && bad == 3);
	CHECK(cg_breaks(ht, NULL, 5, 0, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_E_CORRUPT);
	dup[0] = dup[1] = dup[2] = dup[3] = 7;
	CHECK(cg_breaks(dup, NULL, 4, 3, CG_BREAKS_FISHER, scratch, us, b, c, &kk, &gvf, &bad) == CG_OK);
	CHECK(kk == 1 && b[0] == 7 && isnan(gvf));
}

/*
 * The 0.7.0 review: weighted head/tail with a maximum of weight 0 stopped
 * below it.  x = 1, 2, 3, 10, 11, 11, 30, w = 1, 0, 5, 1, 2, 0, 0: means
 * 48/9, (10 + 22)/3, 22/2 = 11; the head {30} weighs 0, and the last bound
 * is the maximum, 30.  Weights of 1e308 (their sum overflowed: one class)
 * give the breaks of weights 1, and values near the top of double those of
 * the same values at ordinary scale, scaled.
 */
CG_TEST(test_breaks_extremes)
{
	double		x[7] = {1, 2, 3, 10, 11, 11, 30},
				w[7] = {1, 0, 5, 1, 2, 0, 0},
				b[64],
				b2[64],
				gvf,
				gvf2,
				big[7],
				wbig[7];
	uint64_t	c[64];
	size_t		k,
				k2,
				bad,
				i;
	int			m;

	CHECK(cg_breaks(x, w, 7, 5, CG_BREAKS_HEADTAIL, scratch, us, b, c, &k, &gvf, &bad) == CG_OK);
	CHECK(k == 4);
	CHECK(b[0] == 48.0 / 9.0 && b[1] == 32.0 / 3.0 && b[2] == 11.0 && b[3] == 30.0);
	CHECK(cg_breaks(x, w, 7, 2, CG_BREAKS_QUANTILE, scratch, us, b, c, &k, &gvf, &bad) == CG_OK);
	CHECK(b[k - 1] == 30.0);
	for (i = 0; i < 7; i++)
	{
		wbig[i] = 1e308;
		big[i] = x[i] * 0x1p1018;
	}
	for (m = CG_BREAKS_QUANTILE; m <= CG_BREAKS_HEADTAIL; m++)
	{
		CHECK(cg_breaks(x, NULL, 7, 3, (cg_breaks_method) m, scratch, us, b, c, &k, &gvf, &bad) == CG_OK);
		CHECK(cg_breaks(x, wbig, 7, 3, (cg_breaks_method) m, scratch, us, b2, c, &k2, &gvf2, &bad) == CG_OK);
		CHECK(k == k2 && isfinite(gvf2));
		for (i = 0; i < k; i++)
			CHECK(b[i] == b2[i]);
		CHECK_NEAR(gvf, gvf2, 1e-15);
		CHECK(cg_breaks(big, NULL, 7, 3, (cg_breaks_method) m, scratch, us, b2, c, &k2, &gvf2, &bad) == CG_OK);
		CHECK(k == k2);
		for (i = 0; i < k; i++)
			CHECK(b2[i] == b[i] * 0x1p1018);
		CHECK_NEAR(gvf, gvf2, 1e-15);
	}
}

static int	breaks_countdown;

static int
breaks_cancel_after(void)
{
	return --breaks_countdown <= 0;
}

/*
 * Every loop of cg_breaks polls the cancel hook, the sort included: a hook
 * that says yes on its k-th call stops it with CG_E_CANCELED for each k up
 * to the number of polls of a whole run; without the hook it finishes.
 */
CG_TEST(test_breaks_cancel)
{
	enum
	{
		N = 300000
	};
	double	   *x = malloc(N * sizeof(double)),
			   *scratch = malloc(10 * N * sizeof(double)),
				bounds[64],
				gvf;
	uint32_t   *us = malloc(4 * (size_t) N * sizeof(uint32_t));
	uint64_t	counts[64];
	size_t		kk,
				bad,
				i;
	int			k,
				polls = 0,
				canceled = 0;

	for (i = 0; i < N; i++)
		x[i] = (double) ((i * 7919) % 100003) / 7.0;
	/* count the polls of a whole quantile run */
	cg_cancel_hook = breaks_cancel_after;
	breaks_countdown = 1 << 30;
	CHECK(cg_breaks(x, NULL, N, 4, CG_BREAKS_QUANTILE, scratch, us, bounds, counts, &kk, &gvf, &bad) == CG_OK);
	polls = (1 << 30) - breaks_countdown;
	CHECK(polls >= 3);			/* the checks, the sort, the distinct values */
	for (k = 1; k <= polls; k++)
	{
		breaks_countdown = k;
		canceled += cg_breaks(x, NULL, N, 4, CG_BREAKS_QUANTILE, scratch, us, bounds, counts, &kk,
							  &gvf, &bad) == CG_E_CANCELED;
	}
	CHECK(canceled == polls);
	cg_cancel_hook = NULL;
	CHECK(cg_breaks(x, NULL, N, 4, CG_BREAKS_QUANTILE, scratch, us, bounds, counts, &kk, &gvf, &bad) == CG_OK);
	free(x);
	free(scratch);
	free(us);
}
