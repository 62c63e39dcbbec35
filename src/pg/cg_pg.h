/*
 * cg_pg.h — helpers shared by caregap's PostgreSQL glue.
 *
 * The glue turns SQL arguments into C values, calls a kernel from
 * src/kernel, and maps its cg_status to an ereport with a SQLSTATE.
 */
#ifndef CG_PG_H
#define CG_PG_H

#include "postgres.h"
#include "cg_compat.h"
#include "fmgr.h"
#include "access/htup_details.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/array.h"

#include "../kernel/cg_status.h"

/*
 * Raise the error for a kernel status.  'what' names the argument or the
 * quantity ("supply", "target"); 'value' is shown in the detail when it is
 * meaningful (pass NAN otherwise); 'hint' may be NULL.
 */
extern CG_NORETURN void cg_report(cg_status st, const char *what, double value,
								   const char *hint);

/*
 * Run a kernel call that may stop for a pending interrupt (CG_E_CANCELED):
 * service the interrupt (a cancel raises) and call it again if it returns.
 */
#define CG_RUN_KERNEL(st, call) \
	do { (st) = (call); if ((st) == CG_E_CANCELED) CHECK_FOR_INTERRUPTS(); } \
	while ((st) == CG_E_CANCELED)

/*
 * Check a float8[] aggregate state of 'len' elements passed to 'fname' and
 * return its data.  A state of the wrong shape raises an error: it can only
 * come from a direct call of a support function with a hand-made array.
 */
extern double *cg_state_data(ArrayType *arr, int len, const char *fname);

/*
 * Per-row helpers of the transition functions, inline: what
 * AggCheckCallContext(fcinfo, NULL) != 0 and PG_GETARG_ARRAYTYPE_P(argno)
 * give, without a function call for the usual case.
 */
static inline bool
cg_in_aggregate(FunctionCallInfo fcinfo)
{
	return fcinfo->context != NULL &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState));
}

static inline ArrayType *
cg_array_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(argno));

	return VARATT_IS_EXTENDED(v) ? DatumGetArrayTypeP(PG_GETARG_DATUM(argno)) : (ArrayType *) v;
}

/* Build a one-dimensional float8[] from n doubles. */
extern ArrayType *cg_float8_array(const double *v, int n);

/*
 * The float8[] state in argument argno, ready to update: in place inside an
 * aggregate (core's float8_accum does the same), a copy otherwise; checked
 * to have len elements.  *data points at its elements; *copied (if not
 * NULL) says whether it is a copy, i.e. the call came from outside an
 * aggregate with a state that may be hand-made.
 */
extern ArrayType *cg_state_arg(FunctionCallInfo fcinfo, int argno, int len,
							   const char *fname, double **data, bool *copied);

/*
 * A scratch buffer of at least size bytes kept for the session (slot 0 or 1;
 * at most 16 MB a slot retained), for one kernel call's work space.
 */
extern void *cg_scratch(int slot, Size size);

/*
 * Are an aggregate's arguments from 'first' on (0-based, the state not
 * counted) constants or parameters?  Cached in fn_extra (caregap.c).
 */
extern bool cg_agg_args_stable(FunctionCallInfo fcinfo, int first);

/*
 * Tuple descriptor of the composite the function returns, blessed and
 * cached in fn_extra for the life of the call site.
 */
extern TupleDesc cg_result_tupdesc(FunctionCallInfo fcinfo);

/*
 * The fields of a row-typed value into v and nl, if its type has exactly
 * natts live fields of the given types; false (nothing written) otherwise.
 */
extern bool cg_deform_row(HeapTupleHeader th, int natts, const Oid *types, Datum *v, bool *nl);

/*
 * palloc 'size' bytes (huge allowed) in ctx for a large buffer that is about
 * to be written from start to end.  On Linux, buffers of several MB are
 * advised to the kernel as transparent-huge-page candidates: a 160 MB state
 * then takes some 80 page faults instead of 40,000.  The memory is ordinary
 * palloc'd memory (accounted to ctx, freed with it); the advice is only a
 * hint and is skipped where the platform has none.
 */
extern void *cg_alloc_large(MemoryContext ctx, Size size);

/*
 * Inner queries (a weights relation, units, points, costs) run through SPI
 * with read_only (the caller's snapshot, no command counter increment:
 * a statement that is not a SELECT is refused) and with the transaction
 * read-only for their duration (XactReadOnly, put back on any exit), so that
 * even a volatile function they call cannot write a permanent table or a
 * sequence (25006); temporary tables stay writable, as in any READ ONLY
 * transaction.  They run as the caller, with the caller's privileges.
 *
 * cg_spi_run_read_only runs the plan with opt (opt->read_only set by the
 * caller) or, with plan NULL, the query text; it returns SPI's code.
 */
struct _SPI_plan;
struct SPIExecuteOptions;
extern int	cg_spi_run_read_only(const char *query, struct _SPI_plan *plan,
								 const struct SPIExecuteOptions *opt);

/*
 * Number columns of inner queries: double precision, real, smallint, integer,
 * bigint or numeric, read as double precision (a numeric beyond double is
 * 22003).  cg_number_type_ok says whether a column type is one of them.
 */
extern bool cg_number_type_ok(Oid type);
extern double cg_number_datum(Datum d, Oid type);

/* Run query q (connected to SPI) as above; 'what' names it in the error when it is not a SELECT. */
extern void cg_spi_read(const char *q, const char *fname, const char *what);

/*
 * Run plan (connected to SPI) as above, its rows never held as a result:
 * startup(tupdesc, arg) sees the columns the executor is about to send (it
 * may refuse them with an error), then receive(slot, arg) each row's slot.
 * Returns SPI's code: SPI_OK_UTILITY for a SELECT, as its rows went to the
 * receiver.
 */
typedef void (*cg_slot_startup) (TupleDesc tupdesc, void *arg);
typedef void (*cg_slot_receive) (TupleTableSlot *slot, void *arg);
extern int	cg_spi_read_slots(struct _SPI_plan *plan, cg_slot_startup startup,
							  cg_slot_receive receive, void *arg);

#endif							/* CG_PG_H */
