/*
 * test_locate.c — facility location: cases by hand, every objective against
 * an exhaustive search over the subsets of up to 12 candidates (with and
 * without existing sites), the bounds' validity when the search is cut
 * short, bad input and cancel.
 */
#include "cg_test.h"
#include "cg_locate.h"
#include "cg_cancel.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A small deterministic generator (the tests' own; no shared state). */
static uint64_t lrng = 88172645463325252ULL;

static double
urand(void)
{
	lrng ^= lrng << 13;
	lrng ^= lrng >> 7;
	lrng ^= lrng << 17;
	return (double) (lrng >> 11) / 9007199254740992.0;
}

typedef struct inst
{
	size_t		n,
				m,
				nfixed;
	double		w[64],
				cap[20],
				d[64 * 20];
	size_t		row[65];
	uint32_t	col[64 * 20];
} inst;

/* Coverage within radius r from the distances. */
static void
cover(inst *I, double r)
{
	size_t		i,
				j,
				k = 0;

	I->row[0] = 0;
	for (i = 0; i < I->n; i++)
	{
		for (j = 0; j < I->m; j++)
			if (I->d[i * I->m + j] <= r)
				I->col[k++] = (uint32_t) j;
		I->row[i + 1] = k;
	}
}

static void
random_inst(inst *I, size_t n, size_t m, size_t nfixed, int integer_d)
{
	double		x[64],
				y[64],
				sx[20],
				sy[20];
	size_t		i,
				j;

	I->n = n;
	I->m = m;
	I->nfixed = nfixed;
	for (i = 0; i < n; i++)
	{
		x[i] = urand();
		y[i] = urand();
		I->w[i] = urand() < 0.1 ? 0.0 : floor(1 + 100 * urand());
	}
	for (j = 0; j < m; j++)
	{
		sx[j] = urand();
		sy[j] = urand();
		I->cap[j] = floor(1 + 50 * urand());
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++)
		{
			double		dd = hypot(x[i] - sx[j], y[i] - sy[j]);

			I->d[i * m + j] = integer_d ? floor(100 * dd) : dd;
		}
}

static cg_loc_problem
problem(inst *I, cg_loc_objective o, size_t p)
{
	cg_loc_problem pr;

	memset(&pr, 0, sizeof(pr));
	pr.objective = o;
	pr.n = I->n;
	pr.m = I->m;
	pr.nfixed = I->nfixed;
	pr.p = p;
	pr.w = I->w;
	pr.d = I->d;
	pr.row = I->row;
	pr.col = I->col;
	pr.cap = I->cap;
	return pr;
}

/* The objective of an open set, computed directly (the reference). */
static double
value_of(inst *I, cg_loc_objective o, const uint8_t *open)
{
	size_t		i,
				j,
				k;
	double		v = 0.0;

	if (o == CG_LOC_LSCP)
	{
		for (i = 0; i < I->n; i++)
		{
			int			c = 0;

			if (I->w[i] <= 0)
				continue;
			for (k = I->row[i]; k < I->row[i + 1]; k++)
				c |= open[I->col[k]];
			if (!c)
				return INFINITY;
		}
		for (j = 0; j < I->m - I->nfixed; j++)
			v += open[j];
		return v;
	}
	if (o == CG_LOC_MCLP)
	{
		for (i = 0; i < I->n; i++)
		{
			int			c = 0;

			for (k = I->row[i]; k < I->row[i + 1]; k++)
				c |= open[I->col[k]];
			if (c)
				v += I->w[i];
		}
		return v;
	}
	if (o == CG_LOC_EQUITY)
	{
		double		ratio[20],
					least = INFINITY;

		for (j = 0; j < I->m; j++)
		{
			double		dem = 0;

			for (i = 0; i < I->n; i++)
				for (k = I->row[i]; k < I->row[i + 1]; k++)
					if (I->col[k] == j)
						dem += I->w[i];
			ratio[j] = dem > 0 ? I->cap[j] / dem : 0;
		}
		for (i = 0; i < I->n; i++)
		{
			double		a = 0;

			if (I->w[i] <= 0)
				continue;
			for (k = I->row[i]; k < I->row[i + 1]; k++)
				if (open[I->col[k]])
					a += ratio[I->col[k]];
			least = fmin(least, a);
		}
		return least;
	}
	for (i = 0; i < I->n; i++)
	{
		double		b = INFINITY;

		if (I->w[i] <= 0)
			continue;
		for (j = 0; j < I->m; j++)
			if (open[j])
				b = fmin(b, I->d[i * I->m + j]);
		if (o == CG_LOC_PMEDIAN)
			v += I->w[i] * b;
		else
			v = fmax(v, b);
	}
	return v;
}

/* The best over every set of p candidates (LSCP: over every size). */
static double
brute(inst *I, cg_loc_objective o, size_t p)
{
	size_t		nc = I->m - I->nfixed,
				j;
	uint32_t	mask;
	uint8_t		open[20];
	int			maxim = o == CG_LOC_MCLP || o == CG_LOC_EQUITY;
	double		best = maxim ? -INFINITY : INFINITY;

	for (mask = 0; mask < (1u << nc); mask++)
	{
		double		v;

		if (o != CG_LOC_LSCP && (size_t) __builtin_popcount(mask) != p)
			continue;
		for (j = 0; j < I->m; j++)
			open[j] = j >= nc || (mask >> j & 1);
		v = value_of(I, o, open);
		if (maxim ? v > best : v < best)
			best = v;
	}
	return best;
}

static int
near_rel(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

static void
check_one(inst *I, cg_loc_objective o, size_t p)
{
	cg_loc_problem pr = problem(I, o, p);
	cg_loc_result res;
	uint8_t		open[20];
	double		want = brute(I, o, p),
				got;
	size_t		j,
				cnt = 0;
	int			maxim = o == CG_LOC_MCLP || o == CG_LOC_EQUITY;

	res.open = open;
	if (o == CG_LOC_LSCP && !isfinite(want))
	{
		CHECK(cg_locate(&pr, &res) == CG_E_MISMATCH);
		return;
	}
	CHECK(cg_locate(&pr, &res) == CG_OK);
	got = value_of(I, o, open);
	/* the sites returned have the objective reported, which is the optimum */
	CHECK_NEAR(res.objective, got, 1e-12);
	if (!near_rel(res.objective, want))
		fprintf(stderr, "  objective %d p %zu: %.17g, exhaustive %.17g\n", (int) o, p, res.objective, want);
	CHECK(near_rel(res.objective, want));
	CHECK(res.optimal);
	/* a valid bound, on the right side */
	CHECK(maxim ? res.bound >= want - 1e-9 * fabs(want) : res.bound <= want + 1e-9 * fabs(want));
	for (j = 0; j < I->m; j++)
	{
		if (j >= I->m - I->nfixed)
			CHECK(open[j] == 1);
		else
			cnt += open[j];
	}
	if (o != CG_LOC_LSCP)
		CHECK(cnt == p);
}

/*
 * By hand, on a line: points at 0, 1, 2, 10, 11 (weights 1, 1, 1, 2, 2),
 * candidates at the same places.  p-median, p = 2: {1, 10} or {1, 11} cost
 * 1 + 0 + 1 + 0 + 2 = 4.  p-center, p = 2: 1.  MCLP, radius 1, p = 1: a
 * site at 10 or 11 covers 4, one at 1 covers 3: 4.  LSCP, radius 1: two
 * sites.
 */
CG_TEST(test_locate_hand)
{
	inst		I;
	double		pos[5] = {0, 1, 2, 10, 11};
	size_t		i,
				j;
	cg_loc_problem pr;
	cg_loc_result res;
	uint8_t		open[5];

	memset(&I, 0, sizeof(I));
	I.n = I.m = 5;
	for (i = 0; i < 5; i++)
	{
		I.w[i] = i < 3 ? 1 : 2;
		I.cap[i] = 1;
		for (j = 0; j < 5; j++)
			I.d[i * 5 + j] = fabs(pos[i] - pos[j]);
	}
	cover(&I, 1.0);
	res.open = open;
	pr = problem(&I, CG_LOC_PMEDIAN, 2);
	CHECK(cg_locate(&pr, &res) == CG_OK);
	CHECK_EQ(res.objective, 4.0);
	CHECK(res.optimal && open[1] && (open[3] || open[4]));
	pr = problem(&I, CG_LOC_PCENTER, 2);
	CHECK(cg_locate(&pr, &res) == CG_OK);
	CHECK_EQ(res.objective, 1.0);
	CHECK(res.optimal);
	pr = problem(&I, CG_LOC_MCLP, 1);
	CHECK(cg_locate(&pr, &res) == CG_OK);
	CHECK_EQ(res.objective, 4.0);
	CHECK(open[3] || open[4]);
	pr = problem(&I, CG_LOC_LSCP, 0);
	CHECK(cg_locate(&pr, &res) == CG_OK);
	CHECK_EQ(res.objective, 2.0);
	CHECK(open[1] && (open[3] || open[4]));
	/*
	 * Equity, radius 1, capacities 1: R_0 = 1/2, R_1 = 1/3, R_2 = 1/2,
	 * R_3 = R_4 = 1/4.  One site: the least access is 0 for any (a point
	 * is always left out).  Two sites, {1, 3}: access (1/3, 1/3, 1/3,
	 * 1/4, 1/4): 1/4, the best.
	 */
	pr = problem(&I, CG_LOC_EQUITY, 1);
	CHECK(cg_locate(&pr, &res) == CG_OK);
	CHECK_EQ(res.objective, 0.0);
	CHECK(res.optimal);
	pr = problem(&I, CG_LOC_EQUITY, 2);
	CHECK(cg_locate(&pr, &res) == CG_OK);
	CHECK_NEAR(res.objective, 0.25, 1e-15);
	CHECK(res.optimal);
}

CG_TEST(test_locate_brute_force)
{
	int			rep;
	inst		I;

	for (rep = 0; rep < 60; rep++)
	{
		size_t		m = 6 + (size_t) (urand() * 7),		/* up to 12 candidates */
					nfixed = rep % 3 == 0 ? 2 : 0,
					n = 10 + (size_t) (urand() * 40),
					p = 1 + (size_t) (urand() * (m - 1)),
					mm = m + nfixed;
		int			integer_d = rep % 2;

		random_inst(&I, n, mm, nfixed, integer_d);
		if (p > m)
			p = m;
		check_one(&I, CG_LOC_PMEDIAN, p);
		check_one(&I, CG_LOC_PCENTER, p);
		cover(&I, integer_d ? 30.0 : 0.3);
		check_one(&I, CG_LOC_MCLP, p);
		check_one(&I, CG_LOC_EQUITY, p);
		cover(&I, integer_d ? 45.0 : 0.45);
		check_one(&I, CG_LOC_LSCP, 0);
	}
}

/*
 * MCLP on clusters far apart (the candidates fall into groups that share no
 * point, which the kernel solves group by group) and with many points of
 * the same sites (merged) and dominated candidates: up to 18 candidates,
 * against the exhaustive search.
 */
CG_TEST(test_locate_mclp_groups)
{
	int			rep;
	inst		I;

	for (rep = 0; rep < 40; rep++)
	{
		size_t		nclus = 3 + (size_t) (urand() * 4),
					nfixed = rep % 4 == 0 ? 1 : 0,
					m = 0,
					n = 0,
					c,
					i,
					j,
					p;
		double		cx[8],
					cy[8],
					px[64],
					py[64],
					sx[20],
					sy[20];

		memset(&I, 0, sizeof(I));
		for (c = 0; c < nclus; c++)
		{
			size_t		ms = 2 + (size_t) (urand() * 3),
						ns = 6 + (size_t) (urand() * 8);

			cx[c] = 10.0 * (double) c;
			cy[c] = 10.0 * urand();
			for (j = 0; j < ms && m < 18 - nfixed; j++, m++)
			{
				sx[m] = cx[c] + urand();
				sy[m] = cy[c] + urand();
			}
			for (i = 0; i < ns && n < 64; i++, n++)
			{
				/* a third of the points on a grid of four places: the same sites */
				px[n] = cx[c] + (urand() < 0.33 ? 0.5 * (double) (int) (urand() * 3) : urand() * 1.2);
				py[n] = cy[c] + urand() * 1.2;
				I.w[n] = urand() < 0.1 ? 0.0 : floor(1 + 100 * urand());
			}
		}
		/* the existing site (the last) inside the first cluster */
		for (j = 0; j < nfixed; j++, m++)
		{
			sx[m] = cx[0] + 0.5;
			sy[m] = cy[0] + 0.5;
		}
		I.n = n;
		I.m = m;
		I.nfixed = nfixed;
		for (i = 0; i < n; i++)
			for (j = 0; j < m; j++)
				I.d[i * m + j] = hypot(px[i] - sx[j], py[i] - sy[j]);
		cover(&I, 0.5 + 0.4 * urand());
		for (p = 1; p < m - nfixed; p += 1 + (size_t) (urand() * 3))
			check_one(&I, CG_LOC_MCLP, p);
	}
}

/* The demand that the open sites cover. */
static double
covered_by(size_t n, const size_t *row, const uint32_t *col, const double *w, const uint8_t *open)
{
	double		v = 0.0;
	size_t		i,
				t;

	for (i = 0; i < n; i++)
	{
		int			cov = 0;

		for (t = row[i]; t < row[i + 1]; t++)
			cov |= open[col[t]];
		if (cov)
			v += w[i];
	}
	return v;
}

/*
 * MCLP on up to 12 clusters of 3 to 6 candidates each (up to 72), far
 * apart, against a reference of its own: each cluster's best cover with k
 * of its sites by exhaustive search, the clusters' shares by dynamic
 * programming.  Loose enough that the root's bound does not settle it, so
 * the kernel's search by groups runs.
 */
CG_TEST(test_locate_mclp_clusters)
{
	int			rep;

	for (rep = 0; rep < 24; rep++)
	{
		size_t		nclus = 6 + (size_t) (urand() * 7),
					nfixed = rep % 3 == 0 ? 1 : 0,
					mc[12],
					nc0[12],
					n = 0,
					m = 0,
					c,
					i,
					j,
					k,
					t,
					p,
					r;
		double	   *px = malloc(12 * 24 * sizeof(double)),
				   *py = malloc(12 * 24 * sizeof(double)),
				   *w = malloc(12 * 24 * sizeof(double)),
				   *sx = malloc(80 * sizeof(double)),
				   *sy = malloc(80 * sizeof(double)),
				   *f = malloc(12 * 7 * sizeof(double)),
				   *dp = malloc(13 * 80 * sizeof(double));
		size_t	   *row = malloc((12 * 24 + 1) * sizeof(size_t)),
				   *clus = malloc(12 * 24 * sizeof(size_t));
		uint32_t   *col = malloc(12 * 24 * 80 * sizeof(uint32_t));
		uint8_t    *open = malloc(80);
		double		radius = 0.45 + 0.3 * urand();

		for (c = 0; c < nclus; c++)
		{
			size_t		ns = 8 + (size_t) (urand() * 16);

			mc[c] = 3 + (size_t) (urand() * 4);
			nc0[c] = m;
			for (j = 0; j < mc[c]; j++, m++)
			{
				sx[m] = 10.0 * (double) c + urand();
				sy[m] = urand();
			}
			for (i = 0; i < ns; i++, n++)
			{
				px[n] = 10.0 * (double) c + urand() * 1.2 - 0.1;
				py[n] = urand() * 1.2 - 0.1;
				w[n] = urand() < 0.1 ? 0.0 : floor(1 + 100 * urand());
				clus[n] = c;
			}
		}
		/* an existing site (the last) in cluster 0 */
		if (nfixed)
		{
			sx[m] = 0.5;
			sy[m] = 0.5;
			m++;
		}
		row[0] = 0;
		for (i = 0, t = 0; i < n; i++)
		{
			for (j = 0; j < m; j++)
				if (hypot(px[i] - sx[j], py[i] - sy[j]) <= radius)
					col[t++] = (uint32_t) j;
			row[i + 1] = t;
		}
		/* the reference: f[c][k], each cluster's best with k of its candidates (existing one open) */
		for (c = 0; c < nclus; c++)
		{
			uint32_t	mask;

			for (k = 0; k <= mc[c]; k++)
				f[c * 7 + k] = 0.0;
			for (mask = 0; mask < (1u << mc[c]); mask++)
			{
				double		v = 0.0;

				for (i = 0; i < n; i++)
				{
					int			cov = 0;

					if (clus[i] != c)
						continue;
					for (t = row[i]; t < row[i + 1]; t++)
					{
						j = col[t];
						cov |= j == m - 1 && nfixed ? 1 :
							(j >= nc0[c] && j < nc0[c] + mc[c] && (mask >> (j - nc0[c]) & 1));
					}
					if (cov)
						v += w[i];
				}
				k = (size_t) __builtin_popcount(mask);
				f[c * 7 + k] = fmax(f[c * 7 + k], v);
			}
		}
		for (p = 1; p + 1 < m - nfixed; p += 1 + (size_t) (urand() * 4))
		{
			cg_loc_problem pr;
			cg_loc_result res;
			double		want,
						got;
			size_t		cnt = 0;

			/* dp[c][r]: the best of clusters < c with r sites */
			for (r = 0; r <= p; r++)
				dp[r] = r == 0 ? 0.0 : -INFINITY;
			for (c = 0; c < nclus; c++)
				for (r = 0; r <= p; r++)
				{
					double		b = -INFINITY;

					for (k = 0; k <= mc[c] && k <= r; k++)
						b = fmax(b, dp[c * 80 + r - k] + f[c * 7 + k]);
					dp[(c + 1) * 80 + r] = b;
				}
			want = dp[nclus * 80 + p];
			memset(&pr, 0, sizeof(pr));
			pr.objective = CG_LOC_MCLP;
			pr.n = n;
			pr.m = m;
			pr.nfixed = nfixed;
			pr.p = p;
			pr.w = w;
			pr.row = row;
			pr.col = col;
			res.open = open;
			CHECK(cg_locate(&pr, &res) == CG_OK);
			got = covered_by(n, row, col, w, open);
			for (j = 0; j < m - nfixed; j++)
				cnt += open[j];
			if (!near_rel(res.objective, want))
				fprintf(stderr, "  clusters %zu p %zu: %.17g, reference %.17g\n", nclus, p, res.objective, want);
			CHECK(near_rel(res.objective, want));
			CHECK_EQ(res.objective, got);
			CHECK(res.optimal && res.bound >= want - 1e-9 * want);
			CHECK(cnt == p && (!nfixed || open[m - 1]));
			/* cut short at any point of the search: a true bound and a true objective */
			pr.work_limit = 2000.0 + 40000.0 * urand();
			CHECK(cg_locate(&pr, &res) == CG_OK);
			got = covered_by(n, row, col, w, open);
			CHECK_EQ(res.objective, got);
			CHECK(res.bound >= want - 1e-9 * want && res.objective <= want);
		}
		free(px);
		free(py);
		free(w);
		free(sx);
		free(sy);
		free(f);
		free(dp);
		free(row);
		free(clus);
		free(col);
		free(open);
	}
}

/* Cut short (a tiny work limit): the bound is still on the right side of the optimum. */
CG_TEST(test_locate_bound_valid)
{
	int			rep;
	inst		I;

	for (rep = 0; rep < 20; rep++)
	{
		cg_loc_objective objs[5] = {CG_LOC_PMEDIAN, CG_LOC_PCENTER, CG_LOC_MCLP, CG_LOC_EQUITY, CG_LOC_LSCP};
		int			o;

		random_inst(&I, 60, 12, 0, 0);
		cover(&I, 0.35);
		for (o = 0; o < 5; o++)
		{
			cg_loc_problem pr = problem(&I, objs[o], 4);
			cg_loc_result res;
			uint8_t		open[20];
			double		want = brute(&I, objs[o], 4);
			int			maxim = objs[o] == CG_LOC_MCLP || objs[o] == CG_LOC_EQUITY;

			if (objs[o] == CG_LOC_LSCP && !isfinite(want))
				continue;
			pr.work_limit = 1.0;
			res.open = open;
			CHECK(cg_locate(&pr, &res) == CG_OK);
			CHECK_NEAR(value_of(&I, objs[o], open), res.objective, 1e-12);
			if (maxim)
				CHECK(res.bound >= want - 1e-9 * fabs(want) && res.objective <= want + 1e-9 * fabs(want));
			else
				CHECK(res.bound <= want + 1e-9 * fabs(want) && res.objective >= want - 1e-9 * fabs(want));
			if (res.optimal)
				CHECK(near_rel(res.objective, want));
			/* the root's Lagrangian bound alone is close for p-median and MCLP (a broken bound is not) */
			if (objs[o] == CG_LOC_PMEDIAN)
				CHECK(res.bound >= 0.9 * want);
			if (objs[o] == CG_LOC_MCLP)
				CHECK(res.bound <= 1.1 * want);
		}
	}
}

CG_TEST(test_locate_bad_input)
{
	inst		I;
	cg_loc_problem pr;
	cg_loc_result res;
	uint8_t		open[20];

	random_inst(&I, 40, 10, 2, 0);
	cover(&I, 0.3);
	res.open = open;
	/* p beyond the candidates (existing sites do not count) */
	pr = problem(&I, CG_LOC_PMEDIAN, 9);
	CHECK(cg_locate(&pr, &res) == CG_E_LENGTH);
	I.w[3] = NAN;
	pr = problem(&I, CG_LOC_MCLP, 2);
	CHECK(cg_locate(&pr, &res) == CG_E_NAN && res.bad == 3);
	I.w[3] = -1;
	CHECK(cg_locate(&pr, &res) == CG_E_NEGATIVE && res.bad == 3);
	I.w[3] = 1;
	I.d[5 * I.m + 4] = INFINITY;
	pr = problem(&I, CG_LOC_PMEDIAN, 2);
	CHECK(cg_locate(&pr, &res) == CG_E_INFINITE && res.bad == 5);
	I.d[5 * I.m + 4] = 0.5;
	I.cap[7] = NAN;
	pr = problem(&I, CG_LOC_EQUITY, 2);
	CHECK(cg_locate(&pr, &res) == CG_E_NAN && res.bad == I.n + 7);
	I.cap[7] = 1;
	/* LSCP: a point with demand that nothing covers */
	cover(&I, 0.0);
	pr = problem(&I, CG_LOC_LSCP, 0);
	CHECK(cg_locate(&pr, &res) == CG_E_MISMATCH);
}

/* No point has demand: every objective still opens exactly p sites, with objective 0 (MCLP, p-median, p-center). */
CG_TEST(test_locate_no_demand)
{
	inst		I;
	cg_loc_objective objs[3] = {CG_LOC_MCLP, CG_LOC_PMEDIAN, CG_LOC_PCENTER};
	int			o;

	random_inst(&I, 20, 8, 1, 0);
	memset(I.w, 0, sizeof(I.w));
	cover(&I, 0.3);
	for (o = 0; o < 3; o++)
	{
		cg_loc_problem pr = problem(&I, objs[o], 3);
		cg_loc_result res;
		uint8_t		open[20];
		size_t		j,
					cnt = 0;

		res.open = open;
		CHECK(cg_locate(&pr, &res) == CG_OK);
		for (j = 0; j < I.m - I.nfixed; j++)
			cnt += open[j];
		CHECK(cnt == 3 && open[I.m - 1]);
		CHECK_EQ(res.objective, 0.0);
		CHECK(res.optimal);
	}
}

static int	polls;

static int
cancel_third(void)
{
	return ++polls >= 3;
}

/* Every objective stops at the cancel hook on an instance of 2,000 points and 300 sites. */
CG_TEST(test_locate_cancel)
{
	size_t		n = 2000,
				m = 300,
				i,
				j,
				k = 0;
	double	   *w = malloc(n * sizeof(double)),
			   *d = malloc(n * m * sizeof(double)),
			   *cap = malloc(m * sizeof(double)),
			   *sx = malloc(m * 2 * sizeof(double));
	size_t	   *row = malloc((n + 1) * sizeof(size_t));
	uint32_t   *col = malloc(n * m * sizeof(uint32_t));
	uint8_t    *open = malloc(m);
	int			o;

	for (j = 0; j < m; j++)
	{
		sx[2 * j] = urand();
		sx[2 * j + 1] = urand();
		cap[j] = 1;
	}
	row[0] = 0;
	for (i = 0; i < n; i++)
	{
		double		x = urand(),
					y = urand();

		w[i] = 1 + urand();
		for (j = 0; j < m; j++)
		{
			d[i * m + j] = hypot(x - sx[2 * j], y - sx[2 * j + 1]);
			if (d[i * m + j] <= 0.5)
				col[k++] = (uint32_t) j;
		}
		row[i + 1] = k;
	}
	for (o = CG_LOC_LSCP; o <= CG_LOC_EQUITY; o++)
	{
		cg_loc_problem pr;
		cg_loc_result res;

		memset(&pr, 0, sizeof(pr));
		pr.objective = (cg_loc_objective) o;
		pr.n = n;
		pr.m = m;
		pr.p = 20;
		pr.w = w;
		pr.d = d;
		pr.row = row;
		pr.col = col;
		pr.cap = cap;
		res.open = open;
		polls = 0;
		cg_cancel_hook = cancel_third;
		CHECK(cg_locate(&pr, &res) == CG_E_CANCELED);
		cg_cancel_hook = NULL;
	}
	free(w);
	free(d);
	free(cap);
	free(sx);
	free(row);
	free(col);
	free(open);
}
