/*
 * caregap.c — module magic and the helpers of cg_pg.h.
 */
#include "cg_pg.h"
#include "../kernel/cg_cancel.h"

#include <math.h>
#include <stdint.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "funcapi.h"
#include "utils/lsyscache.h"
#include "utils/fmgrprotos.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "access/htup_details.h"
#include "utils/typcache.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* The kernels' cancel hook: is an interrupt (cancel, timeout, die) pending? */
static int
interrupt_pending(void)
{
	/*
	 * Only an interrupt that CHECK_FOR_INTERRUPTS can service now: with
	 * interrupts held off, a kernel that stopped would only be called again.
	 */
	return InterruptPending && INTERRUPTS_CAN_BE_PROCESSED() ? 1 : 0;
}

/* Module load: let long kernel loops stop when an interrupt is pending. */
void
_PG_init(void)
{
	cg_cancel_hook = interrupt_pending;
}

/* Error text "... The value was X." only for a meaningful value. */
static int
value_detail(double value)
{
	if (isnan(value))
		return 0;
	return errdetail("The value was %g.", value);
}

void
cg_report(cg_status st, const char *what, double value, const char *hint)
{
	switch (st)
	{
		case CG_OK:
			elog(ERROR, "cg_report called without an error");
			break;
		case CG_E_NEGATIVE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be negative", what),
					 value_detail(value),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_NAN:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be NaN", what),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_INFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s must be finite", what),
					 value_detail(value),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_NONPOSITIVE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be positive", what),
					 value_detail(value),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be the same for every row of a group", what),
					 value_detail(value),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s is out of range for type double precision", what),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_LENGTH:
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: arrays must have the same length", what),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_NOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory in %s", what)));
			break;
		case CG_E_CORRUPT:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("invalid %s state", what),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_CANCELED:
			/*
			 * A kernel stopped for an interrupt.  CG_RUN_KERNEL services it;
			 * should a call reach here instead, service it now, and if it
			 * did not raise, stop the statement as canceled all the same.
			 */
			CHECK_FOR_INTERRUPTS();
			ereport(ERROR,
					(errcode(ERRCODE_QUERY_CANCELED),
					 errmsg("canceling statement: %s stopped for an interrupt", what)));
			break;
		case CG_E_TOO_LARGE:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s state is too large", what),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: duplicate link", what),
					 hint ? errhint("%s", hint) : 0));
			break;
		case CG_E_SELF_LINK:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: a unit linked to itself", what),
					 hint ? errhint("%s", hint) : 0));
			break;
	}
	elog(ERROR, "unknown caregap status %d", (int) st);
}

double *
cg_state_data(ArrayType *arr, int len, const char *fname)
{
	if (ARR_NDIM(arr) != 1 || ARR_DIMS(arr)[0] != len ||
		ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != FLOAT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: state must be a float8 array of %d elements without NULLs",
						fname, len),
				 errhint("This is an aggregate support function; call the aggregate instead.")));
	return (double *) ARR_DATA_PTR(arr);
}

ArrayType *
cg_float8_array(const double *v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * (n > 0 ? n : 1));
	int			i;

	for (i = 0; i < n; i++)
		d[i] = Float8GetDatum(v[i]);
	return construct_array(d, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						   TYPALIGN_DOUBLE);
}

ArrayType *
cg_state_arg(FunctionCallInfo fcinfo, int argno, int len, const char *fname,
			 double **data, bool *copied)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(argno);
	bool		in_agg = AggCheckCallContext(fcinfo, NULL);

	if (copied)
		*copied = !in_agg;
	if (!in_agg)
	{
		Size		sz = VARSIZE(arr);
		ArrayType  *copy = palloc(sz);

		memcpy(copy, arr, sz);
		arr = copy;
	}
	*data = cg_state_data(arr, len, fname);
	return arr;
}

TupleDesc
cg_result_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	return tupdesc;
}

#define HUGE_PAGE ((uintptr_t) 2 * 1024 * 1024)

void *
cg_alloc_large(MemoryContext ctx, Size size)
{
	void	   *p = MemoryContextAllocExtended(ctx, size, MCXT_ALLOC_HUGE);

#if defined(__linux__) && defined(MADV_HUGEPAGE)
	if (size >= 4 * HUGE_PAGE)
	{
		/* the whole 2 MB pages inside the block; failure is harmless */
		uintptr_t	lo = ((uintptr_t) p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		uintptr_t	hi = ((uintptr_t) p + size) & ~(HUGE_PAGE - 1);

		if (hi > lo)
			(void) madvise((void *) lo, hi - lo, MADV_HUGEPAGE);
	}
#endif
	return p;
}

int
cg_spi_run_read_only(const char *query, SPIPlanPtr plan, const SPIExecuteOptions *opt)
{
	/*
	 * transaction_read_only for the duration of the inner query.  Not through
	 * the GUC machinery: from PostgreSQL 17 it cannot be set locally within
	 * a function.  The flag is put back on every exit, error or not.
	 */
	bool		was = XactReadOnly;
	int			ret = 0;

	PG_TRY();
	{
		XactReadOnly = true;
		ret = plan != NULL ? SPI_execute_plan_extended(plan, opt) : SPI_execute(query, true, 0);
	}
	PG_FINALLY();
	{
		XactReadOnly = was;
	}
	PG_END_TRY();
	return ret;
}

/* A receiver that hands each row's slot to a caller's function. */
typedef struct slot_dest
{
	DestReceiver pub;
	cg_slot_startup startup;
	cg_slot_receive receive;
	void	   *arg;
} slot_dest;

static bool
slot_dest_receive(TupleTableSlot *slot, DestReceiver *self)
{
	slot_dest  *d = (slot_dest *) self;

	d->receive(slot, d->arg);
	return true;
}

static void
slot_dest_startup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
	slot_dest  *d = (slot_dest *) self;

	d->startup(typeinfo, d->arg);
}

static void
slot_dest_nothing(DestReceiver *self)
{
}

int
cg_spi_read_slots(SPIPlanPtr plan, cg_slot_startup startup, cg_slot_receive receive, void *arg)
{
	SPIExecuteOptions opt;
	slot_dest	dest;

	memset(&opt, 0, sizeof(opt));
	memset(&dest, 0, sizeof(dest));
	dest.pub.receiveSlot = slot_dest_receive;
	dest.pub.rStartup = slot_dest_startup;
	dest.pub.rShutdown = slot_dest_nothing;
	dest.pub.rDestroy = slot_dest_nothing;
	dest.pub.mydest = DestNone;
	dest.startup = startup;
	dest.receive = receive;
	dest.arg = arg;
	opt.read_only = true;
	opt.dest = &dest.pub;
	return cg_spi_run_read_only(NULL, plan, &opt);
}

void
cg_spi_read(const char *q, const char *fname, const char *what)
{
	int			ret = cg_spi_run_read_only(q, NULL, NULL);

	if (ret != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the %s query must be a SELECT", fname, what)));
}

bool
cg_number_type_ok(Oid type)
{
	return type == FLOAT8OID || type == FLOAT4OID || type == INT2OID || type == INT4OID ||
		type == INT8OID || type == NUMERICOID;
}

double
cg_number_datum(Datum d, Oid type)
{
	switch (type)
	{
		case FLOAT8OID:
			return DatumGetFloat8(d);
		case FLOAT4OID:
			return (double) DatumGetFloat4(d);
		case INT2OID:
			return (double) DatumGetInt16(d);
		case INT4OID:
			return (double) DatumGetInt32(d);
		case INT8OID:
			return (double) DatumGetInt64(d);
		case NUMERICOID:
			return DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
	}
	elog(ERROR, "cg_number_datum: type %u is not a number type", type);
	return 0.0;					/* not reached */
}

bool
cg_deform_row(HeapTupleHeader th, int natts, const Oid *types, Datum *v, bool *nl)
{
	TupleDesc	td = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(th), HeapTupleHeaderGetTypMod(th));
	HeapTupleData tup;
	bool		ok = td->natts == natts;
	int			k;

	for (k = 0; ok && k < natts; k++)
		ok = TupleDescAttr(td, k)->atttypid == types[k] && !TupleDescAttr(td, k)->attisdropped;
	if (ok)
	{
		tup.t_len = HeapTupleHeaderGetDatumLength(th);
		ItemPointerSetInvalid(&tup.t_self);
		tup.t_tableOid = InvalidOid;
		tup.t_data = th;
		heap_deform_tuple(&tup, td, v, nl);
	}
	ReleaseTupleDesc(td);
	return ok;
}

/*
 * Are the aggregate's arguments from position 'first' on (0-based, the
 * state not counted) constants or parameters, the same on every row?
 * Cached per call site in fn_extra (the caller must not use it otherwise).
 * The arguments are read from the Aggref: the transition function's own
 * expression has placeholders for every argument (so get_fn_expr_arg_stable
 * never says yes there).  Called by another aggregate (Citus's
 * worker_partial_agg passes our arguments in a row of its own) the Aggref is
 * not ours: its argument count differs, and the answer is no.
 */
bool
cg_agg_args_stable(FunctionCallInfo fcinfo, int first)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		bool		stable = true;
		Aggref	   *ag = AggGetAggref(fcinfo);
		ListCell   *lc;
		int			a = 0;

		if (ag == NULL || list_length(ag->args) != PG_NARGS() - 1)
			stable = false;
		else
			foreach(lc, ag->args)
			{
				Expr	   *e = ((TargetEntry *) lfirst(lc))->expr;

				if (a++ >= first)
					stable = stable && (IsA(e, Const) ||
										(IsA(e, Param) && ((Param *) e)->paramkind == PARAM_EXTERN));
			}
		fcinfo->flinfo->fn_extra = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, 1);
		*(char *) fcinfo->flinfo->fn_extra = stable ? 's' : 'v';
	}
	return *(char *) fcinfo->flinfo->fn_extra == 's';
}

/*
 * Scratch buffers kept for the session, so that the permutation kernels of
 * the window functions do not take fresh pages (and their page faults) on
 * every statement: 2 slots, each at most CG_SCRATCH_KEEP bytes retained in
 * TopMemoryContext (larger requests are ordinary allocations of the current
 * context).  A slot serves one kernel call at a time: the kernels run no SQL,
 * so nothing else uses the slot meanwhile.
 */
#define CG_SCRATCH_KEEP ((Size) 16 * 1024 * 1024)

void *
cg_scratch(int slot, Size size)
{
	static void *buf[2];
	static Size len[2];

	Assert(slot >= 0 && slot < 2);
	if (size > CG_SCRATCH_KEEP)
		return cg_alloc_large(CurrentMemoryContext, size);
	if (len[slot] < size)
	{
		if (buf[slot] != NULL)
			pfree(buf[slot]);
		buf[slot] = NULL;
		len[slot] = 0;
		buf[slot] = MemoryContextAlloc(TopMemoryContext, size);
		len[slot] = size;
	}
	return buf[slot];
}
