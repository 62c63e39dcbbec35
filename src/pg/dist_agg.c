/*
 * dist_agg.c — distribution-based inequality aggregates: gini, palma,
 * quantile_share_ratio, lorenz_curve; weighted and unweighted.
 *
 * The state keeps every (x, w) pair (16 bytes a row) in a chunked pair state
 * (pairstate.c), a caregap.agg_state of kind distribution (concentration:
 * (rank, x, w) rows).  The final function
 * copies the pairs, radix-sorts the copy by x and evaluates the sorted form;
 * the state itself is never modified, so the aggregates work over windows.
 */
#include "cg_pg.h"
#include "pairstate.h"

#include <float.h>
#include <math.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "../kernel/cg_ineq.h"
#include "../kernel/cg_sum.h"

PG_FUNCTION_INFO_V1(cg_dist_trans_x);
PG_FUNCTION_INFO_V1(cg_dist_trans_xw);
PG_FUNCTION_INFO_V1(cg_dist_trans_xc);
PG_FUNCTION_INFO_V1(cg_dist_trans_xwc);
PG_FUNCTION_INFO_V1(cg_dist_trans_xpp);
PG_FUNCTION_INFO_V1(cg_dist_trans_xwpp);
PG_FUNCTION_INFO_V1(cg_dist_trans_xn);
PG_FUNCTION_INFO_V1(cg_dist_trans_xwn);
PG_FUNCTION_INFO_V1(cg_dist_combine);
PG_FUNCTION_INFO_V1(cg_gini_final);
PG_FUNCTION_INFO_V1(cg_palma_final);
PG_FUNCTION_INFO_V1(cg_qsr_final);
PG_FUNCTION_INFO_V1(cg_lorenz_final);
PG_FUNCTION_INFO_V1(cg_conc_trans_xr);
PG_FUNCTION_INFO_V1(cg_conc_trans_xwr);
PG_FUNCTION_INFO_V1(cg_conc_final);
PG_FUNCTION_INFO_V1(cg_dist_state_final);
PG_FUNCTION_INFO_V1(cg_dist_merge_trans);
PG_FUNCTION_INFO_V1(cg_gini_of);
PG_FUNCTION_INFO_V1(cg_palma_of);
PG_FUNCTION_INFO_V1(cg_qsr_of);
PG_FUNCTION_INFO_V1(cg_lorenz_of);

#define DIST_HINT "Inequality measures take finite values x >= 0 and weights w > 0."
#define MAX_LORENZ_POINTS 100001
#define RANGE_HINT "The values and weights span more orders of magnitude than double precision carries; rescale them or leave out the extreme units."

/* Raise the error of a row (x, w) that failed cg_dist_check. */
static pg_noinline CG_NORETURN void
dist_reject(double x, double w)
{
	cg_ineq_arg bad;
	cg_status	st = cg_dist_check(x, w, &bad);

	cg_report(st == CG_OK ? CG_E_CORRUPT : st, bad == CG_IA_W ? "weight" : "x",
			  bad == CG_IA_W ? w : x, DIST_HINT);
}

/* Validate and append (x, w); returns the state (NULL if still empty). */
static inline PairState *
dist_add(FunctionCallInfo fcinfo, int wpos)
{
	PairState  *ps = cg_xstate_arg0(fcinfo, &cg_dist_state_ops);
	double		x,
				w = 1.0;

	if (PG_ARGISNULL(1) || (wpos > 0 && PG_ARGISNULL(wpos)))
		return ps;
	x = PG_GETARG_FLOAT8(1);
	if (wpos > 0)
		w = PG_GETARG_FLOAT8(wpos);
	/* cg_dist_check's test, inline: 0 <= x < inf, 0 < w < inf (NaN fails) */
	if (!(x >= 0.0 && x <= DBL_MAX && w > 0.0 && w <= DBL_MAX))
		dist_reject(x, w);
	return ps_append(fcinfo, &cg_dist_state_ops, ps, x, w);
}

/* Return a state, or SQL NULL while it is still empty. */
#define RETURN_STATE(ps) CG_RETURN_XSTATE(ps)

/* dist_trans(agg_state, x) */
Datum
cg_dist_trans_x(PG_FUNCTION_ARGS)
{
	RETURN_STATE(dist_add(fcinfo, 0));
}

/* dist_trans(agg_state, x, w) */
Datum
cg_dist_trans_xw(PG_FUNCTION_ARGS)
{
	RETURN_STATE(dist_add(fcinfo, 2));
}

/*
 * Does the row count (x, and w if weighted, not NULL)?  A row that does not
 * is skipped whole, its parameter unchecked, so that the same rows give the
 * same result, or the same error, in any order.
 */
static inline bool
row_counts(FunctionCallInfo fcinfo, int wpos)
{
	return !PG_ARGISNULL(1) && !(wpos > 0 && PG_ARGISNULL(wpos));
}

#define SKIP_ROW() RETURN_STATE(cg_xstate_arg0(fcinfo, &cg_dist_state_ops))

/* Set the statistic's parameters on a non-empty state. */
static PairState *
with_params(PairState *ps, double p0, double p1, const char *what)
{
	if (ps != NULL)
		ps_set_params(ps, p0, p1, what);
	return ps;
}

/* gini_trans(agg_state, x, corrected boolean) */
Datum
cg_dist_trans_xc(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	if (PG_ARGISNULL(2) || !row_counts(fcinfo, 0))
		SKIP_ROW();
	ps = dist_add(fcinfo, 0);
	RETURN_STATE(with_params(ps, PG_GETARG_BOOL(2) ? 1.0 : 0.0, 0.0, "corrected"));
}

/* gini_trans(agg_state, x, w, corrected boolean) */
Datum
cg_dist_trans_xwc(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	if (PG_ARGISNULL(3) || !row_counts(fcinfo, 2))
		SKIP_ROW();
	ps = dist_add(fcinfo, 2);
	RETURN_STATE(with_params(ps, PG_GETARG_BOOL(3) ? 1.0 : 0.0, 0.0, "corrected"));
}

/* Validate a pair of population shares 0 < low <= high < 1. */
static void
check_shares(double low, double high)
{
	if (!(low > 0.0 && low < 1.0) || !(high > 0.0 && high < 1.0) || low > high)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("population shares must satisfy 0 < low <= high < 1"),
				 errdetail("Got low = %g and high = %g.", low, high),
				 errhint("quantile_share_ratio(x, 0.2, 0.8) is the S80/S20 ratio: the share of the top 20 %% over that of the bottom 20 %%.")));
}

/* qsr_trans(agg_state, x, low, high) */
Datum
cg_dist_trans_xpp(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	if (PG_ARGISNULL(2) || PG_ARGISNULL(3) || !row_counts(fcinfo, 0))
		SKIP_ROW();
	check_shares(PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3));
	ps = dist_add(fcinfo, 0);
	RETURN_STATE(with_params(ps, PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3), "population shares"));
}

/* qsr_trans(agg_state, x, w, low, high) */
Datum
cg_dist_trans_xwpp(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	if (PG_ARGISNULL(3) || PG_ARGISNULL(4) || !row_counts(fcinfo, 2))
		SKIP_ROW();
	check_shares(PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4));
	ps = dist_add(fcinfo, 2);
	RETURN_STATE(with_params(ps, PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4), "population shares"));
}

/* Validate the number of Lorenz points. */
static void
check_points(int32 points)
{
	if (points < 2 || points > MAX_LORENZ_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("points must be between 2 and %d", MAX_LORENZ_POINTS),
				 errdetail("Got %d.", points)));
}

/* lorenz_trans(agg_state, x, points) */
Datum
cg_dist_trans_xn(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	if (PG_ARGISNULL(2) || !row_counts(fcinfo, 0))
		SKIP_ROW();
	check_points(PG_GETARG_INT32(2));
	ps = dist_add(fcinfo, 0);
	RETURN_STATE(with_params(ps, PG_GETARG_INT32(2), 0.0, "points"));
}

/* lorenz_trans(agg_state, x, w, points) */
Datum
cg_dist_trans_xwn(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	if (PG_ARGISNULL(3) || !row_counts(fcinfo, 2))
		SKIP_ROW();
	check_points(PG_GETARG_INT32(3));
	ps = dist_add(fcinfo, 2);
	RETURN_STATE(with_params(ps, PG_GETARG_INT32(3), 0.0, "points"));
}

/* dist_combine(agg_state, agg_state): distribution or concentration states */
Datum
cg_dist_combine(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = cg_agg_context(fcinfo, "dist_combine");
	const CgStateOps *ops;
	PairState  *a;

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	ops = cg_xstate_kind(fcinfo, PG_ARGISNULL(0) ? 1 : 0) == CG_SK_CONC ?
		&cg_conc_state_ops : &cg_dist_state_ops;
	a = cg_xstate_get(fcinfo, 0, ops);
	RETURN_STATE(ps_combine_arg(fcinfo, ctx, a, ops, ops == &cg_conc_state_ops ? 3 : 2,
								ops == &cg_conc_state_ops ? cg_conc_copy_rows : cg_dist_copy_rows,
								"parameter"));
}

static bytea *
dist_serialize(void *state, bool external)
{
	return ps_serialize((PairState *) state, "distribution");
}

static void *
dist_deserialize(MemoryContext parent, const char *buf, Size len, bool external)
{
	return ps_read(parent, &cg_dist_state_ops, buf, len, 2, cg_dist_copy_rows);
}

static bytea *
conc_serialize(void *state, bool external)
{
	return ps_serialize((PairState *) state, "concentration");
}

static void *
conc_deserialize(MemoryContext parent, const char *buf, Size len, bool external)
{
	return ps_read(parent, &cg_conc_state_ops, buf, len, 3, cg_conc_copy_rows);
}

static void
dist_check(const char *buf, Size len)
{
	ps_check(&cg_dist_state_ops, buf, len, 2, cg_dist_copy_rows);
}

const CgStateOps cg_dist_state_ops = {
	CG_SK_DIST, "distribution", dist_serialize, dist_deserialize, false, ps_payload_size, ps_write_payload, dist_check
};

static void
conc_check(const char *buf, Size len)
{
	ps_check(&cg_conc_state_ops, buf, len, 3, cg_conc_copy_rows);
}

const CgStateOps cg_conc_state_ops = {
	CG_SK_CONC, "concentration", conc_serialize, conc_deserialize, false, ps_payload_size, ps_write_payload, conc_check
};

/*
 * The stored distribution state (bytea) in argument argno, read and checked
 * (rows x >= 0 finite, w > 0 finite, the layout and its codecs): in the
 * aggregate context inside an aggregate, else in the current context.
 */
static PairState *
stored_state(FunctionCallInfo fcinfo, int argno)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(argno);
	MemoryContext ctx;
	bool		in_agg = AggCheckCallContext(fcinfo, &ctx);
	PairState  *ps = ps_read(in_agg ? ctx : CurrentMemoryContext, &cg_dist_state_ops,
							 VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), 2, cg_dist_copy_rows);

	/* read here and owned by no group: distribution_merge takes its rows over */
	ps->xs.fresh = in_agg;
	return ps;
}

/*
 * Set by sort_state (when it rescales): the units with x = 0, first in
 * order, and their share of the weight, counted before rescaling (which can
 * turn the smallest positive x into 0 where the values span the double range).
 */
static size_t zero_units;
static double zero_share;

/*
 * The pairs of the state sorted by x (a copy), with their totals; NULL when
 * there are no rows.
 */
static const double *
sort_state(PairState *ps, const char *fname, double *w_total, double *wx_total)
{
	double	   *buf_a;
	const double *v;
	cg_status	st;
	size_t		i;

	if (ps == NULL || ps->n == 0)
		return NULL;
	buf_a = cg_alloc_large(CurrentMemoryContext, ps->n * 2 * sizeof(double));
	CHECK_FOR_INTERRUPTS();
	/* the state's chunks are only read: the aggregate works over windows */
	do
	{
		v = cg_sort_rows(ps_chunks(ps), ps->nchunks, ps->n, 2, buf_a, &st);
		if (st == CG_E_CANCELED)
			CHECK_FOR_INTERRUPTS();
	} while (st == CG_E_CANCELED);
	if (v == NULL)
		cg_report(st, fname, NAN, NULL);
	if (w_total == NULL)
		return v;				/* the caller scales for itself (Gini) */
	/* the share of weight of the units with x = 0, before rescaling can make more */
	{
		double		z_hi = 0.0,
					z_lo = 0.0,
					a_hi = 0.0,
					a_lo = 0.0;

		for (i = 0; i < ps->n && v[2 * i] == 0.0; i++)
			cg_psum_add(&z_hi, &z_lo, v[2 * i + 1]);
		zero_units = i;
		for (i = 0; i < ps->n; i++)
			cg_psum_add(&a_hi, &a_lo, v[2 * i + 1]);
		zero_share = cg_nsum_value(z_hi, z_lo) / cg_nsum_value(a_hi, a_lo);
	}
	/* the copy is ours: rescale x and w (the measures are scale-invariant) */
	if (cg_dist_normalize(buf_a, ps->n, 2, 0, 1) != CG_OK)
		cg_report(CG_E_OVERFLOW, "inequality sum", NAN, RANGE_HINT);
	cg_dist_totals(v, ps->n, w_total, wx_total);
	if (!isfinite(*w_total) || !isfinite(*wx_total) ||
		(*wx_total > 0.0 && *wx_total < CG_DIST_MIN_WX))
		cg_report(CG_E_OVERFLOW, "inequality sum", NAN, RANGE_HINT);
	return v;
}

/* sort_state on the aggregate state in argument 0 (*psp: the state). */
static const double *
sorted_pairs(FunctionCallInfo fcinfo, const char *fname, PairState **psp,
			 double *w_total, double *wx_total)
{
	cg_agg_context(fcinfo, fname);
	*psp = cg_xstate_final(fcinfo, &cg_dist_state_ops);
	return sort_state(*psp, fname, w_total, wx_total);
}

/* gini_final(agg_state) returns float8 */
static Datum
gini_datum(FunctionCallInfo fcinfo, PairState *ps, const double *v)
{
	double		g;
	int			defined;
	cg_status	st;

	if (v == NULL)
		PG_RETURN_NULL();
	CG_RUN_KERNEL(st, cg_gini_sorted(v, ps->n, ps->params.set && ps->params.p[0] != 0.0,
									 &g, &defined));
	if (st != CG_OK)
		cg_report(st, "gini sum", NAN, RANGE_HINT);
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(g);
}

Datum
cg_gini_final(PG_FUNCTION_ARGS)
{
	PairState  *ps;
	const double *v = sorted_pairs(fcinfo, "gini_final", &ps, NULL, NULL);

	return gini_datum(fcinfo, ps, v);
}

/* (1 - L(high)) / L(low) of a state, NULL when L(low) = 0. */
static Datum
share_ratio_of(FunctionCallInfo fcinfo, PairState *ps, const char *fname, double low,
			   double high, bool from_params)
{
	double		w,
				wx,
				lo;
	const double *v = sort_state(ps, fname, &w, &wx);

	if (v == NULL || !(wx > 0.0))
		PG_RETURN_NULL();
	if (from_params)
	{
		low = ps->params.p[0];
		high = ps->params.p[1];
	}
	lo = cg_lorenz_at(v, ps->n, w, wx, low);
	if (!(lo > 0.0))
	{
		/*
		 * 0 only if every unit below the cut has x = 0 (the zeros' share of
		 * the weight reaches the cut); else it underflowed
		 */
		if (zero_units < ps->n && zero_share < low)
			cg_report(CG_E_OVERFLOW, fname, NAN, RANGE_HINT);
		PG_RETURN_NULL();
	}
	/*
	 * the bottom share's products w x (rescaled) reach the subnormal range:
	 * the values span more than double precision carries, and the share
	 * would lose digits silently
	 */
	if (lo * wx < CG_DIST_MIN_WX)
		cg_report(CG_E_OVERFLOW, fname, NAN, RANGE_HINT);
	PG_RETURN_FLOAT8((1.0 - cg_lorenz_at(v, ps->n, w, wx, high)) / lo);
}

/* share_ratio_of on the aggregate state in argument 0. */
static Datum
share_ratio(FunctionCallInfo fcinfo, const char *fname, double low, double high,
			bool from_params)
{
	cg_agg_context(fcinfo, fname);
	return share_ratio_of(fcinfo, cg_xstate_final(fcinfo, &cg_dist_state_ops),
						  fname, low, high, from_params);
}

/* palma_final(agg_state): share of the top 10 % over that of the bottom 40 %. */
Datum
cg_palma_final(PG_FUNCTION_ARGS)
{
	return share_ratio(fcinfo, "palma_final", 0.4, 0.9, false);
}

/* qsr_final(agg_state): share of the top (1 - high) over the bottom low. */
Datum
cg_qsr_final(PG_FUNCTION_ARGS)
{
	return share_ratio(fcinfo, "quantile_share_ratio_final", 0, 0, true);
}

/*
 * lorenz_final(agg_state) returns jsonb: [[p, L(p)], ...] at p = i/(points-1),
 * ready for a chart; NULL when every x is 0.
 */
static Datum
lorenz_datum(FunctionCallInfo fcinfo, PairState *ps)
{
	double		w,
				wx;
	const double *v = sort_state(ps, "lorenz_final", &w, &wx);
	StringInfoData buf;
	double	   *ps_p,
			   *ps_l;
	cg_status	st;
	int			points,
				i;

	if (v == NULL || !(wx > 0.0))
		PG_RETURN_NULL();
	points = (int) ps->params.p[0];
	ps_p = palloc(points * sizeof(double));
	ps_l = palloc(points * sizeof(double));
	for (i = 0; i < points; i++)
		ps_p[i] = (double) i / (points - 1);
	/* one pass over the sorted rows for all the points: O(n + points) */
	CG_RUN_KERNEL(st, cg_lorenz_points(v, ps->n, w, wx, ps_p, points, ps_l));
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < points; i++)
	{
		CHECK_FOR_INTERRUPTS();
		/* shortest text that reads back as the same double */
		appendStringInfo(&buf, "%s[%s, %s]", i ? ", " : "",
						 DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(ps_p[i]))),
						 DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(ps_l[i]))));
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

Datum
cg_lorenz_final(PG_FUNCTION_ARGS)
{
	cg_agg_context(fcinfo, "lorenz_final");
	return lorenz_datum(fcinfo, cg_xstate_final(fcinfo, &cg_dist_state_ops));
}

/*
 * Rollups of the distribution measures.  A stored state is the state's
 * serial form (bytea): every (x, w) pair, in the compact lossless codecs of
 * cg_pairs, checked when read.  distribution_state builds one, and
 * distribution_merge unions stored states; gini_of and the others evaluate
 * one with the parameters given at evaluation.
 */

/* distribution_state_final(agg_state) returns bytea: the stored form. */
Datum
cg_dist_state_final(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	cg_agg_context(fcinfo, "distribution_state_final");
	ps = cg_xstate_final(fcinfo, &cg_dist_state_ops);
	if (ps == NULL || ps->n == 0)
		PG_RETURN_NULL();
	if (ps->params.set)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a stored distribution state carries no parameters"),
				 errhint("Give the parameters when the state is evaluated, e.g. gini_of(state, true).")));
	PG_RETURN_BYTEA_P(ps_serialize(ps, "distribution state"));
}

/* distribution_merge_trans(agg_state, bytea): union a stored state into the state. */
Datum
cg_dist_merge_trans(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = cg_agg_context(fcinfo, "distribution_merge");
	PairState  *a = cg_xstate_arg0(fcinfo, &cg_dist_state_ops);

	if (PG_ARGISNULL(1))
		RETURN_STATE(a);
	RETURN_STATE(ps_combine(ctx, a, stored_state(fcinfo, 1), "parameter"));
}

/* gini_of(state bytea, corrected boolean) returns float8 */
Datum
cg_gini_of(PG_FUNCTION_ARGS)
{
	PairState  *ps = stored_state(fcinfo, 0);

	ps->params.set = 1;
	ps->params.p[0] = PG_GETARG_BOOL(1) ? 1.0 : 0.0;
	return gini_datum(fcinfo, ps, sort_state(ps, "gini_of", NULL, NULL));
}

/* palma_of(state bytea) returns float8 */
Datum
cg_palma_of(PG_FUNCTION_ARGS)
{
	return share_ratio_of(fcinfo, stored_state(fcinfo, 0), "palma_of", 0.4, 0.9, false);
}

/* quantile_share_ratio_of(state bytea, low, high) returns float8 */
Datum
cg_qsr_of(PG_FUNCTION_ARGS)
{
	double		low = PG_GETARG_FLOAT8(1),
				high = PG_GETARG_FLOAT8(2);

	check_shares(low, high);
	return share_ratio_of(fcinfo, stored_state(fcinfo, 0), "quantile_share_ratio_of", low,
						  high, false);
}

/* lorenz_curve_of(state bytea, points) returns jsonb */
Datum
cg_lorenz_of(PG_FUNCTION_ARGS)
{
	PairState  *ps;

	check_points(PG_GETARG_INT32(1));
	ps = stored_state(fcinfo, 0);
	ps->params.set = 1;
	ps->params.p[0] = PG_GETARG_INT32(1);
	return lorenz_datum(fcinfo, ps);
}

/* Validate and append (rank, x, w); rpos is the position of rank_by. */
static Datum
conc_add(FunctionCallInfo fcinfo, int wpos, int rpos)
{
	PairState  *ps = cg_xstate_arg0(fcinfo, &cg_conc_state_ops);
	double		x,
				r,
				w = 1.0;
	cg_ineq_arg bad;
	cg_status	st;

	if (PG_ARGISNULL(1) || (wpos > 0 && PG_ARGISNULL(wpos)) || PG_ARGISNULL(rpos))
		RETURN_STATE(ps);
	x = PG_GETARG_FLOAT8(1);
	if (wpos > 0)
		w = PG_GETARG_FLOAT8(wpos);
	r = PG_GETARG_FLOAT8(rpos);
	if ((st = cg_dist_check(x, w, &bad)) != CG_OK)
		cg_report(st, bad == CG_IA_W ? "weight" : "x", bad == CG_IA_W ? w : x, DIST_HINT);
	if (isnan(r))
		cg_report(CG_E_NAN, "rank_by", r, "Units are ranked by rank_by, e.g. income or deprivation.");
	if (isinf(r))
		cg_report(CG_E_INFINITE, "rank_by", r, "Units are ranked by rank_by, e.g. income or deprivation.");
	RETURN_STATE(ps_append3(fcinfo, &cg_conc_state_ops, ps, r, x, w));
}

/* concentration_index_trans(agg_state, x, rank_by) */
Datum
cg_conc_trans_xr(PG_FUNCTION_ARGS)
{
	return conc_add(fcinfo, 0, 2);
}

/* concentration_index_trans(agg_state, x, w, rank_by) */
Datum
cg_conc_trans_xwr(PG_FUNCTION_ARGS)
{
	return conc_add(fcinfo, 2, 3);
}

/* concentration_index_final(agg_state) returns float8 */
Datum
cg_conc_final(PG_FUNCTION_ARGS)
{
	PairState  *ps;
	double	   *buf_a,
				c;
	const double *v;
	int			defined;
	cg_status	st;

	cg_agg_context(fcinfo, "concentration_index_final");
	ps = cg_xstate_final(fcinfo, &cg_conc_state_ops);
	if (ps == NULL || ps->n == 0)
		PG_RETURN_NULL();
	buf_a = cg_alloc_large(CurrentMemoryContext, ps->n * 3 * sizeof(double));
	CHECK_FOR_INTERRUPTS();
	do
	{
		v = cg_sort_rows(ps_chunks(ps), ps->nchunks, ps->n, 3, buf_a, &st);
		if (st == CG_E_CANCELED)
			CHECK_FOR_INTERRUPTS();
	} while (st == CG_E_CANCELED);
	if (v == NULL)
		cg_report(st, "concentration_index_final", NAN, NULL);
	if (cg_dist_normalize(buf_a, ps->n, 3, 1, 2) != CG_OK)
		cg_report(CG_E_OVERFLOW, "concentration_index sum", NAN, NULL);
	CG_RUN_KERNEL(st, cg_concentration_sorted(v, ps->n, &c, &defined));
	if (st != CG_OK)
		cg_report(st, "concentration_index sum", NAN, RANGE_HINT);
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(c);
}
