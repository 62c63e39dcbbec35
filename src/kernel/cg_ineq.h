/*
 * cg_ineq.h — inequality (disparity) kernels, docs/FORMULAS.md section 2.
 *
 * Moment-based measures (Theil T and L, generalized entropy GE(alpha),
 * Atkinson, coefficient of variation; cg_moments.c) keep a fixed state of
 * CG_IS_LEN doubles.  Every one of them is GE(alpha) of some alpha (Theil T
 * alpha = 1, L alpha = 0, Atkinson alpha = 1 - epsilon, CV^2 / 2 = GE(2)), and
 * the state keeps, over the rows with x > 0 and relative to a pivot K,
 * compensated sums of w, of w (r - 1) and of w phi_alpha(r), r = x / K, and
 * apart the weight of the rows with x = 0, with
 *   phi_alpha(r) = (r^alpha - 1 - alpha (r - 1)) / (alpha (alpha - 1)),
 * which is >= 0, smooth in alpha through 0 and 1 (r - 1 - ln r at 0,
 * r ln r - r + 1 at 1) and evaluated without cancellation there.  The pivot
 * follows the mean (moved before a batch of rows whose mean is off by more
 * than 1/16), so the sums do not depend on the order of the rows beyond
 * rounding.  States merge by moving one to the other's pivot and adding:
 * they are float8[] in SQL, storable for rollups.
 *
 * Distribution-based measures (Gini, Lorenz curve, Palma, quantile share
 * ratios; cg_dist.c) work on (x, w) pairs sorted by x.
 */
#ifndef CG_INEQ_H
#define CG_INEQ_H

#include <stddef.h>
#include <stdint.h>
#include "cg_pairs.h"
#include "cg_status.h"

typedef enum cg_ineq_kind
{
	CG_IK_THEIL_T = 1,
	CG_IK_THEIL_L = 2,
	CG_IK_GE = 3,				/* param alpha */
	CG_IK_ATKINSON = 4,			/* param epsilon */
	CG_IK_CV = 5
} cg_ineq_kind;

#define CG_IS_VERSION_1 1.0
#define CG_IS_VERSION_2 2.0
#define CG_IS_VERSION_3 3.0

/*
 * Rows a state holds back before it evaluates their terms.  Theil T and L
 * need a logarithm a row (GE and Atkinson a power): evaluated one call at a
 * time, each waits out the whole latency of log(); evaluated eight at a
 * time, they overlap.  Before a batch the pivot may move to the batch's
 * mean, so a held state and one evaluated row by row may differ by rounding
 * (the unit test and the fuzz property hold them to 1e-13 and 1e-9).
 */
#define CG_IS_BATCH 8

enum
{
	CG_IS_VERSION = 0,			/* layout version, 3 (1: 11 doubles, no held rows;
								 * 2: sums of caregap 0.2-0.3, converted when read) */
	CG_IS_KIND,					/* cg_ineq_kind */
	CG_IS_PARAM,				/* alpha or epsilon (0 if none) */
	CG_IS_N,					/* rows in the sums */
	CG_IS_PIVOT,				/* K > 0, from the first x > 0; 0 until then */
	CG_IS_W,					/* W = sum w over the rows with x > 0 (hi, lo) */
	CG_IS_W_LO,
	CG_IS_WX,					/* S = sum w (x/K - 1) over them */
	CG_IS_WX_LO,
	CG_IS_F,					/* F = sum w phi_alpha(x/K) >= 0 over them */
	CG_IS_F_LO,
	CG_IS_LEN_V1,				/* version 1 ends here */
	CG_IS_W0 = CG_IS_LEN_V1,	/* W0 = sum w over the rows with x = 0 (alpha > 0):
								 * their terms, -W0 in S and W0 / alpha in F, do
								 * not depend on K and are never moved */
	CG_IS_W0_LO,
	CG_IS_PENDING,				/* rows held back, 0..CG_IS_BATCH */
	CG_IS_ROWS,					/* their (x, w) pairs */
	CG_IS_LEN = CG_IS_ROWS + 2 * CG_IS_BATCH
};

/* the layout of version 2 (caregap 0.2.1-0.3.0), read for conversion */
#define CG_IS_PENDING_V2 CG_IS_LEN_V1
#define CG_IS_ROWS_V2 (CG_IS_LEN_V1 + 1)
#define CG_IS_LEN_V2 (CG_IS_ROWS_V2 + 2 * CG_IS_BATCH)

/* Which argument failed validation. */
typedef enum cg_ineq_arg
{
	CG_IA_NONE = 0,
	CG_IA_X,
	CG_IA_W,
	CG_IA_PARAM
} cg_ineq_arg;

/* Initialize an empty state (version 3, CG_IS_LEN doubles) of the given kind. */
void		cg_ineq_init(double *st, cg_ineq_kind kind);

/*
 * Read a state of len doubles (CG_IS_LEN_V1: version 1, the INITCOND of the
 * aggregates and the stored states of caregap 0.2.0; CG_IS_LEN_V2: version
 * 2, stored by 0.2.x-0.3.0; CG_IS_LEN: version 3) into out as a version-3 state: older sums are
 * converted and rows they held back added.  CG_E_CORRUPT when it is not a
 * valid state of its version.
 */
cg_status	cg_ineq_upgrade(const double *old, int len, double *out);

/* alpha of the GE that a kind is at a parameter (see above). */
double		cg_ineq_alpha(cg_ineq_kind kind, double param);

/*
 * phi_alpha(r) for r >= 0 finite (at r = 0: 1 / alpha, +inf if alpha <= 0), to a
 * few ulps for every alpha, also at and near 0 and 1; +inf when r^alpha
 * overflows.
 */
double		cg_phi(double r, double alpha);

/*
 * Evaluate the rows a state holds back into its sums, after moving the pivot
 * to their mean with the sums' if it is off by more than 1/16 (st should be
 * valid; a count of held rows out of range is ignored, never read past).
 */
void		cg_ineq_flush(double *st);

/* Validate a parameter for a kind (alpha finite; epsilon finite >= 0). */
cg_status	cg_ineq_check_param(cg_ineq_kind kind, double param);

/* Does the measure need x > 0 (rather than x >= 0) at this parameter (alpha <= 0)? */
int			cg_ineq_needs_positive(cg_ineq_kind kind, double param);

/*
 * Add one row (x, w) with the measure's parameter; validates all three (a
 * subnormal weight, below 2.2e-308, is CG_E_OVERFLOW with *bad = CG_IA_W).  The
 * row may be held back (CG_IS_PENDING) until CG_IS_BATCH rows are waiting;
 * merge and value take held-back rows into account.
 */
cg_status	cg_ineq_add(double *st, double x, double w, double param,
						cg_ineq_arg *bad);

/*
 * The usual row of cg_ineq_add, inline for the transition functions: when
 * the sums have a row and a pivot, the parameter is the state's,
 * 0 < x < inf and w is a normal positive double (NaN fails every
 * comparison), hold the row
 * back (evaluating the batch when it is full) and return 1.  Otherwise
 * return 0 without touching the state: cg_ineq_add decides the row.  The
 * count of held rows is checked before it indexes: a state is trusted to be
 * well formed inside an aggregate, but never with memory.
 */
static inline int
cg_ineq_hold(double *st, double x, double w, double param)
{
	double		pending = st[CG_IS_PENDING];
	int			p;

	if (!(st[CG_IS_N] > 0.0 && st[CG_IS_PIVOT] > 0.0 &&
		  param == st[CG_IS_PARAM] && x > 0.0 && x <= 1.7976931348623157e308 &&
		  w >= 2.2250738585072014e-308 && w <= 1.7976931348623157e308 &&
		  pending >= 0.0 && pending < CG_IS_BATCH))
		return 0;
	p = (int) pending;
	st[CG_IS_ROWS + 2 * p] = x;
	st[CG_IS_ROWS + 2 * p + 1] = w;
	st[CG_IS_PENDING] = p + 1;
	if (p + 1 == CG_IS_BATCH)
		cg_ineq_flush(st);
	return 1;
}

/* Merge state b into a (same kind and parameter); b is not modified. */
cg_status	cg_ineq_merge(double *a, const double *b);

/* Check that a version-3 state is well formed, held-back rows included. */
cg_status	cg_ineq_validate(const double *st);

/*
 * Value of the measure (st is not modified):
 *   GE(alpha) = (1 + d)^-alpha (F / W - phi_alpha(1 + d)),  d = S / W,
 *   Theil T = GE(1), L = GE(0), CV = sqrt(2 GE(2)),
 *   Atkinson(eps) = 1 - (1 + a (a - 1) GE(a))^(1/a), a = 1 - eps (1 - e^-L at a = 0),
 * each 0 (never -0) when rounding would put it below 0.  *defined = 0 when
 * there are no rows or every x is zero (the mean is 0 and the measure is
 * 0/0).  One row gives 0.  CG_E_OVERFLOW when a sum overflowed, when the
 * total weight of two or more rows is below 2^-969 or the weighted mean of x
 * is below the normal range (2.2e-308): the products of such numbers lose
 * their digits in the subnormal range.
 */
cg_status	cg_ineq_value(const double *st, double *out, int *defined);

/* Validate one (x, w) pair of a distribution: x finite >= 0, w finite > 0. */
cg_status	cg_dist_check(double x, double w, cg_ineq_arg *bad);

/* Copy n deserialized (x, w) pairs from src to dst and validate them. */
cg_status	cg_dist_copy_rows(double *dst, const double *src, size_t n);

/*
 * Sort the n rows (width 2 or 3 doubles) held in nc chunks by their first
 * double ascending (finite, any sign), on an order-preserving transform of
 * the IEEE bit pattern.  One MSD radix pass on the bits below the highest
 * bit where the keys differ (up to 16: the exponent and the top mantissa
 * bits; about n/16 buckets)
 * scatters the chunks into buckets of buf_a (the chunks are never copied
 * otherwise); each bucket, usually cache-sized, is then sorted by 11-bit LSD
 * radix passes on its remaining bits (insertion sort when tiny), with a
 * scratch buffer of the largest bucket's size.  buf_a holds width n doubles;
 * the result is returned (buf_a), or NULL with *st = CG_E_NOMEM when the
 * bucket counts (at most 1 MB) or the scratch cannot be allocated (malloc),
 * or CG_E_CANCELED when the cancel hook asked to stop (cg_cancel.h).  Uses
 * about 100 kB of stack.
 */
const double *cg_sort_rows(const cg_pair_chunk *c, size_t nc, size_t n, int width,
						   double *buf_a, cg_status *st);

/* Copy n deserialized (r, x, w) rows and validate them: r finite, x >= 0, w > 0. */
cg_status	cg_conc_copy_rows(double *dst, const double *src, size_t n);

/*
 * Concentration index of rows (r, x, w) sorted by r: the Gini formula with
 * units ranked by r instead of x, C = sum_k w_k x_k (F_(k-1) + F_k - W) /
 * (W sum w x), where a run of equal r shares its midpoint rank.  In [-1, 1];
 * negative when x concentrates among the low ranks.  *defined = 0 when
 * sum w x = 0.
 */
cg_status	cg_concentration_sorted(const double *v, size_t n, double *out,
									int *defined);

/* Sort n pairs in v (tmp: 2n doubles of scratch); the result is in v. */
void		cg_sort_pairs(double *v, size_t n, double *tmp);

/*
 * Rescale n rows of width doubles in place by exact powers of two so that the
 * largest x (column xcol) and the total weight W (column wcol) lie in
 * [0.5, 1).  Gini, Lorenz, Palma and the concentration index are invariant
 * to both scalings; without it, products such as w x (2 F - W) underflow
 * into the subnormal range for extreme magnitudes (a fuzzer finding).
 * CG_E_OVERFLOW when W is beyond the double range.
 */
cg_status	cg_dist_normalize(double *v, size_t n, int width, int xcol, int wcol);

/*
 * Smallest sum w x, after cg_dist_normalize, for which the products of the
 * distribution kernels stay clear of the subnormal range.  Below it the
 * values and weights span more orders of magnitude (about 10^290) than
 * double precision carries, and the kernels report CG_E_OVERFLOW.
 */
#define CG_DIST_MIN_WX 0x1p-960

/* Totals of sorted pairs: W = sum w, WX = sum w x (compensated). */
void		cg_dist_totals(const double *v, size_t n, double *w_total,
						   double *wx_total);

/*
 * Gini of sorted pairs: G = sum_k w_k x_k (F_(k-1) - B_k) / (W sum wx), F the
 * weight below unit k and B the weight above it (= 2 F_(k-1) + w_k - W, but
 * without the cancellation): equal to the pairwise form
 * sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), whatever the order of ties.
 * correct: times n/(n-1) if all w = 1, else 1/(1 - sum (w/W)^2).  Scales x
 * and w by powers of two on the fly (no need for cg_dist_normalize).
 * *defined = 0 when every x is 0, or n = 1 with the correction;
 * CG_E_OVERFLOW when the magnitudes exceed double precision (sum w x, both
 * rescaled, below CG_DIST_MIN_WX: values and weights spanning about
 * 10^290); CG_E_CANCELED when the cancel hook asked to stop.
 */
cg_status	cg_gini_sorted(const double *v, size_t n, int correct, double *out,
						   int *defined);

/*
 * The Lorenz curve of sorted pairs at np ascending population shares p in
 * one pass (O(n + np)), each value equal to the bit to cg_lorenz_at's;
 * CG_E_CORRUPT when p does not ascend, CG_E_CANCELED when the cancel hook
 * asked to stop.
 */
cg_status	cg_lorenz_points(const double *v, size_t n, double w_total, double wx_total,
							 const double *p, size_t np, double *out);

/*
 * Lorenz curve of sorted pairs at population share p in [0, 1]: the share
 * of sum w x held by the poorest share p of the weight, with linear
 * interpolation inside a unit (a unit's weight is spread evenly).
 */
double		cg_lorenz_at(const double *v, size_t n, double w_total,
						 double wx_total, double p);

#endif							/* CG_INEQ_H */
