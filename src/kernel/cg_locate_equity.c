/*
 * cg_locate_equity.c — equity of 2SFCA access (cg_locate.h): maximize the
 * least access; greedy and swaps for the incumbent, each node bounded by the
 * points' best k sites, the root also by a cover argument (cg_locate_cover.c's
 * decision); and cg_locate_access, the access of a set of open sites.
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static cg_status
eq_ratios(loc *L, const size_t *jrow, const uint32_t *jcol, double *ratio)
{
	const double *w = L->pr->w,
			   *cap = L->pr->cap;
	size_t		j,
				t;

	for (j = 0; j < L->m; j++)
	{
		double		hi = 0.0,
					lo = 0.0;

		for (t = jrow[j]; t < jrow[j + 1]; t++)
			cg_psum_add(&hi, &lo, w[jcol[t]]);
		ratio[j] = hi + lo > 0.0 ? cap[j] / (hi + lo) : 0.0;
		if (loc_tick(L, jrow[j + 1] - jrow[j] + 1))
			return CG_E_CANCELED;
	}
	return CG_OK;
}

/* Access of every point with the open sites, summed in site order. */
static void
eq_access(loc *L, cv *C, const uint8_t *open, double *acc)
{
	size_t		i,
				t;

	for (i = 0; i < L->n; i++)
	{
		double		hi = 0.0,
					lo = 0.0;

		for (t = C->row[i]; t < C->row[i + 1]; t++)
			if (open[C->col[t]])
				cg_psum_add(&hi, &lo, C->ratio[C->col[t]]);
		acc[i] = hi + lo;
		/* a cancel seen here is kept (loc_tick) and stops the caller's next loop */
		(void) loc_tick(L, C->row[i + 1] - C->row[i] + 1);
	}
}

/* The least access over points with demand (INFINITY when there are none). */
static double
eq_min(loc *L, const double *acc)
{
	double		v = INFINITY;
	size_t		i;

	for (i = 0; i < L->n; i++)
		if (L->pr->w[i] > 0.0 && acc[i] < v)
			v = acc[i];
	(void) loc_tick(L, L->n);
	return v;
}

static double
eq_shortfall(loc *L, const double *acc, double target)
{
	double		hi = 0.0,
				lo = 0.0;
	size_t		i;

	for (i = 0; i < L->n; i++)
		if (L->pr->w[i] > 0.0 && acc[i] < target)
			cg_psum_add(&hi, &lo, L->pr->w[i] * (target - acc[i]));
	(void) loc_tick(L, L->n);
	return hi + lo;
}

/*
 * Points with demand in ascending access (ties by index) into C->ord; *q_out their count.
 */
static cg_status
eq_order(loc *L, cv *C, const double *acc, size_t *q_out)
{
	size_t		i,
				q = 0;
	double	   *rows = malloc(2 * (L->n ? L->n : 1) * sizeof(double)),
			   *buf = malloc(2 * (L->n ? L->n : 1) * sizeof(double));
	cg_status	st;

	for (i = 0; i < L->n; i++)
		if (L->pr->w[i] > 0.0)
			C->ord[q++] = (uint32_t) i;
	st = rows && buf ? loc_sort_by_key(L, acc, C->ord, q, rows, buf) : CG_E_NOMEM;
	free(rows);
	free(buf);
	*q_out = q;
	return st;
}

/*
 * The least access and the shortfall below C->target after opening jin and
 * closing jout (either may be -1), from acc with the points in C->ord.
 */
static void
eq_try(loc *L, cv *C, size_t q, const double *acc, long jin, long jout, uint32_t tag,
	   double *minv, double *shortv, double short0)
{
	const double *w = L->pr->w;
	double		v = INFINITY,
				ds = 0.0,
				tg = C->target;
	size_t		t;
	long		js[2];
	double		sg[2];
	int			r;

	js[0] = jin;
	sg[0] = 1.0;
	js[1] = jout;
	sg[1] = -1.0;
	/* the changed points: their new access (a point in both catchments gains and loses) */
	for (r = 0; r < 2; r++)
	{
		if (js[r] < 0)
			continue;
		for (t = C->jrow[js[r]]; t < C->jrow[js[r] + 1]; t++)
		{
			uint32_t	p = C->jcol[t];
			double		a;

			if (!(w[p] > 0.0) || C->stamp[p] == tag)
				continue;
			C->stamp[p] = tag;
			a = acc[p];
			{
				size_t		z;

				for (z = 0; z < 2; z++)
				{
					if (js[z] < 0)
						continue;
					/* is p in the catchment of js[z]?  binary search of p's sites */
					{
						size_t		lo = C->row[p],
									hi = C->row[p + 1];

						while (lo < hi)
						{
							size_t		mid = lo + (hi - lo) / 2;

							if (C->col[mid] < (uint32_t) js[z])
								lo = mid + 1;
							else
								hi = mid;
						}
						if (lo < C->row[p + 1] && C->col[lo] == (uint32_t) js[z])
							a += sg[z] * C->ratio[js[z]];
					}
				}
			}
			if (a < v)
				v = a;
			ds += w[p] * (fmax(0.0, tg - a) - fmax(0.0, tg - acc[p]));
		}
	}
	/* the least unchanged point */
	for (t = 0; t < q; t++)
		if (C->stamp[C->ord[t]] != tag)
		{
			if (acc[C->ord[t]] < v)
				v = acc[C->ord[t]];
			break;
		}
	*minv = v;
	*shortv = short0 + ds;
	C->walked = t;
}

/* Lexicographic: a higher least access, then (the same within rounding) less shortfall. */
static int
eq_better(double m1, double s1, double m0, double s0)
{
	double		tol = 1e-12 * fmax(fabs(m0), fabs(m1));

	if (m1 > m0 + tol)
		return 1;
	if (m1 < m0 - tol)
		return 0;
	return s1 < s0 - 1e-12 * fmax(fabs(s0), 1e-300);
}

/* Greedy additions (k), then swaps, from open; the access left in C->acc. */
static cg_status
eq_heuristic(loc *L, cv *C, uint8_t *open, size_t k, int swaps)
{
	size_t		nc = L->ncand,
				q,
				j,
				f,
				step;
	uint32_t	tag = 0;
	double		minv,
				shortv;
	cg_status	st;

	eq_access(L, C, open, C->acc);
	for (step = 0; step < k; step++)
	{
		long		bj = -1;
		double		bm = -INFINITY,
					bsh = INFINITY,
					s0 = eq_shortfall(L, C->acc, C->target);

		if ((st = eq_order(L, C, C->acc, &q)) != CG_OK)
			return st;
		for (j = 0; j < nc; j++)
		{
			if (open[j] || L->st[j] != LOC_FREE)
				continue;
			eq_try(L, C, q, C->acc, (long) j, -1, ++tag, &minv, &shortv, s0);
			if (bj < 0 || eq_better(minv, shortv, bm, bsh))
			{
				bj = (long) j;
				bm = minv;
				bsh = shortv;
			}
			if (loc_tick(L, 2 * (C->jrow[j + 1] - C->jrow[j]) + C->walked + 16))
				return CG_E_CANCELED;
		}
		if (bj < 0)
			break;
		open[bj] = 1;
		eq_access(L, C, open, C->acc);
	}
	while (swaps-- > 0)
	{
		long		bin = -1,
					bout = -1;
		double		m0 = eq_min(L, C->acc),
					s0 = eq_shortfall(L, C->acc, C->target),
					bm = m0,
					bsh = s0;

		if ((st = eq_order(L, C, C->acc, &q)) != CG_OK)
			return st;
		for (f = 0; f < nc; f++)
		{
			if (!open[f] || L->st[f] != LOC_FREE)
				continue;
			for (j = 0; j < nc; j++)
			{
				if (open[j] || L->st[j] != LOC_FREE)
					continue;
				eq_try(L, C, q, C->acc, (long) j, (long) f, ++tag, &minv, &shortv, s0);
				if (eq_better(minv, shortv, bm, bsh))
				{
					bin = (long) j;
					bout = (long) f;
					bm = minv;
					bsh = shortv;
				}
				if (loc_tick(L, 2 * (C->jrow[j + 1] - C->jrow[j] + C->jrow[f + 1] - C->jrow[f]) + C->walked + 16))
					return CG_E_CANCELED;
			}
		}
		if (bin < 0)
			break;
		open[bin] = 1;
		open[bout] = 0;
		eq_access(L, C, open, C->acc);
		if (!eq_better(eq_min(L, C->acc), eq_shortfall(L, C->acc, C->target), m0, s0))
		{
			open[bin] = 0;
			open[bout] = 1;
			eq_access(L, C, open, C->acc);
			break;
		}
	}
	return CG_OK;
}

/*
 * The node's bound: min over points with demand of their access from the
 * forced-open sites plus their k best free sites (k = p - forced); *worst:
 * the point with the least such bound among those a free site reaches (-1:
 * none).  The access of the forced-open sites is left in C->acc.
 */
static cg_status
eq_bound(loc *L, cv *C, size_t k, double *ub_out, long *worst)
{
	const double *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				i,
				j,
				t;
	double		ub = INFINITY,
				worst_v = INFINITY;

	*worst = -1;
	for (j = 0; j < m; j++)
		C->open[j] = L->st[j] == LOC_IN;
	eq_access(L, C, C->open, C->acc);
	for (i = 0; i < n; i++)
	{
		double		b = C->acc[i];
		size_t		cnt = 0;

		if (!(w[i] > 0.0))
			continue;
		if (k > 0)
			for (t = C->row[i]; t < C->row[i + 1]; t++)
				if (L->st[C->col[t]] == LOC_FREE)
					C->gain[cnt++] = C->ratio[C->col[t]];
		if (cnt <= k)
			for (t = 0; t < cnt; t++)
				b += C->gain[t];
		else
		{
			/* the k largest: the k smallest of minus them */
			for (t = 0; t < cnt; t++)
			{
				C->idx[t] = (uint32_t) t;
				C->s[t] = -C->gain[t];
			}
			loc_select_smallest(C->s, C->idx, cnt, k);
			for (t = 0; t < k; t++)
				b += C->gain[C->idx[t]];
		}
		if (b < ub)
			ub = b;
		if (cnt > 0 && b < worst_v)
		{
			*worst = (long) i;
			worst_v = b;
		}
		if (loc_tick(L, C->row[i + 1] - C->row[i] + 1))
			return CG_E_CANCELED;
	}
	*ub_out = ub;
	return CG_OK;
}

/*
 * A bound from covers: the least access can pass a level v only if every
 * point with demand whose access from the existing sites is <= v gets a new
 * site, so when those points cannot be covered by p new sites (proven by the
 * decision form of LSCP), the least access is <= v.  Bisection over the
 * distinct levels; C->cover_ub the least level proven so.
 */
static cg_status
eq_cover_bound(loc *L, cv *C)
{
	size_t		n = L->n,
				m = L->m,
				i,
				t,
				nv = 0,
				nnz = 0,
				lo,
				hi;
	const double *w = L->pr->w;
	double	   *vals = malloc((n ? n : 1) * sizeof(double)),
			   *w2 = malloc((n ? n : 1) * sizeof(double));
	size_t	   *row = malloc((n + 1) * sizeof(size_t));
	uint32_t   *col = malloc((C->row[n] ? C->row[n] : 1) * sizeof(uint32_t));
	uint8_t    *open = malloc(m);
	cg_status	st = CG_OK;

	if (!vals || !w2 || !row || !col || !open)
	{
		st = CG_E_NOMEM;
		goto done;
	}
	/* the free sites of each point */
	row[0] = 0;
	for (i = 0; i < n; i++)
	{
		for (t = C->row[i]; t < C->row[i + 1]; t++)
			if (L->st[C->col[t]] == LOC_FREE)
				col[nnz++] = C->col[t];
		row[i + 1] = nnz;
	}
	for (t = 0; t < m; t++)
		open[t] = L->st[t] == LOC_IN;
	eq_access(L, C, open, C->acc);
	for (i = 0; i < n; i++)
		if (w[i] > 0.0)
			vals[nv++] = C->acc[i];
	/* the levels in ascending order (C->ord: the points with demand, in that order) */
	if ((st = eq_order(L, C, C->acc, &nv)) != CG_OK)
		goto done;
	for (t = 0; t < nv; t++)
		vals[t] = C->acc[C->ord[t]];
	{
		size_t		u = 0;

		for (t = 0; t < nv; t++)
			if (u == 0 || vals[t] != vals[u - 1])
				vals[u++] = vals[t];
		nv = u;
	}
	lo = 0;
	hi = nv;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			answer;

		for (i = 0; i < n; i++)
			w2[i] = w[i] > 0.0 && C->acc[i] <= vals[mid] ? 1.0 : 0.0;
		if ((st = loc_cover_decide(L, row, col, w2, L->p - L->nin, &answer, open)) != CG_OK)
			goto done;
		if (answer == 0)
			hi = mid;
		else
			lo = mid + 1;
		if (L->work >= L->limit)
			break;
	}
	if (hi < nv)
		C->cover_ub = vals[hi];
done:
	free(vals);
	free(w2);
	free(row);
	free(col);
	free(open);
	return st;
}

static cg_status
eq_eval(loc *L, int root, double *lb, long *branch)
{
	cv		   *C = L->obj;
	size_t		nfree = 0,
				k,
				j,
				t;
	double		ub;
	long		worst;
	cg_status	st;

	*branch = -1;
	for (j = 0; j < L->ncand; j++)
		nfree += L->st[j] == LOC_FREE;
	if (L->nin > L->p || L->p - L->nin > nfree)
	{
		*lb = INFINITY;
		return CG_OK;
	}
	k = L->p - L->nin;
	if ((st = eq_bound(L, C, k, &ub, &worst)) != CG_OK)
		return st;
	/* a solution from here: greedy completion (and swaps at the root); C->open holds the forced sites */
	if ((st = eq_heuristic(L, C, C->open, k, root ? 100 : 0)) != CG_OK)
		return st;
	loc_offer(L, C->open, -eq_min(L, C->acc));
	ub = fmin(ub, C->cover_ub);
	*lb = -ub;
	if (!loc_prunable(L, -ub) && worst >= 0)
	{
		/* the point with the least bound that a free site reaches: its best free site */
		double		br = -INFINITY;

		for (t = C->row[worst]; t < C->row[worst + 1]; t++)
		{
			j = C->col[t];
			if (L->st[j] == LOC_FREE && C->ratio[j] > br)
			{
				br = C->ratio[j];
				*branch = (long) j;
			}
		}
	}
	return CG_OK;
}

cg_status
loc_equity(loc *L, cg_loc_result *res)
{
	cv			C;
	double		bound;
	long		worst;
	cg_status	st;

	if ((st = cv_alloc(L, &C, L->pr->row, L->pr->col, 0)) != CG_OK)
		goto done;
	L->obj = &C;
	if ((st = eq_ratios(L, C.jrow, C.jcol, C.ratio)) != CG_OK)
		goto done;
	/* the shortfall's level: the root's bound (no access above it counts) */
	if ((st = eq_bound(L, &C, L->p, &C.target, &worst)) != CG_OK)
		goto done;
	if (!isfinite(C.target))
		C.target = 0.0;
	C.cover_ub = INFINITY;
	if (L->p > 0 && (st = eq_cover_bound(L, &C)) != CG_OK)
		goto done;
	if ((st = loc_search(L, eq_eval, &bound)) != CG_OK)
		goto done;
	res->objective = -L->ub;
	res->bound = fmax(-bound, -L->ub);
done:
	cv_free(&C);
	L->obj = NULL;
	return st;
}

cg_status
cg_locate_access(const cg_loc_problem *pr, const uint8_t *open, double *access, double *ratio)
{
	loc			L;
	cv			C;
	cg_status	st;

	memset(&L, 0, sizeof(L));
	L.pr = pr;
	L.n = pr->n;
	L.m = pr->m;
	L.limit = INFINITY;
	if ((st = loc_transpose(&L, pr->row, pr->col)) != CG_OK)
		goto done;
	memset(&C, 0, sizeof(C));
	C.row = pr->row;
	C.col = pr->col;
	C.ratio = ratio;
	if ((st = eq_ratios(&L, L.jrow, L.jcol, ratio)) != CG_OK)
		goto done;
	eq_access(&L, &C, open, access);
	if (L.canceled)
		st = CG_E_CANCELED;
done:
	free(L.jrow);
	free(L.jcol);
	return st;
}
