/*
 * pairstate.h — a growing aggregate state of rows of 2 or 3 doubles.
 *
 * Used by the statistics that need every row: the pooled care gap and the
 * Hoover index keep (supply, demand), the distribution measures (Gini,
 * Lorenz, Palma) keep (x, w), the concentration index (r, x, w).  Rows live in a list of chunks in the
 * aggregate context: appending never moves data, combine links chunks, and
 * the state crosses parallel workers as bytea in the cg_pairs layout.
 */
#ifndef CG_PAIRSTATE_H
#define CG_PAIRSTATE_H

#include "aggstate.h"

#include "../kernel/cg_pairs.h"

typedef struct PairChunk
{
	struct PairChunk *next;
	Size		n;				/* rows stored */
	Size		cap;			/* rows allocated */
	double		v[FLEXIBLE_ARRAY_MEMBER];	/* width * cap doubles */
} PairChunk;

typedef struct PairState
{
	CgStateHead xs;				/* an expanded caregap.agg_state */
	Size		n;				/* rows in all chunks */
	int			width;			/* doubles a row: 2 or 3 */
	int			nchunks;
	PairChunk  *head;
	PairChunk  *tail;
	cg_pair_params params;		/* parameters of the statistic, if any */
	MemoryContext ctx;			/* where the chunks live (the state's own context) */
	cg_col_codec plan[3];		/* codecs chosen by ps_payload_size for ps_write_payload */
} PairState;

/* Validates n decoded rows (called with dst == src: in place); CG_OK or a status. */
typedef cg_status (*PairCopyCheck) (double *dst, const double *src, size_t n);

/* The aggregate memory context; an error when not called as an aggregate. */
extern MemoryContext cg_agg_context(FunctionCallInfo fcinfo, const char *fname);

/* ps_append's other cases: a new state, or a full chunk. */
extern PairState *ps_append_grow(FunctionCallInfo fcinfo, const CgStateOps *ops, PairState *ps,
								 double a, double b);

/*
 * Append one pair, creating the state (width 2, of kind ops) under the
 * aggregate context when ps is NULL (an error outside an aggregate).  Later rows reuse the context
 * kept in the state: no per-row context lookup, and inline no call while the
 * last chunk has room.
 */
static inline PairState *
ps_append(FunctionCallInfo fcinfo, const CgStateOps *ops, PairState *ps, double a, double b)
{
	PairChunk  *tail;

	if (ps == NULL || (tail = ps->tail) == NULL || tail->n == tail->cap)
		return ps_append_grow(fcinfo, ops, ps, a, b);
	tail->v[2 * tail->n] = a;
	tail->v[2 * tail->n + 1] = b;
	tail->n++;
	ps->n++;
	return ps;
}

/* Append one row of three, creating the state (width 3) when ps is NULL. */
extern PairState *ps_append3(FunctionCallInfo fcinfo, const CgStateOps *ops, PairState *ps,
							 double a, double b, double c);

/*
 * Set the statistic's parameters on the first row, or check that a later row
 * gives the same ones (error naming 'what' otherwise).
 */
extern void ps_set_params(PairState *ps, double p0, double p1, const char *what);

/*
 * Merge b into a (either may be NULL); returns the merged state.  A fresh b
 * (just read from its flat form) gives up its chunks; another is copied.
 * A new state is made under ctx.
 */
extern PairState *ps_combine(MemoryContext ctx, PairState *a, PairState *b,
							 const char *what);

/*
 * combine(a, b) for the state in argument 1: when a exists and b is a flat
 * value (from a parallel worker, or read from text on a Citus coordinator),
 * b's rows are decoded and validated straight into a's chunks, which grow
 * by doubling (up to 16 MB, large enough for huge pages), instead of into a
 * state of their own that a then takes over; otherwise ps_combine.
 */
extern PairState *ps_combine_arg(FunctionCallInfo fcinfo, MemoryContext ctx, PairState *a,
								 const CgStateOps *ops, int width, PairCopyCheck check,
								 const char *what);

/* The payload: the cg_pairs layout, as bytea. */
extern bytea *ps_serialize(const PairState *ps, const char *what);

/* The payload's size (choosing the codecs), then the payload written into dst. */
extern Size ps_payload_size(void *state);
extern void ps_write_payload(void *state, char *dst, Size len);

/* Check a payload of rows of the given width whole, building nothing. */
extern void ps_check(const CgStateOps *ops, const char *buf, Size len, int width,
					 PairCopyCheck check);

/*
 * A new state of kind ops under parent from a payload of rows of the given
 * width, every row validated with check.
 */
extern PairState *ps_read(MemoryContext parent, const CgStateOps *ops, const char *buf, Size len,
						  int width, PairCopyCheck check);

/* The chunks as the kernel reads them (palloc'd). */
extern cg_pair_chunk *ps_chunks(const PairState *ps);

#endif							/* CG_PAIRSTATE_H */
