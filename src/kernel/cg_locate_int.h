/*
 * cg_locate_int.h — what the facility-location kernels share (cg_locate.c:
 * the search, p-median and p-center; cg_locate_cover.c: LSCP, MCLP and
 * equity).  Not part of the kernel's interface.
 */
#ifndef CG_LOCATE_INT_H
#define CG_LOCATE_INT_H

#include "cg_locate.h"

#define LOC_IN 1
#define LOC_FREE 0
#define LOC_OUT (-1)

typedef struct loc loc;

/*
 * Bound the node given by L->st (minimization in the search's own sense):
 * *lb a lower bound of every completion, the incumbent updated with any
 * solution met; *branch a free site to branch on, or -1 when the node is
 * settled (solved, or no completion).
 */
typedef cg_status (*loc_eval_fn) (loc *L, int root, double *lb, long *branch);

struct loc
{
	const cg_loc_problem *pr;
	size_t		n,
				m,
				ncand;			/* m - nfixed */
	size_t		p;
	int8_t	   *st;				/* m: LOC_IN / LOC_FREE / LOC_OUT; existing sites LOC_IN */
	size_t		nin;			/* candidates forced in */
	/* the incumbent, in the search's sense (smaller is better) */
	double		ub;
	uint8_t    *best;			/* m */
	int			have_best;
	double		stop_at;		/* stop as soon as ub <= stop_at (-INFINITY: never) */
	/* work accounting and cancel */
	double		work,
				limit;
	size_t		since_poll;
	size_t		nodes;
	int			canceled;		/* the hook said stop: kept, so that every later tick stops too */
	/* the root already bounded by the caller (loc_search then starts from these) */
	int			root_given;
	double		root_lb;
	long		root_br;
	/*
	 * MCLP: the problems held along the current chain of reductions and
	 * groups (points + sites + pairs, shared by the whole chain), and its cap
	 */
	size_t	   *held;
	size_t		held_cap;
	/* coverage by site (transposed rows), when the objective has coverage */
	size_t	   *jrow;
	uint32_t   *jcol;
	/* the objective's own state */
	void	   *obj;
};

/*
 * Count work; poll the cancel hook every ~2^18 steps: nonzero when canceled,
 * and from then on at every call (passes that return no status call it and
 * leave the stop to their caller's next loop).
 */
int			loc_tick(loc *L, size_t steps);

/* True when a node bounded by lb cannot hold a solution better than the incumbent. */
int			loc_prunable(const loc *L, double lb);

/* Record open (m flags) as the incumbent when value is better. */
void		loc_offer(loc *L, const uint8_t *open, double value);

/*
 * Depth-first branch and bound from the current L->st; *bound: the least
 * lower bound over what was pruned or left.  With L->root_given the root
 * is not evaluated again (its bound and branch are L->root_lb, root_br).
 */
cg_status	loc_search(loc *L, loc_eval_fn eval, double *bound);

/* The k smallest of v over the indices idx[0 .. cnt-1] moved to the front (quickselect). */
void		loc_select_smallest(const double *v, uint32_t *idx, size_t cnt, size_t k);

/*
 * Sort idx[0 .. cnt-1] by key[idx] ascending (radix, polling cancel: the
 * sorts of cg_ineq.h); rows and buf: 2 cnt doubles each.  Ties keep their
 * order in idx.
 */
cg_status	loc_sort_by_key(loc *L, const double *key, uint32_t *idx, size_t cnt, double *rows, double *buf);

/* Coverage by site from coverage by point (malloc'd into L->jrow, L->jcol). */
cg_status	loc_transpose(loc *L, const size_t *row, const uint32_t *col);

/* The objectives, one file each. */
cg_status	loc_pmedian(loc *L, cg_loc_result *res);	/* cg_locate_median.c */
cg_status	loc_pcenter(loc *L, cg_loc_result *res);	/* cg_locate_center.c */
cg_status	loc_lscp(loc *L, cg_loc_result *res);	/* cg_locate_cover.c */
cg_status	loc_mclp(loc *L, cg_loc_result *res);	/* cg_locate_mclp.c */
cg_status	loc_equity(loc *L, cg_loc_result *res);	/* cg_locate_equity.c */

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
	/* MCLP and LSCP, a node's compact lists (cv_compact) */
	uint32_t   *al;				/* n: the alive points */
	uint32_t   *fsite;			/* m: the free candidates */
	int32_t    *fpos;			/* m: a candidate's place in fsite, or -1 */
	size_t	   *crow;			/* m + 1 */
	uint32_t   *ccol;			/* nnz: the alive points of each free candidate */
	int32_t    *hit;			/* n: LSCP, the relaxation's sites covering each alive point */
} cv;

/*
 * A node's compact lists: its alive points (C->al) and, for each free
 * candidate (C->fsite; C->fpos its place), the alive points it covers
 * (C->crow, C->ccol); C->s and C->x zeroed, C->cc and C->hit zeroed for the
 * alive points.  Polls cancel as it goes (a cancel is kept in L->canceled,
 * for the caller to check).
 */
void		cv_compact(loc *L, cv *C, size_t *na, size_t *nf);

/*
 * The multipliers of the alive points that the q-th free candidate covers,
 * summed in four sums side by side (the additions do not wait on each other).
 */
static inline double
cv_site_value(const cv *C, size_t q)
{
	double		v0 = 0.0,
				v1 = 0.0,
				v2 = 0.0,
				v3 = 0.0;
	const uint32_t *cl = C->ccol;
	size_t		e = C->crow[q + 1],
				t;

	for (t = C->crow[q]; t + 4 <= e; t += 4)
	{
		v0 += C->u[cl[t]];
		v1 += C->u[cl[t + 1]];
		v2 += C->u[cl[t + 2]];
		v3 += C->u[cl[t + 3]];
	}
	for (; t < e; t++)
		v0 += C->u[cl[t]];
	return (v0 + v1) + (v2 + v3);
}

/* MCLP (cg_locate_mclp.c): its passes, which cg_locate_mclp_reduce.c drives. */
double		mc_covered(loc *L, cv *C, const uint8_t *open);	/* the demand open covers */
cg_status	mc_greedy(loc *L, cv *C, uint8_t *open, size_t k);	/* k more sites, greedily */
cg_status	mc_interchange(loc *L, cv *C, uint8_t *open);	/* swaps while they pay */
double		mc_floor(cv *C, double ub);	/* an upper bound rounded down when demands are whole */
cg_status	mc_eval(loc *L, int root, double *lb, long *branch);	/* a node's Lagrangian bound */

/* MCLP (cg_locate_mclp_reduce.c): the problem a node leaves, reduced. */
typedef struct mc_red
{
	cg_loc_problem pr;			/* an MCLP without existing sites */
	size_t	   *row;
	uint32_t   *col;
	double	   *w;
	double	   *u;				/* starting multipliers: the parent's, added over merged points */
	uint32_t   *site;			/* a site of the reduction -> the parent's */
	double		base;			/* the demand the parent's open sites cover */
	size_t		k;				/* the new sites the parent still opens */
} mc_red;
void		mc_red_free(mc_red *R);

/*
 * The MCLP that L->st leaves: points with demand that no open site covers
 * and a free candidate does; the free candidates no other dominates;
 * points with the same sites merged.  u: multipliers to carry, or NULL.
 */
cg_status	mc_reduce(loc *L, const double *u, mc_red *R);

/*
 * Solve R with k sites in a search of its own sharing L's work count; seed:
 * the demand a solution must beat (or -INFINITY).  *found, best (R->pr.m
 * flags), *value: a solution beating seed; *bound: an upper bound (about
 * seed when nothing beats it).
 */
cg_status	mc_sub(loc *L, mc_red *R, size_t k, double seed, int depth, uint8_t *best,
				   int *found, double *value, double *bound);

/*
 * The memory bound of MCLP's reductions: a problem's size (points + sites +
 * pairs); mc_hold adds units to the chain's count and answers 1, or 0 (adding
 * nothing) when that would pass the cap (then the problem is searched where
 * it is, not handed down); mc_release takes them off.
 */
size_t		mc_size(const cg_loc_problem *pr);
int			mc_hold(loc *L, size_t units);
void		mc_release(loc *L, size_t units);

/* Offer L the open sites, with any candidates up to L->p new ones. */
void		mc_offer_padded(loc *L, uint8_t *open);

/* Solve the MCLP of L under L->st (*bound: a lower bound in the search's sense). */
cg_status	mc_level(loc *L, int depth, const double *u0, double *bound);

/*
 * Solve by groups of candidates that share no point when there are 2 .. 256
 * of them (cg_locate_mclp_split.c); *split 0: not split, nothing done.
 */
cg_status	mc_split(loc *L, cv *C, int depth, int *split, double *bound);

/* The state of a coverage objective over row/col (and L's transposed coverage); extra: doubles for MCLP's interchange. */
cg_status	cv_alloc(loc *L, cv *C, const size_t *row, const uint32_t *col, size_t extra);
void		cv_free(cv *C);

/*
 * Mark the points with demand that no forced-open site covers; *base: the
 * demand of those it does cover.  *uncoverable: an alive point without a
 * free site (the first), or -1; with C->drop_unreachable (MCLP) such a point
 * is not alive (nothing can cover it).
 */
cg_status	cv_alive(loc *L, cv *C, double *base, long *uncoverable);

/*
 * LSCP as a decision: is there a cover of the points with demand (w; NULL:
 * the problem's) with at most p new sites (w given: p sites in all), over
 * the coverage row/col?  *answer: 1 yes (open: such a cover), 0 proven no,
 * -1 undecided within the work limit.
 */
cg_status	loc_cover_decide(loc *L, const size_t *row, const uint32_t *col, const double *w,
							 size_t p, int *answer, uint8_t *open);

#endif							/* CG_LOCATE_INT_H */
