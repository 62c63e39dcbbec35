/*
 * cg_local.h — local spatial statistics (docs/FORMULAS.md section 5): local
 * Moran's I with its analytic moments (total and conditional randomization,
 * Sokal, Oden and Thomson 1998, as spdep's localmoran), Getis-Ord Gi and Gi*,
 * conditional permutation inference on a documented random stream, the
 * spatial lag, and multiple-testing adjustment of p-values.
 *
 * Units are 0..n-1 in the order the glue gives them (it sorts them by id, so
 * that nothing depends on the order of the rows).  A unit "without
 * neighbours" has no link out other than to itself: it gets no statistic
 * (every output NaN, quadrant 0).  An island has no link out and none in.
 */
#ifndef CG_LOCAL_H
#define CG_LOCAL_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"
#include "cg_weights.h"
#include "cg_spatial.h"

/*
 * Conditional permutation inference: for unit i with k neighbours (self
 * excluded), each replicate r = 0..R-1 draws k distinct units from the pool
 * (every unit that is not an island, in unit order) other than i; the
 * permuted lag is compared with the observed one and cg_pseudo_p gives p.
 * ukey[i] is the unit's id key (the glue: an integer id's value; a text id's
 * 64-bit FNV-1a hash of its bytes); K_i = cg_rng_mix(cg_rng_mix(seed) ^ ukey[i]).
 * The t-th unit drawn takes the weight of i's t-th neighbour (in unit
 * order); when all of i's weights are equal (styles B and R on binary links)
 * the drawn values are summed and scaled once, as the observed lag.
 *
 * Two samplers.  Words: a stream of 64-bit values h_0 = key, h_c =
 * cg_rng_mix(key ^ c) (c = 1, 2, ...), cut into W-bit words, most significant
 * first; a draw below B from a word u is (u B) >> W, the word rejected when
 * (u B) mod 2^W < (2^W - B) mod B (Lemire).
 *
 * 'table' (complete = 0, the default, as esda's and GeoDa's lookup tables
 * but keyed by unit): replicates go in blocks of 4.  Replicate r draws a
 * table of L = min(pool size, max(256, 2 (kmax + 1))) distinct pool places,
 * in draw order, from key cg_rng_u64(seed, r, 0) with 32-bit words below the
 * pool size (a place drawn already is rejected).  Unit i reads, for the j-th
 * replicate of block q = r / 4, an offset o below L from key
 * cg_rng_mix(K_i ^ q) with 16-bit words (the j-th accepted), and takes the
 * first k places of the table from o on, cyclically, passing over its own.
 * Each replicate of a unit is an independent uniform k-subset of the pool
 * without i (the table is a uniform random ordered subset, the offset
 * uniform); the units of one replicate share its table, as esda's draws are
 * shared by all units, so their p-values are dependent to that extent.
 *
 * 'complete' (complete = 1, GeoDa's default method): every (unit,
 * replicate) draws on its own, key cg_rng_u64(seed, ukey[i], r) =
 * cg_rng_mix(K_i ^ r), with 16-bit words when the pool has at most 4096
 * units, else 32-bit, below (pool size - 1), shifted past i's own place,
 * a unit drawn already in this replicate rejected.
 */
typedef struct cg_perm
{
	uint64_t	seed;
	uint64_t	replicates;		/* 0: no permutations, p_sim NaN; below 2^32 */
	cg_alternative alternative;
	const uint64_t *ukey;		/* n keys; may be NULL when replicates == 0 */
	int			complete;		/* 0: table sampler, 1: complete */
} cg_perm;

typedef struct cg_local_out
{
	double	   *stat;			/* I_i, or G_i */
	double	   *lag;			/* sum_j w_ij z_j (Moran), sum_{j != i} w_ij x_j (G) */
	double	   *expectation;
	double	   *variance;
	double	   *z;
	double	   *p_sim;			/* NaN without permutations */
	uint8_t    *quadrant;		/* Moran: 1 HH, 2 LL, 3 LH, 4 HL (z_i > 0 is High), 0 none; may be NULL */
} cg_local_out;

#define CG_QUAD_HH 1
#define CG_QUAD_LL 2
#define CG_QUAD_LH 3
#define CG_QUAD_HL 4

/*
 * Local Moran of x over wt (no self-links).  Scaling: n_minus_1 = 1 gives
 * GeoDa's and esda's I_i = (n-1) z_i lag_i / sum z^2; 0 gives spdep's
 * I_i = n z_i lag_i / sum z^2 (mlvar = TRUE).  conditional selects spdep's
 * conditional = TRUE moments (its default); 0 total randomization.  The
 * moments are scaled with I_i, so z does not depend on the scaling.
 * scratch: 16 n doubles; uscratch: 14 n uint32_t.  Undefined (NaN) everything
 * when sum z^2 = 0 or n < 3.
 */
cg_status	cg_local_moran(const cg_weights *wt, const double *x, int n_minus_1, int conditional,
						   const cg_perm *perm, double *scratch, uint32_t *uscratch,
						   cg_local_out *out);

/*
 * Getis-Ord local G of x >= 0 over wt.  star = 1: Gi*, wt holds i's link to
 * itself (the glue adds it before the transform); x-bar and S over all n:
 *   G_i = sum_j w_ij x_j / sum_j x_j,  E = W_i / n,
 *   z_i = (sum_j w_ij x_j - x-bar W_i) / (S sqrt((n S1_i - W_i^2) / (n-1))),
 *   S^2 = sum (x - x-bar)^2 / n.
 * star = 0: Gi, self excluded, x-bar_i and S_i over the n-1 other units and
 * n-1 in place of n.  Permutations draw the neighbours' values; the self
 * term stays.  The variance returned is that of G_i under the same
 * assumptions (z = (G - E) / sqrt(variance)).
 * scratch: 16 n doubles; uscratch: 14 n uint32_t.
 */
cg_status	cg_local_g(const cg_weights *wt, const double *x, int star, const cg_perm *perm,
					   double *scratch, uint32_t *uscratch, cg_local_out *out);

/* lag[i] = sum_j w_ij x_j over links other than to i itself; NaN for a unit without neighbours. */
cg_status	cg_spatial_lag(const cg_weights *wt, const double *x, double *lag);

typedef enum cg_padjust
{
	CG_PADJ_BONFERRONI = 1,
	CG_PADJ_HOLM,
	CG_PADJ_BH,					/* Benjamini-Hochberg */
	CG_PADJ_BY					/* Benjamini-Yekutieli */
} cg_padjust;

/*
 * Adjusted p-values as R's p.adjust (n = the number of p-values): p in
 * [0, 1] (CG_E_NAN, else CG_E_CORRUPT naming *bad).  scratch: 2 n doubles.
 */
cg_status	cg_p_adjust(const double *p, size_t n, cg_padjust method, double *scratch,
						double *out, size_t *bad);

#endif							/* CG_LOCAL_H */
