/*
 * cg_breaks.h — class breaks for choropleth maps (docs/FORMULAS.md section 7),
 * groundwork of issue 12 (no SQL surface yet): quantiles, equal intervals,
 * exact Fisher-Jenks and head/tail breaks, unweighted or weighted (a
 * population-weighted classification), with mapclassify's conventions:
 * classes given by their upper bounds, right-closed (b_{c-1} < x <= b_c).
 */
#ifndef CG_BREAKS_H
#define CG_BREAKS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

typedef enum cg_breaks_method
{
	CG_BREAKS_QUANTILE = 1,		/* unweighted: linear interpolation at p = c/k (numpy's, mapclassify's);
								 * weighted: the smallest x whose cumulative weight reaches p W */
	CG_BREAKS_EQUAL,			/* min + c (max - min) / k, the last the max */
	CG_BREAKS_FISHER,			/* exact Fisher-Jenks: the k classes of least within-class sum of squares */
	CG_BREAKS_HEADTAIL			/* Jiang's head/tail breaks: means of the head until one value is left (k unused) */
} cg_breaks_method;

/*
 * Breaks of x (n values, finite; w: n weights >= 0 or NULL for 1 each) into
 * at most k classes.  The distinct values are classified (equal values never
 * straddle a bound); duplicate bounds collapse, so *k_out can be below k
 * (k >= the number of distinct values: one class each).  bounds: k doubles
 * (head/tail: up to 64), counts: as many (number of values in each class),
 * *gvf: goodness of variance fit 1 - SDCM / SDAM (NaN when all values are
 * equal).  x and w are copied, not changed.  scratch: 10 n doubles; uscratch:
 * k n uint32_t for Fisher-Jenks (n here the number of distinct values).
 * Errors: CG_E_NAN, CG_E_INFINITE, CG_E_NEGATIVE (a weight) with *bad;
 * CG_E_CORRUPT for k < 1 or an unknown method; CG_E_NONPOSITIVE when the
 * weights sum to 0; CG_E_CANCELED when the cancel hook says so (every loop,
 * the sort included, polls it); CG_E_NOMEM when the sort's buckets cannot be
 * allocated.
 */
cg_status	cg_breaks(const double *x, const double *w, size_t n, size_t k, cg_breaks_method method,
					  double *scratch, uint32_t *uscratch, double *bounds, uint64_t *counts,
					  size_t *k_out, double *gvf, size_t *bad);

/* The class (0-based) of v given k upper bounds, right-closed; k - 1 above the last bound. */
size_t		cg_class_of(const double *bounds, size_t k, double v);

#endif							/* CG_BREAKS_H */
