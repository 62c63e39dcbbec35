/*
 * cg_locate_cover.c — the coverage objectives of cg_locate.h: LSCP (and its
 * decision form, which p-center uses), MCLP and equity of 2SFCA access.
 * Each node of the search (cg_locate.c) is bounded by a Lagrangian
 * relaxation of the coverage rows (LSCP, MCLP) or by the best k sites of
 * every point (equity).
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The state of a coverage objective. */
typedef struct cv
{
	const size_t *row;			/* by point */
	const uint32_t *col;
	const size_t *jrow;			/* by site */
	const uint32_t *jcol;
	uint8_t    *alive;			/* n: has demand, not covered by a site forced open */
	int32_t    *cc;				/* n: open sites covering the point */
	double	   *u;				/* n: multipliers */
	double	   *ubest;			/* n: the multipliers of the best bound */
	double	   *g;				/* n: subgradient */
	double	   *s;				/* m */
	uint8_t    *x;				/* m: the relaxation's sites */
	uint8_t    *open;			/* m */
	double	   *gain;			/* m */
	uint32_t   *idx;			/* m */
	int32_t    *pos;			/* m */
	double	   *extra;			/* p * ncand (MCLP interchange) */
	double	   *ratio;			/* m (equity) */
	double	   *acc;			/* n (equity) */
	uint32_t   *ord;			/* n (equity) */
	uint32_t   *stamp;			/* n (equity) */
	double		target;			/* equity: the shortfall's level */
	double		cover_ub;		/* equity: the root's bound from covers */
	double	   *sbest;			/* m: MCLP, the site values of the best bound */
	uint8_t    *xbest;			/* m: MCLP, the relaxation's sites there */
	int			integral;		/* MCLP: every demand a whole number */
	size_t		walked;			/* equity: the points eq_try looked at in the order */
	int			drop_unreachable;	/* MCLP: a point no free site covers is not alive */
	double	   *gd;				/* n: MCLP and LSCP, the deflected direction */
} cv;

static void
cv_free(cv *C)
{
	free(C->alive);
	free(C->cc);
	free(C->u);
	free(C->ubest);
	free(C->g);
	free(C->s);
	free(C->x);
	free(C->open);
	free(C->gain);
	free(C->idx);
	free(C->pos);
	free(C->extra);
	free(C->ratio);
	free(C->acc);
	free(C->ord);
	free(C->stamp);
	free(C->sbest);
	free(C->xbest);
	free(C->gd);
}

static cg_status
cv_alloc(loc *L, cv *C, const size_t *row, const uint32_t *col, size_t extra)
{
	size_t		n = L->n ? L->n : 1,
				m = L->m;
	cg_status	st;

	memset(C, 0, sizeof(*C));
	C->row = row;
	C->col = col;
	if ((st = loc_transpose(L, row, col)) != CG_OK)
		return st;
	C->jrow = L->jrow;
	C->jcol = L->jcol;
	C->alive = malloc(n);
	C->cc = malloc(n * sizeof(int32_t));
	C->u = calloc(n, sizeof(double));
	C->ubest = calloc(n, sizeof(double));
	C->g = malloc(n * sizeof(double));
	C->s = malloc(m * sizeof(double));
	C->x = malloc(m);
	C->open = malloc(m);
	C->gain = malloc(m * sizeof(double));
	C->idx = malloc(m * sizeof(uint32_t));
	C->pos = malloc(m * sizeof(int32_t));
	C->extra = malloc((extra ? extra : 1) * sizeof(double));
	C->ratio = malloc(m * sizeof(double));
	C->acc = malloc(n * sizeof(double));
	C->ord = malloc(n * sizeof(uint32_t));
	C->stamp = calloc(n, sizeof(uint32_t));
	C->sbest = malloc(m * sizeof(double));
	C->xbest = calloc(m, 1);
	C->gd = calloc(n, sizeof(double));
	if (!C->alive || !C->cc || !C->u || !C->ubest || !C->g || !C->s || !C->x || !C->open || !C->gain ||
		!C->idx || !C->pos || !C->extra || !C->ratio || !C->acc || !C->ord || !C->stamp || !C->sbest || !C->xbest || !C->gd)
		return CG_E_NOMEM;
	return CG_OK;
}

/*
 * Mark the points with demand that no forced-open site covers; *base: the
 * demand of those it does cover.  *uncoverable: an alive point without a
 * free site (the first), or -1; with C->drop_unreachable (MCLP) such a point
 * is not alive (nothing can cover it).
 */
static cg_status
cv_alive(loc *L, cv *C, double *base, long *uncoverable)
{
	const double *w = L->pr->w;
	double		hi = 0.0,
				lo = 0.0;
	size_t		i,
				k;

	*uncoverable = -1;
	for (i = 0; i < L->n; i++)
	{
		int			in = 0,
					fr = 0;

		C->alive[i] = 0;
		if (!(w[i] > 0.0))
			continue;
		for (k = C->row[i]; k < C->row[i + 1]; k++)
		{
			int8_t		s = L->st[C->col[k]];

			in |= s == LOC_IN;
			fr |= s == LOC_FREE;
		}
		if (in)
			cg_psum_add(&hi, &lo, w[i]);
		else if (fr || !C->drop_unreachable)
		{
			C->alive[i] = 1;
			if (!fr && *uncoverable < 0)
				*uncoverable = (long) i;
		}
		if (loc_tick(L, C->row[i + 1] - C->row[i] + 1))
			return CG_E_CANCELED;
	}
	*base = hi + lo;
	return CG_OK;
}

/* ------------------------------------------------------------------------
 * LSCP
 * ------------------------------------------------------------------------ */

/*
 * Complete x (free sites) to a cover of the alive points, greedily (the
 * site covering most uncovered points), then drop sites every point of which
 * another covers; returns the number of free sites in x, or (size_t) -1 when
 * some alive point cannot be covered.
 */
static cg_status
sc_repair(loc *L, cv *C, size_t *count)
{
	size_t		n = L->n,
				m = L->m,
				i,
				j,
				k,
				chosen = 0;
	const size_t *row = C->row,
			   *jrow = C->jrow;
	const uint32_t *col = C->col,
			   *jcol = C->jcol;

	for (i = 0; i < n; i++)
		C->cc[i] = 0;
	for (j = 0; j < m; j++)
	{
		if (L->st[j] == LOC_FREE && C->x[j])
			for (k = jrow[j]; k < jrow[j + 1]; k++)
				C->cc[jcol[k]]++;
	}
	/* gain: uncovered alive points each free site covers */
	for (j = 0; j < m; j++)
	{
		C->gain[j] = 0.0;
		if (L->st[j] != LOC_FREE || C->x[j])
			continue;
		for (k = jrow[j]; k < jrow[j + 1]; k++)
			C->gain[j] += C->alive[jcol[k]] && C->cc[jcol[k]] == 0;
		if (loc_tick(L, jrow[j + 1] - jrow[j] + 1))
			return CG_E_CANCELED;
	}
	for (;;)
	{
		long		bj = -1;

		for (j = 0; j < m; j++)
			if (C->gain[j] > 0.0 && (bj < 0 || C->gain[j] > C->gain[bj]))
				bj = (long) j;
		if (bj < 0)
			break;
		C->x[bj] = 1;
		C->gain[bj] = 0.0;
		for (k = jrow[bj]; k < jrow[bj + 1]; k++)
		{
			uint32_t	p = jcol[k];

			if (C->alive[p] && C->cc[p] == 0)
			{
				size_t		t;

				for (t = row[p]; t < row[p + 1]; t++)
					if (C->gain[col[t]] > 0.0)
						C->gain[col[t]] -= 1.0;
			}
			C->cc[p]++;
		}
		if (loc_tick(L, m + jrow[bj + 1] - jrow[bj]))
			return CG_E_CANCELED;
	}
	for (i = 0; i < n; i++)
		if (C->alive[i] && C->cc[i] == 0)
		{
			*count = (size_t) -1;
			return CG_OK;
		}
	/* redundant sites, the last index first */
	for (j = m; j-- > 0;)
	{
		int			needed = 0;

		if (L->st[j] != LOC_FREE || !C->x[j])
			continue;
		for (k = jrow[j]; k < jrow[j + 1] && !needed; k++)
			needed = C->alive[jcol[k]] && C->cc[jcol[k]] == 1;
		if (!needed)
		{
			C->x[j] = 0;
			for (k = jrow[j]; k < jrow[j + 1]; k++)
				C->cc[jcol[k]]--;
		}
		else
			chosen++;
	}
	*count = chosen;
	return CG_OK;
}

static cg_status
sc_offer(loc *L, cv *C, size_t count)
{
	size_t		j;

	for (j = 0; j < L->m; j++)
		C->open[j] = L->st[j] == LOC_IN || (L->st[j] == LOC_FREE && C->x[j]);
	loc_offer(L, C->open, (double) (L->nin + count));
	return CG_OK;
}

/*
 * Subgradient optimization of the Lagrangian bound of the cover over the
 * alive points (their coverage rows relaxed with multipliers u >= 0):
 * L(u) = sum_i u_i + sum_j min(0, 1 - s_j), s_j = sum of u over j's alive
 * points.  *best: the best bound (forced sites added, rounded up); the
 * multipliers that gave it are kept in C->ubest.
 */
static cg_status
sc_lagrange(loc *L, cv *C, size_t iters, double *best_out)
{
	size_t		n = L->n,
				m = L->m,
				i,
				j,
				k,
				it,
				stall = 0,
				count;
	double		theta = 2.0,
				best = -INFINITY,
				bestf = -INFINITY;
	cg_status	st;

	/* the direction carries over from the node before (a warm start, like u) */
	for (it = 0; it < iters; it++)
	{
		double		lval = 0.0,
					norm = 0.0,
					ubv,
					step;

		for (i = 0; i < n; i++)
			if (C->alive[i])
				lval += C->u[i];
		for (j = 0; j < m; j++)
		{
			C->x[j] = 0;
			C->s[j] = 0.0;
			if (L->st[j] != LOC_FREE)
				continue;
			for (k = C->jrow[j]; k < C->jrow[j + 1]; k++)
				if (C->alive[C->jcol[k]])
					C->s[j] += C->u[C->jcol[k]];
			if (C->s[j] > 1.0)
			{
				C->x[j] = 1;
				lval += 1.0 - C->s[j];
			}
			if (loc_tick(L, C->jrow[j + 1] - C->jrow[j] + 1))
				return CG_E_CANCELED;
		}
		if (!isfinite(bestf) || lval > bestf + 1e-12 * fabs(bestf))
		{
			bestf = lval;
			best = (double) L->nin + ceil(lval - 1e-9);
			stall = 0;
			memcpy(C->ubest, C->u, n * sizeof(double));
		}
		else if (++stall >= 20)
		{
			theta *= 0.5;
			stall = 0;
		}
		/* the subgradient before repair changes x */
		for (i = 0; i < n; i++)
		{
			double		gi = 0.0;

			if (C->alive[i])
			{
				gi = 1.0;
				for (k = C->row[i]; k < C->row[i + 1]; k++)
					gi -= C->x[C->col[k]] && L->st[C->col[k]] == LOC_FREE;
			}
			/* deflected by the last direction (beta 0.9, as for MCLP) */
			C->gd[i] = gi + 0.9 * C->gd[i];
			C->g[i] = C->gd[i];
			norm += C->g[i] * C->g[i];
		}
		if (it % 5 == 0 || norm == 0.0)
		{
			if ((st = sc_repair(L, C, &count)) != CG_OK)
				return st;
			if (count != (size_t) -1)
				sc_offer(L, C, count);
		}
		if (loc_prunable(L, best) || norm == 0.0 || theta < 1e-3)
			break;
		ubv = fmin(L->ub, (double) L->nin + (double) n + 1.0) - (double) L->nin;
		step = theta * fmax(ubv - lval, 1e-3) / norm;
		for (i = 0; i < n; i++)
			if (C->alive[i])
			{
				C->u[i] += step * C->g[i];
				if (C->u[i] < 0.0)
					C->u[i] = 0.0;
			}
	}
	*best_out = best;
	return CG_OK;
}

/*
 * Reduced-cost fixing with the best multipliers (valid for the whole
 * search when done at the root): a free site whose opening (closing) would
 * lift the Lagrangian bound to the incumbent is closed (opened).  Returns
 * the number fixed.
 */
static size_t
sc_fix(loc *L, cv *C)
{
	size_t		n = L->n,
				m = L->m,
				i,
				j,
				k,
				fixed = 0;
	double		lval = 0.0;

	if (!isfinite(L->ub))
		return 0;
	for (i = 0; i < n; i++)
		if (C->alive[i])
			lval += C->ubest[i];
	for (j = 0; j < m; j++)
	{
		C->s[j] = 0.0;
		if (L->st[j] != LOC_FREE)
			continue;
		for (k = C->jrow[j]; k < C->jrow[j + 1]; k++)
			if (C->alive[C->jcol[k]])
				C->s[j] += C->ubest[C->jcol[k]];
		if (C->s[j] > 1.0)
			lval += 1.0 - C->s[j];
	}
	for (j = 0; j < m; j++)
	{
		double		c;

		if (L->st[j] != LOC_FREE)
			continue;
		c = 1.0 - C->s[j];
		if (c >= 0.0 && (double) L->nin + ceil(lval + c - 1e-9) >= L->ub - 1e-9)
		{
			L->st[j] = LOC_OUT;
			fixed++;
		}
		else if (c < 0.0 && (double) L->nin + ceil(lval - c - 1e-9) >= L->ub - 1e-9)
		{
			L->st[j] = LOC_IN;
			L->nin++;
			fixed++;
		}
	}
	return fixed;
}

static cg_status
sc_eval(loc *L, int root, double *lb, long *branch)
{
	cv		   *C = L->obj;
	size_t		n = L->n,
				i,
				j,
				k,
				round;
	double		base,
				best = -INFINITY;
	long		unc;
	cg_status	st;

	*branch = -1;
	for (round = 0; round < (root ? 6u : 1u); round++)
	{
		if ((st = cv_alive(L, C, &base, &unc)) != CG_OK)
			return st;
		if (unc >= 0)
		{
			/* after fixing at the root: nothing better than the incumbent exists */
			*lb = INFINITY;
			return CG_OK;
		}
		if ((st = sc_lagrange(L, C, root ? 400 : 60, &best)) != CG_OK)
			return st;
		if (!root || loc_prunable(L, best) || sc_fix(L, C) == 0)
			break;
	}
	*lb = best;
	if (!loc_prunable(L, best))
	{
		/* the alive point with the fewest free sites; its free site most wanted */
		long		bi = -1;
		size_t		bc = 0;
		double		bs = -INFINITY;

		for (i = 0; i < n; i++)
		{
			size_t		c = 0;

			if (!C->alive[i])
				continue;
			for (k = C->row[i]; k < C->row[i + 1]; k++)
				c += L->st[C->col[k]] == LOC_FREE;
			if (bi < 0 || c < bc)
			{
				bi = (long) i;
				bc = c;
			}
		}
		if (bi >= 0)
			for (k = C->row[bi]; k < C->row[bi + 1]; k++)
			{
				j = C->col[k];
				if (L->st[j] == LOC_FREE && C->s[j] > bs)
				{
					bs = C->s[j];
					*branch = (long) j;
				}
			}
	}
	return CG_OK;
}

static void
sc_init_u(loc *L, cv *C)
{
	size_t		i,
				k;

	for (i = 0; i < L->n; i++)
	{
		size_t		c = 0;

		for (k = C->row[i]; k < C->row[i + 1]; k++)
			c += L->st[C->col[k]] == LOC_FREE;
		C->u[i] = c ? 1.0 / (double) c : 0.0;
	}
}

cg_status
loc_lscp(loc *L, cg_loc_result *res)
{
	cv			C;
	double		base,
				bound;
	long		unc;
	cg_status	st;

	if ((st = cv_alloc(L, &C, L->pr->row, L->pr->col, 0)) != CG_OK)
		goto done;
	L->obj = &C;
	if ((st = cv_alive(L, &C, &base, &unc)) != CG_OK)
		goto done;
	if (unc >= 0)
	{
		res->bad = (size_t) unc;
		st = CG_E_MISMATCH;
		goto done;
	}
	sc_init_u(L, &C);
	if ((st = loc_search(L, sc_eval, &bound)) != CG_OK)
		goto done;
	res->objective = L->ub;
	res->bound = fmin(bound, L->ub);
done:
	cv_free(&C);
	L->obj = NULL;
	return st;
}

cg_status
loc_cover_decide(loc *L, const size_t *row, const uint32_t *col, const double *w, size_t p,
				 int *answer, uint8_t *open)
{
	loc			D = *L;
	cg_loc_problem pr2 = *L->pr;
	cv			C;
	double		bound;
	cg_status	st;

	/* a search of its own on a copy of the statuses, sharing the work count */
	memset(&C, 0, sizeof(C));
	if (w != NULL)
		pr2.w = w;
	D.pr = &pr2;
	D.st = malloc(L->m);
	if (!D.st)
		return CG_E_NOMEM;
	memcpy(D.st, L->st, L->m);
	if (w != NULL)
		D.nin = 0;
	D.jrow = NULL;
	D.jcol = NULL;
	D.best = open;
	D.have_best = 0;
	/* at most a quarter of the work left */
	if (isfinite(L->limit) && L->limit > L->work)
		D.limit = L->work + (L->limit - L->work) / 4.0;
	D.ub = (double) p + 0.5;
	D.stop_at = (double) p;
	D.nodes = 0;
	if ((st = cv_alloc(&D, &C, row, col, 0)) != CG_OK)
		goto done;
	D.obj = &C;
	sc_init_u(&D, &C);
	if ((st = loc_search(&D, sc_eval, &bound)) != CG_OK)
		goto done;
	if (D.have_best)
		*answer = 1;
	else
		*answer = bound >= (double) p + 0.5 - CG_LOC_TOL ? 0 : -1;
done:
	cv_free(&C);
	free(D.st);
	free(D.jrow);
	free(D.jcol);
	L->work = D.work;
	L->since_poll = D.since_poll;
	L->nodes += D.nodes;
	return st;
}

/* ------------------------------------------------------------------------
 * MCLP (internally: minimize minus the covered demand)
 * ------------------------------------------------------------------------ */

/* The demand covered by open (flags over all sites). */
static double
mc_covered(loc *L, cv *C, const uint8_t *open)
{
	const double *w = L->pr->w;
	double		hi = 0.0,
				lo = 0.0;
	size_t		i,
				k;

	for (i = 0; i < L->n; i++)
	{
		if (!(w[i] > 0.0))
			continue;
		for (k = C->row[i]; k < C->row[i + 1]; k++)
			if (open[C->col[k]])
			{
				cg_psum_add(&hi, &lo, w[i]);
				break;
			}
	}
	return hi + lo;
}

/* Add k free sites to open, each the one covering most uncovered demand. */
static cg_status
mc_greedy(loc *L, cv *C, uint8_t *open, size_t k)
{
	const double *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				i,
				j,
				t,
				step;

	for (i = 0; i < n; i++)
	{
		C->cc[i] = 0;
		for (t = C->row[i]; t < C->row[i + 1]; t++)
			C->cc[i] += open[C->col[t]];
	}
	for (j = 0; j < m; j++)
	{
		C->gain[j] = 0.0;
		if (open[j] || L->st[j] != LOC_FREE)
			continue;
		for (t = C->jrow[j]; t < C->jrow[j + 1]; t++)
		{
			uint32_t	p = C->jcol[t];

			if (w[p] > 0.0 && C->cc[p] == 0)
				C->gain[j] += w[p];
		}
		if (loc_tick(L, C->jrow[j + 1] - C->jrow[j] + 1))
			return CG_E_CANCELED;
	}
	for (step = 0; step < k; step++)
	{
		long		bj = -1;

		for (j = 0; j < m; j++)
			if (!open[j] && L->st[j] == LOC_FREE && (bj < 0 || C->gain[j] > C->gain[bj]))
				bj = (long) j;
		if (bj < 0)
			break;
		open[bj] = 1;
		for (t = C->jrow[bj]; t < C->jrow[bj + 1]; t++)
		{
			uint32_t	p = C->jcol[t];

			if (w[p] > 0.0 && C->cc[p] == 0)
			{
				size_t		r;

				for (r = C->row[p]; r < C->row[p + 1]; r++)
					C->gain[C->col[r]] -= w[p];
			}
			C->cc[p]++;
		}
		if (loc_tick(L, m + C->jrow[bj + 1] - C->jrow[bj]))
			return CG_E_CANCELED;
	}
	return CG_OK;
}

/* Swap an open free site for a closed one while that covers more (all swaps priced at once). */
static cg_status
mc_interchange(loc *L, cv *C, uint8_t *open)
{
	const double *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				nc = L->ncand,
				i,
				j,
				t,
				f,
				s;
	double		cur = mc_covered(L, C, open),
				prev = -INFINITY;

	while (cur > prev)
	{
		double		bestd = 0.0;
		long		bin = -1,
					bout = -1;

		prev = cur;
		s = 0;
		for (j = 0; j < m; j++)
		{
			C->pos[j] = -1;
			if (j < nc && open[j] && L->st[j] == LOC_FREE)
			{
				C->pos[j] = (int32_t) s;
				C->idx[s++] = (uint32_t) j;
			}
			C->s[j] = 0.0;		/* loss of closing j */
			C->gain[j] = 0.0;	/* gain of opening j */
		}
		if (s == 0)
			break;
		memset(C->extra, 0, s * nc * sizeof(double));
		for (i = 0; i < n; i++)
		{
			int32_t		cnt = 0;
			long		sole = -1;

			if (!(w[i] > 0.0))
				continue;
			for (t = C->row[i]; t < C->row[i + 1]; t++)
				if (open[C->col[t]])
				{
					cnt++;
					sole = C->col[t];
				}
			if (cnt == 0)
			{
				for (t = C->row[i]; t < C->row[i + 1]; t++)
					C->gain[C->col[t]] += w[i];
			}
			else if (cnt == 1 && C->pos[sole] >= 0)
			{
				double	   *ex = C->extra + (size_t) C->pos[sole] * nc;

				C->s[sole] += w[i];
				for (t = C->row[i]; t < C->row[i + 1]; t++)
					if (C->col[t] < nc)
						ex[C->col[t]] += w[i];
			}
			if (loc_tick(L, C->row[i + 1] - C->row[i] + 1))
				return CG_E_CANCELED;
		}
		for (j = 0; j < nc; j++)
		{
			if (open[j] || L->st[j] != LOC_FREE)
				continue;
			for (f = 0; f < s; f++)
			{
				double		delta = C->gain[j] - C->s[C->idx[f]] + C->extra[f * nc + j];

				if (delta > bestd)
				{
					bestd = delta;
					bin = (long) j;
					bout = (long) C->idx[f];
				}
			}
			if (loc_tick(L, s))
				return CG_E_CANCELED;
		}
		if (bin < 0 || !(bestd > 1e-12 * cur))
			break;
		open[bin] = 1;
		open[bout] = 0;
		cur = mc_covered(L, C, open);
		if (!(cur > prev))
		{
			/* rounding: undo */
			open[bin] = 0;
			open[bout] = 1;
			break;
		}
	}
	return CG_OK;
}

/*
 * With integer demand the covered demand is an integer: an upper bound can
 * be rounded down (C->integral).
 */
static double
mc_floor(cv *C, double ub)
{
	if (C->integral && ub < 0x1p52)
		return floor(ub * (1.0 + 1e-12));
	return ub;
}

/*
 * Reduced-cost fixing at the root with the multipliers of the best bound
 * (upper bound ubound, site values C->sbest): opening a site outside the
 * relaxation's k swaps it for the k-th, closing one inside for the (k+1)-th;
 * a site whose forced opening (closing) brings the bound down to the
 * incumbent is closed (opened) for the whole search.
 */
static size_t
mc_fix(loc *L, cv *C, size_t k, size_t nfree, double ubound)
{
	size_t		t,
				fixed = 0;
	double		sk = INFINITY,
				sk1 = -INFINITY;

	if (k == 0 || k >= nfree || !isfinite(L->ub))
		return 0;
	for (t = 0; t < L->m; t++)
		C->gain[t] = -C->sbest[t];
	loc_select_smallest(C->gain, C->idx, nfree, k);
	for (t = 0; t < k; t++)
		sk = fmin(sk, C->sbest[C->idx[t]]);
	for (t = k; t < nfree; t++)
		sk1 = fmax(sk1, C->sbest[C->idx[t]]);
	for (t = 0; t < nfree; t++)
	{
		uint32_t	j = C->idx[t];

		if (t >= k && loc_prunable(L, -mc_floor(C, ubound - sk + C->sbest[j])))
		{
			L->st[j] = LOC_OUT;
			fixed++;
		}
		else if (t < k && loc_prunable(L, -mc_floor(C, ubound - C->sbest[j] + sk1)))
		{
			L->st[j] = LOC_IN;
			L->nin++;
			fixed++;
		}
	}
	return fixed;
}

static cg_status
mc_eval(loc *L, int root, double *lb, long *branch)
{
	cv		   *C = L->obj;
	const double *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				nfree = 0,
				k,
				i,
				j,
				t,
				it,
				iters = root ? 600 : 80,
				stall = 0,
				rounds = 0;
	double		base,
				theta = root ? 2.0 : 1.0,
				best = INFINITY;	/* least upper bound on the covered demand */
	long		unc;
	cg_status	st;

	*branch = -1;
again:
	memset(C->gd, 0, n * sizeof(double));
	nfree = 0;
	if ((st = cv_alive(L, C, &base, &unc)) != CG_OK)
		return st;
	for (j = 0; j < L->ncand; j++)
		if (L->st[j] == LOC_FREE)
			C->idx[nfree++] = (uint32_t) j;
	if (L->nin > L->p || L->p - L->nin > nfree)
	{
		*lb = INFINITY;
		return CG_OK;
	}
	k = L->p - L->nin;
	if (k == 0 || k == nfree)
	{
		double		v;

		for (j = 0; j < m; j++)
			C->open[j] = L->st[j] == LOC_IN || (L->st[j] == LOC_FREE && k == nfree);
		v = mc_covered(L, C, C->open);
		loc_offer(L, C->open, -v);
		*lb = -v;
		return CG_OK;
	}
	for (it = 0; it < iters; it++)
	{
		double		uval = base,
					norm = 0.0,
					hi = 0.0,
					lo = 0.0,
					step;

		for (i = 0; i < n; i++)
			if (C->alive[i] && w[i] > C->u[i])
				uval += w[i] - C->u[i];
		for (j = 0; j < m; j++)
		{
			C->s[j] = 0.0;
			C->x[j] = 0;
			if (L->st[j] != LOC_FREE)
				continue;
			for (t = C->jrow[j]; t < C->jrow[j + 1]; t++)
				if (C->alive[C->jcol[t]])
					C->s[j] += C->u[C->jcol[t]];
			if (loc_tick(L, C->jrow[j + 1] - C->jrow[j] + 1))
				return CG_E_CANCELED;
		}
		/* the k largest s: the k smallest of -s */
		for (j = 0; j < m; j++)
			C->gain[j] = -C->s[j];
		loc_select_smallest(C->gain, C->idx, nfree, k);
		for (t = 0; t < k; t++)
		{
			C->x[C->idx[t]] = 1;
			uval += C->s[C->idx[t]];
		}
		if (!isfinite(best) || uval < best - 1e-12 * fabs(best))
		{
			best = mc_floor(C, uval);
			stall = 0;
			if (root)
			{
				memcpy(C->sbest, C->s, m * sizeof(double));
				memcpy(C->xbest, C->x, m);
			}
		}
		else if (++stall >= 25)
		{
			theta *= 0.5;
			stall = 0;
		}
		/* the relaxation's sites as a solution, and the subgradient */
		hi = base;
		for (i = 0; i < n; i++)
		{
			double		cov = 0.0;

			C->g[i] = 0.0;
			if (!C->alive[i])
				continue;
			for (t = C->row[i]; t < C->row[i + 1]; t++)
				cov += C->x[C->col[t]];
			if (cov > 0.0)
				cg_psum_add(&hi, &lo, w[i]);
			/*
			 * A Polyak step along the subgradient deflected by the last
			 * direction (Camerini, Fratta and Maffioli 1975; beta 0.9: the
			 * bound comes within 0.02 % of the LP bound on the benchmark,
			 * against 0.12 % undeflected), scaled by the demand.
			 */
			C->gd[i] = cov - (w[i] > C->u[i] ? 1.0 : 0.0) + 0.9 * C->gd[i];
			norm += w[i] * C->gd[i] * C->gd[i];
			C->g[i] = w[i] * C->gd[i];
		}
		for (j = 0; j < m; j++)
			C->open[j] = L->st[j] == LOC_IN || C->x[j];
		loc_offer(L, C->open, -(hi + lo));
		if (loc_prunable(L, -best) || norm == 0.0 || theta < 1e-4)
			break;
		step = theta * fmax(uval + L->ub, 1e-9 * fmax(uval, 1.0)) / norm;
		for (i = 0; i < n; i++)
			if (C->alive[i])
			{
				/* mu_i beyond w_i only raises the bound: keep it in [0, w_i] */
				C->u[i] -= step * C->g[i];
				if (C->u[i] < 0.0)
					C->u[i] = 0.0;
				if (C->u[i] > w[i])
					C->u[i] = w[i];
			}
	}
	if (root && rounds < 3 && !loc_prunable(L, -best))
	{
		/* the relaxation's best sites as a start for the interchange */
		size_t		fixed;

		for (j = 0; j < m; j++)
			C->open[j] = L->st[j] == LOC_IN || C->xbest[j];
		if ((st = mc_interchange(L, C, C->open)) != CG_OK)
			return st;
		loc_offer(L, C->open, -mc_covered(L, C, C->open));
		fixed = mc_fix(L, C, k, nfree, best);
		if (fixed > 0)
		{
			rounds++;
			iters = 200;
			theta = 0.5;
			goto again;
		}
	}
	*lb = -best;
	if (!loc_prunable(L, -best))
	{
		double		bs = -INFINITY;

		for (t = 0; t < k; t++)
		{
			j = C->idx[t];
			if (C->s[j] > bs)
			{
				bs = C->s[j];
				*branch = (long) j;
			}
		}
	}
	return CG_OK;
}

cg_status
loc_mclp(loc *L, cg_loc_result *res)
{
	cv			C;
	double		bound;
	size_t		i,
				j;
	cg_status	st;

	if ((st = cv_alloc(L, &C, L->pr->row, L->pr->col, (L->p ? L->p : 1) * (L->ncand ? L->ncand : 1))) != CG_OK)
		goto done;
	L->obj = &C;
	C.drop_unreachable = 1;
	C.integral = 1;
	for (i = 0; i < L->n; i++)
		if (L->pr->w[i] != floor(L->pr->w[i]))
			C.integral = 0;
	for (j = 0; j < L->m; j++)
		C.open[j] = L->st[j] == LOC_IN;
	if ((st = mc_greedy(L, &C, C.open, L->p)) != CG_OK ||
		(st = mc_interchange(L, &C, C.open)) != CG_OK)
		goto done;
	loc_offer(L, C.open, -mc_covered(L, &C, C.open));
	for (i = 0; i < L->n; i++)
		C.u[i] = 0.5 * L->pr->w[i];
	if ((st = loc_search(L, mc_eval, &bound)) != CG_OK)
		goto done;
	if (!loc_prunable(L, bound))
	{
		memcpy(C.open, L->best, L->m);
		if ((st = mc_interchange(L, &C, C.open)) != CG_OK)
			goto done;
		loc_offer(L, C.open, -mc_covered(L, &C, C.open));
	}
	res->objective = -L->ub;
	res->bound = fmax(-bound, -L->ub);
done:
	cv_free(&C);
	L->obj = NULL;
	return st;
}

/* ------------------------------------------------------------------------
 * Equity: maximize the least 2SFCA access (internally: minimize minus it)
 * ------------------------------------------------------------------------ */

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
	return hi + lo;
}

static const double *eq_sort_key;

static int
eq_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;
	double		u = eq_sort_key[x],
				v = eq_sort_key[y];

	if (u != v)
		return u < v ? -1 : 1;
	return x < y ? -1 : (x > y);
}

static int
eq_cmp_value(const void *a, const void *b)
{
	double		u = *(const double *) a,
				v = *(const double *) b;

	return u < v ? -1 : (u > v);
}

/*
 * Points with demand in ascending access into C->ord; returns their count.
 */
static size_t
eq_order(loc *L, cv *C, const double *acc)
{
	size_t		i,
				q = 0;

	for (i = 0; i < L->n; i++)
		if (L->pr->w[i] > 0.0)
			C->ord[q++] = (uint32_t) i;
	eq_sort_key = acc;
	qsort(C->ord, q, sizeof(uint32_t), eq_cmp);
	return q;
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

	eq_access(L, C, open, C->acc);
	for (step = 0; step < k; step++)
	{
		long		bj = -1;
		double		bm = -INFINITY,
					bsh = INFINITY,
					s0 = eq_shortfall(L, C->acc, C->target);

		q = eq_order(L, C, C->acc);
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

		q = eq_order(L, C, C->acc);
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
	eq_sort_key = vals;
	qsort(vals, nv, sizeof(double), eq_cmp_value);
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
done:
	free(L.jrow);
	free(L.jcol);
	return st;
}
