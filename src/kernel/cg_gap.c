/*
 * cg_gap.c — care-gap kernel: validation, pooled and target summaries,
 * per-unit evaluation, need-weighted demand.  No PostgreSQL headers.
 */
#include "cg_gap.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>


cg_status
cg_gap_check_row(double supply, double demand, cg_gap_arg *bad)
{
	cg_status	st;

	if ((st = cg_check_nonneg(supply)) != CG_OK)
	{
		*bad = CG_ARG_SUPPLY;
		return st;
	}
	if ((st = cg_check_nonneg(demand)) != CG_OK)
	{
		*bad = CG_ARG_DEMAND;
		return st;
	}
	*bad = CG_ARG_NONE;
	return CG_OK;
}

cg_status
cg_gap_copy_rows(double *dst, const double *src, size_t n, size_t *bad_row,
				 cg_gap_arg *bad)
{
	int			ok = 1;
	size_t		i;

	/* x >= 0 && x <= DBL_MAX is false for NaN, infinities and negatives */
	for (i = 0; i < 2 * n; i++)
	{
		double		x = src[i];

		ok &= (x >= 0.0) & (x <= DBL_MAX);
		dst[i] = x;
	}
	if (ok)
		return CG_OK;
	for (i = 0; i < n; i++)
	{
		cg_status	st = cg_gap_check_row(dst[2 * i], dst[2 * i + 1], bad);

		if (st != CG_OK)
		{
			*bad_row = i;
			return st;
		}
	}
	return CG_OK;
}

cg_status
cg_gap_check_target(double target)
{
	return cg_check_positive(target);
}

/* x = m * 2^e with 0.5 <= |m| < 1 (m = 0, e = 0 for x = 0). */
typedef struct xdouble
{
	double		m;
	int			e;
} xdouble;

/* The product a * b as an unnormalized xdouble: never over- or underflows. */
static xdouble
xmul(double a, double b)
{
	xdouble		r;
	int			ea,
				eb;
	double		ma = frexp(a, &ea),
				mb = frexp(b, &eb);

	r.m = ma * mb;
	r.e = r.m == 0.0 ? 0 : ea + eb;
	return r;
}

/* p - q, returned as a mantissa in units of 2^*e. */
static double
xsub(xdouble p, xdouble q, int *e)
{
	if (p.m == 0.0)
	{
		*e = q.e;
		return -q.m;
	}
	if (q.m == 0.0)
	{
		*e = p.e;
		return p.m;
	}
	*e = p.e > q.e ? p.e : q.e;
	return ldexp(p.m, p.e - *e) - ldexp(q.m, q.e - *e);
}

/*
 * Shortfall pass against the pooled ratio R = sum S / sum D.  With
 * sum S = mS 2^eS and sum D = mD 2^eD, each unit's numerator
 *   t_i = (sum S) D_i - S_i (sum D)
 * is taken in units of 2^(eS + eD):  t'_i = mS (D_i 2^-eD) - (S_i 2^-eS) mD.
 * Since D_i <= sum D and S_i <= sum S, the scaled terms are at most 1: no
 * overflow, and underflow only for units negligible against the totals.
 * Power-of-two scaling is exact, so integer data give exact numerators.
 * Then gap index = sum+ t' / (mS mD), shortfall = (sum+ t' / mD) 2^eS.
 */
static cg_status
shortfall_pass(const cg_pair_chunk *c, size_t nc, cg_gap_summary *out)
{
	double		u_hi = 0.0,
				u_lo = 0.0;
	uint64_t	nshort = 0;
	int			es,
				ed;
	double		ms = frexp(out->supply, &es),
				md = frexp(out->demand, &ed);
	double		fs = ldexp(1.0, -es),
				fd = ldexp(1.0, -ed);
	int			exact_factors = isfinite(fs) && fs != 0.0 && isfinite(fd) && fd != 0.0;
	double		msd = ms * fd,
				mds = md * fs;
	size_t		k,
				i;

	for (k = 0; k < nc; k++)
	{
		const double *v = c[k].v;

		if (cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;	/* polled per chunk: at most 1M rows */
		if (exact_factors)
		{
			/* the scale factors are exact powers of two */
			for (i = 0; i < c[k].n; i++)
			{
				double		need = msd * v[2 * i + 1],
							t = need - mds * v[2 * i];
				int			is_short = t > CG_MET_TOL * need;

				/* branch-free (whether a unit is short is unpredictable): t times 0 or 1 */
				cg_psum_add(&u_hi, &u_lo, (double) is_short * t);
				nshort += is_short;
			}
		}
		else
		{
			for (i = 0; i < c[k].n; i++)
			{
				double		need = ms * ldexp(v[2 * i + 1], -ed),
							t = need - ldexp(v[2 * i], -es) * md;
				int			is_short = t > CG_MET_TOL * need;

				cg_psum_add(&u_hi, &u_lo, (double) is_short * t);
				nshort += is_short;
			}
		}
	}
	out->units_short = nshort;
	out->shortfall = ldexp(cg_nsum_value(u_hi, u_lo) / md, es);
	/* sum (R D_i - S_i) = R sum D - sum S = 0: the surplus equals the shortfall */
	out->surplus = out->shortfall;
	out->defined |= CG_HAS_SHORTFALL;
	if (ms > 0.0)
	{
		out->gap_index = cg_nsum_value(u_hi, u_lo) / (ms * md);
		out->defined |= CG_HAS_GAP_INDEX;
	}
	return CG_OK;
}

/* Check that every sum of a summary is finite. */
static cg_status
check_summary_range(const cg_gap_summary *out)
{
	if (!isfinite(out->supply) || !isfinite(out->demand))
		return CG_E_OVERFLOW;
	if ((out->defined & CG_HAS_SHORTFALL) &&
		(!isfinite(out->shortfall) || !isfinite(out->surplus)))
		return CG_E_OVERFLOW;
	if ((out->defined & CG_HAS_COVERAGE) && !isfinite(out->coverage))
		return CG_E_OVERFLOW;
	return CG_OK;
}

cg_status
cg_gap_pooled_chunks(const cg_pair_chunk *c, size_t nc, cg_gap_summary *out)
{
	double		s_hi = 0.0,
				s_lo = 0.0,
				d_hi = 0.0,
				d_lo = 0.0;
	uint64_t	nzero = 0;
	size_t		k,
				i;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < nc; k++)
	{
		const double *v = c[k].v;

		if (cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		out->units += c[k].n;
		for (i = 0; i < c[k].n; i++)
		{
			cg_psum_add(&s_hi, &s_lo, v[2 * i]);
			cg_psum_add(&d_hi, &d_lo, v[2 * i + 1]);
			nzero += (v[2 * i + 1] == 0.0);
		}
	}
	out->supply = cg_nsum_value(s_hi, s_lo);
	out->demand = cg_nsum_value(d_hi, d_lo);
	out->units_no_demand = nzero;
	if (!isfinite(out->supply) || !isfinite(out->demand))
		return CG_E_OVERFLOW;
	if (!(out->demand > 0.0))
		return CG_OK;			/* no demand: the pooled reference is undefined */

	out->coverage = out->supply / out->demand;
	out->reference_ratio = out->coverage;
	out->defined |= CG_HAS_COVERAGE | CG_HAS_REFERENCE;
	if (shortfall_pass(c, nc, out) != CG_OK)
		return CG_E_CANCELED;
	return check_summary_range(out);
}

cg_status
cg_gap_pooled(const double *v, size_t n, cg_gap_summary *out)
{
	cg_pair_chunk c;

	c.v = v;
	c.n = n;
	return cg_gap_pooled_chunks(&c, 1, out);
}

cg_status
cg_gap_unit(double supply, double demand, double ref_num, double ref_den,
			int has_ref, cg_unit_gap *out)
{
	xdouble		need,
				have;
	double		t,
				mden;
	int			e,
				eden,
				met;

	memset(out, 0, sizeof(*out));
	if (demand > 0.0)
	{
		out->coverage = supply / demand;
		out->defined |= CG_HAS_COVERAGE;
	}
	if (!has_ref)
		return isfinite(out->coverage) ? CG_OK : CG_E_OVERFLOW;

	/* R D - S = (num D - S den) / den = t 2^e / den */
	need = xmul(ref_num, demand);
	have = xmul(supply, ref_den);
	t = xsub(need, have, &e);
	/* within CG_MET_TOL of the need: met exactly (see cg_gap.h) */
	met = fabs(ldexp(t, e - need.e)) <= CG_MET_TOL * fabs(need.m);
	if (met)
		t = 0.0;
	mden = frexp(ref_den, &eden);
	if (t > 0.0)
		out->shortfall = ldexp(t / mden, e - eden);
	else if (t < 0.0)
		out->surplus = ldexp(-t / mden, e - eden);
	out->defined |= CG_HAS_SHORTFALL;
	if ((out->defined & CG_HAS_COVERAGE) && ref_num > 0.0)
	{
		/* r = (S den) / (D num); gap = (num D - S den) / (D num) */
		out->relative_coverage = met ? 1.0 : ldexp(have.m / need.m, have.e - need.e);
		out->gap = t > 0.0 ? ldexp(t / need.m, e - need.e) : 0.0;
		out->defined |= CG_HAS_RELATIVE;
	}
	if (!isfinite(out->coverage) || !isfinite(out->shortfall) ||
		!isfinite(out->surplus) || !isfinite(out->relative_coverage))
		return CG_E_OVERFLOW;
	return CG_OK;
}

cg_status
cg_gap_target_add(double *st, double supply, double demand, double target,
				  cg_gap_arg *bad)
{
	cg_status	rc;
	double		need;

	if ((rc = cg_gap_check_row(supply, demand, bad)) != CG_OK)
		return rc;
	if ((rc = cg_gap_check_target(target)) != CG_OK)
	{
		*bad = CG_ARG_TARGET;
		return rc;
	}
	if (st[CG_TS_UNITS] == 0.0)
		st[CG_TS_TARGET] = target;
	else if (st[CG_TS_TARGET] != target)
	{
		*bad = CG_ARG_TARGET;
		return CG_E_MISMATCH;
	}
	st[CG_TS_UNITS] += 1.0;
	cg_psum_add(&st[CG_TS_SUPPLY], &st[CG_TS_SUPPLY_LO], supply);
	cg_psum_add(&st[CG_TS_DEMAND], &st[CG_TS_DEMAND_LO], demand);
	need = target * demand;
	{
		/*
		 * Branch-free: whether a unit is short is a coin toss in real data, and
		 * a mispredicted branch costs more than the add of a 0 (which leaves a
		 * sum of non-negative terms as it was).
		 */
		double		gap = need - supply,	/* > 0 exactly when need > supply */
					tol = CG_MET_TOL * need,	/* within it: met (cg_gap.h) */
					shortfall,
					surplus;
		int			is_short = gap > tol,
					is_surplus = gap < -tol;
		uint64_t	bits,
					mask = (uint64_t) 0 - (uint64_t) is_short,
					smask = (uint64_t) 0 - (uint64_t) is_surplus,
					part;

		/* shortfall = gap or +0, surplus = -gap or +0, by bit masks */
		memcpy(&bits, &gap, sizeof bits);
		part = bits & mask;
		memcpy(&shortfall, &part, sizeof part);
		part = (bits ^ UINT64_C(0x8000000000000000)) & smask;
		memcpy(&surplus, &part, sizeof part);
		cg_psum_add(&st[CG_TS_SHORT], &st[CG_TS_SHORT_LO], shortfall);
		cg_psum_add(&st[CG_TS_SURPLUS], &st[CG_TS_SURPLUS_LO], surplus);
		st[CG_TS_UNITS_SHORT] += is_short;
	}
	if (demand == 0.0)
		st[CG_TS_UNITS_NO_DEMAND] += 1.0;
	return CG_OK;
}

cg_status
cg_gap_target_merge(double *a, const double *b)
{
	int			k;

	if (b[CG_TS_UNITS] == 0.0)
		return CG_OK;
	if (a[CG_TS_UNITS] == 0.0)
	{
		memcpy(a, b, sizeof(double) * CG_TS_LEN);
		return CG_OK;
	}
	if (a[CG_TS_TARGET] != b[CG_TS_TARGET])
		return CG_E_MISMATCH;
	for (k = CG_TS_SUPPLY; k <= CG_TS_SURPLUS; k += 2)
		cg_nsum_merge(&a[k], &a[k + 1], b[k], b[k + 1]);
	a[CG_TS_UNITS] += b[CG_TS_UNITS];
	a[CG_TS_UNITS_SHORT] += b[CG_TS_UNITS_SHORT];
	a[CG_TS_UNITS_NO_DEMAND] += b[CG_TS_UNITS_NO_DEMAND];
	return CG_OK;
}

cg_status
cg_gap_target_validate(const double *st)
{
	int			k;

	if (!cg_is_count(st[CG_TS_UNITS]) || !cg_is_count(st[CG_TS_UNITS_SHORT]) ||
		!cg_is_count(st[CG_TS_UNITS_NO_DEMAND]) ||
		st[CG_TS_UNITS_SHORT] > st[CG_TS_UNITS] ||
		st[CG_TS_UNITS_NO_DEMAND] > st[CG_TS_UNITS])
		return CG_E_CORRUPT;
	if (st[CG_TS_UNITS] == 0.0)
		return CG_OK;
	if (cg_gap_check_target(st[CG_TS_TARGET]) != CG_OK)
		return CG_E_CORRUPT;
	for (k = CG_TS_SUPPLY; k <= CG_TS_SURPLUS_LO; k++)
		if (isnan(st[k]))
			return CG_E_CORRUPT;
	for (k = CG_TS_SUPPLY; k <= CG_TS_SURPLUS; k += 2)
		if (cg_nsum_value(st[k], st[k + 1]) < 0.0)
			return CG_E_CORRUPT;
	return CG_OK;
}

cg_status
cg_gap_target_summary(const double *st, cg_gap_summary *out)
{
	cg_status	rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cg_gap_target_validate(st)) != CG_OK)
		return rc;
	out->units = (uint64_t) st[CG_TS_UNITS];
	if (out->units == 0)
		return CG_OK;
	out->units_short = (uint64_t) st[CG_TS_UNITS_SHORT];
	out->units_no_demand = (uint64_t) st[CG_TS_UNITS_NO_DEMAND];
	out->supply = cg_nsum_value(st[CG_TS_SUPPLY], st[CG_TS_SUPPLY_LO]);
	out->demand = cg_nsum_value(st[CG_TS_DEMAND], st[CG_TS_DEMAND_LO]);
	out->reference_ratio = st[CG_TS_TARGET];
	out->defined |= CG_HAS_REFERENCE;
	if (out->demand > 0.0)
	{
		out->coverage = out->supply / out->demand;
		out->defined |= CG_HAS_COVERAGE;
	}
	out->shortfall = cg_nsum_value(st[CG_TS_SHORT], st[CG_TS_SHORT_LO]);
	out->surplus = cg_nsum_value(st[CG_TS_SURPLUS], st[CG_TS_SURPLUS_LO]);
	out->defined |= CG_HAS_SHORTFALL;
	if (out->demand > 0.0)
	{
		double		ref_total = out->reference_ratio * out->demand;

		/* sum u / (tau sum D); divide in two steps if the product leaves the range */
		if (isnormal(ref_total))
			out->gap_index = out->shortfall / ref_total;
		else
			out->gap_index = out->shortfall / out->reference_ratio / out->demand;
		out->defined |= CG_HAS_GAP_INDEX;
	}
	return check_summary_range(out);
}

cg_status
cg_need_demand(const double *counts, const double *weights, size_t k,
			   double *out, size_t *bad_index)
{
	double		hi = 0.0,
				lo = 0.0;
	size_t		i;
	cg_status	rc;

	*out = 0.0;
	for (i = 0; i < k; i++)
	{
		*bad_index = i;
		if ((rc = cg_check_nonneg(counts[i])) != CG_OK)
			return rc;
		if ((rc = cg_check_nonneg(weights[i])) != CG_OK)
			return rc;
		cg_psum_add(&hi, &lo, counts[i] * weights[i]);
	}
	*out = cg_nsum_value(hi, lo);
	if (!isfinite(*out))
		return CG_E_OVERFLOW;
	return CG_OK;
}
