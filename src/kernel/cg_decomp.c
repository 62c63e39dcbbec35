/*
 * cg_decomp.c — Theil decomposition by groups, from per-group sums relative
 * to a shared pivot K (see cg_decomp.h).  With d = S / W, mu / K = 1 + d:
 *   T = FT / (W (1 + d)) - ln(1 + d)      L = ln(1 + d) - FL / W
 * and a group's mean is K (1 + d_g).
 */
#include "cg_decomp.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <float.h>
#include <math.h>
#include <string.h>

void
cg_theil_group_add(cg_theil_group *g, double k, double x, double w)
{
	double		r = x / k,
				lr = log(r);

	g->n += 1.0;
	cg_psum_add(&g->w[0], &g->w[1], w);
	cg_nsum_add(&g->s[0], &g->s[1], w * (r - 1.0));
	cg_nsum_add(&g->ft[0], &g->ft[1], w * r * lr);
	cg_nsum_add(&g->fl[0], &g->fl[1], w * lr);
}

void
cg_theil_group_repivot(cg_theil_group *g, double from_k, double to_k)
{
	double		w = cg_nsum_value(g->w[0], g->w[1]),
				s = cg_nsum_value(g->s[0], g->s[1]),
				c,
				lc;

	if (from_k == to_k)
		return;
	/* r' = c r with c = from_k / to_k; ln r' = ln r + ln c */
	c = from_k / to_k;
	lc = log(from_k) - log(to_k);
	g->ft[0] = c * (cg_nsum_value(g->ft[0], g->ft[1]) + lc * (s + w));
	g->ft[1] = 0.0;
	g->fl[0] = cg_nsum_value(g->fl[0], g->fl[1]) + lc * w;
	g->fl[1] = 0.0;
	g->s[0] = c * s + (c - 1.0) * w;
	g->s[1] = 0.0;
}

void
cg_theil_group_scale(cg_theil_group *g, int e)
{
	double	   *v[8] = {&g->w[0], &g->w[1], &g->s[0], &g->s[1],
	&g->ft[0], &g->ft[1], &g->fl[0], &g->fl[1]};
	int			i;

	for (i = 0; i < 8; i++)
		*v[i] = ldexp(*v[i], e);
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

int
cg_theil_group_valid(const cg_theil_group *g)
{
	double		w = cg_nsum_value(g->w[0], g->w[1]);

	/* W = 0 only by underflow against a far larger scale: decompose says so */
	return cg_is_count(g->n) && g->n >= 1.0 && isfinite(w) && w >= 0.0 &&
		isfinite(g->w[1]) && isfinite(g->s[0]) && isfinite(g->s[1]) &&
		isfinite(g->ft[0]) && isfinite(g->ft[1]) && isfinite(g->fl[0]) && isfinite(g->fl[1]) &&
		(w == 0.0 || cg_nsum_value(g->s[0], g->s[1]) / w > -1.0);	/* the mean is > 0 */
}

/* ln(1 + d) (d = mean / K - 1), Theil T and L of sums relative to K. */
static void
theil_of(double w, double s, double ft, double fl, double *d, double *l1d,
		 double *t, double *l)
{
	*d = s / w;
	*l1d = log1p(*d);
	*t = ft / (w * (1.0 + *d)) - *l1d;
	*l = *l1d - fl / w;
	/* both are >= 0 (Jensen): no rounding below 0 */
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
				d,
				l1d;
	size_t		i;

	memset(out, 0, sizeof(*out));
	if (!(k > 0.0) || !isfinite(k))
		return CG_E_CORRUPT;
	for (i = 0; i < ng; i++)
	{
		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		cg_nsum_merge(&w_hi, &w_lo, g[i].w[0], g[i].w[1]);
		cg_nsum_merge(&s_hi, &s_lo, g[i].s[0], g[i].s[1]);
		cg_nsum_merge(&ft_hi, &ft_lo, g[i].ft[0], g[i].ft[1]);
		cg_nsum_merge(&fl_hi, &fl_lo, g[i].fl[0], g[i].fl[1]);
	}
	w = cg_nsum_value(w_hi, w_lo);
	if (!isfinite(w) || !isfinite(s_hi) || !isfinite(ft_hi) || !isfinite(fl_hi))
		return CG_E_OVERFLOW;
	if (!(w > 0.0))
		return CG_E_CORRUPT;
	theil_of(w, cg_nsum_value(s_hi, s_lo), cg_nsum_value(ft_hi, ft_lo),
			 cg_nsum_value(fl_hi, fl_lo), &d, &l1d, &out->t, &out->l);
	for (i = 0; i < ng; i++)
	{
		double		wg = cg_nsum_value(g[i].w[0], g[i].w[1]),
					dg,
					l1dg,
					tg,
					lg,
					pg,
					sg,
					lmu;

		if (cg_cancel_due(i + 1))
			return CG_E_CANCELED;
		/* a group whose scaled weight is not a normal number lost its digits */
		if (!(wg >= DBL_MIN))
			return CG_E_OVERFLOW;
		theil_of(wg, cg_nsum_value(g[i].s[0], g[i].s[1]), cg_nsum_value(g[i].ft[0], g[i].ft[1]),
				 cg_nsum_value(g[i].fl[0], g[i].fl[1]), &dg, &l1dg, &tg, &lg);
		pg = wg / w;
		sg = pg * (1.0 + dg) / (1.0 + d);
		lmu = l1dg - l1d;		/* ln(mu_g / mu) */
		cg_nsum_add(&tw_hi, &tw_lo, sg * tg);
		cg_nsum_add(&tb_hi, &tb_lo, sg * lmu);
		cg_nsum_add(&lw_hi, &lw_lo, pg * lg);
		cg_nsum_add(&lb_hi, &lb_lo, -pg * lmu);
		if (gout)
		{
			gout[i].weight_share = pg;
			gout[i].value_share = sg;
			gout[i].mean = k * (1.0 + dg);
			gout[i].t = tg;
			gout[i].l = lg;
		}
	}
	out->t_within = cg_nsum_value(tw_hi, tw_lo);
	out->t_between = cg_nsum_value(tb_hi, tb_lo);
	out->l_within = cg_nsum_value(lw_hi, lw_lo);
	out->l_between = cg_nsum_value(lb_hi, lb_lo);
	if (out->t_between < 0.0)
		out->t_between = 0.0;
	if (out->l_between < 0.0)
		out->l_between = 0.0;
	return CG_OK;
}
