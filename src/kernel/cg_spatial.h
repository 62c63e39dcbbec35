/*
 * cg_spatial.h — global spatial autocorrelation (FORMULAS.md section 4) over
 * a cg_weights object.  Groundwork of the spatial family: no SQL function
 * uses it yet.
 */
#ifndef CG_SPATIAL_H
#define CG_SPATIAL_H

#include <stddef.h>
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

#endif							/* CG_SPATIAL_H */
