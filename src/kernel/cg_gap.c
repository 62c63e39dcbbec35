/*
 * cg_gap.c — care-gap kernel: validation, pooled and target summaries,
 * per-unit evaluation, need-weighted demand.  No PostgreSQL headers.
 */
#include "cg_gap.h"
#include "cg_sum.h"

#include <math.h>
#include <string.h>

/* Largest count a double holds exactly. */
#define CG_MAX_EXACT_COUNT 9007199254740992.0

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
cg_gap_check_target(double target)
{
	return cg_check_positive(target);
}

/*
 * Shortfall and surplus sums of n pairs against R = num / den, as numerators
 * t_i = num D_i - S_i den over den: for integer data the products are exact
 * and the only rounding is the final division.  If a product overflows, the
 * pass is redone with R itself.
 */
static void
shortfall_pass(const double *v, size_t n, double num, double den,
			   cg_gap_summary *out)
{
	double		u_hi = 0.0,
				u_lo = 0.0,
				w_hi = 0.0,
				w_lo = 0.0;
	uint64_t	nshort = 0;
	size_t		i;
	int			scaled = 1;

	for (i = 0; i < n; i++)
	{
		double		t = num * v[2 * i + 1] - v[2 * i] * den;

		if (!isfinite(t))
		{
			scaled = 0;
			break;
		}
		if (t > 0.0)
		{
			cg_nsum_add(&u_hi, &u_lo, t);
			nshort++;
		}
		else
			cg_nsum_add(&w_hi, &w_lo, -t);
	}
	if (!scaled)
	{
		double		ref = num / den;

		u_hi = u_lo = w_hi = w_lo = 0.0;
		nshort = 0;
		for (i = 0; i < n; i++)
		{
			double		t = ref * v[2 * i + 1] - v[2 * i];

			if (t > 0.0)
			{
				cg_nsum_add(&u_hi, &u_lo, t);
				nshort++;
			}
			else
				cg_nsum_add(&w_hi, &w_lo, -t);
		}
		den = 1.0;
	}
	out->units_short = nshort;
	out->shortfall = cg_nsum_value(u_hi, u_lo) / den;
	out->surplus = cg_nsum_value(w_hi, w_lo) / den;
	out->defined |= CG_HAS_SHORTFALL;
	if (out->reference_ratio > 0.0)
	{
		out->gap_index = out->shortfall / out->reference_ratio / out->demand;
		out->defined |= CG_HAS_GAP_INDEX;
	}
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
	return CG_OK;
}

cg_status
cg_gap_pooled(const double *v, size_t n, cg_gap_summary *out)
{
	double		s_hi = 0.0,
				s_lo = 0.0,
				d_hi = 0.0,
				d_lo = 0.0;
	uint64_t	nzero = 0;
	size_t		i;

	memset(out, 0, sizeof(*out));
	out->units = n;
	for (i = 0; i < n; i++)
	{
		cg_nsum_add(&s_hi, &s_lo, v[2 * i]);
		cg_nsum_add(&d_hi, &d_lo, v[2 * i + 1]);
		nzero += (v[2 * i + 1] == 0.0);
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
	shortfall_pass(v, n, out->supply, out->demand, out);
	return check_summary_range(out);
}

void
cg_gap_unit(double supply, double demand, double ref_num, double ref_den,
			int has_ref, cg_unit_gap *out)
{
	double		t;

	memset(out, 0, sizeof(*out));
	if (demand > 0.0)
	{
		out->coverage = supply / demand;
		out->defined |= CG_HAS_COVERAGE;
	}
	if (!has_ref)
		return;
	/* t / den = R D - S with R = num / den; exact numerator for integers */
	t = ref_num * demand - supply * ref_den;
	if (!isfinite(t))
	{
		ref_num /= ref_den;
		ref_den = 1.0;
		t = ref_num * demand - supply;
	}
	if (t > 0.0)
		out->shortfall = t / ref_den;
	else if (t < 0.0)
		out->surplus = -t / ref_den;
	out->defined |= CG_HAS_SHORTFALL;
	if ((out->defined & CG_HAS_COVERAGE) && ref_num > 0.0)
	{
		double		rel = (supply * ref_den) / (demand * ref_num);

		if (!isfinite(rel) || rel == 0.0)
			rel = out->coverage / (ref_num / ref_den);
		out->relative_coverage = rel;
		out->gap = t > 0.0 ? t / (demand * ref_num) : 0.0;
		if (!isfinite(out->gap))
			out->gap = 1.0 - rel;
		out->defined |= CG_HAS_RELATIVE;
	}
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
	cg_nsum_add(&st[CG_TS_SUPPLY], &st[CG_TS_SUPPLY_LO], supply);
	cg_nsum_add(&st[CG_TS_DEMAND], &st[CG_TS_DEMAND_LO], demand);
	need = target * demand;
	if (need > supply)
	{
		cg_nsum_add(&st[CG_TS_SHORT], &st[CG_TS_SHORT_LO], need - supply);
		st[CG_TS_UNITS_SHORT] += 1.0;
	}
	else
		cg_nsum_add(&st[CG_TS_SURPLUS], &st[CG_TS_SURPLUS_LO], supply - need);
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

/* Is x a whole number in [0, 2^53]? */
static int
is_count(double x)
{
	return x >= 0.0 && x <= CG_MAX_EXACT_COUNT && x == floor(x);
}

cg_status
cg_gap_target_validate(const double *st)
{
	int			k;

	if (!is_count(st[CG_TS_UNITS]) || !is_count(st[CG_TS_UNITS_SHORT]) ||
		!is_count(st[CG_TS_UNITS_NO_DEMAND]) ||
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
		cg_nsum_add(&hi, &lo, counts[i] * weights[i]);
	}
	*out = cg_nsum_value(hi, lo);
	if (!isfinite(*out))
		return CG_E_OVERFLOW;
	return CG_OK;
}
