/*
 * retired.c — C symbols that older install and upgrade scripts name but
 * caregap no longer uses.
 *
 * CREATE FUNCTION checks that a C function's symbol exists, so every script
 * on an upgrade path (caregap--0.1.0.sql onwards) must still find the
 * symbols it names.  These are the serialize/deserialize functions of the
 * 'internal' states that 1.1.0 replaced with caregap.agg_state, and the
 * polymorphic spatial transition.  Called, each says what to do: a database
 * still on an older version's SQL objects, with the new library installed,
 * gets this error instead of a wrong state.
 */
#include "cg_pg.h"

#define RETIRED(sym) \
	PG_FUNCTION_INFO_V1(sym); \
	Datum sym(PG_FUNCTION_ARGS) { retired(#sym); PG_RETURN_NULL(); }

static void
retired(const char *sym)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("%s belongs to an older caregap than the library installed", sym),
			 errhint("Run ALTER EXTENSION caregap UPDATE.")));
}

RETIRED(cg_breaks_serialize)
RETIRED(cg_breaks_deserialize)
RETIRED(cg_care_gap_pooled_serial)
RETIRED(cg_care_gap_pooled_deserial)
RETIRED(cg_conc_deserial)
RETIRED(cg_decomp_serial)
RETIRED(cg_decomp_deserial)
RETIRED(cg_dist_serial)
RETIRED(cg_dist_deserial)
RETIRED(cg_spatial_serialize)
RETIRED(cg_spatial_deserialize)
RETIRED(cg_spatial_trans)
