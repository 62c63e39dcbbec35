/*
 * gap_agg.c — the care_gap aggregates.
 *
 * care_gap(supply, demand): pooled reference R = sum S / sum D, known only
 * at the end, so the state keeps every (S, D) pair (16 bytes a row) in an
 * 'internal' state with combine, serialize and deserialize functions.
 *
 * care_gap(supply, demand, target): R = target is known per row, so the
 * state is a fixed float8[CG_TS_LEN] of compensated sums, updated in place,
 * combinable by addition (parallel query, Citus).
 */
#include "cg_pg.h"
#include "pairstate.h"

#include <float.h>
#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "../kernel/cg_gap.h"
#include "../kernel/cg_pairs.h"

PG_FUNCTION_INFO_V1(cg_care_gap_pooled_trans);
PG_FUNCTION_INFO_V1(cg_care_gap_pooled_combine);
PG_FUNCTION_INFO_V1(cg_care_gap_pooled_final);
PG_FUNCTION_INFO_V1(cg_care_gap_target_trans);
PG_FUNCTION_INFO_V1(cg_care_gap_target_combine);
PG_FUNCTION_INFO_V1(cg_care_gap_target_final);
PG_FUNCTION_INFO_V1(cg_hoover_trans);
PG_FUNCTION_INFO_V1(cg_hoover_final);

#define HOOVER_HINT "The Hoover index compares two non-negative distributions, such as supply and demand shares."
#define VALUE_HINT "Supply and demand are amounts of care and of people in need: finite and not negative."
#define TARGET_HINT "The target is units of care per unit of demand, e.g. 0.05 beds per person aged 65+."
static const char *
arg_name(cg_gap_arg a, bool hoover)
{
	switch (a)
	{
		case CG_ARG_SUPPLY:
			return hoover ? "a" : "supply";
		case CG_ARG_DEMAND:
			return hoover ? "b" : "demand";
		case CG_ARG_TARGET:
			return "target";
		default:
			return "argument";
	}
}

/* Raise the error of a failed row check. */
static pg_noinline CG_NORETURN void
report_row(cg_status st, cg_gap_arg bad, double s, double d, double t, bool hoover)
{
	double		v = bad == CG_ARG_SUPPLY ? s : bad == CG_ARG_DEMAND ? d : t;

	cg_report(st, arg_name(bad, hoover), v,
			  bad == CG_ARG_TARGET ? TARGET_HINT : hoover ? HOOVER_HINT : VALUE_HINT);
}

/* Copy-and-validate callback for deserialized (supply, demand) pairs. */
static cg_status
check_gap_pairs(double *dst, const double *src, size_t n)
{
	size_t		bad_row;
	cg_gap_arg	bad;

	return cg_gap_copy_rows(dst, src, n, &bad_row, &bad);
}

/* Build the care_gap_result composite from a summary. */
static Datum
summary_datum(FunctionCallInfo fcinfo, const cg_gap_summary *s, bool pooled)
{
	TupleDesc	tupdesc = cg_result_tupdesc(fcinfo);
	Datum		values[11];
	bool		nulls[11];
	bool		has_ref = (s->defined & CG_HAS_REFERENCE) != 0;
	bool		has_short = (s->defined & CG_HAS_SHORTFALL) != 0;

	values[0] = Int64GetDatum((int64) s->units);
	values[1] = Float8GetDatum(s->supply);
	values[2] = Float8GetDatum(s->demand);
	values[3] = Float8GetDatum(s->coverage);
	values[4] = Float8GetDatum(s->reference_ratio);
	values[5] = Float8GetDatum(s->gap_index);
	values[6] = Float8GetDatum(s->shortfall);
	values[7] = Float8GetDatum(s->surplus);
	values[8] = Int64GetDatum((int64) s->units_short);
	values[9] = Int64GetDatum((int64) s->units_no_demand);
	values[10] = CStringGetTextDatum(pooled ? "pooled" : "target");
	memset(nulls, 0, sizeof(nulls));
	nulls[3] = !(s->defined & CG_HAS_COVERAGE);
	nulls[4] = !has_ref;
	nulls[5] = !(s->defined & CG_HAS_GAP_INDEX);
	nulls[6] = nulls[7] = nulls[8] = !has_short;
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* Raise the error of a row (s, d) that failed cg_gap_check_row. */
static pg_noinline CG_NORETURN void
pooled_reject(double s, double d, bool hoover)
{
	cg_gap_arg	bad;
	cg_status	st = cg_gap_check_row(s, d, &bad);

	report_row(st == CG_OK ? CG_E_CORRUPT : st, bad, s, d, NAN, hoover);
}

/* Shared transition of care_gap(supply, demand) and hoover(a, b). */
static Datum
pooled_trans(FunctionCallInfo fcinfo, const char *fname, bool hoover)
{
	PairState  *ps = cg_xstate_arg0(fcinfo, &cg_gap_state_ops);
	double		s,
				d;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		CG_RETURN_XSTATE(ps);
	s = PG_GETARG_FLOAT8(1);
	d = PG_GETARG_FLOAT8(2);
	/* cg_gap_check_row's test, inline: 0 <= s, d < inf (NaN fails) */
	if (!(s >= 0.0 && s <= DBL_MAX && d >= 0.0 && d <= DBL_MAX))
		pooled_reject(s, d, hoover);
	if (ps == NULL)
		cg_agg_context(fcinfo, fname);	/* a clear error outside an aggregate */
	CG_RETURN_XSTATE(ps_append(fcinfo, &cg_gap_state_ops, ps, s, d));
}

/* care_gap_pooled_trans(agg_state, supply, demand): append one row. */
Datum
cg_care_gap_pooled_trans(PG_FUNCTION_ARGS)
{
	return pooled_trans(fcinfo, "care_gap_pooled_trans", false);
}

/* hoover_trans(agg_state, a, b): append one row. */
Datum
cg_hoover_trans(PG_FUNCTION_ARGS)
{
	return pooled_trans(fcinfo, "hoover_trans", true);
}

/*
 * care_gap_pooled_combine(agg_state, agg_state): merge b into a, taking over
 * the chunks of a state just read instead of copying them.
 */
Datum
cg_care_gap_pooled_combine(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = cg_agg_context(fcinfo, "care_gap_pooled_combine");
	PairState  *a = cg_xstate_get(fcinfo, 0, &cg_gap_state_ops);

	CG_RETURN_XSTATE(ps_combine_arg(fcinfo, ctx, a, &cg_gap_state_ops, 2, check_gap_pairs, "care_gap"));
}

static bytea *
gap_serialize(void *state, bool external)
{
	return ps_serialize((PairState *) state, "care_gap");
}

static void *
gap_deserialize(MemoryContext parent, const char *buf, Size len, bool external)
{
	return ps_read(parent, &cg_gap_state_ops, buf, len, 2, check_gap_pairs);
}

/* (supply, demand) rows: the pooled care gap and the Hoover index */
static void
gap_check(const char *buf, Size len)
{
	ps_check(&cg_gap_state_ops, buf, len, 2, check_gap_pairs);
}

const CgStateOps cg_gap_state_ops = {
	CG_SK_GAP, "care_gap", gap_serialize, gap_deserialize, false, ps_payload_size, ps_write_payload, gap_check
};

/* Kernel summary of a pooled state (NULL state: units = 0). */
static void
pooled_summary(FunctionCallInfo fcinfo, const char *fname, cg_gap_summary *sum)
{
	PairState  *ps;
	cg_status	st;

	cg_agg_context(fcinfo, fname);
	ps = cg_xstate_final(fcinfo, &cg_gap_state_ops);
	memset(sum, 0, sizeof(*sum));
	if (ps == NULL || ps->n == 0)
		return;
	CG_RUN_KERNEL(st, cg_gap_pooled_chunks(ps_chunks(ps), ps->nchunks, sum));
	if (st != CG_OK)
		cg_report(st, "care_gap sum", NAN, NULL);
}

/* care_gap_pooled_final(agg_state) returns care_gap_result; state untouched. */
Datum
cg_care_gap_pooled_final(PG_FUNCTION_ARGS)
{
	cg_gap_summary sum;

	pooled_summary(fcinfo, "care_gap_pooled_final", &sum);
	if (sum.units == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(summary_datum(fcinfo, &sum, true));
}

/*
 * hoover_final(agg_state) returns float8: 1/2 sum |a_i/A - b_i/B|, which is
 * the pooled gap index of a against b.  NULL when A or B is 0.
 */
Datum
cg_hoover_final(PG_FUNCTION_ARGS)
{
	cg_gap_summary sum;

	pooled_summary(fcinfo, "hoover_final", &sum);
	if (sum.units == 0 || !(sum.defined & CG_HAS_GAP_INDEX))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sum.gap_index);
}

/* Which argument the last failed target row got wrong (off the hot stack). */
static cg_gap_arg target_bad;

/* The state of a direct call (a copy) or of an unexpected shape (an error). */
static pg_noinline ArrayType *
target_state_copy(FunctionCallInfo fcinfo)
{
	double	   *st;

	return cg_state_arg(fcinfo, 0, CG_TS_LEN, "care_gap_target_trans", &st, NULL);
}

/*
 * care_gap_target_trans(float8[], supply, demand, target): add one row.
 * Inside an aggregate the state is updated in place with no call but the
 * kernel's; errors are raised out of line.
 */
Datum
cg_care_gap_target_trans(PG_FUNCTION_ARGS)
{
	double		s = PG_GETARG_FLOAT8(1);
	double		d = PG_GETARG_FLOAT8(2);
	double		t = PG_GETARG_FLOAT8(3);
	double	   *st;
	ArrayType  *arr = cg_array_arg(fcinfo, 0);
	cg_status	rc;

	if (ARR_NDIM(arr) == 1 && ARR_DIMS(arr)[0] == CG_TS_LEN && !ARR_HASNULL(arr) &&
		cg_in_aggregate(fcinfo))
		st = (double *) ARR_DATA_PTR(arr);
	else
	{
		arr = target_state_copy(fcinfo);
		st = (double *) ARR_DATA_PTR(arr);
	}
	if ((rc = cg_gap_target_add(st, s, d, t, &target_bad)) != CG_OK)
		report_row(rc, target_bad, s, d, t, false);
	PG_RETURN_ARRAYTYPE_P(arr);
}

/* care_gap_target_combine(float8[], float8[]): merge b into a. */
Datum
cg_care_gap_target_combine(PG_FUNCTION_ARGS)
{
	double	   *sa,
			   *sb;
	ArrayType  *a = cg_state_arg(fcinfo, 0, CG_TS_LEN, "care_gap_target_combine", &sa, NULL);
	cg_status	rc;

	sb = cg_state_data(PG_GETARG_ARRAYTYPE_P(1), CG_TS_LEN, "care_gap_target_combine");
	if (cg_gap_target_validate(sb) != CG_OK)
		cg_report(CG_E_CORRUPT, "care_gap", NAN, NULL);
	if ((rc = cg_gap_target_merge(sa, sb)) != CG_OK)
		cg_report(rc, "target", sb[CG_TS_TARGET], TARGET_HINT);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* care_gap_target_final(float8[]) returns care_gap_result. */
Datum
cg_care_gap_target_final(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	double	   *st = cg_state_data(arr, CG_TS_LEN, "care_gap_target_final");
	cg_gap_summary sum;
	cg_status	rc;

	rc = cg_gap_target_summary(st, &sum);
	if (rc == CG_E_CORRUPT)
		cg_report(rc, "care_gap", NAN, NULL);
	if (rc != CG_OK)
		cg_report(rc, "care_gap sum", NAN, NULL);
	if (sum.units == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(summary_datum(fcinfo, &sum, false));
}
