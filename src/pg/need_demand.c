/*
 * need_demand.c — need-weighted demand D = sum_k a_k N_k.
 *
 * need_demand(counts float8[], weights float8[]): one unit, wide form.
 * need_demand_agg(people, weight) aggregate: long form, one row per need class
 * (people by municipality and class joined to the class weights), with a
 * float8[3] state {rows, sum, compensation}.
 */
#include "cg_pg.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/lsyscache.h"

#include "../kernel/cg_gap.h"
#include "../kernel/cg_sum.h"

PG_FUNCTION_INFO_V1(cg_need_demand_arrays);
PG_FUNCTION_INFO_V1(cg_need_demand_trans);
PG_FUNCTION_INFO_V1(cg_need_demand_combine);
PG_FUNCTION_INFO_V1(cg_need_demand_final);

#define ND_LEN 3
#define NEED_HINT "Counts of people and need weights must be finite and not negative."

/* Elements of a one-dimensional float8[] without NULLs; name for errors. */
static double *
array_values(ArrayType *arr, const char *name, int *n)
{
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name)));
	if (array_contains_nulls(arr))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not contain NULLs", name)));
	*n = ARR_NDIM(arr) == 0 ? 0 : ARR_DIMS(arr)[0];
	return (double *) ARR_DATA_PTR(arr);
}

/* need_demand(counts float8[], weights float8[]) returns float8. */
Datum
cg_need_demand_arrays(PG_FUNCTION_ARGS)
{
	ArrayType  *ca = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *wa = PG_GETARG_ARRAYTYPE_P(1);
	int			nc,
				nw;
	double	   *c = array_values(ca, "counts", &nc);
	double	   *w = array_values(wa, "weights", &nw);
	double		out;
	size_t		bad;
	cg_status	st;

	if (nc != nw)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("counts and weights must have the same length"),
				 errdetail("counts has %d elements, weights has %d.", nc, nw)));
	st = cg_need_demand(c, w, (size_t) nc, &out, &bad);
	if (st == CG_E_OVERFLOW)
		cg_report(st, "need_demand", NAN, NULL);
	if (st != CG_OK)
	{
		bool		in_counts = cg_check_nonneg(c[bad]) != CG_OK;
		char		what[64];

		snprintf(what, sizeof(what), "%s[%zu]", in_counts ? "counts" : "weights",
				 bad + 1);
		cg_report(st, what, in_counts ? c[bad] : w[bad], NEED_HINT);
	}
	PG_RETURN_FLOAT8(out);
}

/* need_demand_agg_trans(float8[], people, weight): add people * weight. */
Datum
cg_need_demand_trans(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(1);
	double		w = PG_GETARG_FLOAT8(2);
	double	   *st;
	ArrayType  *arr;
	cg_status	rc;

	if ((rc = cg_check_nonneg(p)) != CG_OK)
		cg_report(rc, "people", p, NEED_HINT);
	if ((rc = cg_check_nonneg(w)) != CG_OK)
		cg_report(rc, "weight", w, NEED_HINT);
	arr = cg_state_arg(fcinfo, 0, ND_LEN, "need_demand_agg_trans", &st, NULL);
	st[0] += 1.0;
	cg_psum_add(&st[1], &st[2], p * w);
	PG_RETURN_ARRAYTYPE_P(arr);
}

/* need_demand_agg_combine(float8[], float8[]). */
Datum
cg_need_demand_combine(PG_FUNCTION_ARGS)
{
	double	   *sa,
			   *sb;
	ArrayType  *a = cg_state_arg(fcinfo, 0, ND_LEN, "need_demand_agg_combine", &sa, NULL);

	sb = cg_state_data(PG_GETARG_ARRAYTYPE_P(1), ND_LEN, "need_demand_agg_combine");
	sa[0] += sb[0];
	cg_nsum_merge(&sa[1], &sa[2], sb[1], sb[2]);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* need_demand_agg_final(float8[]): NULL for no rows. */
Datum
cg_need_demand_final(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	double	   *st = cg_state_data(arr, ND_LEN, "need_demand_agg_final");
	double		v;

	if (st[0] == 0.0)
		PG_RETURN_NULL();
	v = cg_nsum_value(st[1], st[2]);
	if (!isfinite(v))
		cg_report(CG_E_OVERFLOW, "need_demand", NAN, NULL);
	if (v < 0.0)
		cg_report(CG_E_CORRUPT, "need_demand", NAN, NULL);
	PG_RETURN_FLOAT8(v);
}
