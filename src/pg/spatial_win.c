/*
 * spatial_win.c — the local spatial statistics as window functions: each
 * partition is read and computed once (on its first row), then answered
 * row by row: local Moran, Getis-Ord Gi / Gi*, the spatial lag, adjusted
 * p-values; and the summary of a weights relation.
 */
#include "cg_spatial_pg.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "windowapi.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_local_moran_win);
PG_FUNCTION_INFO_V1(cg_local_g_win);
PG_FUNCTION_INFO_V1(cg_spatial_lag_win);
PG_FUNCTION_INFO_V1(cg_p_adjust_win);
PG_FUNCTION_INFO_V1(cg_weights_summary_fn);

/*
 * The answers of local_moran or local_g for the units of a partition.  A
 * row's composite result is formed when the row is asked for, in that
 * call's memory: the partition keeps some 70 bytes a unit instead of every
 * row's tuple and text labels.
 */
typedef struct local_units
{
	bool		g;				/* local_g's 8 columns, else local_moran's 11 */
	double	   *val;			/* 8 a unit: statistic, expectation, variance, z,
								 * p_value, p_sim; local_moran: std_value,
								 * std_lag.  NaN is NULL */
	int32	   *nb;				/* neighbours; 0: the unit is Isolated */
	uint8	   *label;			/* local_moran: quadrant (0 none) + 8 if
								 * significant; local_g: 0 not significant,
								 * 1 hot spot, 2 cold spot */
} local_units;

/*
 * What a partition keeps: one result per row, or (lu set) a row's unit in
 * result as an int64, -1 for a row with no place.
 */
typedef struct win_part
{
	bool		done;
	int64		nrows;
	Datum	   *result;
	bool	   *isnull;
	local_units *lu;
} win_part;

/*
 * An option argument: it must be the same on every row of the partition.
 * A constant or an external parameter is; anything else (an initplan's
 * output, an expression) is read on every row and compared with the first.
 */
static Datum
stable_arg(WindowObject winobj, FunctionCallInfo fcinfo, int argno, const char *fname,
		   const char *what)
{
	bool		isnull;
	Datum		d;

	d = WinGetFuncArgInPartition(winobj, argno, 0, WINDOW_SEEK_HEAD, false, &isnull, NULL);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be null", fname, what)));
	if (!get_fn_expr_arg_stable(fcinfo->flinfo, argno))
	{
		Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);
		int16		typlen;
		bool		typbyval,
					isout = false,
					n2;
		int64		pos;

		get_typlenbyval(type, &typlen, &typbyval);
		d = datumCopy(d, typbyval, typlen);
		for (pos = 1;; pos++)
		{
			Datum		d2;

			if ((pos & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			d2 = WinGetFuncArgInPartition(winobj, argno, (int) pos, WINDOW_SEEK_HEAD, false, &n2, &isout);
			if (isout)
				break;
			if (n2 || !datumIsEqual(d, d2, typbyval, typlen))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: %s must be the same on every row of a partition", fname, what)));
		}
	}
	return d;
}

/*
 * The options of a window function: by position, or one options value
 * (caregap.spatial_options) at argument first.  true: the options value,
 * read into so (fields not given keep the function's defaults).
 */
static bool
win_options(WindowObject winobj, FunctionCallInfo fcinfo, int first, const char *fname,
			uint32 allowed, cg_sopt *so)
{
	if (PG_NARGS() == first + 1 && cg_sopt_form(fcinfo, first))
	{
		cg_sopt_read(stable_arg(winobj, fcinfo, first, fname, "the options"), so, fname, allowed);
		return true;
	}
	memset(so, 0, sizeof(*so));
	return false;
}

/* an option: from the options value (or its default), else argument argno */
#define OPT(flag, field, dflt, positional) \
	(byname ? ((so.set & (flag)) ? so.field : (dflt)) : (positional))

/*
 * Read the partition's ids (argument 0) and values (argument 1): rows with a
 * null value are not units (their results are null); *rowunit maps each
 * row to its input index or -1.
 */
static int64
read_partition(WindowObject winobj, FunctionCallInfo fcinfo, const char *fname, bool with_ids,
			   cg_ids *ids, double **xv, int64 **rowunit, int64 *nrows)
{
	int64		pos,
				n = 0,
				cap = 64;
	Oid			idtype = with_ids ? get_fn_expr_argtype(fcinfo->flinfo, 0) : InvalidOid;
	int			varg = with_ids ? 1 : 0;
	double	   *x = palloc(cap * sizeof(double));
	int64	   *ru = palloc(cap * sizeof(int64));

	if (with_ids)
	{
		ids->kind = cg_id_kind(idtype, fname);
		ids->ik = ids->kind == CG_ID_INT ? palloc(cap * sizeof(int64)) : NULL;
		ids->sk = ids->kind == CG_ID_TEXT ? palloc(cap * sizeof(char *)) : NULL;
		ids->sl = ids->kind == CG_ID_TEXT ? palloc(cap * sizeof(int)) : NULL;
	}
	for (pos = 0;; pos++)
	{
		bool		isnull,
					isout;
		Datum		v = WinGetFuncArgInPartition(winobj, varg, pos, WINDOW_SEEK_HEAD, false,
												 &isnull, &isout),
					id;

		if (isout)
			break;
		if ((pos & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (pos == cap)
		{
			cap *= 2;
			x = repalloc_huge(x, cap * sizeof(double));
			ru = repalloc_huge(ru, cap * sizeof(int64));
			if (with_ids && ids->kind == CG_ID_INT)
				ids->ik = repalloc_huge(ids->ik, cap * sizeof(int64));
			else if (with_ids)
			{
				ids->sk = repalloc_huge(ids->sk, cap * sizeof(char *));
				ids->sl = repalloc_huge(ids->sl, cap * sizeof(int));
			}
		}
		ru[pos] = -1;
		if (isnull)
			continue;
		x[n] = DatumGetFloat8(v);
		if (!isfinite(x[n]))
			ereport(ERROR,
					(errcode(isnan(x[n]) ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: value must be finite", fname),
					 errdetail("The value was %g.", x[n])));
		if (with_ids)
		{
			id = WinGetFuncArgInPartition(winobj, 0, pos, WINDOW_SEEK_HEAD, false, &isnull, &isout);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: a unit id is null", fname)));
			if (ids->kind == CG_ID_INT)
				ids->ik[n] = idtype == INT8OID ? DatumGetInt64(id) :
					idtype == INT4OID ? DatumGetInt32(id) : DatumGetInt16(id);
			else
			{
				text	   *t = DatumGetTextPP(id);

				ids->sl[n] = VARSIZE_ANY_EXHDR(t);
				ids->sk[n] = pnstrdup(VARDATA_ANY(t), ids->sl[n]);
			}
		}
		ru[pos] = n++;
	}
	*xv = x;
	*rowunit = ru;
	*nrows = pos;
	return n;
}

/* The partition's result arrays, every row NULL until answered. */
static void
partition_results(win_part *p, MemoryContext partctx, int64 nrows)
{
	int64		r;

	p->nrows = nrows;
	p->result = MemoryContextAllocExtended(partctx, Max(nrows, 1) * sizeof(Datum), MCXT_ALLOC_HUGE);
	p->isnull = MemoryContextAllocExtended(partctx, Max(nrows, 1) * sizeof(bool), MCXT_ALLOC_HUGE);
	for (r = 0; r < nrows; r++)
		p->isnull[r] = true;
}

/* The local statistic's output arrays over u units. */
static void
local_buffers(cg_local_out *out, int64 u, bool quadrant)
{
	double	   *buf = palloc_extended(6 * u * sizeof(double), MCXT_ALLOC_HUGE);

	out->stat = buf;
	out->lag = buf + u;
	out->expectation = buf + 2 * u;
	out->variance = buf + 3 * u;
	out->z = buf + 4 * u;
	out->p_sim = buf + 5 * u;
	out->quadrant = quadrant ? palloc(u) : NULL;
}

static win_part *
partition_state(WindowObject winobj)
{
	return (win_part *) WinGetPartitionLocalMemory(winobj, sizeof(win_part));
}

static Datum local_row(FunctionCallInfo fcinfo, const local_units *lu, int64 k);

static Datum
answer(WindowObject winobj, win_part *p, FunctionCallInfo fcinfo)
{
	int64		cur = WinGetCurrentPosition(winobj);

	if (cur < 0 || cur >= p->nrows || p->isnull[cur])
		PG_RETURN_NULL();
	if (p->lu != NULL)
		return local_row(fcinfo, p->lu, DatumGetInt64(p->result[cur]));
	return p->result[cur];
}

TupleDesc
cg_spatial_result_desc(FunctionCallInfo fcinfo)
{
	cg_spatial_cache *c = cg_spatial_cache_get(fcinfo);

	if (c->tupdesc == NULL)
	{
		TupleDesc	td;
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		c->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		MemoryContextSwitchTo(old);
	}
	return c->tupdesc;
}

static inline Datum
f8(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(v);
}

static int64
neighbours_of(const cg_weights *wt, int64 u)
{
	int64		k = 0;
	size_t		q;

	for (q = wt->row[u]; q < wt->row[u + 1]; q++)
		k += wt->col[q] != (uint32) u;
	return k;
}

static const char *const quad_name[] = {NULL, "HH", "LL", "LH", "HL"};
static const char *const cluster_name[] = {NULL, "High-High", "Low-Low", "Low-High", "High-Low"};

/*
 * The local_moran_result or local_g_result of a row whose unit is k (-1:
 * none), in the current memory.
 */
static Datum
local_row(FunctionCallInfo fcinfo, const local_units *lu, int64 k)
{
	Datum		v[11];
	bool		nl[11];
	int			ncol = lu->g ? 8 : 11,
				lab = lu->g ? 6 : 7,	/* the label column */
				nbc = lu->g ? 7 : 10,	/* the neighbours column */
				c;

	for (c = 0; c < ncol; c++)
		nl[c] = true;
	v[nbc] = Int32GetDatum(0);
	nl[nbc] = false;
	v[lab] = CStringGetTextDatum("Isolated");
	nl[lab] = false;
	if (k >= 0 && lu->nb[k] > 0)
	{
		const double *u = lu->val + 8 * k;
		int			l = lu->label[k];

		for (c = 0; c < 6; c++)
			v[c] = f8(u[c], &nl[c]);
		v[nbc] = Int32GetDatum(lu->nb[k]);
		if (lu->g)
			v[6] = CStringGetTextDatum(l == 1 ? "Hot spot" : l == 2 ? "Cold spot" : "Not significant");
		else
		{
			v[8] = f8(u[6], &nl[8]);
			v[9] = f8(u[7], &nl[9]);
			if ((l & 7) != 0)
			{
				v[6] = CStringGetTextDatum(quad_name[l & 7]);
				nl[6] = false;
			}
			v[7] = CStringGetTextDatum((l & 7) != 0 && (l & 8) ? cluster_name[l & 7] : "Not significant");
		}
	}
	return HeapTupleGetDatum(heap_form_tuple(cg_spatial_result_desc(fcinfo), v, nl));
}

/*
 * The partition's local_units (in partctx) with each unit's neighbours and
 * first six numbers from the kernel's output, and each row's unit in
 * p->result (-1 for a row that has none); the caller adds the rest.
 */
static local_units *
local_units_new(win_part *p, MemoryContext partctx, bool g, const cg_group *grp,
				const cg_local_out *out, cg_alternative alt, const int64 *ru, int64 nrows)
{
	MemoryContext old = MemoryContextSwitchTo(partctx);
	int64		u = Max(grp->nunits, 1),
				k,
				r;
	local_units *lu = palloc(sizeof(local_units));

	lu->g = g;
	lu->val = palloc_extended(8 * u * sizeof(double), MCXT_ALLOC_HUGE);
	lu->nb = palloc_extended(u * sizeof(int32), MCXT_ALLOC_HUGE);
	lu->label = palloc_extended(u, MCXT_ALLOC_HUGE);
	MemoryContextSwitchTo(old);
	for (k = 0; k < grp->nunits; k++)
	{
		double	   *a = lu->val + 8 * k;

		if ((k & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		lu->nb[k] = (int32) neighbours_of(&grp->wt, k);
		a[0] = out->stat[k];
		a[1] = out->expectation[k];
		a[2] = out->variance[k];
		a[3] = out->z[k];
		a[4] = cg_normal_p(out->z[k], alt);
		a[5] = out->p_sim[k];
	}
	for (r = 0; r < nrows; r++)
	{
		if (ru[r] < 0)
			continue;
		p->result[r] = Int64GetDatum(grp->place[ru[r]]);
		p->isnull[r] = false;
	}
	p->lu = lu;
	return lu;
}

/*
 * local_moran(id, value, weights, permutations, seed, alternative, style,
 * islands, conditional, scaling, significance, unmatched)
 */
Datum
cg_local_moran_win(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	win_part   *p = partition_state(winobj);
	const char *fname = "local_moran";

	if (!p->done)
	{
		MemoryContext partctx = GetMemoryChunkContext(p);
		Oid			relid = DatumGetObjectId(stable_arg(winobj, fcinfo, 2, fname, "the weights relation"));
		cg_sopt		so;
		bool		byname = win_options(winobj, fcinfo, 3, fname,
										 CG_SOPT_PERMUTATIONS | CG_SOPT_SEED | CG_SOPT_ALTERNATIVE |
										 CG_SOPT_STYLE | CG_SOPT_ISLANDS | CG_SOPT_CONDITIONAL |
										 CG_SOPT_SCALING | CG_SOPT_SIGNIFICANCE | CG_SOPT_UNMATCHED |
										 CG_SOPT_SAMPLING, &so);
		int32		perms = OPT(CG_SOPT_PERMUTATIONS, permutations, 999,
								DatumGetInt32(stable_arg(winobj, fcinfo, 3, fname, "permutations")));
		int64		seed = OPT(CG_SOPT_SEED, seed, 1,
							   DatumGetInt64(stable_arg(winobj, fcinfo, 4, fname, "seed")));
		cg_alternative alt = OPT(CG_SOPT_ALTERNATIVE, alternative, CG_ALT_FOLDED,
								 cg_parse_alternative(DatumGetTextPP(stable_arg(winobj, fcinfo, 5, fname, "alternative"))));
		cg_spatial_opts opts;
		bool		conditional;
		bool		scaling_n1;
		double		signif;
		cg_ids		ids;
		double	   *x,
				   *scratch;
		int64	   *ru,
					nrows,
					n;
		cg_group	g;
		cg_local_out out;
		cg_perm		perm;
		uint32	   *us;
		cg_status	st;
		local_units *lu;
		double		sd = NAN,
					mean_x = 0.0;

		opts.style = OPT(CG_SOPT_STYLE, style, 'R',
						 cg_parse_style(DatumGetTextPP(stable_arg(winobj, fcinfo, 6, fname, "style"))));
		opts.islands = OPT(CG_SOPT_ISLANDS, islands, CG_ISLANDS_EXCLUDE,
						   cg_parse_islands(DatumGetTextPP(stable_arg(winobj, fcinfo, 7, fname, "islands"))));
		conditional = OPT(CG_SOPT_CONDITIONAL, conditional, true,
						  DatumGetBool(stable_arg(winobj, fcinfo, 8, fname, "conditional")));
		scaling_n1 = OPT(CG_SOPT_SCALING, scaling_n1, true,
						 cg_parse_scaling(DatumGetTextPP(stable_arg(winobj, fcinfo, 9, fname, "scaling")), fname));
		signif = OPT(CG_SOPT_SIGNIFICANCE, significance, 0.05,
					 DatumGetFloat8(stable_arg(winobj, fcinfo, 10, fname, "significance")));
		opts.drop_unmatched = OPT(CG_SOPT_UNMATCHED, drop_unmatched, false,
								  cg_parse_unmatched(DatumGetTextPP(stable_arg(winobj, fcinfo, 11, fname, "unmatched"))));
		perm.complete = OPT(CG_SOPT_SAMPLING, sampling, 0,
							cg_parse_sampling(DatumGetTextPP(stable_arg(winobj, fcinfo, 12, fname, "sampling"))));
		opts.self = false;
		(void) cg_spatial_result_desc(fcinfo);	/* the row type, checked before the work */
		cg_check_permutations(perms, fname);
		cg_check_significance(signif, fname);
		n = read_partition(winobj, fcinfo, fname, true, &ids, &x, &ru, &nrows);
		partition_results(p, partctx, nrows);
		if (n > 0)
		{
			int64		u,
						k;

			cg_group_build(cg_wrel_get(fcinfo, relid, ids.kind), &ids, x, n, &opts, fname, &g);
			u = Max(g.nunits, 1);
			scratch = cg_scratch(0, 16 * u * sizeof(double));
			us = cg_scratch(1, 14 * u * sizeof(uint32));
			local_buffers(&out, u, true);
			perm.seed = (uint64) seed;
			perm.replicates = (uint64) perms;
			perm.alternative = alt;
			perm.ukey = g.ukey;
			CG_RUN_KERNEL(st, cg_local_moran(&g.wt, g.x, scaling_n1, conditional,
											 &perm, scratch, us, &out));
			if (st != CG_OK)
				cg_report(st, fname, NAN, NULL);
			if (g.nunits > 0)
			{
				double		h = 0.0;

				for (u = 0; u < g.nunits; u++)
					mean_x += g.x[u];
				mean_x /= (double) g.nunits;
				for (u = 0; u < g.nunits; u++)
					h += (g.x[u] - mean_x) * (g.x[u] - mean_x);
				sd = sqrt(h / (double) g.nunits);
			}
			/* each unit's answers, in the partition's memory; the rows' tuples are formed as asked */
			lu = local_units_new(p, partctx, false, &g, &out, alt, ru, nrows);
			for (k = 0; k < g.nunits; k++)
			{
				double	   *a = lu->val + 8 * k;

				if ((k & 65535) == 0)
					CHECK_FOR_INTERRUPTS();
				a[6] = sd > 0.0 ? (g.x[k] - mean_x) / sd : NAN;
				a[7] = sd > 0.0 ? out.lag[k] / sd : NAN;
				/* significant: by the pseudo p, or without permutations the analytic p */
				lu->label[k] = (uint8) (out.quadrant[k] | ((perms > 0 ? a[5] : a[4]) <= signif ? 8 : 0));
			}
		}
		p->done = true;
	}
	return answer(winobj, p, fcinfo);
}

/*
 * local_g(id, value, weights, star, permutations, seed, alternative, style,
 * islands, significance, unmatched)
 */
Datum
cg_local_g_win(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	win_part   *p = partition_state(winobj);
	const char *fname = "local_g";

	if (!p->done)
	{
		MemoryContext partctx = GetMemoryChunkContext(p);
		Oid			relid = DatumGetObjectId(stable_arg(winobj, fcinfo, 2, fname, "the weights relation"));
		cg_sopt		so;
		bool		byname = win_options(winobj, fcinfo, 3, fname,
										 CG_SOPT_STAR | CG_SOPT_PERMUTATIONS | CG_SOPT_SEED |
										 CG_SOPT_ALTERNATIVE | CG_SOPT_STYLE | CG_SOPT_ISLANDS |
										 CG_SOPT_SIGNIFICANCE | CG_SOPT_UNMATCHED | CG_SOPT_SAMPLING, &so);
		bool		star = OPT(CG_SOPT_STAR, star, true,
							   DatumGetBool(stable_arg(winobj, fcinfo, 3, fname, "star")));
		int32		perms = OPT(CG_SOPT_PERMUTATIONS, permutations, 999,
								DatumGetInt32(stable_arg(winobj, fcinfo, 4, fname, "permutations")));
		int64		seed = OPT(CG_SOPT_SEED, seed, 1,
							   DatumGetInt64(stable_arg(winobj, fcinfo, 5, fname, "seed")));
		cg_alternative alt = OPT(CG_SOPT_ALTERNATIVE, alternative, CG_ALT_TWO_SIDED,
								 cg_parse_alternative(DatumGetTextPP(stable_arg(winobj, fcinfo, 6, fname, "alternative"))));
		cg_spatial_opts opts;
		double		signif;
		cg_ids		ids;
		double	   *x,
				   *scratch;
		int64	   *ru,
					nrows,
					n;
		cg_group	g;
		cg_local_out out;
		cg_perm		perm;
		uint32	   *us;
		cg_status	st;
		local_units *lu;

		opts.style = OPT(CG_SOPT_STYLE, style, 'B',
						 cg_parse_style(DatumGetTextPP(stable_arg(winobj, fcinfo, 7, fname, "style"))));
		opts.islands = OPT(CG_SOPT_ISLANDS, islands, CG_ISLANDS_EXCLUDE,
						   cg_parse_islands(DatumGetTextPP(stable_arg(winobj, fcinfo, 8, fname, "islands"))));
		signif = OPT(CG_SOPT_SIGNIFICANCE, significance, 0.05,
					 DatumGetFloat8(stable_arg(winobj, fcinfo, 9, fname, "significance")));
		opts.drop_unmatched = OPT(CG_SOPT_UNMATCHED, drop_unmatched, false,
								  cg_parse_unmatched(DatumGetTextPP(stable_arg(winobj, fcinfo, 10, fname, "unmatched"))));
		perm.complete = OPT(CG_SOPT_SAMPLING, sampling, 0,
							cg_parse_sampling(DatumGetTextPP(stable_arg(winobj, fcinfo, 11, fname, "sampling"))));
		opts.self = star;
		(void) cg_spatial_result_desc(fcinfo);	/* the row type, checked before the work */
		cg_check_permutations(perms, fname);
		cg_check_significance(signif, fname);
		n = read_partition(winobj, fcinfo, fname, true, &ids, &x, &ru, &nrows);
		partition_results(p, partctx, nrows);
		if (n > 0)
		{
			int64		u,
						k;

			cg_group_build(cg_wrel_get(fcinfo, relid, ids.kind), &ids, x, n, &opts, fname, &g);
			u = Max(g.nunits, 1);
			scratch = cg_scratch(0, 16 * u * sizeof(double));
			us = cg_scratch(1, 14 * u * sizeof(uint32));
			local_buffers(&out, u, false);
			perm.seed = (uint64) seed;
			perm.replicates = (uint64) perms;
			perm.alternative = alt;
			perm.ukey = g.ukey;
			CG_RUN_KERNEL(st, cg_local_g(&g.wt, g.x, star, &perm, scratch, us, &out));
			if (st == CG_E_NEGATIVE)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("local_g: values must not be negative")));
			if (st != CG_OK)
				cg_report(st, fname, NAN, NULL);
			/* each unit's answers, in the partition's memory; the rows' tuples are formed as asked */
			lu = local_units_new(p, partctx, true, &g, &out, alt, ru, nrows);
			for (k = 0; k < g.nunits; k++)
			{
				double		psig = perms > 0 ? lu->val[8 * k + 5] : lu->val[8 * k + 4];

				if ((k & 65535) == 0)
					CHECK_FOR_INTERRUPTS();
				lu->label[k] = !(psig <= signif) || isnan(out.z[k]) || out.z[k] == 0.0 ? 0
					: out.z[k] > 0.0 ? 1 : 2;
			}
		}
		p->done = true;
	}
	return answer(winobj, p, fcinfo);
}

/* spatial_lag(id, value, weights, style, unmatched) */
Datum
cg_spatial_lag_win(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	win_part   *p = partition_state(winobj);
	const char *fname = "spatial_lag";

	if (!p->done)
	{
		MemoryContext partctx = GetMemoryChunkContext(p);
		Oid			relid = DatumGetObjectId(stable_arg(winobj, fcinfo, 2, fname, "the weights relation"));
		cg_spatial_opts opts;
		cg_ids		ids;
		double	   *x,
				   *lag;
		int64	   *ru,
					nrows,
					n,
					r;
		cg_group	g;
		cg_status	st;

		cg_sopt		so;
		bool		byname = win_options(winobj, fcinfo, 3, fname, CG_SOPT_STYLE | CG_SOPT_UNMATCHED, &so);

		opts.style = OPT(CG_SOPT_STYLE, style, 'R',
						 cg_parse_style(DatumGetTextPP(stable_arg(winobj, fcinfo, 3, fname, "style"))));
		opts.drop_unmatched = OPT(CG_SOPT_UNMATCHED, drop_unmatched, false,
								  cg_parse_unmatched(DatumGetTextPP(stable_arg(winobj, fcinfo, 4, fname, "unmatched"))));
		opts.islands = CG_ISLANDS_EXCLUDE;
		opts.self = false;
		n = read_partition(winobj, fcinfo, fname, true, &ids, &x, &ru, &nrows);
		partition_results(p, partctx, nrows);
		if (n > 0)
		{
			cg_group_build(cg_wrel_get(fcinfo, relid, ids.kind), &ids, x, n, &opts, fname, &g);
			lag = palloc_extended(Max(g.nunits, 1) * sizeof(double), MCXT_ALLOC_HUGE);
			st = cg_spatial_lag(&g.wt, g.x, lag);
			if (st != CG_OK)
				cg_report(st, fname, NAN, NULL);
			for (r = 0; r < nrows; r++)
			{
				int64		k = ru[r] >= 0 ? g.place[ru[r]] : -1;

				if (k >= 0 && !isnan(lag[k]))
				{
					p->result[r] = Float8GetDatum(lag[k]);
					p->isnull[r] = false;
				}
			}
		}
		p->done = true;
	}
	return answer(winobj, p, fcinfo);
}

/* p_adjust(p, method) */
Datum
cg_p_adjust_win(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	win_part   *p = partition_state(winobj);

	if (!p->done)
	{
		MemoryContext partctx = GetMemoryChunkContext(p);
		char	   *m = TextDatumGetCString(stable_arg(winobj, fcinfo, 1, "p_adjust", "method"));
		cg_padjust	method;
		cg_ids		ids;
		double	   *pv,
				   *adj,
				   *scratch;
		int64	   *ru,
					nrows,
					n,
					r;
		size_t		bad;
		cg_status	st;

		if (pg_strcasecmp(m, "BH") == 0 || pg_strcasecmp(m, "fdr") == 0)
			method = CG_PADJ_BH;
		else if (pg_strcasecmp(m, "BY") == 0)
			method = CG_PADJ_BY;
		else if (pg_strcasecmp(m, "bonferroni") == 0)
			method = CG_PADJ_BONFERRONI;
		else if (pg_strcasecmp(m, "holm") == 0)
			method = CG_PADJ_HOLM;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("p_adjust: unknown method \"%s\"", m),
					 errhint("Use 'BH' (Benjamini-Hochberg, also 'fdr'), 'BY' (Benjamini-Yekutieli), 'bonferroni' or 'holm'.")));
		n = read_partition(winobj, fcinfo, "p_adjust", false, &ids, &pv, &ru, &nrows);
		adj = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
		scratch = palloc_extended(Max(2 * n, 2) * sizeof(double), MCXT_ALLOC_HUGE);
		st = cg_p_adjust(pv, (size_t) n, method, scratch, adj, &bad);
		if (st != CG_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("p_adjust: p-values must be between 0 and 1"),
					 errdetail("The value was %g.", pv[bad])));
		partition_results(p, partctx, nrows);
		for (r = 0; r < nrows; r++)
		{
			p->isnull[r] = ru[r] < 0;
			if (ru[r] >= 0)
				p->result[r] = Float8GetDatum(adj[ru[r]]);
		}
		p->done = true;
	}
	return answer(winobj, p, fcinfo);
}

/* weights_summary(weights regclass, style text): one row */
Datum
cg_weights_summary_fn(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	char		style = cg_parse_style(PG_GETARG_TEXT_PP(1));
	AttrNumber	ai;
	cg_wrel    *wr;
	cg_weights	wt;
	cg_weights_summary sm;
	double	   *scratch;
	uint32	   *us;
	cg_status	st;
	TupleDesc	td;
	Datum		v[13];
	bool		nl[13] = {false};
	char		s1[2] = {style, 0};

	if (get_rel_name(relid) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("weights relation with OID %u does not exist", relid)));
	ai = get_attnum(relid, "i");
	wr = cg_wrel_get(fcinfo, relid,
					 ai != InvalidAttrNumber ? cg_id_kind(get_atttype(relid, ai), "weights_summary") : CG_ID_INT);
	wt = wr->wt;
	wt.row = palloc_extended((wr->nkeys + 1) * sizeof(size_t), MCXT_ALLOC_HUGE);
	wt.col = palloc_extended(Max(wt.m, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	wt.w = palloc_extended(Max(wt.m, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	memcpy(wt.row, wr->wt.row, (wr->nkeys + 1) * sizeof(size_t));
	memcpy(wt.col, wr->wt.col, wt.m * sizeof(uint32));
	memcpy(wt.w, wr->wt.w, wt.m * sizeof(double));
	st = cg_weights_transform(&wt, style);
	if (st == CG_E_NONPOSITIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights_summary: the weights sum to 0 (a row, or all of them), which style %c cannot scale", style)));
	if (st != CG_OK)
		cg_report(st, "weights", NAN, NULL);
	scratch = palloc_extended(Max(2 * wt.n, 2) * sizeof(double), MCXT_ALLOC_HUGE);
	us = palloc_extended(Max(wt.n, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	CG_RUN_KERNEL(st, cg_weights_summarize(&wt, scratch, us, &sm));
	if (st != CG_OK)
		cg_report(st, "weights", NAN, NULL);
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);
	v[0] = Int64GetDatum((int64) wt.n);
	v[1] = Int64GetDatum((int64) wt.m);
	v[2] = CStringGetTextDatum(s1);
	v[3] = Float8GetDatum(sm.s0);
	v[4] = Float8GetDatum(sm.s1);
	v[5] = Float8GetDatum(sm.s2);
	v[6] = Int64GetDatum((int64) sm.islands);
	v[7] = Int64GetDatum((int64) sm.components);
	v[8] = Int64GetDatum((int64) sm.asymmetric);
	v[9] = Int32GetDatum((int32) sm.min_neighbours);
	v[10] = Float8GetDatum(sm.mean_neighbours);
	v[11] = Int32GetDatum((int32) sm.max_neighbours);
	v[12] = CStringGetTextDatum(wr->kind == CG_ID_INT ? "integer" : "text");
	nl[9] = nl[10] = nl[11] = wt.n == 0;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nl)));
}
