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
	/* coverage by site (transposed rows), when the objective has coverage */
	size_t	   *jrow;
	uint32_t   *jcol;
	/* the objective's own state */
	void	   *obj;
};

/* Count work; poll the cancel hook every ~2^18 steps: nonzero when canceled. */
int			loc_tick(loc *L, size_t steps);

/* True when a node bounded by lb cannot hold a solution better than the incumbent. */
int			loc_prunable(const loc *L, double lb);

/* Record open (m flags) as the incumbent when value is better. */
void		loc_offer(loc *L, const uint8_t *open, double value);

/*
 * Depth-first branch and bound from the current L->st; *bound: the least
 * lower bound over what was pruned or left.
 */
cg_status	loc_search(loc *L, loc_eval_fn eval, double *bound);

/* The k smallest of v over the indices idx[0 .. cnt-1] moved to the front (quickselect). */
void		loc_select_smallest(const double *v, uint32_t *idx, size_t cnt, size_t k);

/* Coverage by site from coverage by point (malloc'd into L->jrow, L->jcol). */
cg_status	loc_transpose(loc *L, const size_t *row, const uint32_t *col);

/* The objectives of cg_locate_cover.c. */
cg_status	loc_lscp(loc *L, cg_loc_result *res);
cg_status	loc_mclp(loc *L, cg_loc_result *res);
cg_status	loc_equity(loc *L, cg_loc_result *res);

/*
 * LSCP as a decision: is there a cover of the points with demand (w; NULL:
 * the problem's) with at most p new sites (w given: p sites in all), over
 * the coverage row/col?  *answer: 1 yes (open: such a cover), 0 proven no,
 * -1 undecided within the work limit.
 */
cg_status	loc_cover_decide(loc *L, const size_t *row, const uint32_t *col, const double *w,
							 size_t p, int *answer, uint8_t *open);

#endif							/* CG_LOCATE_INT_H */
