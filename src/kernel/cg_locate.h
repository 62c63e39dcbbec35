/*
 * cg_locate.h — facility location: which of m sites to open for n demand
 * points (docs/FORMULAS.md section 10).  Sites 0 .. m - nfixed - 1 are
 * candidates; the last nfixed are open already (existing facilities) and p
 * counts only the new ones.  w_i >= 0 is the demand of point i; points with
 * w_i = 0 do not constrain anything.
 *
 *   LSCP (Toregas et al. 1971): fewest new sites covering every point.
 *   MCLP (Church and ReVelle 1974): p new sites maximizing the demand covered.
 *   p-median (Hakimi 1964): p new sites minimizing sum_i w_i min_open d_ij.
 *   p-center (Hakimi 1965): p new sites minimizing max_i min_open d_ij.
 *   equity: p new sites maximizing min_i A_i, A the 2SFCA access (Luo and
 *     Wang 2003) with capacities cap_j: R_j = cap_j / sum_{i covered by j} w_i,
 *     A_i = sum_{open j covering i} R_j.
 *
 * Every answer carries a bound: a lower bound for the minimizations
 * (LSCP, p-median, p-center), an upper bound for the maximizations (MCLP,
 * equity).  Branch and bound over the sites, each node bounded by a
 * Lagrangian relaxation (p-median: Beasley 1993; MCLP and LSCP: relaxing the
 * coverage rows) or, for equity, by the k best sites of every point; the
 * incumbent from greedy plus vertex substitution (Teitz and Bart 1968) in the
 * fast-interchange form (Whitaker 1983).  p-center bisects over the distances
 * with an LSCP of at most p sites at each.  The search ends when the bound
 * meets the incumbent (optimal: relative gap <= CG_LOC_TOL) or when the work
 * limit is spent; the bound is then the least bound of the nodes left.
 */
#ifndef CG_LOCATE_H
#define CG_LOCATE_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

#define CG_LOC_TOL 1e-9

typedef enum cg_loc_objective
{
	CG_LOC_LSCP = 1,
	CG_LOC_MCLP,
	CG_LOC_PMEDIAN,
	CG_LOC_PCENTER,
	CG_LOC_EQUITY
} cg_loc_objective;

typedef struct cg_loc_problem
{
	cg_loc_objective objective;
	size_t		n;				/* demand points */
	size_t		m;				/* sites: candidates, then the nfixed existing ones */
	size_t		nfixed;
	size_t		p;				/* new sites (not LSCP) */
	const double *w;			/* n: demand, finite, >= 0 */
	/* p-median, p-center: n * m distances row by row (d[i * m + j]), finite, >= 0 */
	const double *d;
	/*
	 * LSCP, MCLP, equity: the sites covering each point, compressed rows:
	 * col[row[i]] .. col[row[i + 1] - 1], ascending, no repeats.
	 */
	const size_t *row;
	const uint32_t *col;
	const double *cap;			/* equity: m capacities, finite, >= 0 */
	/*
	 * The search stops after about this many elementary steps (a distance
	 * or a coverage entry looked at); the root's bound and the greedy and
	 * interchange incumbent are always computed.  0: the default, 1e9.
	 */
	double		work_limit;
} cg_loc_problem;

typedef struct cg_loc_result
{
	uint8_t    *open;			/* m, caller's buffer: 1 for an open site (existing ones included) */
	double		objective;		/* LSCP: new sites; MCLP: covered demand; p-median: total
								 * weighted distance; p-center: largest distance; equity:
								 * least access */
	double		bound;			/* lower (LSCP, p-median, p-center) or upper (MCLP, equity) */
	int			optimal;		/* the bound proves the objective (relative gap <= CG_LOC_TOL) */
	size_t		nodes;			/* branch-and-bound nodes */
	size_t		bad;			/* LSCP: a point with demand that no site covers (CG_E_MISMATCH) */
} cg_loc_result;

/*
 * Solve.  CG_E_MISMATCH: LSCP with a point no site covers (*bad in res),
 * CG_E_LENGTH: p greater than the candidates, CG_E_CORRUPT: an unknown
 * objective or a site index out of range, CG_E_NAN / CG_E_NEGATIVE /
 * CG_E_INFINITE: a bad weight, distance or capacity (res->bad: the point,
 * or n + the site for a capacity), CG_E_NOMEM, CG_E_CANCELED (the cancel
 * hook, polled every ~2^18 steps).
 */
cg_status	cg_locate(const cg_loc_problem *pr, cg_loc_result *res);

/* The 2SFCA access of every point (n) for the open sites; ratio: m (R_j, 0 without demand). */
cg_status	cg_locate_access(const cg_loc_problem *pr, const uint8_t *open, double *access, double *ratio);

#endif							/* CG_LOCATE_H */
