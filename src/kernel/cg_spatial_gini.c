/*
 * cg_spatial_gini.c — the spatial decomposition of the Gini coefficient
 * (Rey and Smith 2013; PySAL's Gini_Spatial): the sum of the absolute
 * differences over all ordered pairs split into the pairs that are
 * neighbours (a link (i, j) of the weights, whatever its weight) and the
 * rest, with permutation inference on the non-neighbour part.
 */
#include "cg_spatial.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y);
}

/* sum over links of |v_i - v_j|, plainly in row order */
static double
link_diffs(const cg_weights *wt, const double *v)
{
	double		s = 0.0;
	size_t		i,
				q;

	for (i = 0; i < wt->n; i++)
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
			s += fabs(v[i] - v[wt->col[q]]);
	return s;
}

cg_status
cg_gini_spatial(const cg_weights *wt, const double *x, uint64_t seed, uint64_t replicates,
				double *scratch, cg_gini_spatial_result *out)
{
	size_t		n = wt->n,
				i;
	double	   *sorted = scratch,
			   *perm = scratch + n,
				sh = 0.0,
				sl = 0.0,
				th = 0.0,
				tl = 0.0,
				mh = 0.0,
				ml = 0.0,
				mean;
	uint64_t	r,
				ge = 0;

	memset(out, 0, sizeof(*out));
	out->n = n;
	out->p_sim = NAN;
	out->mean_non_neighbour_sim = NAN;
	if (n >= ((size_t) 1 << 32))
		return CG_E_TOO_LARGE;
	for (i = 0; i < n; i++)
	{
		if (!isfinite(x[i]))
			return isnan(x[i]) ? CG_E_NAN : CG_E_INFINITE;
		if (x[i] < 0.0)
			return CG_E_NEGATIVE;
		cg_psum_add(&sh, &sl, x[i]);
	}
	if (n < 2)
		return CG_OK;
	mean = cg_nsum_value(sh, sl) / (double) n;
	memcpy(sorted, x, n * sizeof(double));
	qsort(sorted, n, sizeof(double), cmp_double);
	/* sum_ij |x_i - x_j| = 2 sum_k (2k - n + 1) x_(k), k from 0 */
	for (i = 0; i < n; i++)
		cg_nsum_add(&th, &tl, (2.0 * (double) i - (double) n + 1.0) * sorted[i]);
	out->total = 2.0 * cg_nsum_value(th, tl);
	out->neighbour = link_diffs(wt, x);
	out->non_neighbour = out->total - out->neighbour;
	if (!(mean > 0.0) || !isfinite(out->total))
		return isfinite(out->total) ? CG_OK : CG_E_OVERFLOW;
	out->gini = out->total / (2.0 * (double) n * (double) n * mean);
	out->defined = 1;
	if (replicates == 0)
		return CG_OK;
	memcpy(perm, x, n * sizeof(double));
	for (r = 0; r < replicates; r++)
	{
		double		nb;

		if (cg_cancel_due((size_t) r + 1) || (n > 4096 && cg_cancel_hook != NULL && cg_cancel_hook()))
			return CG_E_CANCELED;
		/* the stream of cg_global_permutations: each replicate shuffles the previous arrangement */
		cg_shuffle(perm, n, seed, r);
		nb = link_diffs(wt, perm);
		/* a non-neighbour part at least the observed one: neighbours at least as alike */
		ge += nb <= out->neighbour;
		cg_nsum_add(&mh, &ml, out->total - nb);
	}
	out->p_sim = (double) (ge + 1) / (double) (replicates + 1);
	out->mean_non_neighbour_sim = cg_nsum_value(mh, ml) / (double) replicates;
	return CG_OK;
}
