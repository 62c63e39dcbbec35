/*
 * locate.c — caregap.locate: facility location (cg_locate.h) over inner
 * queries of demand points, candidate sites and existing sites, with
 * great-circle distances or an origin-destination cost query.  The queries
 * run read-only with the caller's privileges.
 */
#include "cg_spatial_pg.h"
#include "../kernel/cg_access.h"
#include "../kernel/cg_locate.h"
#include "../kernel/cg_neighbors.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_locate_srf);

#define FNAME "locate"

/*
 * Pairs held at once: every distance for p_median and p_center (20 bytes a
 * pair with the kernel's sorted copy), the pairs within the catchment for
 * the coverage objectives: 50 million.
 */
#define MAX_DENSE_PAIRS ((Size) 50 * 1000 * 1000)

static cg_loc_objective
parse_objective(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "lscp") == 0)
		return CG_LOC_LSCP;
	if (pg_strcasecmp(s, "mclp") == 0)
		return CG_LOC_MCLP;
	if (pg_strcasecmp(s, "p_median") == 0)
		return CG_LOC_PMEDIAN;
	if (pg_strcasecmp(s, "p_center") == 0)
		return CG_LOC_PCENTER;
	if (pg_strcasecmp(s, "equity") == 0)
		return CG_LOC_EQUITY;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("locate: unknown objective \"%s\"", s),
			 errhint("Use lscp, mclp, p_median, p_center or equity.")));
	return CG_LOC_LSCP;
}

static const char *
site_id(const cg_points *cand, const cg_points *ex, int64 j)
{
	return j < cand->n ? cand->id[j] : ex->id[j - cand->n];
}

/* The coordinates of site j (candidates, then existing sites). */
static void
site_xy(const cg_points *cand, const cg_points *ex, int64 j, double *lon, double *lat)
{
	const cg_points *s = j < cand->n ? cand : ex;
	int64		k = j < cand->n ? j : j - cand->n;

	*lon = s->lon[k];
	*lat = s->lat[k];
}

/* The columns every row has (access, when given; the answer's quality), then the row. */
static void
put_row(Tuplestorestate *ts, TupleDesc td, Datum *v, bool *nl, const double *access,
		const cg_loc_result *res, double gap)
{
	v[7] = access ? Float8GetDatum(*access) : (Datum) 0;
	nl[7] = access == NULL;
	v[8] = Float8GetDatum(res->objective);
	v[9] = Float8GetDatum(res->bound);
	v[10] = Float8GetDatum(gap);
	v[11] = BoolGetDatum(res->optimal != 0);
	tuplestore_putvalues(ts, td, v, nl);
}

Datum
cg_locate_srf(PG_FUNCTION_ARGS)
{
	cg_loc_objective obj;
	cg_points	dem,
				cand,
				ex;
	bool		use_costs = !PG_ARGISNULL(6),
				has_ex = !PG_ARGISNULL(5),
				dense;
	double		catchment = PG_ARGISNULL(4) ? NAN : PG_GETARG_FLOAT8(4);
	int64		n,
				m,
				i,
				j,
				k;
	const char *capcol;
	cg_loc_problem pr;
	cg_loc_result res;
	cg_fca_table tab;
	double	   *d = NULL,
			   *cap,
			   *slon,
			   *slat,
			   *near_d,
			   *served,
			   *access = NULL,
			   *ratio = NULL,
				gap;
	int64	   *near_j;
	bool	   *cov;
	size_t	   *row = NULL;
	uint32	   *col = NULL;
	cg_status	st;
	TupleDesc	td;
	Tuplestorestate *ts;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("locate: the demand and candidates queries and the objective must not be null")));
	obj = parse_objective(PG_GETARG_TEXT_PP(3));
	dense = obj == CG_LOC_PMEDIAN || obj == CG_LOC_PCENTER;
	memset(&pr, 0, sizeof(pr));
	if (obj == CG_LOC_LSCP)
	{
		if (!PG_ARGISNULL(2))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: lscp finds the number of sites itself, so p must be null")));
	}
	else
	{
		if (PG_ARGISNULL(2))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("locate: %s needs p, the number of new sites", text_to_cstring(PG_GETARG_TEXT_PP(3)))));
		if (PG_GETARG_INT32(2) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: p must not be negative"),
					 errdetail("The value was %d.", PG_GETARG_INT32(2))));
		pr.p = (size_t) PG_GETARG_INT32(2);
	}
	if (!dense && PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("locate: lscp, mclp and equity need a catchment"),
				 errhint("The catchment is in km (or in the cost query's units with costs).")));
	if (!PG_ARGISNULL(4) && (isnan(catchment) || !(catchment > 0.0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("locate: the catchment must be positive"),
				 errdetail("The value was %g.", catchment)));
	if (!PG_ARGISNULL(7))
	{
		double		lim = PG_GETARG_FLOAT8(7);

		if (isnan(lim) || !(lim >= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: max_steps must be at least 1"),
					 errdetail("The value was %g.", lim)));
		pr.work_limit = lim;
	}

	capcol = obj == CG_LOC_EQUITY ? "capacity" : NULL;
	cg_read_points(PG_GETARG_TEXT_PP(0), FNAME, "demand", "population", !use_costs, &dem);
	cg_read_points(PG_GETARG_TEXT_PP(1), FNAME, "candidates", capcol, !use_costs, &cand);
	if (has_ex)
		cg_read_points(PG_GETARG_TEXT_PP(5), FNAME, "existing", capcol, !use_costs, &ex);
	else
		memset(&ex, 0, sizeof(ex));
	n = dem.n;
	m = cand.n + ex.n;
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("locate: the demand query returned no points")));
	if (m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("locate: there are no candidate or existing sites")));
	if (obj != CG_LOC_LSCP && (int64) pr.p > cand.n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("locate: p = %d is more than the %lld candidate sites", PG_GETARG_INT32(2),
						(long long) cand.n)));
	for (k = 0; k < ex.n; k++)
		if (cg_points_find(&cand, ex.id[k]) >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: id %s is both a candidate and an existing site", ex.id[k]),
					 errhint("Leave open sites out of the candidates, or give them other ids.")));
	for (i = 0; i < n; i++)
		if (isnan(dem.amount[i]) || isinf(dem.amount[i]) || dem.amount[i] < 0.0)
			ereport(ERROR,
					(errcode(isinf(dem.amount[i]) ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: the population of demand point %s must be finite and not negative", dem.id[i]),
					 errdetail("The value was %g.", dem.amount[i])));
	if (obj == CG_LOC_EQUITY)
	{
		bool		anyone = false;

		for (i = 0; i < n && !anyone; i++)
			anyone = dem.amount[i] > 0.0;
		if (!anyone)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: equity maximizes the least access of the people, and every population of the demand query is 0"),
					 errhint("Give the populations; mclp, p_median and p_center answer 0 for no people.")));
	}
	cap = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
	slon = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
	slat = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
	for (j = 0; j < m; j++)
	{
		cap[j] = j < cand.n ? cand.amount[j] : ex.amount[j - cand.n];
		if (capcol && (isnan(cap[j]) || isinf(cap[j]) || cap[j] < 0.0))
			ereport(ERROR,
					(errcode(isinf(cap[j]) ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("locate: the capacity of site %s must be finite and not negative",
							site_id(&cand, &ex, j)),
					 errdetail("The value was %g.", cap[j])));
		site_xy(&cand, &ex, j, &slon[j], &slat[j]);
	}
	if (!use_costs)
	{
		cg_points_check(&dem, FNAME);
		cg_points_check(&cand, FNAME);
		if (has_ex)
			cg_points_check(&ex, FNAME);
	}
	else
		cg_read_costs(PG_GETARG_TEXT_PP(6), FNAME, &dem, &cand, has_ex ? &ex : NULL,
					  "candidate or existing site", &tab);

	/* distances (p_median, p_center): all pairs, refused past the limit before allocating */
	if (dense)
	{
		if ((Size) n > MAX_DENSE_PAIRS / (Size) m)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("locate: %s holds every demand-site distance, and %lld x %lld pairs are more than its limit of 50 million",
							obj == CG_LOC_PMEDIAN ? "p_median" : "p_center", (long long) n, (long long) m),
					 errhint("Aggregate the demand points or narrow the candidates; mclp and lscp keep only the pairs within the catchment.")));
		d = cg_alloc_large(CurrentMemoryContext, (Size) n * m * sizeof(double));
		if (!use_costs)
			for (i = 0; i < n; i++)
			{
				for (j = 0; j < m; j++)
					d[i * m + j] = cg_haversine_km(dem.lon[i], dem.lat[i], slon[j], slat[j]);
				CHECK_FOR_INTERRUPTS();
			}
		else
		{
			for (i = 0; i < n; i++)
			{
				for (j = 0; j < m; j++)
					d[i * m + j] = NAN;
				for (k = tab.row[i]; k < (int64) tab.row[i + 1]; k++)
					d[i * m + tab.col[k]] = tab.cost[k];
				for (j = 0; j < m; j++)
					if (isnan(d[i * m + j]))
						ereport(ERROR,
								(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
								 errmsg("locate: the cost query has no cost from %s to %s, and %s needs every pair",
										dem.id[i], site_id(&cand, &ex, j),
										obj == CG_LOC_PMEDIAN ? "p_median" : "p_center"),
								 errhint("Give every demand-site pair, or use mclp or lscp, which need only the pairs within the catchment.")));
				CHECK_FOR_INTERRUPTS();
			}
		}
		pr.d = d;
	}
	else
	{
		/* coverage: the sites within the catchment of each point, ascending */
		row = palloc_extended((n + 1) * sizeof(size_t), MCXT_ALLOC_HUGE);
		row[0] = 0;
		if (use_costs)
		{
			col = palloc_extended(Max(tab.row[n], 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
			k = 0;
			for (i = 0; i < n; i++)
			{
				size_t		t;

				/* cg_read_costs sorted each row by site */
				for (t = tab.row[i]; t < tab.row[i + 1]; t++)
					if (tab.cost[t] <= catchment)
						col[k++] = tab.col[t];
				row[i + 1] = (size_t) k;
			}
		}
		else
		{
			cg_points	sites;
			cg_kdtree tree;
			uint32	   *bj = palloc_extended(m * sizeof(uint32), MCXT_ALLOC_HUGE);
			double	   *bd = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
			uint8	   *flag = palloc_extended(m, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
			Size		capk = Min(Max((Size) n * 8, 1024), MAX_DENSE_PAIRS),
						nnz = 0;

			/* every pair is within an unbounded catchment: refused before anything is built */
			if (isinf(catchment) && (Size) n > MAX_DENSE_PAIRS / (Size) m)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("locate: more than 50 million demand-site pairs lie within the catchment"),
						 errhint("Narrow the catchment, aggregate the demand points or narrow the candidates.")));

			sites.n = m;
			sites.lon = slon;
			sites.lat = slat;
			sites.amount = cap;
			sites.id = palloc_extended(m * sizeof(char *), MCXT_ALLOC_HUGE);
			for (j = 0; j < m; j++)
				sites.id[j] = (char *) site_id(&cand, &ex, j);
			cg_points_tree(&sites, FNAME, &tree);
			col = palloc_extended(capk * sizeof(uint32), MCXT_ALLOC_HUGE);
			for (i = 0; i < n; i++)
			{
				size_t		c = cg_kdtree_within_point(&tree, dem.lon[i], dem.lat[i], catchment, 1,
													   bj, bd, (size_t) m),
							t;

				if (nnz + c > capk)
				{
					capk = Max(capk * 2, nnz + c);
					if (nnz + c > MAX_DENSE_PAIRS)
						ereport(ERROR,
								(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
								 errmsg("locate: more than 50 million demand-site pairs lie within the catchment"),
								 errhint("Narrow the catchment, aggregate the demand points or narrow the candidates.")));
					capk = Min(capk, MAX_DENSE_PAIRS);
					col = repalloc_huge(col, capk * sizeof(uint32));
				}
				/* ascending site order: insertion sort when few, else by a pass over flags */
				if (c <= 64)
					for (t = 1; t < c; t++)
					{
						uint32		v = bj[t];
						size_t		u = t;

						while (u > 0 && bj[u - 1] > v)
						{
							bj[u] = bj[u - 1];
							u--;
						}
						bj[u] = v;
					}
				else
				{
					size_t		q = 0;

					for (t = 0; t < c; t++)
						flag[bj[t]] = 1;
					for (j = 0; j < m; j++)
						if (flag[j])
						{
							flag[j] = 0;
							bj[q++] = (uint32) j;
						}
				}
				memcpy(col + nnz, bj, c * sizeof(uint32));
				nnz += c;
				row[i + 1] = nnz;
				CHECK_FOR_INTERRUPTS();
			}
		}
		pr.row = row;
		pr.col = col;
	}

	pr.objective = obj;
	pr.n = (size_t) n;
	pr.m = (size_t) m;
	pr.nfixed = (size_t) ex.n;
	pr.w = dem.amount;
	pr.cap = cap;
	res.open = palloc0(m);
	CG_RUN_KERNEL(st, cg_locate(&pr, &res));
	if (st == CG_E_MISMATCH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("locate: lscp has no solution: no site lies within the catchment of demand point %s",
						dem.id[res.bad]),
				 errhint("Widen the catchment, add candidates, or use mclp to cover as much as p sites can.")));
	if (st != CG_OK)
		cg_report(st, FNAME, NAN, NULL);
	if (!isfinite(res.objective) || !isfinite(res.bound))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("locate: the objective is out of range for type double precision"),
				 errhint("Scale the populations down (for instance to thousands).")));
	if (obj == CG_LOC_EQUITY)
	{
		access = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
		ratio = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE);
		CG_RUN_KERNEL(st, cg_locate_access(&pr, res.open, access, ratio));
		if (st != CG_OK)
			cg_report(st, FNAME, NAN, NULL);
	}

	/* each demand point's nearest open site (p_median, p_center: its assignment) */
	near_j = palloc_extended(n * sizeof(int64), MCXT_ALLOC_HUGE);
	near_d = palloc_extended(n * sizeof(double), MCXT_ALLOC_HUGE);
	served = palloc_extended(m * sizeof(double), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	cov = palloc_extended(n * sizeof(bool), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		near_j[i] = -1;
		near_d[i] = INFINITY;
		if (dense)
		{
			for (j = 0; j < m; j++)
				if (res.open[j] && d[i * m + j] < near_d[i])
				{
					near_d[i] = d[i * m + j];
					near_j[i] = j;
				}
		}
		else if (use_costs)
		{
			for (k = tab.row[i]; k < (int64) tab.row[i + 1]; k++)
				if (res.open[tab.col[k]] && tab.cost[k] < near_d[i])
				{
					near_d[i] = tab.cost[k];
					near_j[i] = tab.col[k];
				}
		}
		else
		{
			for (j = 0; j < m; j++)
				if (res.open[j])
				{
					double		x = cg_haversine_km(dem.lon[i], dem.lat[i], slon[j], slat[j]);

					if (x < near_d[i])
					{
						near_d[i] = x;
						near_j[i] = j;
					}
				}
		}
		/* covered: by the pairs the objective used (the coverage lists), or by distance */
		if (dense)
			cov[i] = !isnan(catchment) && near_j[i] >= 0 && near_d[i] <= catchment;
		else
		{
			cov[i] = false;
			for (k = row[i]; k < (int64) row[i + 1] && !cov[i]; k++)
				cov[i] = res.open[col[k]] != 0;
		}
		if (near_j[i] >= 0 && (dense || cov[i]))
			served[near_j[i]] += dem.amount[i];
		CHECK_FOR_INTERRUPTS();
	}

	{
		double		o = res.objective,
					b = res.bound,
					den = fmax(fabs(o), fabs(b));

		gap = den > 0.0 ? fabs(o - b) / den : 0.0;
	}
	ts = cg_srf_begin(fcinfo, &td);
	for (j = 0; j < m; j++)
	{
		Datum		v[12];
		bool		nl[12];

		if (!res.open[j])
			continue;
		memset(nl, 0, sizeof(nl));
		v[0] = CStringGetTextDatum("site");
		v[1] = CStringGetTextDatum(site_id(&cand, &ex, j));
		v[2] = v[1];
		v[3] = BoolGetDatum(j >= cand.n);
		v[4] = Float8GetDatum(served[j]);
		nl[5] = nl[6] = true;
		v[5] = v[6] = (Datum) 0;
		put_row(ts, td, v, nl, access ? ratio + j : NULL, &res, gap);
	}
	for (i = 0; i < n; i++)
	{
		Datum		v[12];
		bool		nl[12];

		memset(nl, 0, sizeof(nl));
		v[0] = CStringGetTextDatum("demand");
		v[1] = CStringGetTextDatum(dem.id[i]);
		if (near_j[i] >= 0)
		{
			v[2] = CStringGetTextDatum(site_id(&cand, &ex, near_j[i]));
			v[5] = Float8GetDatum(near_d[i]);
		}
		else
		{
			v[2] = v[5] = (Datum) 0;
			nl[2] = nl[5] = true;
		}
		v[3] = (Datum) 0;
		nl[3] = true;
		v[4] = Float8GetDatum(dem.amount[i]);
		if (isnan(catchment))
		{
			v[6] = (Datum) 0;
			nl[6] = true;
		}
		else
			v[6] = BoolGetDatum(cov[i]);
		put_row(ts, td, v, nl, access ? access + i : NULL, &res, gap);
	}
	return (Datum) 0;
}
