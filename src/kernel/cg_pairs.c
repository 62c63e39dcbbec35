/*
 * cg_pairs.c — serialize and validate buffers of double pairs.
 */
#include "cg_pairs.h"

#include <math.h>
#include <string.h>

size_t
cg_pairs_serial_size(size_t n, int width, size_t max_bytes)
{
	if (max_bytes < CG_PAIRS_HEADER ||
		n > (max_bytes - CG_PAIRS_HEADER) / (width * sizeof(double)))
		return 0;
	return CG_PAIRS_HEADER + n * width * sizeof(double);
}

void
cg_pairs_write(const cg_pair_chunk *c, size_t nc, size_t n, int width,
			   const cg_pair_params *prm, unsigned char *buf)
{
	uint64_t	count = (uint64_t) n;
	unsigned char *p = buf + CG_PAIRS_HEADER;
	size_t		k;

	memset(buf, 0, CG_PAIRS_HEADER);
	buf[0] = CG_PAIRS_VERSION;
	buf[2] = width == 2 ? 0 : (unsigned char) width;
	memcpy(buf + 4, &count, sizeof(count));
	if (prm != NULL && prm->set)
	{
		buf[1] = 1;
		memcpy(buf + 12, prm->p, 2 * sizeof(double));
	}
	for (k = 0; k < nc; k++)
	{
		if (c[k].n == 0)
			continue;
		memcpy(p, c[k].v, c[k].n * width * sizeof(double));
		p += c[k].n * width * sizeof(double);
	}
}

cg_status
cg_pairs_parse(const unsigned char *buf, size_t len, size_t *n, int *width,
			   cg_pair_params *prm)
{
	uint64_t	count;
	size_t		row;

	*n = 0;
	*width = 2;
	memset(prm, 0, sizeof(*prm));
	if (len < CG_PAIRS_HEADER || buf[0] != CG_PAIRS_VERSION || buf[1] > 1 ||
		(buf[2] != 0 && buf[2] != 3) || buf[3] != 0)
		return CG_E_CORRUPT;
	*width = buf[2] == 0 ? 2 : 3;
	row = *width * sizeof(double);
	prm->set = buf[1];
	memcpy(prm->p, buf + 12, 2 * sizeof(double));
	if (!prm->set ? (prm->p[0] != 0.0 || prm->p[1] != 0.0)
		: (!isfinite(prm->p[0]) || !isfinite(prm->p[1])))
		return CG_E_CORRUPT;
	memcpy(&count, buf + 4, sizeof(count));
	if ((len - CG_PAIRS_HEADER) % row != 0 || count != (len - CG_PAIRS_HEADER) / row)
		return CG_E_CORRUPT;
	*n = (size_t) count;
	return CG_OK;
}

void
cg_pairs_read(const unsigned char *buf, size_t n, int width, double *v)
{
	if (n > 0)
		memcpy(v, buf + CG_PAIRS_HEADER, n * width * sizeof(double));
}
