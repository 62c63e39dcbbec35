/*
 * spatial_build.c — weights constructors from points: k nearest neighbours
 * and distance bands by great-circle distance (cg_neighbors.h), reading an
 * inner query with the caller's privileges and returning weights rows
 * (i, j, w, km) ready for a view.
 */
#include "cg_spatial_pg.h"
#include "../kernel/cg_neighbors.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_knn_weights);
PG_FUNCTION_INFO_V1(cg_distance_weights);

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

typedef struct ptrow
{
	char	   *id;
	double		lon,
				lat,
				amount;
} ptrow;

static int
cmp_ptrow(const void *a, const void *b, void *arg)
{
	return cmp_str(&((const ptrow *) a)->id, &((const ptrow *) b)->id);
}

static int
float8_column(TupleDesc td, const char *fname, const char *what, const char *col)
{
	int			c = SPI_fnumber(td, col);

	if (c <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: the %s query has no column \"%s\"", fname, what, col)));
	if (!cg_number_type_ok(SPI_gettypeid(td, c)))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column \"%s\" of the %s query must be a number (double precision, real, smallint, integer, bigint or numeric), not %s",
						fname, col, what, format_type_be(SPI_gettypeid(td, c))),
				 errhint("Cast it: %s::float8.", col)));
	return c;
}

void
cg_read_points(text *query, const char *fname, const char *what, const char *amount,
			   bool coords, cg_points *pts)
{
	char	   *q = text_to_cstring(query);
	uint64		r,
				n;
	int			cid,
				clon = 0,
				clat = 0,
				camt = 0;
	TupleDesc	td;
	ptrow	   *rows;
	MemoryContext outer = CurrentMemoryContext;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	cg_spi_read(q, fname, what);
	td = SPI_tuptable->tupdesc;
	cid = SPI_fnumber(td, "id");
	if (cid <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: the %s query has no column \"id\"", fname, what)));
	if (coords)
	{
		clon = float8_column(td, fname, what, "lon");
		clat = float8_column(td, fname, what, "lat");
	}
	if (amount)
		camt = float8_column(td, fname, what, amount);
	n = SPI_processed;
	if (n >= ((uint64) 1 << 31))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: more than 2^31 rows in the %s query", fname, what)));
	rows = MemoryContextAllocExtended(outer, Max(n, 1) * sizeof(ptrow), MCXT_ALLOC_HUGE);
	for (r = 0; r < n; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		isnull;
		char	   *id;

		if ((r & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		(void) SPI_getbinval(tup, td, cid, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: a row of the %s query has a null id", fname, what)));
		id = SPI_getvalue(tup, td, cid);
		rows[r].id = MemoryContextStrdup(outer, id);
		rows[r].lon = rows[r].lat = rows[r].amount = 0.0;
		if (coords)
		{
			bool		n1,
						n2;
			Datum		dlon = SPI_getbinval(tup, td, clon, &n1),
						dlat = SPI_getbinval(tup, td, clat, &n2);

			if (n1 || n2)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: row %s of the %s query has a null lon or lat", fname, id, what),
						 errhint("Leave points without coordinates out of the query.")));
			rows[r].lon = cg_number_datum(dlon, SPI_gettypeid(td, clon));
			rows[r].lat = cg_number_datum(dlat, SPI_gettypeid(td, clat));
		}
		if (amount)
		{
			Datum		d = SPI_getbinval(tup, td, camt, &isnull);

			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: row %s of the %s query has a null %s", fname, id, what, amount)));
			rows[r].amount = cg_number_datum(d, SPI_gettypeid(td, camt));
		}
	}
	SPI_finish();
	qsort_interruptible(rows, (size_t) n, sizeof(ptrow), cmp_ptrow, NULL);
	pts->n = (int64) n;
	pts->id = palloc_extended(Max(n, 1) * sizeof(char *), MCXT_ALLOC_HUGE);
	pts->lon = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	pts->lat = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	pts->amount = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	for (r = 0; r < n; r++)
	{
		if (r > 0 && strcmp(rows[r].id, rows[r - 1].id) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: id %s appears more than once in the %s query", fname, rows[r].id, what)));
		pts->id[r] = rows[r].id;
		pts->lon[r] = rows[r].lon;
		pts->lat[r] = rows[r].lat;
		pts->amount[r] = rows[r].amount;
	}
}

int64
cg_points_find(const cg_points *pts, const char *id)
{
	int64		lo = 0,
				hi = pts->n;

	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;
		int			c = strcmp(pts->id[mid], id);

		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return mid;
	}
	return -1;
}

static void
read_points(text *query, const char *fname, cg_points *pts)
{
	cg_read_points(query, fname, "points", NULL, true, pts);
}

double *
cg_float8_array_arg(ArrayType *a, const char *fname, const char *what, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	int			k;
	double	   *v;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: %s must be a one-dimensional array", fname, what)));
	deconstruct_array(a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, n);
	v = palloc(Max(*n, 1) * sizeof(double));
	for (k = 0; k < *n; k++)
	{
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: %s must not contain nulls", fname, what)));
		v[k] = DatumGetFloat8(elems[k]);
	}
	return v;
}

/* Coordinates of the points: finite degrees in range, else an error naming the point. */
void
cg_points_check(const cg_points *pts, const char *fname)
{
	int64		k;

	for (k = 0; k < pts->n; k++)
		if (!isfinite(pts->lon[k]) || !isfinite(pts->lat[k]) || pts->lon[k] < -180.0 || pts->lon[k] > 180.0 ||
			pts->lat[k] < -90.0 || pts->lat[k] > 90.0)
			ereport(ERROR,
					(errcode(isnan(pts->lon[k]) || isnan(pts->lat[k]) || (isfinite(pts->lon[k]) && isfinite(pts->lat[k]))
							 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: point %s has lon %g, lat %g: coordinates must be finite degrees, lon in [-180, 180], lat in [-90, 90]",
							fname, pts->id[k], pts->lon[k], pts->lat[k])));
}

void
cg_points_tree(cg_points *pts, const char *fname, cg_kdtree *t)
{
	size_t		bad = 0;
	cg_status	st = cg_kdtree_build(t, (size_t) pts->n, pts->lon, pts->lat,
									 palloc_extended(Max(3 * pts->n, 3) * sizeof(double), MCXT_ALLOC_HUGE),
									 palloc_extended(Max(pts->n, 1) * sizeof(uint32), MCXT_ALLOC_HUGE), &bad);

	if (st != CG_OK)
		ereport(ERROR,
				(errcode(st == CG_E_INFINITE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: point %s has lon %g, lat %g: coordinates must be finite degrees, lon in [-180, 180], lat in [-90, 90]",
						fname, pts->id[bad], pts->lon[bad], pts->lat[bad])));
}

Tuplestorestate *
cg_srf_begin(FunctionCallInfo fcinfo, TupleDesc *td)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	Tuplestorestate *ts;

	if (rsi == NULL || !IsA(rsi, ReturnSetInfo) || !(rsi->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	old = MemoryContextSwitchTo(rsi->econtext->ecxt_per_query_memory);
	*td = CreateTupleDescCopy(*td);
	ts = tuplestore_begin_heap(true, false, work_mem);
	rsi->returnMode = SFRM_Materialize;
	rsi->setResult = ts;
	rsi->setDesc = *td;
	MemoryContextSwitchTo(old);
	return ts;
}

static void
put_link(Tuplestorestate *ts, TupleDesc td, const char *i, const char *j, double w, double km)
{
	Datum		v[4];
	bool		nl[4] = {false, false, false, false};

	v[0] = CStringGetTextDatum(i);
	v[1] = CStringGetTextDatum(j);
	v[2] = Float8GetDatum(w);
	v[3] = Float8GetDatum(km);
	tuplestore_putvalues(ts, td, v, nl);
	pfree(DatumGetPointer(v[0]));
	pfree(DatumGetPointer(v[1]));
}

/* knn_weights(points text, k int): i -> its k nearest, w = 1 */
Datum
cg_knn_weights(PG_FUNCTION_ARGS)
{
	const char *fname = "knn_weights";
	int32		k = PG_GETARG_INT32(1);
	cg_points	pts;
	cg_kdtree	t;
	TupleDesc	td;
	Tuplestorestate *ts;
	uint32	   *j;
	double	   *km;
	int64		q;
	int			a;

	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: k must be at least 1", fname),
				 errdetail("The value was %d.", k)));
	read_points(PG_GETARG_TEXT_PP(0), fname, &pts);
	if ((int64) k >= pts.n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: k must be below the number of points", fname),
				 errdetail("k was %d and there are " INT64_FORMAT " points.", k, pts.n)));
	cg_points_tree(&pts, fname, &t);
	ts = cg_srf_begin(fcinfo, &td);
	j = palloc(k * sizeof(uint32));
	km = palloc(k * sizeof(double));
	/* a point's search is O(k log n) and its links O(k): poll at every point and every 4096 links */
	for (q = 0; q < pts.n; q++)
	{
		CHECK_FOR_INTERRUPTS();
		cg_kdtree_knn(&t, (size_t) q, (size_t) k, j, km);
		for (a = 0; a < k; a++)
		{
			if ((a & 4095) == 4095)
				CHECK_FOR_INTERRUPTS();
			put_link(ts, td, pts.id[q], pts.id[j[a]], 1.0, km[a]);
		}
	}
	return (Datum) 0;
}

/* distance_weights(points text, max_km float8, power float8): within max_km, w = 1 or km^-power */
Datum
cg_distance_weights(PG_FUNCTION_ARGS)
{
	const char *fname = "distance_weights";
	double		max_km = PG_GETARG_FLOAT8(1),
				power = PG_GETARG_FLOAT8(2);
	cg_points	pts;
	cg_kdtree	t;
	TupleDesc	td;
	Tuplestorestate *ts;
	size_t		cap = 64,
				cnt,
				a;
	uint32	   *j;
	double	   *km;
	int64		q;

	if (!(max_km > 0.0) || !isfinite(max_km))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: max_km must be positive and finite", fname),
				 errdetail("The value was %g.", max_km)));
	if (!(power >= 0.0) || !isfinite(power))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: power must be finite and not negative (0: binary weights)", fname),
				 errdetail("The value was %g.", power)));
	read_points(PG_GETARG_TEXT_PP(0), fname, &pts);
	cg_points_tree(&pts, fname, &t);
	ts = cg_srf_begin(fcinfo, &td);
	j = palloc(cap * sizeof(uint32));
	km = palloc(cap * sizeof(double));
	for (q = 0; q < pts.n; q++)
	{
		/* a point's band may hold every other point: poll at every point and every 4096 links */
		CHECK_FOR_INTERRUPTS();
		cnt = cg_kdtree_within(&t, (size_t) q, max_km, j, km, cap);
		if (cnt > cap)
		{
			while (cap < cnt)
				cap *= 2;
			j = repalloc_huge(j, cap * sizeof(uint32));
			km = repalloc_huge(km, cap * sizeof(double));
			cnt = cg_kdtree_within(&t, (size_t) q, max_km, j, km, cap);
		}
		for (a = 0; a < cnt; a++)
		{
			double		w = 1.0;

			if ((a & 4095) == 4095)
				CHECK_FOR_INTERRUPTS();
			if (power > 0.0)
			{
				if (!(km[a] > 0.0))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: points %s and %s are at distance 0, which has no inverse-distance weight",
									fname, pts.id[q], pts.id[j[a]])));
				w = pow(km[a], -power);
				if (!isfinite(w) || w == 0.0)
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("%s: the weight of points %s and %s, %g km to the power -%g, is out of range for type double precision",
									fname, pts.id[q], pts.id[j[a]], km[a], power),
							 errhint("Use a smaller power.")));
			}
			put_link(ts, td, pts.id[q], pts.id[j[a]], w, km[a]);
		}
	}
	return (Datum) 0;
}
