/*
 * cg_locate_mclp_reduce.c — how the MCLP of cg_locate_mclp.c is driven.
 * The problem a node leaves is reduced (points already covered or no longer
 * coverable dropped, dominated candidates dropped, points with the same
 * sites merged) and solved on its own when that makes it a fifth smaller;
 * a problem whose candidates fall apart into groups sharing no point is
 * solved group by group (cg_locate_mclp_split.c).
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Reduction: the problem a node leaves, smaller
 * ------------------------------------------------------------------------ */


void
mc_red_free(mc_red *R)
{
	free(R->row);
	free(R->col);
	free(R->w);
	free(R->u);
	free(R->site);
	memset(R, 0, sizeof(*R));
}

/*
 * The MCLP that L->st leaves: its points are those with demand that no open
 * site covers and a free candidate does; its sites are the free candidates
 * covering one of them whose points no other free candidate covers all
 * (of equal ones the first is kept), since k sites never need a dominated
 * one while k others are left, and when fewer are left those cover all
 * there is to cover; points covered by the same kept sites are one point
 * with their demands added.  u: the multipliers to carry over, or NULL.
 */
cg_status
mc_reduce(loc *L, const double *u, mc_red *R)
{
	const size_t *row = L->pr->row;
	const uint32_t *col = L->pr->col;
	const double *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				nc = L->ncand,
				i,
				j,
				t,
				q,
				nnz = 0,
				nr = 0,
				mr = 0,
				hsize = 16;
	double		hi = 0.0,
				lo = 0.0;
	uint8_t    *alive = malloc(n ? n : 1);
	size_t	   *tjrow = calloc(m + 1, sizeof(size_t)),
			   *fill = malloc((m + 1) * sizeof(size_t));
	uint32_t   *tjcol = NULL,
			   *tally = calloc(m, sizeof(uint32_t)),
			   *touched = malloc(m * sizeof(uint32_t)),
			   *newj = malloc(m * sizeof(uint32_t)),
			   *table = NULL;
	cg_status	st = CG_OK;

	memset(R, 0, sizeof(*R));
	R->k = L->p - L->nin;
	if (!alive || !tjrow || !fill || !tally || !touched || !newj)
	{
		st = CG_E_NOMEM;
		goto done;
	}
#define FREE_CAND(j) ((j) < nc && L->st[j] == LOC_FREE)
	/* the points left, and by site the points left that each free candidate covers */
	for (i = 0; i < n; i++)
	{
		int			in = 0,
					fr = 0;

		alive[i] = 0;
		if (!(w[i] > 0.0))
			continue;
		for (t = row[i]; t < row[i + 1]; t++)
		{
			in |= L->st[col[t]] == LOC_IN;
			fr |= FREE_CAND(col[t]);
		}
		if (in)
			cg_psum_add(&hi, &lo, w[i]);
		else if (fr)
		{
			alive[i] = 1;
			for (t = row[i]; t < row[i + 1]; t++)
				if (FREE_CAND(col[t]))
				{
					tjrow[col[t] + 1]++;
					nnz++;
				}
		}
		if (loc_tick(L, row[i + 1] - row[i] + 1))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}
	R->base = hi + lo;
	for (j = 0; j < m; j++)
		tjrow[j + 1] += tjrow[j];
	memcpy(fill, tjrow, (m + 1) * sizeof(size_t));
	tjcol = malloc((nnz ? nnz : 1) * sizeof(uint32_t));
	R->row = malloc((n + 1) * sizeof(size_t));
	R->col = malloc((nnz ? nnz : 1) * sizeof(uint32_t));
	R->w = malloc((n ? n : 1) * sizeof(double));
	R->u = malloc((n ? n : 1) * sizeof(double));
	R->site = malloc(m * sizeof(uint32_t));
	while (hsize < 2 * n)
		hsize *= 2;
	table = malloc(hsize * sizeof(uint32_t));
	if (!tjcol || !R->row || !R->col || !R->w || !R->u || !R->site || !table)
	{
		st = CG_E_NOMEM;
		goto done;
	}
	for (i = 0; i < n; i++)
		if (alive[i])
			for (t = row[i]; t < row[i + 1]; t++)
				if (FREE_CAND(col[t]))
					tjcol[fill[col[t]]++] = (uint32_t) i;

	/* dominated candidates: count, for each, the points every other shares with it */
	for (j = 0; j < m; j++)
	{
		size_t		cnt = tjrow[j + 1] - tjrow[j],
					nt = 0,
					work = 1;
		int			dominated = cnt == 0;

		newj[j] = UINT32_MAX;
		if (!FREE_CAND(j))
			continue;
		for (q = tjrow[j]; q < tjrow[j + 1] && !dominated; q++)
		{
			i = tjcol[q];
			work += row[i + 1] - row[i];
			for (t = row[i]; t < row[i + 1]; t++)
			{
				uint32_t	j2 = col[t];

				if (j2 != j && FREE_CAND(j2) && tally[j2]++ == 0)
					touched[nt++] = j2;
			}
		}
		for (q = 0; q < nt; q++)
		{
			uint32_t	j2 = touched[q];
			size_t		cnt2 = tjrow[j2 + 1] - tjrow[j2];

			if (tally[j2] == cnt && (cnt2 > cnt || j2 < j))
				dominated = 1;
			tally[j2] = 0;
		}
		if (!dominated)
		{
			newj[j] = (uint32_t) mr;
			R->site[mr++] = (uint32_t) j;
		}
		if (loc_tick(L, work + nt))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}

	/* the points, merged when their kept sites are the same (a hash table of rows) */
	memset(table, 0xff, hsize * sizeof(uint32_t));
	R->row[0] = 0;
	for (i = 0; i < n; i++)
	{
		size_t		start = R->row[nr],
					len;
		uint64_t	h = 1469598103934665603ULL;
		size_t		slot;

		if (!alive[i])
			continue;
		len = 0;
		for (t = row[i]; t < row[i + 1]; t++)
			if (FREE_CAND(col[t]) && newj[col[t]] != UINT32_MAX)
			{
				R->col[start + len++] = newj[col[t]];
				h = (h ^ newj[col[t]]) * 1099511628211ULL;
			}
		for (slot = (size_t) (h ^ (h >> 29)) & (hsize - 1);; slot = (slot + 1) & (hsize - 1))
		{
			uint32_t	r = table[slot];

			if (r == UINT32_MAX)
			{
				table[slot] = (uint32_t) nr;
				R->w[nr] = w[i];
				R->u[nr] = u ? u[i] : 0.5 * w[i];
				R->row[++nr] = start + len;
				break;
			}
			if (R->row[r + 1] - R->row[r] == len &&
				memcmp(R->col + R->row[r], R->col + start, len * sizeof(uint32_t)) == 0)
			{
				R->w[r] += w[i];
				R->u[r] += u ? u[i] : 0.5 * w[i];
				break;
			}
		}
		if (loc_tick(L, 2 * (row[i + 1] - row[i]) + 1))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}
#undef FREE_CAND
	R->pr.objective = CG_LOC_MCLP;
	R->pr.n = nr;
	R->pr.m = mr;
	R->pr.nfixed = 0;
	R->pr.p = R->k < mr ? R->k : mr;
	R->pr.w = R->w;
	R->pr.row = R->row;
	R->pr.col = R->col;
	R->pr.work_limit = L->limit;
done:
	free(alive);
	free(tjrow);
	free(fill);
	free(tjcol);
	free(tally);
	free(touched);
	free(newj);
	free(table);
	if (st != CG_OK)
		mc_red_free(R);
	return st;
}

size_t
mc_size(const cg_loc_problem *pr)
{
	return pr->n + pr->m + pr->row[pr->n];
}

int
mc_hold(loc *L, size_t units)
{
	if (L->held == NULL)
		return 1;
	if (*L->held + units > L->held_cap)
		return 0;
	*L->held += units;
	return 1;
}

void
mc_release(loc *L, size_t units)
{
	if (L->held != NULL)
		*L->held -= units;
}

/* Worth solving R instead: at least a fifth less to walk in each pass. */
static int
mc_smaller(const loc *L, const mc_red *R)
{
	double		before = (double) L->n + (double) L->m + (double) L->pr->row[L->n],
				after = (double) R->pr.n + (double) R->pr.m + (double) R->pr.row[R->pr.n];

	return after <= 0.8 * before;
}

/*
 * Solve R with k of its sites in a search of its own that shares L's work
 * count.  seed: the covered demand (of R) a solution must beat to be
 * reported, or -INFINITY.  *found: such a solution, its sites in best
 * (R->pr.m flags) and its demand in *value; *bound: an upper bound on R's
 * covered demand with k sites, or seed (give or take the tolerance) when
 * nothing beats it.
 */
cg_status
mc_sub(loc *L, mc_red *R, size_t k, double seed, int depth, uint8_t *best,
	   int *found, double *value, double *bound)
{
	loc			D;
	double		b = INFINITY;
	size_t		t;
	cg_status	st = CG_OK;

	memset(&D, 0, sizeof(D));
	R->pr.p = k;
	D.pr = &R->pr;
	D.n = R->pr.n;
	D.m = R->pr.m;
	D.ncand = D.m;
	D.p = k;
	D.ub = isfinite(seed) ? -seed : INFINITY;
	D.stop_at = -INFINITY;
	D.work = L->work;
	D.limit = L->limit;
	D.since_poll = L->since_poll;
	D.canceled = L->canceled;
	D.held = L->held;
	D.held_cap = L->held_cap;
	D.best = best;
	D.st = calloc(D.m ? D.m : 1, 1);	/* every site LOC_FREE */
	*found = 0;
	*value = -INFINITY;
	if (!D.st)
		return CG_E_NOMEM;
	if (k > 0 && k < D.m)
		st = mc_level(&D, depth + 1, R->u, &b);
	else
	{
		/* no choice: every site (or none) */
		double		hi = 0.0,
					lo = 0.0;

		for (t = 0; t < D.n && k > 0; t++)
			cg_psum_add(&hi, &lo, R->w[t]);
		b = -(hi + lo);
		if (b < D.ub)
		{
			for (t = 0; t < D.m; t++)
				best[t] = k > 0;
			D.have_best = 1;
			D.ub = b;
		}
		b = fmin(b, D.ub);
	}
	L->work = D.work;
	L->since_poll = D.since_poll;
	L->canceled = D.canceled;
	L->nodes += D.nodes;
	if (st == CG_OK)
	{
		*found = D.have_best;
		*value = -D.ub;
		*bound = -b;
	}
	free(D.st);
	free(D.jrow);
	free(D.jcol);
	return st;
}

/* Offer L the open sites plus any candidates up to L->p new ones (more sites never cover less). */
void
mc_offer_padded(loc *L, uint8_t *open)
{
	cv			C;
	size_t		j,
				count = 0;

	for (j = 0; j < L->ncand; j++)
		count += open[j] != 0;
	for (j = 0; j < L->ncand && count < L->p; j++)
		if (!open[j] && L->st[j] == LOC_FREE)
		{
			open[j] = 1;
			count++;
		}
	for (j = 0; j < L->ncand && count < L->p; j++)
		if (!open[j])
		{
			open[j] = 1;
			count++;
		}
	/* the value in L's own terms */
	memset(&C, 0, sizeof(C));
	C.row = L->pr->row;
	C.col = L->pr->col;
	loc_offer(L, open, -mc_covered(L, &C, open));
}

/*
 * Solve R (the problem L->st leaves) instead of L: its best sites, with L's
 * open ones, offered to L; *bound: L's, in the search's sense.
 */
static cg_status
mc_child(loc *L, mc_red *R, int depth, double *bound)
{
	uint8_t    *sb = calloc(R->pr.m ? R->pr.m : 1, 1),
			   *open = malloc(L->m);
	int			found;
	double		v,
				b;
	size_t		j,
				t;
	cg_status	st;

	if (!sb || !open)
	{
		free(sb);
		free(open);
		return CG_E_NOMEM;
	}
	st = mc_sub(L, R, R->pr.p, isfinite(L->ub) ? -L->ub - R->base : -INFINITY, depth, sb, &found, &v, &b);
	if (st == CG_OK)
	{
		if (found)
		{
			for (j = 0; j < L->m; j++)
				open[j] = L->st[j] == LOC_IN;
			for (t = 0; t < R->pr.m; t++)
				if (sb[t])
					open[R->site[t]] = 1;
			mc_offer_padded(L, open);
		}
		*bound = -(b + R->base);
	}
	free(sb);
	free(open);
	return st;
}

/*
 * The MCLP of L under L->st: reduced first when that pays (mc_reduce), else
 * the incumbent by greedy and interchange, the root bounded (with its
 * reduced-cost fixing), then reduced again when that pays, split when the
 * candidates fall into groups, else searched.  *bound: in the search's
 * sense (a lower bound on minus the covered demand).
 */
cg_status
mc_level(loc *L, int depth, const double *u0, double *bound)
{
	cv			C;
	mc_red		R;
	double		lb;
	long		br;
	size_t		i,
				j;
	int			split = 0;
	cg_status	st;

	memset(&C, 0, sizeof(C));
	memset(&R, 0, sizeof(R));
	if (depth < 8)
	{
		if ((st = mc_reduce(L, u0, &R)) != CG_OK)
			return st;
		if (mc_smaller(L, &R) && mc_hold(L, mc_size(&R.pr)))
		{
			size_t		units = mc_size(&R.pr);

			st = mc_child(L, &R, depth, bound);
			mc_release(L, units);
			mc_red_free(&R);
			return st;
		}
		mc_red_free(&R);
	}
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
	if ((st = mc_greedy(L, &C, C.open, L->p - L->nin)) != CG_OK ||
		(st = mc_interchange(L, &C, C.open)) != CG_OK)
		goto done;
	loc_offer(L, C.open, -mc_covered(L, &C, C.open));
	for (i = 0; i < L->n; i++)
		C.u[i] = u0 ? u0[i] : 0.5 * L->pr->w[i];
	L->nodes++;
	if ((st = mc_eval(L, 1, &lb, &br)) != CG_OK)
		goto done;
	if (depth < 8 && br >= 0 && !loc_prunable(L, lb) && L->work < L->limit)
	{
		/* the root's fixing may leave a much smaller problem */
		if ((st = mc_reduce(L, C.u, &R)) != CG_OK)
			goto done;
		if (mc_smaller(L, &R) && mc_hold(L, mc_size(&R.pr)))
		{
			double		b;
			size_t		units = mc_size(&R.pr);

			st = mc_child(L, &R, depth, &b);
			mc_release(L, units);
			/* the child's solutions are the root's: its bound holds too */
			*bound = fmax(b, lb);
			goto done;
		}
		if ((st = mc_split(L, &C, depth, &split, bound)) != CG_OK)
			goto done;
		if (split)
		{
			*bound = fmax(*bound, lb);
			goto done;
		}
	}
	L->root_given = 1;
	L->root_lb = lb;
	L->root_br = br;
	if ((st = loc_search(L, mc_eval, bound)) != CG_OK)
		goto done;
	if (!loc_prunable(L, *bound))
	{
		memcpy(C.open, L->best, L->m);
		if ((st = mc_interchange(L, &C, C.open)) != CG_OK)
			goto done;
		loc_offer(L, C.open, -mc_covered(L, &C, C.open));
	}
done:
	mc_red_free(&R);
	cv_free(&C);
	L->obj = NULL;
	return st;
}

cg_status
loc_mclp(loc *L, cg_loc_result *res)
{
	double		bound = INFINITY;
	size_t		held = 0;
	cg_status	st;

	/*
	 * The chain of reductions and groups holds at most four times the
	 * problem (reductions shrink by a fifth at least, so they alone stay
	 * under five times; past the cap a problem is searched where it is).
	 */
	L->held = &held;
	L->held_cap = 4 * mc_size(L->pr) + 1024;
	st = mc_level(L, 0, NULL, &bound);
	L->held = NULL;
	if (st != CG_OK)
		return st;
	res->objective = -L->ub;
	res->bound = fmax(-bound, -L->ub);
	return CG_OK;
}
