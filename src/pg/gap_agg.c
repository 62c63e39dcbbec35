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

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "../kernel/cg_gap.h"
#include "../kernel/cg_pairs.h"

PG_FUNCTION_INFO_V1(cg_care_gap_pooled_trans);
PG_FUNCTION_INFO_V1(cg_care_gap_pooled_combine);
PG_FUNCTION_INFO_V1(cg_care_gap_pooled_serial);
PG_FUNCTION_INFO_V1(cg_care_gap_pooled_deserial);
PG_FUNCTION_INFO_V1(cg_care_gap_pooled_final);
PG_FUNCTION_INFO_V1(cg_care_gap_target_trans);
PG_FUNCTION_INFO_V1(cg_care_gap_target_combine);
PG_FUNCTION_INFO_V1(cg_care_gap_target_final);

#define VALUE_HINT "Supply and demand are amounts of care and of people in need: finite and not negative."
#define TARGET_HINT "The target is units of care per unit of demand, e.g. 0.05 beds per person aged 65+."
#define FIRST_CHUNK_PAIRS 64
#define MAX_CHUNK_PAIRS (1024 * 1024)	/* 16 MB */

/*
 * (supply, demand) pairs in a list of chunks in the aggregate context.
 * Appending never moves data (no repalloc copies), and combine links the
 * chunks of a deserialized state instead of copying them.
 */
typedef struct PairChunk
{
	struct PairChunk *next;
	Size		n;				/* pairs stored */
	Size		cap;			/* pairs allocated */
	double		v[FLEXIBLE_ARRAY_MEMBER];	/* 2 * cap doubles */
} PairChunk;

typedef struct PairState
{
	Size		n;				/* pairs in all chunks */
	int			nchunks;
	PairChunk  *head;
	PairChunk  *tail;
	bool		adoptable;		/* deserialized into the agg context, unused */
} PairState;

static const char *
arg_name(cg_gap_arg a)
{
	switch (a)
	{
		case CG_ARG_SUPPLY:
			return "supply";
		case CG_ARG_DEMAND:
			return "demand";
		case CG_ARG_TARGET:
			return "target";
		default:
			return "argument";
	}
}

/* Raise the error of a failed row check. */
static void
report_row(cg_status st, cg_gap_arg bad, double s, double d, double t)
{
	double		v = bad == CG_ARG_SUPPLY ? s : bad == CG_ARG_DEMAND ? d : t;

	cg_report(st, arg_name(bad), v,
			  bad == CG_ARG_TARGET ? TARGET_HINT : VALUE_HINT);
}

/* New empty pair state in context ctx. */
static PairState *
pairs_new(MemoryContext ctx)
{
	PairState  *ps = MemoryContextAllocZero(ctx, sizeof(PairState));

	return ps;
}

/* Append a new chunk with room for cap pairs. */
static PairChunk *
pairs_add_chunk(MemoryContext ctx, PairState *ps, Size cap)
{
	PairChunk  *c;

	if (cap > (MaxAllocHugeSize - offsetof(PairChunk, v)) / (2 * sizeof(double)))
		cg_report(CG_E_TOO_LARGE, "care_gap", NAN, "Group the rows into smaller groups.");
	c = MemoryContextAllocHuge(ctx, offsetof(PairChunk, v) + cap * 2 * sizeof(double));
	c->next = NULL;
	c->n = 0;
	c->cap = cap;
	if (ps->tail)
		ps->tail->next = c;
	else
		ps->head = c;
	ps->tail = c;
	ps->nchunks++;
	return c;
}

/* Chunks of a state as the kernel reads them (palloc'd array). */
static cg_pair_chunk *
pairs_chunks(const PairState *ps)
{
	cg_pair_chunk *c = palloc(sizeof(cg_pair_chunk) * Max(ps->nchunks, 1));
	PairChunk  *p;
	int			k = 0;

	for (p = ps->head; p != NULL; p = p->next, k++)
	{
		c[k].v = p->v;
		c[k].n = p->n;
	}
	return c;
}

static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext ctx;

	if (!AggCheckCallContext(fcinfo, &ctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called as an aggregate support function", fname),
				 errhint("Call the aggregate caregap.care_gap(supply, demand) instead.")));
	return ctx;
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

/* care_gap_pooled_trans(internal, supply, demand): append one row. */
Datum
cg_care_gap_pooled_trans(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = agg_context(fcinfo, "care_gap_pooled_trans");
	PairState  *ps = PG_ARGISNULL(0) ? NULL : (PairState *) PG_GETARG_POINTER(0);
	double		s,
				d;
	PairChunk  *tail;
	cg_gap_arg	bad;
	cg_status	st;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (ps == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(ps);
	}
	s = PG_GETARG_FLOAT8(1);
	d = PG_GETARG_FLOAT8(2);
	if ((st = cg_gap_check_row(s, d, &bad)) != CG_OK)
		report_row(st, bad, s, d, NAN);
	if (ps == NULL)
		ps = pairs_new(ctx);
	tail = ps->tail;
	if (tail == NULL || tail->n == tail->cap)
		tail = pairs_add_chunk(ctx, ps,
							   tail == NULL ? FIRST_CHUNK_PAIRS : Min(2 * tail->cap, MAX_CHUNK_PAIRS));
	tail->v[2 * tail->n] = s;
	tail->v[2 * tail->n + 1] = d;
	tail->n++;
	ps->n++;
	PG_RETURN_POINTER(ps);
}

/*
 * care_gap_pooled_combine(internal, internal): append b's pairs to a.  A
 * state that deserialize built in the aggregate context is adopted as it is
 * when a is empty, and its chunks are linked into a otherwise: each partial
 * state is copied once on its way in (by deserialize).
 */
Datum
cg_care_gap_pooled_combine(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = agg_context(fcinfo, "care_gap_pooled_combine");
	PairState  *a = PG_ARGISNULL(0) ? NULL : (PairState *) PG_GETARG_POINTER(0);
	PairState  *b = PG_ARGISNULL(1) ? NULL : (PairState *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (b->adoptable)
	{
		/* b lives in the aggregate context: adopt it, or link its chunks */
		b->adoptable = false;
		if (a == NULL)
			PG_RETURN_POINTER(b);
		if (b->head != NULL)
		{
			if (a->tail)
				a->tail->next = b->head;
			else
				a->head = b->head;
			a->tail = b->tail;
			a->nchunks += b->nchunks;
			a->n += b->n;
		}
		pfree(b);
		PG_RETURN_POINTER(a);
	}
	/* b belongs to someone else: copy its pairs into one new chunk */
	if (a == NULL)
		a = pairs_new(ctx);
	if (b->n > 0)
	{
		PairChunk  *c = pairs_add_chunk(ctx, a, b->n);
		PairChunk  *p;

		for (p = b->head; p != NULL; p = p->next)
		{
			memcpy(c->v + 2 * c->n, p->v, p->n * 2 * sizeof(double));
			c->n += p->n;
		}
		a->n += b->n;
	}
	PG_RETURN_POINTER(a);
}

/* care_gap_pooled_serial(internal) returns bytea. */
Datum
cg_care_gap_pooled_serial(PG_FUNCTION_ARGS)
{
	PairState  *ps = (PairState *) PG_GETARG_POINTER(0);
	Size		sz = cg_pairs_serial_size(ps->n, MaxAllocSize - VARHDRSZ);
	bytea	   *out;

	if (sz == 0)
		cg_report(CG_E_TOO_LARGE, "care_gap", NAN,
				  "Parallel query passes states of at most 1 GB; group the rows into smaller groups or set max_parallel_workers_per_gather = 0.");
	out = palloc(VARHDRSZ + sz);
	SET_VARSIZE(out, VARHDRSZ + sz);
	cg_pairs_write(pairs_chunks(ps), ps->nchunks, ps->n, (unsigned char *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

/*
 * care_gap_pooled_deserial(bytea, internal) returns internal.  Validates
 * every pair while copying it, into the aggregate context when there is one
 * (so that combine can adopt the state without another copy).
 */
Datum
cg_care_gap_pooled_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	const unsigned char *buf = (const unsigned char *) VARDATA_ANY(in);
	MemoryContext ctx;
	bool		in_agg = AggCheckCallContext(fcinfo, &ctx);
	Size		n,
				done,
				take = 0,
				bad_row;
	PairState  *ps;
	cg_gap_arg	bad;

	if (cg_pairs_parse(buf, VARSIZE_ANY_EXHDR(in), &n) != CG_OK)
		cg_report(CG_E_CORRUPT, "care_gap", NAN, NULL);
	ps = pairs_new(in_agg ? ctx : CurrentMemoryContext);
	for (done = 0; done < n; done += take)
	{
		/* chunks of at most 16 MB: malloc serves them from reused memory */
		PairChunk  *c;
		const unsigned char *pairs = buf + CG_PAIRS_HEADER + done * 2 * sizeof(double);
		const double *src = (const double *) pairs;

		take = Min(n - done, MAX_CHUNK_PAIRS);
		c = pairs_add_chunk(in_agg ? ctx : CurrentMemoryContext, ps, take);
		/* aligned when the datum is (usual): copy and validate in one pass */
		if ((uintptr_t) pairs % sizeof(double) != 0)
		{
			memcpy(c->v, pairs, take * 2 * sizeof(double));
			src = c->v;
		}
		if (cg_gap_copy_rows(c->v, src, take, &bad_row, &bad) != CG_OK)
			cg_report(CG_E_CORRUPT, "care_gap", NAN, NULL);
		c->n = take;
	}
	ps->n = n;
	ps->adoptable = in_agg;
	PG_RETURN_POINTER(ps);
}

/* care_gap_pooled_final(internal) returns care_gap_result; state untouched. */
Datum
cg_care_gap_pooled_final(PG_FUNCTION_ARGS)
{
	PairState  *ps;
	cg_gap_summary sum;
	cg_status	st;

	agg_context(fcinfo, "care_gap_pooled_final");
	ps = PG_ARGISNULL(0) ? NULL : (PairState *) PG_GETARG_POINTER(0);
	if (ps == NULL || ps->n == 0)
		PG_RETURN_NULL();
	if ((st = cg_gap_pooled_chunks(pairs_chunks(ps), ps->nchunks, &sum)) != CG_OK)
		cg_report(st, "care_gap sum", NAN, NULL);
	PG_RETURN_DATUM(summary_datum(fcinfo, &sum, true));
}

/* care_gap_target_trans(float8[], supply, demand, target): add one row. */
Datum
cg_care_gap_target_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	double		s = PG_GETARG_FLOAT8(1);
	double		d = PG_GETARG_FLOAT8(2);
	double		t = PG_GETARG_FLOAT8(3);
	double	   *st;
	cg_gap_arg	bad;
	cg_status	rc;

	if (!AggCheckCallContext(fcinfo, NULL))
		arr = cg_state_copy(arr);
	st = cg_state_data(arr, CG_TS_LEN, "care_gap_target_trans");
	if ((rc = cg_gap_target_add(st, s, d, t, &bad)) != CG_OK)
		report_row(rc, bad, s, d, t);
	PG_RETURN_ARRAYTYPE_P(arr);
}

/* care_gap_target_combine(float8[], float8[]): merge b into a. */
Datum
cg_care_gap_target_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *b = PG_GETARG_ARRAYTYPE_P(1);
	double	   *sa,
			   *sb;
	cg_status	rc;

	if (!AggCheckCallContext(fcinfo, NULL))
		a = cg_state_copy(a);
	sa = cg_state_data(a, CG_TS_LEN, "care_gap_target_combine");
	sb = cg_state_data(b, CG_TS_LEN, "care_gap_target_combine");
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
