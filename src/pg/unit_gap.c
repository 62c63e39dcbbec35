/*
 * unit_gap.c — the unit_gap window functions.
 *
 * unit_gap(supply, demand) OVER w: on the first row of a partition, one pass
 * over the partition gives the pooled ratio R = sum S / sum D (rows with a
 * NULL are left out); it is kept in partition-local memory and every row is
 * answered from its own (S, D) against R.
 *
 * unit_gap(supply, demand, target) OVER w: R is the row's target; no pass
 * over the partition is needed.
 */
#include "cg_pg.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "windowapi.h"

#include "../kernel/cg_gap.h"
#include "../kernel/cg_sum.h"

PG_FUNCTION_INFO_V1(cg_unit_gap_pooled);
PG_FUNCTION_INFO_V1(cg_unit_gap_target);

#define VALUE_HINT "Supply and demand are amounts of care and of people in need: finite and not negative."
#define TARGET_HINT "The target is units of care per unit of demand, e.g. 0.05 beds per person aged 65+."

/* What the first row of a partition computes for the others. */
typedef struct PartitionRef
{
	bool		ready;
	bool		has_ref;
	double		supply;			/* R = supply / demand */
	double		demand;
	double		ref;
} PartitionRef;

/* Check one row; raise the error naming the argument. */
static void
check_row(double s, double d)
{
	cg_gap_arg	bad;
	cg_status	st = cg_gap_check_row(s, d, &bad);

	if (st != CG_OK)
		cg_report(st, bad == CG_ARG_SUPPLY ? "supply" : "demand",
				  bad == CG_ARG_SUPPLY ? s : d, VALUE_HINT);
}

/* Build the unit_gap_result composite. */
static Datum
unit_datum(FunctionCallInfo fcinfo, const cg_unit_gap *u, bool has_ref, double ref)
{
	TupleDesc	tupdesc = cg_result_tupdesc(fcinfo);
	Datum		values[6];
	bool		nulls[6];

	values[0] = Float8GetDatum(u->coverage);
	values[1] = Float8GetDatum(u->relative_coverage);
	values[2] = Float8GetDatum(u->gap);
	values[3] = Float8GetDatum(u->shortfall);
	values[4] = Float8GetDatum(u->surplus);
	values[5] = Float8GetDatum(ref);
	nulls[0] = !(u->defined & CG_HAS_COVERAGE);
	nulls[1] = nulls[2] = !(u->defined & CG_HAS_RELATIVE);
	nulls[3] = nulls[4] = !(u->defined & CG_HAS_SHORTFALL);
	nulls[5] = !has_ref;
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* One pass over the partition: pooled ratio of the rows without NULLs. */
static void
compute_reference(WindowObject winobj, PartitionRef *pr)
{
	double		s_hi = 0.0,
				s_lo = 0.0,
				d_hi = 0.0,
				d_lo = 0.0;
	double		supply,
				demand;
	int64		pos;

	for (pos = 0;; pos++)
	{
		bool		snull,
					dnull,
					isout;
		Datum		sd,
					dd;

		CHECK_FOR_INTERRUPTS();
		sd = WinGetFuncArgInPartition(winobj, 0, pos, WINDOW_SEEK_HEAD, false,
									  &snull, &isout);
		if (isout)
			break;
		dd = WinGetFuncArgInPartition(winobj, 1, pos, WINDOW_SEEK_HEAD, false,
									  &dnull, &isout);
		if (snull || dnull)
			continue;
		check_row(DatumGetFloat8(sd), DatumGetFloat8(dd));
		cg_psum_add(&s_hi, &s_lo, DatumGetFloat8(sd));
		cg_psum_add(&d_hi, &d_lo, DatumGetFloat8(dd));
	}
	supply = cg_nsum_value(s_hi, s_lo);
	demand = cg_nsum_value(d_hi, d_lo);
	if (!isfinite(supply) || !isfinite(demand))
		cg_report(CG_E_OVERFLOW, "unit_gap sum", NAN, NULL);
	pr->has_ref = demand > 0.0;
	pr->supply = supply;
	pr->demand = demand;
	pr->ref = pr->has_ref ? supply / demand : 0.0;
	pr->ready = true;
}

/* unit_gap(supply, demand) OVER w: against the partition's pooled ratio. */
Datum
cg_unit_gap_pooled(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionRef *pr;
	bool		snull,
				dnull;
	Datum		sd,
				dd;
	cg_unit_gap u;

	pr = (PartitionRef *) WinGetPartitionLocalMemory(winobj, sizeof(PartitionRef));
	if (!pr->ready)
		compute_reference(winobj, pr);
	sd = WinGetFuncArgCurrent(winobj, 0, &snull);
	dd = WinGetFuncArgCurrent(winobj, 1, &dnull);
	if (snull || dnull)
		PG_RETURN_NULL();
	/* already validated by the pass over the partition */
	if (cg_gap_unit(DatumGetFloat8(sd), DatumGetFloat8(dd), pr->supply,
					pr->demand, pr->has_ref, &u) != CG_OK)
		cg_report(CG_E_OVERFLOW, "unit_gap result", NAN, NULL);
	PG_RETURN_DATUM(unit_datum(fcinfo, &u, pr->has_ref, pr->ref));
}

/* unit_gap(supply, demand, target) OVER w: against the row's target. */
Datum
cg_unit_gap_target(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	bool		snull,
				dnull,
				tnull;
	Datum		sd,
				dd,
				td;
	double		t;
	cg_status	st;
	cg_unit_gap u;

	sd = WinGetFuncArgCurrent(winobj, 0, &snull);
	dd = WinGetFuncArgCurrent(winobj, 1, &dnull);
	td = WinGetFuncArgCurrent(winobj, 2, &tnull);
	if (snull || dnull || tnull)
		PG_RETURN_NULL();
	check_row(DatumGetFloat8(sd), DatumGetFloat8(dd));
	t = DatumGetFloat8(td);
	if ((st = cg_gap_check_target(t)) != CG_OK)
		cg_report(st, "target", t, TARGET_HINT);
	if (cg_gap_unit(DatumGetFloat8(sd), DatumGetFloat8(dd), t, 1.0, true, &u) != CG_OK)
		cg_report(CG_E_OVERFLOW, "unit_gap result", NAN, NULL);
	PG_RETURN_DATUM(unit_datum(fcinfo, &u, true, t));
}
