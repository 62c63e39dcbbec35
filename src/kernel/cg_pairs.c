/*
 * cg_pairs.c — serialize and validate buffers of rows of doubles, with
 * lossless column codecs (see cg_pairs.h).
 */
#include "cg_pairs.h"

#include <math.h>
#include <string.h>

#define CODEC_AT 28				/* 3 codecs of 4 bytes */
#define MAX_I16 32767.0
#define MAX_I32 2147483647.0

static const double POW10[CG_PAIRS_MAX_SCALE + 1] = {1, 10, 100, 1000, 1e4, 1e5, 1e6};

/* Is v exactly k / 10^p for an integer |k| <= MAX_I32 (and not -0)? */
static inline int
exact_at(double v, int p)
{
	double		k = rint(v * POW10[p]);

	if (!(fabs(k) <= MAX_I32) || (v == 0.0 && signbit(v)))
		return 0;
	return p == 0 ? k == v : k / POW10[p] == v;
}

void
cg_pairs_plan(const cg_pair_chunk *c, size_t nc, int width, cg_col_codec *codec)
{
	int			col;

	memset(codec, 0, 3 * sizeof(cg_col_codec));
	for (col = 0; col < width; col++)
	{
		int			scale = 0,
					ok = 1;
		double		maxabs = 0.0,
					kmax;
		size_t		k,
					i;

		for (k = 0; k < nc && ok; k++)
			for (i = 0; i < c[k].n; i++)
			{
				double		v = c[k].v[width * i + col];

				/* a value exact at scale p is exact at every larger scale */
				while (scale <= CG_PAIRS_MAX_SCALE && !exact_at(v, scale))
					scale++;
				if (scale > CG_PAIRS_MAX_SCALE)
				{
					ok = 0;
					break;
				}
				maxabs = fabs(v) > maxabs ? fabs(v) : maxabs;
			}
		if (!ok)
			continue;			/* raw doubles */
		kmax = rint(maxabs * POW10[scale]);
		if (kmax <= MAX_I16)
			codec[col].kind = CG_COL_I16;
		else if (kmax <= MAX_I32)
			codec[col].kind = CG_COL_I32;
		else
			continue;
		codec[col].scale = (unsigned char) scale;
	}
}

/* Bytes a value of a codec kind takes. */
static size_t
kind_size(int kind)
{
	return kind == CG_COL_I16 ? 2 : kind == CG_COL_I32 ? 4 : 8;
}

/* Bytes of a column of n values, padded to 8; 0 when above max. */
static size_t
column_bytes(size_t n, int kind, size_t max)
{
	size_t		sz = kind_size(kind);

	if (n > max / sz)
		return 0;
	return (n * sz + 7) & ~(size_t) 7;
}

size_t
cg_pairs_serial_size(size_t n, int width, const cg_col_codec *codec, size_t max_bytes)
{
	size_t		total = CG_PAIRS_HEADER;
	int			col;

	if (max_bytes < CG_PAIRS_HEADER)
		return 0;
	for (col = 0; col < width; col++)
	{
		size_t		b = column_bytes(n, codec[col].kind, max_bytes);

		if (n > 0 && b == 0)
			return 0;
		if (b > max_bytes - total)
			return 0;
		total += b;
	}
	return total;
}

void
cg_pairs_write(const cg_pair_chunk *c, size_t nc, size_t n, int width,
			   const cg_pair_params *prm, const cg_col_codec *codec,
			   unsigned char *buf)
{
	uint64_t	count = (uint64_t) n;
	unsigned char *p = buf + CG_PAIRS_HEADER;
	int			col;

	memset(buf, 0, CG_PAIRS_HEADER);
	buf[0] = CG_PAIRS_VERSION;
	buf[2] = width == 2 ? 0 : (unsigned char) width;
	memcpy(buf + 4, &count, sizeof(count));
	if (prm != NULL && prm->set)
	{
		buf[1] = 1;
		memcpy(buf + 12, prm->p, 2 * sizeof(double));
	}
	for (col = 0; col < width; col++)
	{
		int			kind = codec[col].kind;
		double		f = POW10[codec[col].scale];
		size_t		bytes = column_bytes(n, kind, SIZE_MAX),
					at = 0,
					k,
					i;

		buf[CODEC_AT + 4 * col] = codec[col].kind;
		buf[CODEC_AT + 4 * col + 1] = codec[col].scale;
		for (k = 0; k < nc; k++)
			for (i = 0; i < c[k].n; i++, at++)
			{
				double		v = c[k].v[width * i + col];

				if (kind == CG_COL_I16)
				{
					int16_t		q = (int16_t) rint(v * f);

					memcpy(p + 2 * at, &q, 2);
				}
				else if (kind == CG_COL_I32)
				{
					int32_t		q = (int32_t) rint(v * f);

					memcpy(p + 4 * at, &q, 4);
				}
				else
					memcpy(p + 8 * at, &v, 8);
			}
		memset(p + kind_size(kind) * n, 0, bytes - kind_size(kind) * n);
		p += bytes;
	}
}

cg_status
cg_pairs_parse(const unsigned char *buf, size_t len, size_t *n, int *width,
			   cg_pair_params *prm, cg_col_codec *codec)
{
	uint64_t	count;
	int			col,
				i;

	*n = 0;
	*width = 2;
	memset(prm, 0, sizeof(*prm));
	memset(codec, 0, 3 * sizeof(cg_col_codec));
	if (len < CG_PAIRS_HEADER || buf[0] != CG_PAIRS_VERSION || buf[1] > 1 ||
		(buf[2] != 0 && buf[2] != 3) || buf[3] != 0)
		return CG_E_CORRUPT;
	for (i = 40; i < CG_PAIRS_HEADER; i++)
		if (buf[i] != 0)
			return CG_E_CORRUPT;
	*width = buf[2] == 0 ? 2 : 3;
	prm->set = buf[1];
	memcpy(prm->p, buf + 12, 2 * sizeof(double));
	if (!prm->set ? (prm->p[0] != 0.0 || prm->p[1] != 0.0)
		: (!isfinite(prm->p[0]) || !isfinite(prm->p[1])))
		return CG_E_CORRUPT;
	for (col = 0; col < 3; col++)
	{
		const unsigned char *d = buf + CODEC_AT + 4 * col;

		if (d[2] != 0 || d[3] != 0 ||
			(col >= *width ? (d[0] != 0 || d[1] != 0)
			 : (d[0] > CG_COL_I32 || d[1] > CG_PAIRS_MAX_SCALE ||
				(d[0] == CG_COL_F64 && d[1] != 0))))
			return CG_E_CORRUPT;
		codec[col].kind = d[0];
		codec[col].scale = d[1];
	}
	memcpy(&count, buf + 4, sizeof(count));
	if (count > len || cg_pairs_serial_size((size_t) count, *width, codec, len) != len)
		return CG_E_CORRUPT;
	*n = (size_t) count;
	return CG_OK;
}

void
cg_pairs_decode(const unsigned char *buf, size_t n, int width,
				const cg_col_codec *codec, size_t first, size_t m, double *v)
{
	const unsigned char *p = buf + CG_PAIRS_HEADER;
	int			col;

	for (col = 0; col < width; col++)
	{
		int			kind = codec[col].kind,
					scale = codec[col].scale;
		double		f = POW10[scale];
		size_t		i;

		if (kind == CG_COL_I16)
		{
			const unsigned char *q = p + 2 * first;

			for (i = 0; i < m; i++)
			{
				int16_t		k;

				memcpy(&k, q + 2 * i, 2);
				v[width * i + col] = scale == 0 ? (double) k : (double) k / f;
			}
		}
		else if (kind == CG_COL_I32)
		{
			const unsigned char *q = p + 4 * first;

			for (i = 0; i < m; i++)
			{
				int32_t		k;

				memcpy(&k, q + 4 * i, 4);
				v[width * i + col] = scale == 0 ? (double) k : (double) k / f;
			}
		}
		else
		{
			const unsigned char *q = p + 8 * first;

			for (i = 0; i < m; i++)
				memcpy(&v[width * i + col], q + 8 * i, 8);
		}
		p += column_bytes(n, kind, SIZE_MAX);
	}
}
