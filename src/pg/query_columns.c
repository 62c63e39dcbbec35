/*
 * query_columns.c — caregap.query_columns(query): the columns a query would
 * return (ordinal, column_name, column_type), from its parse analysis alone: the query is
 * prepared, never run, so it reads nothing and needs no privilege on the
 * relations it names (their columns are in the catalogs for everyone).  The
 * companions use it to find a query's geometry column by its type and to
 * name a missing column in their own words.
 */
#include "cg_spatial_pg.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/plancache.h"

PG_FUNCTION_INFO_V1(cg_query_columns);

Datum
cg_query_columns(PG_FUNCTION_ARGS)
{
	char	   *sql = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TupleDesc	out;
	Tuplestorestate *ts = cg_srf_begin(fcinfo, &out);
	SPIPlanPtr	plan;
	List	   *srcs;
	TupleDesc	td;
	int			k;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "query_columns: SPI_connect failed");
	plan = SPI_prepare(sql, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "query_columns: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	srcs = SPI_plan_get_plan_sources(plan);
	td = list_length(srcs) == 1 ? ((CachedPlanSource *) linitial(srcs))->resultDesc : NULL;
	if (list_length(srcs) != 1 || td == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query_columns: the query must be one statement that returns rows")));
	for (k = 0; k < td->natts; k++)
	{
		Form_pg_attribute a = TupleDescAttr(td, k);
		Datum		v[3];
		bool		nl[3] = {false, false, false};

		if (a->attisdropped)
			continue;
		v[0] = Int32GetDatum(k + 1);
		v[1] = CStringGetTextDatum(NameStr(a->attname));
		v[2] = ObjectIdGetDatum(a->atttypid);
		tuplestore_putvalues(ts, out, v, nl);
	}
	SPI_finish();
	return (Datum) 0;
}
