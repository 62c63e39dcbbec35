/*
 * cg_ineq.c — inequality kernels: moment states, Gini, Lorenz, radix sort.
 *
 * Measure sum F of a moment state, relative to the pivot K:
 *   XLOG  F = sum w x ln(x/K)      Theil T, GE(1)
 *   LOG   F = sum w ln(x/K)        Theil L, GE(0), Atkinson(1)
 *   POW   F = sum w (x/K)^a        GE(alpha): a = alpha; Atkinson(eps): a = 1 - eps
 *   SQ    F = sum w (x - K)^2      coefficient of variation (WX holds sum w (x - K))
 * The state keeps S = sum w (x - K) rather than sum w x: with m = S / W,
 * mu = K + m and mu/K = 1 + d, d = m / K, exactly 1 for equal values.
 *   T  = F / (W mu) - ln(1 + d)            L = ln(1 + d) - F / W
 *   GE = ((F / W) / (1 + d)^alpha - 1) / (alpha (alpha - 1))
 *   A  = 1 - (F / W)^(1/(1-eps)) / (1 + d)  A(1) = 1 - exp(F / W) / (1 + d)
 *   CV = sqrt(F / W - m^2) / mu
 */
#include "cg_ineq.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


typedef enum
{
	M_XLOG,
	M_LOG,
	M_POW,
	M_SQ
} moment_mode;

/* The measure sum a kind accumulates at a parameter, and its exponent. */
static moment_mode
mode_of(cg_ineq_kind kind, double param, double *expo)
{
	*expo = 0.0;
	switch (kind)
	{
		case CG_IK_THEIL_T:
			return M_XLOG;
		case CG_IK_THEIL_L:
			return M_LOG;
		case CG_IK_GE:
			if (param == 0.0)
				return M_LOG;
			if (param == 1.0)
				return M_XLOG;
			*expo = param;
			return M_POW;
		case CG_IK_ATKINSON:
			if (param == 1.0)
				return M_LOG;
			*expo = 1.0 - param;
			return M_POW;
		case CG_IK_CV:
			return M_SQ;
	}
	return M_SQ;
}

/*
 * r^a, with the usual exponents (GE(2), GE(-1), Atkinson 0.5 and 2) by one
 * multiplication, sqrt or division: a single correctly rounded operation,
 * several times cheaper than pow().
 */
static inline double
power(double r, double a)
{
	if (a == 2.0)
		return r * r;
	if (a == 0.5)
		return sqrt(r);
	if (a == -1.0)
		return 1.0 / r;
	return pow(r, a);
}

static int
valid_kind(double k)
{
	return k == CG_IK_THEIL_T || k == CG_IK_THEIL_L || k == CG_IK_GE ||
		k == CG_IK_ATKINSON || k == CG_IK_CV;
}

void
cg_ineq_init(double *st, cg_ineq_kind kind)
{
	memset(st, 0, sizeof(double) * CG_IS_LEN);
	st[CG_IS_VERSION] = CG_IS_VERSION_2;
	st[CG_IS_KIND] = (double) kind;
}

cg_status
cg_ineq_check_param(cg_ineq_kind kind, double param)
{
	if (isnan(param))
		return CG_E_NAN;
	if (isinf(param))
		return CG_E_INFINITE;
	if (kind == CG_IK_ATKINSON && param < 0.0)
		return CG_E_NEGATIVE;
	return CG_OK;
}

int
cg_ineq_needs_positive(cg_ineq_kind kind, double param)
{
	double		expo;
	moment_mode m = mode_of(kind, param, &expo);

	return m == M_LOG || (m == M_POW && expo <= 0.0);
}

/*
 * The term row (x, w) adds to the measure sum F at pivot k (not M_SQ);
 * 0 ln 0 and 0^a are 0 (the callers skip x = 0 there).
 */
static inline double
term(moment_mode m, double x, double w, double k, double expo)
{
	if (x == 0.0 && m != M_LOG)
		return 0.0;
	switch (m)
	{
		case M_XLOG:
			return w * x * log(x / k);
		case M_LOG:
			return w * log(x / k);
		default:
			return w * power(x / k, expo);
	}
}

/* Add a term to F: power terms are >= 0, log terms have either sign. */
static inline void
add_term(double *st, moment_mode m, double t)
{
	if (m == M_POW)
		cg_psum_add(&st[CG_IS_F], &st[CG_IS_F_LO], t);
	else
		cg_nsum_add(&st[CG_IS_F], &st[CG_IS_F_LO], t);
}

cg_status
cg_ineq_add(double *st, double x, double w, double param, cg_ineq_arg *bad)
{
	cg_ineq_kind kind = (cg_ineq_kind) st[CG_IS_KIND];
	cg_status	rc;
	double		expo,
				k;
	moment_mode m;

	*bad = CG_IA_X;
	if ((rc = cg_check_nonneg(x)) != CG_OK)
		return rc;
	*bad = CG_IA_W;
	if ((rc = cg_check_positive(w)) != CG_OK)
		return rc;
	*bad = CG_IA_PARAM;
	if (st[CG_IS_N] == 0.0)
	{
		if ((rc = cg_ineq_check_param(kind, param)) != CG_OK)
			return rc;
		st[CG_IS_PARAM] = param;
	}
	else if (param != st[CG_IS_PARAM])
		return CG_E_MISMATCH;
	m = mode_of(kind, param, &expo);
	*bad = CG_IA_X;
	if (x == 0.0 && (m == M_LOG || (m == M_POW && expo <= 0.0)))
		return CG_E_NONPOSITIVE;
	*bad = CG_IA_NONE;

	if (m == M_SQ ? st[CG_IS_N] == 0.0 : (st[CG_IS_PIVOT] == 0.0 && x > 0.0))
	{
		/* rows seen so far all had x = 0: their sum w (x - K) is -K W */
		if (st[CG_IS_N] > 0.0)
		{
			double		w0 = cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]);

			st[CG_IS_WX] = -x * w0;
			st[CG_IS_WX_LO] = 0.0;
		}
		st[CG_IS_PIVOT] = x;
	}
	k = st[CG_IS_PIVOT];
	if (m != M_SQ && k > 0.0 && st[CG_IS_N] > 0.0)
	{
		/* hold the row back; evaluate CG_IS_BATCH rows together */
		int			p;

		if (!(st[CG_IS_PENDING] >= 0.0 && st[CG_IS_PENDING] < CG_IS_BATCH))
			return CG_E_CORRUPT;
		p = (int) st[CG_IS_PENDING];
		st[CG_IS_ROWS + 2 * p] = x;
		st[CG_IS_ROWS + 2 * p + 1] = w;
		st[CG_IS_PENDING] = p + 1;
		if (p + 1 == CG_IS_BATCH)
			cg_ineq_flush(st);
		return CG_OK;
	}
	st[CG_IS_N] += 1.0;
	cg_psum_add(&st[CG_IS_W], &st[CG_IS_W_LO], w);
	cg_nsum_add(&st[CG_IS_WX], &st[CG_IS_WX_LO], w * (x - k));
	if (m == M_SQ)
	{
		double		d = x - k;

		cg_psum_add(&st[CG_IS_F], &st[CG_IS_F_LO], w * d * d);
	}
	else if (m == M_LOG || x > 0.0)
		add_term(st, m, term(m, x, w, k, expo));
	return CG_OK;
}

void
cg_ineq_flush(double *st)
{
	int			n,
				i;
	double		expo,
				k = st[CG_IS_PIVOT],
				t[CG_IS_BATCH],
				nn,
				whi,
				wlo,
				xhi,
				xlo,
				fhi,
				flo;
	const double *row = &st[CG_IS_ROWS];
	moment_mode m = mode_of((cg_ineq_kind) st[CG_IS_KIND], st[CG_IS_PARAM], &expo);

	if (!(st[CG_IS_PENDING] > 0.0 && st[CG_IS_PENDING] <= CG_IS_BATCH))
		return;
	n = (int) st[CG_IS_PENDING];
	/* the terms first: independent of each other, their latencies overlap */
	switch (m)
	{
		case M_LOG:
			for (i = 0; i < n; i++)
				t[i] = row[2 * i + 1] * log(row[2 * i] / k);
			break;
		case M_XLOG:
			for (i = 0; i < n; i++)
				t[i] = row[2 * i] > 0.0 ? row[2 * i + 1] * row[2 * i] * log(row[2 * i] / k) : 0.0;
			break;
		default:
			for (i = 0; i < n; i++)
				t[i] = term(m, row[2 * i], row[2 * i + 1], k, expo);
			break;
	}
	/*
	 * then the sums, row by row, exactly as cg_ineq_add would have; in
	 * locals, which the compiler cannot keep in registers through st (the
	 * rows alias it).  A term of 0 (x = 0) leaves a sum unchanged to the bit.
	 */
	nn = st[CG_IS_N];
	whi = st[CG_IS_W];
	wlo = st[CG_IS_W_LO];
	xhi = st[CG_IS_WX];
	xlo = st[CG_IS_WX_LO];
	fhi = st[CG_IS_F];
	flo = st[CG_IS_F_LO];
	for (i = 0; i < n; i++)
	{
		double		x = row[2 * i],
					w = row[2 * i + 1];

		nn += 1.0;
		cg_psum_add(&whi, &wlo, w);
		cg_nsum_add(&xhi, &xlo, w * (x - k));
		if (m == M_POW)
			cg_psum_add(&fhi, &flo, t[i]);
		else
			cg_nsum_add(&fhi, &flo, t[i]);
	}
	st[CG_IS_N] = nn;
	st[CG_IS_W] = whi;
	st[CG_IS_W_LO] = wlo;
	st[CG_IS_WX] = xhi;
	st[CG_IS_WX_LO] = xlo;
	st[CG_IS_F] = fhi;
	st[CG_IS_F_LO] = flo;
	st[CG_IS_PENDING] = 0.0;
}

/* Checks shared by both layouts, on the first CG_IS_LEN_V1 doubles. */
static cg_status
validate_sums(const double *st)
{
	int			i;

	if (!valid_kind(st[CG_IS_KIND]) || !cg_is_count(st[CG_IS_N]))
		return CG_E_CORRUPT;
	/*
	 * A sum can reach infinity by overflow (its compensation then turns NaN):
	 * that is not corruption.
	 */
	if (isinf(st[CG_IS_W]) || isinf(st[CG_IS_WX]) || isinf(st[CG_IS_F]))
		return CG_E_OVERFLOW;
	for (i = CG_IS_PARAM; i < CG_IS_LEN_V1; i++)
		if (!isfinite(st[i]))
			return CG_E_CORRUPT;
	if (st[CG_IS_N] == 0.0)
		return CG_OK;
	if (cg_ineq_check_param((cg_ineq_kind) st[CG_IS_KIND], st[CG_IS_PARAM]) != CG_OK ||
		!(cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]) > 0.0) ||
		st[CG_IS_PIVOT] < 0.0 ||
		st[CG_IS_PIVOT] + cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]) /
		cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]) < 0.0)
		return CG_E_CORRUPT;
	return CG_OK;
}

cg_status
cg_ineq_validate(const double *st)
{
	double		p,
				expo,
				flushed[CG_IS_LEN];
	moment_mode m;
	int			i;

	if (st[CG_IS_VERSION] != CG_IS_VERSION_2)
		return CG_E_CORRUPT;
	p = st[CG_IS_PENDING];
	if (!(p >= 0.0 && p <= CG_IS_BATCH && p == floor(p)))
		return CG_E_CORRUPT;
	if (p == 0.0)
		return validate_sums(st);
	/* rows are held back only once the sums have a row and a pivot */
	if (!valid_kind(st[CG_IS_KIND]) || !cg_is_count(st[CG_IS_N]) || st[CG_IS_N] == 0.0 ||
		!isfinite(st[CG_IS_PARAM]) || !(st[CG_IS_PIVOT] > 0.0 && isfinite(st[CG_IS_PIVOT])) ||
		cg_ineq_check_param((cg_ineq_kind) st[CG_IS_KIND], st[CG_IS_PARAM]) != CG_OK)
		return CG_E_CORRUPT;
	m = mode_of((cg_ineq_kind) st[CG_IS_KIND], st[CG_IS_PARAM], &expo);
	if (m == M_SQ)
		return CG_E_CORRUPT;
	for (i = 0; i < (int) p; i++)
	{
		double		x = st[CG_IS_ROWS + 2 * i],
					w = st[CG_IS_ROWS + 2 * i + 1];

		if (!(isfinite(x) && x >= 0.0 && isfinite(w) && w > 0.0) ||
			(x == 0.0 && (m == M_LOG || (m == M_POW && expo <= 0.0))))
			return CG_E_CORRUPT;
	}
	/* the sums are checked with the held rows in, as if never held */
	memcpy(flushed, st, sizeof flushed);
	cg_ineq_flush(flushed);
	return validate_sums(flushed);
}

cg_status
cg_ineq_upgrade(const double *v1, double *out)
{
	cg_status	rc;

	if (v1[CG_IS_VERSION] != CG_IS_VERSION_1)
		return CG_E_CORRUPT;
	if ((rc = validate_sums(v1)) != CG_OK)
		return rc;
	memset(out, 0, sizeof(double) * CG_IS_LEN);
	memcpy(out, v1, sizeof(double) * CG_IS_LEN_V1);
	out[CG_IS_VERSION] = CG_IS_VERSION_2;
	return CG_OK;
}

cg_status
cg_ineq_merge(double *a, const double *bin)
{
	double		expo,
				ka,
				kb,
				f,
				wx,
				b[CG_IS_LEN];
	moment_mode m;

	if (cg_ineq_validate(a) != CG_OK || cg_ineq_validate(bin) != CG_OK ||
		a[CG_IS_KIND] != bin[CG_IS_KIND])
		return CG_E_CORRUPT;
	cg_ineq_flush(a);
	memcpy(b, bin, sizeof b);
	cg_ineq_flush(b);
	if (b[CG_IS_N] == 0.0)
		return CG_OK;
	if (a[CG_IS_N] == 0.0)
	{
		memcpy(a, b, sizeof(double) * CG_IS_LEN);
		return CG_OK;
	}
	if (a[CG_IS_PARAM] != b[CG_IS_PARAM])
		return CG_E_MISMATCH;
	m = mode_of((cg_ineq_kind) a[CG_IS_KIND], a[CG_IS_PARAM], &expo);
	ka = a[CG_IS_PIVOT];
	kb = b[CG_IS_PIVOT];
	f = cg_nsum_value(b[CG_IS_F], b[CG_IS_F_LO]);
	wx = cg_nsum_value(b[CG_IS_WX], b[CG_IS_WX_LO]);
	if (m != M_SQ && kb > 0.0 && ka == 0.0)
	{
		/* a holds only zeros: its F is 0 at any pivot; its S becomes -kb W_a */
		a[CG_IS_PIVOT] = ka = kb;
		a[CG_IS_WX] = -kb * cg_nsum_value(a[CG_IS_W], a[CG_IS_W_LO]);
		a[CG_IS_WX_LO] = 0.0;
	}
	else if (m != M_SQ && kb == 0.0 && ka > 0.0)
	{
		/* b holds only zeros: F_b = 0 at any pivot, S_b = -ka W_b */
		wx = -ka * cg_nsum_value(b[CG_IS_W], b[CG_IS_W_LO]);
		kb = ka;
	}
	if (ka != kb)
	{
		/* move b's sums from pivot kb to ka */
		double		d = kb - ka;
		double		w = cg_nsum_value(b[CG_IS_W], b[CG_IS_W_LO]);

		if (m == M_SQ)
			f += 2.0 * d * wx + d * d * w;
		else if (m == M_XLOG)
			f += log(kb / ka) * (kb * w + wx);	/* ln(kb/ka) sum w x */
		else if (m == M_LOG)
			f += log(kb / ka) * w;
		else
			f *= pow(kb / ka, expo);
		wx += d * w;
	}
	cg_nsum_merge(&a[CG_IS_W], &a[CG_IS_W_LO], b[CG_IS_W], b[CG_IS_W_LO]);
	cg_nsum_add(&a[CG_IS_WX], &a[CG_IS_WX_LO], wx);
	cg_nsum_add(&a[CG_IS_F], &a[CG_IS_F_LO], f);
	a[CG_IS_N] += b[CG_IS_N];
	return CG_OK;
}

cg_status
cg_ineq_value(const double *stin, double *out, int *defined)
{
	double		st[CG_IS_LEN];
	cg_ineq_kind kind;
	double		w,
				wx,
				f,
				k,
				mu,
				expo,
				v = 0.0;
	moment_mode m;
	cg_status	rc;

	*out = 0.0;
	*defined = 0;
	if ((rc = cg_ineq_validate(stin)) != CG_OK)
		return rc;
	memcpy(st, stin, sizeof st);
	cg_ineq_flush(st);
	if (st[CG_IS_N] == 0.0)
		return CG_OK;
	kind = (cg_ineq_kind) st[CG_IS_KIND];
	m = mode_of(kind, st[CG_IS_PARAM], &expo);
	w = cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]);
	wx = cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]);
	f = cg_nsum_value(st[CG_IS_F], st[CG_IS_F_LO]);
	k = st[CG_IS_PIVOT];
	if (!isfinite(w) || !isfinite(wx) || !isfinite(f))
		return CG_E_OVERFLOW;
	{
		double		shift = wx / w;	/* m = mu - K */

		mu = k + shift;
		if (!(mu > 0.0))
			return CG_OK;		/* every x is 0 (or no pivot): undefined */
		if (m == M_SQ)
		{
			double		var = f / w - shift * shift;

			v = sqrt(var > 0.0 ? var : 0.0) / mu;
		}
		else
		{
			double		l1d = log1p(shift / k);	/* ln(mu / K) */

			switch (kind)
			{
				case CG_IK_THEIL_T:
					v = f / (w * mu) - l1d;
					break;
				case CG_IK_THEIL_L:
					v = l1d - f / w;
					break;
				case CG_IK_GE:
					if (m == M_XLOG)
						v = f / (w * mu) - l1d;
					else if (m == M_LOG)
						v = l1d - f / w;
					else
						v = ((f / w) / exp(expo * l1d) - 1.0) / (expo * (expo - 1.0));
					break;
				case CG_IK_ATKINSON:
					if (m == M_LOG)
						v = 1.0 - exp(f / w - l1d);
					else
						v = 1.0 - pow(f / w, 1.0 / expo) / exp(l1d);
					break;
				case CG_IK_CV:
					break;
			}
		}
		/* every measure is >= 0 (Jensen); do not report rounding below 0 */
		if (v < 0.0)
			v = 0.0;
	}
	if (!isfinite(v))
		return CG_E_OVERFLOW;
	*out = v;
	*defined = 1;
	return CG_OK;
}

cg_status
cg_dist_check(double x, double w, cg_ineq_arg *bad)
{
	cg_status	rc;

	*bad = CG_IA_X;
	if ((rc = cg_check_nonneg(x)) != CG_OK)
		return rc;
	*bad = CG_IA_W;
	if ((rc = cg_check_positive(w)) != CG_OK)
		return rc;
	*bad = CG_IA_NONE;
	return CG_OK;
}


/* Order-preserving unsigned key of a finite double (-0 folded into +0). */
static inline uint64_t
sort_key(double x)
{
	uint64_t	k;

	x += 0.0;
	memcpy(&k, &x, sizeof(k));
	/* negatives: flip every bit; non-negatives: flip the sign bit */
	return (k >> 63) ? ~k : (k | ((uint64_t) 1 << 63));
}

#define RADIX_BITS 11
#define RADIX_SIZE (1 << RADIX_BITS)
#define RADIX_DIGITS 6			/* 6 x 11 bits cover the 64-bit key */
#define MSD_MAX_BITS 16			/* the exponent and the top mantissa bits */

/* Copy row i of src to row p of dst (width 2 or 3). */
static inline void
copy_row(double *dst, size_t p, const double *src, size_t i, int width)
{
	dst[width * p] = src[width * i];
	dst[width * p + 1] = src[width * i + 1];
	if (width == 3)
		dst[width * p + 2] = src[width * i + 2];
}

/*
 * Copy n rows of width 2 (x, w) or 3 (rank, x, w) and validate them in one
 * pass: rank finite, x finite >= 0, w finite > 0.
 */
static cg_status
copy_rows_checked(double *dst, const double *src, size_t n, int width)
{
	int			ok = 1;
	int			xcol = width - 2;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		x = src[width * i + xcol],
					w = src[width * i + xcol + 1];

		ok &= (x >= 0.0) & (x <= DBL_MAX) & (w > 0.0) & (w <= DBL_MAX);
		if (width == 3)
			ok &= (src[width * i] >= -DBL_MAX) & (src[width * i] <= DBL_MAX);
		copy_row(dst, i, src, i, width);
	}
	return ok ? CG_OK : CG_E_CORRUPT;
}

cg_status
cg_dist_copy_rows(double *dst, const double *src, size_t n)
{
	return copy_rows_checked(dst, src, n, 2);
}

/*
 * LSD radix sort of the n rows of src (in cache, usually) on the key bits
 * below 'bits', 11 at a time, skipping digits where all keys agree.  tmp is
 * scratch of the same size; the result is returned (src or tmp).
 */
static double *
lsd_rows(double *src, double *tmp, size_t n, int width, int bits)
{
	size_t		count[RADIX_DIGITS][RADIX_SIZE];
	int			digits = (bits + RADIX_BITS - 1) / RADIX_BITS;
	size_t		i;
	int			d;

	if (n < 2 || bits <= 0)
		return src;
	if (n <= 32)
	{
		/* insertion sort: cheaper than histograms for tiny buckets */
		for (i = 1; i < n; i++)
		{
			double		row[3];
			uint64_t	key = sort_key(src[width * i]);
			size_t		j = i;

			memcpy(row, src + width * i, width * sizeof(double));
			while (j > 0 && sort_key(src[width * (j - 1)]) > key)
			{
				memcpy(src + width * j, src + width * (j - 1), width * sizeof(double));
				j--;
			}
			memcpy(src + width * j, row, width * sizeof(double));
		}
		return src;
	}
	memset(count, 0, sizeof(size_t) * RADIX_SIZE * digits);
	for (i = 0; i < n; i++)
	{
		uint64_t	key = sort_key(src[width * i]);

		for (d = 0; d < digits; d++)
			count[d][(key >> (RADIX_BITS * d)) & (RADIX_SIZE - 1)]++;
	}
	for (d = 0; d < digits; d++)
	{
		size_t		pos[RADIX_SIZE],
					sum = 0;
		int			b,
					trivial = 0,
					shift = RADIX_BITS * d;

		/* a top digit reaching above 'bits' is fine: those bits are equal here */
		for (b = 0; b < RADIX_SIZE; b++)
		{
			if (count[d][b] == n)
				trivial = 1;
			pos[b] = sum;
			sum += count[d][b];
		}
		if (trivial)
			continue;
		for (i = 0; i < n; i++)
			copy_row(tmp, pos[(sort_key(src[width * i]) >> shift) & (RADIX_SIZE - 1)]++, src, i, width);
		{
			double	   *t = src;

			src = tmp;
			tmp = t;
		}
	}
	return src;
}

const double *
cg_sort_rows(const cg_pair_chunk *c, size_t nc, size_t n, int width,
			 double *buf_a, cg_status *st)
{
	size_t	   *count,
			   *start,
				largest = 0;
	double	   *scratch;
	uint64_t	kmin = UINT64_MAX,
				kmax = 0,
				base;
	int			top,
				shift,
				msd_bits = 4;
	size_t		msd_size,
				k,
				i,
				b;

	*st = CG_OK;
	/* buckets of about 16 rows: 2^4 buckets for tiny inputs, 2^16 at most */
	while (msd_bits < MSD_MAX_BITS && ((size_t) 1 << (msd_bits + 4)) < n)
		msd_bits++;
	msd_size = (size_t) 1 << msd_bits;

	/* the highest bit where keys differ, and the msd_bits below it */
	for (k = 0; k < nc; k++)
	{
		if (cg_cancel_hook != NULL && cg_cancel_hook())
		{
			*st = CG_E_CANCELED;
			return NULL;
		}
		for (i = 0; i < c[k].n; i++)
		{
			uint64_t	key = sort_key(c[k].v[width * i]);

			kmin = key < kmin ? key : kmin;
			kmax = key > kmax ? key : kmax;
		}
	}
	if (n == 0 || kmin == kmax)
	{
		/* every key is equal: the order is any order */
		size_t		at = 0;

		for (k = 0; k < nc; k++)
		{
			memcpy(buf_a + width * at, c[k].v, c[k].n * width * sizeof(double));
			at += c[k].n;
		}
		return buf_a;
	}
	top = 63 - __builtin_clzll(kmin ^ kmax);
	shift = top + 1 > msd_bits ? top + 1 - msd_bits : 0;
	base = kmin >> shift;

	/* MSD pass: scatter the chunks into buckets of buf_a by that digit */
	count = calloc(2 * msd_size + 1, sizeof(size_t));
	if (count == NULL)
	{
		*st = CG_E_NOMEM;
		return NULL;
	}
	start = count + msd_size;
	for (k = 0; k < nc; k++)
	{
		if (cg_cancel_hook != NULL && cg_cancel_hook())
		{
			free(count);
			*st = CG_E_CANCELED;
			return NULL;
		}
		for (i = 0; i < c[k].n; i++)
			count[(sort_key(c[k].v[width * i]) >> shift) - base]++;
	}
	start[0] = 0;
	for (b = 0; b < msd_size; b++)
	{
		start[b + 1] = start[b] + count[b];
		largest = count[b] > largest ? count[b] : largest;
		count[b] = start[b];	/* now the write position */
	}
	/* scratch for one bucket: usually cache-sized, never more than n rows */
	scratch = malloc(largest * width * sizeof(double) + sizeof(double));
	if (scratch == NULL)
	{
		free(count);
		*st = CG_E_NOMEM;
		return NULL;
	}
	for (k = 0; k < nc; k++)
	{
		if (cg_cancel_hook != NULL && cg_cancel_hook())
		{
			free(scratch);
			free(count);
			*st = CG_E_CANCELED;
			return NULL;
		}
		for (i = 0; i < c[k].n; i++)
			copy_row(buf_a, count[(sort_key(c[k].v[width * i]) >> shift) - base]++,
					 c[k].v, i, width);
	}

	/* each bucket: LSD on the bits below the digit */
	for (b = 0; b < msd_size; b++)
	{
		size_t		m = start[b + 1] - start[b];
		double	   *src = buf_a + width * start[b];
		double	   *res;

		if ((b & 1023) == 0 && cg_cancel_hook != NULL && cg_cancel_hook())
		{
			free(scratch);
			free(count);
			*st = CG_E_CANCELED;
			return NULL;
		}
		if (m < 2)
			continue;
		res = lsd_rows(src, scratch, m, width, shift);
		if (res != src)
			memcpy(src, res, m * width * sizeof(double));
	}
	free(scratch);
	free(count);
	return buf_a;
}

void
cg_sort_pairs(double *v, size_t n, double *tmp)
{
	cg_pair_chunk c;
	const double *sorted;
	cg_status	st;

	if (n < 2)
		return;
	c.v = v;
	c.n = n;
	sorted = cg_sort_rows(&c, 1, n, 2, tmp, &st);
	if (sorted != NULL)
		memcpy(v, sorted, n * 2 * sizeof(double));
}

cg_status
cg_conc_copy_rows(double *dst, const double *src, size_t n)
{
	return copy_rows_checked(dst, src, n, 3);
}

cg_status
cg_concentration_sorted(const double *v, size_t n, double *out, int *defined)
{
	double		w_hi = 0.0,
				w_lo = 0.0,
				x_hi = 0.0,
				x_lo = 0.0,
				a_hi = 0.0,
				a_lo = 0.0,
				b_hi = 0.0,
				b_lo = 0.0,
				w_total,
				wx_total,
				pivot;
	size_t		i,
				j;

	*out = 0.0;
	*defined = 0;
	for (i = 0; i < n; i++)
	{
		cg_psum_add(&w_hi, &w_lo, v[3 * i + 2]);
		cg_psum_add(&x_hi, &x_lo, v[3 * i + 2] * v[3 * i + 1]);
	}
	w_total = cg_nsum_value(w_hi, w_lo);
	wx_total = cg_nsum_value(x_hi, x_lo);
	if (!isfinite(w_total) || !isfinite(wx_total))
		return CG_E_OVERFLOW;
	if (!(wx_total > 0.0))
		return CG_OK;			/* no rows, or every x is 0 */
	if (wx_total < CG_DIST_MIN_WX)
		return CG_E_OVERFLOW;	/* magnitudes beyond double precision */

	/*
	 * As for the Gini: a run of equal ranks with weight before F_a and after
	 * B_b (both from positive terms) contributes sum_g w (x - K) (F_a - B_b);
	 * the pivot K changes nothing since sum_g w_g (F_a - B_b) = 0.
	 */
	pivot = v[1];
	w_hi = w_lo = 0.0;
	for (i = 0; i < n; i = j)
	{
		double		g_hi = 0.0,
					g_lo = 0.0;
		double		f_before = cg_nsum_value(w_hi, w_lo);

		if (cg_cancel_due(i))
			return CG_E_CANCELED;
		for (j = i; j < n && v[3 * j] == v[3 * i]; j++)
		{
			cg_psum_add(&w_hi, &w_lo, v[3 * j + 2]);
			cg_nsum_add(&g_hi, &g_lo, v[3 * j + 2] * (v[3 * j + 1] - pivot));
		}
		cg_nsum_add(&a_hi, &a_lo, cg_nsum_value(g_hi, g_lo) * f_before);
	}
	w_hi = w_lo = 0.0;
	for (i = n; i > 0; i = j)
	{
		double		g_hi = 0.0,
					g_lo = 0.0;
		double		b_after = cg_nsum_value(w_hi, w_lo);

		if (cg_cancel_due(i))
			return CG_E_CANCELED;
		for (j = i; j > 0 && v[3 * (j - 1)] == v[3 * (i - 1)]; j--)
		{
			cg_psum_add(&w_hi, &w_lo, v[3 * (j - 1) + 2]);
			cg_nsum_add(&g_hi, &g_lo, v[3 * (j - 1) + 2] * (v[3 * (j - 1) + 1] - pivot));
		}
		cg_nsum_add(&b_hi, &b_lo, cg_nsum_value(g_hi, g_lo) * b_after);
	}
	cg_nsum_merge(&a_hi, &a_lo, -b_hi, -b_lo);
	*out = cg_nsum_value(a_hi, a_lo) / w_total / wx_total;
	/* C is in [-1, 1]: do not report rounding outside it */
	*out = *out > 1.0 ? 1.0 : *out < -1.0 ? -1.0 : *out;
	*defined = 1;
	return CG_OK;
}

/* Multiply column col of the rows by 2^-e, exactly where the result is normal. */
static void
scale_column(double *v, size_t n, int width, int col, int e)
{
	double		f = ldexp(1.0, -e);
	size_t		i;

	if (e == 0)
		return;
	if (isfinite(f) && f != 0.0 && isnormal(f))
		for (i = 0; i < n; i++)
			v[width * i + col] *= f;
	else
		for (i = 0; i < n; i++)
			v[width * i + col] = ldexp(v[width * i + col], -e);
}

cg_status
cg_dist_normalize(double *v, size_t n, int width, int xcol, int wcol)
{
	double		xmax = 0.0,
				w_hi = 0.0,
				w_lo = 0.0,
				w;
	int			ex,
				ew;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		xmax = v[width * i + xcol] > xmax ? v[width * i + xcol] : xmax;
		cg_psum_add(&w_hi, &w_lo, v[width * i + wcol]);
	}
	w = cg_nsum_value(w_hi, w_lo);
	if (!isfinite(w))
		return CG_E_OVERFLOW;
	if (xmax > 0.0)
	{
		frexp(xmax, &ex);
		scale_column(v, n, width, xcol, ex);
	}
	if (w > 0.0)
	{
		frexp(w, &ew);
		scale_column(v, n, width, wcol, ew);
	}
	return CG_OK;
}

void
cg_dist_totals(const double *v, size_t n, double *w_total, double *wx_total)
{
	double		w_hi = 0.0,
				w_lo = 0.0,
				x_hi = 0.0,
				x_lo = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		cg_psum_add(&w_hi, &w_lo, v[2 * i + 1]);
		cg_psum_add(&x_hi, &x_lo, v[2 * i + 1] * v[2 * i]);
	}
	*w_total = cg_nsum_value(w_hi, w_lo);
	*wx_total = cg_nsum_value(x_hi, x_lo);
}

cg_status
cg_gini_sorted(const double *v, size_t n, int correct, double *out, int *defined)
{
	double		w_hi = 0.0,
				w_lo = 0.0,
				x_hi = 0.0,
				x_lo = 0.0,
				c_hi = 0.0,
				c_lo = 0.0,
				a_hi = 0.0,
				a_lo = 0.0,
				b_hi = 0.0,
				b_lo = 0.0,
				q_hi = 0.0,
				q_lo = 0.0,
				w_total,
				wx_total,
				fx,
				fw,
				pivot,
				g;
	int			ex,
				ew;
	size_t		i;

	*out = 0.0;
	*defined = 0;
	if (n == 0)
		return CG_OK;
	for (i = 0; i < n; i++)
		cg_psum_add(&w_hi, &w_lo, v[2 * i + 1]);
	if (cg_cancel_due(0))
		return CG_E_CANCELED;
	w_total = cg_nsum_value(w_hi, w_lo);
	if (!isfinite(w_total))
		return CG_E_OVERFLOW;
	if (!(v[2 * (n - 1)] > 0.0))
		return CG_OK;			/* every x is 0 */

	/*
	 * Scale x and w on the fly by exact powers of two (the largest x, last in
	 * order, and W into [0.5, 1)): G is invariant to both, and the products
	 * below stay clear of the subnormal range.
	 */
	frexp(v[2 * (n - 1)], &ex);
	frexp(w_total, &ew);
	fx = ldexp(1.0, -ex);
	fw = ldexp(1.0, -ew);
	if (!isnormal(fx) || !isnormal(fw))
		return CG_E_OVERFLOW;	/* magnitudes beyond double precision */
	w_total *= fw;

	/*
	 * 2 F_(k-1) + w_k - W = F_(k-1) - B_k, B_k the weight above unit k.  Both
	 * cumulative sums are built from positive terms (forward for F, backward
	 * for B), never by subtracting from W, which would cancel when one unit
	 * holds nearly all the weight.  Since sum_k w_k (F_(k-1) - B_k) = 0, x may
	 * be taken relative to a pivot: the median keeps the terms small and equal
	 * values give exactly 0.
	 */
	pivot = v[2 * (n / 2)] * fx;
	for (i = 0; i < n; i++)
	{
		double		x = v[2 * i] * fx,
					w = v[2 * i + 1] * fw;

		if (cg_cancel_due(i))
			return CG_E_CANCELED;
		cg_nsum_add(&a_hi, &a_lo, w * (x - pivot) * cg_nsum_value(c_hi, c_lo));
		cg_psum_add(&c_hi, &c_lo, w);
		cg_psum_add(&x_hi, &x_lo, w * x);
		if (correct)
			cg_psum_add(&q_hi, &q_lo, w * w);
	}
	wx_total = cg_nsum_value(x_hi, x_lo);
	if (!(wx_total > 0.0))
		return CG_OK;
	if (wx_total < CG_DIST_MIN_WX)
		return CG_E_OVERFLOW;	/* magnitudes beyond double precision */
	c_hi = c_lo = 0.0;
	for (i = n; i-- > 0;)
	{
		double		w = v[2 * i + 1] * fw;

		if (cg_cancel_due(i))
			return CG_E_CANCELED;
		cg_nsum_add(&b_hi, &b_lo, w * (v[2 * i] * fx - pivot) * cg_nsum_value(c_hi, c_lo));
		cg_psum_add(&c_hi, &c_lo, w);
	}
	cg_nsum_merge(&a_hi, &a_lo, -b_hi, -b_lo);
	g = cg_nsum_value(a_hi, a_lo) / w_total / wx_total;
	/* G is in [0, 1]: do not report rounding outside it */
	if (g < 0.0)
		g = 0.0;
	if (g > 1.0)
		g = 1.0;
	if (correct)
	{
		double		h = 1.0 - cg_nsum_value(q_hi, q_lo) / (w_total * w_total);

		if (!(h > 0.0))
			return CG_OK;		/* one unit (or one unit holds all weight) */
		g /= h;
	}
	if (!isfinite(g))
		return CG_E_OVERFLOW;
	*out = g;
	*defined = 1;
	return CG_OK;
}

double
cg_lorenz_at(const double *v, size_t n, double w_total, double wx_total,
			 double p)
{
	double		target = p * w_total,
				f = 0.0,
				c_hi = 0.0,
				c_lo = 0.0;
	size_t		i;

	if (p <= 0.0)
		return 0.0;
	if (p >= 1.0)
		return 1.0;
	for (i = 0; i < n; i++)
	{
		double		x = v[2 * i],
					w = v[2 * i + 1];

		if (f + w >= target)
		{
			/* the cut falls inside unit i: take the part of its weight below it */
			cg_nsum_add(&c_hi, &c_lo, (target - f) * x);
			break;
		}
		f += w;
		cg_nsum_add(&c_hi, &c_lo, w * x);
	}
	return cg_nsum_value(c_hi, c_lo) / wx_total;
}

void
cg_theil_group_add(cg_theil_group *g, double k, double x, double w)
{
	double		r = log(x / k);

	g->n += 1.0;
	cg_psum_add(&g->w[0], &g->w[1], w);
	cg_nsum_add(&g->s[0], &g->s[1], w * (x - k));
	cg_nsum_add(&g->ft[0], &g->ft[1], w * x * r);
	cg_nsum_add(&g->fl[0], &g->fl[1], w * r);
}

void
cg_theil_group_repivot(cg_theil_group *g, double from_k, double to_k)
{
	double		w = cg_nsum_value(g->w[0], g->w[1]),
				s = cg_nsum_value(g->s[0], g->s[1]),
				lr;

	if (from_k == to_k)
		return;
	lr = log(from_k / to_k);
	/* sum w x = from_k W + S; ln(x/to_k) = ln(x/from_k) + ln(from_k/to_k) */
	g->ft[0] = cg_nsum_value(g->ft[0], g->ft[1]) + lr * (from_k * w + s);
	g->ft[1] = 0.0;
	g->fl[0] = cg_nsum_value(g->fl[0], g->fl[1]) + lr * w;
	g->fl[1] = 0.0;
	g->s[0] = s + (from_k - to_k) * w;
	g->s[1] = 0.0;
}

void
cg_theil_group_merge(cg_theil_group *a, const cg_theil_group *b)
{
	a->n += b->n;
	cg_nsum_merge(&a->w[0], &a->w[1], b->w[0], b->w[1]);
	cg_nsum_merge(&a->s[0], &a->s[1], b->s[0], b->s[1]);
	cg_nsum_merge(&a->ft[0], &a->ft[1], b->ft[0], b->ft[1]);
	cg_nsum_merge(&a->fl[0], &a->fl[1], b->fl[0], b->fl[1]);
}

/* Mean, Theil T and L of sums relative to pivot k. */
static void
theil_of(double w, double s, double ft, double fl, double k, double *mu,
		 double *l1d, double *t, double *l)
{
	*mu = k + s / w;
	*l1d = log1p(s / (w * k));	/* ln(mu / K) */
	*t = ft / (w * *mu) - *l1d;
	*l = *l1d - fl / w;
	if (*t < 0.0)
		*t = 0.0;
	if (*l < 0.0)
		*l = 0.0;
}

cg_status
cg_theil_decompose(const cg_theil_group *g, size_t ng, double k,
				   cg_theil_result *out, cg_theil_group_out *gout)
{
	double		w_hi = 0,
				w_lo = 0,
				s_hi = 0,
				s_lo = 0,
				ft_hi = 0,
				ft_lo = 0,
				fl_hi = 0,
				fl_lo = 0;
	double		tw_hi = 0,
				tw_lo = 0,
				tb_hi = 0,
				tb_lo = 0,
				lw_hi = 0,
				lw_lo = 0,
				lb_hi = 0,
				lb_lo = 0;
	double		w,
				mu,
				l1d,
				wx;
	size_t		i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < ng; i++)
	{
		cg_nsum_merge(&w_hi, &w_lo, g[i].w[0], g[i].w[1]);
		cg_nsum_merge(&s_hi, &s_lo, g[i].s[0], g[i].s[1]);
		cg_nsum_merge(&ft_hi, &ft_lo, g[i].ft[0], g[i].ft[1]);
		cg_nsum_merge(&fl_hi, &fl_lo, g[i].fl[0], g[i].fl[1]);
	}
	w = cg_nsum_value(w_hi, w_lo);
	if (!isfinite(w) || !isfinite(s_hi) || !isfinite(ft_hi) || !isfinite(fl_hi))
		return CG_E_OVERFLOW;
	if (!(w > 0.0) || !(k > 0.0))
		return CG_E_CORRUPT;
	theil_of(w, cg_nsum_value(s_hi, s_lo), cg_nsum_value(ft_hi, ft_lo),
			 cg_nsum_value(fl_hi, fl_lo), k, &mu, &l1d, &out->t, &out->l);
	wx = w * mu;
	for (i = 0; i < ng; i++)
	{
		double		wg = cg_nsum_value(g[i].w[0], g[i].w[1]),
					mug,
					l1dg,
					tg,
					lg,
					pg,
					sg,
					lmu;

		theil_of(wg, cg_nsum_value(g[i].s[0], g[i].s[1]), cg_nsum_value(g[i].ft[0], g[i].ft[1]),
				 cg_nsum_value(g[i].fl[0], g[i].fl[1]), k, &mug, &l1dg, &tg, &lg);
		pg = wg / w;
		sg = wg * mug / wx;
		lmu = l1dg - l1d;		/* ln(mu_g / mu) */
		cg_nsum_add(&tw_hi, &tw_lo, sg * tg);
		cg_nsum_add(&tb_hi, &tb_lo, sg * lmu);
		cg_nsum_add(&lw_hi, &lw_lo, pg * lg);
		cg_nsum_add(&lb_hi, &lb_lo, -pg * lmu);
		if (gout)
		{
			gout[i].weight_share = pg;
			gout[i].value_share = sg;
			gout[i].mean = mug;
			gout[i].t = tg;
			gout[i].l = lg;
		}
	}
	out->t_within = cg_nsum_value(tw_hi, tw_lo);
	out->t_between = cg_nsum_value(tb_hi, tb_lo);
	out->l_within = cg_nsum_value(lw_hi, lw_lo);
	out->l_between = cg_nsum_value(lb_hi, lb_lo);
	if (out->t_between < 0.0)
		out->t_between = 0.0;	/* both are >= 0 (Jensen): no rounding below 0 */
	if (out->l_between < 0.0)
		out->l_between = 0.0;
	return CG_OK;
}
