/*
 * aggstate.h — caregap.agg_state, the one state type of the aggregates that
 * keep rows (pooled care gap, Hoover, the distribution family, the
 * concentration index, the Theil decomposition, breaks, the spatial
 * statistics).
 *
 * In memory a state is an expanded object (utils/expandeddatum.h): the
 * aggregate's own struct, starting with a CgStateHead, in a memory context of
 * its own under the aggregate context.  Transition and combine functions
 * change it in place and return the same read/write pointer, so PostgreSQL
 * (and Citus's worker_partial_agg) never copy it between rows.
 *
 * Flat, it is a varlena: a 4-byte header ('c', kind, format version, 0) and
 * the kind's payload (the codecs the parallel states always used).  The
 * flat form is what parallel workers send their leader.  What leaves the
 * server (the text form, 'kind:' and the base64 of the payload; the binary
 * form of send/recv) is the external payload, the same bytes except that a
 * spatial state names its weights relation instead of giving its OID: an
 * OID means nothing on another node.  Every way in (text, binary, flat)
 * validates the whole payload before a state exists.
 */
#ifndef CG_AGGSTATE_H
#define CG_AGGSTATE_H

#include "cg_pg.h"

#include "utils/expandeddatum.h"

typedef enum CgStateKind
{
	CG_SK_GAP = 1,				/* (supply, demand) rows: care_gap pooled, hoover */
	CG_SK_DIST = 2,				/* (x, w) rows: gini, palma, quantile_share_ratio, lorenz_curve, distribution_state */
	CG_SK_CONC = 3,				/* (rank, x, w) rows: concentration_index */
	CG_SK_DECOMP = 4,			/* groups' sums: theil_decomposition */
	CG_SK_SPATIAL = 5,			/* (id, value) rows and options: moran_i, geary_c, getis_ord_g, gini_spatial */
	CG_SK_BREAKS = 6			/* (x, w) rows and k, method: breaks */
} CgStateKind;

typedef struct CgStateOps
{
	CgStateKind kind;
	const char *name;			/* prefix of the text form */
	/* the payload (a palloc'd bytea); external: the form that leaves the server */
	bytea	   *(*serialize) (void *state, bool external);
	/* a new state (cg_xstate_create under parent) from a payload; validates all of it */
	void	   *(*deserialize) (MemoryContext parent, const char *buf, Size len, bool external);
	bool		has_external;	/* does the external payload differ? */
	/*
	 * Optional, for large states: the payload's size, then the payload
	 * written straight into the flat value (no intermediate copy).  Called
	 * in that order, with no change to the state in between.
	 */
	Size		(*payload_size) (void *state);
	void		(*write_payload) (void *state, char *dst, Size len);
	/*
	 * Optional: check a payload whole (the same checks as deserialize)
	 * without building a state, for the text and binary inputs.
	 */
	void		(*check) (const char *buf, Size len);
} CgStateOps;

typedef struct CgStateHead
{
	ExpandedObjectHeader eoh;
	const CgStateOps *ops;
	bytea	   *flat;			/* the payload between get_flat_size and flatten_into */
	Size		flat_len;		/* its length, when written directly (payload_size) */
	bool		fresh;			/* just read from a flat or external form, owned by no group */
} CgStateHead;

extern const CgStateOps cg_gap_state_ops;
extern const CgStateOps cg_dist_state_ops;
extern const CgStateOps cg_conc_state_ops;
extern const CgStateOps cg_decomp_state_ops;
extern const CgStateOps cg_spatial_state_ops;
extern const CgStateOps cg_breaks_state_ops;

/* A new zeroed state of 'size' bytes (its struct starts with a CgStateHead). */
extern void *cg_xstate_create(MemoryContext parent, const CgStateOps *ops, Size size);

/* The memory context a state owns. */
#define CG_XSTATE_CONTEXT(s) (((CgStateHead *) (s))->eoh.eoh_context)

/* The read/write datum of a state. */
#define CG_XSTATE_DATUM(s) EOHPGetRWDatum(&((CgStateHead *) (s))->eoh)

/*
 * The state in argument argno (NULL when SQL NULL): the expanded object
 * itself, or one read from a flat value into a new context under the
 * aggregate context (the current one outside an aggregate).  Its kind must
 * be ops's.  For argument 0 (the state a transition or combine function
 * updates) the object becomes the group's: no longer fresh, and a read-only
 * one is copied.
 */
extern void *cg_xstate_get(FunctionCallInfo fcinfo, int argno, const CgStateOps *ops);

/*
 * When argument argno is a flat state (not expanded, not NULL), its payload
 * (detoasted) and true; its kind must be ops's.  False for an expanded one.
 */
extern bool cg_xstate_flat_payload(FunctionCallInfo fcinfo, int argno, const CgStateOps *ops,
								   const char **payload, Size *len);

/* The state a final function reads (argument 0), never copied or changed. */
extern void *cg_xstate_final(FunctionCallInfo fcinfo, const CgStateOps *ops);

/*
 * cg_xstate_get(fcinfo, 0, ops), inline for the usual case of a transition
 * function: the group's own read/write state.
 */
static inline void *
cg_xstate_arg0(FunctionCallInfo fcinfo, const CgStateOps *ops)
{
	Datum		d;
	CgStateHead *h;

	if (PG_ARGISNULL(0))
		return NULL;
	d = PG_GETARG_DATUM(0);
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) &&
		(h = (CgStateHead *) DatumGetEOHP(d))->ops == ops && !h->fresh)
		return h;
	return cg_xstate_get(fcinfo, 0, ops);
}

/* Return a state, or SQL NULL for none. */
#define CG_RETURN_XSTATE(s) \
	do { void *s_ = (s); if (s_ == NULL) PG_RETURN_NULL(); \
		 PG_RETURN_DATUM(CG_XSTATE_DATUM(s_)); } while (0)

/* The kind of the state in argument argno (which must not be NULL). */
extern CgStateKind cg_xstate_kind(FunctionCallInfo fcinfo, int argno);

/* Is the state just read, owned by no group (its memory may be taken over)? */
#define CG_XSTATE_FRESH(s) (((CgStateHead *) (s))->fresh)

/* The corrupt-state error of a kind. */
extern CG_NORETURN void cg_xstate_corrupt(const char *name);

#endif							/* CG_AGGSTATE_H */
