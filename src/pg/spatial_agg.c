/*
 * spatial_agg.c — the global spatial statistics as aggregates: Moran's I,
 * Geary's C and Getis-Ord general G.  The transition collects (id, value);
 * partial states merge (parallel query) and serialize; the final function
 * reads the weights relation (once per statement), builds the group's
 * weights and calls the kernel.
 */
#include "cg_spatial_pg.h"
#include "pairstate.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "nodes/primnodes.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_spatial_trans_int);
PG_FUNCTION_INFO_V1(cg_spatial_trans_text);
PG_FUNCTION_INFO_V1(cg_spatial_trans_int_opts);
PG_FUNCTION_INFO_V1(cg_spatial_trans_text_opts);
PG_FUNCTION_INFO_V1(cg_spatial_combine);
PG_FUNCTION_INFO_V1(cg_moran_i_final);
PG_FUNCTION_INFO_V1(cg_geary_c_final);
PG_FUNCTION_INFO_V1(cg_getis_ord_g_final);
PG_FUNCTION_INFO_V1(cg_gini_spatial_final);

#define SP_MAGIC 0x43475350		/* "CGSP" */
#define SP_VERSION 2

/* the options the spatial aggregates take by name (gini_spatial: fewer) */
#define SP_OPTS_GLOBAL (CG_SOPT_PERMUTATIONS | CG_SOPT_SEED | CG_SOPT_STYLE | \
						CG_SOPT_ALTERNATIVE | CG_SOPT_ISLANDS | CG_SOPT_UNMATCHED)
#define SP_OPTS_GINI (CG_SOPT_PERMUTATIONS | CG_SOPT_SEED | CG_SOPT_UNMATCHED)
/* read by the transition (which cannot know its statistic under Citus) */
#define SP_OPTS_ANY ((1u << CG_SOPT_FIELDS) - 1)

typedef struct sp_state
{
	CgStateHead xs;				/* an expanded caregap.agg_state */
	int32		kind;			/* cg_idkind */
	Oid			relid;
	int32		permutations;
	int64		seed;
	char		style;			/* 0: the statistic's default */
	int32		alternative;	/* 0: the statistic's default */
	int32		islands;
	bool		drop_unmatched;
	int32		opts_set;		/* the options given by name (checked by the final function) */
	int64		n,
				cap,
				nulls;
	int64	   *ik;
	int64	   *soff;			/* text: offset of each id in sb */
	int32	   *slen;
	StringInfoData sb;
	double	   *x;
} sp_state;

/* Room for more rows (in the state's own context: the caller switches to it). */
static void
grow(sp_state *s)
{
	int64		cap = s->cap == 0 ? 64 : s->cap * 2;

	if ((Size) cap * sizeof(int64) > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("spatial statistic: too many rows in one group")));
	if (s->cap == 0)
	{
		s->x = palloc(cap * sizeof(double));
		if (s->kind == CG_ID_INT)
			s->ik = palloc(cap * sizeof(int64));
		else
		{
			s->soff = palloc(cap * sizeof(int64));
			s->slen = palloc(cap * sizeof(int32));
		}
	}
	else
	{
		s->x = repalloc_huge(s->x, cap * sizeof(double));
		if (s->kind == CG_ID_INT)
			s->ik = repalloc_huge(s->ik, cap * sizeof(int64));
		else
		{
			s->soff = repalloc_huge(s->soff, cap * sizeof(int64));
			s->slen = repalloc_huge(s->slen, cap * sizeof(int32));
		}
	}
	s->cap = cap;
}

/* A new state with the default options, in a context of its own under parent. */
static sp_state *
new_state(MemoryContext parent, int32 kind)
{
	sp_state   *s = cg_xstate_create(parent, &cg_spatial_state_ops, sizeof(sp_state));

	s->kind = kind;
	s->permutations = 999;
	s->seed = 1;
	s->islands = CG_ISLANDS_EXCLUDE;
	if (kind == CG_ID_TEXT)
	{
		MemoryContext old = MemoryContextSwitchTo(CG_XSTATE_CONTEXT(s));

		initStringInfo(&s->sb);
		MemoryContextSwitchTo(old);
	}
	return s;
}

static void
add_text_id(sp_state *s, const char *p, int len)
{
	if (s->sb.len > (int) (MaxAllocSize / 2) - len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("spatial statistic: the ids of a group exceed 512 MB")));
	s->soff[s->n] = s->sb.len;
	s->slen[s->n] = len;
	appendBinaryStringInfo(&s->sb, p, len);
}

static void
copy_options(sp_state *d, const sp_state *o)
{
	d->relid = o->relid;
	d->permutations = o->permutations;
	d->seed = o->seed;
	d->style = o->style;
	d->alternative = o->alternative;
	d->islands = o->islands;
	d->drop_unmatched = o->drop_unmatched;
	d->opts_set = o->opts_set;
}

static bool
same_options(const sp_state *a, const sp_state *b)
{
	return a->kind == b->kind && a->relid == b->relid && a->permutations == b->permutations &&
		a->seed == b->seed && a->style == b->style && a->alternative == b->alternative &&
		a->islands == b->islands && a->drop_unmatched == b->drop_unmatched &&
		a->opts_set == b->opts_set;
}

static void
options_differ(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("spatial statistic: the weights relation and the options must be the same in every row of a group")));
}

/*
 * (state, id, value, weights [, permutations [, seed [, style [, alternative
 * [, islands [, unmatched]]]]]]) or (state, id, value, weights, options): one
 * transition for every arity; the id is bigint (kind CG_ID_INT) or text.
 * Nothing here depends on the call's expression (no polymorphic argument),
 * so that another aggregate can call it with a bare fcinfo.
 */
static Datum
spatial_trans(FunctionCallInfo fcinfo, int32 kind, bool opts_form)
{
	MemoryContext aggctx,
				old;
	sp_state   *s = cg_xstate_arg0(fcinfo, &cg_spatial_state_ops);
	sp_state	o;
	int			nargs = PG_NARGS(),
				a;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "cg_spatial_trans called in non-aggregate context");
	/*
	 * The options: read on a group's first row; on the others only when some
	 * option is not a constant or a parameter (then checked to be the same)
	 */
	if (s == NULL || !cg_agg_args_stable(fcinfo, 2))
	{
		for (a = 3; a < nargs; a++)
			if (PG_ARGISNULL(a))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("spatial statistic: the weights relation and the options must not be null")));
		memset(&o, 0, sizeof(o));
		o.kind = kind;
		o.relid = PG_GETARG_OID(3);
		if (opts_form)
		{
			/* (id, value, weights, options): the options by name, checked by the final */
			cg_sopt		so;

			cg_sopt_read(PG_GETARG_DATUM(4), &so, "spatial statistic", SP_OPTS_ANY);
			o.permutations = (so.set & CG_SOPT_PERMUTATIONS) ? so.permutations : 999;
			o.seed = (so.set & CG_SOPT_SEED) ? so.seed : 1;
			o.style = (so.set & CG_SOPT_STYLE) ? so.style : 0;
			o.alternative = (so.set & CG_SOPT_ALTERNATIVE) ? (int32) so.alternative : 0;
			o.islands = (so.set & CG_SOPT_ISLANDS) ? (int32) so.islands : CG_ISLANDS_EXCLUDE;
			o.drop_unmatched = (so.set & CG_SOPT_UNMATCHED) ? so.drop_unmatched : false;
			o.opts_set = (int32) so.set;
		}
		else
		{
			o.permutations = nargs > 4 ? PG_GETARG_INT32(4) : 999;
			o.seed = nargs > 5 ? PG_GETARG_INT64(5) : 1;
			o.style = nargs > 6 ? cg_parse_style(PG_GETARG_TEXT_PP(6)) : 0;
			o.alternative = nargs > 7 ? (int32) cg_parse_alternative(PG_GETARG_TEXT_PP(7)) : 0;
			o.islands = nargs > 8 ? (int32) cg_parse_islands(PG_GETARG_TEXT_PP(8)) : CG_ISLANDS_EXCLUDE;
			o.drop_unmatched = nargs > 9 ? cg_parse_unmatched(PG_GETARG_TEXT_PP(9)) : false;
			cg_check_permutations(o.permutations, "spatial statistic");
		}
		if (s == NULL)
		{
			s = new_state(aggctx, kind);
			copy_options(s, &o);
		}
		else if (!same_options(s, &o))
			options_differ();
	}
	if (PG_ARGISNULL(2))
	{
		s->nulls++;
		CG_RETURN_XSTATE(s);
	}
	old = MemoryContextSwitchTo(CG_XSTATE_CONTEXT(s));
	{
		double		v = PG_GETARG_FLOAT8(2);

		if (PG_ARGISNULL(1))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("spatial statistic: a unit id is null")));
		if (!isfinite(v))
			ereport(ERROR,
					(errcode(isnan(v) ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("spatial statistic: value must be finite"),
					 errdetail("The value was %g.", v)));
		if (s->n == s->cap)
			grow(s);
		if (kind == CG_ID_INT)
			s->ik[s->n] = PG_GETARG_INT64(1);
		else
		{
			text	   *t = PG_GETARG_TEXT_PP(1);

			add_text_id(s, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
		s->x[s->n++] = v;
	}
	MemoryContextSwitchTo(old);
	CG_RETURN_XSTATE(s);
}

/* spatial_trans(agg_state, id bigint, value, weights [, positional options]) */
Datum
cg_spatial_trans_int(PG_FUNCTION_ARGS)
{
	return spatial_trans(fcinfo, CG_ID_INT, false);
}

/* spatial_trans(agg_state, id text, value, weights [, positional options]) */
Datum
cg_spatial_trans_text(PG_FUNCTION_ARGS)
{
	return spatial_trans(fcinfo, CG_ID_TEXT, false);
}

/* spatial_trans(agg_state, id bigint, value, weights, spatial_options) */
Datum
cg_spatial_trans_int_opts(PG_FUNCTION_ARGS)
{
	return spatial_trans(fcinfo, CG_ID_INT, true);
}

/* spatial_trans(agg_state, id text, value, weights, spatial_options) */
Datum
cg_spatial_trans_text_opts(PG_FUNCTION_ARGS)
{
	return spatial_trans(fcinfo, CG_ID_TEXT, true);
}

/* Append the rows of s to d (in d's context). */
static void
append_state(sp_state *d, const sp_state *s)
{
	MemoryContext old = MemoryContextSwitchTo(CG_XSTATE_CONTEXT(d));
	int64		k;

	for (k = 0; k < s->n; k++)
	{
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (d->n == d->cap)
			grow(d);
		if (d->kind == CG_ID_INT)
			d->ik[d->n] = s->ik[k];
		else
			add_text_id(d, s->sb.data + s->soff[k], s->slen[k]);
		d->x[d->n++] = s->x[k];
	}
	d->nulls += s->nulls;
	MemoryContextSwitchTo(old);
}

Datum
cg_spatial_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = cg_agg_context(fcinfo, "spatial_combine");
	sp_state   *a = cg_xstate_get(fcinfo, 0, &cg_spatial_state_ops),
			   *b = cg_xstate_get(fcinfo, 1, &cg_spatial_state_ops);

	if (b == NULL)
		CG_RETURN_XSTATE(a);
	if (a == NULL && CG_XSTATE_FRESH(b))
	{
		b->xs.fresh = false;	/* just read: it becomes the group's */
		CG_RETURN_XSTATE(b);
	}
	if (a == NULL)
	{
		a = new_state(aggctx, b->kind);
		copy_options(a, b);
	}
	else if (!same_options(a, b))
		options_differ();
	append_state(a, b);
	if (CG_XSTATE_FRESH(b))
		MemoryContextDelete(CG_XSTATE_CONTEXT(b));	/* read for this call only */
	CG_RETURN_XSTATE(a);
}

/*
 * The payload: magic, version, id kind, the weights relation (in memory its
 * OID; in the external form, which may reach another node, its qualified
 * name and OID 0), the options, the counts, then (value, id) rows.
 */
static bytea *
spatial_serialize(void *state, bool external)
{
	sp_state   *s = (sp_state *) state;
	StringInfoData buf;
	int64		k;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, SP_MAGIC);
	pq_sendint32(&buf, SP_VERSION);
	pq_sendint32(&buf, s->kind);
	if (external)
	{
		char	   *nsp = get_namespace_name(get_rel_namespace(s->relid));
		char	   *rel = get_rel_name(s->relid);
		const char *qn;

		if (nsp == NULL || rel == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("spatial statistic: the weights relation (OID %u) no longer exists", s->relid)));
		qn = quote_qualified_identifier(nsp, rel);
		pq_sendint32(&buf, 0);
		pq_sendint32(&buf, (int32) strlen(qn));
		pq_sendbytes(&buf, qn, strlen(qn));
	}
	else
	{
		pq_sendint32(&buf, s->relid);
		pq_sendint32(&buf, 0);
	}
	pq_sendint32(&buf, s->permutations);
	pq_sendint64(&buf, s->seed);
	pq_sendint32(&buf, s->style);
	pq_sendint32(&buf, s->alternative);
	pq_sendint32(&buf, s->islands);
	pq_sendint32(&buf, s->drop_unmatched);
	pq_sendint32(&buf, s->opts_set);
	pq_sendint64(&buf, s->n);
	pq_sendint64(&buf, s->nulls);
	for (k = 0; k < s->n; k++)
	{
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (buf.len > (int) (MaxAllocSize / 2))
			cg_report(CG_E_TOO_LARGE, "spatial statistic", NAN,
					  "A state passed between processes holds at most 512 MB; group the rows into smaller groups.");
		pq_sendfloat8(&buf, s->x[k]);
		if (s->kind == CG_ID_INT)
			pq_sendint64(&buf, s->ik[k]);
		else
		{
			pq_sendint32(&buf, s->slen[k]);
			pq_sendbytes(&buf, s->sb.data + s->soff[k], s->slen[k]);
		}
	}
	return pq_endtypsend(&buf);
}

static CG_NORETURN void
forged(void)
{
	cg_xstate_corrupt("spatial");
}

/*
 * A state from a payload, all of it checked.  The external form's relation
 * name is resolved here, where the final function will run, and locked
 * (AccessShareLock, to the end of the transaction): from then on the state
 * holds this node's OID.
 */
static void *
spatial_deserialize(MemoryContext parent, const char *in, Size len, bool external)
{
	StringInfoData buf;
	MemoryContext old;
	sp_state   *s;
	int32		kind,
				namelen;
	Oid			relid;
	int64		n,
				k;

	if (len > MaxAllocSize)
		forged();
	buf.data = (char *) in;
	buf.len = (int) len;
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < 68 || pq_getmsgint(&buf, 4) != SP_MAGIC || pq_getmsgint(&buf, 4) != SP_VERSION)
		forged();
	kind = pq_getmsgint(&buf, 4);
	if (kind != CG_ID_INT && kind != CG_ID_TEXT)
		forged();
	relid = pq_getmsgint(&buf, 4);
	namelen = pq_getmsgint(&buf, 4);
	if (external)
	{
		char	   *name;
		RangeVar   *rv;

		if (relid != 0 || namelen <= 0 || namelen > NAMEDATALEN * 2 + 8 ||
			namelen > buf.len - buf.cursor)
			forged();
		name = pnstrdup(pq_getmsgbytes(&buf, namelen), namelen);
		rv = makeRangeVarFromNameList(stringToQualifiedNameList(name CG_ESCONTEXT_NULL));
		relid = RangeVarGetRelid(rv, AccessShareLock, false);
	}
	else if (relid == InvalidOid || namelen != 0)
		forged();
	s = new_state(parent, kind);
	s->relid = relid;
	s->permutations = pq_getmsgint(&buf, 4);
	s->seed = pq_getmsgint64(&buf);
	s->style = (char) pq_getmsgint(&buf, 4);
	s->alternative = pq_getmsgint(&buf, 4);
	s->islands = pq_getmsgint(&buf, 4);
	k = pq_getmsgint(&buf, 4);
	if (k != 0 && k != 1)
		forged();
	s->drop_unmatched = k != 0;
	s->opts_set = pq_getmsgint(&buf, 4);
	n = pq_getmsgint64(&buf);
	s->nulls = pq_getmsgint64(&buf);
	if (n < 0 || s->nulls < 0 || s->permutations < 0 || s->permutations > 10000000 ||
		(s->style != 0 && strchr("BRCUS", s->style) == NULL) ||
		s->alternative < 0 || s->alternative > CG_ALT_FOLDED ||
		(s->islands != CG_ISLANDS_EXCLUDE && s->islands != CG_ISLANDS_KEEP) ||
		(s->opts_set & ~SP_OPTS_ANY) != 0 ||
		n > (buf.len - buf.cursor) / 12)
		forged();
	old = MemoryContextSwitchTo(CG_XSTATE_CONTEXT(s));
	for (k = 0; k < n; k++)
	{
		double		v;

		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (buf.len - buf.cursor < 12)
			forged();
		v = pq_getmsgfloat8(&buf);
		if (!isfinite(v))
			forged();
		if (s->n == s->cap)
			grow(s);
		if (kind == CG_ID_INT)
		{
			if (buf.len - buf.cursor < 8)
				forged();
			s->ik[s->n] = pq_getmsgint64(&buf);
		}
		else
		{
			int32		slen = pq_getmsgint(&buf, 4);

			if (slen < 0 || slen > buf.len - buf.cursor)
				forged();
			add_text_id(s, pq_getmsgbytes(&buf, slen), slen);
		}
		s->x[s->n++] = v;
	}
	MemoryContextSwitchTo(old);
	if (buf.cursor != buf.len)
		forged();
	return s;
}

const CgStateOps cg_spatial_state_ops = {
	CG_SK_SPATIAL, "spatial", spatial_serialize, spatial_deserialize, true
};

static void
state_ids(const sp_state *s, cg_ids *ids)
{
	int64		k;

	ids->kind = s->kind;
	ids->ik = s->ik;
	ids->sk = NULL;
	ids->sl = NULL;
	if (s->kind == CG_ID_TEXT)
	{
		ids->sk = palloc_extended(Max(s->n, 1) * sizeof(char *), MCXT_ALLOC_HUGE);
		ids->sl = s->slen;
		for (k = 0; k < s->n; k++)
			ids->sk[k] = s->sb.data + s->soff[k];
	}
}

/* result columns of caregap.spatial_test */
enum
{
	R_STATISTIC, R_VALUE, R_EXPECTATION, R_VAR_N, R_Z_N, R_P_N, R_VAR_R, R_Z_R, R_P_R,
	R_PERMUTATIONS, R_P_SIM, R_MEAN_SIM, R_SEED, R_ALTERNATIVE, R_STYLE, R_ISLANDS_POLICY,
	R_N, R_LINKS, R_S0, R_ISLANDS, R_LINKS_DROPPED, R_NULLS, R_NCOLS
};

static Datum
global_final(FunctionCallInfo fcinfo, cg_global_kind kind, const char *name)
{
	sp_state   *s = cg_xstate_final(fcinfo, &cg_spatial_state_ops);
	TupleDesc	td;
	cg_wrel    *wr;
	cg_ids		ids;
	cg_group	g;
	cg_spatial_opts opts;
	cg_alternative alt;
	cg_moran	mo;
	cg_status	st;
	double	   *scratch,
				p_sim = NAN,
				mean_sim = NAN;
	uint32	   *us;
	Datum		v[R_NCOLS];
	bool		isnull[R_NCOLS];
	int			k;

	if (s == NULL)
		PG_RETURN_NULL();
	cg_sopt_check_allowed((uint32) s->opts_set, name, SP_OPTS_GLOBAL);
	if (s->n == 0)
		PG_RETURN_NULL();
	td = cg_spatial_result_desc(fcinfo);
	wr = cg_wrel_get(fcinfo, s->relid, (cg_idkind) s->kind);
	state_ids(s, &ids);
	opts.style = s->style ? s->style : (kind == CG_GLOBAL_G ? 'B' : 'R');
	opts.islands = (cg_islands) s->islands;
	opts.drop_unmatched = s->drop_unmatched;
	opts.self = false;
	alt = s->alternative ? (cg_alternative) s->alternative : CG_ALT_GREATER;
	cg_group_build(wr, &ids, s->x, s->n, &opts, name, &g);
	scratch = palloc_extended((4 * g.nunits + g.wt.m + 4) * sizeof(double), MCXT_ALLOC_HUGE);
	us = palloc_extended((g.nunits + 2 * g.wt.m + 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	/* the statistic, its moments and (with permutations) the pseudo p in one call */
	CG_RUN_KERNEL(st, cg_global_permutations(kind, &g.wt, g.x, (uint64) s->seed,
											 (uint64) s->permutations, alt, scratch, us,
											 &p_sim, &mean_sim, &mo));
	if (st == CG_E_NEGATIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: values must not be negative", name)));
	if (st != CG_OK)
		cg_report(st, name, NAN, NULL);
	for (k = 0; k < R_NCOLS; k++)
		isnull[k] = false;
	v[R_STATISTIC] = CStringGetTextDatum(name);
	v[R_VALUE] = Float8GetDatum(mo.i);
	isnull[R_VALUE] = !(mo.defined & CG_MORAN_HAS_I);
	v[R_EXPECTATION] = Float8GetDatum(mo.expectation);
	isnull[R_EXPECTATION] = g.nunits < 2;
	v[R_VAR_N] = Float8GetDatum(mo.var_normal);
	isnull[R_VAR_N] = !(mo.defined & CG_MORAN_HAS_VAR_N);
	v[R_Z_N] = Float8GetDatum(mo.z_normal);
	isnull[R_Z_N] = isnull[R_VALUE] || isnull[R_VAR_N] || !(mo.var_normal > 0.0);
	v[R_P_N] = Float8GetDatum(cg_normal_p(mo.z_normal, alt));
	isnull[R_P_N] = isnull[R_Z_N];
	v[R_VAR_R] = Float8GetDatum(mo.var_random);
	isnull[R_VAR_R] = !(mo.defined & CG_MORAN_HAS_VAR_R);
	v[R_Z_R] = Float8GetDatum(mo.z_random);
	isnull[R_Z_R] = isnull[R_VALUE] || isnull[R_VAR_R] || !(mo.var_random > 0.0);
	v[R_P_R] = Float8GetDatum(cg_normal_p(mo.z_random, alt));
	isnull[R_P_R] = isnull[R_Z_R];
	v[R_PERMUTATIONS] = Int32GetDatum(s->permutations);
	v[R_P_SIM] = Float8GetDatum(p_sim);
	isnull[R_P_SIM] = isnan(p_sim);
	v[R_MEAN_SIM] = Float8GetDatum(mean_sim);
	isnull[R_MEAN_SIM] = isnan(mean_sim);
	v[R_SEED] = Int64GetDatum(s->seed);
	v[R_ALTERNATIVE] = CStringGetTextDatum(cg_alternative_name(alt));
	{
		char		st1[2] = {opts.style, 0};

		v[R_STYLE] = CStringGetTextDatum(st1);
	}
	v[R_ISLANDS_POLICY] = CStringGetTextDatum(cg_islands_name(opts.islands));
	v[R_N] = Int64GetDatum(g.nunits);
	v[R_LINKS] = Int64GetDatum((int64) g.wt.m);
	v[R_S0] = Float8GetDatum(mo.s0);
	v[R_ISLANDS] = Int64GetDatum(g.islands);
	v[R_LINKS_DROPPED] = Int64GetDatum(g.links_dropped);
	v[R_NULLS] = Int64GetDatum(s->nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, isnull)));
}

Datum
cg_moran_i_final(PG_FUNCTION_ARGS)
{
	return global_final(fcinfo, CG_GLOBAL_MORAN, "moran_i");
}

Datum
cg_geary_c_final(PG_FUNCTION_ARGS)
{
	return global_final(fcinfo, CG_GLOBAL_GEARY, "geary_c");
}

Datum
cg_getis_ord_g_final(PG_FUNCTION_ARGS)
{
	return global_final(fcinfo, CG_GLOBAL_G, "getis_ord_g");
}

/*
 * gini_spatial: every unit of the group counts (islands are kept: they have
 * no neighbour pairs, and the Gini is of the whole distribution)
 */
Datum
cg_gini_spatial_final(PG_FUNCTION_ARGS)
{
	sp_state   *s = cg_xstate_final(fcinfo, &cg_spatial_state_ops);
	TupleDesc	td;
	cg_ids		ids;
	cg_group	g;
	cg_spatial_opts opts;
	cg_gini_spatial_result gs;
	cg_status	st;
	Datum		v[13];
	bool		nl[13];
	int			k;

	if (s == NULL)
		PG_RETURN_NULL();
	cg_sopt_check_allowed((uint32) s->opts_set, "gini_spatial", SP_OPTS_GINI);
	if (s->n == 0)
		PG_RETURN_NULL();
	td = cg_spatial_result_desc(fcinfo);
	state_ids(s, &ids);
	opts.style = 'B';
	opts.islands = CG_ISLANDS_KEEP;
	opts.drop_unmatched = s->drop_unmatched;
	opts.self = false;
	cg_group_build(cg_wrel_get(fcinfo, s->relid, (cg_idkind) s->kind), &ids, s->x, s->n, &opts,
				   "gini_spatial", &g);
	CG_RUN_KERNEL(st, cg_gini_spatial(&g.wt, g.x, (uint64) s->seed, (uint64) s->permutations,
									  palloc_extended(Max(2 * g.nunits, 2) * sizeof(double), MCXT_ALLOC_HUGE),
									  &gs));
	if (st == CG_E_NEGATIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gini_spatial: values must not be negative")));
	if (st != CG_OK)
		cg_report(st, "gini_spatial", NAN, NULL);
	for (k = 0; k < 13; k++)
		nl[k] = false;
	v[0] = Float8GetDatum(gs.gini);
	nl[0] = !gs.defined;
	v[1] = Float8GetDatum(gs.total);
	v[2] = Float8GetDatum(gs.neighbour);
	v[3] = Float8GetDatum(gs.non_neighbour);
	v[4] = Float8GetDatum(gs.total > 0.0 ? gs.neighbour / gs.total : NAN);
	nl[4] = !(gs.total > 0.0);
	v[5] = Float8GetDatum(gs.mean_non_neighbour_sim);
	nl[5] = isnan(gs.mean_non_neighbour_sim);
	v[6] = Float8GetDatum(gs.p_sim);
	nl[6] = isnan(gs.p_sim);
	v[7] = Int32GetDatum(s->permutations);
	v[8] = Int64GetDatum(s->seed);
	v[9] = Int64GetDatum(g.nunits);
	v[10] = Int64GetDatum((int64) g.wt.m);
	v[11] = Int64GetDatum(g.links_dropped);
	v[12] = Int64GetDatum(s->nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nl)));
}
