/*
 * cg_spatial.c — global Moran's I, Geary's C and Getis-Ord general G with
 * their moments, and their permutation inference.  Moran (Cliff and Ord;
 * spdep's moran.test):
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

/*
 * Moments shared by Geary's C and general G: the weights summary, n, the
 * centred values z (scratch + 2 n), sum z^2 and the kurtosis b2.
 */
static cg_status
global_prelude(const cg_weights *wt, const double *x, double *scratch, uint32_t *uscratch,
			   cg_moran *out, double *z2, double *b2)
{
	size_t		n = wt->n,
				i;
	double		mh = 0.0,
				ml = 0.0,
				m,
				z2h = 0.0,
				z2l = 0.0,
				z4h = 0.0,
				z4l = 0.0,
				z4,
			   *z = scratch + 2 * n;
	cg_weights_summary ws;
	cg_status	st;

	memset(out, 0, sizeof(*out));
	out->n = n;
	*z2 = 0.0;
	*b2 = 0.0;
	for (i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return isnan(x[i]) ? CG_E_NAN : CG_E_INFINITE;
	if ((st = cg_weights_summarize(wt, scratch, uscratch, &ws)) != CG_OK)
		return st;
	out->s0 = ws.s0;
	out->s1 = ws.s1;
	out->s2 = ws.s2;
	if (n == 0)
		return CG_OK;
	for (i = 0; i < n; i++)
		cg_nsum_add(&mh, &ml, x[i]);
	m = cg_nsum_value(mh, ml) / (double) n;
	for (i = 0; i < n; i++)
	{
		z[i] = x[i] - m;
		cg_psum_add(&z2h, &z2l, z[i] * z[i]);
		cg_psum_add(&z4h, &z4l, (z[i] * z[i]) * (z[i] * z[i]));
	}
	*z2 = cg_nsum_value(z2h, z2l);
	z4 = cg_nsum_value(z4h, z4l);
	if (!isfinite(*z2) || !isfinite(z4))
		return CG_E_OVERFLOW;
	if (*z2 > 0.0)
		*b2 = (double) n * z4 / (*z2 * *z2);
	return CG_OK;
}

cg_status
cg_geary_global(const cg_weights *wt, const double *x, double *scratch,
				uint32_t *uscratch, cg_moran *out)
{
	size_t		n = wt->n,
				i,
				p;
	double		z2,
				b2,
				nd = (double) n,
				dh = 0.0,
				dl = 0.0,
				s0sq,
			   *z = scratch + 2 * n;
	cg_status	st;

	if ((st = global_prelude(wt, x, scratch, uscratch, out, &z2, &b2)) != CG_OK)
		return st;
	out->expectation = 1.0;
	if (n < 2 || !(out->s0 > 0.0))
		return CG_OK;
	s0sq = out->s0 * out->s0;
	for (i = 0; i < n; i++)
	{
		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		for (p = wt->row[i]; p < wt->row[i + 1]; p++)
		{
			double		d = z[i] - z[wt->col[p]];

			cg_psum_add(&dh, &dl, wt->w[p] * (d * d));
		}
	}
	out->var_normal = ((2.0 * out->s1 + out->s2) * (nd - 1.0) - 4.0 * s0sq) /
		(2.0 * (nd + 1.0) * s0sq);
	out->defined |= CG_MORAN_HAS_VAR_N;
	if (z2 > 0.0)
	{
		out->i = (nd - 1.0) * cg_nsum_value(dh, dl) / (2.0 * out->s0 * z2);
		out->defined |= CG_MORAN_HAS_I;
		if (n >= 4)
		{
			double		nn = nd * nd,
						v;

			v = (nd - 1.0) * out->s1 * (nn - 3.0 * nd + 3.0 - b2 * (nd - 1.0));
			v -= 0.25 * (nd - 1.0) * out->s2 * (nn + 3.0 * nd - 6.0 - b2 * (nn - nd + 2.0));
			v += s0sq * (nn - 3.0 - b2 * (nd - 1.0) * (nd - 1.0));
			out->var_random = v / (nd * (nd - 2.0) * (nd - 3.0) * s0sq);
			out->defined |= CG_MORAN_HAS_VAR_R;
			if (out->var_random > 0.0)
				out->z_random = (1.0 - out->i) / sqrt(out->var_random);
		}
		if (out->var_normal > 0.0)
			out->z_normal = (1.0 - out->i) / sqrt(out->var_normal);
	}
	if (!isfinite(out->i) || !isfinite(out->var_normal) || !isfinite(out->var_random))
		return CG_E_OVERFLOW;
	return CG_OK;
}

cg_status
cg_getis_g_global(const cg_weights *wt, const double *x, double *scratch,
				  uint32_t *uscratch, cg_moran *out)
{
	size_t		n = wt->n,
				i,
				p;
	double		z2,
				b2,
				nd = (double) n,
				s[5] = {0, 0, 0, 0, 0},
				c[5] = {0, 0, 0, 0, 0},
				nh = 0.0,
				nl = 0.0,
				denom;
	cg_status	st;

	if ((st = global_prelude(wt, x, scratch, uscratch, out, &z2, &b2)) != CG_OK)
		return st;
	for (i = 0; i < n; i++)
		if (x[i] < 0.0)
			return CG_E_NEGATIVE;
	if (n < 2)
		return CG_OK;
	out->expectation = out->s0 / (nd * (nd - 1.0));
	for (i = 0; i < n; i++)
	{
		double		v = x[i],
					pw = v;
		int			k;

		for (k = 1; k <= 4; k++, pw *= v)
			cg_psum_add(&s[k], &c[k], pw);
		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		for (p = wt->row[i]; p < wt->row[i + 1]; p++)
			cg_psum_add(&nh, &nl, wt->w[p] * (x[i] * x[wt->col[p]]));
	}
	for (i = 1; i <= 4; i++)
		s[i] = cg_nsum_value(s[i], c[i]);
	denom = s[1] * s[1] - s[2];
	if (!isfinite(denom) || !isfinite(s[4]))
		return CG_E_OVERFLOW;
	if (denom > 0.0 && out->s0 > 0.0)
	{
		out->i = cg_nsum_value(nh, nl) / denom;
		out->defined |= CG_MORAN_HAS_I;
		if (n >= 4)
		{
			double		nn = nd * nd,
						s1 = out->s1,
						s2 = out->s2,
						s0sq = out->s0 * out->s0,
						b0 = (nn - 3.0 * nd + 3.0) * s1 - nd * s2 + 3.0 * s0sq,
						b1 = -((nn - nd) * s1 - 2.0 * nd * s2 + 6.0 * s0sq),
						bb2 = -(2.0 * nd * s1 - (nd + 3.0) * s2 + 6.0 * s0sq),
						b3 = 4.0 * (nd - 1.0) * s1 - 2.0 * (nd + 1.0) * s2 + 8.0 * s0sq,
						b4 = s1 - s2 + s0sq,
						eg2;

			eg2 = (b0 * s[2] * s[2] + b1 * s[4] + bb2 * s[1] * s[1] * s[2] + b3 * s[1] * s[3]
				   + b4 * s[1] * s[1] * s[1] * s[1]) /
				(denom * denom * nd * (nd - 1.0) * (nd - 2.0) * (nd - 3.0));
			out->var_random = eg2 - out->expectation * out->expectation;
			out->defined |= CG_MORAN_HAS_VAR_R;
			if (out->var_random > 0.0)
				out->z_random = (out->i - out->expectation) / sqrt(out->var_random);
		}
	}
	if (!isfinite(out->i) || !isfinite(out->var_random))
		return CG_E_OVERFLOW;
	return CG_OK;
}

uint64_t
cg_rng_key(uint64_t seed, uint64_t stream)
{
	return cg_rng_mix(cg_rng_mix(seed) ^ stream);
}

uint64_t
cg_rng_u64(uint64_t seed, uint64_t stream, uint64_t counter)
{
	return cg_rng_mix(cg_rng_key(seed, stream) ^ counter);
}

/*
 * Lemire's multiply-shift with rejection, on 32-bit halves for portability
 * (bound < 2^32 here), from the key of (seed, stream): the sub-draws of a
 * rejected draw come from the counter's high bits, so the stream stays a
 * function of (seed, stream, counter) alone.  The threshold (a division) is
 * computed only when the low half is below the bound, which gives the same
 * draws as computing it every time.
 */
static inline uint64_t
below_keyed(uint64_t key, uint64_t counter, uint64_t bound)
{
	uint64_t	sub;

	for (sub = 0;; sub++)
	{
		uint64_t	r = cg_rng_mix(key ^ (counter | (sub << 48))) >> 32,
					prod = r * bound,
					low = prod & UINT64_C(0xFFFFFFFF);

		if (low >= bound || low >= (UINT64_C(0x100000000) - bound) % bound)
			return prod >> 32;
	}
}

uint64_t
cg_rng_below(uint64_t seed, uint64_t stream, uint64_t counter, uint64_t bound)
{
	return below_keyed(cg_rng_key(seed, stream), counter, bound);
}

void
cg_shuffle(double *a, size_t n, uint64_t seed, uint64_t r)
{
	/* 32-bit words of h_0 = cg_rng_u64(seed, r, 0), h_c = mix(h_0 ^ c), high half first */
	uint64_t	key = cg_rng_u64(seed, r, 0),
				bits = key,
				c = 0;
	int			left = 2;
	size_t		i;

	for (i = n - 1; i > 0; i--)
	{
		uint64_t	bound = (uint64_t) i + 1,
					prod,
					low;
		size_t		k;
		double		t;

		for (;;)
		{
			if (left == 0)
			{
				bits = cg_rng_mix(key ^ ++c);
				left = 2;
			}
			left--;
			prod = ((bits >> (32 * left)) & UINT64_C(0xFFFFFFFF)) * bound;
			low = prod & UINT64_C(0xFFFFFFFF);
			if (low >= bound || low >= (UINT64_C(0x100000000) - bound) % bound)
				break;
		}
		k = (size_t) (prod >> 32);
		t = a[i];
		a[i] = a[k];
		a[k] = t;
	}
}

double
cg_pseudo_p(uint64_t ge, uint64_t le, uint64_t replicates, cg_alternative alt)
{
	double		p;

	switch (alt)
	{
		case CG_ALT_GREATER:
			return (double) (ge + 1) / (double) (replicates + 1);
		case CG_ALT_LESSER:
			return (double) (le + 1) / (double) (replicates + 1);
		case CG_ALT_TWO_SIDED:
			p = 2.0 * (double) ((ge < le ? ge : le) + 1) / (double) (replicates + 1);
			return p > 1.0 ? 1.0 : p;
		case CG_ALT_FOLDED:
			return (double) ((ge < replicates - ge ? ge : replicates - ge) + 1) / (double) (replicates + 1);
	}
	return NAN;
}

double
cg_normal_p(double z, cg_alternative alt)
{
	double		upper = 0.5 * erfc(z / sqrt(2.0)),
				lower = 0.5 * erfc(-z / sqrt(2.0));

	if (isnan(z))
		return NAN;
	switch (alt)
	{
		case CG_ALT_GREATER:
			return upper;
		case CG_ALT_LESSER:
			return lower;
		case CG_ALT_TWO_SIDED:
			return 2.0 * (upper < lower ? upper : lower);
		case CG_ALT_FOLDED:
			return upper < lower ? upper : lower;
	}
	return NAN;
}

/* w_ji, 0 when (j, i) is no link (binary search in row j) */
static double
reverse_weight(const cg_weights *wt, uint32_t i, uint32_t j, int *present)
{
	size_t		lo = wt->row[j],
				hi = wt->row[j + 1];

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (wt->col[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	*present = lo < wt->row[j + 1] && wt->col[lo] == i;
	return *present ? wt->w[lo] : 0.0;
}

/*
 * The unordered pairs {i, j} with a link either way, and c = w_ij + w_ji:
 * sum_ij w_ij v_i v_j = sum_pairs c v_i v_j (no self-links), and the same
 * for (v_i - v_j)^2.  Returns their number (at most m).
 */
static size_t
pair_list(const cg_weights *wt, uint32_t *ea, uint32_t *eb, double *ec)
{
	size_t		i,
				q,
				e = 0;

	for (i = 0; i < wt->n; i++)
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
		{
			uint32_t	j = wt->col[q];
			int			present;
			double		back = reverse_weight(wt, (uint32_t) i, j, &present);

			if (j > i || !present)
			{
				ea[e] = j > i ? (uint32_t) i : j;
				eb[e] = j > i ? j : (uint32_t) i;
				ec[e] = wt->w[q] + (j > i ? back : 0.0);
				e++;
			}
		}
	return e;
}

/*
 * The part of a global statistic that permutations change, summed plainly
 * over the pairs in their order (the observed value is taken the same way,
 * so that a permutation giving the same terms ties with it exactly): Moran
 * and G sum c v_i v_j, Geary sum c (v_i - v_j)^2.
 */
static double
permuted_part(cg_global_kind kind, size_t npairs, const uint32_t *ea, const uint32_t *eb,
			  const double *ec, const double *v)
{
	/* four running sums: the additions of one pair do not wait for the last pair's */
	double		s0 = 0.0,
				s1 = 0.0,
				s2 = 0.0,
				s3 = 0.0;
	size_t		e;

	if (kind == CG_GLOBAL_GEARY)
	{
		for (e = 0; e + 3 < npairs; e += 4)
		{
			double		d0 = v[ea[e]] - v[eb[e]],
						d1 = v[ea[e + 1]] - v[eb[e + 1]],
						d2 = v[ea[e + 2]] - v[eb[e + 2]],
						d3 = v[ea[e + 3]] - v[eb[e + 3]];

			s0 += ec[e] * (d0 * d0);
			s1 += ec[e + 1] * (d1 * d1);
			s2 += ec[e + 2] * (d2 * d2);
			s3 += ec[e + 3] * (d3 * d3);
		}
		for (; e < npairs; e++)
		{
			double		d = v[ea[e]] - v[eb[e]];

			s0 += ec[e] * (d * d);
		}
		return (s0 + s1) + (s2 + s3);
	}
	for (e = 0; e + 3 < npairs; e += 4)
	{
		s0 += ec[e] * (v[ea[e]] * v[eb[e]]);
		s1 += ec[e + 1] * (v[ea[e + 1]] * v[eb[e + 1]]);
		s2 += ec[e + 2] * (v[ea[e + 2]] * v[eb[e + 2]]);
		s3 += ec[e + 3] * (v[ea[e + 3]] * v[eb[e + 3]]);
	}
	for (; e < npairs; e++)
		s0 += ec[e] * (v[ea[e]] * v[eb[e]]);
	return (s0 + s1) + (s2 + s3);
}

cg_status
cg_global_permutations(cg_global_kind kind, const cg_weights *wt, const double *x,
					   uint64_t seed, uint64_t replicates, cg_alternative alt,
					   double *scratch, uint32_t *uscratch, double *p, double *mean,
					   cg_moran *stat)
{
	size_t		n = wt->n,
				i,
				npairs;
	uint64_t	r,
				ge = 0,
				le = 0;
	double	   *z = scratch + 2 * n,
			   *perm = scratch + 3 * n,
			   *ec = scratch + 4 * n,
				obs,
				f,
				s_hi = 0.0,
				s_lo = 0.0;
	cg_moran	mo;
	cg_status	st;

	*p = NAN;
	*mean = NAN;
	if (n >= ((size_t) 1 << 32))
		return CG_E_TOO_LARGE;
	if (alt < CG_ALT_GREATER || alt > CG_ALT_FOLDED)
		return CG_E_CORRUPT;
	switch (kind)
	{
		case CG_GLOBAL_MORAN:
			st = cg_moran_global(wt, x, scratch, uscratch, &mo);
			break;
		case CG_GLOBAL_GEARY:
			st = cg_geary_global(wt, x, scratch, uscratch, &mo);
			break;
		case CG_GLOBAL_G:
			st = cg_getis_g_global(wt, x, scratch, uscratch, &mo);
			break;
		default:
			return CG_E_CORRUPT;
	}
	if (stat != NULL)
		*stat = mo;
	if (st != CG_OK)
		return st;
	if (!(mo.defined & CG_MORAN_HAS_I) || replicates == 0)
		return CG_OK;

	/*
	 * Moran and Geary permute the centred values z (left in scratch by the
	 * statistic), G the values themselves; the statistic is f times the
	 * permuted part
	 */
	{
		double		h = 0.0,
					l = 0.0,
					h1 = 0.0,
					l1 = 0.0;

		for (i = 0; i < n; i++)
		{
			if (kind == CG_GLOBAL_G)
			{
				cg_psum_add(&h1, &l1, x[i]);
				cg_psum_add(&h, &l, x[i] * x[i]);
			}
			else
				cg_psum_add(&h, &l, z[i] * z[i]);
		}
		if (kind == CG_GLOBAL_G)
		{
			double		s1 = cg_nsum_value(h1, l1);

			memcpy(z, x, n * sizeof(double));
			f = 1.0 / (s1 * s1 - cg_nsum_value(h, l));
		}
		else if (kind == CG_GLOBAL_MORAN)
			f = ((double) n / mo.s0) / cg_nsum_value(h, l);
		else
			f = ((double) n - 1.0) / (2.0 * mo.s0 * cg_nsum_value(h, l));
	}
	npairs = pair_list(wt, uscratch + n, uscratch + n + wt->m, ec);
	obs = permuted_part(kind, npairs, uscratch + n, uscratch + n + wt->m, ec, z);
	memcpy(perm, z, n * sizeof(double));
	for (r = 0; r < replicates; r++)
	{
		double		part;

		if (cg_cancel_due((size_t) r + 1) || (n > 4096 && cg_cancel_hook != NULL && cg_cancel_hook()))
			return CG_E_CANCELED;
		/* each replicate shuffles the previous arrangement (the first: z): uniform all the same */
		cg_shuffle(perm, n, seed, r);
		part = permuted_part(kind, npairs, uscratch + n, uscratch + n + wt->m, ec, perm);
		cg_nsum_add(&s_hi, &s_lo, f * part);
		if (kind == CG_GLOBAL_GEARY)
		{
			/* positive association is a smaller C */
			ge += part <= obs;
			le += part >= obs;
		}
		else
		{
			ge += part >= obs;
			le += part <= obs;
		}
	}
	*mean = cg_nsum_value(s_hi, s_lo) / (double) replicates;
	*p = cg_pseudo_p(ge, le, replicates, alt);
	return CG_OK;
}

cg_status
cg_moran_permutations(const cg_weights *wt, const double *x, uint64_t seed,
					  uint64_t replicates, cg_alternative alt, double *scratch,
					  uint32_t *uscratch, double *p, double *mean_i)
{
	return cg_global_permutations(CG_GLOBAL_MORAN, wt, x, seed, replicates, alt,
								  scratch, uscratch, p, mean_i, NULL);
}
