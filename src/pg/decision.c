/*
 * decision.c — the decision family's SQL surface: class breaks (an
 * aggregate), the class of a value, the composite index with rank
 * uncertainty and the allocation planner (set-returning functions over an
 * inner query run as the caller).
 */
#include "cg_spatial_pg.h"
#include "pairstate.h"
#include "../kernel/cg_allocate.h"
#include "../kernel/cg_breaks.h"
#include "../kernel/cg_composite.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_breaks_trans);
PG_FUNCTION_INFO_V1(cg_breaks_trans_w);
PG_FUNCTION_INFO_V1(cg_breaks_combine);
PG_FUNCTION_INFO_V1(cg_breaks_final);
PG_FUNCTION_INFO_V1(cg_class_of_fn);
PG_FUNCTION_INFO_V1(cg_composite_srf);
PG_FUNCTION_INFO_V1(cg_allocate_srf);

/* ---- class breaks: the state collects (x, w) ---- */

typedef struct br_state
{
	CgStateHead xs;				/* an expanded caregap.agg_state */
	int32		k;
	int32		method;
	char	   *mtext;			/* the first row's method text (NULL after a combine or deserialize) */
	int			mlen;
	bool		weighted;
	int64		n,
				cap;
	double	   *x,
			   *w;
} br_state;

/* the state's payload: a 24-byte header (BR_MAGIC first), then 16 bytes a row */
#define BR_HDR 24
#define BR_MAGIC 0x43474252		/* "CGBR" */

static cg_breaks_method
parse_breaks_method(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "quantile") == 0)
		return CG_BREAKS_QUANTILE;
	if (pg_strcasecmp(s, "equal_interval") == 0 || pg_strcasecmp(s, "equal") == 0)
		return CG_BREAKS_EQUAL;
	if (pg_strcasecmp(s, "fisher_jenks") == 0 || pg_strcasecmp(s, "jenks") == 0 || pg_strcasecmp(s, "fisher") == 0)
		return CG_BREAKS_FISHER;
	if (pg_strcasecmp(s, "head_tail") == 0)
		return CG_BREAKS_HEADTAIL;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("breaks: unknown method \"%s\"", s),
			 errhint("Use quantile, equal_interval, fisher_jenks or head_tail.")));
	return CG_BREAKS_FISHER;
}

static const char *
breaks_method_name(int m)
{
	switch (m)
	{
		case CG_BREAKS_QUANTILE:
			return "quantile";
		case CG_BREAKS_EQUAL:
			return "equal_interval";
		case CG_BREAKS_FISHER:
			return "fisher_jenks";
		default:
			return "head_tail";
	}
}

/*
 * The method of a row after the first: the same text as the first row's
 * is the same method (no parsing); another text is parsed (an alias such
 * as 'jenks' for 'fisher_jenks' is the same method).
 */
static cg_breaks_method
parse_breaks_method_cached(br_state *s, text *t)
{
	int			len = VARSIZE_ANY_EXHDR(t);

	if (s->mtext != NULL && len == s->mlen && memcmp(VARDATA_ANY(t), s->mtext, len) == 0)
		return (cg_breaks_method) s->method;
	return parse_breaks_method(t);
}

/* A new state in a context of its own under parent. */
static br_state *
br_new(MemoryContext parent, int32 k, int32 method, bool weighted)
{
	br_state   *s = cg_xstate_create(parent, &cg_breaks_state_ops, sizeof(br_state));

	s->k = k;
	s->method = method;
	s->weighted = weighted;
	return s;
}

/* Room for m more rows: the capacity doubles, or grows to what is needed. */
static pg_noinline void
br_reserve(br_state *s, int64 m)
{
	MemoryContext ctx = CG_XSTATE_CONTEXT(s);
	int64		cap = s->cap ? 2 * s->cap : 256;

	if (cap < s->n + m)
		cap = s->n + m;
	if ((Size) cap * sizeof(double) > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("breaks: too many rows in one group")));
	s->cap = cap;
	s->x = s->x ? repalloc_huge(s->x, cap * sizeof(double)) :
		MemoryContextAllocHuge(ctx, cap * sizeof(double));
	s->w = s->w ? repalloc_huge(s->w, cap * sizeof(double)) :
		MemoryContextAllocHuge(ctx, cap * sizeof(double));
}

static inline void
br_add(br_state *s, double x, double w)
{
	if (s->n == s->cap)
		br_reserve(s, 1);
	s->x[s->n] = x;
	s->w[s->n++] = w;
}

static Datum
breaks_trans(FunctionCallInfo fcinfo, bool weighted)
{
	br_state   *s = cg_xstate_arg0(fcinfo, &cg_breaks_state_ops);
	int			ka = weighted ? 3 : 2;
	int32		k;
	int32		method;

	if (PG_ARGISNULL(ka) || PG_ARGISNULL(ka + 1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("breaks: k and the method must not be null")));
	k = PG_GETARG_INT32(ka);
	if (s == NULL)
	{
		method = (int32) parse_breaks_method(PG_GETARG_TEXT_PP(ka + 1));
		if (k < 1 || k > 64)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("breaks: k must be between 1 and 64"),
					 errdetail("The value was %d.", k)));
		s = br_new(cg_agg_context(fcinfo, "breaks transition"), k, method, weighted);
		{
			text	   *t = PG_GETARG_TEXT_PP(ka + 1);

			s->mlen = VARSIZE_ANY_EXHDR(t);
			s->mtext = MemoryContextAlloc(CG_XSTATE_CONTEXT(s), s->mlen + 1);
			memcpy(s->mtext, VARDATA_ANY(t), s->mlen);
			s->mtext[s->mlen] = '\0';
		}
	}
	else if (!cg_agg_args_stable(fcinfo, ka - 1) &&
			 (k != s->k ||
			  (int32) parse_breaks_method_cached(s, PG_GETARG_TEXT_PP(ka + 1)) != s->method))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("breaks: k and the method must be the same in every row of a group")));
	if (PG_ARGISNULL(1) || (weighted && PG_ARGISNULL(2)))
		CG_RETURN_XSTATE(s);	/* NULLs are skipped */
	br_add(s, PG_GETARG_FLOAT8(1), weighted ? PG_GETARG_FLOAT8(2) : 1.0);
	CG_RETURN_XSTATE(s);
}

Datum
cg_breaks_trans(PG_FUNCTION_ARGS)
{
	return breaks_trans(fcinfo, false);
}

Datum
cg_breaks_trans_w(PG_FUNCTION_ARGS)
{
	return breaks_trans(fcinfo, true);
}

static int64 breaks_parse(const char *in, Size len, int32 *k, int32 *method, bool *weighted);
static void br_append_rows(br_state *s, const char *rows, int64 n);

static CG_NORETURN void
breaks_mixed(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("breaks: k and the method must be the same in every row of a group")));
	pg_unreachable();
}

/*
 * breaks_combine(agg_state, agg_state).  A flat second state (a parallel
 * worker's, or one read from text on a Citus coordinator) is appended
 * straight from its payload to the group's rows; an expanded one row by row.
 */
Datum
cg_breaks_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = cg_agg_context(fcinfo, "breaks_combine");
	br_state   *a = cg_xstate_get(fcinfo, 0, &cg_breaks_state_ops),
			   *b;
	int64		i;
	const char *in;
	Size		len;

	if (a != NULL && !PG_ARGISNULL(1) &&
		cg_xstate_flat_payload(fcinfo, 1, &cg_breaks_state_ops, &in, &len))
	{
		int32		k,
					method;
		bool		weighted;
		int64		n = breaks_parse(in, len, &k, &method, &weighted);

		if (a->k != k || a->method != method)
			breaks_mixed();
		br_append_rows(a, in + BR_HDR, n);
		CG_RETURN_XSTATE(a);
	}
	b = cg_xstate_get(fcinfo, 1, &cg_breaks_state_ops);
	if (b == NULL)
		CG_RETURN_XSTATE(a);
	if (a == NULL && CG_XSTATE_FRESH(b))
	{
		b->xs.fresh = false;	/* just read: it becomes the group's */
		CG_RETURN_XSTATE(b);
	}
	if (a == NULL)
		a = br_new(aggctx, b->k, b->method, b->weighted);
	else if (a->k != b->k || a->method != b->method)
		breaks_mixed();
	for (i = 0; i < b->n; i++)
	{
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		br_add(a, b->x[i], b->w[i]);
	}
	if (CG_XSTATE_FRESH(b))
		MemoryContextDelete(CG_XSTATE_CONTEXT(b));	/* read for this call only */
	CG_RETURN_XSTATE(a);
}

/*
 * The payload: "CGBR", k, method, weighted, n (big-endian integers of 4, 4,
 * 4, 4 and 8 bytes), then the n rows (x, w), each a big-endian double.
 */
static inline void
br_put32(char *p, uint32 v)
{
	v = pg_hton32(v);
	memcpy(p, &v, 4);
}

static inline uint32
br_get32(const char *p)
{
	uint32		v;

	memcpy(&v, p, 4);
	return pg_ntoh32(v);
}

static inline void
br_put_double(char *p, double d)
{
	uint64		v;

	memcpy(&v, &d, 8);
	v = pg_hton64(v);
	memcpy(p, &v, 8);
}

static inline double
br_get_double(const char *p)
{
	uint64		v;
	double		d;

	memcpy(&v, p, 8);
	v = pg_ntoh64(v);
	memcpy(&d, &v, 8);
	return d;
}

static Size
breaks_payload_size(void *state)
{
	br_state   *s = (br_state *) state;

	if (s->n > (int64) ((MaxAllocSize - 64) / 16))
		cg_report(CG_E_TOO_LARGE, "breaks", NAN,
				  "A state passed between processes holds at most 1 GB; group the rows into smaller groups.");
	return BR_HDR + (Size) s->n * 16;
}

static void
breaks_write_payload(void *state, char *dst, Size len)
{
	br_state   *s = (br_state *) state;
	int64		i;
	uint64		n = pg_hton64((uint64) s->n);

	Assert(len == BR_HDR + (Size) s->n * 16);
	br_put32(dst, BR_MAGIC);
	br_put32(dst + 4, (uint32) s->k);
	br_put32(dst + 8, (uint32) s->method);
	br_put32(dst + 12, s->weighted ? 1 : 0);
	memcpy(dst + 16, &n, 8);
	for (i = 0; i < s->n; i++)
	{
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		br_put_double(dst + BR_HDR + 16 * i, s->x[i]);
		br_put_double(dst + BR_HDR + 16 * i + 8, s->w[i]);
	}
}

static bytea *
breaks_serialize(void *state, bool external)
{
	Size		len = breaks_payload_size(state);
	bytea	   *out = cg_alloc_large(CurrentMemoryContext, VARHDRSZ + len);

	SET_VARSIZE(out, VARHDRSZ + len);
	breaks_write_payload(state, VARDATA(out), len);
	return out;
}

/* The header of a payload, checked whole (corrupt otherwise); returns n. */
static int64
breaks_parse(const char *in, Size len, int32 *k, int32 *method, bool *weighted)
{
	uint64		n;
	int32		wt;

	if (len < BR_HDR || len > MaxAllocSize || br_get32(in) != BR_MAGIC)
		cg_xstate_corrupt("breaks");
	*k = (int32) br_get32(in + 4);
	*method = (int32) br_get32(in + 8);
	wt = (int32) br_get32(in + 12);
	memcpy(&n, in + 16, 8);
	n = pg_ntoh64(n);
	if (*k < 1 || *k > 64 || *method < CG_BREAKS_QUANTILE || *method > CG_BREAKS_HEADTAIL ||
		(wt != 0 && wt != 1) || (len - BR_HDR) % 16 != 0 || n != (len - BR_HDR) / 16)
		cg_xstate_corrupt("breaks");
	*weighted = wt != 0;
	return (int64) n;
}

/* Append a payload's n rows (after its header) to s. */
static void
br_append_rows(br_state *s, const char *rows, int64 n)
{
	int64		i;

	if (s->n + n > s->cap)
		br_reserve(s, n);
	for (i = 0; i < n; i++)
	{
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		s->x[s->n + i] = br_get_double(rows + 16 * i);
		s->w[s->n + i] = br_get_double(rows + 16 * i + 8);
	}
	s->n += n;
}

static void *
breaks_deserialize(MemoryContext parent, const char *in, Size len, bool external)
{
	int32		k,
				method;
	bool		weighted;
	int64		n = breaks_parse(in, len, &k, &method, &weighted);
	br_state   *s = br_new(parent, k, method, weighted);

	br_append_rows(s, in + BR_HDR, n);
	return s;
}

static void
breaks_check(const char *in, Size len)
{
	int32		k,
				method;
	bool		weighted;

	(void) breaks_parse(in, len, &k, &method, &weighted);
}

const CgStateOps cg_breaks_state_ops = {
	CG_SK_BREAKS, "breaks", breaks_serialize, breaks_deserialize, false,
	breaks_payload_size, breaks_write_payload, breaks_check
};

Datum
cg_breaks_final(PG_FUNCTION_ARGS)
{
	br_state   *s = cg_xstate_final(fcinfo, &cg_breaks_state_ops);
	double		bounds[64],
				gvf;
	uint64_t	counts[64];
	size_t		kk,
				bad;
	cg_status	st;
	Datum		v[6],
				bd[64],
				cd[64];
	bool		nl[6] = {false, false, false, false, false, false};
	TupleDesc	td;
	size_t		c;
	double	   *scratch;
	uint32	   *uscratch;

	if (s == NULL || s->n == 0)
		PG_RETURN_NULL();
	if ((Size) s->n > MaxAllocHugeSize / (10 * sizeof(double)) ||
		(Size) s->n > MaxAllocHugeSize / ((Size) s->k * sizeof(uint32)))
		cg_report(CG_E_TOO_LARGE, "breaks", NAN, "Group the rows into smaller groups.");
	/* large buffers with huge-page advice: their first touch is most of a quantile's cost */
	scratch = cg_alloc_large(CurrentMemoryContext, 10 * (Size) s->n * sizeof(double));
	uscratch = s->method == CG_BREAKS_FISHER ?
		cg_alloc_large(CurrentMemoryContext, (Size) s->k * s->n * sizeof(uint32)) : NULL;
	CG_RUN_KERNEL(st, cg_breaks(s->x, s->weighted ? s->w : NULL, (size_t) s->n, (size_t) s->k,
								(cg_breaks_method) s->method, scratch, uscratch,
								bounds, counts, &kk, &gvf, &bad));
	if (st == CG_E_NAN || st == CG_E_INFINITE || st == CG_E_NEGATIVE)
		ereport(ERROR,
				(errcode(st == CG_E_INFINITE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("breaks: values must be finite (and weights not negative)"),
				 errdetail("The value was %g.", s->x[bad])));
	if (st == CG_E_NONPOSITIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("breaks: the weights sum to 0")));
	if (st != CG_OK)
		cg_report(st, "breaks", NAN, NULL);
	for (c = 0; c < kk; c++)
	{
		bd[c] = Float8GetDatum(bounds[c]);
		cd[c] = Int64GetDatum((int64) counts[c]);
	}
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);
	v[0] = CStringGetTextDatum(breaks_method_name(s->method));
	v[1] = Int32GetDatum(s->k);
	v[2] = Int32GetDatum((int32) kk);
	v[3] = PointerGetDatum(construct_array(bd, (int) kk, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	v[4] = PointerGetDatum(construct_array(cd, (int) kk, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	v[5] = Float8GetDatum(gvf);
	nl[5] = isnan(gvf);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nl)));
}

/* class_of(x, bounds): 1-based class, right-closed; NULL for a NULL x */
Datum
cg_class_of_fn(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *el;
	bool	   *nulls;
	int			n,
				i;
	double	   *b;

	if (isnan(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("class_of: x must not be NaN")));
	deconstruct_array(a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &el, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("class_of: bounds must not be empty")));
	b = palloc(n * sizeof(double));
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("class_of: bounds must not contain nulls")));
		b[i] = DatumGetFloat8(el[i]);
		if (isnan(b[i]) || (i > 0 && !(b[i] > b[i - 1])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("class_of: bounds must increase")));
	}
	PG_RETURN_INT32((int32) cg_class_of(b, (size_t) n, x) + 1);
}

/* ---- helpers of the set-returning functions ---- */

typedef struct idrow
{
	char	   *id;
	double	   *v;
	uint64		nulls;			/* bit c: column c was NULL (only optional columns may be) */
} idrow;

static int
cmp_idrow(const void *a, const void *b, void *arg)
{
	return strcmp(((const idrow *) a)->id, ((const idrow *) b)->id);
}

/*
 * Run the units query as the caller: column id and the double precision
 * columns named in cols (or, with cols NULL, every other column: *p of
 * them); rows sorted by id; NULLs in optional columns (opt[c]) become NaN.
 */
static idrow *
read_units(text *query, const char *fname, const char *const *cols, const bool *opt, int ncols,
		   int64 *n, int *p)
{
	char	   *q = text_to_cstring(query);
	TupleDesc	td;
	int			cid,
				c,
				np;
	int		   *at;
	Oid		   *ctype;
	uint64		r;
	idrow	   *rows;
	MemoryContext outer = CurrentMemoryContext;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	cg_spi_read(q, fname, "units");
	td = SPI_tuptable->tupdesc;
	cid = SPI_fnumber(td, "id");
	if (cid <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: the units query has no column \"id\"", fname)));
	np = cols ? ncols : td->natts - 1;
	at = MemoryContextAlloc(outer, Max(np, 1) * sizeof(int));
	if (cols)
		for (c = 0; c < ncols; c++)
		{
			at[c] = SPI_fnumber(td, cols[c]);
			if (at[c] <= 0 && !opt[c])
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_COLUMN),
						 errmsg("%s: the units query has no column \"%s\"", fname, cols[c])));
		}
	else
	{
		int			a,
					k = 0;

		for (a = 1; a <= td->natts; a++)
			if (a != cid)
				at[k++] = a;
	}
	ctype = MemoryContextAlloc(outer, Max(np, 1) * sizeof(Oid));
	for (c = 0; c < np; c++)
	{
		ctype[c] = at[c] > 0 ? SPI_gettypeid(td, at[c]) : FLOAT8OID;
		if (!cg_number_type_ok(ctype[c]))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: column \"%s\" of the units query must be a number (double precision, real, smallint, integer, bigint or numeric), not %s", fname,
							SPI_fname(td, at[c]), format_type_be(ctype[c]))));
	}
	rows = MemoryContextAllocExtended(outer, Max(SPI_processed, 1) * sizeof(idrow), MCXT_ALLOC_HUGE);
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		char	   *id = SPI_getvalue(tup, td, cid);

		if (id == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: a unit has a null id", fname)));
		rows[r].id = MemoryContextStrdup(outer, id);
		rows[r].v = MemoryContextAlloc(outer, Max(np, 1) * sizeof(double));
		rows[r].nulls = 0;
		for (c = 0; c < np; c++)
		{
			bool		isnull = true;
			Datum		d = at[c] > 0 ? SPI_getbinval(tup, td, at[c], &isnull) : (Datum) 0;

			if (isnull && !(cols && opt[c]))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: unit %s has a null %s", fname, id, SPI_fname(td, at[c]))));
			rows[r].v[c] = isnull ? NAN : cg_number_datum(d, ctype[c]);
			if (isnull)
				rows[r].nulls |= UINT64CONST(1) << c;
		}
	}
	*n = (int64) SPI_processed;
	*p = np;
	SPI_finish();
	qsort_interruptible(rows, (size_t) *n, sizeof(idrow), cmp_idrow, NULL);
	for (r = 1; r < (uint64) *n; r++)
		if (strcmp(rows[r].id, rows[r - 1].id) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: id %s appears more than once", fname, rows[r].id)));
	return rows;
}

/* ---- composite index ---- */

/* the most ranks the Monte Carlo keeps: 2^28 uint32, 1 GB */
#define CG_COMPOSITE_MAX_CELLS 268435456.0

Datum
cg_composite_srf(PG_FUNCTION_ARGS)
{
	const char *fname = "composite";
	idrow	   *rows;
	int64		n,
				i;
	int			p,
				j,
				nd;
	cg_composite_spec sp;
	signed char *dir;
	double	   *x,
			   *w,
			   *score,
			   *rank,
			   *md,
			   *lo,
			   *hi,
			   *given = NULL,
			   *gl = NULL,
			   *gh = NULL;
	char	   *s;
	int32		draws;
	size_t		bad = 0;
	cg_status	st;
	TupleDesc	td;
	Tuplestorestate *ts;
	Datum	   *wd;

	for (j = 0; j < 10; j++)
		if (j != 1 && j != 4 && PG_ARGISNULL(j))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: only directions, weights and the goalposts may be null", fname)));
	rows = read_units(PG_GETARG_TEXT_PP(0), fname, NULL, NULL, 0, &n, &p);
	if (p < 1 || p > 64 || n < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the units query needs at least 2 units and 1 to 64 indicator columns after id", fname)));
	memset(&sp, 0, sizeof(sp));
	sp.n = (size_t) n;
	sp.p = (size_t) p;
	x = palloc_extended(n * p * sizeof(double), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
		for (j = 0; j < p; j++)
			x[i * p + j] = rows[i].v[j];
	sp.x = x;
	dir = palloc(p);
	for (j = 0; j < p; j++)
		dir[j] = 1;
	if (!PG_ARGISNULL(1))
	{
		Datum	   *el;
		bool	   *nulls;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), INT4OID, 4, true, TYPALIGN_INT, &el, &nulls, &nd);
		if (nd != p)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: directions has %d elements for %d indicators", fname, nd, p)));
		for (j = 0; j < p; j++)
		{
			int32		d = nulls[j] ? 0 : DatumGetInt32(el[j]);

			if (d != 1 && d != -1)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: each direction must be 1 or -1", fname)));
			dir[j] = (signed char) d;
		}
	}
	sp.direction = dir;
	s = text_to_cstring(PG_GETARG_TEXT_PP(2));
	sp.norm = pg_strcasecmp(s, "minmax") == 0 ? CG_NORM_MINMAX : pg_strcasecmp(s, "zscore") == 0 ? CG_NORM_ZSCORE :
		pg_strcasecmp(s, "rank") == 0 ? CG_NORM_RANK : pg_strcasecmp(s, "goalposts") == 0 ? CG_NORM_GOALPOSTS :
		pg_strcasecmp(s, "target") == 0 ? CG_NORM_TARGET : 0;
	if (sp.norm == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown normalization \"%s\"", fname, s),
				 errhint("Use minmax, zscore, rank, goalposts (with goalposts_lo and goalposts_hi) or target (with targets).")));
	s = text_to_cstring(PG_GETARG_TEXT_PP(3));
	sp.wmode = pg_strcasecmp(s, "equal") == 0 ? CG_W_EQUAL : pg_strcasecmp(s, "given") == 0 ? CG_W_GIVEN :
		pg_strcasecmp(s, "entropy") == 0 ? CG_W_ENTROPY : 0;
	if (sp.wmode == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown weighting \"%s\"", fname, s),
				 errhint("Use equal, given (with weights) or entropy.")));
	if (sp.wmode == CG_W_GIVEN)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: weighting given needs weights", fname)));
		given = cg_float8_array_arg(PG_GETARG_ARRAYTYPE_P(4), fname, "weights", &nd);
		if (nd != p)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: weights has %d elements for %d indicators", fname, nd, p)));
		sp.w = given;
	}
	s = text_to_cstring(PG_GETARG_TEXT_PP(5));
	sp.agg = pg_strcasecmp(s, "arithmetic") == 0 ? CG_AGG_ARITHMETIC :
		pg_strcasecmp(s, "geometric") == 0 ? CG_AGG_GEOMETRIC : 0;
	if (sp.agg == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown aggregation \"%s\"", fname, s),
				 errhint("Use arithmetic or geometric.")));
	if (sp.norm == CG_NORM_GOALPOSTS)
	{
		if (PG_ARGISNULL(10) || PG_ARGISNULL(11))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: goalposts need goalposts_lo and goalposts_hi", fname)));
		gl = cg_float8_array_arg(PG_GETARG_ARRAYTYPE_P(10), fname, "goalposts_lo", &nd);
		if (nd != p)
			ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR), errmsg("%s: goalposts_lo needs %d elements", fname, p)));
		gh = cg_float8_array_arg(PG_GETARG_ARRAYTYPE_P(11), fname, "goalposts_hi", &nd);
		if (nd != p)
			ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR), errmsg("%s: goalposts_hi needs %d elements", fname, p)));
		sp.lo = gl;
		sp.hi = gh;
	}
	if (sp.norm == CG_NORM_TARGET)
	{
		if (PG_ARGISNULL(12))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: normalization target needs targets", fname)));
		gh = cg_float8_array_arg(PG_GETARG_ARRAYTYPE_P(12), fname, "targets", &nd);
		if (nd != p)
			ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR), errmsg("%s: targets needs %d elements", fname, p)));
		sp.hi = gh;
	}
	/* each option checked here, with its own message (the kernel checks again) */
	if (sp.agg == CG_AGG_GEOMETRIC && (sp.norm == CG_NORM_ZSCORE || sp.norm == CG_NORM_TARGET))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: geometric aggregation needs values in [0, 1]: normalization minmax, rank or goalposts, not %s",
						fname, sp.norm == CG_NORM_ZSCORE ? "zscore" : "target")));
	for (j = 0; given && j < p; j++)
	{
		if (isnan(given[j]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: weight %d must not be NaN", fname, j + 1)));
		if (!isfinite(given[j]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: weight %d must be finite", fname, j + 1)));
		if (given[j] < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: weight %d must not be negative", fname, j + 1),
					 errdetail("The value was %g.", given[j])));
	}
	for (j = 0; gl && j < p; j++)
	{
		if (isnan(gl[j]) || isnan(gh[j]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the goalposts of indicator %d must not be NaN", fname, j + 1)));
		if (!isfinite(gl[j]) || !isfinite(gh[j]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: the goalposts of indicator %d must be finite", fname, j + 1),
					 errdetail("goalposts_lo was %g, goalposts_hi %g.", gl[j], gh[j])));
		if (!(gl[j] < gh[j]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: goalposts_lo must be below goalposts_hi for indicator %d", fname, j + 1),
					 errdetail("goalposts_lo was %g, goalposts_hi %g.", gl[j], gh[j])));
	}
	for (j = 0; sp.norm == CG_NORM_TARGET && j < p; j++)
		if (!(gh[j] > 0.0 && isfinite(gh[j])))
			ereport(ERROR,
					(errcode(isinf(gh[j]) ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: target %d must be positive and finite", fname, j + 1),
					 errdetail("The value was %g.", gh[j])));
	draws = PG_GETARG_INT32(6);
	if (draws < 0 || draws > 100000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: draws must be between 0 and 100000", fname),
				 errdetail("The value was %d.", draws)));
	if (draws > 0)
	{
		double		delta = PG_GETARG_FLOAT8(8);
		bool		vary_agg = PG_GETARG_BOOL(9),
					vary_norm = PG_ARGISNULL(13) ? false : PG_GETARG_BOOL(13);

		if (!(delta >= 0.0 && delta <= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: delta (the relative change of the weights in the draws) must be in [0, 1]", fname),
					 errdetail("The value was %g.", delta)));
		if (vary_agg && !vary_norm && (sp.norm == CG_NORM_ZSCORE || sp.norm == CG_NORM_TARGET))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: vary_aggregation draws geometric aggregations, which need normalization minmax, rank or goalposts, not %s",
							fname, sp.norm == CG_NORM_ZSCORE ? "zscore" : "target")));
		/* the rank table (a uint32 per unit and draw) is bounded before anything is allocated */
		if ((double) n * (double) draws > CG_COMPOSITE_MAX_CELLS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: " INT64_FORMAT " units times %d draws is more ranks than the limit of %.0f (1 GB)",
							fname, n, draws, (double) CG_COMPOSITE_MAX_CELLS),
					 errhint("Use at most %.0f draws for " INT64_FORMAT " units.",
							 floor((double) CG_COMPOSITE_MAX_CELLS / (double) n), n)));
	}
	w = palloc(p * sizeof(double));
	score = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
	rank = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
	md = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
	lo = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
	hi = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
	{
		double	   *scratch = palloc_extended((3 * n * p + 4 * n + (n * (int64) Max(draws, 1) + 1) / 2) * sizeof(double),
											  MCXT_ALLOC_HUGE);

		CG_RUN_KERNEL(st, cg_composite(&sp, w, score, rank, scratch, &bad));
		if (st == CG_OK && draws > 0)
			CG_RUN_KERNEL(st, cg_composite_mc(&sp, (uint64) PG_GETARG_INT64(7), (size_t) draws,
											  PG_GETARG_FLOAT8(8), PG_GETARG_BOOL(9),
											  PG_ARGISNULL(13) ? false : PG_GETARG_BOOL(13),
											  md, lo, hi, scratch, &bad));
	}
	if (st == CG_E_NAN || st == CG_E_INFINITE)
		ereport(ERROR,
				(errcode(st == CG_E_INFINITE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: indicator %d of unit %s must be %s", fname, (int) (bad % p) + 1, rows[bad / p].id,
						st == CG_E_NAN ? "a number, not NaN" : "finite")));
	if (st == CG_E_NONPOSITIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the weights sum to 0", fname),
				 errhint(sp.wmode == CG_W_ENTROPY ? "Entropy weights are 0 for indicators that do not vary; no indicator varies here." :
						 "Give at least one positive weight.")));
	if (st != CG_OK)
		cg_report(st, fname, NAN, NULL);
	ts = cg_srf_begin(fcinfo, &td);
	wd = palloc(p * sizeof(Datum));
	for (j = 0; j < p; j++)
		wd[j] = Float8GetDatum(w[j]);
	for (i = 0; i < n; i++)
	{
		Datum		v[7];
		bool		nl[7] = {false, false, false, false, false, false, false};

		v[0] = CStringGetTextDatum(rows[i].id);
		v[1] = Float8GetDatum(score[i]);
		v[2] = Int32GetDatum((int32) rank[i]);
		v[3] = Float8GetDatum(md[i]);
		v[4] = Float8GetDatum(lo[i]);
		v[5] = Float8GetDatum(hi[i]);
		nl[3] = nl[4] = nl[5] = draws == 0;
		v[6] = PointerGetDatum(construct_array(wd, p, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		tuplestore_putvalues(ts, td, v, nl);
	}
	return (Datum) 0;
}

/* ---- allocation planner ---- */

Datum
cg_allocate_srf(PG_FUNCTION_ARGS)
{
	const char *fname = "allocate";
	static const char *const cols[5] = {"supply", "demand", "cost", "min_add", "max_add"};
	static const bool opt[5] = {false, false, true, true, true};
	idrow	   *rows;
	int64		n,
				i;
	int			p;
	double		budget,
				target,
			   *S,
			   *D,
			   *cost,
			   *lo,
			   *hi,
			   *x;
	bool		integer;
	char	   *o;
	cg_alloc_objective obj;
	size_t		bad = 0;
	cg_status	st;
	TupleDesc	td;
	Tuplestorestate *ts;

	for (p = 0; p < 5; p++)
		if (PG_ARGISNULL(p))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: the arguments must not be null", fname)));
	budget = PG_GETARG_FLOAT8(1);
	target = PG_GETARG_FLOAT8(2);
	o = text_to_cstring(PG_GETARG_TEXT_PP(3));
	integer = PG_GETARG_BOOL(4);
	if (pg_strcasecmp(o, "minmax") == 0)
		obj = CG_ALLOC_MINMAX;
	else if (pg_strcasecmp(o, "shortfall") == 0)
		obj = CG_ALLOC_SHORTFALL;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown objective \"%s\"", fname, o),
				 errhint("Use minmax (the largest gap) or shortfall (the total shortfall).")));
	if (isnan(budget))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the budget must not be NaN", fname)));
	if (isnan(target))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the target ratio must not be NaN", fname)));
	if (isinf(budget))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the budget must be finite", fname),
				 errhint("To close every gap, give a budget of their total cost.")));
	rows = read_units(PG_GETARG_TEXT_PP(0), fname, cols, opt, 5, &n, &p);
	S = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	D = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	cost = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	lo = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	hi = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	x = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		int			c;

		/* a NULL cost, min_add or max_add is the default; NaN is an error */
		for (c = 0; c < 5; c++)
			if (isnan(rows[i].v[c]) && !(rows[i].nulls & (UINT64CONST(1) << c)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: unit %s: %s must not be NaN", fname, rows[i].id, cols[c]),
						 c >= 2 ? errhint("Leave %s NULL for its default.", cols[c]) : 0));
		S[i] = rows[i].v[0];
		D[i] = rows[i].v[1];
		cost[i] = (rows[i].nulls & 4) ? 1.0 : rows[i].v[2];
		lo[i] = (rows[i].nulls & 8) ? 0.0 : rows[i].v[3];
		hi[i] = (rows[i].nulls & 16) ? INFINITY : rows[i].v[4];
	}
	{
		void	   *scratch = palloc_extended(Max(n, 1) * 2 * sizeof(double), MCXT_ALLOC_HUGE);

		CG_RUN_KERNEL(st, cg_allocate((size_t) n, S, D, cost, lo, hi, target, budget, obj, integer,
									  scratch, x, &bad));
	}
	if (st == CG_E_MISMATCH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the minimum places (min_add) cost more than the budget", fname)));
	if (st == CG_E_NEGATIVE && budget < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the budget must not be negative", fname),
				 errdetail("The value was %g.", budget)));
	if (st == CG_E_NONPOSITIVE && !(target > 0.0 && isfinite(target)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the target ratio must be positive and finite", fname),
				 errdetail("The value was %g.", target)));
	if (st == CG_E_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: unit %s: %s", fname, n > 0 ? rows[bad].id : "?",
						integer ? "its places would pass 2^53, beyond what double precision counts one by one, or target times demand is out of range"
						: "target times demand is out of range for type double precision"),
				 errhint("Scale supply and demand down (for instance to thousands).")));
	if (st == CG_E_NAN || st == CG_E_INFINITE)
		ereport(ERROR,
				(errcode(st == CG_E_INFINITE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unit %s: supply, demand, cost and min_add must be finite", fname, n > 0 ? rows[bad].id : "?")));
	if (st == CG_E_NEGATIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unit %s: supply, demand and min_add must not be negative", fname, n > 0 ? rows[bad].id : "?")));
	if (st == CG_E_NONPOSITIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unit %s: cost must be positive", fname, n > 0 ? rows[bad].id : "?"),
				 errdetail("The value was %g.", cost[bad])));
	if (st == CG_E_CORRUPT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unit %s: min_add must not be above max_add%s", fname, n > 0 ? rows[bad].id : "?",
						integer ? " (in whole places: ceil(min_add) <= floor(max_add))" : ""),
				 errdetail("min_add was %g, max_add %g.", lo[bad], hi[bad])));
	if (st != CG_OK)
		cg_report(st, fname, NAN, NULL);
	ts = cg_srf_begin(fcinfo, &td);
	for (i = 0; i < n; i++)
	{
		Datum		v[8];
		bool		nl[8] = {false, false, false, false, false, false, false, false};
		double		sb = target * D[i] - S[i],
					sa = target * D[i] - S[i] - x[i];

		v[0] = CStringGetTextDatum(rows[i].id);
		v[1] = Float8GetDatum(S[i]);
		v[2] = Float8GetDatum(D[i]);
		v[3] = Float8GetDatum(x[i]);
		v[4] = Float8GetDatum(cg_alloc_gap(S[i], D[i], target, 0.0));
		v[5] = Float8GetDatum(cg_alloc_gap(S[i], D[i], target, x[i]));
		v[6] = Float8GetDatum(D[i] > 0 && sb > 0 ? sb : 0.0);
		v[7] = Float8GetDatum(D[i] > 0 && sa > 0 ? sa : 0.0);
		tuplestore_putvalues(ts, td, v, nl);
	}
	return (Datum) 0;
}
