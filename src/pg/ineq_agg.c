/*
 * ineq_agg.c — moment-based inequality aggregates: theil_t, theil_l,
 * generalized_entropy, atkinson, cv; weighted and unweighted.
 *
 * The state is a float8[] (see cg_ineq.h) whose second element says which
 * measure it is; INITCOND of each aggregate sets it.  INITCOND is the
 * 11-element layout of version 1; the first row turns it into the version-3
 * layout of CG_IS_LEN elements, which can hold rows back for evaluation in
 * batches.  Stored states of versions 1 and 2 (caregap 0.2.0-0.3.0) are
 * converted when read.  Transitions update it in place inside an aggregate; combine
 * re-pivots and adds.  The same arrays are the storable partial states of
 * rollups (the *_state aggregates, ineq_merge and ineq_value), which accept
 * both layouts.
 */
#include "cg_pg.h"

#include <math.h>

#include "../kernel/cg_ineq.h"

PG_FUNCTION_INFO_V1(cg_ineq_trans_x);
PG_FUNCTION_INFO_V1(cg_ineq_trans_xw);
PG_FUNCTION_INFO_V1(cg_ineq_trans_xp);
PG_FUNCTION_INFO_V1(cg_ineq_trans_xwp);
PG_FUNCTION_INFO_V1(cg_ineq_combine);
PG_FUNCTION_INFO_V1(cg_ineq_final);

static const char *
kind_name(double kind)
{
	switch ((int) kind)
	{
		case CG_IK_THEIL_T:
			return "theil_t";
		case CG_IK_THEIL_L:
			return "theil_l";
		case CG_IK_GE:
			return "generalized_entropy";
		case CG_IK_ATKINSON:
			return "atkinson";
		case CG_IK_CV:
			return "cv";
	}
	return "inequality";
}

/* The state array's doubles, after checking its shape: NULL if version 1. */
static double *
state_data(ArrayType *arr, const char *fname)
{
	if (ARR_NDIM(arr) != 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != FLOAT8OID ||
		(ARR_DIMS(arr)[0] != CG_IS_LEN && ARR_DIMS(arr)[0] != CG_IS_LEN_V1 &&
		 ARR_DIMS(arr)[0] != CG_IS_LEN_V2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: state must be a float8 array of %d, %d or %d elements without NULLs",
						fname, CG_IS_LEN_V1, CG_IS_LEN_V2, CG_IS_LEN),
				 errhint("A state comes from a caregap *_state aggregate or ineq_merge.")));
	return (double *) ARR_DATA_PTR(arr);
}

static void
report_corrupt(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid inequality state"),
			 errhint("A state comes from a caregap *_state aggregate or ineq_merge.")));
}

/*
 * Version-3 doubles of a state argument into buf (CG_IS_LEN doubles): a
 * state of version 1 or 2 is converted, a version-3 one validated and copied.
 */
static void
state_copy(ArrayType *arr, const char *fname, double *buf)
{
	const double *d = state_data(arr, fname);
	cg_status	rc;

	if ((rc = cg_ineq_upgrade(d, ARR_DIMS(arr)[0], buf)) != CG_OK)
	{
		if (rc == CG_E_CORRUPT)
			report_corrupt();
		cg_report(rc, kind_name(d[CG_IS_KIND]), NAN, NULL);
	}
}

/*
 * The state argument 0 of a transition or combine, to be updated in place:
 * inside an aggregate a version-3 state is ours (made by an earlier call);
 * otherwise (INITCOND's version 1, or a direct call) a new version-3 array.
 * *fresh says which; a fresh state has been validated.
 */
static ArrayType *
state_arg(FunctionCallInfo fcinfo, const char *fname, double **st)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *out;
	double	   *d = state_data(arr, fname);

	if (ARR_DIMS(arr)[0] == CG_IS_LEN && d[CG_IS_VERSION] == CG_IS_VERSION_3 &&
		AggCheckCallContext(fcinfo, NULL))
	{
		*st = d;
		return arr;
	}
	out = (ArrayType *) palloc(ARR_OVERHEAD_NONULLS(1) + sizeof(double) * CG_IS_LEN);
	SET_VARSIZE(out, ARR_OVERHEAD_NONULLS(1) + sizeof(double) * CG_IS_LEN);
	out->ndim = 1;
	out->dataoffset = 0;
	out->elemtype = FLOAT8OID;
	ARR_DIMS(out)[0] = CG_IS_LEN;
	ARR_LBOUND(out)[0] = 1;
	*st = (double *) ARR_DATA_PTR(out);
	state_copy(arr, fname, *st);
	return out;
}

/* Raise the error of a failed row. */
static CG_NORETURN void
report_row(cg_status st, cg_ineq_arg bad, const double *s, double x, double w,
		   double p)
{
	const char *what;
	double		v;
	int			kind = (int) s[CG_IS_KIND];

	switch (bad)
	{
		case CG_IA_W:
			what = "weight";
			v = w;
			break;
		case CG_IA_PARAM:
			what = kind == CG_IK_ATKINSON ? "epsilon" : "alpha";
			v = p;
			break;
		default:
			if (st == CG_E_NONPOSITIVE)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s requires x > 0: ln(0) and 0 to a negative power are undefined",
								kind_name(kind)),
						 errhint("Theil L, GE(alpha <= 0) and Atkinson(epsilon >= 1) are undefined when a unit has x = 0; use theil_t, or GE/Atkinson with a smaller parameter, or leave such units out.")));
			what = "x";
			v = x;
			break;
	}
	cg_report(st, what, v,
			  bad == CG_IA_W ? "Weights are people in need or another positive amount."
			  : bad == CG_IA_PARAM ? (kind == CG_IK_ATKINSON ? "epsilon is the inequality aversion, a finite number >= 0 (0.5, 1 and 2 are usual)."
									  : "alpha is a finite number (0 gives Theil L, 1 Theil T, 2 half the squared CV).")
			  : "Inequality measures take finite values >= 0.");
}

/* Which argument the last failed row got wrong (kept off the hot stack). */
static cg_ineq_arg row_bad;

/* Raise the error of cg_ineq_add's status rc. */
static pg_noinline CG_NORETURN void
ineq_fail(cg_status rc, const double *st, double x, double w, double p)
{
	if (rc == CG_E_CORRUPT)
		report_corrupt();
	report_row(rc, row_bad, st, x, w, p);
	pg_unreachable();
}

/* A row with a state to convert (INITCOND) or copy (a direct call). */
static pg_noinline Datum
ineq_trans_copy(FunctionCallInfo fcinfo, double x, double w, double p)
{
	double	   *st;
	ArrayType  *arr = state_arg(fcinfo, "inequality transition", &st);
	cg_status	rc;

	if ((rc = cg_ineq_add(st, x, w, p, &row_bad)) != CG_OK)
		ineq_fail(rc, st, x, w, p);
	PG_RETURN_ARRAYTYPE_P(arr);
}

/*
 * Shared transition: x, optional weight, optional parameter.  Inside an
 * aggregate a version-3 state is ours (made by an earlier call) and is
 * updated in place; the usual row is held back in a few tests, no call.
 */
static inline Datum
ineq_trans(FunctionCallInfo fcinfo, double x, double w, double p)
{
	ArrayType  *arr = cg_array_arg(fcinfo, 0);
	double	   *st;
	cg_status	rc;

	if (!(ARR_NDIM(arr) == 1 && ARR_DIMS(arr)[0] == CG_IS_LEN && !ARR_HASNULL(arr) &&
		  cg_in_aggregate(fcinfo) && ((double *) ARR_DATA_PTR(arr))[CG_IS_VERSION] == CG_IS_VERSION_3))
		return ineq_trans_copy(fcinfo, x, w, p);
	st = (double *) ARR_DATA_PTR(arr);
	if (!cg_ineq_hold(st, x, w, p) &&
		(rc = cg_ineq_add(st, x, w, p, &row_bad)) != CG_OK)
		ineq_fail(rc, st, x, w, p);
	PG_RETURN_ARRAYTYPE_P(arr);
}

/* ineq_trans(float8[], x): unweighted, no parameter. */
Datum
cg_ineq_trans_x(PG_FUNCTION_ARGS)
{
	return ineq_trans(fcinfo, PG_GETARG_FLOAT8(1), 1.0, 0.0);
}

/* ineq_trans(float8[], x, w): weighted, no parameter. */
Datum
cg_ineq_trans_xw(PG_FUNCTION_ARGS)
{
	return ineq_trans(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2), 0.0);
}

/* ineq_trans_p(float8[], x, param): unweighted with alpha or epsilon. */
Datum
cg_ineq_trans_xp(PG_FUNCTION_ARGS)
{
	return ineq_trans(fcinfo, PG_GETARG_FLOAT8(1), 1.0, PG_GETARG_FLOAT8(2));
}

/* ineq_trans_p(float8[], x, w, param): weighted with alpha or epsilon. */
Datum
cg_ineq_trans_xwp(PG_FUNCTION_ARGS)
{
	return ineq_trans(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
					  PG_GETARG_FLOAT8(3));
}

/*
 * ineq_combine(float8[], float8[]): merge b into a.  Also the transition of
 * ineq_merge(state), which merges stored partial states.
 */
Datum
cg_ineq_combine(PG_FUNCTION_ARGS)
{
	double	   *sa,
				sb[CG_IS_LEN];
	ArrayType  *a = state_arg(fcinfo, "ineq_combine", &sa);
	cg_status	rc;

	state_copy(PG_GETARG_ARRAYTYPE_P(1), "ineq_combine", sb);
	rc = cg_ineq_merge(sa, sb);
	if (rc == CG_E_MISMATCH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge %s states with different parameters (%g and %g)",
						kind_name(sa[CG_IS_KIND]), sa[CG_IS_PARAM], sb[CG_IS_PARAM])));
	if (rc == CG_E_CORRUPT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge these inequality states"),
				 errdetail("Both must be valid states of the same measure (here %s and %s).",
						   kind_name(sa[CG_IS_KIND]), kind_name(sb[CG_IS_KIND]))));
	if (rc != CG_OK)
		cg_report(rc, kind_name(sa[CG_IS_KIND]), NAN, NULL);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* ineq_final(float8[]) returns float8: the measure, NULL when undefined. */
Datum
cg_ineq_final(PG_FUNCTION_ARGS)
{
	double		st[CG_IS_LEN];
	double		v;
	int			defined;
	cg_status	rc;

	state_copy(PG_GETARG_ARRAYTYPE_P(0), "ineq_value", st);
	rc = cg_ineq_value(st, &v, &defined);
	if (rc == CG_E_CORRUPT)
		report_corrupt();
	if (rc != CG_OK)
		cg_report(rc, kind_name(st[CG_IS_KIND]), NAN, NULL);
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}
