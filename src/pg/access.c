/*
 * access.c — caregap.fca and caregap.fca_supply: the floating-catchment
 * family (cg_access.h) on inner queries of demand and supply points, with
 * great-circle distances or an origin-destination cost query.
 */
#include "cg_spatial_pg.h"
#include "../kernel/cg_access.h"
#include "../kernel/cg_neighbors.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_fca);
PG_FUNCTION_INFO_V1(cg_fca_supply);

/* PySAL access's default zones for E2SFCA (minutes): (0, 10] 1.00, (10, 20] 0.68, (20, 30] 0.22 */
static const double default_upper[3] = {10, 20, 30};
static const double default_weight[3] = {1.0, 0.68, 0.22};

static cg_fca_method
parse_method(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "2sfca") == 0)
		return CG_FCA_2SFCA;
	if (pg_strcasecmp(s, "e2sfca") == 0)
		return CG_FCA_E2SFCA;
	if (pg_strcasecmp(s, "g2sfca") == 0)
		return CG_FCA_G2SFCA;
	if (pg_strcasecmp(s, "3sfca") == 0)
		return CG_FCA_3SFCA;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("fca: unknown method \"%s\"", s),
			 errhint("Use 2sfca, e2sfca, g2sfca or 3sfca.")));
	return CG_FCA_2SFCA;
}

typedef struct cost_pair
{
	uint32		i,
				j;
	double		cost;
} cost_pair;

/*
 * An index of the ids of a, then b (may be NULL): open addressing with
 * linear probing on hash_bytes of the text, at most half full.  An id that
 * both hold is found in a (it was put in first, so it comes first on its
 * probe path).
 */
typedef struct id_index
{
	int64	   *slot;			/* the id's number, -1 for an empty slot */
	uint64		mask;
	const cg_points *a,
			   *b;
} id_index;

static inline const char *
ix_name(const id_index *ix, int64 k)
{
	return k < ix->a->n ? ix->a->id[k] : ix->b->id[k - ix->a->n];
}

static void
id_index_build(id_index *ix, const cg_points *a, const cg_points *b)
{
	int64		n = a->n + (b != NULL ? b->n : 0),
				k;
	uint64		size = 16;

	while (size < (uint64) n * 2)
		size <<= 1;
	ix->slot = palloc_extended(size * sizeof(int64), MCXT_ALLOC_HUGE);
	memset(ix->slot, 0xff, size * sizeof(int64));
	ix->mask = size - 1;
	ix->a = a;
	ix->b = b;
	for (k = 0; k < n; k++)
	{
		const char *id = ix_name(ix, k);
		uint64		h = hash_bytes((const unsigned char *) id, (int) strlen(id)) & ix->mask;

		if ((k & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		while (ix->slot[h] >= 0)
			h = (h + 1) & ix->mask;
		ix->slot[h] = k;
	}
}

/* The number of id in the index, or -1. */
static inline int64
id_index_find(const id_index *ix, const char *id)
{
	uint64		h = hash_bytes((const unsigned char *) id, (int) strlen(id)) & ix->mask;
	int64		k;

	while ((k = ix->slot[h]) >= 0)
	{
		if (strcmp(ix_name(ix, k), id) == 0)
			return k;
		h = (h + 1) & ix->mask;
	}
	return -1;
}

/* The id of site j of sup, then sup2. */
static inline const char *
site_name(const cg_points *sup, const cg_points *sup2, int64 j)
{
	return j < sup->n ? sup->id[j] : sup2->id[j - sup->n];
}

/*
 * The n pairs as compressed rows by demand point (tab, allocated in cxt), by
 * site, then stably by demand point (two counting passes): each demand
 * point's sites come out ascending, and a pair given twice is an error
 * naming it.  pairs is freed.
 */
static void
cost_rows(cost_pair *pairs, uint64 n, int64 m, const char *fname, const cg_points *dem,
		  const cg_points *sup, const cg_points *sup2, MemoryContext cxt, cg_fca_table *tab)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	cost_pair  *tmp;
	size_t	   *row,
			   *start;
	uint32	   *col;
	double	   *cost;
	uint64		r;
	int64		k;

	tmp = cg_alloc_large(cxt, Max(n, 1) * sizeof(cost_pair));
	start = palloc_extended((m + 1) * sizeof(size_t), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (r = 0; r < n; r++)
	{
		if ((r & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		start[pairs[r].j + 1]++;
	}
	for (k = 0; k < m; k++)
		start[k + 1] += start[k];
	for (r = 0; r < n; r++)
	{
		if ((r & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		tmp[start[pairs[r].j]++] = pairs[r];
	}
	if (pairs != NULL)
		pfree(pairs);
	pfree(start);
	row = palloc_extended((dem->n + 1) * sizeof(size_t), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	start = palloc_extended(Max(dem->n, 1) * sizeof(size_t), MCXT_ALLOC_HUGE);
	col = cg_alloc_large(cxt, Max(n, 1) * sizeof(uint32));
	cost = cg_alloc_large(cxt, Max(n, 1) * sizeof(double));
	for (r = 0; r < n; r++)
	{
		if ((r & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		row[tmp[r].i + 1]++;
	}
	for (k = 0; k < dem->n; k++)
	{
		row[k + 1] += row[k];
		start[k] = row[k];
	}
	for (r = 0; r < n; r++)
	{
		size_t		t = start[tmp[r].i]++;

		if ((r & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (t > row[tmp[r].i] && col[t - 1] == tmp[r].j)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the cost query gives the pair (%s, %s) more than once", fname,
							dem->id[tmp[r].i], site_name(sup, sup2, tmp[r].j))));
		col[t] = tmp[r].j;
		cost[t] = tmp[r].cost;
	}
	pfree(tmp);
	pfree(start);
	tab->row = row;
	tab->col = col;
	tab->cost = cost;
	MemoryContextSwitchTo(old);
}

/* The cost query as it is read: the rows go straight from the executor's slots into pairs. */
typedef struct cost_reader
{
	const char *fname,
			   *sites;
	const cg_points *dem,
			   *sup,
			   *sup2;
	id_index	dix,
				six;
	int64		m;
	uint64		n,
				cap,
				limit,
				since_reset;
	cost_pair  *pairs;
	int			ci,
				cj,
				cc;
	Oid			ti,
				tj,
				tc;
	FmgrInfo	outa,
				outb;
	MemoryContext outer,
				rows;
	char		bufa[24],
				bufb[24];
} cost_reader;

/*
 * The text of an id column's value, as its output function writes it (the
 * text the point queries' ids were read as); integers straight into buf.
 */
static const char *
cost_id(Datum d, Oid type, FmgrInfo *out, char *buf)
{
	switch (type)
	{
		case INT8OID:
			pg_lltoa(DatumGetInt64(d), buf);
			return buf;
		case INT4OID:
			pg_ltoa(DatumGetInt32(d), buf);
			return buf;
		case INT2OID:
			pg_ltoa(DatumGetInt16(d), buf);
			return buf;
	}
	return OutputFunctionCall(out, d);
}

/* The columns, found by name in what the executor is about to send. */
static void
cost_startup(TupleDesc td, void *arg)
{
	cost_reader *rd = arg;
	Oid			fn;
	bool		varlena;

	rd->ci = SPI_fnumber(td, "demand_id");
	rd->cj = SPI_fnumber(td, "supply_id");
	rd->cc = SPI_fnumber(td, "cost");
	if (rd->ci <= 0 || rd->cj <= 0 || rd->cc <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: the cost query must return columns demand_id, supply_id and cost", rd->fname)));
	rd->ti = SPI_gettypeid(td, rd->ci);
	rd->tj = SPI_gettypeid(td, rd->cj);
	rd->tc = SPI_gettypeid(td, rd->cc);
	if (!cg_number_type_ok(rd->tc))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column \"cost\" of the cost query must be a number (double precision, real, smallint, integer, bigint or numeric), not %s",
						rd->fname, format_type_be(rd->tc))));
	getTypeOutputInfo(rd->ti, &fn, &varlena);
	fmgr_info_cxt(fn, &rd->outa, rd->outer);
	getTypeOutputInfo(rd->tj, &fn, &varlena);
	fmgr_info_cxt(fn, &rd->outb, rd->outer);
}

static void
cost_receive(TupleTableSlot *slot, void *arg)
{
	cost_reader *rd = arg;
	MemoryContext old;
	const char *a,
			   *b;
	int64		pi,
				pj;
	double		c;

	slot_getsomeattrs(slot, Max(rd->ci, Max(rd->cj, rd->cc)));
	if (slot->tts_isnull[rd->ci - 1] || slot->tts_isnull[rd->cj - 1] || slot->tts_isnull[rd->cc - 1])
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: a row of the cost query has a null demand_id, supply_id or cost", rd->fname)));
	old = MemoryContextSwitchTo(rd->rows);
	a = cost_id(slot->tts_values[rd->ci - 1], rd->ti, &rd->outa, rd->bufa);
	b = cost_id(slot->tts_values[rd->cj - 1], rd->tj, &rd->outb, rd->bufb);
	pi = id_index_find(&rd->dix, a);
	pj = id_index_find(&rd->six, b);
	if (pi < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the cost query names demand_id %s, which is not a demand point", rd->fname, a)));
	if (pj < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the cost query names supply_id %s, which is not a %s", rd->fname, b, rd->sites)));
	c = cg_number_datum(slot->tts_values[rd->cc - 1], rd->tc);
	if (isnan(c) || c < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the cost from %s to %s must not be negative or NaN", rd->fname, a, b),
				 errdetail("The value was %g.", c)));
	if (rd->n >= rd->limit)
	{
		/* more rows than pairs: a pair comes twice, among those read or this one */
		cg_fca_table seen;

		cost_rows(rd->pairs, rd->n, rd->m, rd->fname, rd->dem, rd->sup, rd->sup2, rd->rows, &seen);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the cost query gives the pair (%s, %s) more than once", rd->fname, a, b)));
	}
	MemoryContextSwitchTo(old);
	if (rd->n == rd->cap)
	{
		/* grow by doubling, never past the pairs there can be */
		uint64		want = Min(Max(rd->cap * 2, (uint64) 65536), rd->limit);
		cost_pair  *grown = cg_alloc_large(rd->outer, want * sizeof(cost_pair));

		if (rd->pairs != NULL)
		{
			memcpy(grown, rd->pairs, rd->n * sizeof(cost_pair));
			pfree(rd->pairs);
		}
		rd->pairs = grown;
		rd->cap = want;
	}
	rd->pairs[rd->n].i = (uint32) pi;
	rd->pairs[rd->n].j = (uint32) pj;
	rd->pairs[rd->n].cost = c;
	rd->n++;
	/* the ids' text goes every 1,024 rows, with a look at cancel */
	if (++rd->since_reset == 1024)
	{
		MemoryContextReset(rd->rows);
		rd->since_reset = 0;
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Read the cost query (demand_id, supply_id, cost) into compressed rows by
 * demand point, each row's sites ascending.  A supply_id is looked up in
 * sup, then in sup2 (may be NULL: its sites are numbered after sup's).  The
 * rows go from the executor's slots straight into 16 bytes a pair (never
 * held as a result); more rows than there are demand-site pairs are refused
 * as they come (one pair must come twice), so memory stays bounded by the
 * pairs.
 */
void
cg_read_costs(text *query, const char *fname, const cg_points *dem, const cg_points *sup,
			  const cg_points *sup2, const char *sites, cg_fca_table *tab)
{
	char	   *q = text_to_cstring(query);
	cost_reader rd;
	SPIPlanPtr	plan;
	int			ret;

	memset(&rd, 0, sizeof(rd));
	rd.fname = fname;
	rd.sites = sites;
	rd.dem = dem;
	rd.sup = sup;
	rd.sup2 = sup2;
	rd.m = sup->n + (sup2 != NULL ? sup2->n : 0);
	rd.limit = (uint64) dem->n * (uint64) rd.m;
	rd.outer = CurrentMemoryContext;
	id_index_build(&rd.dix, dem, NULL);
	id_index_build(&rd.six, sup, sup2);
	rd.rows = AllocSetContextCreate(CurrentMemoryContext, "caregap cost rows", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if ((plan = SPI_prepare(q, 0, NULL)) == NULL)
		elog(ERROR, "%s: SPI_prepare failed: %s", fname, SPI_result_code_string(SPI_result));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the cost query must be a SELECT", fname)));
	ret = cg_spi_read_slots(plan, cost_startup, cost_receive, &rd);
	if (ret != SPI_OK_SELECT && ret != SPI_OK_UTILITY)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the cost query must be a SELECT", fname)));
	SPI_finish();
	MemoryContextDelete(rd.rows);
	cost_rows(rd.pairs, rd.n, rd.m, fname, dem, sup, sup2, rd.outer, tab);
}

/*
 * Scale amounts whose largest (finite) value is beyond 2^500 down by a power
 * of 2, in place: the exponent it took (0: left as given).
 */
static int
amount_scale(double *v, int64 n)
{
	double		m = 0.0;
	int64		k;
	int			e = 0;

	for (k = 0; k < n; k++)
		if (isfinite(v[k]))
			m = fmax(m, fabs(v[k]));
	if (!(m > 0x1p500))
		return 0;
	(void) frexp(m, &e);
	for (k = 0; k < n; k++)
		v[k] = ldexp(v[k], -e);
	return e;
}

/* A result scaled back by 2^e: an error (22003) when it leaves the range of double. */
static double
unscale(double v, int e, const char *fname, const char *what, const char *id)
{
	double		r = ldexp(v, e);

	if (isinf(r) && !isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the %s of %s is out of range for type double precision", fname, what, id),
				 errhint("Scale the capacities or populations down (for instance to thousands).")));
	return r;
}

static Datum
run_fca(FunctionCallInfo fcinfo, bool supply_side)
{
	const char *fname = supply_side ? "fca_supply" : "fca";
	cg_points	dem,
				sup;
	cg_fca_params p;
	cg_fca_out	out;
	cg_kdtree	tree;
	cg_fca_coords cc;
	cg_fca_table tab;
	bool		use_costs = !PG_ARGISNULL(6);
	double		catchment;
	cg_status	st;
	size_t		bad = 0;
	TupleDesc	td;
	Tuplestorestate *ts;
	int64		k;
	double		sum_pa = 0.0,
				sum_p = 0.0,
				mean_a,
			   *norm;
	int			ep,
				es;
	int			nz,
				nw;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: the demand and supply queries, the catchment and the method must not be null", fname),
				 errhint("An unbounded catchment is 'Infinity'.")));
	catchment = PG_GETARG_FLOAT8(2);
	memset(&p, 0, sizeof(p));
	p.method = parse_method(PG_GETARG_TEXT_PP(3));
	p.d0 = catchment;
	if (p.method == CG_FCA_E2SFCA || p.method == CG_FCA_3SFCA)
	{
		if (PG_ARGISNULL(4) != PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: give both zones and zone_weights, or neither", fname)));
		if (PG_ARGISNULL(4))
		{
			p.nzones = 3;
			p.zone_upper = default_upper;
			p.zone_weight = default_weight;
		}
		else
		{
			p.zone_upper = cg_float8_array_arg(PG_GETARG_ARRAYTYPE_P(4), fname, "zones", &nz);
			p.zone_weight = cg_float8_array_arg(PG_GETARG_ARRAYTYPE_P(5), fname, "zone_weights", &nw);
			if (nz != nw || nz == 0)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("%s: zones and zone_weights must have the same, positive, length", fname)));
			p.nzones = (size_t) nz;
		}
	}
	/* each option with its own message (the kernel checks them again) */
	if (isnan(catchment) || !(catchment > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the catchment must be positive", fname),
				 errdetail("The value was %g.", catchment),
				 errhint("An unbounded catchment is 'Infinity'.")));
	if (p.method == CG_FCA_G2SFCA && isinf(catchment))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: g2sfca needs a finite catchment (the Gaussian's scale)", fname)));
	for (nz = 0; nz < (int) p.nzones; nz++)
	{
		if (!isfinite(p.zone_upper[nz]) || !(p.zone_upper[nz] > (nz ? p.zone_upper[nz - 1] : 0.0)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: zones must be finite, positive and increasing", fname),
					 errdetail("Zone %d was %g.", nz + 1, p.zone_upper[nz])));
		if (!(p.zone_weight[nz] >= 0.0 && p.zone_weight[nz] <= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: zone weights must be in [0, 1]", fname),
					 errdetail("Zone weight %d was %g.", nz + 1, p.zone_weight[nz])));
	}
	if (p.nzones > 0 && isfinite(catchment) && p.zone_upper[p.nzones - 1] > catchment)
	{
		/* zones past the catchment are never reached: an error when given, a notice for the defaults */
		if (!PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the last zone ends at %g, beyond the catchment %g", fname,
							p.zone_upper[p.nzones - 1], catchment),
					 errdetail("Distances past the catchment are never reached, so those zones would be silently cut."),
					 errhint("End the last zone at the catchment, or widen the catchment.")));
		ereport(NOTICE,
				(errmsg("%s: the default zones (10, 20, 30) reach beyond the catchment %g, which cuts them", fname, catchment),
				 errhint("Give zones and zone_weights that end at the catchment.")));
	}
	if (!use_costs && isfinite(catchment) && catchment > 2000.0)
		ereport(NOTICE,
				(errmsg("%s: the catchment is in kilometres: %g km reaches across the whole country", fname, catchment),
				 errhint("A catchment of 10 km is 10, not 10000; for no limit at all, give 'Infinity'.")));
	if (cg_fca_check(&p) != CG_OK)
		cg_report(CG_E_CORRUPT, "fca options", NAN, NULL);

	cg_read_points(PG_GETARG_TEXT_PP(0), fname, "demand", "population", !use_costs, &dem);
	cg_read_points(PG_GETARG_TEXT_PP(1), fname, "supply", "capacity", !use_costs, &sup);
	if (use_costs)
		cg_read_costs(PG_GETARG_TEXT_PP(6), fname, &dem, &sup, NULL, "supply site", &tab);
	else
	{
		cg_points_tree(&sup, fname, &tree);
		cg_points_check(&dem, fname);
		cc.supply = &tree;
		cc.dlon = dem.lon;
		cc.dlat = dem.lat;
		cc.max_km = catchment;
		cc.membership_only = p.method == CG_FCA_2SFCA;
		cc.buf_j = palloc_extended(Max(sup.n, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
		cc.buf_d = palloc_extended(Max(sup.n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	}
	out.access = palloc_extended(Max(dem.n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	out.sites = palloc_extended(Max(dem.n, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	out.supply_in_reach = palloc_extended(Max(dem.n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	out.ratio = palloc_extended(Max(sup.n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	out.demand_seen = palloc_extended(Max(sup.n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	out.points = palloc_extended(Max(sup.n, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	/*
	 * Populations or capacities near the top of the range of double: brought
	 * near 1 by powers of 2 (exact) so that no sum overflows; the results are
	 * scaled back (access by 2^(es - ep)), and one that leaves the range of
	 * double is an error, never a wrong number.
	 */
	ep = amount_scale(dem.amount, dem.n);
	es = amount_scale(sup.amount, sup.n);
	CG_RUN_KERNEL(st, cg_fca_run(&p, (size_t) dem.n, dem.amount, (size_t) sup.n, sup.amount,
								 use_costs ? cg_fca_table_pairs : cg_fca_coords_pairs,
								 use_costs ? (void *) &tab : (void *) &cc,
								 palloc_extended(Max(dem.n, 1) * sizeof(double), MCXT_ALLOC_HUGE),
								 &out, &bad));
	if (st != CG_OK)
	{
		bool		is_sup = (int64) bad >= dem.n;
		const char *id = is_sup ? sup.id[bad - dem.n] : dem.id[bad];

		if (st == CG_E_NEGATIVE || st == CG_E_NAN || st == CG_E_INFINITE)
			ereport(ERROR,
					(errcode(st == CG_E_INFINITE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the %s of %s %s must be finite and not negative", fname,
							is_sup ? "capacity" : "population", is_sup ? "supply site" : "demand point", id),
					 errdetail("The value was %g.", is_sup ? ldexp(sup.amount[bad - dem.n], es) : ldexp(dem.amount[bad], ep))));
		cg_report(st, fname, NAN, NULL);
	}

	ts = cg_srf_begin(fcinfo, &td);

	/* the demand-weighted mean access, on the scaled values (the ratio does not depend on the scale) */
	for (k = 0; k < dem.n; k++)
	{
		sum_pa += dem.amount[k] * out.access[k];
		sum_p += dem.amount[k];
	}
	mean_a = sum_p > 0.0 ? sum_pa / sum_p : NAN;
	norm = palloc_extended(Max(dem.n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	for (k = 0; k < dem.n; k++)
		norm[k] = mean_a > 0.0 ? out.access[k] / mean_a : NAN;
	if (ep != 0 || es != 0)
	{
		for (k = 0; k < dem.n; k++)
		{
			out.access[k] = unscale(out.access[k], es - ep, fname, "access", dem.id[k]);
			out.supply_in_reach[k] = unscale(out.supply_in_reach[k], es, fname, "supply_in_reach", dem.id[k]);
			dem.amount[k] = ldexp(dem.amount[k], ep);
		}
		for (k = 0; k < sup.n; k++)
		{
			if (out.points[k] > 0)
				out.ratio[k] = unscale(out.ratio[k], es - ep, fname, "ratio", sup.id[k]);
			out.demand_seen[k] = unscale(out.demand_seen[k], ep, fname, "demand_in_reach", sup.id[k]);
			sup.amount[k] = ldexp(sup.amount[k], es);
		}
	}
	if (!supply_side)
		for (k = 0; k < dem.n; k++)
		{
			Datum		v[6];
			bool		nl[6] = {false, false, false, false, false, false};

			v[0] = CStringGetTextDatum(dem.id[k]);
			v[1] = Float8GetDatum(dem.amount[k]);
			v[2] = Float8GetDatum(out.access[k]);
			v[3] = Float8GetDatum(mean_a > 0.0 ? norm[k] : NAN);
			nl[3] = !(mean_a > 0.0);
			v[4] = Int32GetDatum((int32) out.sites[k]);
			v[5] = Float8GetDatum(out.supply_in_reach[k]);
			tuplestore_putvalues(ts, td, v, nl);
		}
	else
		for (k = 0; k < sup.n; k++)
		{
			Datum		v[6];
			bool		nl[6] = {false, false, false, false, false, false};

			v[0] = CStringGetTextDatum(sup.id[k]);
			v[1] = Float8GetDatum(sup.amount[k]);
			v[2] = Float8GetDatum(out.demand_seen[k]);
			v[3] = Float8GetDatum(out.ratio[k]);
			nl[3] = out.points[k] == 0;
			v[4] = Int32GetDatum((int32) out.points[k]);
			v[5] = BoolGetDatum(out.points[k] > 0);
			tuplestore_putvalues(ts, td, v, nl);
		}
	return (Datum) 0;
}

Datum
cg_fca(PG_FUNCTION_ARGS)
{
	return run_fca(fcinfo, false);
}

Datum
cg_fca_supply(PG_FUNCTION_ARGS)
{
	return run_fca(fcinfo, true);
}
