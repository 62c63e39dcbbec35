/*
 * cg_access.h — accessibility by the floating-catchment family (docs/FORMULAS.md
 * section 6): 2SFCA (Luo and Wang 2003), E2SFCA (Luo and Qi 2009), G2SFCA
 * (Dai 2010) and 3SFCA (Wan et al. 2012), on demand and supply points with
 * great-circle distances found through a k-d tree (never all pairs when a
 * catchment is given), or on given (demand, supply, cost) pairs.
 *
 * With W(d) the distance weight and G_ij the selection weight (3SFCA:
 * W(d_ij) / sum_j' W(d_ij'); otherwise 1):
 *   step 1: R_j = S_j / sum_i G_ij W(d_ij) P_i  (over demand in reach)
 *   step 2: A_i = sum_j G_ij W(d_ij) R_j        (over supply in reach)
 * A site with no demand in reach (denominator 0) contributes nothing and is
 * flagged.  Distance 0 is inside every catchment.
 */
#ifndef CG_ACCESS_H
#define CG_ACCESS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"
#include "cg_neighbors.h"

typedef enum cg_fca_method
{
	CG_FCA_2SFCA = 1,			/* W = 1 within d0 */
	CG_FCA_E2SFCA,				/* W = the weight of d's zone: zones (0, u_1], (u_1, u_2], ... */
	CG_FCA_G2SFCA,				/* W = (exp(-(d/d0)^2/2) - exp(-1/2)) / (1 - exp(-1/2)) within d0 */
	CG_FCA_3SFCA				/* E2SFCA's zone weights, and selection weights in both steps */
} cg_fca_method;

typedef struct cg_fca_params
{
	cg_fca_method method;
	double		d0;				/* catchment; INFINITY: every pair (2SFCA, and 3SFCA's zones bound it) */
	size_t		nzones;			/* E2SFCA and 3SFCA */
	const double *zone_upper;	/* increasing, > 0; a distance <= zone_upper[0] is zone 0 */
	const double *zone_weight;	/* in [0, 1] */
} cg_fca_params;

/* The distance weight W(d) of the method; 0 outside the catchment. */
double		cg_fca_weight(const cg_fca_params *p, double d);

/* Check the parameters: CG_E_CORRUPT (zones not increasing, weights outside [0, 1], a catchment <= 0 or NaN). */
cg_status	cg_fca_check(const cg_fca_params *p);

/*
 * The pairs of demand point i: *j (supply indices) and *d (distances),
 * count returned; buffers of the iterator's own.
 */
typedef size_t (*cg_fca_pairs_fn) (void *ctx, size_t i, const uint32_t **j, const double **d);

typedef struct cg_fca_out
{
	double	   *access;			/* nd: A_i */
	uint32_t   *sites;			/* nd: supply sites with W > 0 */
	double	   *supply_in_reach;	/* nd: sum of S_j over them */
	double	   *ratio;			/* ns: R_j (0 for a site without demand in reach) */
	double	   *demand_seen;	/* ns: sum_i G_ij W_ij P_i */
	uint32_t   *points;			/* ns: demand points with W > 0 */
} cg_fca_out;

/*
 * The two (three for 3SFCA) passes over the pairs given by 'pairs'.  P: nd
 * populations, S: ns capacities (finite, >= 0: else CG_E_NEGATIVE /
 * CG_E_NAN / CG_E_INFINITE with *bad the demand index, or nd + the supply
 * index).  scratch: nd doubles.
 */
cg_status	cg_fca_run(const cg_fca_params *p, size_t nd, const double *P, size_t ns, const double *S,
					   cg_fca_pairs_fn pairs, void *ctx, double *scratch, cg_fca_out *out, size_t *bad);

/*
 * The pair iterator over coordinates: supply points in a k-d tree, each
 * demand point's sites within the catchment (all of them when it is
 * infinite), great-circle km from the chord (cg_kdtree_within_point).
 * buf_j, buf_d: ns entries each.
 */
typedef struct cg_fca_coords
{
	const cg_kdtree *supply;
	const double *dlon,
			   *dlat;
	double		max_km;
	uint32_t   *buf_j;
	double	   *buf_d;
	int			membership_only;	/* 2SFCA: W = 1 inside, so no distance is computed (0 is written) */
} cg_fca_coords;

size_t		cg_fca_coords_pairs(void *ctx, size_t i, const uint32_t **j, const double **d);

/*
 * The pair iterator over given pairs in compressed rows by demand point:
 * row[i] .. row[i + 1] index col (supply) and cost.
 */
typedef struct cg_fca_table
{
	const size_t *row;
	const uint32_t *col;
	const double *cost;
} cg_fca_table;

size_t		cg_fca_table_pairs(void *ctx, size_t i, const uint32_t **j, const double **d);

#endif							/* CG_ACCESS_H */
