/*
 * cg_locate_median.c — the p-median of cg_locate.h: each point's sites
 * sorted by distance, greedy and fast interchange for the incumbent, and
 * the Lagrangian bound of Beasley (1993) at every node of the search
 * (cg_locate.c), with reduced-cost fixing at the root.
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pm
{
	size_t		nact;
	uint32_t   *act;			/* points with demand */
	double	   *lam;			/* n: Lagrange multipliers */
	double	   *rho;			/* m */
	uint32_t   *idx;			/* m */
	uint8_t    *open;			/* m */
	uint8_t    *work;			/* m */
	uint32_t   *olist;			/* m */
	double	   *d1,
			   *d2;				/* n: nearest and second-nearest open distance */
	uint32_t   *c1;				/* n: the nearest open site */
	double	   *g;				/* n: the subgradient */
	double	   *gd;				/* n: the deflected direction */
	double	   *rbest;			/* m: rho at the root's best bound */
	uint32_t   *swp;			/* m: interchange's open sites */
	double	   *tot;			/* m */
	double	   *corr;			/* p * ncand: interchange corrections */
	int32_t    *pos;			/* m */
	uint32_t   *srt;			/* nact * m: each point's sites by ascending distance */
	double	   *sd;				/* nact * m: their distances */
} pm;

/* Each point's sites in ascending distance (ties by index): the Lagrangian's rows. */
static cg_status
pm_sort_rows(loc *L, pm *S)
{
	size_t		m = L->m,
				a,
				j;
	double	   *rows = malloc(2 * m * sizeof(double)),
			   *buf = malloc(2 * m * sizeof(double));
	cg_status	st = CG_OK;

	if (!rows || !buf)
		st = CG_E_NOMEM;
	for (a = 0; st == CG_OK && a < S->nact; a++)
	{
		const double *r = L->pr->d + (size_t) S->act[a] * m;
		uint32_t   *so = S->srt + a * m;

		for (j = 0; j < m; j++)
			so[j] = (uint32_t) j;
		if ((st = loc_sort_by_key(L, r, so, m, rows, buf)) != CG_OK)
			break;
		for (j = 0; j < m; j++)
			S->sd[a * m + j] = r[so[j]];
	}
	free(rows);
	free(buf);
	return st;
}

/* Nearest and second-nearest open site of every point; the total weighted distance. */
static cg_status
pm_nearest(loc *L, pm *S, const uint8_t *open, double *cost)
{
	const double *d = L->pr->d,
			   *w = L->pr->w;
	size_t		m = L->m,
				q = 0,
				a,
				t;
	double		hi = 0.0,
				lo = 0.0;

	for (t = 0; t < m; t++)
		if (open[t])
			S->olist[q++] = (uint32_t) t;
	for (a = 0; a < S->nact; a++)
	{
		uint32_t	i = S->act[a];
		const double *r = d + (size_t) i * m;
		double		b1 = INFINITY,
					b2 = INFINITY;
		uint32_t	j1 = 0;

		for (t = 0; t < q; t++)
		{
			double		x = r[S->olist[t]];

			if (x < b1)
			{
				b2 = b1;
				b1 = x;
				j1 = S->olist[t];
			}
			else if (x < b2)
				b2 = x;
		}
		S->d1[i] = b1;
		S->d2[i] = b2;
		S->c1[i] = j1;
		cg_psum_add(&hi, &lo, w[i] * b1);
		if (loc_tick(L, q + 1))
			return CG_E_CANCELED;
	}
	*cost = hi + lo;
	return CG_OK;
}

/* Add sites to open (greedy: the least total distance each time) until k new ones are added. */
static cg_status
pm_greedy(loc *L, pm *S, uint8_t *open, size_t k)
{
	const double *d = L->pr->d,
			   *w = L->pr->w;
	size_t		m = L->m,
				nc = L->ncand,
				a,
				j,
				step;
	double		cost;
	cg_status	st;

	if ((st = pm_nearest(L, S, open, &cost)) != CG_OK)
		return st;
	for (step = 0; step < k; step++)
	{
		long		bj = -1;

		memset(S->tot, 0, nc * sizeof(double));
		for (a = 0; a < S->nact; a++)
		{
			uint32_t	i = S->act[a];
			const double *r = d + (size_t) i * m;
			double		wi = w[i],
						b = S->d1[i];

			for (j = 0; j < nc; j++)
				S->tot[j] += wi * (r[j] < b ? r[j] : b);
			if (loc_tick(L, nc))
				return CG_E_CANCELED;
		}
		for (j = 0; j < nc; j++)
			if (!open[j] && L->st[j] == LOC_FREE && (bj < 0 || S->tot[j] < S->tot[bj]))
				bj = (long) j;
		if (bj < 0)
			break;
		open[bj] = 1;
		for (a = 0; a < S->nact; a++)
		{
			uint32_t	i = S->act[a];
			double		x = d[(size_t) i * m + bj];

			if (x < S->d1[i])
				S->d1[i] = x;
		}
	}
	return CG_OK;
}

/*
 * Vertex substitution (Teitz and Bart) in the fast-interchange form: all
 * swaps of an open free site for a closed one are priced in one pass over
 * the distances, the best applied, until none lowers the cost.
 */
static cg_status
pm_interchange(loc *L, pm *S, uint8_t *open, double *cost_out)
{
	const double *d = L->pr->d,
			   *w = L->pr->w;
	size_t		m = L->m,
				nc = L->ncand,
				a,
				j,
				f,
				s;
	double		cur,
				prev = INFINITY;
	cg_status	st;

	for (;;)
	{
		double		bestd = 0.0;
		long		bin = -1,
					bout = -1;
		uint32_t   *swp = S->swp;

		if ((st = pm_nearest(L, S, open, &cur)) != CG_OK)
			return st;
		if (!(cur < prev))
			break;
		prev = cur;
		s = 0;
		for (j = 0; j < m; j++)
			S->pos[j] = -1;
		for (j = 0; j < nc; j++)
			if (open[j] && L->st[j] == LOC_FREE)
			{
				S->pos[j] = (int32_t) s;
				swp[s++] = (uint32_t) j;
			}
		if (s == 0)
			break;
		memset(S->tot, 0, nc * sizeof(double));
		memset(S->corr, 0, s * nc * sizeof(double));
		for (a = 0; a < S->nact; a++)
		{
			uint32_t	i = S->act[a];
			const double *r = d + (size_t) i * m;
			double		wi = w[i],
						b1 = S->d1[i],
						b2 = S->d2[i];
			int32_t		c = S->pos[S->c1[i]];

			if (c >= 0)
			{
				double	   *cr = S->corr + (size_t) c * nc;

				for (j = 0; j < nc; j++)
				{
					double		x = r[j],
								u = x < b1 ? x : b1,
								v = x < b2 ? x : b2;

					S->tot[j] += wi * u;
					cr[j] += wi * (v - u);
				}
			}
			else
				for (j = 0; j < nc; j++)
					S->tot[j] += wi * (r[j] < b1 ? r[j] : b1);
			if (loc_tick(L, nc))
				return CG_E_CANCELED;
		}
		for (j = 0; j < nc; j++)
		{
			if (open[j] || L->st[j] != LOC_FREE)
				continue;
			for (f = 0; f < s; f++)
			{
				double		delta = S->tot[j] + S->corr[f * nc + j] - cur;

				if (delta < bestd)
				{
					bestd = delta;
					bin = (long) j;
					bout = (long) swp[f];
				}
			}
			if (loc_tick(L, s))
				return CG_E_CANCELED;
		}
		if (bin < 0 || !(bestd < -1e-12 * cur))
			break;
		open[bin] = 1;
		open[bout] = 0;
	}
	/* cur may belong to a swap that did not pay: recompute for the open set */
	if ((st = pm_nearest(L, S, open, &cur)) != CG_OK)
		return st;
	*cost_out = cur;
	return CG_OK;
}

/*
 * Reduced-cost fixing at the root with the multipliers of the best bound
 * (lbound, their rho in S->rbest): opening a site outside the relaxation's k
 * swaps it for the k-th, closing one inside for the (k+1)-th; a site whose
 * forced opening (closing) lifts the bound to the incumbent is closed
 * (opened) for the whole search.  S->idx holds the nfree free sites.
 */
static size_t
pm_fix(loc *L, pm *S, size_t k, size_t nfree, double lbound)
{
	size_t		t,
				fixed = 0;
	double		rk = -INFINITY,
				rk1 = INFINITY;

	if (k == 0 || k >= nfree || !isfinite(L->ub))
		return 0;
	loc_select_smallest(S->rbest, S->idx, nfree, k);
	for (t = 0; t < k; t++)
		rk = fmax(rk, S->rbest[S->idx[t]]);
	for (t = k; t < nfree; t++)
		rk1 = fmin(rk1, S->rbest[S->idx[t]]);
	for (t = 0; t < nfree; t++)
	{
		uint32_t	j = S->idx[t];

		if (t >= k && loc_prunable(L, lbound - rk + S->rbest[j]))
		{
			L->st[j] = LOC_OUT;
			fixed++;
		}
		else if (t < k && loc_prunable(L, lbound - S->rbest[j] + rk1))
		{
			L->st[j] = LOC_IN;
			L->nin++;
			fixed++;
		}
	}
	return fixed;
}

static cg_status
pm_eval(loc *L, int root, double *lb, long *branch)
{
	pm		   *S = L->obj;
	const double *d = L->pr->d,
			   *w = L->pr->w;
	size_t		m = L->m,
				nc = L->ncand,
				nfree = 0,
				k,
				a,
				j,
				t,
				it,
				iters = root ? 1500 : 120,
				stall = 0,
				last_ls = 0,
				rounds = 0;
	double		theta = root ? 2.0 : 1.0,
				best_l = -INFINITY,
				sum_lam;
	cg_status	st;

	*branch = -1;
again:
	memset(S->gd, 0, L->n * sizeof(double));
	nfree = 0;
	for (j = 0; j < nc; j++)
		if (L->st[j] == LOC_FREE)
			S->idx[nfree++] = (uint32_t) j;
	if (L->nin > L->p || L->p - L->nin > nfree)
	{
		*lb = INFINITY;
		return CG_OK;
	}
	k = L->p - L->nin;
	if (k == 0 || k == nfree)
	{
		double		cost;

		for (j = 0; j < m; j++)
			S->open[j] = L->st[j] == LOC_IN || (L->st[j] == LOC_FREE && k == nfree);
		if ((st = pm_nearest(L, S, S->open, &cost)) != CG_OK)
			return st;
		loc_offer(L, S->open, cost);
		*lb = cost;
		return CG_OK;
	}
	for (it = 0; it < iters; it++)
	{
		double		lval,
					norm = 0.0,
					phi = 0.0,
					plo = 0.0,
					step;
		size_t		q = 0;

		/* rho_j = sum_i min(0, w_i d_ij - lambda_i) */
		memset(S->rho, 0, m * sizeof(double));
		sum_lam = 0.0;
		for (a = 0; a < S->nact; a++)
		{
			uint32_t	i = S->act[a];
			const uint32_t *so = S->srt + a * m;
			const double *sd = S->sd + a * m;
			double		wi = w[i],
						li = S->lam[i];

			sum_lam += li;
			/* the sites in ascending distance: only those with w d < lambda count */
			for (t = 0; t < m; t++)
			{
				double		x = wi * sd[t] - li;

				if (!(x < 0.0))
					break;
				S->rho[so[t]] += x;
			}
			if (loc_tick(L, t + 1))
				return CG_E_CANCELED;
		}
		loc_select_smallest(S->rho, S->idx, nfree, k);
		memset(S->open, 0, m);
		lval = sum_lam;
		for (j = 0; j < m; j++)
			if (L->st[j] == LOC_IN)
			{
				S->open[j] = 1;
				lval += S->rho[j];
			}
		for (t = 0; t < k; t++)
		{
			S->open[S->idx[t]] = 1;
			lval += S->rho[S->idx[t]];
		}
		for (j = 0; j < m; j++)
			if (S->open[j])
				S->olist[q++] = (uint32_t) j;
		if (!isfinite(best_l) || lval > best_l + 1e-12 * fabs(best_l))
		{
			best_l = lval;
			stall = 0;
			if (root)
				memcpy(S->rbest, S->rho, m * sizeof(double));
		}
		else if (++stall >= 25)
		{
			theta *= 0.5;
			stall = 0;
		}
		/* the subgradient, and the cost of the relaxation's sites as a solution */
		for (a = 0; a < S->nact; a++)
		{
			uint32_t	i = S->act[a];
			const double *r = d + (size_t) i * m;
			const uint32_t *so = S->srt + a * m;
			double		wi = w[i],
						li = S->lam[i],
						b = INFINITY;
			int			cnt = 0;

			/* open sites with w d < lambda, and the nearest open one */
			if (q <= 64)
				for (t = 0; t < q; t++)
				{
					double		x = r[S->olist[t]];

					cnt += wi * x < li;
					if (x < b)
						b = x;
				}
			else
				for (t = 0; t < m; t++)
				{
					double		x = r[so[t]];
					int			below = wi * x < li;

					if (S->open[so[t]])
					{
						if (b == INFINITY)
							b = x;
						cnt += below;
					}
					if (!below && b != INFINITY)
						break;
				}
			/*
			 * The direction scaled by the weight (the multipliers live on
			 * the scale of w d), the step by the inner product with the
			 * subgradient (a Polyak step along the scaled direction),
			 * deflected by the last direction (Camerini, Fratta and
			 * Maffioli 1975; beta 0.7: on the benchmark the root's gap
			 * fell from 0.13 % to 0.006 % at p = 10, and p = 50 closed).
			 */
			S->gd[i] = (double) (1 - cnt) + 0.7 * S->gd[i];
			S->g[i] = wi * S->gd[i];
			norm += wi * S->gd[i] * S->gd[i];
			cg_psum_add(&phi, &plo, wi * b);
			if (loc_tick(L, t + 1))
				return CG_E_CANCELED;
		}
		if (root && (phi + plo < L->ub || it - last_ls >= 200) && it - last_ls >= 50)
		{
			/* a better solution from the relaxation: vertex substitution from it too */
			double		c2;

			last_ls = it;
			memcpy(S->work, S->open, m);
			if ((st = pm_interchange(L, S, S->work, &c2)) != CG_OK)
				return st;
			loc_offer(L, S->work, c2);
		}
		loc_offer(L, S->open, phi + plo);
		if (loc_prunable(L, best_l) || norm == 0.0 || theta < 1e-4)
			break;
		step = theta * (L->ub - lval) / norm;
		for (a = 0; a < S->nact; a++)
		{
			uint32_t	i = S->act[a];

			S->lam[i] += step * S->g[i];
			if (S->lam[i] < 0.0)
				S->lam[i] = 0.0;
		}
	}
	if (root && rounds < 3 && !loc_prunable(L, best_l) && pm_fix(L, S, k, nfree, best_l) > 0)
	{
		/* sites fixed at the root for the whole search: bound the rest again */
		rounds++;
		iters = 300;
		theta = 0.5;
		goto again;
	}
	*lb = best_l;
	if (!loc_prunable(L, best_l))
	{
		/* branch on the relaxation's most attractive free site */
		double		br = INFINITY;

		for (t = 0; t < k; t++)
		{
			j = S->idx[t];
			if (S->rho[j] < br)
			{
				br = S->rho[j];
				*branch = (long) j;
			}
		}
	}
	return CG_OK;
}

cg_status
loc_pmedian(loc *L, cg_loc_result *res)
{
	pm			S;
	size_t		n = L->n,
				m = L->m,
				i,
				j;
	double		cost,
				bound;
	cg_status	st = CG_E_NOMEM;

	memset(&S, 0, sizeof(S));
	S.act = malloc((n ? n : 1) * sizeof(uint32_t));
	S.lam = calloc(n ? n : 1, sizeof(double));
	S.d1 = malloc((n ? n : 1) * sizeof(double));
	S.d2 = malloc((n ? n : 1) * sizeof(double));
	S.c1 = malloc((n ? n : 1) * sizeof(uint32_t));
	S.rho = malloc(m * sizeof(double));
	S.idx = malloc(m * sizeof(uint32_t));
	S.open = malloc(m);
	S.work = malloc(m);
	S.g = malloc((n ? n : 1) * sizeof(double));
	S.gd = calloc(n ? n : 1, sizeof(double));
	S.rbest = malloc(m * sizeof(double));
	S.swp = malloc(m * sizeof(uint32_t));
	S.olist = malloc(m * sizeof(uint32_t));
	S.tot = malloc(m * sizeof(double));
	S.pos = malloc(m * sizeof(int32_t));
	S.corr = malloc((L->p ? L->p : 1) * (L->ncand ? L->ncand : 1) * sizeof(double));
	S.srt = malloc((n ? n : 1) * m * sizeof(uint32_t));
	S.sd = malloc((n ? n : 1) * m * sizeof(double));
	if (!S.srt || !S.sd || !S.work || !S.g || !S.gd || !S.rbest || !S.swp || !S.act || !S.lam || !S.d1 || !S.d2 || !S.c1 || !S.rho || !S.idx || !S.open ||
		!S.olist || !S.tot || !S.pos || !S.corr)
		goto done;
	for (i = 0; i < n; i++)
		if (L->pr->w[i] > 0.0)
			S.act[S.nact++] = (uint32_t) i;
	L->obj = &S;
	if ((st = pm_sort_rows(L, &S)) != CG_OK)
		goto done;
	/* the incumbent: greedy, then vertex substitution */
	for (j = 0; j < m; j++)
		S.open[j] = L->st[j] == LOC_IN;
	if ((st = pm_greedy(L, &S, S.open, L->p)) != CG_OK ||
		(st = pm_interchange(L, &S, S.open, &cost)) != CG_OK)
		goto done;
	loc_offer(L, S.open, cost);
	/* the multipliers start at the incumbent's distances */
	for (i = 0; i < S.nact; i++)
		S.lam[S.act[i]] = L->pr->w[S.act[i]] * S.d1[S.act[i]];
	if ((st = loc_search(L, pm_eval, &bound)) != CG_OK)
		goto done;
	if (!loc_prunable(L, bound))
	{
		/* the search was cut short: vertex substitution from the best found */
		memcpy(S.open, L->best, m);
		if ((st = pm_interchange(L, &S, S.open, &cost)) != CG_OK)
			goto done;
		loc_offer(L, S.open, cost);
	}
	res->objective = L->ub;
	res->bound = fmin(bound, L->ub);
	st = CG_OK;
done:
	free(S.act);
	free(S.lam);
	free(S.d1);
	free(S.d2);
	free(S.c1);
	free(S.rho);
	free(S.idx);
	free(S.open);
	free(S.work);
	free(S.g);
	free(S.gd);
	free(S.rbest);
	free(S.swp);
	free(S.olist);
	free(S.tot);
	free(S.pos);
	free(S.corr);
	free(S.srt);
	free(S.sd);
	L->obj = NULL;
	return st;
}
