/*
 * cg_composite.c — composite index and its rank uncertainty (cg_composite.h).
 */
#include "cg_composite.h"
#include "cg_cancel.h"
#include "cg_spatial.h"			/* cg_rng_u64 */
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct sv
{
	double		v;
	size_t		i;
} sv;

static int
cmp_sv_asc(const void *a, const void *b)
{
	const sv   *x = a,
			   *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->i < y->i ? -1 : (x->i > y->i);
}

static int
cmp_sv_desc(const void *a, const void *b)
{
	return -cmp_sv_asc(a, b);
}

/*
 * The power of 2 that brings indicator j (with its goalposts or target)
 * near 1 when its largest magnitude is beyond 2^500: every normalization is
 * unchanged by a common scale, and so no difference, sum or square of the
 * values overflows.  1 otherwise (the values are then used as given).
 */
static double
col_scale(const cg_composite_spec *sp, cg_norm norm, size_t j)
{
	double		m = 0.0;
	size_t		i;
	int			e;

	for (i = 0; i < sp->n; i++)
		m = fmax(m, fabs(sp->x[i * sp->p + j]));
	if (norm == CG_NORM_GOALPOSTS)
		m = fmax(m, fmax(fabs(sp->lo[j]), fabs(sp->hi[j])));
	if (norm == CG_NORM_TARGET)
		m = fmax(m, fabs(sp->hi[j]));
	if (!(m > 0x1p500) || !isfinite(m))
		return 1.0;
	(void) frexp(m, &e);
	return ldexp(1.0, -e);
}

/* s (n x p): the normalized values */
static cg_status
normalize(const cg_composite_spec *sp, cg_norm norm, double *s, sv *tmp)
{
	size_t		n = sp->n,
				p = sp->p,
				i,
				j;

	for (j = 0; j < p; j++)
	{
		double		mn = INFINITY,
					mx = -INFINITY,
					mh = 0,
					ml = 0,
					mean,
					dh = 0,
					dl = 0,
					sd,
					f = col_scale(sp, norm, j),
					lo_j = 0.0,
					hi_j = 1.0;
		int			dir = sp->direction ? sp->direction[j] : 1;

		if (norm == CG_NORM_GOALPOSTS)
		{
			lo_j = sp->lo[j] * f;
			hi_j = sp->hi[j] * f;
		}
		else if (norm == CG_NORM_TARGET)
			hi_j = sp->hi[j] * f;
		for (i = 0; i < n; i++)
		{
			double		v = sp->x[i * p + j] * f;

			mn = v < mn ? v : mn;
			mx = v > mx ? v : mx;
			cg_nsum_add(&mh, &ml, v);
		}
		mean = cg_nsum_value(mh, ml) / (double) n;
		for (i = 0; i < n; i++)
			cg_psum_add(&dh, &dl, (sp->x[i * p + j] * f - mean) * (sp->x[i * p + j] * f - mean));
		sd = sqrt(cg_nsum_value(dh, dl) / (double) (n - 1));
		if (norm == CG_NORM_RANK)
		{
			for (i = 0; i < n; i++)
			{
				tmp[i].v = sp->x[i * p + j];
				tmp[i].i = i;
			}
			qsort(tmp, n, sizeof(sv), cmp_sv_asc);
			for (i = 0; i < n;)
			{
				size_t		e = i,
							t;
				double		r;

				while (e + 1 < n && tmp[e + 1].v == tmp[i].v)
					e++;
				r = 0.5 * ((double) i + (double) e);	/* average 0-based rank */
				for (t = i; t <= e; t++)
					s[tmp[t].i * p + j] = r / (double) (n - 1);
				i = e + 1;
			}
		}
		for (i = 0; i < n; i++)
		{
			double		v = sp->x[i * p + j] * f,
						r;

			switch (norm)
			{
				case CG_NORM_MINMAX:
					r = mx > mn ? (v - mn) / (mx - mn) : 0.0;
					break;
				case CG_NORM_ZSCORE:
					r = sd > 0.0 ? (v - mean) / sd : 0.0;
					break;
				case CG_NORM_RANK:
					r = s[i * p + j];
					break;
				case CG_NORM_GOALPOSTS:
					r = (v - lo_j) / (hi_j - lo_j);
					r = r < 0.0 ? 0.0 : (r > 1.0 ? 1.0 : r);
					break;
				case CG_NORM_TARGET:
					r = v / hi_j;
					break;
				default:
					return CG_E_CORRUPT;
			}
			if (dir < 0)
				r = norm == CG_NORM_ZSCORE || norm == CG_NORM_TARGET ? -r : 1.0 - r;
			s[i * p + j] = r;
		}
	}
	return CG_OK;
}

static cg_status
check(const cg_composite_spec *sp, size_t *bad)
{
	size_t		k,
				j;

	if (sp->n < 2 || sp->p < 1)
		return CG_E_CORRUPT;
	if (sp->norm < CG_NORM_MINMAX || sp->norm > CG_NORM_TARGET ||
		sp->wmode < CG_W_EQUAL || sp->wmode > CG_W_ENTROPY ||
		sp->agg < CG_AGG_ARITHMETIC || sp->agg > CG_AGG_GEOMETRIC ||
		(sp->agg == CG_AGG_GEOMETRIC && (sp->norm == CG_NORM_ZSCORE || sp->norm == CG_NORM_TARGET)))
		return CG_E_CORRUPT;
	for (k = 0; k < sp->n * sp->p; k++)
	{
		*bad = k;
		if (isnan(sp->x[k]))
			return CG_E_NAN;
		if (!isfinite(sp->x[k]))
			return CG_E_INFINITE;
	}
	for (j = 0; j < sp->p; j++)
	{
		*bad = j;
		if (sp->direction && sp->direction[j] != 1 && sp->direction[j] != -1)
			return CG_E_CORRUPT;
		if (sp->norm == CG_NORM_GOALPOSTS && !(sp->lo[j] < sp->hi[j] && isfinite(sp->lo[j]) && isfinite(sp->hi[j])))
			return CG_E_CORRUPT;
		if (sp->norm == CG_NORM_TARGET && !(sp->hi[j] > 0.0 && isfinite(sp->hi[j])))
			return CG_E_CORRUPT;
		if (sp->wmode == CG_W_GIVEN && (isnan(sp->w[j]) || !isfinite(sp->w[j])))
			return isnan(sp->w[j]) ? CG_E_NAN : CG_E_INFINITE;
		if (sp->wmode == CG_W_GIVEN && sp->w[j] < 0.0)
			return CG_E_NEGATIVE;
	}
	return CG_OK;
}

/* the weights, summing to 1 */
static cg_status
weights_of(const cg_composite_spec *sp, double *w, double *s_mm, sv *tmp)
{
	size_t		n = sp->n,
				p = sp->p,
				i,
				j;
	double		sum = 0.0;
	cg_status	st;

	for (j = 0; j < p; j++)
		w[j] = sp->wmode == CG_W_GIVEN ? sp->w[j] : 1.0;
	if (sp->wmode == CG_W_GIVEN)
	{
		/* given weights only matter relative to each other: near 1 by a power of 2 before the sum */
		double		m = 0.0;
		int			e;

		for (j = 0; j < p; j++)
			m = fmax(m, w[j]);
		if (m > 0.0 && isfinite(m))
		{
			(void) frexp(m, &e);
			for (j = 0; j < p; j++)
				w[j] = ldexp(w[j], -e);
		}
	}
	if (sp->wmode == CG_W_ENTROPY)
	{
		if ((st = normalize(sp, CG_NORM_MINMAX, s_mm, tmp)) != CG_OK)
			return st;
		for (j = 0; j < p; j++)
		{
			double		tot = 0.0,
						e = 0.0;

			for (i = 0; i < n; i++)
				tot += s_mm[i * p + j];
			if (!(tot > 0.0))
			{
				w[j] = 0.0;
				continue;
			}
			for (i = 0; i < n; i++)
			{
				double		q = s_mm[i * p + j] / tot;

				if (q > 0.0)
					e -= q * log(q);
			}
			w[j] = 1.0 - e / log((double) n);
			if (w[j] < 0.0)
				w[j] = 0.0;
		}
	}
	for (j = 0; j < p; j++)
		sum += w[j];
	if (!(sum > 0.0))
		return CG_E_NONPOSITIVE;
	for (j = 0; j < p; j++)
		w[j] /= sum;
	return CG_OK;
}

static void
scores(size_t n, size_t p, const double *s, const double *w, cg_agg agg, double *score)
{
	size_t		i,
				j;

	for (i = 0; i < n; i++)
	{
		double		a = 0.0;

		for (j = 0; j < p; j++)
			a += agg == CG_AGG_GEOMETRIC ? w[j] * log(1.0 + 99.0 * s[i * p + j]) : w[j] * s[i * p + j];
		score[i] = agg == CG_AGG_GEOMETRIC ? exp(a) : a;
	}
}

/* rank 1 for the largest score; ties share the smallest rank */
static void
ranks(size_t n, const double *score, double *rank, sv *tmp)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		tmp[i].v = score[i];
		tmp[i].i = i;
	}
	qsort(tmp, n, sizeof(sv), cmp_sv_desc);
	for (i = 0; i < n; i++)
		rank[tmp[i].i] = i > 0 && tmp[i].v == tmp[i - 1].v ? rank[tmp[i - 1].i] : (double) (i + 1);
}

cg_status
cg_composite(const cg_composite_spec *sp, double *weights, double *score, double *rank,
			 double *scratch, size_t *bad)
{
	double	   *s = scratch,
			   *s_mm = scratch + sp->n * sp->p;
	sv		   *tmp = (sv *) (scratch + 2 * sp->n * sp->p);
	cg_status	st;

	if ((st = check(sp, bad)) != CG_OK)
		return st;
	if ((st = weights_of(sp, weights, s_mm, tmp)) != CG_OK)
		return st;
	if ((st = normalize(sp, sp->norm, s, tmp)) != CG_OK)
		return st;
	scores(sp->n, sp->p, s, weights, sp->agg, score);
	ranks(sp->n, score, rank, tmp);
	return CG_OK;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	return x < y ? -1 : (x > y);
}

cg_status
cg_composite_mc(const cg_composite_spec *sp, uint64_t seed, size_t draws, double delta,
				int vary_agg, int vary_norm, double *rank_median, double *rank_lo,
				double *rank_hi, double *scratch, size_t *bad)
{
	size_t		n = sp->n,
				p = sp->p,
				i,
				j,
				d;
	double	   *s = scratch,
			   *s_mm = scratch + n * p,
			   *s_rank = scratch + 2 * n * p,	/* vary_norm: the rank-normalized values */
			   *score = scratch + 3 * n * p + 2 * n,	/* after tmp (2 n) */
			   *rk = score + n,
				w[64],
				w0[64];
	sv		   *tmp = (sv *) (scratch + 3 * n * p);
	uint32_t   *all = (uint32_t *) (rk + n);	/* n draws ranks */
	cg_status	st;

	if ((st = check(sp, bad)) != CG_OK)
		return st;
	if (n > UINT32_MAX || p > 64 || draws == 0 || !(delta >= 0.0 && delta <= 1.0) ||
		(vary_agg && !vary_norm && (sp->norm == CG_NORM_ZSCORE || sp->norm == CG_NORM_TARGET)))
		return CG_E_CORRUPT;
	if ((st = weights_of(sp, w0, s_mm, tmp)) != CG_OK)
		return st;
	if ((st = normalize(sp, vary_norm ? CG_NORM_MINMAX : sp->norm, s, tmp)) != CG_OK)
		return st;
	if (vary_norm && (st = normalize(sp, CG_NORM_RANK, s_rank, tmp)) != CG_OK)
		return st;
	for (d = 0; d < draws; d++)
	{
		double		sum = 0.0;
		cg_agg		agg = sp->agg;

		/* a draw scores and sorts n units: poll at every one */
		if (cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		for (j = 0; j < p; j++)
		{
			double		u = (double) (cg_rng_u64(seed, d, j) >> 11) / 9007199254740992.0;

			w[j] = w0[j] * (1.0 + delta * (2.0 * u - 1.0));
			sum += w[j];
		}
		if (!(sum > 0.0))
			return CG_E_NONPOSITIVE;
		for (j = 0; j < p; j++)
			w[j] /= sum;
		if (vary_agg)
			agg = cg_rng_u64(seed, d, p) < (UINT64_C(1) << 63) ? CG_AGG_GEOMETRIC : CG_AGG_ARITHMETIC;
		scores(n, p, vary_norm && cg_rng_u64(seed, d, p + 1) < (UINT64_C(1) << 63) ? s_rank : s, w, agg, score);
		ranks(n, score, rk, tmp);
		for (i = 0; i < n; i++)
			all[i * draws + d] = (uint32_t) rk[i];
	}
	for (i = 0; i < n; i++)
	{
		uint32_t   *a = all + i * draws;
		size_t		k5 = (size_t) ceil(0.05 * (double) draws),
					k95 = (size_t) ceil(0.95 * (double) draws),
					k50 = (size_t) ceil(0.5 * (double) draws);

		/* a unit's sort of up to 100,000 ranks: poll before each */
		if (cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		qsort(a, draws, sizeof(uint32_t), cmp_u32);
		rank_lo[i] = a[(k5 ? k5 : 1) - 1];
		rank_median[i] = a[(k50 ? k50 : 1) - 1];
		rank_hi[i] = a[(k95 ? k95 : 1) - 1];
	}
	return CG_OK;
}
