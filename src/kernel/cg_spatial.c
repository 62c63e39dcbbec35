/*
 * cg_spatial.c — global Moran's I with its moments under normality and
 * randomization (Cliff and Ord; spdep's moran.test):
 *   E[I] = -1/(n-1)
 *   Var_N = (n^2 S1 - n S2 + 3 S0^2) / ((n^2 - 1) S0^2) - E[I]^2
 *   Var_R = [n((n^2 - 3n + 3) S1 - n S2 + 3 S0^2) - b2((n^2 - n) S1 - 2n S2 + 6 S0^2)]
 *           / ((n-1)(n-2)(n-3) S0^2) - E[I]^2,   b2 = n sum z^4 / (sum z^2)^2.
 */
#include "cg_spatial.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <math.h>
#include <string.h>

cg_status
cg_moran_global(const cg_weights *wt, const double *x, double *scratch,
				uint32_t *uscratch, cg_moran *out)
{
	size_t		n = wt->n,
				i,
				p;
	double		mh = 0.0,
				ml = 0.0,
				m,
				z2h = 0.0,
				z2l = 0.0,
				z4h = 0.0,
				z4l = 0.0,
				ch = 0.0,
				cl = 0.0,
				z2,
				z4,
				nd = (double) n,
				ei;
	double	   *z = scratch + 2 * n;	/* after the summary's 2 n */
	cg_weights_summary ws;
	cg_status	st;

	memset(out, 0, sizeof(*out));
	out->n = n;
	for (i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return isnan(x[i]) ? CG_E_NAN : CG_E_INFINITE;
	if ((st = cg_weights_summarize(wt, scratch, uscratch, &ws)) != CG_OK)
		return st;
	out->s0 = ws.s0;
	out->s1 = ws.s1;
	out->s2 = ws.s2;
	if (n < 2)
		return CG_OK;
	for (i = 0; i < n; i++)
		cg_nsum_add(&mh, &ml, x[i]);
	m = cg_nsum_value(mh, ml) / nd;
	for (i = 0; i < n; i++)
	{
		z[i] = x[i] - m;
		cg_psum_add(&z2h, &z2l, z[i] * z[i]);
		cg_psum_add(&z4h, &z4l, (z[i] * z[i]) * (z[i] * z[i]));
	}
	z2 = cg_nsum_value(z2h, z2l);
	z4 = cg_nsum_value(z4h, z4l);
	if (!isfinite(z2) || !isfinite(z4))
		return CG_E_OVERFLOW;
	for (i = 0; i < n; i++)
	{
		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		for (p = wt->row[i]; p < wt->row[i + 1]; p++)
			cg_nsum_add(&ch, &cl, wt->w[p] * z[i] * z[wt->col[p]]);
	}
	ei = -1.0 / (nd - 1.0);
	out->expectation = ei;
	if (ws.s0 > 0.0)
	{
		double		s0sq = ws.s0 * ws.s0;

		out->var_normal = (nd * nd * ws.s1 - nd * ws.s2 + 3.0 * s0sq) /
			((nd * nd - 1.0) * s0sq) - ei * ei;
		out->defined |= CG_MORAN_HAS_VAR_N;
		if (n >= 4 && z2 > 0.0)
		{
			double		b2 = nd * z4 / (z2 * z2);

			out->var_random = (nd * ((nd * nd - 3.0 * nd + 3.0) * ws.s1 - nd * ws.s2 + 3.0 * s0sq)
							   - b2 * ((nd * nd - nd) * ws.s1 - 2.0 * nd * ws.s2 + 6.0 * s0sq)) /
				((nd - 1.0) * (nd - 2.0) * (nd - 3.0) * s0sq) - ei * ei;
			out->defined |= CG_MORAN_HAS_VAR_R;
		}
		if (z2 > 0.0)
		{
			out->i = (nd / ws.s0) * cg_nsum_value(ch, cl) / z2;
			out->defined |= CG_MORAN_HAS_I;
			if (out->var_normal > 0.0)
				out->z_normal = (out->i - ei) / sqrt(out->var_normal);
			if ((out->defined & CG_MORAN_HAS_VAR_R) && out->var_random > 0.0)
				out->z_random = (out->i - ei) / sqrt(out->var_random);
		}
	}
	if (!isfinite(out->i) || !isfinite(out->var_normal) || !isfinite(out->var_random))
		return CG_E_OVERFLOW;
	return CG_OK;
}
