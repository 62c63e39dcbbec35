/*
 * cg_sum.h — compensated (Neumaier) summation and input checks.
 *
 * A running sum is a pair (hi, lo): hi the ordinary float sum, lo the sum of
 * the rounding errors of every addition.  hi + lo is the sum correct to about
 * one ulp independently of the number of terms, as long as it stays finite.
 * Two running sums merge by adding hi to hi and lo to lo (then renormalizing),
 * which is what parallel combine functions do.
 */
#ifndef CG_SUM_H
#define CG_SUM_H

#include <math.h>
#include "cg_status.h"

/* Add x to the running sum (*hi, *lo). */
static inline void
cg_nsum_add(double *hi, double *lo, double x)
{
	double		t = *hi + x;

	if (fabs(*hi) >= fabs(x))
		*lo += (*hi - t) + x;
	else
		*lo += (x - t) + *hi;
	*hi = t;
}

/*
 * Add x >= 0 to a running sum of non-negative terms: Fast2Sum on the larger
 * and smaller operand, branch-free (about half the work of cg_nsum_add).
 */
static inline void
cg_psum_add(double *hi, double *lo, double x)
{
	double		a = *hi > x ? *hi : x;
	double		b = *hi > x ? x : *hi;
	double		t = a + b;

	*lo += b - (t - a);
	*hi = t;
}

/*
 * Add x to the running sum (*hi, *lo) by Knuth's TwoSum: the same result as
 * cg_nsum_add without its branch, for sums whose terms and total are of
 * unpredictable relative size (a sum kept near 0, as a centred one).
 */
static inline void
cg_tsum_add(double *hi, double *lo, double x)
{
	double		t = *hi + x,
				bb = t - *hi;

	*lo += (*hi - (t - bb)) + (x - bb);
	*hi = t;
}

/* Merge the running sum (bhi, blo) into (*hi, *lo). */
static inline void
cg_nsum_merge(double *hi, double *lo, double bhi, double blo)
{
	cg_nsum_add(hi, lo, bhi);
	*lo += blo;
}

/* Value of a running sum; not finite when the sum overflowed. */
static inline double
cg_nsum_value(double hi, double lo)
{
	if (!isfinite(hi))
		return hi;
	return hi + lo;
}

/* Largest count a double holds exactly. */
#define CG_MAX_EXACT_COUNT 9007199254740992.0

/* Is x a whole number in [0, 2^53], a valid row count of a state? */
static inline int
cg_is_count(double x)
{
	return x >= 0.0 && x <= CG_MAX_EXACT_COUNT && x == floor(x);
}

/* Check that x is a finite number >= 0. */
static inline cg_status
cg_check_nonneg(double x)
{
	if (isnan(x))
		return CG_E_NAN;
	if (isinf(x))
		return CG_E_INFINITE;
	if (x < 0.0)
		return CG_E_NEGATIVE;
	return CG_OK;
}

/* Check that x is a finite number > 0. */
static inline cg_status
cg_check_positive(double x)
{
	if (isnan(x))
		return CG_E_NAN;
	if (isinf(x))
		return CG_E_INFINITE;
	if (x <= 0.0)
		return CG_E_NONPOSITIVE;
	return CG_OK;
}

/* Check that x is a finite number > 0, reporting x = 0 as CG_E_NONPOSITIVE and x < 0 as CG_E_NEGATIVE. */
static inline cg_status
cg_check_positive_x(double x)
{
	cg_status	st = cg_check_nonneg(x);

	if (st == CG_OK && x == 0.0)
		return CG_E_NONPOSITIVE;
	return st;
}

/*
 * Double-double numbers (hi + lo, |lo| <= ulp(hi) / 2), for the few places
 * where a result is a difference of nearly equal products: TwoSum and
 * TwoProd (by fma) give each operation's rounding error exactly, so a sum of
 * products keeps about 2^-104 of its largest term instead of 2^-52.
 */
typedef struct cg_dd
{
	double		hi,
				lo;
} cg_dd;

/* a + b exactly, as a double-double */
static inline cg_dd
cg_dd_two_sum(double a, double b)
{
	cg_dd		r;
	double		bb;

	r.hi = a + b;
	bb = r.hi - a;
	r.lo = (a - (r.hi - bb)) + (b - bb);
	return r;
}

/* a + b (double-doubles) */
static inline cg_dd
cg_dd_add(cg_dd a, cg_dd b)
{
	cg_dd		s = cg_dd_two_sum(a.hi, b.hi);

	return cg_dd_two_sum(s.hi, s.lo + (a.lo + b.lo));
}

/* a * b (double-doubles) */
static inline cg_dd
cg_dd_mul(cg_dd a, cg_dd b)
{
	double		p = a.hi * b.hi,
				e = fma(a.hi, b.hi, -p);

	return cg_dd_two_sum(p, e + (a.hi * b.lo + a.lo * b.hi));
}

/* a running sum (hi, lo) as a double-double */
static inline cg_dd
cg_dd_of_sum(double hi, double lo)
{
	return cg_dd_two_sum(hi, lo);
}

#endif							/* CG_SUM_H */
