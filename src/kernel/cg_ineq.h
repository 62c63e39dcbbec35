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

enum
{
	CG_IS_VERSION = 0,			/* layout version, 1 */
	CG_IS_KIND,					/* cg_ineq_kind */
	CG_IS_PARAM,				/* alpha or epsilon (0 if none) */
	CG_IS_N,					/* rows */
	CG_IS_PIVOT,				/* K: first positive x (CV: first x); 0 = unset */
	CG_IS_W,					/* sum w (hi, lo) */
	CG_IS_W_LO,
	CG_IS_WX,					/* sum w x; CV: sum w (x - K) */
	CG_IS_WX_LO,
	CG_IS_F,					/* measure sum, see cg_ineq.c */
	CG_IS_F_LO,
	CG_IS_LEN
};

/* Which argument failed validation. */
typedef enum cg_ineq_arg
{
	CG_IA_NONE = 0,
	CG_IA_X,
	CG_IA_W,
	CG_IA_PARAM
} cg_ineq_arg;

/* Initialize an empty state of the given kind. */
void		cg_ineq_init(double *st, cg_ineq_kind kind);

/* Validate a parameter for a kind (alpha finite; epsilon finite >= 0). */
cg_status	cg_ineq_check_param(cg_ineq_kind kind, double param);

/* Does the measure need x > 0 (rather than x >= 0) at this parameter? */
int			cg_ineq_needs_positive(cg_ineq_kind kind, double param);

/* Add one row (x, w) with the measure's parameter; validates all three. */
cg_status	cg_ineq_add(double *st, double x, double w, double param,
						cg_ineq_arg *bad);

/* Merge state b into a (same kind and parameter). */
cg_status	cg_ineq_merge(double *a, const double *b);

/* Check that a state is well formed. */
cg_status	cg_ineq_validate(const double *st);

/*
 * Value of the measure.  *defined = 0 when there are no rows or every x is
 * zero (the mean is 0 and the measure is 0/0).  One row gives 0.
 */
cg_status	cg_ineq_value(const double *st, double *out, int *defined);

/* Validate one (x, w) pair of a distribution: x finite >= 0, w finite > 0. */
cg_status	cg_dist_check(double x, double w, cg_ineq_arg *bad);

/* Copy n deserialized (x, w) pairs from src to dst and validate them. */
cg_status	cg_dist_copy_rows(double *dst, const double *src, size_t n);

/*
 * Sort the n pairs (x_i, w_i) held in nc chunks by x ascending (x >= 0):
 * LSD radix sort on the IEEE bit pattern of x, six 11-bit digits, skipping
 * digits where all keys agree; the first pass reads the chunks, so they are
 * never copied separately.  buf_a and buf_b hold 2n doubles each; the result
 * is one of them (returned).  Uses 96 kB of stack for the histograms.
 */
const double *cg_sort_pair_chunks(const cg_pair_chunk *c, size_t nc, size_t n,
								  double *buf_a, double *buf_b);

/* Sort n pairs in v (tmp: 2n doubles of scratch); the result is in v. */
void		cg_sort_pairs(double *v, size_t n, double *tmp);

/* Totals of sorted pairs: W = sum w, WX = sum w x (compensated). */
void		cg_dist_totals(const double *v, size_t n, double *w_total,
						   double *wx_total);

/*
 * Gini of sorted pairs: G = sum_k w_k x_k (2 F_(k-1) + w_k - W) / (W sum wx),
 * F the cumulative weight: equal to the pairwise form
 * sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), whatever the order of ties.
 * correct: times n/(n-1) if all w = 1, else 1/(1 - sum (w/W)^2).
 * *defined = 0 when sum w x = 0, or n = 1 with the correction.
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
