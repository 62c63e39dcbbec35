/*
 * decomp_agg.c — theil_decomposition(x [, w], grp): Theil T and L split into
 * within-group and between-group parts, both computed from group sums.
 *
 * The state is a table of groups (text keys) with the kernel's group sums,
 * all relative to one pivot K (the first x seen) and with weights scaled by
 * one power of two 2^-wexp (the exponent of the first weight; moved up when
 * a far larger weight arrives), so that weights anywhere in the double range
 * give products clear of underflow.  Groups are found through an
 * open-addressing hash index (the last hit first), so that combining states
 * of many groups stays linear; every loop over groups services interrupts.
 */
#include "cg_pg.h"
#include "pairstate.h"

#include <math.h>

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"

#include "common/hashfn.h"

#include "../kernel/cg_decomp.h"
#include "../kernel/cg_ineq.h"
#include "../kernel/cg_sum.h"

PG_FUNCTION_INFO_V1(cg_decomp_trans);
PG_FUNCTION_INFO_V1(cg_decomp_trans_u);
PG_FUNCTION_INFO_V1(cg_decomp_combine);
PG_FUNCTION_INFO_V1(cg_decomp_final);

#define DECOMP_VERSION 2

/* a weight 2^WEXP_SPAN times the scale moves the scale up to it */
#define WEXP_SPAN 256

typedef struct DecompGroup
{
	char	   *key;
	int			keylen;
	cg_theil_group g;
} DecompGroup;

typedef struct DecompState
{
	CgStateHead xs;				/* an expanded caregap.agg_state */
	double		k;				/* pivot; 0 while empty */
	int			wexp;			/* weights are held as w * 2^-wexp */
	int			n;				/* groups */
	int			cap;
	int			last;			/* last group hit */
	DecompGroup *groups;
	int32	   *slots;			/* hash index: group + 1, 0 = empty */
	uint32		nslots;			/* a power of two, > 2 n */
} DecompState;

/* A new empty state in a context of its own under parent. */
static DecompState *
decomp_new(MemoryContext parent)
{
	DecompState *ds = cg_xstate_create(parent, &cg_decomp_state_ops, sizeof(DecompState));
	MemoryContext ctx = CG_XSTATE_CONTEXT(ds);

	ds->cap = 8;
	ds->groups = MemoryContextAllocZero(ctx, ds->cap * sizeof(DecompGroup));
	ds->nslots = 32;
	ds->slots = MemoryContextAllocZero(ctx, ds->nslots * sizeof(int32));
	return ds;
}

static inline uint32
key_hash(const char *key, int len)
{
	return hash_bytes((const unsigned char *) key, len);
}

/* Rebuild the hash index with twice the slots. */
static void
decomp_rehash(MemoryContext ctx, DecompState *ds)
{
	uint32		nslots,
				mask;
	int32	   *slots;
	int			i;

	if (ds->nslots >= (uint32) 1 << 30)
		ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						errmsg("theil_decomposition has too many groups")));
	nslots = ds->nslots * 2;
	mask = nslots - 1;
	slots = MemoryContextAllocExtended(ctx, nslots * sizeof(int32), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (i = 0; i < ds->n; i++)
	{
		uint32		h = key_hash(ds->groups[i].key, ds->groups[i].keylen) & mask;

		while (slots[h] != 0)
			h = (h + 1) & mask;
		slots[h] = i + 1;
	}
	pfree(ds->slots);
	ds->slots = slots;
	ds->nslots = nslots;
}

/* The group of key, created (with zero sums) if new. */
static cg_theil_group *
decomp_group(MemoryContext ctx, DecompState *ds, const char *key, int len)
{
	uint32		mask = ds->nslots - 1,
				h;
	DecompGroup *g;

	if (ds->n > 0 && ds->groups[ds->last].keylen == len &&
		memcmp(ds->groups[ds->last].key, key, len) == 0)
		return &ds->groups[ds->last].g;
	for (h = key_hash(key, len) & mask; ds->slots[h] != 0; h = (h + 1) & mask)
	{
		g = &ds->groups[ds->slots[h] - 1];
		if (g->keylen == len && memcmp(g->key, key, len) == 0)
		{
			ds->last = ds->slots[h] - 1;
			return &g->g;
		}
	}
	if (ds->n == ds->cap)
	{
		if ((Size) ds->cap * 2 * sizeof(DecompGroup) > MaxAllocHugeSize)
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							errmsg("theil_decomposition has too many groups")));
		ds->groups = repalloc_huge(ds->groups, 2 * ds->cap * sizeof(DecompGroup));
		memset(ds->groups + ds->cap, 0, ds->cap * sizeof(DecompGroup));
		ds->cap *= 2;
	}
	g = &ds->groups[ds->n];
	g->key = MemoryContextAlloc(ctx, len + 1);
	memcpy(g->key, key, len);
	g->key[len] = '\0';
	g->keylen = len;
	memset(&g->g, 0, sizeof(g->g));
	ds->slots[h] = ds->n + 1;
	ds->last = ds->n++;
	if ((uint32) ds->n * 2 >= ds->nslots)
		decomp_rehash(ctx, ds);
	return &g->g;
}

/* Move the weight scale of ds up to 2^-wexp (wexp above the current one). */
static void
decomp_rescale(DecompState *ds, int wexp)
{
	int			i;

	for (i = 0; i < ds->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		cg_theil_group_scale(&ds->groups[i].g, ds->wexp - wexp);
	}
	ds->wexp = wexp;
}

/* Shared transition; wpos 0 for unweighted. */
static Datum
decomp_add(FunctionCallInfo fcinfo, int wpos, int gpos)
{
	DecompState *ds = cg_xstate_arg0(fcinfo, &cg_decomp_state_ops);
	double		x,
				w = 1.0;
	text	   *grp;
	cg_status	st;

	if (PG_ARGISNULL(1) || (wpos > 0 && PG_ARGISNULL(wpos)) || PG_ARGISNULL(gpos))
		CG_RETURN_XSTATE(ds);
	x = PG_GETARG_FLOAT8(1);
	if (wpos > 0)
		w = PG_GETARG_FLOAT8(wpos);
	grp = PG_GETARG_TEXT_PP(gpos);
	if ((st = cg_check_positive_x(x)) != CG_OK)
	{
		if (st == CG_E_NONPOSITIVE)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("theil_decomposition requires x > 0"),
					 errdetail("The value was %g.", x),
					 errhint("Theil L, half of the decomposition, is undefined at x = 0.")));
		cg_report(st, "x", x, NULL);
	}
	if ((st = cg_check_positive(w)) != CG_OK)
		cg_report(st, "weight", w, "Weights are people in need or another positive amount.");
	if (ds == NULL)
		ds = decomp_new(cg_agg_context(fcinfo, "theil_decomposition_trans"));
	if (ds->k == 0.0)
	{
		ds->k = x;
		ds->wexp = ilogb(w);
	}
	else if (ilogb(w) > ds->wexp + WEXP_SPAN)
		decomp_rescale(ds, ilogb(w));
	cg_theil_group_add(decomp_group(CG_XSTATE_CONTEXT(ds), ds, VARDATA_ANY(grp),
									VARSIZE_ANY_EXHDR(grp)),
					   ds->k, x, ldexp(w, -ds->wexp));
	CG_RETURN_XSTATE(ds);
}

/* theil_decomposition_trans(agg_state, x, w, grp) */
Datum
cg_decomp_trans(PG_FUNCTION_ARGS)
{
	return decomp_add(fcinfo, 2, 3);
}

/* theil_decomposition_trans(agg_state, x, grp) */
Datum
cg_decomp_trans_u(PG_FUNCTION_ARGS)
{
	return decomp_add(fcinfo, 0, 2);
}

/* theil_decomposition_combine(agg_state, internal) */
Datum
cg_decomp_combine(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = cg_agg_context(fcinfo, "theil_decomposition_combine");
	DecompState *a = cg_xstate_get(fcinfo, 0, &cg_decomp_state_ops);
	DecompState *b = cg_xstate_get(fcinfo, 1, &cg_decomp_state_ops);
	int			i;

	if (b == NULL || b->n == 0)
		CG_RETURN_XSTATE(a);
	if (a == NULL && CG_XSTATE_FRESH(b))
	{
		/* just read, owned by no group: it becomes the group's */
		b->xs.fresh = false;
		CG_RETURN_XSTATE(b);
	}
	if (a == NULL)
		a = decomp_new(ctx);
	if (a->k == 0.0)
	{
		a->k = b->k;
		a->wexp = b->wexp;
	}
	else if (b->wexp > a->wexp)
		decomp_rescale(a, b->wexp);
	for (i = 0; i < b->n; i++)
	{
		cg_theil_group g = b->groups[i].g;

		CHECK_FOR_INTERRUPTS();
		cg_theil_group_scale(&g, b->wexp - a->wexp);
		cg_theil_group_repivot(&g, b->k, a->k);
		cg_theil_group_merge(decomp_group(CG_XSTATE_CONTEXT(a), a, b->groups[i].key,
										  b->groups[i].keylen), &g);
	}
	if (CG_XSTATE_FRESH(b))
		MemoryContextDelete(CG_XSTATE_CONTEXT(b));	/* read for this call only */
	CG_RETURN_XSTATE(a);
}

/* The nine sums of a group, in serialization order. */
#define GROUP_DOUBLES(g) { &(g)->n, &(g)->w[0], &(g)->w[1], &(g)->s[0], &(g)->s[1], \
		&(g)->ft[0], &(g)->ft[1], &(g)->fl[0], &(g)->fl[1] }

/* the payload of a state: version, pivot, scale, then each group's key and sums */
static bytea *
decomp_serialize(void *state, bool external)
{
	DecompState *ds = (DecompState *) state;
	StringInfoData buf;
	int			i,
				j;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, DECOMP_VERSION);
	pq_sendfloat8(&buf, ds->k);
	pq_sendint32(&buf, ds->wexp);
	pq_sendint32(&buf, ds->n);
	for (i = 0; i < ds->n; i++)
	{
		double	   *d[9] = GROUP_DOUBLES(&ds->groups[i].g);

		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, ds->groups[i].keylen);
		pq_sendbytes(&buf, ds->groups[i].key, ds->groups[i].keylen);
		for (j = 0; j < 9; j++)
			pq_sendfloat8(&buf, *d[j]);
	}
	return pq_endtypsend(&buf);
}

/* A new state from a payload, every group checked. */
static void *
decomp_deserialize(MemoryContext parent, const char *in, Size len, bool external)
{
	StringInfoData buf;
	DecompState *ds;
	MemoryContext ctx;
	int			n,
				i,
				j;

	if (len < 17 || len > (Size) MaxAllocSize)
		cg_xstate_corrupt("theil_decomposition");
	buf.data = (char *) in;
	buf.len = (int) len;
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (pq_getmsgbyte(&buf) != DECOMP_VERSION)
		cg_xstate_corrupt("theil_decomposition");
	ds = decomp_new(parent);
	ctx = CG_XSTATE_CONTEXT(ds);
	ds->k = pq_getmsgfloat8(&buf);
	ds->wexp = (int32) pq_getmsgint(&buf, 4);
	n = pq_getmsgint(&buf, 4);
	if (n < 0 || n > buf.len || !(ds->k >= 0.0) || !isfinite(ds->k) ||
		ds->wexp < -1100 || ds->wexp > 1100)
		cg_report(CG_E_CORRUPT, "theil_decomposition", NAN, NULL);
	for (i = 0; i < n; i++)
	{
		int			len = pq_getmsgint(&buf, 4);
		const char *key;
		cg_theil_group *g;

		CHECK_FOR_INTERRUPTS();
		if (len < 0 || len > buf.len - buf.cursor)
			cg_report(CG_E_CORRUPT, "theil_decomposition", NAN, NULL);
		key = pq_getmsgbytes(&buf, len);
		g = decomp_group(ctx, ds, key, len);
		{
			double	   *d[9] = GROUP_DOUBLES(g);

			for (j = 0; j < 9; j++)
				*d[j] = pq_getmsgfloat8(&buf);
		}
		if (!cg_theil_group_valid(g))
			cg_report(CG_E_CORRUPT, "theil_decomposition", NAN, NULL);
	}
	pq_getmsgend(&buf);
	if (ds->n != n)
		cg_xstate_corrupt("theil_decomposition");	/* duplicate keys */
	return ds;
}

const CgStateOps cg_decomp_state_ops = {
	CG_SK_DECOMP, "theil_decomposition", decomp_serialize, decomp_deserialize, false
};

/* Append "name": number to a JSON object under construction. */
static void
json_number(StringInfo buf, const char *name, double v)
{
	appendStringInfo(buf, ", \"%s\": %s", name,
					 DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(v))));
}

/* Sort groups by key for a stable report. */
static int
group_cmp(const void *a, const void *b, void *arg)
{
	const DecompGroup *ga = a,
			   *gb = b;
	int			c = memcmp(ga->key, gb->key, Min(ga->keylen, gb->keylen));

	return c != 0 ? c : (ga->keylen > gb->keylen) - (ga->keylen < gb->keylen);
}

/* theil_decomposition_final(agg_state) returns theil_decomposition_result */
Datum
cg_decomp_final(PG_FUNCTION_ARGS)
{
	DecompState *ds;
	DecompGroup *groups;
	cg_theil_group *gs;
	cg_theil_group_out *go;
	cg_theil_result r;
	cg_status	st;
	StringInfoData buf;
	TupleDesc	tupdesc;
	Datum		values[7];
	bool		nulls[7] = {false};
	int			i;

	cg_agg_context(fcinfo, "theil_decomposition_final");
	ds = cg_xstate_final(fcinfo, &cg_decomp_state_ops);
	if (ds == NULL || ds->n == 0)
		PG_RETURN_NULL();
	/* sort a copy: the state is not modified (window use) */
	groups = palloc(ds->n * sizeof(DecompGroup));
	memcpy(groups, ds->groups, ds->n * sizeof(DecompGroup));
	qsort_interruptible(groups, ds->n, sizeof(DecompGroup), group_cmp, NULL);
	gs = palloc(ds->n * sizeof(cg_theil_group));
	go = palloc(ds->n * sizeof(cg_theil_group_out));
	for (i = 0; i < ds->n; i++)
		gs[i] = groups[i].g;
	CG_RUN_KERNEL(st, cg_theil_decompose(gs, ds->n, ds->k, &r, go));
	if (st != CG_OK)
		cg_report(st, "theil_decomposition", NAN,
				  st == CG_E_OVERFLOW ? "The weights span more orders of magnitude than double precision carries." : NULL);

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < ds->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfoString(&buf, i ? ", {\"group\": " : "{\"group\": ");
		escape_json(&buf, groups[i].key);
		appendStringInfo(&buf, ", \"units\": %.0f", groups[i].g.n);
		json_number(&buf, "weight_share", go[i].weight_share);
		json_number(&buf, "value_share", go[i].value_share);
		json_number(&buf, "mean", go[i].mean);
		json_number(&buf, "theil_t", go[i].t);
		json_number(&buf, "theil_l", go[i].l);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, ']');

	tupdesc = cg_result_tupdesc(fcinfo);
	values[0] = Float8GetDatum(r.t);
	values[1] = Float8GetDatum(r.t_within);
	values[2] = Float8GetDatum(r.t_between);
	values[3] = Float8GetDatum(r.l);
	values[4] = Float8GetDatum(r.l_within);
	values[5] = Float8GetDatum(r.l_between);
	values[6] = DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
