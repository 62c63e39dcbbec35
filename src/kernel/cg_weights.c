/*
 * cg_weights.c — spatial weights as compressed rows: build and check,
 * transform (B, R, C, U, S as in spdep's nb2listw), summarize.
 */
#include "cg_weights.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <math.h>
#include <string.h>

/* Sort the pairs (col, w) of one row by col: insertion sort, or heapsort for long rows. */
static void
sift_down(uint32_t *c, double *w, size_t start, size_t end)
{
	size_t		root = start;

	while (2 * root + 1 <= end)
	{
		size_t		child = 2 * root + 1;

		if (child + 1 <= end && c[child] < c[child + 1])
			child++;
		if (c[root] >= c[child])
			return;
		{
			uint32_t	tc = c[root];
			double		tw = w[root];

			c[root] = c[child];
			w[root] = w[child];
			c[child] = tc;
			w[child] = tw;
		}
		root = child;
	}
}

static void
sort_row(uint32_t *c, double *w, size_t d)
{
	size_t		i;

	if (d < 2)
		return;
	if (d <= 32)
	{
		for (i = 1; i < d; i++)
		{
			uint32_t	kc = c[i];
			double		kw = w[i];
			size_t		j = i;

			for (; j > 0 && c[j - 1] > kc; j--)
			{
				c[j] = c[j - 1];
				w[j] = w[j - 1];
			}
			c[j] = kc;
			w[j] = kw;
		}
		return;
	}
	for (i = d / 2; i-- > 0;)
		sift_down(c, w, i, d - 1);
	for (i = d - 1; i > 0; i--)
	{
		uint32_t	tc = c[0];
		double		tw = w[0];

		c[0] = c[i];
		w[0] = w[i];
		c[i] = tc;
		w[i] = tw;
		sift_down(c, w, 0, i - 1);
	}
}

cg_status
cg_weights_build(size_t n, size_t m, const uint32_t *li, const uint32_t *lj,
				 const double *lw, int allow_self, cg_weights *wt, size_t *bad)
{
	size_t		k,
				i;

	*bad = 0;
	for (k = 0; k < m; k++)
	{
		*bad = k;
		if (cg_cancel_due(k + 1))
			return CG_E_CANCELED;
		if (li[k] >= n || lj[k] >= n)
			return CG_E_CORRUPT;	/* the glue maps ids to indices below n */
		if (isnan(lw[k]))
			return CG_E_NAN;
		if (isinf(lw[k]))
			return CG_E_INFINITE;
		if (lw[k] < 0.0)
			return CG_E_NEGATIVE;
		if (li[k] == lj[k] && !allow_self)
			return CG_E_SELF_LINK;
	}
	wt->n = n;
	wt->m = m;
	/* counting sort by row: counts in row[i + 1], then starts, then place */
	memset(wt->row, 0, (n + 1) * sizeof(size_t));
	for (k = 0; k < m; k++)
		wt->row[li[k] + 1]++;
	for (i = 0; i < n; i++)
		wt->row[i + 1] += wt->row[i];
	for (k = 0; k < m; k++)
	{
		size_t		p = wt->row[li[k]]++;

		wt->col[p] = lj[k];
		wt->w[p] = lw[k];
	}
	for (i = n; i > 0; i--)
		wt->row[i] = wt->row[i - 1];
	wt->row[0] = 0;
	/* each row by neighbour; a neighbour twice is a duplicate link */
	for (i = 0; i < n; i++)
	{
		size_t		a = wt->row[i],
					d = wt->row[i + 1] - a,
					p;

		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		sort_row(wt->col + a, wt->w + a, d);
		for (p = a + 1; p < a + d; p++)
			if (wt->col[p] == wt->col[p - 1])
			{
				/* name the link that repeats: the second (i, j) in the input */
				int			seen = 0;

				for (k = 0; k < m; k++)
					if (li[k] == i && lj[k] == wt->col[p] && seen++)
					{
						*bad = k;
						break;
					}
				return CG_E_DUPLICATE;
			}
	}
	*bad = 0;
	return CG_OK;
}

cg_status
cg_weights_transform(cg_weights *wt, char style)
{
	size_t		i,
				p;
	double		hi = 0.0,
				lo = 0.0,
				total,
				f;

	if (style != 'B' && style != 'R' && style != 'S' && style != 'C' && style != 'U')
		return CG_E_CORRUPT;
	if (style != 'B')
	{
		/*
		 * R, S, C and U do not depend on the scale of the weights: weights
		 * near the ends of the range of double are first brought near 1 by
		 * a power of 2 (exact), so that no sum overflows or underflows.
		 */
		double		mx = 0.0;
		int			e;

		for (p = 0; p < wt->m; p++)
			mx = wt->w[p] > mx ? wt->w[p] : mx;
		if (mx > 0x1p500 || (mx > 0.0 && mx < 0x1p-500))
		{
			(void) frexp(mx, &e);
			for (p = 0; p < wt->m; p++)
				wt->w[p] = ldexp(wt->w[p], -e);
		}
	}
	switch (style)
	{
		case 'B':
			for (p = 0; p < wt->m; p++)
				wt->w[p] = 1.0;
			return CG_OK;
		case 'R':
		case 'S':
			for (i = 0; i < wt->n; i++)
			{
				double		rh = 0.0,
							rl = 0.0,
							r;

				if (wt->row[i + 1] == wt->row[i])
					continue;	/* an island stays empty */
				for (p = wt->row[i]; p < wt->row[i + 1]; p++)
					cg_psum_add(&rh, &rl, style == 'R' ? wt->w[p] : wt->w[p] * wt->w[p]);
				r = cg_nsum_value(rh, rl);
				if (!(r > 0.0))
					return CG_E_NONPOSITIVE;
				r = style == 'R' ? r : sqrt(r);
				for (p = wt->row[i]; p < wt->row[i + 1]; p++)
					wt->w[p] /= r;
			}
			if (style == 'R')
				return CG_OK;
			/* S: the rows scaled by 1 / sqrt(sum of squares), then all to n */
			/* FALLTHROUGH */
		case 'C':
		case 'U':
			for (p = 0; p < wt->m; p++)
				cg_psum_add(&hi, &lo, wt->w[p]);
			total = cg_nsum_value(hi, lo);
			if (!(total > 0.0))
				return CG_E_NONPOSITIVE;
			f = (style == 'U' ? 1.0 : (double) wt->n) / total;
			for (p = 0; p < wt->m; p++)
				wt->w[p] *= f;
			return CG_OK;
	}
	return CG_E_CORRUPT;
}

/* The weight of link (i, j), 0 if absent (binary search in row i). */
static double
link_weight(const cg_weights *wt, uint32_t i, uint32_t j, int *present)
{
	size_t		a = wt->row[i],
				b = wt->row[i + 1];

	while (a < b)
	{
		size_t		mid = a + (b - a) / 2;

		if (wt->col[mid] < j)
			a = mid + 1;
		else
			b = mid;
	}
	*present = a < wt->row[i + 1] && wt->col[a] == j;
	return *present ? wt->w[a] : 0.0;
}

/* Union-find root with path halving. */
static uint32_t
find_root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x)
	{
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

cg_status
cg_weights_summarize(const cg_weights *wt, double *scratch, uint32_t *parent,
					 cg_weights_summary *out)
{
	double		s0h = 0.0,
				s0l = 0.0,
				s1h = 0.0,
				s1l = 0.0,
				s2h = 0.0,
				s2l = 0.0,
			   *rowsum = scratch,
			   *colsum = scratch + wt->n;
	size_t		i,
				p;

	memset(out, 0, sizeof(*out));
	memset(scratch, 0, 2 * wt->n * sizeof(double));
	for (i = 0; i < wt->n; i++)
		parent[i] = (uint32_t) i;
	out->min_neighbours = wt->n > 0 ? SIZE_MAX : 0;
	for (i = 0; i < wt->n; i++)
	{
		size_t		d = wt->row[i + 1] - wt->row[i];

		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		out->min_neighbours = d < out->min_neighbours ? d : out->min_neighbours;
		out->max_neighbours = d > out->max_neighbours ? d : out->max_neighbours;
		for (p = wt->row[i]; p < wt->row[i + 1]; p++)
		{
			uint32_t	j = wt->col[p];
			int			present;
			double		a = wt->w[p],
						b = link_weight(wt, j, (uint32_t) i, &present);

			cg_psum_add(&s0h, &s0l, a);
			/* 1/2 sum over ordered pairs of (w_ij + w_ji)^2: a pair with one link counts twice */
			cg_psum_add(&s1h, &s1l, (a + b) * (a + b));
			if (!present)
				cg_psum_add(&s1h, &s1l, a * a);
			if (!present || b != a)
				out->asymmetric++;
			rowsum[i] += a;
			colsum[j] += a;
			{
				uint32_t	ri = find_root(parent, (uint32_t) i),
							rj = find_root(parent, j);

				if (ri != rj)
					parent[ri] = rj;
			}
		}
	}
	for (i = 0; i < wt->n; i++)
	{
		double		t = rowsum[i] + colsum[i];

		cg_psum_add(&s2h, &s2l, t * t);
		if (find_root(parent, (uint32_t) i) == i)
			out->components++;
	}
	/* islands: no link out and no link in (links of weight 0 count as links) */
	{
		size_t		isl = 0;

		for (i = 0; i < wt->n; i++)
			colsum[i] = 0.0;
		for (p = 0; p < wt->m; p++)
			colsum[wt->col[p]] = 1.0;
		for (i = 0; i < wt->n; i++)
			isl += wt->row[i + 1] == wt->row[i] && colsum[i] == 0.0;
		out->islands = isl;
	}
	out->s0 = cg_nsum_value(s0h, s0l);
	out->s1 = 0.5 * cg_nsum_value(s1h, s1l);
	out->s2 = cg_nsum_value(s2h, s2l);
	out->mean_neighbours = wt->n > 0 ? (double) wt->m / (double) wt->n : 0.0;
	return CG_OK;
}
