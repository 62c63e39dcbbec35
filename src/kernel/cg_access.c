/*
 * cg_access.c — the floating-catchment family (cg_access.h).
 */
#include "cg_access.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <math.h>
#include <string.h>

double
cg_fca_weight(const cg_fca_params *p, double d)
{
	size_t		z;

	if (!(d <= p->d0))
		return 0.0;
	switch (p->method)
	{
		case CG_FCA_2SFCA:
			return 1.0;
		case CG_FCA_G2SFCA:
			{
				double		e = exp(-0.5);

				if (isinf(p->d0))
					return 1.0;
				return (exp(-0.5 * (d / p->d0) * (d / p->d0)) - e) / (1.0 - e);
			}
		case CG_FCA_E2SFCA:
		case CG_FCA_3SFCA:
			for (z = 0; z < p->nzones; z++)
				if (d <= p->zone_upper[z])
					return p->zone_weight[z];
			return 0.0;
	}
	return 0.0;
}

cg_status
cg_fca_check(const cg_fca_params *p)
{
	size_t		z;

	if (isnan(p->d0) || !(p->d0 > 0.0))
		return CG_E_CORRUPT;
	if (p->method < CG_FCA_2SFCA || p->method > CG_FCA_3SFCA)
		return CG_E_CORRUPT;
	if (p->method == CG_FCA_G2SFCA && isinf(p->d0))
		return CG_E_CORRUPT;	/* the Gaussian needs a finite d0 */
	if (p->method == CG_FCA_E2SFCA || p->method == CG_FCA_3SFCA)
	{
		if (p->nzones == 0)
			return CG_E_CORRUPT;
		for (z = 0; z < p->nzones; z++)
			if (!isfinite(p->zone_upper[z]) || !(p->zone_upper[z] > (z ? p->zone_upper[z - 1] : 0.0)) ||
				!(p->zone_weight[z] >= 0.0 && p->zone_weight[z] <= 1.0))
				return CG_E_CORRUPT;
	}
	return CG_OK;
}

static cg_status
check_amounts(size_t n, const double *v, size_t *bad)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		*bad = i;
		if (isnan(v[i]))
			return CG_E_NAN;
		if (!isfinite(v[i]))
			return CG_E_INFINITE;
		if (v[i] < 0.0)
			return CG_E_NEGATIVE;
	}
	return CG_OK;
}

cg_status
cg_fca_run(const cg_fca_params *p, size_t nd, const double *P, size_t ns, const double *S,
		   cg_fca_pairs_fn pairs, void *ctx, double *scratch, cg_fca_out *out, size_t *bad)
{
	double	   *wsum = scratch;		/* 3SFCA: sum_j W(d_ij) of demand point i */
	size_t		i,
				t;
	cg_status	st;
	int			select = p->method == CG_FCA_3SFCA;

	if ((st = cg_fca_check(p)) != CG_OK)
		return st;
	if ((st = check_amounts(nd, P, bad)) != CG_OK)
		return st;
	if ((st = check_amounts(ns, S, bad)) != CG_OK)
	{
		*bad += nd;				/* a supply site: nd + its index */
		return st;
	}
	memset(out->demand_seen, 0, ns * sizeof(double));
	memset(out->points, 0, ns * sizeof(uint32_t));
	/* pass 0 (3SFCA): each demand point's total weight */
	if (select)
		for (i = 0; i < nd; i++)
		{
			const uint32_t *j;
			const double *d;
			size_t		k = pairs(ctx, i, &j, &d);
			double		s = 0.0;

			if ((i & 255) == 0 && cg_cancel_hook != NULL && cg_cancel_hook())
				return CG_E_CANCELED;
			for (t = 0; t < k; t++)
				s += cg_fca_weight(p, d[t]);
			wsum[i] = s;
		}
	/* pass 1: the demand each site sees */
	for (i = 0; i < nd; i++)
	{
		const uint32_t *j;
		const double *d;
		size_t		k;

		if ((i & 255) == 0 && cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		k = pairs(ctx, i, &j, &d);
		for (t = 0; t < k; t++)
		{
			double		w = cg_fca_weight(p, d[t]);

			if (w > 0.0)
			{
				double		g = select ? w / wsum[i] : 1.0;

				out->demand_seen[j[t]] += g * w * P[i];
				out->points[j[t]]++;
			}
		}
	}
	for (t = 0; t < ns; t++)
	{
		out->ratio[t] = out->demand_seen[t] > 0.0 ? S[t] / out->demand_seen[t] : 0.0;
		if (!isfinite(out->ratio[t]))
			return CG_E_OVERFLOW;
	}
	/* pass 2: each demand point's access */
	for (i = 0; i < nd; i++)
	{
		const uint32_t *j;
		const double *d;
		size_t		k;
		double		a = 0.0,
					sup = 0.0;
		uint32_t	sites = 0;

		if ((i & 255) == 0 && cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		k = pairs(ctx, i, &j, &d);
		for (t = 0; t < k; t++)
		{
			double		w = cg_fca_weight(p, d[t]);

			if (w > 0.0)
			{
				double		g = select ? w / wsum[i] : 1.0;

				a += g * w * out->ratio[j[t]];
				sup += S[j[t]];
				sites++;
			}
		}
		out->access[i] = a;
		out->sites[i] = sites;
		out->supply_in_reach[i] = sup;
	}
	return CG_OK;
}

size_t
cg_fca_coords_pairs(void *ctx, size_t i, const uint32_t **j, const double **d)
{
	cg_fca_coords *c = (cg_fca_coords *) ctx;
	size_t		k = cg_kdtree_within_point(c->supply, c->dlon[i], c->dlat[i], c->max_km,
										   c->membership_only ? 2 : 1, c->buf_j, c->buf_d, c->supply->n);

	*j = c->buf_j;
	*d = c->buf_d;
	return k;
}

size_t
cg_fca_table_pairs(void *ctx, size_t i, const uint32_t **j, const double **d)
{
	cg_fca_table *t = (cg_fca_table *) ctx;

	*j = t->col + t->row[i];
	*d = t->cost + t->row[i];
	return t->row[i + 1] - t->row[i];
}
