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

static inline uint64_t
mix64(uint64_t z)
{
	z += UINT64_C(0x9E3779B97F4A7C15);
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

uint64_t
cg_rng_u64(uint64_t seed, uint64_t stream, uint64_t counter)
{
	return mix64(mix64(mix64(seed) ^ stream) ^ counter);
}

uint64_t
cg_rng_below(uint64_t seed, uint64_t stream, uint64_t counter, uint64_t bound)
{
	/*
	 * Lemire's multiply-shift with rejection, on 32-bit halves for
	 * portability (bound < 2^32 here): the sub-draws of a rejected draw
	 * come from the counter's high bits, so the stream stays a function of
	 * (seed, stream, counter) alone
	 */
	uint64_t	sub;

	for (sub = 0;; sub++)
	{
		uint64_t	r = cg_rng_u64(seed, stream, counter | (sub << 48)) >> 32,
					prod = r * (bound & UINT64_C(0xFFFFFFFF)),
					low = prod & UINT64_C(0xFFFFFFFF),
					threshold = (UINT64_C(0x100000000) - bound) % bound;

		if (low >= threshold)
			return prod >> 32;
	}
}

/* sum_ij w_ij v_i v_j, compensated, in row order */
static double
cross(const cg_weights *wt, const double *v)
{
	double		ch = 0.0,
				cl = 0.0;
	size_t		i,
				q;

	for (i = 0; i < wt->n; i++)
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
			cg_nsum_add(&ch, &cl, wt->w[q] * v[i] * v[wt->col[q]]);
	return cg_nsum_value(ch, cl);
}

cg_status
cg_moran_permutations(const cg_weights *wt, const double *x, uint64_t seed,
					  uint64_t replicates, cg_alternative alt, double *scratch,
					  uint32_t *uscratch, double *p, double *mean_i)
{
	size_t		n = wt->n,
				i;
	uint64_t	r,
				ge = 0,
				le = 0;
	double	   *z = scratch + 2 * n,
			   *perm = scratch + 3 * n,
				i_obs,
				s_hi = 0.0,
				s_lo = 0.0;
	cg_moran	mo;
	cg_status	st;

	*p = NAN;
	*mean_i = NAN;
	if (n >= ((size_t) 1 << 32))
		return CG_E_TOO_LARGE;
	if ((st = cg_moran_global(wt, x, scratch, uscratch, &mo)) != CG_OK)
		return st;
	if (!(mo.defined & CG_MORAN_HAS_I) || replicates == 0)
		return CG_OK;
	/*
	 * z (left by cg_moran_global) is the centred x; I_r = (n / S0) z' W z /
	 * sum z^2, and the observed I is taken the same way, so that a
	 * permutation that gives the same products ties with it exactly
	 */
	{
		double		z2h = 0.0,
					z2l = 0.0,
					f;

		for (i = 0; i < n; i++)
			cg_psum_add(&z2h, &z2l, z[i] * z[i]);
		f = ((double) n / mo.s0) / cg_nsum_value(z2h, z2l);
		i_obs = f * cross(wt, z);
		for (r = 0; r < replicates; r++)
		{
			double		ir;

			if (cg_cancel_due((size_t) r + 1) || (n > 4096 && cg_cancel_hook != NULL && cg_cancel_hook()))
				return CG_E_CANCELED;
			memcpy(perm, z, n * sizeof(double));
			for (i = n - 1; i > 0; i--)
			{
				size_t		k = (size_t) cg_rng_below(seed, r, i, (uint64_t) i + 1);
				double		t = perm[i];

				perm[i] = perm[k];
				perm[k] = t;
			}
			ir = f * cross(wt, perm);
			cg_nsum_add(&s_hi, &s_lo, ir);
			ge += ir >= i_obs;
			le += ir <= i_obs;
		}
	}
	*mean_i = cg_nsum_value(s_hi, s_lo) / (double) replicates;
	switch (alt)
	{
		case CG_ALT_GREATER:
			*p = (double) (ge + 1) / (double) (replicates + 1);
			break;
		case CG_ALT_LESSER:
			*p = (double) (le + 1) / (double) (replicates + 1);
			break;
		case CG_ALT_TWO_SIDED:
			*p = 2.0 * (double) ((ge < le ? ge : le) + 1) / (double) (replicates + 1);
			if (*p > 1.0)
				*p = 1.0;
			break;
		case CG_ALT_FOLDED:
			*p = (double) ((ge < replicates - ge ? ge : replicates - ge) + 1) / (double) (replicates + 1);
			break;
		default:
			return CG_E_CORRUPT;
	}
	return CG_OK;
}
