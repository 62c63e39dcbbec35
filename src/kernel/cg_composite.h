/*
 * cg_composite.h — a composite index from several indicators per unit, with
 * rank uncertainty (docs/FORMULAS.md section 8, the OECD/JRC Handbook 2008);
 * groundwork of issue 12, no SQL surface yet.
 *
 * x: n units by p indicators, row-major, finite.  direction[j] = +1 when a
 * larger value raises the index, -1 when it lowers it.  Normalized values
 * s_ij in [0, 1] (z-scores excepted):
 *   minmax     (x - min) / (max - min)               (0 for a constant indicator)
 *   zscore     (x - mean) / sd, sd with n - 1        (0 for a constant indicator)
 *   rank       (r - 1) / (n - 1), r the average rank (ties share it)
 *   goalposts  clamp((x - lo_j) / (hi_j - lo_j), 0, 1)
 *   target     x / t_j, the ratio to a target t_j > 0 (hi holds the targets)
 * each reversed for direction -1 (1 - s; for z-scores and targets -s).
 * Weights: equal, given (w >= 0, summing to anything > 0), or entropy:
 *   on the min-max values, P_ij = s_ij / sum_i s_ij, e_j = -sum_i P_ij ln P_ij / ln n,
 *   w_j proportional to 1 - e_j (an indicator that does not vary gets 0);
 * always scaled to sum 1.
 * Aggregation: arithmetic sum_j w_j s_ij, or geometric prod_j (1 + 99 s_ij)^w_j
 * (the values mapped to [1, 100] first; not with z-scores or targets).
 * Ranks: 1 for the largest score; ties share the smallest rank.
 */
#ifndef CG_COMPOSITE_H
#define CG_COMPOSITE_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

typedef enum cg_norm
{
	CG_NORM_MINMAX = 1,
	CG_NORM_ZSCORE,
	CG_NORM_RANK,
	CG_NORM_GOALPOSTS,
	CG_NORM_TARGET				/* distance to a target: x / t_j (direction -1: -x / t_j) */
} cg_norm;

typedef enum cg_wmode
{
	CG_W_EQUAL = 1,
	CG_W_GIVEN,
	CG_W_ENTROPY
} cg_wmode;

typedef enum cg_agg
{
	CG_AGG_ARITHMETIC = 1,
	CG_AGG_GEOMETRIC
} cg_agg;

typedef struct cg_composite_spec
{
	size_t		n,
				p;
	const double *x;
	const signed char *direction;
	cg_norm		norm;
	const double *lo,
			   *hi;				/* goalposts: p each */
	cg_wmode	wmode;
	const double *w;			/* given: p */
	cg_agg		agg;
} cg_composite_spec;

/*
 * Scores and ranks.  weights: p (output), score, rank: n (output).
 * scratch: 2 n p + 4 n doubles.  Errors: CG_E_NAN, CG_E_INFINITE (x, with
 * *bad the flat index), CG_E_NEGATIVE (a given weight), CG_E_CORRUPT (an
 * unknown method, geometric with z-scores, goalposts lo >= hi, a direction
 * other than +-1, n < 2 or p < 1), CG_E_NONPOSITIVE (weights summing to 0).
 */
cg_status	cg_composite(const cg_composite_spec *spec, double *weights, double *score, double *rank,
						 double *scratch, size_t *bad);

/*
 * Rank uncertainty by Monte Carlo: draw d = 0..draws-1 multiplies each
 * weight by 1 + delta (2u - 1), u = cg_rng_u64(seed, d, j) / 2^64, and
 * scales them to sum 1; with vary_agg, u = cg_rng_u64(seed, d, p) < 2^63
 * picks the geometric aggregation (else arithmetic; minmax, rank and
 * goalposts only); with vary_norm, cg_rng_u64(seed, d, p + 1) < 2^63 picks
 * the rank normalization for the draw, else min-max (the spec's own
 * normalization is then not used by the draws).  Per unit: the median rank and the 5 % and 95 % ranks
 * over the draws (nearest rank, ceil(q draws)).  scratch: 3 n p + 4 n
 * doubles followed by n draws uint32_t ranks (3 n p + 4 n + ceil(n draws / 2)
 * doubles in all).  The cancel hook is polled at every draw and before
 * every unit's sort of its ranks.
 */
cg_status	cg_composite_mc(const cg_composite_spec *spec, uint64_t seed, size_t draws, double delta,
							int vary_agg, int vary_norm, double *rank_median, double *rank_lo,
							double *rank_hi, double *scratch, size_t *bad);

#endif							/* CG_COMPOSITE_H */
