/*
 * cg_locate_mclp_split.c — an MCLP whose free candidates fall apart into
 * groups that share no point, solved group by group: each group's covered
 * demand for k of its sites is bounded (all k at once, from the root's
 * multipliers) and known for some k (none, all, the incumbent's); the
 * sites are shared out among the groups by dynamic programming over the
 * bounds and over the known values, and a group's k is searched on its own
 * (cg_locate_mclp_reduce.c), smallest groups first, only while that share
 * could still beat the incumbent.  The search over the whole would
 * multiply the groups' trees; this adds them.
 */
#include "cg_locate_int.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t
Min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

#define SPLIT_MAX_GROUPS 256
#define SPLIT_MAX_DP 2000000.0	/* groups x (k + 1)^2: the work of one pass of the shares */

typedef struct mc_grp
{
	size_t		ng,
				K;				/* groups; new sites to share out */
	size_t	   *kmax;			/* ng: the most sites a group can use (its candidates, at most K) */
	double	   *hi,
			   *lo;				/* ng x (K + 1): bound, best known demand covered with k sites */
	uint32_t  **sol;			/* ng x (K + 1): the sites of lo (L's), or NULL */
	size_t	   *soln;
	uint8_t    *tried;			/* ng x (K + 1) */
	double	   *pre,
			   *suf;			/* (ng + 1) x (K + 1): the best sums of hi over the groups before / from g */
	size_t	   *pick;			/* (ng + 1) x (K + 1): the shares of the best sum of lo */
	double	   *lsum;			/* (ng + 1) x (K + 1) */
} mc_grp;

#define AT(a, g, k) ((a)[(size_t) (g) * (G->K + 1) + (k)])

/*
 * pre: the best sum of hi over groups 0 .. g-1 with at most r sites; suf:
 * over groups g .. ng-1.  lsum/pick: the same for lo, with the shares.
 */
static cg_status
grp_dp(loc *L, mc_grp *G)
{
	size_t		g,
				r,
				k,
				K = G->K;

	for (r = 0; r <= K; r++)
	{
		AT(G->pre, 0, r) = 0.0;
		AT(G->suf, G->ng, r) = 0.0;
		AT(G->lsum, 0, r) = 0.0;
	}
	for (g = 0; g < G->ng; g++)
	{
		size_t		gb = G->ng - 1 - g;

		for (r = 0; r <= K; r++)
		{
			double		bp = -INFINITY,
						bs = -INFINITY,
						bl = -INFINITY;
			size_t		bk = 0;

			for (k = 0; k <= r && k <= G->kmax[g]; k++)
			{
				bp = fmax(bp, AT(G->pre, g, r - k) + AT(G->hi, g, k));
				if (AT(G->lsum, g, r - k) + AT(G->lo, g, k) > bl)
				{
					bl = AT(G->lsum, g, r - k) + AT(G->lo, g, k);
					bk = k;
				}
			}
			for (k = 0; k <= r && k <= G->kmax[gb]; k++)
				bs = fmax(bs, AT(G->suf, gb + 1, r - k) + AT(G->hi, gb, k));
			AT(G->pre, g + 1, r) = bp;
			AT(G->suf, gb, r) = bs;
			AT(G->lsum, g + 1, r) = bl;
			AT(G->pick, g + 1, r) = bk;
		}
		if (loc_tick(L, 3 * (K + 1) * (K + 1)))
			return CG_E_CANCELED;
	}
	return CG_OK;
}

/* Keep the solution of group g with k sites (L's site indices). */
static cg_status
grp_keep(mc_grp *G, size_t g, size_t k, const uint32_t *sites, size_t cnt, double value)
{
	uint32_t   *s = malloc((cnt ? cnt : 1) * sizeof(uint32_t));

	if (!s)
		return CG_E_NOMEM;
	if (cnt > 0)
		memcpy(s, sites, cnt * sizeof(uint32_t));
	free(AT(G->sol, g, k));
	AT(G->sol, g, k) = s;
	AT(G->soln, g, k) = cnt;
	AT(G->lo, g, k) = value;
	return CG_OK;
}

/*
 * After a change in group g: a bound for k sites holds for fewer, and a
 * solution with k sites is one for more (with sites to spare).
 */
static cg_status
grp_monotone(mc_grp *G, size_t g)
{
	size_t		k;

	for (k = G->kmax[g]; k-- > 0;)
		AT(G->hi, g, k) = fmin(AT(G->hi, g, k), AT(G->hi, g, k + 1));
	for (k = 1; k <= G->kmax[g]; k++)
		if (AT(G->lo, g, k - 1) > AT(G->lo, g, k))
		{
			cg_status	st = grp_keep(G, g, k, AT(G->sol, g, k - 1), AT(G->soln, g, k - 1), AT(G->lo, g, k - 1));

			if (st != CG_OK)
				return st;
		}
	return CG_OK;
}

/*
 * Split when the free candidates of L (those covering a point still
 * uncovered) fall into 2 .. SPLIT_MAX_GROUPS groups that share no point.
 * C: the level's coverage state after its root (C->u its multipliers).
 * *split: 0 when not split (nothing done); else *bound as loc_search's.
 */
cg_status
mc_split(loc *L, cv *C, int depth, int *split, double *bound)
{
	const size_t *row = L->pr->row;
	const uint32_t *col = L->pr->col;
	const double *w = L->pr->w;
	size_t		n = L->n,
				m = L->m,
				nc = L->ncand,
				K = L->p - L->nin,
				ng = 0,
				i,
				j,
				t,
				g,
				k;
	double		base = 0.0,
				blo = 0.0;
	uint32_t   *par = malloc(m * sizeof(uint32_t)),
			   *gof = malloc(m * sizeof(uint32_t)),	/* a site's group, or UINT32_MAX */
			   *list = malloc(m * sizeof(uint32_t)),
			   *tmp = malloc(m * sizeof(uint32_t)),
			   *gstart = NULL;
	uint8_t    *alive = malloc(n ? n : 1),
			   *open = malloc(m),
			   *sb = malloc(m);
	double	   *sj = calloc(m, sizeof(double)),
			   *rows = malloc(4 * m * sizeof(double)),
			   *gfree = NULL,
			   *gall = NULL;
	mc_red	   *R = NULL;
	mc_grp		GG,
			   *G = &GG;
	int			holding = 0;
	cg_status	st = CG_OK;

	memset(G, 0, sizeof(*G));
	*split = 0;
	if (!par || !gof || !list || !tmp || !alive || !open || !sb || !sj || !rows)
	{
		st = CG_E_NOMEM;
		goto done;
	}
#define FREE_CAND(j) ((j) < nc && L->st[j] == LOC_FREE)
#define gsize(g) (gstart[(g) + 1] - gstart[g])
#define FIND(a) do { while (par[a] != (a)) { par[a] = par[par[a]]; (a) = par[a]; } } while (0)
	/* the points still uncovered that a free candidate covers, and the groups (union-find) */
	for (j = 0; j < m; j++)
	{
		par[j] = (uint32_t) j;
		gof[j] = UINT32_MAX;
	}
	for (i = 0; i < n; i++)
	{
		int			in = 0;
		uint32_t	r0 = UINT32_MAX;

		alive[i] = 0;
		if (!(w[i] > 0.0))
			continue;
		for (t = row[i]; t < row[i + 1]; t++)
			in |= L->st[col[t]] == LOC_IN;
		if (in)
		{
			cg_psum_add(&base, &blo, w[i]);
			continue;
		}
		for (t = row[i]; t < row[i + 1]; t++)
			if (FREE_CAND(col[t]))
			{
				uint32_t	a = col[t];

				alive[i] = 1;
				FIND(a);
				if (r0 == UINT32_MAX)
					r0 = a;
				else if (a != r0)
					par[a] = r0;
			}
		if (loc_tick(L, 2 * (row[i + 1] - row[i]) + 1))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}
	base += blo;
	for (i = 0; i < n; i++)
	{
		if (alive[i])
			for (t = row[i]; t < row[i + 1]; t++)
				if (FREE_CAND(col[t]))
				{
					uint32_t	a = col[t];

					FIND(a);
					if (gof[a] == UINT32_MAX)
						gof[a] = (uint32_t) ng++;
					gof[col[t]] = gof[a];
				}
		if (loc_tick(L, row[i + 1] - row[i] + 1))
		{
			st = CG_E_CANCELED;
			goto done;
		}
	}
	if (ng < 2 || ng > SPLIT_MAX_GROUPS || (double) ng * (double) (K + 1) * (double) (K + 1) > SPLIT_MAX_DP)
		goto done;
	/* the groups' problems, all of them at most the size of this one */
	if (!mc_hold(L, mc_size(L->pr)))
		goto done;
	holding = 1;
	*split = 1;

	/* the groups' candidates, listed group by group */
	G->ng = ng;
	G->K = K;
	gstart = calloc(ng + 1, sizeof(uint32_t));
	gfree = calloc(ng, sizeof(double));
	gall = calloc(ng, sizeof(double));
	R = calloc(ng, sizeof(mc_red));
	G->kmax = calloc(ng, sizeof(size_t));
	G->hi = malloc(ng * (K + 1) * sizeof(double));
	G->lo = malloc(ng * (K + 1) * sizeof(double));
	G->sol = calloc(ng * (K + 1), sizeof(uint32_t *));
	G->soln = calloc(ng * (K + 1), sizeof(size_t));
	G->tried = calloc(ng * (K + 1), 1);
	G->pre = malloc((ng + 1) * (K + 1) * sizeof(double));
	G->suf = malloc((ng + 1) * (K + 1) * sizeof(double));
	G->lsum = malloc((ng + 1) * (K + 1) * sizeof(double));
	G->pick = malloc((ng + 1) * (K + 1) * sizeof(size_t));
	if (!gstart || !gfree || !gall || !R || !G->kmax || !G->hi || !G->lo || !G->sol || !G->soln ||
		!G->tried || !G->pre || !G->suf || !G->lsum || !G->pick)
	{
		st = CG_E_NOMEM;
		goto done;
	}
	for (j = 0; j < m; j++)
		if (gof[j] != UINT32_MAX)
			gstart[gof[j] + 1]++;
	for (g = 0; g < ng; g++)
	{
		gstart[g + 1] += gstart[g];
		G->kmax[g] = Min_size(gstart[g + 1] - gstart[g], K);
	}
	{
		uint32_t   *fill = par;	/* par is no longer needed */

		memcpy(fill, gstart, ng * sizeof(uint32_t));
		for (j = 0; j < m; j++)
			if (gof[j] != UINT32_MAX)
				list[fill[gof[j]]++] = (uint32_t) j;
	}

	/*
	 * The bounds of the root's multipliers, for every k at once: a group's
	 * points' sum_i max(0, w_i - u_i) plus its k largest site values.
	 */
	for (i = 0; i < n; i++)
		if (alive[i])
		{
			uint32_t	g0 = UINT32_MAX;

			for (t = row[i]; t < row[i + 1]; t++)
				if (FREE_CAND(col[t]))
				{
					sj[col[t]] += C->u[i];
					g0 = gof[col[t]];
				}
			gfree[g0] += fmax(0.0, w[i] - C->u[i]);
			gall[g0] += w[i];
			if (loc_tick(L, row[i + 1] - row[i] + 1))
			{
				st = CG_E_CANCELED;
				goto done;
			}
		}
	for (g = 0; g < ng; g++)
	{
		uint32_t   *gl = list + gstart[g];
		size_t		cnt = gstart[g + 1] - gstart[g];
		double		acc = gfree[g];

		/* sort the group's candidates by value, largest first */
		if ((st = loc_sort_by_key(L, sj, gl, cnt, rows, rows + 2 * m)) != CG_OK)
			goto done;
		for (k = 0; k <= K; k++)
		{
			AT(G->hi, g, k) = -INFINITY;
			AT(G->lo, g, k) = -INFINITY;
		}
		for (k = 0; k <= G->kmax[g]; k++)
		{
			if (k > 0)
				acc += sj[gl[cnt - k]];	/* ascending: the largest last */
			AT(G->hi, g, k) = mc_floor(C, acc);
		}
		if ((st = grp_keep(G, g, 0, NULL, 0, 0.0)) != CG_OK)
			goto done;
		if (cnt <= K)
		{
			/* every candidate of the group: all its points */
			AT(G->hi, g, cnt) = gall[g];
			if ((st = grp_keep(G, g, cnt, gl, cnt, gall[g])) != CG_OK)
				goto done;
		}
	}
	/* the incumbent, group by group: its free candidates in each, and the points they cover */
	if (L->have_best)
	{
		for (g = 0; g < ng; g++)
			gall[g] = 0.0;
		for (i = 0; i < n; i++)
			if (alive[i])
			{
				uint32_t	g0 = UINT32_MAX;
				int			cov = 0;

				for (t = row[i]; t < row[i + 1]; t++)
					if (FREE_CAND(col[t]))
					{
						g0 = gof[col[t]];
						cov |= L->best[col[t]] != 0;
					}
				if (cov)
					gall[g0] += w[i];
				if (loc_tick(L, row[i + 1] - row[i] + 1))
				{
					st = CG_E_CANCELED;
					goto done;
				}
			}
		for (g = 0; g < ng; g++)
		{
			size_t		cnt = 0;

			for (t = gstart[g]; t < gstart[g + 1]; t++)
				if (L->best[list[t]])
					tmp[cnt++] = list[t];
			if (cnt <= G->kmax[g] && gall[g] > AT(G->lo, g, cnt) &&
				(st = grp_keep(G, g, cnt, tmp, cnt, gall[g])) != CG_OK)
				goto done;
		}
	}
	for (g = 0; g < ng; g++)
		if ((st = grp_monotone(G, g)) != CG_OK)
			goto done;

	/*
	 * share the sites out; search a group's k while that share could still
	 * beat the incumbent (its potential: its bound plus the best of the
	 * other groups' bounds with the sites left)
	 */
	for (;;)
	{
		double		best_pot = -INFINITY,
					best_other = 0.0,
					total;
		size_t		bg = 0,
					bkk = 0,
					r;

		if ((st = grp_dp(L, G)) != CG_OK)
			goto done;
		/* the best shares of the known solutions: offered to L */
		if (AT(G->lsum, ng, K) > -INFINITY)
		{
			for (j = 0; j < m; j++)
				open[j] = L->st[j] == LOC_IN;
			for (g = ng, r = K; g-- > 0;)
			{
				size_t		kk = AT(G->pick, g + 1, r);

				for (t = 0; t < AT(G->soln, g, kk); t++)
					open[AT(G->sol, g, kk)[t]] = 1;
				r -= kk;
			}
			mc_offer_padded(L, open);
		}
		total = base + AT(G->pre, ng, K);
		*bound = -total;
		if (loc_prunable(L, -total) || L->work >= L->limit)
			break;
		for (g = 0; g < ng; g++)
			for (k = 0; k <= G->kmax[g]; k++)
			{
				double		other = -INFINITY,
							pot;

				if (AT(G->tried, g, k) || AT(G->hi, g, k) <= AT(G->lo, g, k))
					continue;
				for (r = 0; r <= K - k; r++)
					other = fmax(other, AT(G->pre, g, r) + AT(G->suf, g + 1, K - k - r));
				pot = base + AT(G->hi, g, k) + other;
				/*
				 * the smallest group first (its search is cheap, and once its
				 * bounds are exact the larger groups' thresholds are sharp),
				 * then the share of most potential
				 */
				if (!loc_prunable(L, -pot) &&
					(best_pot == -INFINITY || gsize(g) < gsize(bg) || (gsize(g) == gsize(bg) && pot > best_pot)))
				{
					best_pot = pot;
					best_other = other;
					bg = g;
					bkk = k;
				}
			}
		if (loc_tick(L, ng * (K + 1) * (K + 1)))
		{
			st = CG_E_CANCELED;
			goto done;
		}
		if (best_pot == -INFINITY)
			break;				/* every share left is settled (cannot happen: the bound would prune) */

		/* search group bg with bkk sites, to beat what would improve the incumbent */
		{
			int			found;
			double		v,
						b,
						seed;

			AT(G->tried, bg, bkk) = 1;
			if (R[bg].row == NULL)
			{
				/* the problem of group bg alone: the other groups' candidates out for the while */
				int8_t	   *save = malloc(m);

				if (!save)
				{
					st = CG_E_NOMEM;
					goto done;
				}
				memcpy(save, L->st, m);
				for (j = 0; j < m; j++)
					if (FREE_CAND(j) && gof[j] != bg)
						L->st[j] = LOC_OUT;
				st = mc_reduce(L, C->u, &R[bg]);
				memcpy(L->st, save, m);
				free(save);
				if (st != CG_OK)
					goto done;
			}
			seed = fmax(AT(G->lo, bg, bkk), -L->ub - base - best_other);
			memset(sb, 0, m);
			if ((st = mc_sub(L, &R[bg], Min_size(bkk, R[bg].pr.m), seed, depth, sb, &found, &v, &b)) != CG_OK)
				goto done;
			if (found && v > AT(G->lo, bg, bkk))
			{
				size_t		cnt = 0;

				for (t = 0; t < R[bg].pr.m; t++)
					if (sb[t])
						tmp[cnt++] = R[bg].site[t];
				if ((st = grp_keep(G, bg, bkk, tmp, cnt, v)) != CG_OK)
					goto done;
			}
			AT(G->hi, bg, bkk) = fmin(AT(G->hi, bg, bkk), mc_floor(C, fmax(b, AT(G->lo, bg, bkk))));
			if ((st = grp_monotone(G, bg)) != CG_OK)
				goto done;
		}
	}
#undef FIND
#undef gsize
#undef FREE_CAND
done:
	if (holding)
		mc_release(L, mc_size(L->pr));
	if (R)
		for (g = 0; g < ng; g++)
			mc_red_free(&R[g]);
	if (G->sol)
		for (t = 0; t < ng * (K + 1); t++)
			free(G->sol[t]);
	free(R);
	free(G->kmax);
	free(G->hi);
	free(G->lo);
	free(G->sol);
	free(G->soln);
	free(G->tried);
	free(G->pre);
	free(G->suf);
	free(G->lsum);
	free(G->pick);
	free(gstart);
	free(gfree);
	free(gall);
	free(par);
	free(gof);
	free(list);
	free(tmp);
	free(alive);
	free(open);
	free(sb);
	free(sj);
	free(rows);
	return st;
}

#undef AT
