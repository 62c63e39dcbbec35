/*
 * fuzz_states.c — libFuzzer target for the kernels that read states.
 *
 * The first byte picks the target (mod 4), the rest is its input: a
 * serialized pair buffer (codecs included), raw target-state doubles, raw
 * inequality-state doubles (also read as rows added to a state, held back
 * or not), or (x, w) pairs for the distribution kernels.  Whatever the bytes, parsing and evaluating must
 * never read out of bounds or hit undefined behaviour; accepted states must
 * evaluate to a finite result or report a status, and results that are
 * shares or indices must stay in their range.  Every input is also read as
 * the base64 of a state's text form: text the strict decoder accepts must
 * encode back to the same characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "cg_gap.h"
#include "cg_ineq.h"
#include "cg_pairs.h"
#include "cg_b64.h"

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
	cg_col_codec codec[3];
	int			width;

	if (cg_pairs_parse(data, size, &n, &width, &prm, codec) != CG_OK || width != 2)
		return;
	v = malloc(n * 2 * sizeof(double) + 1);
	if (v == NULL)
		return;
	cg_pairs_decode(data, n, width, codec, 0, n, v);
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

/* An accepted inequality state evaluates to a finite value >= 0. */
static void
check_ineq_value(const double *st)
{
	double		v;
	int			def;

	if (cg_ineq_value(st, &v, &def) == CG_OK && def && !(v >= 0.0 && isfinite(v)))
		abort();
}

/*
 * Rows added to two states of one measure, one holding rows back and one
 * evaluating every row at once, give the same statuses, and values that
 * agree to 1e-9 (relative to max(1, |value|)): the pivot may move at other
 * moments, which changes rounding only.  Where ratios x / K leave the double
 * range (values spanning about 10^300), one may report the overflow the
 * other avoided by a better-placed pivot: an error, never another number.
 */
static void
fuzz_ineq_rows(const uint8_t *data, size_t size)
{
	static const double params[6] = {0, 0.5, 1, 2, -1, 0.3};
	double		a[CG_IS_LEN],
				b[CG_IS_LEN],
				va,
				vb;
	int			da,
				db;
	cg_ineq_kind kind;
	double		param;
	size_t		i,
				n;
	cg_ineq_arg bad;

	if (size < 2)
		return;
	kind = (cg_ineq_kind) (data[0] % 5 + 1);
	param = params[data[1] % 6];
	if (kind == CG_IK_ATKINSON && param < 0)
		param = 2.5;
	data += 2;
	size -= 2;
	n = size / (2 * sizeof(double));
	cg_ineq_init(a, kind);
	cg_ineq_init(b, kind);
	for (i = 0; i < n && i < 64; i++)
	{
		double		xw[2];
		cg_status	ra,
					rb;

		memcpy(xw, data + i * sizeof(xw), sizeof(xw));
		ra = cg_ineq_add(a, xw[0], xw[1], param, &bad);
		rb = cg_ineq_add(b, xw[0], xw[1], param, &bad);
		cg_ineq_flush(b);
		if (ra != rb)
			abort();
		if (ra != CG_OK)
			return;
	}
	da = cg_ineq_value(a, &va, &da) == CG_OK ? da : -1;
	db = cg_ineq_value(b, &vb, &db) == CG_OK ? db : -1;
	if ((da != db && da != -1 && db != -1) ||
		(da == 1 && db == 1 && !(fabs(va - vb) <= 1e-9 * fmax(1.0, fabs(vb)))))
		abort();
	check_ineq_value(a);
}

static void
fuzz_ineq_state(const uint8_t *data, size_t size)
{
	double		v1[CG_IS_LEN_V1],
				a[CG_IS_LEN],
				b[CG_IS_LEN];

	fuzz_ineq_rows(data, size);
	/* a state of caregap 0.2.0 (version 1), converted */
	if (size >= sizeof(v1))
	{
		memcpy(v1, data, sizeof(v1));
		if (cg_ineq_upgrade(v1, CG_IS_LEN_V1, a) == CG_OK)
		{
			if (cg_ineq_validate(a) != CG_OK)
				abort();		/* a converted state is valid */
			check_ineq_value(a);
		}
	}
	/* a state of version 2 (caregap 0.2.1-0.3.0), converted */
	if (size >= sizeof(double) * CG_IS_LEN_V2)
	{
		memcpy(b, data, sizeof(double) * CG_IS_LEN_V2);
		if (cg_ineq_upgrade(b, CG_IS_LEN_V2, a) == CG_OK)
		{
			if (cg_ineq_validate(a) != CG_OK)
				abort();
			check_ineq_value(a);
		}
	}
	/* version-3 states */
	if (size < sizeof(a))
		return;
	memcpy(b, data, sizeof(b));
	if (cg_ineq_upgrade(b, CG_IS_LEN, a) == CG_OK)
	{
		if (cg_ineq_validate(a) != CG_OK)
			abort();
		check_ineq_value(a);
	}
	memcpy(a, data, sizeof(a));
	check_ineq_value(a);
	if (size >= 2 * sizeof(a))
	{
		memcpy(b, data + sizeof(a), sizeof(b));
		if (cg_ineq_merge(a, b) == CG_OK)
			check_ineq_value(a);
	}
}

static void
fuzz_distribution(const uint8_t *data, size_t size)
{
	size_t		n = size / (2 * sizeof(double)),
				i;
	double	   *v,
			   *tmp,
				g,
				w,
				wx;
	int			def;

	if (n == 0)
		return;
	v = malloc(n * 2 * sizeof(double));
	tmp = malloc(n * 2 * sizeof(double));
	if (v == NULL || tmp == NULL)
	{
		free(v);
		free(tmp);
		return;
	}
	memcpy(tmp, data, n * 2 * sizeof(double));	/* aligned copy of the bytes */
	if (cg_dist_copy_rows(v, tmp, n) != CG_OK)
	{
		free(v);
		free(tmp);
		return;
	}
	cg_sort_pairs(v, n, tmp);
	for (i = 1; i < n; i++)
		if (v[2 * (i - 1)] > v[2 * i])
			abort();			/* sorted */
	if (cg_dist_normalize(v, n, 2, 0, 1) != CG_OK)
	{
		free(v);
		free(tmp);
		return;
	}
	if (cg_gini_sorted(v, n, 0, &g, &def) == CG_OK && def && !(g >= 0.0 && g <= 1.0 + 1e-9))
		abort();				/* a Gini of x >= 0 is in [0, 1] */
	cg_dist_totals(v, n, &w, &wx);
	if (isfinite(w) && isfinite(wx) && wx >= CG_DIST_MIN_WX)
	{
		double		l = cg_lorenz_at(v, n, w, wx, 0.5);

		if (!(l >= -1e-12 && l <= 0.5 + 1e-9))
			abort();			/* the Lorenz curve lies below the diagonal */
	}
	free(v);
	free(tmp);
}

/* accepted base64 round-trips to the same text */
static void
fuzz_b64(const uint8_t *data, size_t size)
{
	unsigned char *bin = malloc(cg_b64_decoded_max(size) + 1);
	char	   *txt;
	size_t		n;

	if (bin == NULL)
		return;
	if (cg_b64_decode((const char *) data, size, bin, cg_b64_decoded_max(size), &n) == CG_OK)
	{
		txt = malloc(cg_b64_encoded_len(n) + 1);
		if (txt == NULL || cg_b64_encoded_len(n) != size ||
			cg_b64_encode(bin, n, txt) != CG_OK || memcmp(txt, data, size) != 0)
			abort();
		free(txt);
	}
	free(bin);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	fuzz_b64(data, size);
	switch (data[0] & 3)
	{
		case 1:
			fuzz_pairs(data + 1, size - 1);
			break;
		case 0:
			fuzz_target_state(data + 1, size - 1);
			break;
		case 2:
			fuzz_ineq_state(data + 1, size - 1);
			break;
		default:
			fuzz_distribution(data + 1, size - 1);
			break;
	}
	return 0;
}
