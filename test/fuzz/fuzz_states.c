/*
 * fuzz_states.c — libFuzzer target for the kernels that read states.
 *
 * The input is either a serialized pair buffer (first byte odd) or raw
 * target-state doubles (first byte even).  Whatever the bytes, parsing and
 * summarizing must never read out of bounds or hit undefined behaviour, and
 * an accepted state must summarize without error or report CG_E_OVERFLOW.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cg_gap.h"
#include "cg_pairs.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_pairs(const uint8_t *data, size_t size)
{
	size_t		n,
				i;
	double	   *v;
	cg_gap_summary s;
	cg_gap_arg	bad;
	cg_pair_params prm;

	if (cg_pairs_parse(data, size, &n, &prm) != CG_OK)
		return;
	v = malloc(n * 2 * sizeof(double) + 1);
	if (v == NULL)
		return;
	cg_pairs_read(data, n, v);
	for (i = 0; i < n; i++)
		if (cg_gap_check_row(v[2 * i], v[2 * i + 1], &bad) != CG_OK)
		{
			free(v);
			return;
		}
	if (cg_gap_pooled(v, n, &s) == CG_OK && (s.defined & CG_HAS_GAP_INDEX) &&
		!(s.gap_index >= 0.0 && s.gap_index <= 1.0 + 1e-12))
		abort();				/* the gap index is a share */
	free(v);
}

static void
fuzz_target_state(const uint8_t *data, size_t size)
{
	double		st[CG_TS_LEN];
	cg_gap_summary s;
	cg_status	rc;

	if (size < sizeof(st))
		return;
	memcpy(st, data, sizeof(st));
	rc = cg_gap_target_summary(st, &s);
	if (rc != CG_OK && rc != CG_E_CORRUPT && rc != CG_E_OVERFLOW)
		abort();
	if (size >= 2 * sizeof(st))
	{
		double		b[CG_TS_LEN];

		memcpy(b, data + sizeof(st), sizeof(b));
		if (cg_gap_target_validate(st) == CG_OK && cg_gap_target_validate(b) == CG_OK)
			(void) cg_gap_target_merge(st, b);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_pairs(data, size);
	else
		fuzz_target_state(data + 1, size - 1);
	return 0;
}
