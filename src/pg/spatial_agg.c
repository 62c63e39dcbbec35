/*
 * spatial_agg.c — the global spatial statistics as aggregates: Moran's I,
 * Geary's C and Getis-Ord general G.  The transition collects (id, value);
 * partial states merge (parallel query) and serialize; the final function
 * reads the weights relation (once per statement), builds the group's
 * weights and calls the kernel.
 */
#include "cg_spatial_pg.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "nodes/primnodes.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_spatial_trans);
PG_FUNCTION_INFO_V1(cg_spatial_combine);
PG_FUNCTION_INFO_V1(cg_spatial_serialize);
PG_FUNCTION_INFO_V1(cg_spatial_deserialize);
PG_FUNCTION_INFO_V1(cg_moran_i_final);
PG_FUNCTION_INFO_V1(cg_geary_c_final);
PG_FUNCTION_INFO_V1(cg_getis_ord_g_final);
PG_FUNCTION_INFO_V1(cg_gini_spatial_final);

#define SP_MAGIC 0x43475350		/* "CGSP" */
#define SP_VERSION 1

typedef struct sp_state
{
	int32		kind;			/* cg_idkind */
	Oid			relid;
	int32		permutations;
	int64		seed;
	char		style;			/* 0: the statistic's default */
	int32		alternative;	/* 0: the statistic's default */
	int32		islands;
	bool		drop_unmatched;
	int64		n,
				cap,
				nulls;
	int64	   *ik;
	int64	   *soff;			/* text: offset of each id in sb */
	int32	   *slen;
	StringInfoData sb;
	double	   *x;
} sp_state;

static void
grow(sp_state *s)
{
	int64		cap = s->cap == 0 ? 64 : s->cap * 2;

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

static sp_state *
new_state(int32 kind)
{
	sp_state   *s = palloc0(sizeof(sp_state));

	s->kind = kind;
	s->permutations = 999;
	s->seed = 1;
	s->islands = CG_ISLANDS_EXCLUDE;
	if (kind == CG_ID_TEXT)
		initStringInfo(&s->sb);
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

static bool
same_options(const sp_state *a, const sp_state *b)
{
	return a->kind == b->kind && a->relid == b->relid && a->permutations == b->permutations &&
		a->seed == b->seed && a->style == b->style && a->alternative == b->alternative &&
		a->islands == b->islands && a->drop_unmatched == b->drop_unmatched;
}

static void
options_differ(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("spatial statistic: the weights relation and the options must be the same in every row of a group")));
}

/*
 * Are the weights and every option constants or parameters (the same on every
 * row)?  Cached per call site.  The arguments are read from the Aggref: the
 * transition function's own expression has placeholders for every argument
 * (so get_fn_expr_arg_stable would never say yes there), and without this
 * the options were parsed again on every row.
 */
static bool
options_stable(FunctionCallInfo fcinfo, int nargs)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		bool		stable = true;
		Aggref	   *ag = AggGetAggref(fcinfo);
		ListCell   *lc;
		int			a = 0;

		if (ag == NULL || list_length(ag->args) != nargs - 1)
			stable = false;
		else
			foreach(lc, ag->args)
			{
				Expr	   *e = ((TargetEntry *) lfirst(lc))->expr;

				if (a++ >= 2)
					stable = stable && (IsA(e, Const) ||
										(IsA(e, Param) && ((Param *) e)->paramkind == PARAM_EXTERN));
			}
		fcinfo->flinfo->fn_extra = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, 1);
		*(char *) fcinfo->flinfo->fn_extra = stable ? 's' : 'v';
	}
	return *(char *) fcinfo->flinfo->fn_extra == 's';
}

/* The name of the aggregate being called, for messages. */
static const char *
agg_name(FunctionCallInfo fcinfo)
{
	Aggref	   *ag = AggGetAggref(fcinfo);
	char	   *n = ag ? get_func_name(ag->aggfnoid) : NULL;

	return n ? n : "spatial statistic";
}

/*
 * (state, id, value, weights [, permutations [, seed [, style [, alternative
 * [, islands [, unmatched]]]]]]): one transition function for every arity
 */
Datum
cg_spatial_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx,
				old;
	sp_state   *s = PG_ARGISNULL(0) ? NULL : (sp_state *) PG_GETARG_POINTER(0);
	sp_state	o;
	int			nargs = PG_NARGS(),
				a;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "cg_spatial_trans called in non-aggregate context");
	/*
	 * The options: read on a group's first row; on the others only when some
	 * option is not a constant or a parameter (then checked to be the same)
	 */
	if (s == NULL || !options_stable(fcinfo, nargs))
	{
		for (a = 3; a < nargs; a++)
			if (PG_ARGISNULL(a))
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("spatial statistic: the weights relation and the options must not be null")));
		memset(&o, 0, sizeof(o));
		o.kind = s ? s->kind : (int32) cg_id_kind(get_fn_expr_argtype(fcinfo->flinfo, 1), "spatial statistic");
		o.relid = PG_GETARG_OID(3);
		if (nargs == 5 && cg_sopt_form(fcinfo, 4))
		{
			/* (id, value, weights, options): the options by name */
			cg_sopt		so;
			const char *fname = agg_name(fcinfo);
			bool		gini = strcmp(fname, "gini_spatial") == 0;

			cg_sopt_read(PG_GETARG_DATUM(4), &so, fname,
						 gini ? CG_SOPT_PERMUTATIONS | CG_SOPT_SEED | CG_SOPT_UNMATCHED :
						 CG_SOPT_PERMUTATIONS | CG_SOPT_SEED | CG_SOPT_STYLE | CG_SOPT_ALTERNATIVE |
						 CG_SOPT_ISLANDS | CG_SOPT_UNMATCHED);
			o.permutations = (so.set & CG_SOPT_PERMUTATIONS) ? so.permutations : 999;
			o.seed = (so.set & CG_SOPT_SEED) ? so.seed : 1;
			o.style = (so.set & CG_SOPT_STYLE) ? so.style : 0;
			o.alternative = (so.set & CG_SOPT_ALTERNATIVE) ? (int32) so.alternative : 0;
			o.islands = (so.set & CG_SOPT_ISLANDS) ? (int32) so.islands : CG_ISLANDS_EXCLUDE;
			o.drop_unmatched = (so.set & CG_SOPT_UNMATCHED) ? so.drop_unmatched : false;
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
		old = MemoryContextSwitchTo(aggctx);
		if (s == NULL)
		{
			s = new_state(o.kind);
			s->relid = o.relid;
			s->permutations = o.permutations;
			s->seed = o.seed;
			s->style = o.style;
			s->alternative = o.alternative;
			s->islands = o.islands;
			s->drop_unmatched = o.drop_unmatched;
		}
		else if (!same_options(s, &o))
			options_differ();
	}
	else
		old = MemoryContextSwitchTo(aggctx);
	if (PG_ARGISNULL(2))
		s->nulls++;
	else
	{
		double		v = PG_GETARG_FLOAT8(2);
		Datum		id;

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
		id = PG_GETARG_DATUM(1);
		if (s->kind == CG_ID_INT)
		{
			Oid			t = get_fn_expr_argtype(fcinfo->flinfo, 1);

			s->ik[s->n] = t == INT8OID ? DatumGetInt64(id) : t == INT4OID ? DatumGetInt32(id) : DatumGetInt16(id);
		}
		else
		{
			text	   *t = DatumGetTextPP(id);

			add_text_id(s, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
		s->x[s->n++] = v;
	}
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(s);
}

static void
append_state(sp_state *d, const sp_state *s)
{
	int64		k;

	for (k = 0; k < s->n; k++)
	{
		if (d->n == d->cap)
			grow(d);
		if (d->kind == CG_ID_INT)
			d->ik[d->n] = s->ik[k];
		else
			add_text_id(d, s->sb.data + s->soff[k], s->slen[k]);
		d->x[d->n++] = s->x[k];
	}
	d->nulls += s->nulls;
}

Datum
cg_spatial_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx,
				old;
	sp_state   *a = PG_ARGISNULL(0) ? NULL : (sp_state *) PG_GETARG_POINTER(0),
			   *b = PG_ARGISNULL(1) ? NULL : (sp_state *) PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "cg_spatial_combine called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	old = MemoryContextSwitchTo(aggctx);
	if (a == NULL)
	{
		a = new_state(b->kind);
		a->relid = b->relid;
		a->permutations = b->permutations;
		a->seed = b->seed;
		a->style = b->style;
		a->alternative = b->alternative;
		a->islands = b->islands;
		a->drop_unmatched = b->drop_unmatched;
	}
	else if (!same_options(a, b))
		options_differ();
	append_state(a, b);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

Datum
cg_spatial_serialize(PG_FUNCTION_ARGS)
{
	sp_state   *s = (sp_state *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int64		k;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "cg_spatial_serialize called in non-aggregate context");
	pq_begintypsend(&buf);
	pq_sendint32(&buf, SP_MAGIC);
	pq_sendint32(&buf, SP_VERSION);
	pq_sendint32(&buf, s->kind);
	pq_sendint32(&buf, s->relid);
	pq_sendint32(&buf, s->permutations);
	pq_sendint64(&buf, s->seed);
	pq_sendint32(&buf, s->style);
	pq_sendint32(&buf, s->alternative);
	pq_sendint32(&buf, s->islands);
	pq_sendint32(&buf, s->drop_unmatched);
	pq_sendint64(&buf, s->n);
	pq_sendint64(&buf, s->nulls);
	for (k = 0; k < s->n; k++)
	{
		pq_sendfloat8(&buf, s->x[k]);
		if (s->kind == CG_ID_INT)
			pq_sendint64(&buf, s->ik[k]);
		else
		{
			pq_sendint32(&buf, s->slen[k]);
			pq_sendbytes(&buf, s->sb.data + s->soff[k], s->slen[k]);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
forged(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid spatial statistic state")));
}

Datum
cg_spatial_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	MemoryContext aggctx,
				old;
	sp_state   *s;
	int32		kind;
	int64		n,
				k;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "cg_spatial_deserialize called in non-aggregate context");
	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < 60 || pq_getmsgint(&buf, 4) != SP_MAGIC || pq_getmsgint(&buf, 4) != SP_VERSION)
		forged();
	kind = pq_getmsgint(&buf, 4);
	if (kind != CG_ID_INT && kind != CG_ID_TEXT)
		forged();
	old = MemoryContextSwitchTo(aggctx);
	s = new_state(kind);
	s->relid = pq_getmsgint(&buf, 4);
	s->permutations = pq_getmsgint(&buf, 4);
	s->seed = pq_getmsgint64(&buf);
	s->style = (char) pq_getmsgint(&buf, 4);
	s->alternative = pq_getmsgint(&buf, 4);
	s->islands = pq_getmsgint(&buf, 4);
	s->drop_unmatched = pq_getmsgint(&buf, 4) != 0;
	n = pq_getmsgint64(&buf);
	s->nulls = pq_getmsgint64(&buf);
	if (n < 0 || s->nulls < 0 || s->permutations < 0 || s->permutations > 10000000 ||
		(s->style != 0 && strchr("BRCUS", s->style) == NULL) ||
		s->alternative < 0 || s->alternative > CG_ALT_FOLDED ||
		(s->islands != CG_ISLANDS_EXCLUDE && s->islands != CG_ISLANDS_KEEP) ||
		n > (buf.len - buf.cursor) / 12)
		forged();
	for (k = 0; k < n; k++)
	{
		double		v;

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
			int32		len = pq_getmsgint(&buf, 4);

			if (len < 0 || len > buf.len - buf.cursor)
				forged();
			add_text_id(s, pq_getmsgbytes(&buf, len), len);
		}
		s->x[s->n++] = v;
	}
	if (buf.cursor != buf.len)
		forged();
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(s);
}

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
	sp_state   *s = PG_ARGISNULL(0) ? NULL : (sp_state *) PG_GETARG_POINTER(0);
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

	if (s == NULL || s->n == 0)
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
	sp_state   *s = PG_ARGISNULL(0) ? NULL : (sp_state *) PG_GETARG_POINTER(0);
	TupleDesc	td;
	cg_ids		ids;
	cg_group	g;
	cg_spatial_opts opts;
	cg_gini_spatial_result gs;
	cg_status	st;
	Datum		v[13];
	bool		nl[13];
	int			k;

	if (s == NULL || s->n == 0)
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
