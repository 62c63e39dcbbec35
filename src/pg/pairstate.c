/*
 * pairstate.c — chunked row states for aggregates (see pairstate.h).
 */
#include "pairstate.h"

#include <math.h>

#include "utils/memutils.h"

#define FIRST_CHUNK_PAIRS 64
#define MAX_CHUNK_PAIRS (1024 * 1024)	/* 16 MB */
#define DECODE_BLOCK 4096		/* rows decoded, then validated, at a time */

MemoryContext
cg_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext ctx;

	if (!AggCheckCallContext(fcinfo, &ctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called as an aggregate support function", fname),
				 errhint("Call the aggregate instead.")));
	return ctx;
}

/* Append a new chunk with room for cap rows. */
static PairChunk *
add_chunk(MemoryContext ctx, PairState *ps, Size cap)
{
	PairChunk  *c;

	if (cap > (MaxAllocHugeSize - offsetof(PairChunk, v)) / (ps->width * sizeof(double)))
		cg_report(CG_E_TOO_LARGE, "aggregate", NAN, "Group the rows into smaller groups.");
	c = cg_alloc_large(ctx, offsetof(PairChunk, v) + cap * ps->width * sizeof(double));
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

/* New empty state of the given row width, in a context of its own under parent. */
static PairState *
new_state(MemoryContext parent, const CgStateOps *ops, int width)
{
	PairState  *ps = cg_xstate_create(parent, ops, sizeof(PairState));

	ps->width = width;
	ps->ctx = CG_XSTATE_CONTEXT(ps);
	return ps;
}

/* The chunk with room for one more row, added if needed. */
static inline PairChunk *
room_for_row(PairState *ps)
{
	PairChunk  *tail = ps->tail;

	if (tail == NULL || tail->n == tail->cap)
		tail = add_chunk(ps->ctx, ps, tail == NULL ? FIRST_CHUNK_PAIRS
						 : Min(2 * tail->cap, MAX_CHUNK_PAIRS));
	return tail;
}

PairState *
ps_append_grow(FunctionCallInfo fcinfo, const CgStateOps *ops, PairState *ps, double a, double b)
{
	PairChunk  *tail;

	if (ps == NULL)
		ps = new_state(cg_agg_context(fcinfo, "aggregate transition"), ops, 2);
	tail = room_for_row(ps);
	tail->v[2 * tail->n] = a;
	tail->v[2 * tail->n + 1] = b;
	tail->n++;
	ps->n++;
	return ps;
}

PairState *
ps_append3(FunctionCallInfo fcinfo, const CgStateOps *ops, PairState *ps, double a, double b,
		   double c)
{
	PairChunk  *tail;

	if (ps == NULL)
		ps = new_state(cg_agg_context(fcinfo, "aggregate transition"), ops, 3);
	tail = room_for_row(ps);
	tail->v[3 * tail->n] = a;
	tail->v[3 * tail->n + 1] = b;
	tail->v[3 * tail->n + 2] = c;
	tail->n++;
	ps->n++;
	return ps;
}

void
ps_set_params(PairState *ps, double p0, double p1, const char *what)
{
	if (!ps->params.set)
	{
		ps->params.set = 1;
		ps->params.p[0] = p0;
		ps->params.p[1] = p1;
	}
	else if (ps->params.p[0] != p0 || ps->params.p[1] != p1)
		cg_report(CG_E_MISMATCH, what, NAN, NULL);
}

PairState *
ps_combine(MemoryContext ctx, PairState *a, PairState *b, const char *what)
{
	if (b == NULL)
		return a;
	if (a != NULL && a->params.set && b->params.set &&
		(a->params.p[0] != b->params.p[0] || a->params.p[1] != b->params.p[1]))
		cg_report(CG_E_MISMATCH, what, NAN, NULL);
	if (a != NULL && a->width != b->width)
		cg_xstate_corrupt(a->xs.ops->name);
	if (CG_XSTATE_FRESH(b))
	{
		/* b was just read and belongs to no group: adopt it, or take its chunks */
		b->xs.fresh = false;
		if (a == NULL)
			return b;
		if (b->head != NULL)
		{
			if (a->tail)
				a->tail->next = b->head;
			else
				a->head = b->head;
			a->tail = b->tail;
			a->nchunks += b->nchunks;
			a->n += b->n;
			/* the chunks stay in b's context, which lives as long as the aggregate's */
			b->head = b->tail = NULL;
			b->n = 0;
			b->nchunks = 0;
		}
		if (!a->params.set)
			a->params = b->params;
		return a;
	}
	/* b belongs to someone else: copy its rows into one new chunk */
	if (a == NULL)
		a = new_state(ctx, b->xs.ops, b->width);
	if (!a->params.set)
		a->params = b->params;
	if (b->n > 0)
	{
		PairChunk  *c = add_chunk(a->ctx, a, b->n);
		PairChunk  *p;

		for (p = b->head; p != NULL; p = p->next)
		{
			CHECK_FOR_INTERRUPTS();
			memcpy(c->v + a->width * c->n, p->v, p->n * a->width * sizeof(double));
			c->n += p->n;
		}
		a->n += b->n;
	}
	return a;
}

cg_pair_chunk *
ps_chunks(const PairState *ps)
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

bytea *
ps_serialize(const PairState *ps, const char *what)
{
	cg_pair_chunk *chunks = ps_chunks(ps);
	cg_col_codec codec[3];
	Size		sz;
	bytea	   *out;

	/* lossless compact columns where the values allow (cg_pairs.h) */
	cg_pairs_plan(chunks, ps->nchunks, ps->width, codec);
	sz = cg_pairs_serial_size(ps->n, ps->width, codec, MaxAllocSize - VARHDRSZ);

	if (sz == 0)
		cg_report(CG_E_TOO_LARGE, what, NAN,
				  "Parallel query passes states of at most 1 GB; group the rows into smaller groups or set max_parallel_workers_per_gather = 0.");
	out = cg_alloc_large(CurrentMemoryContext, VARHDRSZ + sz);
	SET_VARSIZE(out, VARHDRSZ + sz);
	cg_pairs_write(chunks, ps->nchunks, ps->n, ps->width, &ps->params, codec,
				   (unsigned char *) VARDATA(out));
	return out;
}

Size
ps_payload_size(void *state)
{
	PairState  *ps = (PairState *) state;
	cg_pair_chunk *chunks = ps_chunks(ps);
	Size		sz;

	cg_pairs_plan(chunks, ps->nchunks, ps->width, ps->plan);
	pfree(chunks);
	sz = cg_pairs_serial_size(ps->n, ps->width, ps->plan, MaxAllocSize - VARHDRSZ - 4);
	if (sz == 0)
		cg_report(CG_E_TOO_LARGE, ps->xs.ops->name, NAN,
				  "A state passed between processes holds at most 1 GB; group the rows into smaller groups.");
	return sz;
}

void
ps_write_payload(void *state, char *dst, Size len)
{
	PairState  *ps = (PairState *) state;
	cg_pair_chunk *chunks = ps_chunks(ps);

	Assert(len == cg_pairs_serial_size(ps->n, ps->width, ps->plan, MaxAllocSize));
	cg_pairs_write(chunks, ps->nchunks, ps->n, ps->width, &ps->params, ps->plan,
				   (unsigned char *) dst);
	pfree(chunks);
}

void
ps_check(const CgStateOps *ops, const char *in, Size len, int width, PairCopyCheck check)
{
	const unsigned char *buf = (const unsigned char *) in;
	Size		n,
				done,
				m;
	int			got_width;
	cg_pair_params prm;
	cg_col_codec codec[3];
	double	   *block;

	if (cg_pairs_parse(buf, len, &n, &got_width, &prm, codec) != CG_OK || got_width != width)
		cg_xstate_corrupt(ops->name);
	block = palloc(DECODE_BLOCK * width * sizeof(double));
	for (done = 0; done < n; done += m)
	{
		if ((done & ((Size) 16 * DECODE_BLOCK - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		m = Min(n - done, DECODE_BLOCK);
		cg_pairs_decode(buf, n, width, codec, done, m, block);
		if (check(block, block, m) != CG_OK)
			cg_xstate_corrupt(ops->name);
	}
	pfree(block);
}

PairState *
ps_combine_arg(FunctionCallInfo fcinfo, MemoryContext ctx, PairState *a, const CgStateOps *ops,
			   int width, PairCopyCheck check, const char *what)
{
	const unsigned char *buf;
	const char *in;
	Size		len,
				n,
				done,
				m,
				blocks;
	int			got_width;
	cg_pair_params prm;
	cg_col_codec codec[3];

	if (PG_ARGISNULL(1))
		return a;
	if (a == NULL || !cg_xstate_flat_payload(fcinfo, 1, ops, &in, &len))
		return ps_combine(ctx, a, cg_xstate_get(fcinfo, 1, ops), what);
	buf = (const unsigned char *) in;
	if (cg_pairs_parse(buf, len, &n, &got_width, &prm, codec) != CG_OK || got_width != width ||
		a->width != width)
		cg_xstate_corrupt(ops->name);
	if (prm.set)
		ps_set_params(a, prm.p[0], prm.p[1], what);
	for (done = 0, blocks = 0; done < n; done += m, blocks++)
	{
		PairChunk  *tail = a->tail;
		double	   *v;

		if (tail == NULL || tail->n == tail->cap)
			tail = add_chunk(a->ctx, a, Min(Max(n - done, tail == NULL ? FIRST_CHUNK_PAIRS : 2 * tail->cap),
											MAX_CHUNK_PAIRS));
		/* a cache-sized block at a time, decoded, then validated; interrupts every 16 blocks */
		m = Min(Min(n - done, tail->cap - tail->n), DECODE_BLOCK);
		if (blocks % 16 == 0)
			CHECK_FOR_INTERRUPTS();
		v = tail->v + width * tail->n;
		cg_pairs_decode(buf, n, width, codec, done, m, v);
		if (check(v, v, m) != CG_OK)
			cg_xstate_corrupt(ops->name);
		tail->n += m;
		a->n += m;
	}
	return a;
}

PairState *
ps_read(MemoryContext parent, const CgStateOps *ops, const char *in, Size len, int width,
		PairCopyCheck check)
{
	const unsigned char *buf = (const unsigned char *) in;
	Size		n,
				done,
				take;
	int			got_width;
	cg_pair_params prm;
	cg_col_codec codec[3];
	PairState  *ps;

	if (cg_pairs_parse(buf, len, &n, &got_width, &prm, codec) != CG_OK || got_width != width)
		cg_xstate_corrupt(ops->name);
	ps = new_state(parent, ops, width);
	ps->params = prm;
	for (done = 0; done < n; done += take)
	{
		/* chunks of at most 16 MB, decoded and validated a cache-sized block at a time */
		PairChunk  *c;
		Size		b,
					m;

		CHECK_FOR_INTERRUPTS();
		take = Min(n - done, MAX_CHUNK_PAIRS);
		c = add_chunk(ps->ctx, ps, take);
		for (b = 0; b < take; b += m)
		{
			double	   *v = c->v + width * b;

			m = Min(take - b, DECODE_BLOCK);
			cg_pairs_decode(buf, n, width, codec, done + b, m, v);
			if (check(v, v, m) != CG_OK)
				cg_xstate_corrupt(ops->name);
		}
		c->n = take;
	}
	ps->n = n;
	return ps;
}
