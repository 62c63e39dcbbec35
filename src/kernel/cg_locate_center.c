/*
 * cg_locate_center.c — the p-center of cg_locate.h: farthest-first for the
 * incumbent, then bisection over the distances with an LSCP decision of at
 * most p new sites at each radius (cg_locate_cover.c).
 */
#include "cg_locate_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

cg_status
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
