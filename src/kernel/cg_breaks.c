/*
 * cg_breaks.c — class breaks (cg_breaks.h).  Exact Fisher-Jenks by dynamic
 * programming over the sorted distinct values with divide-and-conquer
 * optimization: the within-class sum of squares is a Monge cost, so the
 * optimal start of the last class is monotone in its end (Wang and Song's
 * Ckmeans.1d.dp), and each of the k layers takes O(n log n) instead of the
 * textbook O(n^2).  Sums are compensated (hi, lo) prefix sums of the values
 * shifted by their median.
 */
#include "cg_breaks.h"
#include "cg_cancel.h"
#include "cg_ineq.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct xw
{
	double		x,
				w;
} xw;

/* prefix sums: W, S1 = sum w (x - shift), S2 = sum w (x - shift)^2, each as hi + lo */
typedef struct prefix
{
	double	   *wh,
			   *wl,
			   *s1h,
			   *s1l,
			   *s2h,
			   *s2l;
} prefix;

/* within-class sum of squares of distinct values j..i (0-based, inclusive) */
static inline double
ssq(const prefix *p, size_t j, size_t i)
{
	double		w,
				s1,
				s2,
				v;

	if (j == 0)
	{
		w = p->wh[i] + p->wl[i];
		s1 = p->s1h[i] + p->s1l[i];
		s2 = p->s2h[i] + p->s2l[i];
	}
	else
	{
		w = (p->wh[i] - p->wh[j - 1]) + (p->wl[i] - p->wl[j - 1]);
		s1 = (p->s1h[i] - p->s1h[j - 1]) + (p->s1l[i] - p->s1l[j - 1]);
		s2 = (p->s2h[i] - p->s2h[j - 1]) + (p->s2l[i] - p->s2l[j - 1]);
	}
	if (!(w > 0.0))
		return 0.0;
	v = s2 - s1 * s1 / w;
	return v > 0.0 ? v : 0.0;
}

/*
 * One layer m >= 1 of the programme for ends i in [ilo, ihi]: cur[i] =
 * min over starts j in [max(m, jlo), min(i, jhi)] of prev[j - 1] +
 * ssq(j, i); the smallest best j on ties.
 */
static void
layer(const prefix *p, const double *prev, double *cur, uint32_t *arg, size_t m,
	  size_t ilo, size_t ihi, size_t jlo, size_t jhi)
{
	while (ilo <= ihi)
	{
		size_t		mid = ilo + (ihi - ilo) / 2,
					j,
					best = 0,
					lo = jlo > m ? jlo : m,
					hi = jhi < mid ? jhi : mid;
		double		bestv = INFINITY;

		for (j = lo; j <= hi; j++)
		{
			double		v = prev[j - 1] + ssq(p, j, mid);

			if (v < bestv)
			{
				bestv = v;
				best = j;
			}
		}
		cur[mid] = bestv;
		arg[mid] = (uint32_t) best;
		if (mid > ilo)
			layer(p, prev, cur, arg, m, ilo, mid - 1, jlo, best);
		ilo = mid + 1;
		jlo = best;
	}
}

size_t
cg_class_of(const double *bounds, size_t k, double v)
{
	size_t		lo = 0,
				hi = k;

	/* the first bound >= v */
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (bounds[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k ? lo : k - 1;
}

cg_status
cg_breaks(const double *x, const double *w, size_t n, size_t k, cg_breaks_method method,
		  double *scratch, uint32_t *uscratch, double *bounds, uint64_t *counts,
		  size_t *k_out, double *gvf, size_t *bad)
{
	xw		   *v = (xw *) scratch;	/* 2 n doubles */
	double	   *dx = scratch + 2 * n,	/* distinct values */
			   *dw = scratch + 3 * n,	/* their weights */
				th = 0.0,
				tl = 0.0,
				total,
				mh = 0.0,
				ml = 0.0,
				mean,
				sdam_h = 0.0,
				sdam_l = 0.0,
				sdcm;
	size_t		i,
				nd = 0,
				kk = 0;
	double		mxx = 0.0,
				mxw = 0.0;
	int			ex = 0,
				ew = 0;

	*k_out = 0;
	*gvf = NAN;
	if (k < 1 || method < CG_BREAKS_QUANTILE || method > CG_BREAKS_HEADTAIL)
		return CG_E_CORRUPT;
	for (i = 0; i < n; i++)
	{
		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		*bad = i;
		if (isnan(x[i]) || (w && isnan(w[i])))
			return CG_E_NAN;
		if (!isfinite(x[i]) || (w && !isfinite(w[i])))
			return CG_E_INFINITE;
		if (w && w[i] < 0.0)
			return CG_E_NEGATIVE;
		v[i].x = x[i];
		v[i].w = w ? w[i] : 1.0;
		mxx = fmax(mxx, fabs(x[i]));
		mxw = fmax(mxw, v[i].w);
	}
	if (n == 0)
		return CG_OK;
	/*
	 * Values or weights near the ends of the range of double: brought near 1
	 * by powers of 2 (exact), so that no sum, square or difference overflows.
	 * The breaks scale with the values (undone on the bounds at the end) and
	 * do not depend on the scale of the weights.
	 */
	if (mxx > 0x1p500)
		(void) frexp(mxx, &ex);
	if (mxw > 0x1p500 || (mxw > 0.0 && mxw < 0x1p-500))
		(void) frexp(mxw, &ew);
	for (i = 0; i < n; i++)
	{
		if (ex != 0 || ew != 0)
		{
			v[i].x = ldexp(v[i].x, -ex);
			v[i].w = ldexp(v[i].w, -ew);
		}
		cg_psum_add(&th, &tl, v[i].w);
	}
	total = cg_nsum_value(th, tl);
	if (!(total > 0.0))
		return CG_E_NONPOSITIVE;
	{
		/* the radix sort of the distribution family (cancel-aware, O(n)), by x */
		cg_pair_chunk c;
		const double *sorted;
		cg_status	st;

		c.v = (double *) v;
		c.n = n;
		sorted = cg_sort_rows(&c, 1, n, 2, scratch + 4 * n, &st);
		if (sorted == NULL)
			return st;
		if (sorted != (const double *) v)
			memcpy(v, sorted, n * sizeof(xw));
	}
	for (i = 0; i < n; i++)
	{
		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		if (nd == 0 || v[i].x != dx[nd - 1])
		{
			dx[nd] = v[i].x;
			dw[nd++] = 0.0;
		}
		dw[nd - 1] += v[i].w;
		cg_nsum_add(&mh, &ml, v[i].w * v[i].x);
	}
	mean = cg_nsum_value(mh, ml) / total;
	if (nd >= ((size_t) 1 << 32) || k > ((size_t) 1 << 16))
		return CG_E_TOO_LARGE;	/* Fisher-Jenks keeps class starts as uint32_t */

	if (k >= nd && method != CG_BREAKS_HEADTAIL)
	{
		for (i = 0; i < nd; i++)
			bounds[i] = dx[i];
		kk = nd;
	}
	else
		switch (method)
		{
			case CG_BREAKS_EQUAL:
				{
					double		lo = dx[0],
								range = dx[nd - 1] - dx[0];

					for (i = 0; i < k; i++)
						bounds[i] = i + 1 == k ? dx[nd - 1] : lo + range * (double) (i + 1) / (double) k;
					kk = k;
					break;
				}
			case CG_BREAKS_QUANTILE:
				for (i = 0; i < k; i++)
				{
					double		p = (double) (i + 1) / (double) k,
								q;

					if (w == NULL)
					{
						/* numpy's linear interpolation over all n sorted values */
						double		h = p * (double) (n - 1);
						size_t		f = (size_t) floor(h);

						q = f + 1 < n ? v[f].x + (h - (double) f) * (v[f + 1].x - v[f].x) : v[n - 1].x;
					}
					else
					{
						/* the smallest value whose cumulative weight reaches p W */
						double		ch = 0.0,
									cl = 0.0,
									target = p * total;
						size_t		t;

						q = dx[nd - 1];
						for (t = 0; t < nd; t++)
						{
							cg_psum_add(&ch, &cl, dw[t]);
							if (cg_nsum_value(ch, cl) >= target * (1.0 - 1e-15))
							{
								q = dx[t];
								break;
							}
						}
					}
					bounds[kk++] = q;
				}
				break;
			case CG_BREAKS_HEADTAIL:
				{
					/* means of the head (values above the last mean) until one distinct value is left */
					size_t		start = 0;

					while (kk < 64)
					{
						double		sh = 0.0,
									sl = 0.0,
									ww = 0.0,
									wl = 0.0,
									m;
						size_t		t;

						for (t = start; t < nd; t++)
						{
							cg_nsum_add(&sh, &sl, dw[t] * dx[t]);
							cg_psum_add(&ww, &wl, dw[t]);
						}
						if (!(cg_nsum_value(ww, wl) > 0.0))
							break;	/* a head of weight 0 has no mean: the maximum closes below */
						m = cg_nsum_value(sh, sl) / cg_nsum_value(ww, wl);
						bounds[kk++] = m;
						if (start + 1 >= nd)
							break;
						while (start < nd && dx[start] <= m)
							start++;
						if (start >= nd)
							break;
					}
					if (bounds[kk - 1] < dx[nd - 1] && kk < 64)
						bounds[kk++] = dx[nd - 1];
					break;
				}
			case CG_BREAKS_FISHER:
				{
					prefix		p;
					double	   *prev,
							   *cur,
								shift = dx[nd / 2];
					size_t		m,
								end;

					p.wh = scratch + 4 * n;
					p.wl = scratch + 5 * n;
					p.s1h = scratch + 6 * n;
					p.s1l = scratch + 7 * n;
					p.s2h = scratch + 8 * n;
					p.s2l = scratch + 9 * n;
					prev = scratch;	/* the sorted pairs are done with: reuse their room */
					cur = scratch + nd;
					{
						double		a = 0.0,
									al = 0.0,
									b = 0.0,
									bl = 0.0,
									c = 0.0,
									cl = 0.0;

						for (i = 0; i < nd; i++)
						{
							double		d = dx[i] - shift;

							cg_psum_add(&a, &al, dw[i]);
							cg_nsum_add(&b, &bl, dw[i] * d);
							cg_psum_add(&c, &cl, dw[i] * (d * d));
							p.wh[i] = a;
							p.wl[i] = al;
							p.s1h[i] = b;
							p.s1l[i] = bl;
							p.s2h[i] = c;
							p.s2l[i] = cl;
						}
					}
					for (i = 0; i < nd; i++)
						prev[i] = ssq(&p, 0, i);
					for (m = 1; m < k; m++)
					{
						double	   *t;

						if (cg_cancel_hook != NULL && cg_cancel_hook())
							return CG_E_CANCELED;
						layer(&p, prev, cur, uscratch + m * nd, m, m, nd - 1, m, nd - 1);
						t = prev;
						prev = cur;
						cur = t;
					}
					/* back from the last end: class m covers distinct values arg[m][end] .. end */
					end = nd - 1;
					for (m = k; m-- > 0;)
					{
						bounds[m] = dx[end];
						if (m > 0)
							end = uscratch[m * nd + end] - 1;
					}
					kk = k;
					break;
				}
		}
	/* the last bound is the maximum, always (a weighted quantile stops at the last positive weight) */
	if (method == CG_BREAKS_QUANTILE && kk > 0)
		bounds[kk - 1] = dx[nd - 1];
	if (kk > 0 && bounds[kk - 1] < dx[nd - 1] && kk < 64)
		bounds[kk++] = dx[nd - 1];
	/* collapse duplicate bounds */
	{
		size_t		o = 0;

		for (i = 0; i < kk; i++)
			if (o == 0 || bounds[i] > bounds[o - 1])
				bounds[o++] = bounds[i];
		kk = o;
	}
	/* counts and the goodness of variance fit */
	{
		double	   *ch = scratch + 4 * n,	/* per class: sum w, sum w x (compensated) */
				   *cw = ch + kk,
				   *cs = cw + kk,
				   *cl = cs + kk;

		memset(ch, 0, 4 * kk * sizeof(double));
		for (i = 0; i < kk; i++)
			counts[i] = 0;
		for (i = 0; i < n; i++)
		{
			double		xi = ldexp(x[i], -ex),
						wi = ldexp(w ? w[i] : 1.0, -ew);
			size_t		c = cg_class_of(bounds, kk, xi);

			counts[c]++;
			cg_psum_add(&ch[c], &cw[c], wi);
			cg_nsum_add(&cs[c], &cl[c], wi * xi);
			cg_psum_add(&sdam_h, &sdam_l, wi * (xi - mean) * (xi - mean));
		}
		{
			double		dh = 0.0,
						dl = 0.0;

			for (i = 0; i < n; i++)
			{
				double		xi = ldexp(x[i], -ex),
							wi = ldexp(w ? w[i] : 1.0, -ew);
				size_t		c = cg_class_of(bounds, kk, xi);
				double		cm,
							d;

				if (!(wi > 0.0))
					continue;	/* a weight of 0 adds nothing (and its class may weigh 0) */
				cm = cg_nsum_value(cs[c], cl[c]) / cg_nsum_value(ch[c], cw[c]);
				d = xi - cm;
				cg_psum_add(&dh, &dl, wi * d * d);
			}
			sdcm = cg_nsum_value(dh, dl);
		}
		{
			double		sdam = cg_nsum_value(sdam_h, sdam_l);

			*gvf = sdam > 0.0 ? 1.0 - sdcm / sdam : NAN;
		}
	}
	for (i = 0; i < kk; i++)
		bounds[i] = ldexp(bounds[i], ex);
	*k_out = kk;
	return CG_OK;
}
