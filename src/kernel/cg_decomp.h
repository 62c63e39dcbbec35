/*
 * cg_decomp.h — Theil decomposition by groups (docs/FORMULAS.md section 2).
 *
 * Each group keeps compensated sums in units relative to one pivot K shared
 * by the whole state (r = x / K, so the magnitude of x never reaches a
 * product), with weights already scaled by the caller by an exact power of
 * two (the decomposition does not depend on the scale of w):
 *   W = sum w,  S = sum w (r - 1),  FT = sum w r ln r,  FL = sum w ln r.
 * x > 0 throughout (Theil L).
 */
#ifndef CG_DECOMP_H
#define CG_DECOMP_H

#include <stddef.h>
#include "cg_status.h"

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

/* Add (x > 0, w > 0 finite, already validated and scaled) to group g, pivot k. */
void		cg_theil_group_add(cg_theil_group *g, double k, double x, double w);

/* Move group g's sums from pivot from_k to pivot to_k. */
void		cg_theil_group_repivot(cg_theil_group *g, double from_k, double to_k);

/* Multiply group g's weighted sums by 2^e (exact unless they underflow). */
void		cg_theil_group_scale(cg_theil_group *g, int e);

/* Merge group b into a (same pivot, same weight scale). */
void		cg_theil_group_merge(cg_theil_group *a, const cg_theil_group *b);

/* Is g a well-formed group (finite sums, n >= 1, W >= 0, mean > 0)? */
int			cg_theil_group_valid(const cg_theil_group *g);

/*
 * Decompose: T = sum s_g T_g + sum s_g ln(s_g / p_g) and
 * L = sum p_g L_g + sum p_g ln(mu / mu_g), both parts from the group sums.
 * gout (ng entries) may be NULL.  CG_E_OVERFLOW when a sum is not finite or
 * a group's weight vanished against the others' (weights spanning more than
 * the double range); CG_E_CANCELED when the cancel hook asked to stop.
 */
cg_status	cg_theil_decompose(const cg_theil_group *g, size_t ng, double k,
							   cg_theil_result *out, cg_theil_group_out *gout);

#endif							/* CG_DECOMP_H */
