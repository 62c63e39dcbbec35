/*
 * ineq_agg.c — moment-based inequality aggregates: theil_t, theil_l,
 * generalized_entropy, atkinson, cv; weighted and unweighted.
 *
 * The state is a float8[CG_IS_LEN] (see cg_ineq.h) whose second element says
 * which measure it is; INITCOND of each aggregate sets it.  Transitions update
 * it in place inside an aggregate; combine re-pivots and adds.  The same
 * arrays are the storable partial states of rollups (the *_state aggregates,
 * ineq_merge and ineq_value).
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

/* Raise the error of a failed row. */
static void
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

/* Shared transition: x, optional weight, optional parameter. */
static Datum
ineq_trans(FunctionCallInfo fcinfo, double x, double w, double p)
{
	double	   *st;
	bool		copied;
	ArrayType  *arr = cg_state_arg(fcinfo, 0, CG_IS_LEN, "inequality transition", &st,
								   &copied);
	cg_ineq_arg bad;
	cg_status	rc;

	/* inside an aggregate the state is ours (INITCOND, then transitions) */
	if (copied && cg_ineq_validate(st) != CG_OK)
		cg_report(CG_E_CORRUPT, "inequality", NAN, NULL);
	if ((rc = cg_ineq_add(st, x, w, p, &bad)) != CG_OK)
		report_row(rc, bad, st, x, w, p);
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
			   *sb;
	ArrayType  *a = cg_state_arg(fcinfo, 0, CG_IS_LEN, "ineq_combine", &sa, NULL);
	cg_status	rc;

	sb = cg_state_data(PG_GETARG_ARRAYTYPE_P(1), CG_IS_LEN, "ineq_combine");
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
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	double	   *st = cg_state_data(arr, CG_IS_LEN, "ineq_value");
	double		v;
	int			defined;
	cg_status	rc = cg_ineq_value(st, &v, &defined);

	if (rc == CG_E_CORRUPT)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid inequality state"),
				 errhint("A state comes from a caregap *_state aggregate or ineq_merge.")));
	if (rc != CG_OK)
		cg_report(rc, kind_name(st[CG_IS_KIND]), NAN, NULL);
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}
