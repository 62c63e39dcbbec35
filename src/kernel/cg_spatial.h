/*
 * cg_spatial.h — global spatial autocorrelation (docs/FORMULAS.md section 4) over
 * a cg_weights object: Moran's I, Geary's C, Getis-Ord general G, their
 * analytic moments and permutation inference; the counter-based random
 * stream shared with the local statistics (cg_local.h).
 */
#ifndef CG_SPATIAL_H
#define CG_SPATIAL_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"
#include "cg_weights.h"

#define CG_MORAN_HAS_I		0x01u	/* Sum z^2 > 0 and S0 > 0 */
#define CG_MORAN_HAS_VAR_N	0x02u	/* n >= 2 */
#define CG_MORAN_HAS_VAR_R	0x04u	/* n >= 4 */

typedef struct cg_moran
{
	unsigned	defined;		/* CG_MORAN_HAS_* bits */
	size_t		n;
	double		i;				/* (n / S0) sum_ij w_ij z_i z_j / sum z^2 */
	double		expectation;	/* -1 / (n - 1) */
	double		var_normal;		/* under normality */
	double		var_random;		/* under randomization (uses the kurtosis b2) */
	double		z_normal,
				z_random;
	double		s0,
				s1,
				s2;
} cg_moran;

/*
 * Moran's I of x (wt->n values, finite) over wt: every unit counts in n and
 * the means (an island has a lag of 0, spdep's zero.policy).  scratch: 3 n
 * doubles and n uint32_t for the weights summary.  A statistic that is 0/0
 * (all x equal, no links) is left undefined, never a division by zero.
 */
cg_status	cg_moran_global(const cg_weights *wt, const double *x, double *scratch,
							uint32_t *uscratch, cg_moran *out);


typedef enum cg_global_kind
{
	CG_GLOBAL_MORAN = 1,
	CG_GLOBAL_GEARY,
	CG_GLOBAL_G
} cg_global_kind;

/*
 * Geary's C and its moments (spdep's geary.test), in the cg_moran layout:
 * i holds C = (n-1) sum_ij w_ij (x_i - x_j)^2 / (2 S0 sum z^2), expectation 1,
 * var_normal = ((2 S1 + S2)(n-1) - 4 S0^2) / (2 (n+1) S0^2),
 * var_random = [(n-1) S1 (n^2 - 3n + 3 - (n-1) b2)
 *               - (n-1) S2 (n^2 + 3n - 6 - (n^2 - n + 2) b2) / 4
 *               + S0^2 (n^2 - 3 - (n-1)^2 b2)] / (n (n-2) (n-3) S0^2);
 * z = (1 - C) / sd, so that a positive z is positive autocorrelation (C < 1),
 * as spdep's.  Same scratch as cg_moran_global.
 */
cg_status	cg_geary_global(const cg_weights *wt, const double *x, double *scratch,
							uint32_t *uscratch, cg_moran *out);

/*
 * Getis-Ord general G (spdep's globalG.test) in the cg_moran layout: i holds
 * G = sum_ij w_ij x_i x_j / sum_{i != j} x_i x_j (x >= 0, else CG_E_NEGATIVE),
 * expectation S0 / (n (n-1)), var_random from Getis and Ord (1992) with
 * n >= 4; no variance under normality (CG_MORAN_HAS_VAR_N stays clear).
 */
cg_status	cg_getis_g_global(const cg_weights *wt, const double *x, double *scratch,
							  uint32_t *uscratch, cg_moran *out);

/*
 * The random stream of permutation inference: a counter-based generator, so
 * that a draw depends only on (seed, stream, counter) and never on the order
 * or the process that asks for it.  cg_rng_u64 is SplitMix64's finalizer
 * (Steele, Lea and Flood 2014) applied three times, to seed, to stream and to
 * counter, each time xored into the previous result:
 *   h = mix(seed); h = mix(h ^ stream); h = mix(h ^ counter)
 * with mix(z): z += 0x9E3779B97F4A7C15; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
 * z = (z ^ (z >> 27)) * 0x94D049BB133111EB; z ^= z >> 31.  Another tool can
 * reproduce every draw from this description.
 */
uint64_t	cg_rng_u64(uint64_t seed, uint64_t stream, uint64_t counter);

/* A uniform integer in [0, bound), bound >= 1, from (seed, stream, counter), unbiased (Lemire). */
uint64_t	cg_rng_below(uint64_t seed, uint64_t stream, uint64_t counter, uint64_t bound);

/* SplitMix64's finalizer, inline for the permutation loops. */
static inline uint64_t
cg_rng_mix(uint64_t z)
{
	z += UINT64_C(0x9E3779B97F4A7C15);
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* The key of replicate (or unit) 'stream': cg_rng_u64(seed, stream, c) = cg_rng_mix(cg_rng_key(seed, stream) ^ c). */
uint64_t	cg_rng_key(uint64_t seed, uint64_t stream);

/*
 * Replicate r of the global permutations: a Fisher-Yates shuffle of a[0..n),
 * k = n - 1 .. 1 swapping k with a draw below B = k + 1 (Lemire, a rejected
 * word passing to the next) from the 32-bit words, most significant first,
 * of h_0 = cg_rng_u64(seed, r, 0), h_c = cg_rng_mix(h_0 ^ c), c = 1, 2, ...
 */
void		cg_shuffle(double *a, size_t n, uint64_t seed, uint64_t r);

typedef enum cg_alternative
{
	CG_ALT_GREATER = 1,			/* (#{I_r >= I} + 1) / (R + 1) */
	CG_ALT_LESSER,				/* (#{I_r <= I} + 1) / (R + 1) */
	CG_ALT_TWO_SIDED,			/* min(1, 2 min(greater, lesser)) */
	CG_ALT_FOLDED				/* (min(#{I_r >= I}, R - #{I_r >= I}) + 1) / (R + 1): GeoDa, esda */
} cg_alternative;

/*
 * Pseudo p-value from counts: ge = #{replicates at or beyond the observed
 * value in the direction of positive association}, le the other way.
 */
double		cg_pseudo_p(uint64_t ge, uint64_t le, uint64_t replicates, cg_alternative alt);

/* Analytic p-value of a standard normal z for the alternative (folded: the one-sided tail of z's sign). */
double		cg_normal_p(double z, cg_alternative alt);

/*
 * Permutation inference of a global statistic: R full permutations of x
 * (Fisher-Yates as cg_moran_permutations); counts in the direction of
 * positive association (Moran I_r >= I, Geary C_r <= C, G_r >= G).  *p is
 * NaN when the statistic is undefined or R = 0; *mean is the mean of the
 * replicates' statistic; *stat (when not NULL) the statistic and its
 * moments, as the kind's own function gives them.  scratch: 4 n + m doubles; uscratch: n + 2 m uint32_t
 * (m = wt->m).
 */
cg_status	cg_global_permutations(cg_global_kind kind, const cg_weights *wt, const double *x,
								   uint64_t seed, uint64_t replicates, cg_alternative alt,
								   double *scratch, uint32_t *uscratch, double *p, double *mean,
								   cg_moran *stat);

/*
 * Pseudo p-value of the observed Moran's I of x over wt from R full
 * permutations of x: replicate r shuffles the previous replicate's
 * arrangement (the first: x in unit order) by Fisher-Yates, k = n - 1 .. 1
 * swapping k with a draw below k + 1 (Lemire, a rejected word
 * passing to the next) from the 32-bit words, most significant first, of
 * h_0 = cg_rng_u64(seed, r, 0), h_c = cg_rng_mix(h_0 ^ c), c = 1, 2, ...
 * (cg_shuffle).  scratch and uscratch as cg_global_permutations;
 * CG_E_CANCELED when the cancel hook asked to stop.  *p is NaN when I is undefined.
 */
cg_status	cg_moran_permutations(const cg_weights *wt, const double *x, uint64_t seed,
								  uint64_t replicates, cg_alternative alt, double *scratch,
								  uint32_t *uscratch, double *p, double *mean_i);

typedef struct cg_gini_spatial_result
{
	int			defined;		/* 0 when the mean is 0 or n < 2 */
	size_t		n;
	double		gini;			/* sum_ij |x_i - x_j| / (2 n^2 mean) */
	double		total;			/* sum over ordered pairs of |x_i - x_j| */
	double		neighbour;		/* over the links (i, j) of the weights */
	double		non_neighbour;	/* total - neighbour */
	double		mean_non_neighbour_sim;	/* its mean over the permutations */
	double		p_sim;			/* (#{non_neighbour_r >= non_neighbour} + 1) / (R + 1) */
} cg_gini_spatial_result;

/*
 * Spatial decomposition of the Gini (Rey and Smith 2013, PySAL's
 * Gini_Spatial) of x >= 0 over the links of wt (weights ignored: a link is a
 * neighbour pair); R permutations on the stream of cg_global_permutations.
 * A large non-neighbour part (neighbours alike) is positive spatial
 * association.  scratch: 2 n doubles.
 */
cg_status	cg_gini_spatial(const cg_weights *wt, const double *x, uint64_t seed,
							uint64_t replicates, double *scratch, cg_gini_spatial_result *out);

#endif							/* CG_SPATIAL_H */
