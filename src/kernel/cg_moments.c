/*
 * cg_moments.c — moment-based inequality measures as GE(alpha) states
 * (cg_ineq.h): Theil T and L, generalized entropy, Atkinson, CV.
 *
 * With r = x / K for a pivot K > 0, the state keeps over the rows with x > 0
 * W = sum w, S = sum w (r - 1) and F = sum w phi(r), phi = phi_alpha >= 0,
 * and the weight W0 of the rows with x = 0 (whose r is 0 at any pivot).
 * Since sum w (r/m)^alpha = m^-alpha (alpha (alpha - 1) F + W + alpha S),
 * with Wt = W + W0, m = (W + S) / Wt the mean over K and
 * Ft = F + W0 phi(0) = F + W0 / alpha,
 *   GE(alpha) = m^-alpha (Ft / Wt - phi(m)),
 * a difference of two non-negative numbers, small when the pivot is near the
 * mean; the state moves its pivot there (repivot) whenever a batch of rows
 * would leave the mean off by more than 1/16.  Moving the pivot from K to K'
 * (c = K / K', r' = c r) is exact algebra on the sums:
 *   F' = c^alpha F + W phi(c) + S (c^alpha - c) / (alpha - 1),
 *   S' = c S + (c - 1) W,
 * with (c^alpha - c) / (alpha - 1) = c ln c E1((alpha - 1) ln c),
 * E1(z) = expm1(z) / z: no division by alpha - 1 or alpha anywhere.
 */
#include "cg_ineq.h"
#include "cg_sum.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* the mean may drift this far from the pivot before the pivot follows it */
#define REPIVOT_DRIFT 0.0625

/* smallest total weight of two or more rows whose products keep their digits */
#define MIN_TOTAL_W 0x1p-969

static int
valid_kind(double k)
{
	return k == CG_IK_THEIL_T || k == CG_IK_THEIL_L || k == CG_IK_GE ||
		k == CG_IK_ATKINSON || k == CG_IK_CV;
}

double
cg_ineq_alpha(cg_ineq_kind kind, double param)
{
	switch (kind)
	{
		case CG_IK_THEIL_T:
			return 1.0;
		case CG_IK_THEIL_L:
			return 0.0;
		case CG_IK_GE:
			return param;
		case CG_IK_ATKINSON:
			return 1.0 - param;
		case CG_IK_CV:
			return 2.0;
	}
	return 2.0;
}

static inline double
alpha_of(const double *st)
{
	return cg_ineq_alpha((cg_ineq_kind) st[CG_IS_KIND], st[CG_IS_PARAM]);
}

/* c ? a : b by bit masks: no branch where c is a coin toss */
static inline double
select_d(int c, double a, double b)
{
	uint64_t	ma,
				mb,
				m = (uint64_t) 0 - (uint64_t) (c != 0);
	double		r;

	memcpy(&ma, &a, sizeof ma);
	memcpy(&mb, &b, sizeof mb);
	ma = (ma & m) | (mb & ~m);
	memcpy(&r, &ma, sizeof r);
	return r;
}

/* expm1(z) / z, 1 at z = 0 */
static inline double
e1(double z)
{
	return z == 0.0 ? 1.0 : expm1(z) / z;
}


/*
 * ln(1 + d) to a few ulps through the faster log(), for |d| < 0.5: with
 * u = 1 + d rounded, u - 1 is exact (Sterbenz) and ln(1 + d) = ln u +
 * ln(1 + (d - (u - 1)) / u), whose second term is (d - (u - 1)) to within
 * |d| ulp.
 */
static inline double
log1p_fast(double d)
{
	double		u = 1.0 + d;

	return log(u) + (d - (u - 1.0));
}

/*
 * ln r for a ratio r = x / K given as r and d = r - 1, both accurate: from
 * d near 1 (log1p), from r away from it.
 */
static inline double
log_rd(double r, double d)
{
	return fabs(d) < 0.5 ? log1p_fast(d) : log(r);
}

/*
 * phi_alpha(r), from r and d = r - 1 (see flush_rows: d = (x - K) / K keeps
 * every digit of a deviation near K, where x - K is exact, and r = x / K
 * every digit of a ratio far below 1).
 */
static inline double
phi_rd(double r, double d, double a)
{
	double		t;

	if (a == 2.0)
		return 0.5 * d * d;
	if (r == 0.0)
		return a > 0.0 ? 1.0 / a : INFINITY;
	if (a == 1.0)
		return r * log_rd(r, d) - d;
	if (a == 0.0)
		return d - log_rd(r, d);
	if (a == -1.0)
		return 0.5 * d * (d / r);
	if (a == 0.5)
	{
		double		q = d / (sqrt(r) + 1.0);	/* sqrt(r) - 1 */

		return 2.0 * q * q;
	}
	t = log_rd(r, d);
	if (a >= 0.5)
		return (r * t * e1((a - 1.0) * t) - d) / a;
	return (d - t * e1(a * t)) / (1.0 - a);
}

double
cg_phi(double r, double a)
{
	/* d = r - 1 is exact for r in [0.5, 2], where it matters */
	return phi_rd(r, r - 1.0, a);
}

/*
 * phi_alpha(r) for alpha <= 0 and r below the normal range (x / K < 2.2e-308,
 * even 0 by underflow), from t = ln x - ln K computed apart: r itself keeps
 * too few digits there for ln r or r^alpha.
 */
static double
phi_tiny(double r, double t, double a)
{
	if (a == 0.0)
		return (r - 1.0) - t;
	return ((r - 1.0) - t * e1(a * t)) / (1.0 - a);
}

void
cg_ineq_init(double *st, cg_ineq_kind kind)
{
	memset(st, 0, sizeof(double) * CG_IS_LEN);
	st[CG_IS_VERSION] = CG_IS_VERSION_3;
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
	return cg_ineq_alpha(kind, param) <= 0.0;
}

/* Move the sums of st (no held rows, pivot > 0) to pivot k. */
static void
repivot(double *st, double k)
{
	double		a = alpha_of(st),
				c = st[CG_IS_PIVOT] / k,
				lc = c >= DBL_MIN && c <= DBL_MAX ? log(c) : log(st[CG_IS_PIVOT]) - log(k),
				w = cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]),
				s = cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]),
				f = cg_nsum_value(st[CG_IS_F], st[CG_IS_F_LO]),
				ca = a == 2.0 ? c * c : a == 1.0 ? c : a == 0.0 ? 1.0 : exp(a * lc);

	double		t1 = ca * f,
				t2 = w * (a <= 0.0 && c < DBL_MIN ? phi_tiny(c, lc, a) : cg_phi(c, a)),
				t3 = s * (c * lc * e1((a - 1.0) * lc)),
				flo = 0.0,
				slo = 0.0;

	if (a == 2.0)
	{
		/*
		 * alpha 2 (CV): F' = c^2 F + c (c - 1) S + W (c - 1)^2 / 2 and
		 * S' = c S + (c - 1) W, polynomials in c, in double-double.  With the
		 * pivot moved onto the mean, c^2 F and W (c - 1)^2 / 2 nearly cancel
		 * when the rows lie close together; in doubles F' would keep an error
		 * of about 2^-52 W (c - 1)^2, which the square root of the CV turns
		 * into an absolute error near 1e-9 on a CV near 0.  c = K / k is
		 * taken to double-double too: with c rounded, the sums would stand
		 * for rows over K / c, not over the pivot k they are kept with, and
		 * the rows still to come are taken over k (an error of 2^-53 times
		 * the mean's offset from the pivot, large beside a tiny spread).
		 */
		cg_dd		cc = cg_dd_two_sum(c, fma(-c, k, st[CG_IS_PIVOT]) / k),
					dc = cg_dd_add(cg_dd_two_sum(c, -1.0), (cg_dd) {cc.lo, 0.0}),
					half_d2 = cg_dd_mul(dc, dc),
					wd = cg_dd_of_sum(st[CG_IS_W], st[CG_IS_W_LO]),
					sd = cg_dd_of_sum(st[CG_IS_WX], st[CG_IS_WX_LO]),
					fd = cg_dd_of_sum(st[CG_IS_F], st[CG_IS_F_LO]),
					fn,
					sn;

		half_d2.hi *= 0.5;
		half_d2.lo *= 0.5;
		fn = cg_dd_add(cg_dd_add(cg_dd_mul(cg_dd_mul(cc, cc), fd),
								 cg_dd_mul(half_d2, wd)),
					   cg_dd_mul(cg_dd_mul(cc, dc), sd));
		sn = cg_dd_add(cg_dd_mul(cc, sd), cg_dd_mul(dc, wd));
		f = fn.hi;
		flo = isfinite(fn.hi) && isfinite(fn.lo) ? fn.lo : 0.0;
		s = sn.hi;
		slo = isfinite(sn.hi) && isfinite(sn.lo) ? sn.lo : 0.0;
	}
	else
	{
		f = t1 + t2 + t3;
		s = c * s + (c - 1.0) * w;
	}
	/*
	 * F is a sum of terms >= 0.  Its rounding error is about 2^-52 of the
	 * largest term, which the value divides by W.  When that term exceeds
	 * 2^22 W (the pivot moved by a huge factor, with mass far from both
	 * pivots) and F keeps less than 2^-26 of it, the value would carry an
	 * error above 2^-30 that nothing reports: mark the sums as overflowed,
	 * so that the value is an error rather than a wrong number; likewise
	 * inf - inf.
	 */
	{
		double		big = fmax(fabs(t1), fmax(fabs(t2), fabs(t3)));

		if (isnan(f) || isnan(s) || (big > 0x1p22 * w && f < 0x1p-26 * big))
			f = INFINITY;
	}
	st[CG_IS_F] = f < 0.0 ? 0.0 : f;
	st[CG_IS_F_LO] = f > 0.0 && isfinite(f) ? flo : 0.0;
	st[CG_IS_WX] = isnan(s) ? 0.0 : s;
	st[CG_IS_WX_LO] = isfinite(s) ? slo : 0.0;
	st[CG_IS_PIVOT] = k;
}

cg_status
cg_ineq_add(double *st, double x, double w, double param, cg_ineq_arg *bad)
{
	cg_ineq_kind kind = (cg_ineq_kind) st[CG_IS_KIND];
	cg_status	rc;
	int			p;

	*bad = CG_IA_X;
	if ((rc = cg_check_nonneg(x)) != CG_OK)
		return rc;
	*bad = CG_IA_W;
	if ((rc = cg_check_positive(w)) != CG_OK)
		return rc;
	if (w < DBL_MIN)
		return CG_E_OVERFLOW;	/* subnormal: its products keep no digits */
	*bad = CG_IA_PARAM;
	if (st[CG_IS_N] == 0.0)
	{
		if ((rc = cg_ineq_check_param(kind, param)) != CG_OK)
			return rc;
		st[CG_IS_PARAM] = param;
	}
	else if (param != st[CG_IS_PARAM])
		return CG_E_MISMATCH;
	*bad = CG_IA_X;
	if (x == 0.0 && cg_ineq_needs_positive(kind, param))
		return CG_E_NONPOSITIVE;
	*bad = CG_IA_NONE;

	if (x == 0.0)
	{
		/* a zero counts in W0 only: its terms do not depend on K */
		st[CG_IS_N] += 1.0;
		cg_psum_add(&st[CG_IS_W0], &st[CG_IS_W0_LO], w);
		return CG_OK;
	}
	if (st[CG_IS_PIVOT] == 0.0)
	{
		/* the first x > 0 is K: r = 1, so S and F gain 0 */
		st[CG_IS_PIVOT] = x;
		st[CG_IS_N] += 1.0;
		cg_psum_add(&st[CG_IS_W], &st[CG_IS_W_LO], w);
		return CG_OK;
	}
	/* hold the row back; evaluate CG_IS_BATCH rows together */
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

/*
 * Does a mean ratio m over pivot k call for the new pivot k m (a positive
 * finite number: not when k m underflows or overflows)?
 */
static inline int
pivot_fits(double k, double m)
{
	double		nk = k * m;

	return nk > 0.0 && nk <= DBL_MAX;
}

static inline int
drifted(double k, double m)
{
	return fabs(m - 1.0) > REPIVOT_DRIFT && pivot_fits(k, m);
}

/*
 * alpha 2: is the pivot off the mean m (over the pivot) by more than the
 * spread of the sums allows?  A batch of weight hw evaluated at a pivot
 * off by d = m - 1 adds rounding errors near 2^-52 hw d^2 to F, which the
 * square root of the CV would show whole when the rows are tighter than
 * that: the pivot moves first when hw d^2 exceeds 2^30 times the sums'
 * spread about their own mean, F - S^2 / 2W (never for rows spread as
 * usual: only while the spread is tiny, or a batch outweighs the sums by
 * far).
 */
static inline int
off_spread(const double *st, double m, double hw)
{
	double		s = st[CG_IS_WX],
				d = m - 1.0;

	/* a threshold: the sums' leading parts are enough */
	return hw * (d * d) > 0x1p30 * (st[CG_IS_F] - s * (0.5 * s / st[CG_IS_W])) && d != 0.0;
}

/*
 * Evaluate n rows (x, w) into the sums of st, after moving the pivot to their
 * mean with the sums' if it drifted.  Returns 0, touching nothing, when that
 * mean is not finite (a ratio x / K overflowed) and n > 1: the caller then
 * evaluates the rows one at a time, as a state that never held them would.
 */
static inline int
flush_rows(double *st, const double *row, int n)
{
	int			i;
	double		a = alpha_of(st),
				k = st[CG_IS_PIVOT],
				r[CG_IS_BATCH],	/* d = x / K - 1 of each row */
				q[CG_IS_BATCH],	/* x / K */
				inv,
				t[CG_IS_BATCH],
				hw = 0.0,
				hwx = 0.0,
				hwr,
				w,
				s,
				m,
				nn,
				whi,
				wlo,
				shi,
				slo,
				fhi,
				flo;

	/* the batch's weight and sum w x: two short chains, no division */
	for (i = 0; i < n; i++)
	{
		hw += row[2 * i + 1];
		hwx += row[2 * i + 1] * row[2 * i];
	}
	/* the pivot follows the mean of the sums and these rows */
	w = cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]);
	s = cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]);
	hwr = hwx / k;
	if (!isfinite(hwr) || !(hwx >= 0x1p-960))
		for (hwr = 0.0, i = 0; i < n; i++)
			hwr += row[2 * i + 1] * (row[2 * i] / k);	/* sum w x over- or underflowed: per row */
	m = (w + s + hwr) / (w + hw);
	if (!isfinite(m))
	{
		/*
		 * a weight near the top of the double range: the same ratio with
		 * every weight scaled by 2^-512 (exact), so that the pivot still
		 * follows a mean that is itself finite
		 */
		double		num = w * 0x1p-512 + s * 0x1p-512,
					den = w * 0x1p-512;

		for (i = 0; i < n; i++)
		{
			num += (row[2 * i + 1] * 0x1p-512) * (row[2 * i] / k);
			den += row[2 * i + 1] * 0x1p-512;
		}
		m = num / den;
	}
	if (!isfinite(m) && n > 1)
		return 0;
	if (m == 0.0 && w + s + hwr > 0.0)
		m = DBL_MIN;			/* the ratio underflowed: the pivot moves as far as it can */
	if (drifted(k, m) || (a == 2.0 && off_spread(st, m, hw) && pivot_fits(k, m)))
	{
		repivot(st, k * m);
		k = st[CG_IS_PIVOT];
	}
	/*
	 * d = (x - K) / K: x - K is exact near K, so near-equal values keep
	 * every digit of their deviations.  One reciprocal a batch (a few ulps
	 * of d, and d = 0 exactly for x = K); a division a row only where 1/K
	 * leaves the double range.
	 */
	inv = 1.0 / k;
	if (isfinite(inv))
		for (i = 0; i < n; i++)
		{
			r[i] = (row[2 * i] - k) * inv;
			q[i] = row[2 * i] * inv;
		}
	else
		for (i = 0; i < n; i++)
		{
			r[i] = (row[2 * i] - k) / k;
			q[i] = row[2 * i] / k;
		}
	/* the terms first: independent of each other, their latencies overlap */
	if (a == 2.0)
		for (i = 0; i < n; i++)
			t[i] = row[2 * i + 1] * (0.5 * r[i] * r[i]);
	else if (a == 1.0 || a == 0.0)
	{
		/*
		 * ln r without a data-dependent branch: from u = 1 + d with
		 * Goldberg's correction where d >= -0.5, from x / K below; both
		 * computed, one selected
		 */
		for (i = 0; i < n; i++)
		{
			double		d = r[i],
						u1 = 1.0 + d;
			int			far = d < -0.5;
			double		u = select_d(far, q[i], u1),
			/* ln(1 + d) = ln u1 + (d - (u1 - 1)) for d in [-0.5, 1], where u1 - 1 is exact */
						lt = log(u) + select_d(far | (d > 1.0), 0.0, d - (u1 - 1.0)),
						phi = a == 1.0 ? select_d(q[i] > 0.0, u * lt - d, 1.0) : d - lt;

			t[i] = row[2 * i + 1] * phi;
		}
	}
	else if (a == 0.5)
		for (i = 0; i < n; i++)
		{
			/* 2 (sqrt r - 1)^2, r from x / K where it is far below 1 (selected) */
			double		rr = select_d(r[i] < -0.5, q[i], 1.0 + r[i]),
						sq = r[i] / (sqrt(rr) + 1.0);

			t[i] = row[2 * i + 1] * (2.0 * sq * sq);
		}
	else
		for (i = 0; i < n; i++)
		{
			double		rr = select_d(r[i] < -0.5, q[i], 1.0 + r[i]);	/* selected, not branched */

			t[i] = row[2 * i + 1] * phi_rd(rr, r[i], a);
		}
	/* alpha <= 0: ratios below the normal range from ln x - ln K (rare) */
	if (a <= 0.0)
		for (i = 0; i < n; i++)
			if (row[2 * i] / k < DBL_MIN)
				t[i] = row[2 * i + 1] * phi_tiny(row[2 * i] / k, log(row[2 * i]) - log(k), a);
	/* then the sums, row by row, in locals */
	nn = st[CG_IS_N];
	whi = st[CG_IS_W];
	wlo = st[CG_IS_W_LO];
	shi = st[CG_IS_WX];
	slo = st[CG_IS_WX_LO];
	fhi = st[CG_IS_F];
	flo = st[CG_IS_F_LO];
	for (i = 0; i < n; i++)
	{
		nn += 1.0;
		cg_psum_add(&whi, &wlo, row[2 * i + 1]);
		cg_tsum_add(&shi, &slo, row[2 * i + 1] * r[i]);	/* S stays near 0 */
		cg_psum_add(&fhi, &flo, t[i]);
	}
	st[CG_IS_N] = nn;
	st[CG_IS_W] = whi;
	st[CG_IS_W_LO] = wlo;
	st[CG_IS_WX] = shi;
	st[CG_IS_WX_LO] = slo;
	st[CG_IS_F] = fhi;
	st[CG_IS_F_LO] = flo;
	return 1;
}

void
cg_ineq_flush(double *st)
{
	double		rows[2 * CG_IS_BATCH];
	int			n,
				i;

	if (!(st[CG_IS_PENDING] > 0.0 && st[CG_IS_PENDING] <= CG_IS_BATCH) ||
		!(st[CG_IS_PIVOT] > 0.0))
		return;
	n = (int) st[CG_IS_PENDING];
	/* flush_rows writes the sums and the pivot, never the rows it reads */
	if (!flush_rows(st, &st[CG_IS_ROWS], n))
	{
		memcpy(rows, &st[CG_IS_ROWS], sizeof(double) * 2 * n);
		for (i = 0; i < n; i++)
			flush_rows(st, &rows[2 * i], 1);
	}
	st[CG_IS_PENDING] = 0.0;
}

/* Checks of the sums of a version-3 state (held rows aside). */
static cg_status
validate_sums(const double *st)
{
	int			i;
	double		w,
				w0;

	if (!valid_kind(st[CG_IS_KIND]) || !cg_is_count(st[CG_IS_N]))
		return CG_E_CORRUPT;
	/* a sum can reach infinity by overflow: that is not corruption */
	if (isinf(st[CG_IS_W]) || isinf(st[CG_IS_WX]) || isinf(st[CG_IS_F]) || isinf(st[CG_IS_W0]))
		return CG_E_OVERFLOW;
	for (i = CG_IS_PARAM; i < CG_IS_PENDING; i++)
		if (!isfinite(st[i]))
			return CG_E_CORRUPT;
	w = cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]);
	w0 = cg_nsum_value(st[CG_IS_W0], st[CG_IS_W0_LO]);
	if (st[CG_IS_N] == 0.0)
		return w == 0.0 && w0 == 0.0 && st[CG_IS_PIVOT] == 0.0 ? CG_OK : CG_E_CORRUPT;
	if (cg_ineq_check_param((cg_ineq_kind) st[CG_IS_KIND], st[CG_IS_PARAM]) != CG_OK ||
		w < 0.0 || w0 < 0.0 || !(w + w0 > 0.0) || st[CG_IS_PIVOT] < 0.0 ||
		cg_nsum_value(st[CG_IS_F], st[CG_IS_F_LO]) < 0.0 ||
		(w0 > 0.0 && alpha_of(st) <= 0.0))	/* zeros only where alpha > 0 */
		return CG_E_CORRUPT;
	if (st[CG_IS_PIVOT] == 0.0)
		/* zeros only: nothing in the sums of x > 0 */
		return w == 0.0 && st[CG_IS_WX] == 0.0 && st[CG_IS_WX_LO] == 0.0 &&
			st[CG_IS_F] == 0.0 && st[CG_IS_F_LO] == 0.0 ? CG_OK : CG_E_CORRUPT;
	/* rows with x > 0: W > 0 and their mean (1 + S / W) K >= 0 */
	if (!(w > 0.0) || 1.0 + cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]) / w < 0.0)
		return CG_E_CORRUPT;
	return CG_OK;
}

cg_status
cg_ineq_validate(const double *st)
{
	double		p,
				flushed[CG_IS_LEN];
	int			i;

	if (st[CG_IS_VERSION] != CG_IS_VERSION_3)
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
	/* F is a sum of terms >= 0, before a flush could clamp it */
	if (!(cg_nsum_value(st[CG_IS_F], st[CG_IS_F_LO]) >= 0.0))
		return CG_E_CORRUPT;
	for (i = 0; i < (int) p; i++)
	{
		double		x = st[CG_IS_ROWS + 2 * i],
					w = st[CG_IS_ROWS + 2 * i + 1];

		if (!(isfinite(x) && x > 0.0 && isfinite(w) && w >= DBL_MIN))
			return CG_E_CORRUPT;	/* zeros are never held */
	}
	/* the sums are checked with the held rows in, as if never held */
	memcpy(flushed, st, sizeof flushed);
	cg_ineq_flush(flushed);
	return validate_sums(flushed);
}

/*
 * The sums of a version-1 or version-2 state (caregap 0.2.0-0.3.0), which
 * kept S = sum w (x - K) and, by the measure's mode, F = sum w x ln(x/K)
 * (alpha 1), sum w ln(x/K) (alpha 0), sum w (x/K)^alpha, or for CV
 * sum w (x - K)^2 with K the first x (possibly 0), as version-3 sums in out
 * (held rows not included).
 */
static cg_status
convert_old_sums(const double *old, double *out)
{
	cg_ineq_kind kind;
	double		a,
				k,
				w,
				s,
				f,
				fn;

	if (!valid_kind(old[CG_IS_KIND]) || !cg_is_count(old[CG_IS_N]))
		return CG_E_CORRUPT;
	for (int i = CG_IS_PARAM; i < CG_IS_LEN_V1; i++)
		if (!isfinite(old[i]))
			return CG_E_CORRUPT;
	kind = (cg_ineq_kind) old[CG_IS_KIND];
	cg_ineq_init(out, kind);
	if (old[CG_IS_N] == 0.0)
		return CG_OK;
	w = cg_nsum_value(old[CG_IS_W], old[CG_IS_W_LO]);
	s = cg_nsum_value(old[CG_IS_WX], old[CG_IS_WX_LO]);
	f = cg_nsum_value(old[CG_IS_F], old[CG_IS_F_LO]);
	k = old[CG_IS_PIVOT];
	if (cg_ineq_check_param(kind, old[CG_IS_PARAM]) != CG_OK || !(w > 0.0) || k < 0.0 ||
		k + s / w < 0.0)
		return CG_E_CORRUPT;
	a = cg_ineq_alpha(kind, old[CG_IS_PARAM]);
	out[CG_IS_PARAM] = old[CG_IS_PARAM];
	out[CG_IS_N] = old[CG_IS_N];
	out[CG_IS_W] = w;
	if (kind == CG_IK_CV)
	{
		double		mu = k + s / w;

		if (!(mu > 0.0))
		{
			out[CG_IS_W] = 0.0;	/* every x is 0 */
			out[CG_IS_W0] = w;
			return CG_OK;
		}
		/* pivot at the mean: S = 0, F = sum w (x/mu - 1)^2 / 2 */
		fn = (f - s * (s / w)) / (2.0 * mu * mu);
		out[CG_IS_PIVOT] = mu;
		out[CG_IS_F] = fn > 0.0 ? fn : 0.0;
		return CG_OK;
	}
	if (k == 0.0)
	{
		/* zeros only */
		out[CG_IS_W] = 0.0;
		out[CG_IS_W0] = w;
		return a > 0.0 ? CG_OK : CG_E_CORRUPT;
	}
	if (a == 1.0)
		fn = f / k - s / k;		/* sum w (r ln r - (r - 1)) */
	else if (a == 0.0)
		fn = s / k - f;			/* sum w ((r - 1) - ln r) */
	else
		fn = (f - w - a * (s / k)) / (a * (a - 1.0));
	out[CG_IS_PIVOT] = k;
	out[CG_IS_WX] = s / k;
	out[CG_IS_F] = fn > 0.0 ? fn : 0.0;
	return CG_OK;
}

cg_status
cg_ineq_upgrade(const double *old, int len, double *out)
{
	cg_status	rc;
	double		p;
	int			i;
	cg_ineq_arg bad;

	if (len == CG_IS_LEN && old[CG_IS_VERSION] == CG_IS_VERSION_3)
	{
		if ((rc = cg_ineq_validate(old)) != CG_OK)
			return rc;
		memcpy(out, old, sizeof(double) * CG_IS_LEN);
		return CG_OK;
	}
	if (!((len == CG_IS_LEN_V1 && old[CG_IS_VERSION] == CG_IS_VERSION_1) ||
		  (len == CG_IS_LEN_V2 && old[CG_IS_VERSION] == CG_IS_VERSION_2)))
		return CG_E_CORRUPT;
	if ((rc = convert_old_sums(old, out)) != CG_OK)
		return rc;
	if (len == CG_IS_LEN_V1)
		return cg_ineq_validate(out);	/* sums the conversion cannot represent */
	/* rows a version-2 state held back join the converted sums */
	p = old[CG_IS_PENDING_V2];
	if (!(p >= 0.0 && p <= CG_IS_BATCH && p == floor(p)) ||
		(p > 0.0 && !(old[CG_IS_N] > 0.0 && old[CG_IS_PIVOT] > 0.0)))
		return CG_E_CORRUPT;
	for (i = 0; i < (int) p; i++)
		if (cg_ineq_add(out, old[CG_IS_ROWS_V2 + 2 * i], old[CG_IS_ROWS_V2 + 2 * i + 1],
						old[CG_IS_PARAM], &bad) != CG_OK)
			return CG_E_CORRUPT;
	return cg_ineq_validate(out);
}

cg_status
cg_ineq_merge(double *a, const double *bin)
{
	double		b[CG_IS_LEN];

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
	cg_nsum_merge(&a[CG_IS_W0], &a[CG_IS_W0_LO], b[CG_IS_W0], b[CG_IS_W0_LO]);
	if (b[CG_IS_PIVOT] > 0.0)
	{
		/* the sums of x > 0: b's move to a's pivot (or are a's, if a has none) */
		if (a[CG_IS_PIVOT] == 0.0)
			a[CG_IS_PIVOT] = b[CG_IS_PIVOT];
		else if (a[CG_IS_PIVOT] != b[CG_IS_PIVOT])
			repivot(b, a[CG_IS_PIVOT]);
		cg_nsum_merge(&a[CG_IS_W], &a[CG_IS_W_LO], b[CG_IS_W], b[CG_IS_W_LO]);
		cg_nsum_merge(&a[CG_IS_WX], &a[CG_IS_WX_LO], b[CG_IS_WX], b[CG_IS_WX_LO]);
		cg_nsum_merge(&a[CG_IS_F], &a[CG_IS_F_LO], b[CG_IS_F], b[CG_IS_F_LO]);
	}
	a[CG_IS_N] += b[CG_IS_N];
	if (a[CG_IS_PIVOT] > 0.0)
	{
		double		m = 1.0 + cg_nsum_value(a[CG_IS_WX], a[CG_IS_WX_LO]) /
			cg_nsum_value(a[CG_IS_W], a[CG_IS_W_LO]);

		if (drifted(a[CG_IS_PIVOT], m))
			repivot(a, a[CG_IS_PIVOT] * m);
	}
	return CG_OK;
}

cg_status
cg_ineq_value(const double *stin, double *out, int *defined)
{
	double		st[CG_IS_LEN];
	cg_ineq_kind kind;
	double		w,
				w0,
				wt,
				s,
				f,
				a,
				m,
				g,
				g_pos,
				lp,
				v = 0.0;
	cg_status	rc;

	*out = 0.0;
	*defined = 0;
	if ((rc = cg_ineq_validate(stin)) != CG_OK)
		return rc;
	memcpy(st, stin, sizeof st);
	cg_ineq_flush(st);
	if (st[CG_IS_N] == 0.0 || st[CG_IS_PIVOT] == 0.0)
		return CG_OK;			/* no rows, or every x is 0: undefined */
	kind = (cg_ineq_kind) st[CG_IS_KIND];
	a = alpha_of(st);
	w = cg_nsum_value(st[CG_IS_W], st[CG_IS_W_LO]);
	w0 = cg_nsum_value(st[CG_IS_W0], st[CG_IS_W0_LO]);
	s = cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]);
	f = cg_nsum_value(st[CG_IS_F], st[CG_IS_F_LO]);
	wt = w + w0;
	if (!isfinite(wt) || !isfinite(s) || !isfinite(f) ||
		(st[CG_IS_N] >= 2.0 && wt < MIN_TOTAL_W))
		return CG_E_OVERFLOW;
	/* GE of the rows with x > 0, m their mean over K */
	m = 1.0 + s / w;
	if (!(m > 0.0))
		return CG_E_OVERFLOW;
	if (a == 2.0 && m != 1.0 && pivot_fits(st[CG_IS_PIVOT], m))
	{
		/*
		 * alpha 2: F / W - (m - 1)^2 / 2 cancels where the rows lie close
		 * together up to 1/16 off the pivot, leaving 2^-52 (m - 1)^2 / 2
		 * of error, which the square root of the CV would make 1e-9.  The
		 * sums move onto the mean first, exactly in double-double.
		 */
		repivot(st, st[CG_IS_PIVOT] * m);
		s = cg_nsum_value(st[CG_IS_WX], st[CG_IS_WX_LO]);
		f = cg_nsum_value(st[CG_IS_F], st[CG_IS_F_LO]);
		if (!isfinite(s) || !isfinite(f))
			return CG_E_OVERFLOW;
		m = 1.0 + s / w;
		if (!(m > 0.0))
			return CG_E_OVERFLOW;
	}
	g = f / w - phi_rd(m, s / w, a);
	g *= a == 0.0 ? 1.0 : a == 1.0 ? 1.0 / m : exp(-a * log(m));
	if (g <= 0.0)
		g = 0.0;				/* >= 0 (Jensen): no rounding below 0, no -0 */
	/*
	 * with zeros (alpha > 0), their share p0 = 1 - p joins as a group of
	 * its own: E[(x/mu)^a] = p^(1-a) (1 + a (a - 1) g), so with
	 * lp = ln p, u = p^(1-a) - 1,
	 *   GE = g (1 + u) - (lp / a) E1((1 - a) lp),
	 * a sum of terms >= 0 (no cancellation at any alpha or share).
	 */
	lp = 0.0;
	g_pos = g;
	if (w0 > 0.0)
	{
		lp = w < w0 ? log(w / wt) : log1p(-w0 / wt);	/* accurate either way */
		g = g * exp((1.0 - a) * lp) - (lp / a) * e1((1.0 - a) * lp);
	}
	switch (kind)
	{
		case CG_IK_THEIL_T:
		case CG_IK_THEIL_L:
		case CG_IK_GE:
			v = g;
			break;
		case CG_IK_CV:
			v = sqrt(2.0 * g);
			break;
		case CG_IK_ATKINSON:
			/* 1 - E[(x/mu)^a]^(1/a) with E[(x/mu)^a] = 1 + a (a - 1) GE(a) */
			if (a == 1.0)
				v = 0.0;
			else if (a == 0.0)
				v = -expm1(-g);
			else
			{
				/* 1 - E^(1/a), E = p^(1-a) (1 + a (a - 1) g+) from the rows x > 0 */
				double		gp = g_pos,
							y = a * (a - 1.0) * gp;

				if (y <= -1.0)
					v = 1.0;	/* E is below double precision: A = 1 */
				else
					v = -expm1(((1.0 - a) * lp + log1p(y)) / a);
			}
			if (v <= 0.0)
				v = 0.0;
			break;
	}
	if (!isfinite(v))
		return CG_E_OVERFLOW;
	*out = v;
	*defined = 1;
	return CG_OK;
}
