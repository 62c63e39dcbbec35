/*
 * cg_pairs.h — serialized layout of a buffer of (a, b) double pairs.
 *
 * Growing aggregate states (the pooled care gap keeps (supply, demand) per
 * row) travel between parallel workers as bytea in this layout:
 *   byte 0       format version (CG_PAIRS_VERSION)
 *   byte 1       0, or 1 when the two parameters are set
 *   bytes 2..3   zero
 *   bytes 4..11  pair count n, uint64, host byte order
 *   bytes 12..27 two double parameters of the statistic (0 when unset)
 *   then         2n doubles, a_0 b_0 a_1 b_1 ...
 * The size is therefore exactly 28 + 16 n bytes; anything else is corrupt.
 * After a 4-byte varlena header the doubles start 32 bytes into the datum,
 * so they are aligned whenever the datum is.
 */
#ifndef CG_PAIRS_H
#define CG_PAIRS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

#define CG_PAIRS_VERSION 1
#define CG_PAIRS_HEADER 28

/* A run of n pairs v[0..2n); a state is a sequence of such chunks. */
typedef struct cg_pair_chunk
{
	const double *v;
	size_t		n;
} cg_pair_chunk;

/* Serialized size of n pairs, or 0 when it would exceed max_bytes. */
size_t		cg_pairs_serial_size(size_t n, size_t max_bytes);

/* Parameters that travel with the pairs (e.g. a correction flag). */
typedef struct cg_pair_params
{
	int			set;
	double		p[2];
} cg_pair_params;

/*
 * Write the pairs of nc chunks (n pairs in all) and the parameters into buf
 * of exactly cg_pairs_serial_size(n) bytes.
 */
void		cg_pairs_write(const cg_pair_chunk *c, size_t nc, size_t n,
						   const cg_pair_params *prm, unsigned char *buf);

/*
 * Validate a serialized buffer of len bytes and return its pair count in *n
 * and its parameters in *prm.  The pairs start at buf + CG_PAIRS_HEADER.
 */
cg_status	cg_pairs_parse(const unsigned char *buf, size_t len, size_t *n,
						   cg_pair_params *prm);

/* Copy the n pairs of a validated buffer into v[0..2n). */
void		cg_pairs_read(const unsigned char *buf, size_t n, double *v);

#endif							/* CG_PAIRS_H */
