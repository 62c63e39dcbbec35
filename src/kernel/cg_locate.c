/*
 * cg_locate.c — facility location (cg_locate.h): input checks, the
 * branch-and-bound search every objective shares, p-median and p-center.
 * LSCP, MCLP and equity are in cg_locate_cover.c.
 */
#include "cg_locate_int.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define POLL_STEPS ((size_t) 1 << 18)

int
loc_tick(loc *L, size_t steps)
{
	L->work += (double) steps;
	L->since_poll += steps;
	if (L->since_poll >= POLL_STEPS)
	{
		L->since_poll = 0;
		if (cg_cancel_hook != NULL && cg_cancel_hook())
			return 1;
	}
	return 0;
}

void
loc_offer(loc *L, const uint8_t *open, double value)
{
	if (value < L->ub)
	{
		memcpy(L->best, open, L->m);
		L->ub = value;
		L->have_best = 1;
	}
}

int
loc_prunable(const loc *L, double lb)
{
	double		ub = L->ub;

	if (!(lb == lb))
		return 1;
	if (!isfinite(ub))
		return lb == INFINITY;
	return lb >= ub - CG_LOC_TOL * fabs(ub);
}

cg_status
loc_search(loc *L, loc_eval_fn eval, double *bound)
{
	size_t		m = L->m;
	long	   *sj = malloc((m + 1) * sizeof(long));
	int		   *sphase = malloc((m + 1) * sizeof(int));
	double	   *slb = malloc((m + 1) * sizeof(double));
	size_t		depth = 0;
	double		lb,
				least = INFINITY;
	long		br;
	cg_status	st;

	if (!sj || !sphase || !slb)
	{
		free(sj);
		free(sphase);
		free(slb);
		return CG_E_NOMEM;
	}
	L->nodes++;
	st = eval(L, 1, &lb, &br);
	for (;;)
	{
		if (st != CG_OK)
			break;
		if (L->have_best && L->ub <= L->stop_at)
		{
			/* a decision answered: what is left is not searched */
			least = -INFINITY;
			break;
		}
		if (loc_prunable(L, lb))
			least = fmin(least, lb);
		else if (br < 0)
			least = fmin(least, lb);	/* settled: its own value is its bound */
		else if (L->work >= L->limit)
			least = fmin(least, lb);	/* left unexplored */
		else
		{
			/* the first child: the site open */
			sj[depth] = br;
			sphase[depth] = 0;
			slb[depth] = lb;
			depth++;
			L->st[br] = LOC_IN;
			L->nin++;
			L->nodes++;
			st = eval(L, 0, &lb, &br);
			/* a child's solutions are its parent's: the parent's bound holds too */
			lb = fmax(lb, slb[depth - 1]);
			continue;
		}
		/* back up to the next second child */
		while (depth > 0)
		{
			size_t		t = depth - 1;

			if (sphase[t] == 0)
			{
				L->st[sj[t]] = LOC_OUT;
				L->nin--;
				sphase[t] = 1;
				if (L->work >= L->limit || loc_prunable(L, slb[t]))
				{
					/* the second child is not searched: its parent's bound stands for it */
					least = fmin(least, slb[t]);
					continue;
				}
				break;
			}
			L->st[sj[t]] = LOC_FREE;
			depth--;
		}
		if (depth == 0)
			break;
		L->nodes++;
		st = eval(L, 0, &lb, &br);
		lb = fmax(lb, slb[depth - 1]);
	}
	/* leave the statuses as at the root */
	while (depth > 0)
	{
		depth--;
		if (L->st[sj[depth]] == LOC_IN)
			L->nin--;
		L->st[sj[depth]] = LOC_FREE;
	}
	free(sj);
	free(sphase);
	free(slb);
	if (st != CG_OK)
		return st;
	*bound = L->have_best ? fmin(least, L->ub) : least;
	return CG_OK;
}

void
loc_select_smallest(const double *v, uint32_t *idx, size_t cnt, size_t k)
{
	size_t		lo = 0,
				hi = cnt;

	if (k == 0 || k >= cnt)
		return;
	/* keep [lo, hi) holding position k - 1 */
	while (hi - lo > 1)
	{
		uint32_t	piv = idx[lo + (hi - lo) / 2];
		double		pv = v[piv];
		size_t		a = lo,
					b = hi - 1,
					c;

		/* three-way partition around pv, ties by index so the order is a total one */
		for (c = lo; c <= b;)
		{
			uint32_t	x = idx[c];
			int			less = v[x] < pv || (v[x] == pv && x < piv);
			int			more = v[x] > pv || (v[x] == pv && x > piv);

			if (less)
			{
				idx[c] = idx[a];
				idx[a] = x;
				a++;
				c++;
			}
			else if (more)
			{
				idx[c] = idx[b];
				idx[b] = x;
				if (b == 0)
					break;
				b--;
			}
			else
				c++;
		}
		/* [lo, a) less, [a, b] the pivot, (b, hi) more */
		if (k - 1 < a)
			hi = a;
		else if (k - 1 > b)
			lo = b + 1;
		else
			return;
	}
}

cg_status
loc_transpose(loc *L, const size_t *row, const uint32_t *col)
{
	size_t		n = L->n,
				m = L->m,
				nnz = row[n],
				i,
				k;
	size_t	   *fill;

	L->jrow = calloc(m + 1, sizeof(size_t));
	L->jcol = malloc((nnz ? nnz : 1) * sizeof(uint32_t));
	fill = malloc((m + 1) * sizeof(size_t));
	if (!L->jrow || !L->jcol || !fill)
	{
		free(fill);
		return CG_E_NOMEM;
	}
	for (k = 0; k < nnz; k++)
	{
		if (col[k] >= m)
		{
			free(fill);
			return CG_E_CORRUPT;
		}
		L->jrow[col[k] + 1]++;
	}
	for (k = 0; k < m; k++)
		L->jrow[k + 1] += L->jrow[k];
	memcpy(fill, L->jrow, (m + 1) * sizeof(size_t));
	for (i = 0; i < n; i++)
	{
		if (row[i + 1] < row[i] || row[i + 1] > nnz)
		{
			free(fill);
			return CG_E_CORRUPT;
		}
		for (k = row[i]; k < row[i + 1]; k++)
			L->jcol[fill[col[k]]++] = (uint32_t) i;
		if (loc_tick(L, row[i + 1] - row[i] + 1))
		{
			free(fill);
			return CG_E_CANCELED;
		}
	}
	free(fill);
	return CG_OK;
}

/* ------------------------------------------------------------------------
 * p-median
 * ------------------------------------------------------------------------ */

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

typedef struct pm_key
{
	double		d;
	uint32_t	j;
} pm_key;

static int
pm_key_cmp(const void *a, const void *b)
{
	const pm_key *x = a,
			   *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->j < y->j ? -1 : (x->j > y->j);
}

/* Each point's sites in ascending distance (ties by index): the Lagrangian's rows. */
static cg_status
pm_sort_rows(loc *L, pm *S)
{
	size_t		m = L->m,
				a,
				j;
	pm_key	   *key = malloc(m * sizeof(pm_key));

	if (!key)
		return CG_E_NOMEM;
	for (a = 0; a < S->nact; a++)
	{
		const double *r = L->pr->d + (size_t) S->act[a] * m;
		uint32_t   *so = S->srt + a * m;

		for (j = 0; j < m; j++)
		{
			key[j].d = r[j];
			key[j].j = (uint32_t) j;
		}
		qsort(key, m, sizeof(pm_key), pm_key_cmp);
		for (j = 0; j < m; j++)
		{
			so[j] = key[j].j;
			S->sd[a * m + j] = key[j].d;
		}
		if (loc_tick(L, 4 * m))
		{
			free(key);
			return CG_E_CANCELED;
		}
	}
	free(key);
	return CG_OK;
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

static cg_status
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

/* ------------------------------------------------------------------------
 * p-center
 * ------------------------------------------------------------------------ */

/* The largest distance from a point with demand to its nearest open site. */
static cg_status
pc_radius(loc *L, const uint32_t *act, size_t nact, const uint8_t *open, double *r)
{
	const double *d = L->pr->d;
	size_t		m = L->m,
				a,
				j;
	double		worst = 0.0;

	for (a = 0; a < nact; a++)
	{
		const double *row = d + (size_t) act[a] * m;
		double		b = INFINITY;

		for (j = 0; j < m; j++)
			if (open[j] && row[j] < b)
				b = row[j];
		if (b > worst)
			worst = b;
		if (loc_tick(L, m))
			return CG_E_CANCELED;
	}
	*r = worst;
	return CG_OK;
}

/*
 * Over the distances of points with demand: the largest one <= target and
 * > lo (*below, -INFINITY if none), and the least one > lo (*above).
 */
static cg_status
pc_scan(loc *L, const uint32_t *act, size_t nact, double lo, double target,
		double *below, double *above)
{
	const double *d = L->pr->d;
	size_t		m = L->m,
				a,
				j;
	double		b = -INFINITY,
				u = INFINITY;

	for (a = 0; a < nact; a++)
	{
		const double *row = d + (size_t) act[a] * m;

		for (j = 0; j < m; j++)
		{
			double		x = row[j];

			if (x > lo)
			{
				if (x <= target && x > b)
					b = x;
				if (x < u)
					u = x;
			}
		}
		if (loc_tick(L, m))
			return CG_E_CANCELED;
	}
	*below = b;
	*above = u;
	return CG_OK;
}

/* Is there a set of at most p new sites within r of every point with demand? */
static cg_status
pc_test(loc *L, const uint32_t *act, size_t nact, double r, int *answer, uint8_t *open)
{
	const double *d = L->pr->d;
	size_t		n = L->n,
				m = L->m,
				a,
				j,
				nnz = 0,
				i;
	size_t	   *row = calloc(n + 1, sizeof(size_t));
	uint32_t   *col;
	cg_status	st;

	if (!row)
		return CG_E_NOMEM;
	for (a = 0; a < nact; a++)
	{
		const double *dr = d + (size_t) act[a] * m;

		for (j = 0; j < m; j++)
			nnz += dr[j] <= r;
		if (loc_tick(L, m))
		{
			free(row);
			return CG_E_CANCELED;
		}
	}
	col = malloc((nnz ? nnz : 1) * sizeof(uint32_t));
	if (!col)
	{
		free(row);
		return CG_E_NOMEM;
	}
	nnz = 0;
	for (i = 0, a = 0; i < n; i++)
	{
		if (a < nact && act[a] == i)
		{
			const double *dr = d + i * m;

			for (j = 0; j < m; j++)
				if (dr[j] <= r)
					col[nnz++] = (uint32_t) j;
			a++;
			if (loc_tick(L, m))
			{
				free(row);
				free(col);
				return CG_E_CANCELED;
			}
		}
		row[i + 1] = nnz;
	}
	st = loc_cover_decide(L, row, col, NULL, L->p, answer, open);
	free(row);
	free(col);
	return st;
}

static cg_status
loc_pcenter(loc *L, cg_loc_result *res)
{
	const double *d = L->pr->d,
			   *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				nc = L->ncand,
				nact = 0,
				a,
				j,
				step;
	uint32_t   *act = malloc((n ? n : 1) * sizeof(uint32_t));
	double	   *near = malloc((n ? n : 1) * sizeof(double));
	uint8_t    *open = malloc(m),
			   *cand = malloc(m);
	double		hi,
				lo = -INFINITY,
				proven = -INFINITY,
				r0 = 0.0,
				below,
				above;
	int			undecided = 0;
	cg_status	st = CG_E_NOMEM;

	if (!act || !near || !open || !cand)
		goto done;
	for (a = 0; a < n; a++)
		if (w[a] > 0.0)
			act[nact++] = (uint32_t) a;
	/* farthest-first (Gonzalez 1985): open the candidate nearest the worst-served point */
	for (j = 0; j < m; j++)
		open[j] = L->st[j] == LOC_IN;
	for (a = 0; a < nact; a++)
	{
		const double *row = d + (size_t) act[a] * m;
		double		b = INFINITY,
					all = INFINITY;

		for (j = 0; j < m; j++)
		{
			if (open[j] && row[j] < b)
				b = row[j];
			if (row[j] < all)
				all = row[j];
		}
		near[a] = b;
		if (all > r0)
			r0 = all;			/* no set of sites serves this point closer */
		if (loc_tick(L, m))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}
	for (step = 0; step < L->p; step++)
	{
		size_t		far = 0;
		long		bj = -1;
		const double *row;

		for (a = 1; a < nact; a++)
			if (near[a] > near[far])
				far = a;
		if (nact > 0)
		{
			row = d + (size_t) act[far] * m;
			for (j = 0; j < nc; j++)
				if (!open[j] && (bj < 0 || row[j] < row[bj]))
					bj = (long) j;
		}
		else
			for (j = 0; j < nc && bj < 0; j++)
				if (!open[j])
					bj = (long) j;
		if (bj < 0)
			break;
		open[bj] = 1;
		for (a = 0; a < nact; a++)
		{
			double		x = d[(size_t) act[a] * m + bj];

			if (x < near[a])
				near[a] = x;
		}
		if (loc_tick(L, nact + nc))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}
	if ((st = pc_radius(L, act, nact, open, &hi)) != CG_OK)
		goto done;
	loc_offer(L, open, hi);
	/* bisection over the distances between r0 (no less is possible) and the incumbent */
	while (nact > 0 && r0 < hi)
	{
		double		r,
					target;
		int			answer;

		if (lo == -INFINITY)
			r = r0;
		else
		{
			target = lo + (hi - lo) / 2.0;
			if ((st = pc_scan(L, act, nact, lo, target, &below, &above)) != CG_OK)
				goto done;
			if (!(above < hi))
				break;			/* no distance between lo and hi */
			r = below > lo ? below : above;
		}
		if ((st = pc_test(L, act, nact, r, &answer, cand)) != CG_OK)
			goto done;
		if (answer == 1)
		{
			double		rr;

			if ((st = pc_radius(L, act, nact, cand, &rr)) != CG_OK)
				goto done;
			loc_offer(L, cand, rr);
			hi = rr;
		}
		else
		{
			lo = r;
			if (answer == 0)
				proven = fmax(proven, r);
			else
				undecided = 1;
		}
	}
	res->objective = L->ub;
	if (!undecided)
		res->bound = L->ub;
	else
	{
		/* the least distance above the largest radius proven too short */
		if (proven == -INFINITY)
			res->bound = r0;
		else
		{
			if ((st = pc_scan(L, act, nact, proven, -INFINITY, &below, &above)) != CG_OK)
				goto done;
			res->bound = fmin(fmax(above, r0), L->ub);
		}
	}
	st = CG_OK;
done:
	free(act);
	free(near);
	free(open);
	free(cand);
	return st;
}

/* ------------------------------------------------------------------------
 * Checks and dispatch
 * ------------------------------------------------------------------------ */

static cg_status
check_values(loc *L, const double *v, size_t cnt, size_t *bad)
{
	size_t		k;

	for (k = 0; k < cnt; k++)
	{
		cg_status	st = cg_check_nonneg(v[k]);

		if (st != CG_OK)
		{
			*bad = k;
			return st;
		}
		if ((k & 4095) == 4095 && loc_tick(L, 4096))
			return CG_E_CANCELED;
	}
	return CG_OK;
}

cg_status
cg_locate(const cg_loc_problem *pr, cg_loc_result *res)
{
	loc			L;
	size_t		j,
				bad = 0;
	cg_status	st;

	memset(&L, 0, sizeof(L));
	res->nodes = 0;
	res->optimal = 0;
	res->bad = 0;
	if (pr->m == 0 || pr->nfixed > pr->m || pr->n > UINT32_MAX || pr->m > UINT32_MAX ||
		pr->objective < CG_LOC_LSCP || pr->objective > CG_LOC_EQUITY)
		return CG_E_CORRUPT;
	L.pr = pr;
	L.n = pr->n;
	L.m = pr->m;
	L.ncand = pr->m - pr->nfixed;
	L.p = pr->objective == CG_LOC_LSCP ? 0 : pr->p;
	L.limit = pr->work_limit > 0.0 ? pr->work_limit : 1e9;
	L.stop_at = -INFINITY;
	L.ub = INFINITY;
	if (pr->objective != CG_LOC_LSCP && pr->p > L.ncand)
		return CG_E_LENGTH;
	if ((st = check_values(&L, pr->w, pr->n, &bad)) != CG_OK)
	{
		res->bad = bad;
		return st;
	}
	if (pr->objective == CG_LOC_PMEDIAN || pr->objective == CG_LOC_PCENTER)
	{
		if (pr->n > 0 && pr->m > SIZE_MAX / sizeof(double) / pr->n)
			return CG_E_TOO_LARGE;
		if ((st = check_values(&L, pr->d, pr->n * pr->m, &bad)) != CG_OK)
		{
			res->bad = bad / pr->m;
			return st;
		}
	}
	if (pr->objective == CG_LOC_EQUITY &&
		(st = check_values(&L, pr->cap, pr->m, &bad)) != CG_OK)
	{
		res->bad = pr->n + bad;
		return st;
	}
	L.st = malloc(pr->m);
	L.best = calloc(pr->m, 1);
	if (!L.st || !L.best)
	{
		st = CG_E_NOMEM;
		goto done;
	}
	for (j = 0; j < pr->m; j++)
		L.st[j] = j < L.ncand ? LOC_FREE : LOC_IN;
	switch (pr->objective)
	{
		case CG_LOC_PMEDIAN:
			st = loc_pmedian(&L, res);
			break;
		case CG_LOC_PCENTER:
			st = loc_pcenter(&L, res);
			break;
		case CG_LOC_LSCP:
			st = loc_lscp(&L, res);
			break;
		case CG_LOC_MCLP:
			st = loc_mclp(&L, res);
			break;
		default:
			st = loc_equity(&L, res);
			break;
	}
	if (st == CG_OK)
	{
		double		o = res->objective,
					b = res->bound;

		memcpy(res->open, L.best, pr->m);
		res->nodes = L.nodes;
		res->optimal = fabs(o - b) <= CG_LOC_TOL * fmax(fabs(o), 1e-300) || o == b;
	}
done:
	free(L.st);
	free(L.best);
	free(L.jrow);
	free(L.jcol);
	return st;
}
