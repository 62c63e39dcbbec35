/*
 * cg_locate_mclp.c — the MCLP of cg_locate.h (Church and ReVelle 1974):
 * greedy and fast interchange for the incumbent, each node bounded by the
 * Lagrangian relaxation of the coverage rows, reduced-cost fixing at the
 * root (internally the search minimizes minus the covered demand).  How
 * a problem is reduced, split and searched: cg_locate_mclp_reduce.c.
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The demand covered by open (flags over all sites). */
double
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
		/* a cancel seen here is kept (loc_tick) and stops the caller's next loop */
		(void) loc_tick(L, k - C->row[i] + 1);
	}
	return hi + lo;
}

/* Add k free sites to open, each the one covering most uncovered demand. */
cg_status
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
cg_status
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
double
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
	/* C->idx holds the free candidates (the caller's mc_free_list) */
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

/* C->idx: the free candidates, ascending; returns how many. */
static size_t
mc_free_list(loc *L, cv *C)
{
	size_t		j,
				nfree = 0;

	for (j = 0; j < L->ncand; j++)
		if (L->st[j] == LOC_FREE)
			C->idx[nfree++] = (uint32_t) j;
	return nfree;
}


cg_status
mc_eval(loc *L, int root, double *lb, long *branch)
{
	cv		   *C = L->obj;
	const double *w = L->pr->w;
	size_t		m = L->m,
				nfree = 0,
				na,
				nf,
				pass,
				k,
				i,
				j,
				t,
				q,
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
	memset(C->gd, 0, L->n * sizeof(double));
	if ((st = cv_alive(L, C, &base, &unc)) != CG_OK)
		return st;
	nfree = mc_free_list(L, C);
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
	cv_compact(L, C, &na, &nf);
	if (L->canceled)
		return CG_E_CANCELED;
	/* an iteration's work besides the sites' entries (ticked as they are summed): the points three times, the selection */
	pass = 3 * na + nfree;
	for (it = 0; it < iters; it++)
	{
		double		uval = base,
					norm = 0.0,
					hi = 0.0,
					lo = 0.0,
					step;

		for (q = 0; q < na; q++)
		{
			i = C->al[q];
			if (w[i] > C->u[i])
				uval += w[i] - C->u[i];
		}
		/* each free site's value: the multipliers of the points it covers */
		for (q = 0; q < nf; q++)
		{
			double		v = cv_site_value(C, q);

			C->s[C->fsite[q]] = v;
			C->gain[C->fsite[q]] = -v;
			if (loc_tick(L, C->crow[q + 1] - C->crow[q] + 1))
				return CG_E_CANCELED;
		}
		if (loc_tick(L, pass))
			return CG_E_CANCELED;
		/* the k largest s: the k smallest of -s */
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
		/* how many of the relaxation's sites cover each point (walking those sites only) */
		for (t = 0; t < k; t++)
		{
			size_t		f = (size_t) C->fpos[C->idx[t]];

			for (q = C->crow[f]; q < C->crow[f + 1]; q++)
				C->cc[C->ccol[q]]++;
		}
		/* the relaxation's sites as a solution, and the subgradient */
		hi = base;
		for (q = 0; q < na; q++)
		{
			double		cov;

			i = C->al[q];
			cov = (double) C->cc[i];
			C->cc[i] = 0;
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
		if (-(hi + lo) < L->ub)
		{
			for (j = 0; j < m; j++)
				C->open[j] = L->st[j] == LOC_IN || C->x[j];
			loc_offer(L, C->open, -(hi + lo));
		}
		for (t = 0; t < k; t++)
			C->x[C->idx[t]] = 0;
		if (loc_prunable(L, -best) || norm == 0.0 || theta < 1e-4)
		{
			for (t = 0; t < k; t++)
				C->x[C->idx[t]] = 1;
			break;
		}
		step = theta * fmax(uval + L->ub, 1e-9 * fmax(uval, 1.0)) / norm;
		for (q = 0; q < na; q++)
		{
			i = C->al[q];
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
		/* (the interchange used C->idx, C->s and C->gain as work space) */
		fixed = mc_fix(L, C, k, mc_free_list(L, C), best);
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
		const double *sv = C->s;

		if (root)
		{
			/* the root's interchange overwrote s and idx: the best iterate's sites */
			sv = C->sbest;
			nfree = mc_free_list(L, C);
			for (t = 0; t < nfree; t++)
				C->gain[C->idx[t]] = -sv[C->idx[t]];
			loc_select_smallest(C->gain, C->idx, nfree, k);
		}
		for (t = 0; t < k; t++)
		{
			j = C->idx[t];
			if (sv[j] > bs)
			{
				bs = sv[j];
				*branch = (long) j;
			}
		}
	}
	return CG_OK;
}
