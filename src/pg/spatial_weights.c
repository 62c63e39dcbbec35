/*
 * spatial_weights.c — ids, the weights relation and a group's weights for
 * the spatial statistics (cg_spatial_pg.h).
 */
#include "cg_spatial_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "access/xact.h"
#include "access/transam.h"
#include "utils/syscache.h"
#include "utils/acl.h"
#include "storage/lmgr.h"
#include "catalog/pg_class.h"

#include <errno.h>
#include <stdlib.h>

#include <math.h>

cg_idkind
cg_id_kind(Oid type, const char *fname)
{
	switch (type)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
			return CG_ID_INT;
		case TEXTOID:
		case VARCHAROID:
			return CG_ID_TEXT;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("%s: ids must be smallint, integer, bigint, text or varchar, not %s",
					fname, format_type_be(type))));
	return CG_ID_INT;			/* not reached */
}

char *
cg_id_string(const cg_ids *ids, int64 k)
{
	if (ids->kind == CG_ID_INT)
		return psprintf(INT64_FORMAT, ids->ik[k]);
	return pnstrdup(ids->sk[k], ids->sl[k]);
}

uint64
cg_id_stream_key(const cg_ids *ids, int64 k)
{
	uint64		h = UINT64CONST(0xcbf29ce484222325);
	int			b;

	if (ids->kind == CG_ID_INT)
		return (uint64) ids->ik[k];
	for (b = 0; b < ids->sl[k]; b++)
	{
		h ^= (unsigned char) ids->sk[k][b];
		h *= UINT64CONST(0x100000001b3);
	}
	return h;
}

static inline int
id_cmp(const cg_ids *a, int64 i, const cg_ids *b, int64 j)
{
	if (a->kind == CG_ID_INT)
		return a->ik[i] < b->ik[j] ? -1 : (a->ik[i] > b->ik[j]);
	{
		int			la = a->sl[i],
					lb = b->sl[j],
					c = memcmp(a->sk[i], b->sk[j], la < lb ? la : lb);

		if (c != 0)
			return c;
		return la < lb ? -1 : (la > lb);
	}
}

/* order of an index array by the ids it points into (arg: the ids) */
static int
cmp_index(const void *a, const void *b, void *arg)
{
	const cg_ids *ids = (const cg_ids *) arg;
	int64		i = *(const int64 *) a,
				j = *(const int64 *) b;
	int			c = id_cmp(ids, i, ids, j);

	return c != 0 ? c : (i < j ? -1 : (i > j));
}

/*
 * Integer ids: a stable LSD radix sort of the indices by key, a byte a pass
 * over the key with its sign bit flipped (a pass whose byte is the same for
 * every key is skipped).  Ties keep index order, as the comparison sort does.
 */
static void
radix_sort_index(const int64 *key, int64 *idx, int64 n)
{
	int64	   *tmp = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE),
			   *src = idx,
			   *dst = tmp,
				k,
				count[257];
	uint64		all_or = 0,
				all_and = ~UINT64CONST(0);
	int			pass;

	/* the bytes in which the keys differ: the others need no pass */
	for (k = 0; k < n; k++)
	{
		if ((k & 0x3FFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		all_or |= (uint64) key[idx[k]];
		all_and &= (uint64) key[idx[k]];
	}
	for (pass = 0; pass < 8; pass++)
	{
		int			shift = 8 * pass,
					d;
		int64		run = 0;

		if ((((all_or ^ all_and) >> shift) & 0xFF) == 0)
			continue;
		memset(count, 0, sizeof(count));
		for (k = 0; k < n; k++)
		{
			if ((k & 0x3FFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			count[(((uint64) key[src[k]] ^ UINT64CONST(0x8000000000000000)) >> shift & 0xFF) + 1]++;
		}
		for (d = 0; d < 256; d++)
			if (count[d + 1] == n)
				break;
		if (d < 256)
			continue;			/* one byte for all: nothing to do */
		for (d = 0; d < 256; d++)
		{
			run += count[d + 1];
			count[d + 1] = run;
		}
		for (k = 0; k < n; k++)
		{
			if ((k & 0x3FFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			dst[count[((uint64) key[src[k]] ^ UINT64CONST(0x8000000000000000)) >> shift & 0xFF]++] = src[k];
		}
		{
			int64	   *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != idx)
		memcpy(idx, src, n * sizeof(int64));
	pfree(tmp);
}

static void
sort_index(const cg_ids *ids, int64 *idx, int64 n)
{
	if (ids->kind == CG_ID_INT)
	{
		radix_sort_index(ids->ik, idx, n);
		return;
	}
	/* PostgreSQL's qsort that polls for interrupts: millions of text ids take seconds */
	qsort_interruptible(idx, (size_t) n, sizeof(int64), cmp_index, (void *) ids);
}

/* Place of id k of 'ids' among the sorted keys, or -1. */
static int64
find_key(const cg_ids *keys, int64 nkeys, const cg_ids *ids, int64 k)
{
	int64		lo = 0,
				hi = nkeys;

	if (keys->kind == CG_ID_INT)
	{
		int64		v = ids->ik[k];

		while (lo < hi)
		{
			int64		mid = lo + (hi - lo) / 2;

			if (keys->ik[mid] < v)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < nkeys && keys->ik[lo] == v ? lo : -1;
	}

	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;
		int			c = id_cmp(keys, mid, ids, k);

		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return mid;
	}
	return -1;
}

cg_spatial_cache *
cg_spatial_cache_get(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(cg_spatial_cache));
	return (cg_spatial_cache *) fcinfo->flinfo->fn_extra;
}

/*
 * A text id of the weights relation read as an integer (the data's ids are
 * integers): the whole text, optional sign and surrounding blanks, or an
 * error that names the relation, the column and the text.
 */
static int64
parse_int_id(Datum d, const char *relname, const char *col)
{
	char	   *s = TextDatumGetCString(d),
			   *p = s,
			   *end;
	long long	v;
	bool		range;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	errno = 0;
	v = strtoll(p, &end, 10);
	range = errno == ERANGE;
	if (end != p)
		while (*end == ' ' || *end == '\t' || *end == '\n')
			end++;
	if (end == p || *end != '\0' || range)
		ereport(ERROR,
				(errcode(range ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("weights relation %s: id \"%s\" in column %s is not a bigint, as the data's ids are",
						relname, s, col),
				 errhint("Give the weights relation and the data ids of the same kind: integers, or text.")));
	pfree(s);
	return (int64) v;
}

/* One id column value of a weights row, converted to kind, stored in ids at k. */
static void
put_id(cg_ids *ids, int64 k, Datum d, Oid type, const char *relname, const char *col)
{
	if (ids->kind == CG_ID_INT)
	{
		switch (type)
		{
			case INT2OID:
				ids->ik[k] = DatumGetInt16(d);
				return;
			case INT4OID:
				ids->ik[k] = DatumGetInt32(d);
				return;
			case INT8OID:
				ids->ik[k] = DatumGetInt64(d);
				return;
			default:
				/* text ids of the weights for integer ids of the data: parsed */
				ids->ik[k] = parse_int_id(d, relname, col);
				return;
		}
	}
	switch (type)
	{
		case INT2OID:
			ids->sk[k] = psprintf("%d", (int) DatumGetInt16(d));
			break;
		case INT4OID:
			ids->sk[k] = psprintf("%d", DatumGetInt32(d));
			break;
		case INT8OID:
			ids->sk[k] = psprintf(INT64_FORMAT, DatumGetInt64(d));
			break;
		default:
			{
				text	   *t = DatumGetTextPP(d);
				int			len = VARSIZE_ANY_EXHDR(t);

				ids->sk[k] = pnstrdup(VARDATA_ANY(t), len);
				ids->sl[k] = len;
				return;
			}
	}
	ids->sl[k] = (int) strlen(ids->sk[k]);
}

static void
alloc_ids(cg_ids *ids, cg_idkind kind, int64 n)
{
	ids->kind = kind;
	ids->ik = NULL;
	ids->sk = NULL;
	ids->sl = NULL;
	if (kind == CG_ID_INT)
		ids->ik = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE);
	else
	{
		ids->sk = palloc_extended(Max(n, 1) * sizeof(char *), MCXT_ALLOC_HUGE);
		ids->sl = palloc_extended(Max(n, 1) * sizeof(int), MCXT_ALLOC_HUGE);
	}
}

static bool
id_type_ok(Oid t)
{
	return t == INT2OID || t == INT4OID || t == INT8OID || t == TEXTOID || t == VARCHAROID;
}

static void
check_id_column(Oid relid, const char *relname, const char *col, AttrNumber *att, Oid *type)
{
	*att = get_attnum(relid, col);
	if (*att == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("weights relation %s has no column \"%s\"", relname, col),
				 errhint("A weights relation has columns i and j (unit ids) and, optionally, w (the weight).")));
	*type = get_atttype(relid, *att);
	if (strcmp(col, "w") != 0 && !id_type_ok(*type))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of weights relation %s must be smallint, integer, bigint, text or varchar, not %s",
						col, relname, format_type_be(*type))));
}

/*
 * The caller may read the weights relation: SELECT on it, or on each of its
 * columns i, j (and w).  Checked on every use, cached or not.
 */
static void
check_wrel_access(Oid relid, const char *relname, bool has_w)
{
	Oid			user = GetUserId();
	const char *cols[3] = {"i", "j", "w"};
	int			c;

	if (pg_class_aclcheck(relid, user, ACL_SELECT) == ACLCHECK_OK)
		return;
	for (c = 0; c < (has_w ? 3 : 2); c++)
	{
		AttrNumber	a = get_attnum(relid, cols[c]);

		if (a == InvalidAttrNumber || pg_attribute_aclcheck(relid, a, user, ACL_SELECT) != ACLCHECK_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied for weights relation %s", relname)));
	}
}

/*
 * What a cached read depends on: the role, the transaction, the command and
 * the snapshot (its horizon and the transactions it sees as running), and
 * whether row security applies.  Two reads with the same key see the same
 * rows; any other read is done again.
 */
static void
wrel_key(cg_wrel_key *k, Oid relid)
{
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;
	uint64		h = UINT64CONST(0xcbf29ce484222325);
	uint32		x;

	memset(k, 0, sizeof(*k));
	k->user = GetUserId();
	k->lxid = CG_MY_LXID();
	k->rls = check_enable_rls(relid, InvalidOid, true);
	if (snap == NULL)
	{
		k->nosnap = true;
		return;
	}
	k->curcid = snap->curcid;
	k->xmin = snap->xmin;
	k->xmax = snap->xmax;
	k->xcnt = snap->xcnt;
	k->subxcnt = snap->subxcnt;
	k->suboverflowed = snap->suboverflowed;
	for (x = 0; x < snap->xcnt; x++)
	{
		h ^= snap->xip[x];
		h *= UINT64CONST(0x100000001b3);
	}
	for (x = 0; x < (uint32) Max(snap->subxcnt, 0); x++)
	{
		h ^= snap->subxip[x];
		h *= UINT64CONST(0x100000001b3);
	}
	k->xiphash = h;
}

static bool
wrel_key_equal(const cg_wrel_key *a, const cg_wrel_key *b)
{
	/* no snapshot: nothing can be said to be the same, read again */
	if (a->nosnap || b->nosnap)
		return false;
	return a->user == b->user && a->lxid == b->lxid && a->rls == b->rls && a->curcid == b->curcid &&
		a->xmin == b->xmin && a->xmax == b->xmax && a->xcnt == b->xcnt && a->subxcnt == b->subxcnt &&
		a->suboverflowed == b->suboverflowed && a->xiphash == b->xiphash;
}

/* The rows of a weights relation as they are read: ids (two a row), links. */
typedef struct wreader
{
	MemoryContext work;
	cg_idkind	kind;
	Oid			ti,
				tj;
	bool		has_w;
	const char *relname;
	cg_ids		pts;
	int64	   *li,
			   *lj;
	double	   *lw;
	int64		rows,
				cap,			/* rows the arrays hold */
				expect,			/* rows the catalog expects, 0 if it cannot tell */
				m,
				npts;
} wreader;

/* the reader's arrays are sized for at most this many rows before the first row */
#define READER_PRESIZE_MAX ((int64) 1 << 20)

/*
 * The rows a weights relation is expected to have: pg_class.reltuples (as
 * of its last VACUUM or ANALYZE) with a tenth more for rows added since, at
 * most READER_PRESIZE_MAX; 0 when the catalog has no estimate (a view, or a
 * table never analysed).  Sizing the reader's arrays once saves the copies
 * of growing them by doubling, and the fresh memory each copy is written to.
 */
static int64
expected_rows(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	double		r = 0.0;

	if (HeapTupleIsValid(tup))
	{
		r = ((Form_pg_class) GETSTRUCT(tup))->reltuples;
		ReleaseSysCache(tup);
	}
	if (!(r > 0.0))
		return 0;
	return (int64) Min(r * 1.1 + 16.0, (double) READER_PRESIZE_MAX);
}

static void
reader_grow(wreader *rd)
{
	int64		cap = rd->cap == 0 ? Max(1024, rd->expect) : 2 * rd->cap;

	if (cap >= ((int64) 1 << 31))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("weights relation %s has more than 2^31 rows", rd->relname)));
	if (rd->cap == 0)
	{
		alloc_ids(&rd->pts, rd->kind, 2 * cap);
		rd->li = palloc_extended(cap * sizeof(int64), MCXT_ALLOC_HUGE);
		rd->lj = palloc_extended(cap * sizeof(int64), MCXT_ALLOC_HUGE);
		rd->lw = palloc_extended(cap * sizeof(double), MCXT_ALLOC_HUGE);
	}
	else
	{
		if (rd->kind == CG_ID_INT)
			rd->pts.ik = repalloc_huge(rd->pts.ik, 2 * cap * sizeof(int64));
		else
		{
			rd->pts.sk = repalloc_huge(rd->pts.sk, 2 * cap * sizeof(char *));
			rd->pts.sl = repalloc_huge(rd->pts.sl, 2 * cap * sizeof(int));
		}
		rd->li = repalloc_huge(rd->li, cap * sizeof(int64));
		rd->lj = repalloc_huge(rd->lj, cap * sizeof(int64));
		rd->lw = repalloc_huge(rd->lw, cap * sizeof(double));
	}
	rd->cap = cap;
}

/* One row (i, j [, w]) of the weights relation, in the reader's memory. */
static void
reader_row(wreader *rd, Datum di, bool ni, Datum dj, bool nj, Datum dw, bool nw)
{
	MemoryContext old = MemoryContextSwitchTo(rd->work);

	if ((rd->rows & 4095) == 0)
		CHECK_FOR_INTERRUPTS();
	if (rd->rows == rd->cap)
		reader_grow(rd);
	rd->rows++;
	if (ni)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("weights relation %s has a row with a null i", rd->relname)));
	put_id(&rd->pts, rd->npts, di, rd->ti, rd->relname, "i");
	rd->li[rd->m] = rd->npts++;
	if (!nj)					/* (i, NULL): unit i, declared without a link */
	{
		if (rd->has_w && nw)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("weights relation %s has a link from %s with a null w", rd->relname,
							cg_id_string(&rd->pts, rd->li[rd->m]))));
		put_id(&rd->pts, rd->npts, dj, rd->tj, rd->relname, "j");
		rd->lj[rd->m] = rd->npts++;
		rd->lw[rd->m] = rd->has_w ? DatumGetFloat8(dw) : 1.0;
		rd->m++;
	}
	MemoryContextSwitchTo(old);
}

static void
reader_receive(TupleTableSlot *slot, void *arg)
{
	wreader    *rd = arg;

	slot_getallattrs(slot);
	reader_row(rd, slot->tts_values[0], slot->tts_isnull[0], slot->tts_values[1], slot->tts_isnull[1],
			   rd->has_w ? slot->tts_values[2] : Float8GetDatum(1.0),
			   rd->has_w ? slot->tts_isnull[2] : false);
}

/*
 * The columns the executor is about to send are of the types that were
 * checked: the rows are read as what they are, never as what a relation of
 * the same name was a moment before.
 */
static void
reader_startup(TupleDesc typeinfo, void *arg)
{
	wreader    *rd = arg;

	if (typeinfo->natts != (rd->has_w ? 3 : 2) ||
		TupleDescAttr(typeinfo, 0)->atttypid != rd->ti ||
		TupleDescAttr(typeinfo, 1)->atttypid != rd->tj ||
		(rd->has_w && TupleDescAttr(typeinfo, 2)->atttypid != FLOAT8OID))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("weights relation %s changed while it was being read", rd->relname),
				 errhint("Run the statement again.")));
}

/*
 * The relation's definition was last changed by a transaction that this
 * statement's snapshot cannot see (an ALTER TABLE that rewrote it, say,
 * committed while the call waited for its lock): its rows would be read as
 * of a snapshot taken before they existed, and a rewritten table would look
 * empty.  That is a serialization failure (40001), never a silent answer.
 */
static void
check_wrel_unchanged(Oid relid, const char *relname)
{
	HeapTuple	tup;
	TransactionId xmin;

	if (!ActiveSnapshotSet())
		return;
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		return;
	xmin = HeapTupleHeaderGetXmin(tup->t_data);
	ReleaseSysCache(tup);
	if (TransactionIdIsNormal(xmin) && !TransactionIdIsCurrentTransactionId(xmin) &&
		XidInMVCCSnapshot(xmin, GetActiveSnapshot()))
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("weights relation %s was changed by a transaction that committed after this statement began", relname),
				 errhint("Run the statement again.")));
}

/*
 * Read the weights relation relid.  It is resolved and locked once, by OID
 * (AccessShareLock, held to the end of the transaction, so that it can be
 * neither dropped nor altered meanwhile); the query that reads it is
 * checked to read that very relation, and the types of the columns it
 * sends are checked before the first row.
 */
static cg_wrel *
load_wrel(Oid relid, cg_idkind kind, MemoryContext target)
{
	char	   *relname,
			   *nsp,
			   *query;
	AttrNumber	ai,
				aj,
				aw;
	Oid			ti,
				tj;
	bool		has_w;
	int64		m = 0,
				npts = 0,
				nkeys,
				k;
	wreader		rd;
	cg_ids		pts;
	int64	   *li,
			   *lj,
			   *order;
	double	   *lw;
	uint32	   *ui,
			   *uj,
			   *keyidx;
	cg_wrel    *wr;
	MemoryContext old,
				work,
				caller;
	size_t		bad;
	cg_status	st;
	char		relkind;
	int			ret;
	SPIPlanPtr	plan;
	ListCell   *lc;
	bool		reads_relid = false;

	LockRelationOid(relid, AccessShareLock);
	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("weights relation with OID %u does not exist", relid),
				 errhint("It may have been dropped by another session meanwhile.")));
	nsp = get_namespace_name(get_rel_namespace(relid));
	relname = quote_qualified_identifier(nsp, get_rel_name(relid));
	check_wrel_unchanged(relid, relname);
	relkind = get_rel_relkind(relid);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_VIEW && relkind != RELKIND_MATVIEW &&
		relkind != RELKIND_FOREIGN_TABLE && relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s is not a table, view or materialized view, so it cannot be a weights relation", relname)));
	check_id_column(relid, relname, "i", &ai, &ti);
	check_id_column(relid, relname, "j", &aj, &tj);
	aw = get_attnum(relid, "w");
	has_w = aw != InvalidAttrNumber;
	check_wrel_access(relid, relname, has_w);
	query = psprintf("SELECT i, j%s FROM %s", has_w ? ", w::pg_catalog.float8" : "", relname);

	caller = CurrentMemoryContext;
	work = AllocSetContextCreate(caller, "caregap weights", ALLOCSET_DEFAULT_SIZES);
	memset(&rd, 0, sizeof(rd));
	rd.work = work;
	rd.kind = kind;
	rd.ti = ti;
	rd.tj = tj;
	rd.has_w = has_w;
	rd.relname = relname;
	rd.expect = expected_rows(relid);
	old = MemoryContextSwitchTo(work);
	reader_grow(&rd);
	MemoryContextSwitchTo(old);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(query, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "could not prepare the read of weights relation %s", relname);
	/* the name must still lead to the relation that was locked and checked */
	foreach(lc, SPI_plan_get_plan_sources(plan))
	{
		CachedPlanSource *ps = (CachedPlanSource *) lfirst(lc);

		if (list_member_oid(ps->relationOids, relid))
			reads_relid = true;
	}
	if (!reads_relid)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("weights relation %s changed while it was being read", relname),
				 errhint("Run the statement again.")));
	/* read-only, with the caller's privileges: rows straight from the executor's slots */
	ret = cg_spi_read_slots(plan, reader_startup, reader_receive, &rd);
	if (ret != SPI_OK_SELECT && ret != SPI_OK_UTILITY)
		elog(ERROR, "could not read weights relation %s", relname);
	old = MemoryContextSwitchTo(work);
	pts = rd.pts;
	li = rd.li;
	lj = rd.lj;
	lw = rd.lw;
	m = rd.m;
	npts = rd.npts;

	/* the distinct ids, sorted */
	order = palloc_extended(Max(npts, 1) * sizeof(int64), MCXT_ALLOC_HUGE);
	for (k = 0; k < npts; k++)
		order[k] = k;
	sort_index(&pts, order, npts);
	MemoryContextSwitchTo(target);
	wr = palloc0(sizeof(cg_wrel));
	wr->relid = relid;
	wr->kind = kind;
	wr->has_w = has_w;
	wr->relname = MemoryContextStrdup(target, relname);
	alloc_ids(&wr->keys, kind, npts);
	nkeys = 0;
	MemoryContextSwitchTo(work);
	keyidx = palloc_extended(Max(npts, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	MemoryContextSwitchTo(target);
	for (k = 0; k < npts; k++)
	{
		if ((k & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (nkeys == 0 || id_cmp(&wr->keys, nkeys - 1, &pts, order[k]) != 0)
		{
			if (nkeys >= ((int64) 1 << 31))
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("weights relation %s has more than 2^31 distinct ids", relname)));
			if (kind == CG_ID_TEXT)
			{
				wr->keys.sk[nkeys] = pnstrdup(pts.sk[order[k]], pts.sl[order[k]]);
				wr->keys.sl[nkeys] = pts.sl[order[k]];
			}
			else
				wr->keys.ik[nkeys] = pts.ik[order[k]];
			nkeys++;
		}
		keyidx[order[k]] = (uint32) (nkeys - 1);
	}
	wr->nkeys = nkeys;
	MemoryContextSwitchTo(work);
	ui = palloc_extended(Max(m, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	uj = palloc_extended(Max(m, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	for (k = 0; k < m; k++)
	{
		ui[k] = keyidx[li[k]];
		uj[k] = keyidx[lj[k]];
	}
	MemoryContextSwitchTo(target);
	wr->wt.row = palloc_extended((nkeys + 1) * sizeof(size_t), MCXT_ALLOC_HUGE);
	wr->wt.col = palloc_extended(Max(m, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	wr->wt.w = palloc_extended(Max(m, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	CG_RUN_KERNEL(st, cg_weights_build((size_t) nkeys, (size_t) m, ui, uj, lw, 0, &wr->wt, &bad));
	if (st != CG_OK)
	{
		char	   *a = cg_id_string(&wr->keys, ui[bad]),
				   *b = cg_id_string(&wr->keys, uj[bad]);

		switch (st)
		{
			case CG_E_DUPLICATE:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("weights relation %s gives the link (%s, %s) more than once", relname, a, b)));
				break;
			case CG_E_SELF_LINK:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("weights relation %s links unit %s to itself", relname, a),
						 errhint("Self-links are not weights; Gi* adds each unit's own weight itself.")));
				break;
			case CG_E_NAN:
			case CG_E_INFINITE:
			case CG_E_NEGATIVE:
				ereport(ERROR,
						(errcode(st == CG_E_INFINITE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("weights relation %s: the weight of link (%s, %s) must be finite and not negative",
								relname, a, b),
						 errdetail("The weight was %g.", lw[bad])));
				break;
			default:
				cg_report(st, "weights", NAN, NULL);
		}
	}
	/* SPI_finish frees SPI's context and returns to the caller's, where we stay */
	SPI_finish();
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(work);
	return wr;
}

cg_wrel *
cg_wrel_get(FunctionCallInfo fcinfo, Oid relid, cg_idkind kind)
{
	cg_spatial_cache *c = cg_spatial_cache_get(fcinfo);
	cg_wrel_key key;

	wrel_key(&key, relid);
	if (c->wrel != NULL && c->wrel->relid == relid && c->wrel->kind == kind &&
		wrel_key_equal(&c->wrel->key, &key))
	{
		/* the same role and snapshot: the same rows, but the privilege is checked again */
		check_wrel_access(relid, c->wrel->relname, c->wrel->has_w);
		return c->wrel;
	}
	if (c->wrel != NULL)
	{
		cg_wrel_free(c->wrel);
		c->wrel = NULL;
	}
	c->wrel = load_wrel(relid, kind, fcinfo->flinfo->fn_mcxt);
	c->wrel->key = key;
	return c->wrel;
}

/* Free a weights relation read into the call site's memory. */
void
cg_wrel_free(cg_wrel *wr)
{
	int64		k;

	if (wr->kind == CG_ID_TEXT)
	{
		for (k = 0; k < wr->nkeys; k++)
			pfree(wr->keys.sk[k]);
		pfree(wr->keys.sk);
		pfree(wr->keys.sl);
	}
	else
		pfree(wr->keys.ik);
	pfree(wr->wt.row);
	pfree(wr->wt.col);
	pfree(wr->wt.w);
	pfree(wr->relname);
	pfree(wr);
}

/* ---- a group's weights ---- */

void
cg_group_build(cg_wrel *wr, const cg_ids *ids, const double *x, int64 n,
			   const cg_spatial_opts *opts, const char *fname, cg_group *g)
{
	int64	   *order = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE),
			   *kpos = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE),
			   *key2 = palloc_extended(Max(wr->nkeys, 1) * sizeof(int64), MCXT_ALLOC_HUGE),
			   *newp = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE),
				k,
				r,
				m = 0,
				present = 0,
				nu = 0;
	int32	   *deg = palloc_extended(Max(n, 1) * sizeof(int32), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	uint32	   *li,
			   *lj;
	double	   *lw;
	size_t		q,
				bad;
	cg_status	st;

	memset(g, 0, sizeof(*g));
	g->n = n;
	if (n >= ((int64) 1 << 31))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: more than 2^31 units in a group", fname)));
	for (k = 0; k < n; k++)
		order[k] = k;
	sort_index(ids, order, n);
	for (r = 1; r < n; r++)
	{
		if ((r & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (id_cmp(ids, order[r - 1], ids, order[r]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: id %s appears more than once in the group", fname,
							cg_id_string(ids, order[r])),
					 errhint("Each unit must have one row per group: GROUP BY (or PARTITION BY) the period as well.")));
	}
	for (k = 0; k < wr->nkeys; k++)
		key2[k] = -1;
	for (r = 0; r < n; r++)
	{
		if ((r & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
		kpos[r] = find_key(&wr->keys, wr->nkeys, ids, order[r]);
		if (kpos[r] >= 0)
		{
			key2[kpos[r]] = r;
			present++;
		}
	}
	if (!opts->drop_unmatched && present < wr->nkeys)
		for (k = 0; k < wr->nkeys; k++)
			if (key2[k] < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: id %s of the weights relation is not a unit of the group", fname,
								cg_id_string(&wr->keys, k)),
						 errhint("Check the ids; to use only the links among the units present, pass unmatched 'drop'.")));
	/* links among the group's units, in sorted-unit numbering */
	li = palloc_extended((wr->wt.m + n + 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	lj = palloc_extended((wr->wt.m + n + 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	lw = palloc_extended((wr->wt.m + n + 1) * sizeof(double), MCXT_ALLOC_HUGE);
	for (r = 0; r < n; r++)
	{
		if ((r & 0x3FFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (kpos[r] < 0)
			continue;
		for (q = wr->wt.row[kpos[r]]; q < wr->wt.row[kpos[r] + 1]; q++)
		{
			int64		s = key2[wr->wt.col[q]];

			if (s < 0)
				continue;
			li[m] = (uint32) r;
			lj[m] = (uint32) s;
			lw[m] = wr->wt.w[q];
			deg[r]++;
			deg[s]++;
			m++;
		}
	}
	g->links_dropped = (int64) wr->wt.m - m;
	g->island = palloc_extended(Max(n, 1) * sizeof(bool), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	g->place = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE);
	g->unit = palloc_extended(Max(n, 1) * sizeof(int64), MCXT_ALLOC_HUGE);
	for (r = 0; r < n; r++)
	{
		bool		isl = deg[r] == 0;

		g->island[order[r]] = isl;
		g->islands += isl;
		g->place[order[r]] = -1;
		newp[r] = -1;
		if (isl && opts->islands == CG_ISLANDS_EXCLUDE)
			continue;
		newp[r] = nu;
		g->place[order[r]] = nu;
		g->unit[nu++] = order[r];
	}
	for (k = 0; k < m; k++)
	{
		li[k] = (uint32) newp[li[k]];
		lj[k] = (uint32) newp[lj[k]];
	}
	if (opts->self)
		for (k = 0; k < nu; k++)
		{
			li[m] = lj[m] = (uint32) k;
			lw[m] = 1.0;
			m++;
		}
	g->nunits = nu;
	g->x = palloc_extended(Max(nu, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	g->ukey = palloc_extended(Max(nu, 1) * sizeof(uint64), MCXT_ALLOC_HUGE);
	for (k = 0; k < nu; k++)
	{
		g->x[k] = x[g->unit[k]];
		g->ukey[k] = cg_id_stream_key(ids, g->unit[k]);
	}
	g->wt.row = palloc_extended((nu + 1) * sizeof(size_t), MCXT_ALLOC_HUGE);
	g->wt.col = palloc_extended(Max(m, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	g->wt.w = palloc_extended(Max(m, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	CG_RUN_KERNEL(st, cg_weights_build((size_t) nu, (size_t) m, li, lj, lw, opts->self, &g->wt, &bad));
	if (st != CG_OK)
		cg_report(st, "weights", NAN, NULL);
	st = cg_weights_transform(&g->wt, opts->style);
	if (st == CG_E_NONPOSITIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the weights sum to 0 (a row, or all of them), which style %c cannot scale",
						fname, opts->style),
				 errhint("Give positive weights, or use style B.")));
	if (st != CG_OK)
		cg_report(st, "weights", NAN, NULL);
	pfree(order);
	pfree(kpos);
	pfree(key2);
	pfree(newp);
	pfree(deg);
}
