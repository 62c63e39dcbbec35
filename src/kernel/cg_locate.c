/*
 * cg_locate.c — facility location (cg_locate.h): input checks, the
 * branch-and-bound search every objective shares, and the dispatch to the
 * objectives: p-median (cg_locate_median.c), p-center (cg_locate_center.c),
 * LSCP (cg_locate_cover.c), MCLP (cg_locate_mclp.c), equity
 * (cg_locate_equity.c).
 */
#include "cg_locate_int.h"
#include "cg_cancel.h"
#include "cg_ineq.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define POLL_STEPS ((size_t) 1 << 18)

int
loc_tick(loc *L, size_t steps)
{
	if (L->canceled)
		return 1;
	L->work += (double) steps;
	L->since_poll += steps;
	if (L->since_poll >= POLL_STEPS)
	{
		L->since_poll = 0;
		if (cg_cancel_hook != NULL && cg_cancel_hook())
		{
			L->canceled = 1;	/* kept: every later tick answers 1 */
			return 1;
		}
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
	if (L->root_given)
	{
		lb = L->root_lb;
		br = L->root_br;
		st = CG_OK;
	}
	else
	{
		L->nodes++;
		st = eval(L, 1, &lb, &br);
	}
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
loc_sort_by_key(loc *L, const double *key, uint32_t *idx, size_t cnt, double *rows, double *buf)
{
	cg_pair_chunk c;
	const double *sorted;
	cg_status	st = CG_OK;
	size_t		k;

	if (cnt < 2)
		return CG_OK;
	for (k = 0; k < cnt; k++)
	{
		rows[2 * k] = key[idx[k]];
		rows[2 * k + 1] = (double) idx[k];
	}
	c.v = rows;
	c.n = cnt;
	sorted = cg_sort_rows(&c, 1, cnt, 2, buf, &st);
	if (sorted == NULL)
		return st;
	for (k = 0; k < cnt; k++)
		idx[k] = (uint32_t) sorted[2 * k + 1];
	return loc_tick(L, 4 * cnt) ? CG_E_CANCELED : CG_OK;
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
	if (st == CG_OK && L.canceled)
		st = CG_E_CANCELED;		/* seen by a pass that cannot stop on its own */
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
