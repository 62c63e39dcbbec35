/*
 * cg_dist.c — distribution kernels: pair checks, radix sort, Gini, Lorenz
 * curve, concentration index (docs/FORMULAS.md section 2).
 */
#include "cg_ineq.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	/*
	 * The pivot: the least x among the rows of the lowest rank, a value the
	 * order of tied rows cannot change (the first row's x could: the same
	 * rows in another order, as on another node, then rounded differently).
	 */
	pivot = v[1];
	for (i = 1; i < n && v[3 * i] == v[0]; i++)
		pivot = v[3 * i + 1] < pivot ? v[3 * i + 1] : pivot;
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

/*
 * 2^-e as a product f1 f2 of two normal doubles (f2 = 1 when 2^-e is normal):
 * multiplying by both scales exactly wherever the results are normal, even
 * when 2^-e itself is not (e beyond +-1022: values near 1e308 or 5e-324).
 */
static void
pow2_factors(int e, double *f1, double *f2)
{
	if (e > -1022 && e < 1022)
	{
		*f1 = ldexp(1.0, -e);
		*f2 = 1.0;
	}
	else
	{
		*f1 = ldexp(1.0, -(e / 2));
		*f2 = ldexp(1.0, -(e - e / 2));
	}
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
				fx2,
				fw,
				fw2,
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
	pow2_factors(ex, &fx, &fx2);
	pow2_factors(ew, &fw, &fw2);
	w_total = w_total * fw * fw2;

	/*
	 * 2 F_(k-1) + w_k - W = F_(k-1) - B_k, B_k the weight above unit k.  Both
	 * cumulative sums are built from positive terms (forward for F, backward
	 * for B), never by subtracting from W, which would cancel when one unit
	 * holds nearly all the weight.  Since sum_k w_k (F_(k-1) - B_k) = 0, x may
	 * be taken relative to a pivot: the median keeps the terms small and equal
	 * values give exactly 0.
	 */
	pivot = v[2 * (n / 2)] * fx * fx2;
	for (i = 0; i < n; i++)
	{
		double		x = v[2 * i] * fx * fx2,
					w = v[2 * i + 1] * fw * fw2;

		if (cg_cancel_due(i))
			return CG_E_CANCELED;
		cg_nsum_add(&a_hi, &a_lo, w * (x - pivot) * cg_nsum_value(c_hi, c_lo));
		cg_psum_add(&c_hi, &c_lo, w);
		cg_psum_add(&x_hi, &x_lo, w * x);
		if (correct)
			cg_psum_add(&q_hi, &q_lo, w * w);
	}
	wx_total = cg_nsum_value(x_hi, x_lo);
	/* some x > 0: a vanishing or tiny sum w x lost its digits to underflow */
	if (!(wx_total >= CG_DIST_MIN_WX))
		return CG_E_OVERFLOW;	/* magnitudes beyond double precision */
	c_hi = c_lo = 0.0;
	for (i = n; i-- > 0;)
	{
		double		w = v[2 * i + 1] * fw * fw2;

		if (cg_cancel_due(i))
			return CG_E_CANCELED;
		cg_nsum_add(&b_hi, &b_lo, w * (v[2 * i] * fx * fx2 - pivot) * cg_nsum_value(c_hi, c_lo));
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

cg_status
cg_lorenz_points(const double *v, size_t n, double w_total, double wx_total,
				 const double *p, size_t np, double *out)
{
	double		f = 0.0,
				c_hi = 0.0,
				c_lo = 0.0;
	size_t		i = 0,
				k;

	for (k = 0; k < np; k++)
	{
		double		target = p[k] * w_total;

		if (k > 0 && !(p[k] >= p[k - 1]))
			return CG_E_CORRUPT;	/* the shares must ascend */
		if (p[k] <= 0.0)
		{
			out[k] = 0.0;
			continue;
		}
		if (p[k] >= 1.0)
		{
			out[k] = 1.0;
			continue;
		}
		/* the units wholly below the cut, as cg_lorenz_at sums them */
		while (i < n && !(f + v[2 * i + 1] >= target))
		{
			if (cg_cancel_due(i + 1))
				return CG_E_CANCELED;
			f += v[2 * i + 1];
			cg_nsum_add(&c_hi, &c_lo, v[2 * i + 1] * v[2 * i]);
			i++;
		}
		if (i < n)
		{
			/* the cut falls inside unit i: the part of its weight below it */
			double		h = c_hi,
						l = c_lo;

			cg_nsum_add(&h, &l, (target - f) * v[2 * i]);
			out[k] = cg_nsum_value(h, l) / wx_total;
		}
		else
			out[k] = cg_nsum_value(c_hi, c_lo) / wx_total;
	}
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
