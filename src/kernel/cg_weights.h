/*
 * cg_weights.h — spatial weights (docs/FORMULAS.md section 3): links (i, j, w)
 * between n units, indexed 0..n-1 (the glue maps ids to indices), checked and
 * stored as compressed rows; the transforms of spdep / libpysal; the summary
 * numbers every statistic reports (S0, S1, S2, islands, components).
 *
 * Groundwork of the spatial family: the glue that reads a weights relation
 * and the statistics that use these are not written yet.
 */
#ifndef CG_WEIGHTS_H
#define CG_WEIGHTS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

/* Compressed rows: the links of unit i are col/w[row[i] .. row[i+1]), j ascending. */
typedef struct cg_weights
{
	size_t		n;				/* units */
	size_t		m;				/* links */
	size_t	   *row;			/* n + 1 offsets */
	uint32_t   *col;			/* m neighbour indices */
	double	   *w;				/* m weights */
} cg_weights;

/*
 * Build wt (its row, col, w: caller buffers of n + 1, m and m) from m links
 * (li[k], lj[k], lw[k]).  Checks: indices below n (else CG_E_CORRUPT), weights
 * finite (CG_E_NAN, CG_E_INFINITE) and >= 0 (CG_E_NEGATIVE), no link given twice
 * (CG_E_DUPLICATE), no self-link unless allow_self (CG_E_SELF_LINK); *bad is
 * the index of the offending link.  O(n + m log(max degree)).
 */
cg_status	cg_weights_build(size_t n, size_t m, const uint32_t *li, const uint32_t *lj,
							 const double *lw, int allow_self, cg_weights *wt, size_t *bad);

/*
 * Transform in place, by spdep's style letter: 'B' binary (every weight 1),
 * 'R' row-standardized (rows sum to 1), 'C' globally standardized (all sum
 * to the number of units with neighbours), 'U' (all sum to 1), 'S'
 * variance-stabilizing (rows scaled by 1 / sqrt(sum of squares), then all
 * sum to the number of units with neighbours).  Rows of islands stay empty.
 * CG_E_CORRUPT for an unknown style; CG_E_NONPOSITIVE when a row (R, S) or
 * the whole (C, U) sums to 0.
 */
cg_status	cg_weights_transform(cg_weights *wt, char style);

typedef struct cg_weights_summary
{
	double		s0;				/* sum of the weights */
	double		s1;				/* 1/2 sum_ij (w_ij + w_ji)^2 */
	double		s2;				/* sum_i (w_i. + w_.i)^2 */
	size_t		islands;		/* units with no link out and none in */
	size_t		components;		/* connected components, links taken both ways */
	size_t		asymmetric;		/* links (i, j) without (j, i) of the same weight */
	size_t		min_neighbours,
				max_neighbours;
	double		mean_neighbours;
} cg_weights_summary;

/*
 * Summary of wt.  scratch: 2 n doubles and n uint32_t (caller buffers).
 * CG_E_CANCELED when the cancel hook asked to stop.
 */
cg_status	cg_weights_summarize(const cg_weights *wt, double *scratch, uint32_t *uscratch,
								 cg_weights_summary *out);

#endif							/* CG_WEIGHTS_H */
