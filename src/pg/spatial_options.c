/*
 * spatial_options.c — the options of the spatial statistics: the parsers of
 * their text values (case-insensitive, one spelling each, the spellings of
 * 0.x accepted with a NOTICE until 2.0) and the options value
 * caregap.spatial_options, which carries options by name into aggregates
 * (PostgreSQL gives aggregates no named arguments) and window functions.
 */
#include "cg_spatial_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include <math.h>

PG_FUNCTION_INFO_V1(cg_spatial_options);

static bool
is(const char *s, const char *name)
{
	return pg_strcasecmp(s, name) == 0;
}

static void
old_spelling(const char *option, const char *given, const char *now)
{
	ereport(NOTICE,
			(errmsg("%s '%s' is spelled '%s' since caregap 1.0", option, given, now),
			 errdetail("The old spelling is accepted until caregap 2.0.")));
}

char
cg_parse_style(text *t)
{
	char	   *s = text_to_cstring(t);

	if (is(s, "B") || is(s, "R") || is(s, "C") || is(s, "U") || is(s, "S"))
		return pg_toupper((unsigned char) s[0]);
	if (is(s, "W"))
		return 'R';				/* spdep's name of row-standardized */
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown weights style \"%s\"", s),
			 errhint("Use B (binary), R (row-standardized; W is accepted too), C, U or S.")));
	return 'R';
}

cg_alternative
cg_parse_alternative(text *t)
{
	char	   *s = text_to_cstring(t);

	if (is(s, "greater"))
		return CG_ALT_GREATER;
	if (is(s, "lesser") || is(s, "less"))
		return CG_ALT_LESSER;
	if (is(s, "two_sided"))
		return CG_ALT_TWO_SIDED;
	if (is(s, "two-sided") || is(s, "two.sided"))
	{
		old_spelling("alternative", s, "two_sided");
		return CG_ALT_TWO_SIDED;
	}
	if (is(s, "folded") || is(s, "directed"))
		return CG_ALT_FOLDED;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown alternative \"%s\"", s),
			 errhint("Use 'greater', 'lesser' (or R's 'less'), 'two_sided' or 'folded' (GeoDa's and esda's, also 'directed').")));
	return CG_ALT_FOLDED;
}

const char *
cg_alternative_name(cg_alternative a)
{
	switch (a)
	{
		case CG_ALT_GREATER:
			return "greater";
		case CG_ALT_LESSER:
			return "lesser";
		case CG_ALT_TWO_SIDED:
			return "two_sided";
		case CG_ALT_FOLDED:
			return "folded";
	}
	return "?";
}

cg_islands
cg_parse_islands(text *t)
{
	char	   *s = text_to_cstring(t);

	if (is(s, "exclude"))
		return CG_ISLANDS_EXCLUDE;
	if (is(s, "keep"))
		return CG_ISLANDS_KEEP;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown islands policy \"%s\"", s),
			 errhint("Use 'exclude' (left out and labelled Isolated, as GeoDa) or 'keep' (a lag of 0, as spdep's zero.policy).")));
	return CG_ISLANDS_EXCLUDE;
}

const char *
cg_islands_name(cg_islands i)
{
	return i == CG_ISLANDS_KEEP ? "keep" : "exclude";
}

int
cg_parse_sampling(text *t)
{
	char	   *s = text_to_cstring(t);

	if (is(s, "table"))
		return 0;
	if (is(s, "complete"))
		return 1;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown sampling \"%s\"", s),
			 errhint("Use 'table' (a table of draws per replicate, each unit at its own offset) or 'complete' (every unit draws on its own).")));
	return 0;
}

bool
cg_parse_unmatched(text *t)
{
	char	   *s = text_to_cstring(t);

	if (is(s, "error"))
		return false;
	if (is(s, "drop"))
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown unmatched policy \"%s\"", s),
			 errhint("Use 'error' (every id of the weights must be a unit of the group) or 'drop' (links to absent units are dropped).")));
	return false;
}

/* true: 'n-1' (GeoDa, esda); false: 'n' (spdep) */
bool
cg_parse_scaling(text *t, const char *fname)
{
	char	   *s = text_to_cstring(t);

	if (is(s, "n-1"))
		return true;
	if (is(s, "n"))
		return false;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: unknown scaling \"%s\"", fname, s),
			 errhint("Use 'n-1' (GeoDa and esda: I_i = (n-1) z_i lag_i / sum z^2) or 'n' (spdep).")));
	return true;
}

void
cg_check_permutations(int64 perms, const char *fname)
{
	if (perms < 0 || perms > 10000000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: permutations must be between 0 and 10000000", fname),
				 errdetail("The value was " INT64_FORMAT ".", perms)));
}

void
cg_check_significance(double signif, const char *fname)
{
	if (!(signif > 0.0 && signif < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: significance must be between 0 and 1", fname),
				 errdetail("The value was %g.", signif)));
}

/* ---- the options value ---- */

static const char *const field_name[CG_SOPT_FIELDS] = {
	"permutations", "seed", "style", "alternative", "islands", "unmatched",
	"significance", "conditional", "scaling", "sampling", "star"
};

static const Oid field_type[CG_SOPT_FIELDS] = {
	INT4OID, INT8OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	FLOAT8OID, BOOLOID, TEXTOID, TEXTOID, BOOLOID
};

/* Parse field k (0-based) of the options into o; the value is not null. */
static void
parse_field(int k, Datum d, cg_sopt *o, const char *fname)
{
	switch (k)
	{
		case 0:
			o->permutations = DatumGetInt32(d);
			cg_check_permutations(o->permutations, fname);
			break;
		case 1:
			o->seed = DatumGetInt64(d);
			break;
		case 2:
			o->style = cg_parse_style(DatumGetTextPP(d));
			break;
		case 3:
			o->alternative = cg_parse_alternative(DatumGetTextPP(d));
			break;
		case 4:
			o->islands = cg_parse_islands(DatumGetTextPP(d));
			break;
		case 5:
			o->drop_unmatched = cg_parse_unmatched(DatumGetTextPP(d));
			break;
		case 6:
			o->significance = DatumGetFloat8(d);
			cg_check_significance(o->significance, fname);
			break;
		case 7:
			o->conditional = DatumGetBool(d);
			break;
		case 8:
			o->scaling_n1 = cg_parse_scaling(DatumGetTextPP(d), fname);
			break;
		case 9:
			o->sampling = cg_parse_sampling(DatumGetTextPP(d));
			break;
		case 10:
			o->star = DatumGetBool(d);
			break;
	}
	o->set |= 1u << k;
}

bool
cg_sopt_form(FunctionCallInfo fcinfo, int argno)
{
	Oid			t = get_fn_expr_argtype(fcinfo->flinfo, argno);

	return OidIsValid(t) && type_is_rowtype(t);
}

void
cg_sopt_read(Datum d, cg_sopt *o, const char *fname, uint32 allowed)
{
	Datum		v[CG_SOPT_FIELDS];
	bool		nl[CG_SOPT_FIELDS];
	int			k;

	if (!cg_deform_row(DatumGetHeapTupleHeader(d), CG_SOPT_FIELDS, field_type, v, nl))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: the options must be a caregap.spatial_options value", fname),
				 errhint("Build it with caregap.spatial_options(permutations => ..., unmatched => ...).")));
	memset(o, 0, sizeof(*o));
	for (k = 0; k < CG_SOPT_FIELDS; k++)
	{
		if (nl[k])
			continue;
		if (!(allowed & (1u << k)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: option %s does not apply", fname, field_name[k]),
					 errhint("%s takes %s.", fname, cg_sopt_names(allowed))));
		parse_field(k, v[k], o, fname);
	}
}

void
cg_sopt_check_allowed(uint32 set, const char *fname, uint32 allowed)
{
	int			k;

	for (k = 0; k < CG_SOPT_FIELDS; k++)
		if ((set & (1u << k)) && !(allowed & (1u << k)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: option %s does not apply", fname, field_name[k]),
					 errhint("%s takes %s.", fname, cg_sopt_names(allowed))));
}

const char *
cg_sopt_names(uint32 allowed)
{
	StringInfoData b;
	int			k;

	initStringInfo(&b);
	for (k = 0; k < CG_SOPT_FIELDS; k++)
		if (allowed & (1u << k))
			appendStringInfo(&b, "%s%s", b.len ? ", " : "", field_name[k]);
	return b.data;
}

/*
 * caregap.spatial_options(permutations, seed, style, alternative, islands,
 * unmatched, significance, conditional, scaling, sampling, star): each
 * argument checked and its text written in its one spelling; NULL: the
 * default of the statistic it is given to.
 */
Datum
cg_spatial_options(PG_FUNCTION_ARGS)
{
	TupleDesc	td;
	Datum		v[CG_SOPT_FIELDS];
	bool		nl[CG_SOPT_FIELDS];
	cg_sopt		o;
	int			k;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE || td->natts != CG_SOPT_FIELDS)
		elog(ERROR, "spatial_options: return type must be caregap.spatial_options");
	td = BlessTupleDesc(td);
	memset(&o, 0, sizeof(o));
	for (k = 0; k < CG_SOPT_FIELDS; k++)
	{
		nl[k] = PG_ARGISNULL(k);
		v[k] = nl[k] ? (Datum) 0 : PG_GETARG_DATUM(k);
		if (nl[k])
			continue;
		parse_field(k, v[k], &o, "spatial_options");
		switch (k)
		{
			case 2:
				v[k] = CStringGetTextDatum(o.style == 'B' ? "B" : o.style == 'R' ? "R" :
										   o.style == 'C' ? "C" : o.style == 'U' ? "U" : "S");
				break;
			case 3:
				v[k] = CStringGetTextDatum(cg_alternative_name(o.alternative));
				break;
			case 4:
				v[k] = CStringGetTextDatum(cg_islands_name(o.islands));
				break;
			case 5:
				v[k] = CStringGetTextDatum(o.drop_unmatched ? "drop" : "error");
				break;
			case 8:
				v[k] = CStringGetTextDatum(o.scaling_n1 ? "n-1" : "n");
				break;
			case 9:
				v[k] = CStringGetTextDatum(o.sampling ? "complete" : "table");
				break;
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nl)));
}
