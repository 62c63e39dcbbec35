/*
 * aggstate.c — caregap.agg_state: the expanded-object methods, reading a
 * state argument, and the type's text and binary input and output (see
 * aggstate.h).
 */
#include "aggstate.h"

#include <math.h>
#include <string.h>

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "../kernel/cg_b64.h"

#define FLAT_MAGIC 'c'
#define FLAT_VERSION 1
#define FLAT_HDR 4				/* magic, kind, version, 0 */

PG_FUNCTION_INFO_V1(cg_agg_state_in);
PG_FUNCTION_INFO_V1(cg_agg_state_out);
PG_FUNCTION_INFO_V1(cg_agg_state_recv);
PG_FUNCTION_INFO_V1(cg_agg_state_send);

static Size xs_get_flat_size(ExpandedObjectHeader *eohptr);
static void xs_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods xs_methods = {xs_get_flat_size, xs_flatten_into};

static const CgStateOps *
ops_of_kind(int kind)
{
	switch (kind)
	{
		case CG_SK_GAP:
			return &cg_gap_state_ops;
		case CG_SK_DIST:
			return &cg_dist_state_ops;
		case CG_SK_CONC:
			return &cg_conc_state_ops;
		case CG_SK_DECOMP:
			return &cg_decomp_state_ops;
		case CG_SK_SPATIAL:
			return &cg_spatial_state_ops;
		case CG_SK_BREAKS:
			return &cg_breaks_state_ops;
	}
	return NULL;
}

void
cg_xstate_corrupt(const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid %s state", name),
			 errhint("A caregap.agg_state is made by caregap's aggregates; its text form is checked whole when read.")));
	pg_unreachable();
}

void *
cg_xstate_create(MemoryContext parent, const CgStateOps *ops, Size size)
{
	MemoryContext ctx = AllocSetContextCreate(parent, "caregap aggregate state",
											  ALLOCSET_SMALL_SIZES);
	CgStateHead *h = MemoryContextAllocZero(ctx, size);

	EOH_init_header(&h->eoh, &xs_methods, ctx);
	h->ops = ops;
	return h;
}

static Size
xs_get_flat_size(ExpandedObjectHeader *eohptr)
{
	CgStateHead *h = (CgStateHead *) eohptr;

	if (h->ops->payload_size != NULL)
	{
		/*
		 * In the state's own context: the caller's may not support pfree
		 * (PostgreSQL 17's tuplesort flattens into a bump context)
		 */
		MemoryContext old = MemoryContextSwitchTo(h->eoh.eoh_context);

		h->flat_len = h->ops->payload_size(h);
		MemoryContextSwitchTo(old);
		if (h->flat_len > MaxAllocSize - VARHDRSZ - FLAT_HDR)
			cg_report(CG_E_TOO_LARGE, h->ops->name, NAN,
					  "A state passed between processes holds at most 1 GB; group the rows into smaller groups.");
		return VARHDRSZ + FLAT_HDR + h->flat_len;
	}
	if (h->flat == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(h->eoh.eoh_context);

		h->flat = h->ops->serialize(h, false);
		MemoryContextSwitchTo(old);
	}
	if (VARSIZE(h->flat) > MaxAllocSize - FLAT_HDR)
		cg_report(CG_E_TOO_LARGE, h->ops->name, NAN,
				  "A state passed between processes holds at most 1 GB; group the rows into smaller groups.");
	return VARSIZE(h->flat) + FLAT_HDR;
}

static void
xs_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	CgStateHead *h = (CgStateHead *) eohptr;
	char	   *p = (char *) result;
	Size		plen = h->ops->payload_size ? h->flat_len : VARSIZE(h->flat) - VARHDRSZ;

	Assert(allocated_size == VARHDRSZ + FLAT_HDR + plen);
	SET_VARSIZE(p, VARHDRSZ + FLAT_HDR + plen);
	p[VARHDRSZ] = FLAT_MAGIC;
	p[VARHDRSZ + 1] = (char) h->ops->kind;
	p[VARHDRSZ + 2] = FLAT_VERSION;
	p[VARHDRSZ + 3] = 0;
	if (h->ops->payload_size != NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(h->eoh.eoh_context);

		h->ops->write_payload(h, p + VARHDRSZ + FLAT_HDR, plen);
		MemoryContextSwitchTo(old);
		return;
	}
	memcpy(p + VARHDRSZ + FLAT_HDR, VARDATA(h->flat), plen);
	pfree(h->flat);
	h->flat = NULL;
}

/* The kind and payload of a flat state (detoasted, possibly short-header). */
static const CgStateOps *
flat_parts(struct varlena *v, const char **payload, Size *len)
{
	const unsigned char *p = (const unsigned char *) VARDATA_ANY(v);
	Size		n = VARSIZE_ANY_EXHDR(v);
	const CgStateOps *ops;

	if (n < FLAT_HDR || p[0] != FLAT_MAGIC || p[2] != FLAT_VERSION || p[3] != 0 ||
		(ops = ops_of_kind(p[1])) == NULL)
		cg_xstate_corrupt("caregap");
	*payload = (const char *) p + FLAT_HDR;
	*len = n - FLAT_HDR;
	return ops;
}

static CG_NORETURN void
wrong_kind(const CgStateOps *got, const CgStateOps *want)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("a %s state was given where a %s state is expected", got->name, want->name),
			 errhint("Each aggregate's support functions take the states of that aggregate.")));
	pg_unreachable();
}

/* The expanded state behind a datum, or NULL when the datum is flat. */
static CgStateHead *
expanded_of(Datum d)
{
	ExpandedObjectHeader *e;

	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		return NULL;
	e = DatumGetEOHP(d);
	if (e->eoh_methods != &xs_methods)
		cg_xstate_corrupt("caregap");
	return (CgStateHead *) e;
}

/* A new state read from the flat datum d. */
static CgStateHead *
read_flat(Datum d, const CgStateOps *want, MemoryContext parent)
{
	struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
	const char *payload;
	Size		len;
	const CgStateOps *ops = flat_parts(v, &payload, &len);
	CgStateHead *h;

	if (want != NULL && ops != want)
		wrong_kind(ops, want);
	h = ops->deserialize(parent, payload, len, false);
	h->fresh = true;
	return h;
}

static void *
get_state(FunctionCallInfo fcinfo, int argno, const CgStateOps *ops, bool update)
{
	Datum		d;
	CgStateHead *h;
	MemoryContext parent;

	if (PG_ARGISNULL(argno))
		return NULL;
	if (!AggCheckCallContext(fcinfo, &parent))
		parent = CurrentMemoryContext;
	d = PG_GETARG_DATUM(argno);
	h = expanded_of(d);
	if (h != NULL)
	{
		if (h->ops != ops)
			wrong_kind(h->ops, ops);
		/* a state to update must be ours to change: a read-only one is copied */
		if (update && !VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
		{
			Size		sz = EOH_get_flat_size(&h->eoh);
			void	   *flat = palloc(sz);

			EOH_flatten_into(&h->eoh, flat, sz);
			h = read_flat(PointerGetDatum(flat), ops, parent);
		}
	}
	else
		h = read_flat(d, ops, parent);
	if (update)
		h->fresh = false;
	return h;
}

void *
cg_xstate_get(FunctionCallInfo fcinfo, int argno, const CgStateOps *ops)
{
	return get_state(fcinfo, argno, ops, argno == 0);
}

bool
cg_xstate_flat_payload(FunctionCallInfo fcinfo, int argno, const CgStateOps *ops,
					   const char **payload, Size *len)
{
	Datum		d = PG_GETARG_DATUM(argno);
	const CgStateOps *got;

	Assert(!PG_ARGISNULL(argno));
	if (expanded_of(d) != NULL)
		return false;
	got = flat_parts(pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d)), payload, len);
	if (got != ops)
		wrong_kind(got, ops);
	return true;
}

void *
cg_xstate_final(FunctionCallInfo fcinfo, const CgStateOps *ops)
{
	return get_state(fcinfo, 0, ops, false);
}

CgStateKind
cg_xstate_kind(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);
	CgStateHead *h = expanded_of(d);
	const char *payload;
	Size		len;

	if (h != NULL)
		return h->ops->kind;
	return flat_parts(pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d)),
					  &payload, &len)->kind;
}

/* The flat datum of a state; the state's context is deleted. */
static Datum
flatten_and_drop(CgStateHead *h)
{
	Size		sz = EOH_get_flat_size(&h->eoh);
	void	   *flat = palloc(sz);

	EOH_flatten_into(&h->eoh, flat, sz);
	MemoryContextDelete(h->eoh.eoh_context);
	return PointerGetDatum(flat);
}

/* The external payload of the state in d, and its kind. */
static bytea *
external_payload(Datum d, const CgStateOps **ops_out)
{
	CgStateHead *h = expanded_of(d);
	bytea	   *out;

	if (h == NULL)
	{
		struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
		const char *payload;
		Size		len;
		const CgStateOps *ops = flat_parts(v, &payload, &len);

		*ops_out = ops;
		if (!ops->has_external)
		{
			out = palloc(VARHDRSZ + len);
			SET_VARSIZE(out, VARHDRSZ + len);
			memcpy(VARDATA(out), payload, len);
			return out;
		}
		h = ops->deserialize(CurrentMemoryContext, payload, len, false);
		out = ops->serialize(h, true);
		MemoryContextDelete(h->eoh.eoh_context);
		return out;
	}
	*ops_out = h->ops;
	return h->ops->serialize(h, true);
}

/*
 * A flat state from an external payload, validated whole.  Where the flat
 * payload is the external one, the checked bytes are copied as they are
 * (the state is read once, to check it, not written again).
 */
/* A flat value with a payload of len bytes to fill (the header written). */
static char *
new_flat(const CgStateOps *ops, Size len)
{
	char	   *flat;

	if (len > MaxAllocSize - VARHDRSZ - FLAT_HDR)
		cg_report(CG_E_TOO_LARGE, ops->name, NAN,
				  "A state holds at most 1 GB; group the rows into smaller groups.");
	flat = cg_alloc_large(CurrentMemoryContext, VARHDRSZ + FLAT_HDR + len);
	SET_VARSIZE(flat, VARHDRSZ + FLAT_HDR + len);
	flat[VARHDRSZ] = FLAT_MAGIC;
	flat[VARHDRSZ + 1] = (char) ops->kind;
	flat[VARHDRSZ + 2] = FLAT_VERSION;
	flat[VARHDRSZ + 3] = 0;
	return flat;
}

static Datum
from_external(const CgStateOps *ops, const char *buf, Size len)
{
	CgStateHead *h;
	char	   *flat;

	if (ops->check != NULL && !ops->has_external)
	{
		/* checked in place, then copied once */
		ops->check(buf, len);
		flat = new_flat(ops, len);
		memcpy(flat + VARHDRSZ + FLAT_HDR, buf, len);
		return PointerGetDatum(flat);
	}
	h = ops->deserialize(CurrentMemoryContext, buf, len, true);
	if (ops->has_external)
		return flatten_and_drop(h);
	MemoryContextDelete(h->eoh.eoh_context);
	if (len > MaxAllocSize - VARHDRSZ - FLAT_HDR)
		cg_report(CG_E_TOO_LARGE, ops->name, NAN,
				  "A state holds at most 1 GB; group the rows into smaller groups.");
	flat = palloc(VARHDRSZ + FLAT_HDR + len);
	SET_VARSIZE(flat, VARHDRSZ + FLAT_HDR + len);
	flat[VARHDRSZ] = FLAT_MAGIC;
	flat[VARHDRSZ + 1] = (char) ops->kind;
	flat[VARHDRSZ + 2] = FLAT_VERSION;
	flat[VARHDRSZ + 3] = 0;
	memcpy(flat + VARHDRSZ + FLAT_HDR, buf, len);
	return PointerGetDatum(flat);
}

static CG_NORETURN void
bad_text(const char *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type agg_state: \"%.40s%s\"", s, strlen(s) > 40 ? "..." : ""),
			 errdetail("The text form is a kind (care_gap, distribution, concentration, theil_decomposition, spatial, breaks), a colon and base64.")));
	pg_unreachable();
}

/* agg_state_in(cstring): 'kind:base64' */
Datum
cg_agg_state_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	const char *colon = strchr(s, ':');
	const CgStateOps *ops = NULL;
	size_t		tlen,
				n;
	unsigned char *buf;
	cg_status	st;
	int			k;

	if (colon == NULL)
		bad_text(s);
	for (k = CG_SK_GAP; k <= CG_SK_BREAKS; k++)
		if (strlen(ops_of_kind(k)->name) == (size_t) (colon - s) &&
			strncmp(ops_of_kind(k)->name, s, colon - s) == 0)
			ops = ops_of_kind(k);
	if (ops == NULL)
		bad_text(s);
	tlen = strlen(colon + 1);
	if (ops->check != NULL && !ops->has_external)
	{
		/* decoded straight into the flat value, then checked there */
		char	   *flat = new_flat(ops, cg_b64_decoded_max(tlen));

		CG_RUN_KERNEL(st, cg_b64_decode(colon + 1, tlen, (unsigned char *) flat + VARHDRSZ + FLAT_HDR,
										cg_b64_decoded_max(tlen), &n));
		if (st != CG_OK)
			bad_text(s);
		ops->check(flat + VARHDRSZ + FLAT_HDR, n);
		SET_VARSIZE(flat, VARHDRSZ + FLAT_HDR + n);
		PG_RETURN_POINTER(flat);
	}
	buf = palloc_extended(cg_b64_decoded_max(tlen) + 1, MCXT_ALLOC_HUGE);
	CG_RUN_KERNEL(st, cg_b64_decode(colon + 1, tlen, buf, cg_b64_decoded_max(tlen), &n));
	if (st != CG_OK)
		bad_text(s);
	PG_RETURN_DATUM(from_external(ops, (const char *) buf, n));
}

/* The text form's buffer: 'kind:', room for elen characters, slack bytes, a NUL. */
static char *
text_buffer(const CgStateOps *ops, Size plen, Size slack, Size *elen_out)
{
	Size		nlen = strlen(ops->name),
				elen = cg_b64_encoded_len(plen);
	char	   *out;

	if (elen == 0 && plen > 0)
		elen = MaxAllocHugeSize;
	if (elen > MaxAllocSize - nlen - slack - 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the %s state is too large for its text form (%zu bytes)", ops->name, plen),
				 errhint("The text form of a state holds at most 1 GB; group the rows into smaller groups.")));
	out = cg_alloc_large(CurrentMemoryContext, nlen + 1 + elen + slack + 1);
	memcpy(out, ops->name, nlen);
	out[nlen] = ':';
	*elen_out = elen;
	return out + nlen + 1;
}

/*
 * agg_state_out(agg_state): 'kind:base64' of the external payload.  This is
 * how Citus ships every partial state, so the payload is not copied on the
 * way: a flat value is encoded where it lies, and a state that writes its
 * payload directly writes it at the end of the text's own buffer, which is
 * then encoded in place (cg_b64_encode reads each group before it writes
 * over it).
 */
Datum
cg_agg_state_out(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	CgStateHead *h = expanded_of(d);
	const CgStateOps *ops;
	const char *payload;
	bytea	   *copy = NULL;
	Size		plen,
				elen;
	char	   *txt;
	cg_status	st;

	if (h != NULL && !h->ops->has_external && h->ops->payload_size != NULL)
	{
		/* 8 bytes of slack: the payload starts at least plen / 3 + 8 after the text */
		ops = h->ops;
		plen = ops->payload_size(h);
		txt = text_buffer(ops, plen, 8, &elen);
		payload = txt + elen + 8 - plen;
		/* a cancel that does not raise: the payload is written again (the encoding overwrote it) */
		do
		{
			ops->write_payload(h, txt + elen + 8 - plen, plen);
			st = cg_b64_encode((const unsigned char *) payload, plen, txt);
			if (st == CG_E_CANCELED)
				CHECK_FOR_INTERRUPTS();
		} while (st == CG_E_CANCELED);
	}
	else
	{
		/* a flat payload that is the external one is encoded where it lies */
		if (h == NULL)
			ops = flat_parts(pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d)),
							 &payload, &plen);
		if (h != NULL || ops->has_external)
		{
			copy = external_payload(d, &ops);
			payload = VARDATA(copy);
			plen = VARSIZE(copy) - VARHDRSZ;
		}
		txt = text_buffer(ops, plen, 0, &elen);
		CG_RUN_KERNEL(st, cg_b64_encode((const unsigned char *) payload, plen, txt));
	}
	txt[elen] = '\0';
	if (copy != NULL)
		pfree(copy);
	PG_RETURN_CSTRING(txt - strlen(ops->name) - 1);
}

/* agg_state_recv(internal): kind byte, version byte, external payload */
Datum
cg_agg_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			kind = pq_getmsgbyte(buf);
	int			version = pq_getmsgbyte(buf);
	const CgStateOps *ops = ops_of_kind(kind);
	int			len = buf->len - buf->cursor;

	if (ops == NULL || version != FLAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary agg_state: kind %d, version %d", kind, version)));
	PG_RETURN_DATUM(from_external(ops, pq_getmsgbytes(buf, len), len));
}

/* agg_state_send(agg_state) */
Datum
cg_agg_state_send(PG_FUNCTION_ARGS)
{
	const CgStateOps *ops;
	bytea	   *payload = external_payload(PG_GETARG_DATUM(0), &ops);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, (int) ops->kind);
	pq_sendbyte(&buf, FLAT_VERSION);
	pq_sendbytes(&buf, VARDATA(payload), VARSIZE(payload) - VARHDRSZ);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
