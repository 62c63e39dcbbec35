/*
 * cg_ineq.h — inequality (disparity) kernels, FORMULAS.md section 2.
 *
 * Moment-based measures (Theil T and L, generalized entropy GE(alpha),
 * Atkinson, coefficient of variation) keep a fixed state of CG_IS_LEN
 * doubles: compensated sums of w, w x and one measure-specific sum F, taken
 * relative to a pivot K (the first positive x seen), so that equal values
 * give exactly 0 and the sums stay well scaled.  States merge by addition
 * after re-pivoting: they are float8[] in SQL, storable for rollups.
 *
 * Distribution-based measures (Gini, Lorenz curve, Palma, quantile share
 * ratios) work on (x, w) pairs sorted by x.
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

/*
 * Rows a state holds back before it evaluates their terms.  Theil T and L
 * need a logarithm a row (GE and Atkinson a power): evaluated one call at a
 * time, each waits out the whole latency of log(); evaluated eight at a
 * time, they overlap.  The terms and the order of the sums are those of the
 * row-at-a-time evaluation, so the results are the same to the bit.
 */
#define CG_IS_BATCH 8

enum
{
	CG_IS_VERSION = 0,			/* layout version, 2 (1: no pending rows) */
	CG_IS_KIND,					/* cg_ineq_kind */
	CG_IS_PARAM,				/* alpha or epsilon (0 if none) */
	CG_IS_N,					/* rows in the sums */
	CG_IS_PIVOT,				/* K: first positive x (CV: first x); 0 = unset */
	CG_IS_W,					/* sum w (hi, lo) */
	CG_IS_W_LO,
	CG_IS_WX,					/* sum w x; CV: sum w (x - K) */
	CG_IS_WX_LO,
	CG_IS_F,					/* measure sum, see cg_ineq.c */
	CG_IS_F_LO,
	CG_IS_LEN_V1,				/* version 1 ends here */
	CG_IS_PENDING = CG_IS_LEN_V1,	/* rows held back, 0..CG_IS_BATCH */
	CG_IS_ROWS,					/* their (x, w) pairs */
	CG_IS_LEN = CG_IS_ROWS + 2 * CG_IS_BATCH
};

/* Which argument failed validation. */
typedef enum cg_ineq_arg
{
	CG_IA_NONE = 0,
	CG_IA_X,
	CG_IA_W,
	CG_IA_PARAM
} cg_ineq_arg;

/* Initialize an empty state (version 2, CG_IS_LEN doubles) of the given kind. */
void		cg_ineq_init(double *st, cg_ineq_kind kind);

/*
 * Convert a version-1 state (CG_IS_LEN_V1 doubles, the INITCOND of the
 * aggregates and the stored states of caregap 0.2.0) to version 2 in out.
 * CG_E_CORRUPT when v1 is not a valid version-1 state.
 */
cg_status	cg_ineq_upgrade(const double *v1, double *out);

/*
 * Evaluate the rows a state holds back into its sums (st should be valid;
 * a count of held rows out of range is ignored, never read past).
 */
void		cg_ineq_flush(double *st);

/* Validate a parameter for a kind (alpha finite; epsilon finite >= 0). */
cg_status	cg_ineq_check_param(cg_ineq_kind kind, double param);

/* Does the measure need x > 0 (rather than x >= 0) at this parameter? */
int			cg_ineq_needs_positive(cg_ineq_kind kind, double param);

/*
 * Add one row (x, w) with the measure's parameter; validates all three.  The
 * row may be held back (CG_IS_PENDING) until CG_IS_BATCH rows are waiting;
 * merge and value take held-back rows into account.
 */
cg_status	cg_ineq_add(double *st, double x, double w, double param,
						cg_ineq_arg *bad);

/*
 * The usual row of cg_ineq_add, inline for the transition functions: when
 * the sums have a row and a pivot, the measure is not CV, the parameter is
 * the state's and 0 < x, w < inf (NaN fails every comparison), hold the row
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

	if (!(st[CG_IS_N] > 0.0 && st[CG_IS_PIVOT] > 0.0 && st[CG_IS_KIND] != CG_IK_CV &&
		  param == st[CG_IS_PARAM] && x > 0.0 && x <= 1.7976931348623157e308 &&
		  w > 0.0 && w <= 1.7976931348623157e308 &&
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

/* Check that a version-2 state is well formed, held-back rows included. */
cg_status	cg_ineq_validate(const double *st);

/*
 * Value of the measure (st is not modified).  *defined = 0 when there are no
 * rows or every x is zero (the mean is 0 and the measure is 0/0).  One row
 * gives 0.
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
 * *defined = 0 when sum w x = 0, or n = 1 with the correction;
 * CG_E_OVERFLOW when the magnitudes exceed double precision; CG_E_CANCELED
 * when the cancel hook asked to stop.
 */
cg_status	cg_gini_sorted(const double *v, size_t n, int correct, double *out,
						   int *defined);

/*
 * Lorenz curve of sorted pairs at population share p in [0, 1]: the share
 * of sum w x held by the poorest share p of the weight, with linear
 * interpolation inside a unit (a unit's weight is spread evenly).
 */
double		cg_lorenz_at(const double *v, size_t n, double w_total,
						 double wx_total, double p);

/*
 * Theil decomposition by groups.  Each group keeps compensated sums relative
 * to one pivot K shared by the whole state: W_g = sum w, S_g = sum w (x - K),
 * FT_g = sum w x ln(x/K), FL_g = sum w ln(x/K).  x > 0 throughout (Theil L).
 */
typedef struct cg_theil_group
{
	double		n;
	double		w[2];
	double		s[2];
	double		ft[2];
	double		fl[2];
} cg_theil_group;

typedef struct cg_theil_result
{
	double		t,
				t_within,
				t_between;
	double		l,
				l_within,
				l_between;
} cg_theil_result;

typedef struct cg_theil_group_out
{
	double		weight_share;	/* p_g = W_g / W */
	double		value_share;	/* s_g = sum_g w x / sum w x */
	double		mean;			/* mu_g */
	double		t;				/* T_g */
	double		l;				/* L_g */
} cg_theil_group_out;

/* Add (x > 0, w > 0, already validated) to group g with pivot k. */
void		cg_theil_group_add(cg_theil_group *g, double k, double x, double w);

/* Move group g's sums from pivot from_k to pivot to_k. */
void		cg_theil_group_repivot(cg_theil_group *g, double from_k, double to_k);

/* Merge group b into a (same pivot). */
void		cg_theil_group_merge(cg_theil_group *a, const cg_theil_group *b);

/*
 * Decompose: T = sum s_g T_g + sum s_g ln(s_g / p_g) and
 * L = sum p_g L_g + sum p_g ln(mu / mu_g), both parts from the group sums.
 * gout (ng entries) may be NULL.
 */
cg_status	cg_theil_decompose(const cg_theil_group *g, size_t ng, double k,
							   cg_theil_result *out, cg_theil_group_out *gout);

#endif							/* CG_INEQ_H */
