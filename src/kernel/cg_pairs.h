/*
 * cg_pairs.h — serialized layout of a buffer of (a, b) double pairs.
 *
 * Growing aggregate states (the pooled care gap keeps (supply, demand) per
 * row) travel between parallel workers as bytea in this layout:
 *   byte 0      format version (CG_PAIRS_VERSION)
 *   bytes 1..3  zero
 *   bytes 4..11 pair count n, uint64, host byte order
 *   then        2n doubles, a_0 b_0 a_1 b_1 ...
 * The size is therefore exactly 12 + 16 n bytes; anything else is corrupt.
 * After a 4-byte varlena header the doubles start 16 bytes into the datum,
 * so they are aligned whenever the datum is.
 */
#ifndef CG_PAIRS_H
#define CG_PAIRS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

#define CG_PAIRS_VERSION 1
#define CG_PAIRS_HEADER 12

/* A run of n pairs v[0..2n); a state is a sequence of such chunks. */
typedef struct cg_pair_chunk
{
	const double *v;
	size_t		n;
} cg_pair_chunk;

/* Serialized size of n pairs, or 0 when it would exceed max_bytes. */
size_t		cg_pairs_serial_size(size_t n, size_t max_bytes);

/*
 * Write the pairs of nc chunks (n pairs in all) into buf of exactly
 * cg_pairs_serial_size(n) bytes.
 */
void		cg_pairs_write(const cg_pair_chunk *c, size_t nc, size_t n,
						   unsigned char *buf);

/*
 * Validate a serialized buffer of len bytes and return its pair count in *n.
 * The pairs start at buf + CG_PAIRS_HEADER (use cg_pairs_read to copy them).
 */
cg_status	cg_pairs_parse(const unsigned char *buf, size_t len, size_t *n);

/* Copy the n pairs of a validated buffer into v[0..2n). */
void		cg_pairs_read(const unsigned char *buf, size_t n, double *v);

#endif							/* CG_PAIRS_H */
