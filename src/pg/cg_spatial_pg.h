/*
 * cg_spatial_pg.h — the glue of the spatial family: unit ids (integer or
 * text), the weights relation read once per statement with the caller's
 * privileges, and a group's weights (the links among its units, transformed
 * by a style, islands handled by a policy) ready for the kernels.
 */
#ifndef CG_SPATIAL_PG_H
#define CG_SPATIAL_PG_H

#include "cg_pg.h"
#include "utils/tuplestore.h"
#include "../kernel/cg_weights.h"
#include "../kernel/cg_spatial.h"
#include "../kernel/cg_local.h"

typedef enum cg_idkind
{
	CG_ID_INT = 1,				/* smallint, integer, bigint: compared as int64 */
	CG_ID_TEXT = 2				/* text, varchar: compared bytewise */
} cg_idkind;

/* The kind of an id argument's type; an error for any other type. */
extern cg_idkind cg_id_kind(Oid type, const char *fname);

/* The ids of n units: int64 values, or text (pointer, length). */
typedef struct cg_ids
{
	cg_idkind	kind;
	int64	   *ik;
	char	  **sk;
	int		   *sl;
} cg_ids;

/* An id as text, for messages. */
extern char *cg_id_string(const cg_ids *ids, int64 k);

/* What a read of the weights relation depends on (spatial_weights.c). */
typedef struct cg_wrel_key
{
	Oid			user;
	uint32		lxid;
	int			rls;
	bool		nosnap;
	uint32		curcid,
				xmin,
				xmax,
				xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	uint64		xiphash;
} cg_wrel_key;

/* The weights relation as read: sorted distinct ids, links as CSR over them. */
typedef struct cg_wrel
{
	Oid			relid;
	char	   *relname;
	cg_wrel_key key;
	cg_idkind	kind;
	int64		nkeys;
	cg_ids		keys;
	cg_weights	wt;				/* over the nkeys ids, as given (weights w or 1) */
	bool		has_w;
} cg_wrel;

/* Per call site (fn_extra): the weights read in this statement, and the result row type. */
typedef struct cg_spatial_cache
{
	cg_wrel    *wrel;
	TupleDesc	tupdesc;
} cg_spatial_cache;

extern cg_spatial_cache *cg_spatial_cache_get(FunctionCallInfo fcinfo);

/* The composite result type of the call site, blessed, cached in its cache. */
extern TupleDesc cg_spatial_result_desc(FunctionCallInfo fcinfo);

/*
 * The weights relation relid, locked and read by that OID with the caller's
 * privileges (a permission error when the caller cannot SELECT it), ids
 * converted to kind.  Kept in the call site's cache only for reads by the
 * same role under the same snapshot and command; the privilege is checked
 * again on every use.
 */
extern cg_wrel *cg_wrel_get(FunctionCallInfo fcinfo, Oid relid, cg_idkind kind);
extern void cg_wrel_free(cg_wrel *wr);

typedef enum cg_islands
{
	CG_ISLANDS_EXCLUDE = 1,		/* left out of the statistic, labelled 'Isolated' (GeoDa) */
	CG_ISLANDS_KEEP				/* kept with a lag of 0 (spdep's zero.policy) */
} cg_islands;

typedef struct cg_spatial_opts
{
	char		style;			/* B R C U S */
	cg_islands	islands;
	bool		drop_unmatched; /* links to units absent from the group: dropped, else an error */
	bool		self;			/* add i's link to itself (Gi*) before the transform */
} cg_spatial_opts;

/* Parsers of the text options; an error naming the accepted values. */
extern char cg_parse_style(text *t);
extern cg_alternative cg_parse_alternative(text *t);
extern cg_islands cg_parse_islands(text *t);
extern bool cg_parse_unmatched(text *t);
extern int	cg_parse_sampling(text *t);	/* 0 table, 1 complete */
extern const char *cg_alternative_name(cg_alternative a);
extern const char *cg_islands_name(cg_islands i);
extern bool cg_parse_scaling(text *t, const char *fname);	/* true: n-1 */
extern void cg_check_permutations(int64 perms, const char *fname);
extern void cg_check_significance(double signif, const char *fname);

/*
 * The options value caregap.spatial_options (spatial_options.c): its fields
 * in order; bit k of set / allowed is field k.  A field left NULL takes the
 * default of the statistic; a field the statistic does not take is an error.
 */
#define CG_SOPT_FIELDS 11
#define CG_SOPT_PERMUTATIONS (1u << 0)
#define CG_SOPT_SEED (1u << 1)
#define CG_SOPT_STYLE (1u << 2)
#define CG_SOPT_ALTERNATIVE (1u << 3)
#define CG_SOPT_ISLANDS (1u << 4)
#define CG_SOPT_UNMATCHED (1u << 5)
#define CG_SOPT_SIGNIFICANCE (1u << 6)
#define CG_SOPT_CONDITIONAL (1u << 7)
#define CG_SOPT_SCALING (1u << 8)
#define CG_SOPT_SAMPLING (1u << 9)
#define CG_SOPT_STAR (1u << 10)

typedef struct cg_sopt
{
	uint32		set;
	int32		permutations;
	int64		seed;
	char		style;
	cg_alternative alternative;
	cg_islands	islands;
	bool		drop_unmatched;
	double		significance;
	bool		conditional;
	bool		scaling_n1;
	int			sampling;
	bool		star;
} cg_sopt;

/* Is argument argno of the call an options value (a row type)? */
extern bool cg_sopt_form(FunctionCallInfo fcinfo, int argno);
extern void cg_sopt_read(Datum d, cg_sopt *o, const char *fname, uint32 allowed);
extern const char *cg_sopt_names(uint32 allowed);

/* The error cg_sopt_read gives for an option set (a mask) that 'allowed' lacks. */
extern void cg_sopt_check_allowed(uint32 set, const char *fname, uint32 allowed);

/*
 * A group's units and weights.  The input: n units (ids, values) in any
 * order.  unit[k] (k < nunits) is the input index of the k-th unit in id
 * order among those in the statistic; island[] flags, per input index,
 * units without neighbours in the group.
 */
typedef struct cg_group
{
	int64		n;				/* input units */
	int64		nunits;			/* units in the statistic */
	int64	   *unit;			/* nunits input indices, in id order */
	int64	   *place;			/* per input index: place among the units, or -1 */
	bool	   *island;			/* per input index */
	double	   *x;				/* nunits values, in unit order */
	uint64	   *ukey;			/* nunits stream keys */
	cg_weights	wt;
	int64		islands;
	int64		links_dropped;
} cg_group;

extern void cg_group_build(cg_wrel *wr, const cg_ids *ids, const double *x, int64 n,
						   const cg_spatial_opts *opts, const char *fname, cg_group *g);

/* 64-bit stream key of an id: an integer's value; FNV-1a of a text's bytes. */
extern uint64 cg_id_stream_key(const cg_ids *ids, int64 k);

/* Points of an inner query (columns id [, lon, lat] [, an amount]), sorted by id text. */
typedef struct cg_points
{
	int64		n;
	char	  **id;
	double	   *lon,
			   *lat,
			   *amount;
} cg_points;

/*
 * Run the query read-only with the caller's privileges; 'what' names it in
 * messages ("demand", "supply", "points"); amount: the name of a double
 * precision column to read, or NULL; coords: read lon and lat.  Errors name
 * a missing or mistyped column, a null, a duplicate id.
 */
extern void cg_read_points(text *query, const char *fname, const char *what, const char *amount,
						   bool coords, cg_points *pts);

/* Check the points' coordinates (finite degrees in range): an error naming the point. */
extern void cg_points_check(const cg_points *pts, const char *fname);

/* A float8[] argument as a C array (one-dimensional, no NULLs; errors name fname and what). */
extern double *cg_float8_array_arg(ArrayType *a, const char *fname, const char *what, int *n);

/* The place of an id among the sorted points, or -1. */
extern int64 cg_points_find(const cg_points *pts, const char *id);

struct cg_kdtree;

/* The k-d tree of the points (coordinates checked: an error naming the point). */
extern void cg_points_tree(cg_points *pts, const char *fname, struct cg_kdtree *t);

struct cg_fca_table;

/*
 * The cost query (demand_id, supply_id, cost) as compressed rows by demand
 * point (cg_access.h's cg_fca_table); a supply_id is looked up in sup, then
 * in sup2 (NULL: none; numbered after sup).  Errors name unknown ids
 * (sites: what a supply_id should be, in the message), nulls, negative or
 * NaN costs and repeated pairs.
 */
extern void cg_read_costs(text *query, const char *fname, const cg_points *dem, const cg_points *sup,
						  const cg_points *sup2, const char *sites, struct cg_fca_table *tab);

/* Materialize mode of a set-returning function: its tuplestore and (blessed copy of) its row type. */
extern Tuplestorestate *cg_srf_begin(FunctionCallInfo fcinfo, TupleDesc *td);

#endif							/* CG_SPATIAL_PG_H */
