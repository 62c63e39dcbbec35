/*
 * cg_locate_cover.c — what the coverage objectives share (their state, the
 * points alive at a node), and LSCP (Toregas et al. 1971) with its decision
 * form, which p-center and equity's bound use: each node of the search
 * (cg_locate.c) bounded by the Lagrangian relaxation of the coverage rows,
 * the incumbent by greedy repair of the relaxation's sites.
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
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
	free(C->al);
	free(C->fsite);
	free(C->fpos);
	free(C->crow);
	free(C->ccol);
	free(C->hit);
}

cg_status
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
	C->al = malloc(n * sizeof(uint32_t));
	C->fsite = malloc(m * sizeof(uint32_t));
	C->fpos = malloc(m * sizeof(int32_t));
	C->crow = malloc((m + 1) * sizeof(size_t));
	C->ccol = malloc((row[L->n] ? row[L->n] : 1) * sizeof(uint32_t));
	C->hit = calloc(n, sizeof(int32_t));
	if (!C->alive || !C->cc || !C->u || !C->ubest || !C->g || !C->s || !C->x || !C->open || !C->gain ||
		!C->idx || !C->pos || !C->extra || !C->ratio || !C->acc || !C->ord || !C->stamp || !C->sbest || !C->xbest || !C->gd ||
		!C->al || !C->fsite || !C->fpos || !C->crow || !C->ccol || !C->hit)
		return CG_E_NOMEM;
	return CG_OK;
}

/*
 * Mark the points with demand that no forced-open site covers; *base: the
 * demand of those it does cover.  *uncoverable: an alive point without a
 * free site (the first), or -1; with C->drop_unreachable (MCLP) such a point
 * is not alive (nothing can cover it).
 */
cg_status
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

/*
 * The node's alive points (C->al, ascending) and, for each free candidate
 * (C->fsite, ascending; C->fpos its place), the alive points it covers
 * (C->crow, C->ccol, in the order of C->jcol): the iterations then walk
 * only what is left.  Returns the work of building them (every entry of
 * the free candidates' lists, every point).
 */
void
cv_compact(loc *L, cv *C, size_t *na, size_t *nf)
{
	size_t		i,
				j,
				t,
				q = 0,
				f = 0,
				a = 0;

	for (i = 0; i < L->n; i++)
		if (C->alive[i])
		{
			C->al[a++] = (uint32_t) i;
			C->cc[i] = 0;		/* the iterations' counts start at 0 */
			C->hit[i] = 0;
		}
	C->crow[0] = 0;
	for (j = 0; j < L->m; j++)
	{
		C->s[j] = 0.0;
		C->x[j] = 0;
		C->fpos[j] = -1;
		if (L->st[j] != LOC_FREE)
			continue;
		C->fpos[j] = (int32_t) f;
		C->fsite[f] = (uint32_t) j;
		for (t = C->jrow[j]; t < C->jrow[j + 1]; t++)
			if (C->alive[C->jcol[t]])
				C->ccol[q++] = C->jcol[t];
		C->crow[++f] = q;
		/* a cancel seen here is kept (loc_tick): the caller checks L->canceled */
		(void) loc_tick(L, C->jrow[j + 1] - C->jrow[j] + 1);
	}
	(void) loc_tick(L, L->n + L->m);
	*na = a;
	*nf = f;
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
				it,
				stall = 0,
				count;
	double		theta = 2.0,
				best = -INFINITY,
				bestf = -INFINITY;
	size_t		na,
				nf,
				q,
				pass;
	cg_status	st;

	cv_compact(L, C, &na, &nf);
	if (L->canceled)
		return CG_E_CANCELED;
	pass = n + m;				/* besides the sites' entries, ticked as they are summed */
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
			C->x[j] = 0;
		/* each free site's value over the compact lists, four sums side by side */
		for (q = 0; q < nf; q++)
		{
			double		v = cv_site_value(C, q);
			size_t		t;

			if (loc_tick(L, C->crow[q + 1] - C->crow[q] + 1))
				return CG_E_CANCELED;
			j = C->fsite[q];
			C->s[j] = v;
			if (v > 1.0)
			{
				C->x[j] = 1;
				lval += 1.0 - v;
				/* the points it covers, for the subgradient */
				for (t = C->crow[q]; t < C->crow[q + 1]; t++)
					C->hit[C->ccol[t]]++;
			}
		}
		if (loc_tick(L, pass))
			return CG_E_CANCELED;
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
				gi = 1.0 - (double) C->hit[i];
				C->hit[i] = 0;
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
	L->canceled = D.canceled;
	L->nodes += D.nodes;
	return st;
}
