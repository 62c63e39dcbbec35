/*
 * cg_allocate.h — where new capacity closes the gap fastest (groundwork of
 * issue 12, no SQL surface yet).  Units i have supply S_i, demand D_i >= 0,
 * a cost per place c_i > 0 (1 when NULL), and bounds lo_i <= x_i <= hi_i on
 * the places added (0 and INFINITY when NULL).  Against a target ratio T the
 * gap is g_i(x) = max(0, 1 - (S_i + x) / (T D_i)) (0 when D_i = 0) and the
 * shortfall max(0, T D_i - S_i - x).  A budget B >= 0 in cost units.
 *
 * CG_ALLOC_MINMAX: minimize the largest gap (water-filling: raise every unit
 *   to the common level L, the lowest the budget reaches).
 * CG_ALLOC_SHORTFALL: minimize the total shortfall (fill the cheapest
 *   shortfall first: a fractional knapsack).
 * Continuous (integer = 0): exact; the whole budget is used only while it
 * lowers the objective.  Whole places (integer = 1): for min-max, the lowest
 * level L whose whole-place needs (the fewest whole places that bring each
 * gap to L or below, within the bounds) the budget covers, by bisection to
 * the last bit: the integer optimum for any positive costs; the rest of the
 * budget then goes to the largest gaps.  For the shortfall, the continuous
 * solution rounded down, then single places to the unit that removes most
 * shortfall per cost (a heap, O(log n) a place): optimal for unit costs,
 * this rounding otherwise.  The total cost never exceeds B, with no
 * tolerance.  Whole places are counted in doubles: a unit whose T D passes
 * 2^53 is CG_E_OVERFLOW.
 */
#ifndef CG_ALLOCATE_H
#define CG_ALLOCATE_H

#include <stddef.h>
#include "cg_status.h"

typedef enum cg_alloc_objective
{
	CG_ALLOC_MINMAX = 1,
	CG_ALLOC_SHORTFALL
} cg_alloc_objective;

/*
 * x: n places added (output); scratch: 16 n bytes (a double and a size_t a
 * unit), suitably aligned.  CG_E_CANCELED when the cancel hook asked to
 * stop (long loops poll it).  Errors with *bad: CG_E_NAN, CG_E_INFINITE
 * (S, D, cost), CG_E_NEGATIVE (S, D, lo, B), CG_E_NONPOSITIVE (cost, T),
 * CG_E_CORRUPT (lo > hi, or no whole number between them, unknown objective);
 * CG_E_MISMATCH when the lower bounds alone cost more than B; CG_E_OVERFLOW
 * (T D or T D - S beyond double, or past 2^53 in whole places).
 */
cg_status	cg_allocate(size_t n, const double *S, const double *D, const double *cost,
						const double *lo, const double *hi, double T, double B,
						cg_alloc_objective obj, int integer, void *scratch, double *x, size_t *bad);

/* The gap of unit i after x places: max(0, 1 - (S + x) / (T D)), 0 when D = 0. */
double		cg_alloc_gap(double S, double D, double T, double x);

#endif							/* CG_ALLOCATE_H */
