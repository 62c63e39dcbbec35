/*
 * cg_pairs.h — serialized layout of a buffer of (a, b) double pairs.
 *
 * Growing aggregate states (the pooled care gap keeps (supply, demand) per
 * row) travel between parallel workers as bytea in this layout:
 *   byte 0       format version (CG_PAIRS_VERSION)
 *   byte 1       0, or 1 when the two parameters are set
 *   byte 2       0 for rows of 2 doubles (pairs), 3 for rows of 3
 *   byte 3       zero
 *   bytes 4..11  row count n, uint64, host byte order
 *   bytes 12..27 two double parameters of the statistic (0 when unset)
 *   then         width * n doubles, row after row
 * The size is therefore exactly 28 + 8 width n bytes; anything else is corrupt.
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

/* A run of n rows v[0..width n); a state is a sequence of such chunks. */
typedef struct cg_pair_chunk
{
	const double *v;
	size_t		n;
} cg_pair_chunk;

/* Serialized size of n rows of width doubles, or 0 above max_bytes. */
size_t		cg_pairs_serial_size(size_t n, int width, size_t max_bytes);

/* Parameters that travel with the pairs (e.g. a correction flag). */
typedef struct cg_pair_params
{
	int			set;
	double		p[2];
} cg_pair_params;

/*
 * Write the rows of nc chunks (n rows of width 2 or 3 in all) and the
 * parameters into buf of exactly cg_pairs_serial_size(n, width) bytes.
 */
void		cg_pairs_write(const cg_pair_chunk *c, size_t nc, size_t n, int width,
						   const cg_pair_params *prm, unsigned char *buf);

/*
 * Validate a serialized buffer of len bytes and return its row count in *n,
 * its row width in *width and its parameters in *prm.  The rows start at
 * buf + CG_PAIRS_HEADER.
 */
cg_status	cg_pairs_parse(const unsigned char *buf, size_t len, size_t *n,
						   int *width, cg_pair_params *prm);

/* Copy the n rows of a validated buffer into v[0..width n). */
void		cg_pairs_read(const unsigned char *buf, size_t n, int width, double *v);

#endif							/* CG_PAIRS_H */
