/*
 * cg_gap.h — the care-gap kernel (docs/FORMULAS.md section 1).
 *
 * Unit i has supply S_i >= 0 and need-weighted demand D_i >= 0.  Against a
 * reference ratio R (pooled: R = sum S / sum D; or a policy target tau):
 *   coverage c_i = S_i / D_i, relative coverage r_i = c_i / R,
 *   gap g_i = max(0, 1 - r_i), shortfall u_i = max(0, R D_i - S_i),
 *   surplus v_i = max(0, S_i - R D_i),
 *   group gap index = sum u_i / (R sum D).
 * Quantities that are undefined (a division by zero) are reported through the
 * 'defined' bit set and become SQL NULLs in the glue.
 *
 * A unit whose R D_i - S_i lies within CG_MET_TOL R D_i of zero meets its need:
 * its shortfall, surplus and gap are 0 and it is not counted short.  Decimal
 * inputs carry binary rounding (care_gap(0.3, 3, 0.1): 0.1 * 3 exceeds 0.3 by
 * 5.55e-17), and "units short" counts places that lack care, not rounding.
 */
#define CG_MET_TOL 0x1p-50		/* 4 units in the last place of R D_i */
#ifndef CG_GAP_H
#define CG_GAP_H

#include <stddef.h>
#include <stdint.h>
#include "cg_pairs.h"
#include "cg_status.h"

/* Bits of cg_gap_summary.defined and cg_unit_gap.defined. */
#define CG_HAS_COVERAGE		0x01u
#define CG_HAS_REFERENCE	0x02u
#define CG_HAS_GAP_INDEX	0x04u
#define CG_HAS_SHORTFALL	0x08u	/* also surplus and units_short */
#define CG_HAS_RELATIVE		0x10u	/* unit: relative coverage and gap */

/* Which argument of a row failed validation (for the error message). */
typedef enum cg_gap_arg
{
	CG_ARG_NONE = 0,
	CG_ARG_SUPPLY,
	CG_ARG_DEMAND,
	CG_ARG_TARGET
} cg_gap_arg;

/* Result of a group. */
typedef struct cg_gap_summary
{
	uint64_t	units;			/* rows counted */
	uint64_t	units_short;	/* units with u_i > 0 */
	uint64_t	units_no_demand;	/* units with D_i = 0 */
	double		supply;			/* sum S */
	double		demand;			/* sum D */
	double		coverage;		/* sum S / sum D */
	double		reference_ratio;	/* R */
	double		gap_index;		/* sum u / (R sum D) */
	double		shortfall;		/* sum u */
	double		surplus;		/* sum v */
	unsigned	defined;		/* CG_HAS_* bits */
} cg_gap_summary;

/* Result of one unit against a reference. */
typedef struct cg_unit_gap
{
	double		coverage;
	double		relative_coverage;
	double		gap;
	double		shortfall;
	double		surplus;
	unsigned	defined;		/* CG_HAS_COVERAGE, CG_HAS_RELATIVE, CG_HAS_SHORTFALL */
} cg_unit_gap;

/* Validate one row (supply, demand); *bad names the failing argument. */
cg_status	cg_gap_check_row(double supply, double demand, cg_gap_arg *bad);

/*
 * Copy n interleaved rows src[2i] = S_i, src[2i+1] = D_i into dst (which may
 * be src) and validate them in the same pass; *bad_row is the first bad one.
 */
cg_status	cg_gap_copy_rows(double *dst, const double *src, size_t n,
							 size_t *bad_row, cg_gap_arg *bad);

/* Validate a target ratio: finite and > 0. */
cg_status	cg_gap_check_target(double target);

/*
 * Summarize rows stored as interleaved pairs v[2i] = S_i, v[2i+1] = D_i
 * (already validated) in nc chunks, against the pooled reference.
 */
cg_status	cg_gap_pooled_chunks(const cg_pair_chunk *c, size_t nc,
								 cg_gap_summary *out);

/* The same for one contiguous run of n pairs. */
cg_status	cg_gap_pooled(const double *v, size_t n, cg_gap_summary *out);

/*
 * Evaluate one unit against the reference R = ref_num / ref_den (pooled:
 * sum S / sum D; target: tau / 1; ref_den > 0); has_ref = 0 when R is
 * undefined.  CG_E_OVERFLOW when a result is out of the double range.
 */
cg_status	cg_gap_unit(double supply, double demand, double ref_num,
						double ref_den, int has_ref, cg_unit_gap *out);

/*
 * Fixed-size running state of the target-referenced form, a float8[] in SQL.
 * Sums are Neumaier pairs (hi, lo); counts are exact below 2^53.
 */
enum
{
	CG_TS_UNITS = 0,
	CG_TS_TARGET,
	CG_TS_SUPPLY,
	CG_TS_SUPPLY_LO,
	CG_TS_DEMAND,
	CG_TS_DEMAND_LO,
	CG_TS_SHORT,
	CG_TS_SHORT_LO,
	CG_TS_SURPLUS,
	CG_TS_SURPLUS_LO,
	CG_TS_UNITS_SHORT,
	CG_TS_UNITS_NO_DEMAND,
	CG_TS_LEN
};

/* Add one row to a target state; validates the row and the target. */
cg_status	cg_gap_target_add(double *st, double supply, double demand,
							  double target, cg_gap_arg *bad);

/* Merge target state b into a. */
cg_status	cg_gap_target_merge(double *a, const double *b);

/* Check that a target state is well formed (counts whole, sums sane). */
cg_status	cg_gap_target_validate(const double *st);

/* Summarize a target state (units > 0 expected; 0 gives units = 0). */
cg_status	cg_gap_target_summary(const double *st, cg_gap_summary *out);

/*
 * Need-weighted demand D = sum_k a_k N_k over k classes (counts N_k >= 0,
 * weights a_k >= 0, all finite).  *bad_index is the failing position.
 */
cg_status	cg_need_demand(const double *counts, const double *weights,
						   size_t k, double *out, size_t *bad_index);

#endif							/* CG_GAP_H */
