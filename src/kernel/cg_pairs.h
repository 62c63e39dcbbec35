/*
 * cg_pairs.h — serialized layout of a buffer of rows of 2 or 3 doubles.
 *
 * Growing aggregate states (the pooled care gap keeps (supply, demand) per
 * row) travel between parallel workers as bytea in this layout:
 *   byte 0       format version (CG_PAIRS_VERSION)
 *   byte 1       0, or 1 when the two parameters are set
 *   byte 2       0 for rows of 2 doubles (pairs), 3 for rows of 3
 *   byte 3       zero
 *   bytes 4..11  row count n, uint64, host byte order
 *   bytes 12..27 two double parameters of the statistic (0 when unset)
 *   bytes 28..39 the codec of each of 3 columns: kind, decimal scale, 0, 0
 *                (all zero for the third column of pairs)
 *   bytes 40..43 zero
 *   then         column after column, each n values in its codec, padded
 *                with zero bytes to a multiple of 8
 * Codecs are lossless: a column is sent as 16- or 32-bit integers k with the
 * value k / 10^scale when every value of it is exactly that double (counts,
 * amounts with a few decimals: beds, people, FTE), as raw doubles otherwise.
 * Decoding computes the very expression the encoder verified, so every value
 * comes back bit for bit.  A column of integers below 32768 costs 2 bytes a
 * row instead of 8.  The size follows from n and the codecs; anything else is
 * corrupt.  After a 4-byte varlena header the columns start 48 bytes into the
 * datum, so they are aligned whenever the datum is.
 */
#ifndef CG_PAIRS_H
#define CG_PAIRS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

#define CG_PAIRS_VERSION 2
#define CG_PAIRS_HEADER 44
#define CG_PAIRS_MAX_SCALE 6	/* values k / 10^6 at most */

/* A run of n rows v[0..width n); a state is a sequence of such chunks. */
typedef struct cg_pair_chunk
{
	const double *v;
	size_t		n;
} cg_pair_chunk;

/* How one column is coded. */
typedef enum cg_col_kind
{
	CG_COL_F64 = 0,				/* raw doubles */
	CG_COL_I16 = 1,				/* int16 k, value k / 10^scale */
	CG_COL_I32 = 2				/* int32 k, value k / 10^scale */
} cg_col_kind;

typedef struct cg_col_codec
{
	unsigned char kind;			/* cg_col_kind */
	unsigned char scale;		/* 0..CG_PAIRS_MAX_SCALE; 0 for CG_COL_F64 */
} cg_col_codec;

/* Parameters that travel with the pairs (e.g. a correction flag). */
typedef struct cg_pair_params
{
	int			set;
	double		p[2];
} cg_pair_params;

/*
 * Choose the narrowest lossless codec of each of the width columns of the
 * rows in nc chunks (one read of the rows).
 */
void		cg_pairs_plan(const cg_pair_chunk *c, size_t nc, int width,
						  cg_col_codec *codec);

/* Serialized size of n rows in these codecs, or 0 above max_bytes. */
size_t		cg_pairs_serial_size(size_t n, int width, const cg_col_codec *codec,
								 size_t max_bytes);

/*
 * Write the rows of nc chunks (n rows of width 2 or 3 in all), coded as
 * planned, and the parameters into buf of exactly cg_pairs_serial_size bytes.
 */
void		cg_pairs_write(const cg_pair_chunk *c, size_t nc, size_t n, int width,
						   const cg_pair_params *prm, const cg_col_codec *codec,
						   unsigned char *buf);

/*
 * Validate a serialized buffer of len bytes and return its row count in *n,
 * its row width in *width, its parameters in *prm and its codecs in codec[3].
 */
cg_status	cg_pairs_parse(const unsigned char *buf, size_t len, size_t *n,
						   int *width, cg_pair_params *prm, cg_col_codec *codec);

/*
 * Decode rows [first, first + m) of a validated buffer of n rows into
 * interleaved rows v[0..width m).
 */
void		cg_pairs_decode(const unsigned char *buf, size_t n, int width,
							const cg_col_codec *codec, size_t first, size_t m,
							double *v);

#endif							/* CG_PAIRS_H */
