/*
 * trend.c — log_trend(t, y), the log-linear trend as an aggregate with a
 * float8[] state (updated in place inside an aggregate, merged by its
 * combine function), and trend_predict(fit, at, level).
 */
#include "cg_pg.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/array.h"

#include <math.h>

#include "../kernel/cg_trend.h"

PG_FUNCTION_INFO_V1(cg_log_trend_trans);
PG_FUNCTION_INFO_V1(cg_log_trend_combine);
PG_FUNCTION_INFO_V1(cg_log_trend_final);
PG_FUNCTION_INFO_V1(cg_trend_predict_fn);

/* A state as log_trend leaves it: n a whole number >= 0, the rest finite, sums of squares >= 0. */
static void
check_state(const double *s, const char *fname)
{
	int			k;
	bool		ok = s[0] >= 0.0 && s[0] == floor(s[0]) && s[3] >= 0.0 && s[4] >= 0.0 &&
		fabs(s[6]) <= fabs(s[1]) * 0x1p-52 && fabs(s[7]) <= fabs(s[2]) * 0x1p-52;	/* low parts */

	for (k = 0; k < CG_TREND_STATE; k++)
		ok = ok && isfinite(s[k]);
	if (ok && s[0] == 0.0)
		for (k = 1; k < CG_TREND_STATE; k++)
			ok = ok && s[k] == 0.0;
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: not a log_trend state", fname)));
}

/*
 * The state to update in argument argno: in place inside an aggregate (a copy
 * outside one, *copied); one of six elements (the aggregate's initial value,
 * or a state stored by 1.0.0) widened into a new array of eight.
 */
static ArrayType *
trend_state(FunctionCallInfo fcinfo, int argno, double **s, bool *copied)
{
	ArrayType  *arr = cg_array_arg(fcinfo, argno);

	if (ARR_NDIM(arr) == 1 && ARR_DIMS(arr)[0] == CG_TREND_STATE_V1)
	{
		double		w[CG_TREND_STATE];

		cg_trend_widen(cg_state_data(arr, CG_TREND_STATE_V1, "log_trend"), w);
		arr = cg_float8_array(w, CG_TREND_STATE);
		*s = (double *) ARR_DATA_PTR(arr);
		*copied = true;			/* new: checked once */
		return arr;
	}
	return cg_state_arg(fcinfo, argno, CG_TREND_STATE, "log_trend", s, copied);
}

/* A state to read (of eight, or six widened into buf). */
static const double *
trend_state_ro(ArrayType *arr, double *buf)
{
	if (ARR_NDIM(arr) == 1 && ARR_DIMS(arr)[0] == CG_TREND_STATE_V1)
	{
		cg_trend_widen(cg_state_data(arr, CG_TREND_STATE_V1, "log_trend"), buf);
		return buf;
	}
	return cg_state_data(arr, CG_TREND_STATE, "log_trend");
}

/* log_trend_trans(float8[], t, y): adds a row; a row with a NULL is skipped */
Datum
cg_log_trend_trans(PG_FUNCTION_ARGS)
{
	double	   *s;
	bool		copied;
	ArrayType  *arr = trend_state(fcinfo, 0, &s, &copied);
	cg_status	st;

	if (copied)
		check_state(s, "log_trend");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_ARRAYTYPE_P(arr);
	st = cg_trend_add(s, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2));
	if (st == CG_E_NONPOSITIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("log_trend: y must be positive (its logarithm is fitted)"),
				 errdetail("The value was %g at t = %g.", PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(1)),
				 errhint("Leave out rows whose value is 0, or fit log(y + c) yourself.")));
	if (st != CG_OK)
		cg_report(st, isfinite(PG_GETARG_FLOAT8(1)) ? "log_trend: y" : "log_trend: t",
				  isfinite(PG_GETARG_FLOAT8(1)) ? PG_GETARG_FLOAT8(2) : PG_GETARG_FLOAT8(1), NULL);
	PG_RETURN_ARRAYTYPE_P(arr);
}

/* log_trend_combine(float8[], float8[]): b merged into a */
Datum
cg_log_trend_combine(PG_FUNCTION_ARGS)
{
	double	   *a,
				bbuf[CG_TREND_STATE];
	const double *b;
	bool		copied;
	ArrayType  *arr = trend_state(fcinfo, 0, &a, &copied);
	ArrayType  *brr = PG_GETARG_ARRAYTYPE_P(1);

	b = trend_state_ro(brr, bbuf);
	check_state(b, "log_trend");
	if (copied)
		check_state(a, "log_trend");
	cg_trend_merge(a, b);
	PG_RETURN_ARRAYTYPE_P(arr);
}

static Datum
f8(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(*isnull ? 0.0 : v);
}

/* log_trend_final(float8[]) returns trend_fit; NULL for no rows */
Datum
cg_log_trend_final(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	double		buf[CG_TREND_STATE];
	const double *s = trend_state_ro(arr, buf);
	cg_trend_fit fit;
	Datum		v[8];
	bool		nl[8];

	check_state(s, "log_trend");
	if (s[0] == 0.0)
		PG_RETURN_NULL();
	cg_trend_fit_of(s, &fit);
	v[0] = Int64GetDatum((int64) fit.n);
	nl[0] = false;
	v[1] = f8(fit.intercept, &nl[1]);
	v[2] = f8(fit.slope, &nl[2]);
	v[3] = f8(fit.sigma, &nl[3]);
	v[4] = f8(fit.t_mean, &nl[4]);
	v[5] = f8(fit.t_ss, &nl[5]);
	v[6] = f8(fit.r_squared, &nl[6]);
	v[7] = f8(fit.growth, &nl[7]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cg_result_tupdesc(fcinfo), v, nl)));
}

/* The fields of a trend_fit value (NULL fields as NaN), deformed at once. */
static void
read_fit(HeapTupleHeader th, cg_trend_fit *fit)
{
	static const Oid types[8] = {INT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID,
	FLOAT8OID, FLOAT8OID};
	Datum		v[8];
	bool		nl[8];
	double	   *dst[] = {&fit->intercept, &fit->slope, &fit->sigma, &fit->t_mean, &fit->t_ss,
		&fit->r_squared, &fit->growth};
	int			k;

	if (!cg_deform_row(th, 8, types, v, nl))
		elog(ERROR, "trend_predict: a trend_fit has 8 fields");
	fit->n = nl[0] ? NAN : (double) DatumGetInt64(v[0]);
	for (k = 0; k < 7; k++)
		*dst[k] = nl[k + 1] ? NAN : DatumGetFloat8(v[k + 1]);
}

/* What a trend_predict call site keeps: the result's descriptor, the last quantile. */
typedef struct predict_cache
{
	TupleDesc	td;
	double		level,
				n,
				q;
} predict_cache;

/* trend_predict(fit trend_fit, at float8, level float8) returns trend_prediction */
Datum
cg_trend_predict_fn(PG_FUNCTION_ARGS)
{
	predict_cache *c = (predict_cache *) fcinfo->flinfo->fn_extra;
	cg_trend_fit fit;
	cg_trend_prediction p;
	cg_status	st;
	double		at,
				level;
	Datum		v[3];
	bool		nl[3];

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (c == NULL)
	{
		TupleDesc	td;
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		c = palloc(sizeof(predict_cache));
		c->td = BlessTupleDesc(CreateTupleDescCopy(td));
		c->level = c->n = NAN;
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = c;
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("trend_predict: at and level must not be null")));
	at = PG_GETARG_FLOAT8(1);
	level = PG_GETARG_FLOAT8(2);
	read_fit(PG_GETARG_HEAPTUPLEHEADER(0), &fit);
	if (isnan(fit.n) || fit.n < 1.0 ||
		(!isnan(fit.slope) && (isnan(fit.intercept) || isnan(fit.t_mean) || !(fit.t_ss > 0.0))) ||
		(!isnan(fit.sigma) && (fit.sigma < 0.0 || fit.n < 3.0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trend_predict: not a fit of log_trend")));
	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trend_predict: level must be between 0 and 1"),
				 errdetail("The value was %g.", level),
				 errhint("0.95 gives a 95 %% prediction interval.")));
	/*
	 * The Student t quantile of (level, n - 2) is the same for every group
	 * of the same size: the last one is kept for the call site, with the
	 * result's tuple descriptor.
	 */
	if (!isnan(fit.sigma) && !(c->level == level && c->n == fit.n))
	{
		c->level = level;
		c->n = fit.n;
		c->q = cg_student_t_quantile(0.5 + level / 2.0, fit.n - 2.0);
	}
	st = cg_trend_predict_q(&fit, at, level, isnan(fit.sigma) ? NAN : c->q, &p);
	if (st == CG_E_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("trend_predict: the trend at %g is out of range for type double precision", at)));
	if (st != CG_OK)
		cg_report(st, "trend_predict: at", at, NULL);
	v[0] = f8(p.predicted, &nl[0]);
	v[1] = f8(p.lower, &nl[1]);
	v[2] = f8(p.upper, &nl[2]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(c->td, v, nl)));
}
