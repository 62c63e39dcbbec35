/*
 * cg_local.c — local Moran, Getis-Ord Gi / Gi*, conditional permutations,
 * the spatial lag and p-value adjustment (see cg_local.h for the formulas
 * and the random stream).
 */
#include "cg_local.h"
#include "cg_cancel.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* rows of up to SHORT_ROW neighbours check a new draw against those drawn */
#define SHORT_ROW 16

/* Was d drawn already (drawn[0..t))?  If not, it is added at drawn[t]. */
static inline int
seen_short(uint32_t *drawn, size_t t, uint32_t d)
{
	size_t		a;

	for (a = 0; a < t; a++)
		if (drawn[a] == d)
			return 1;
	drawn[t] = d;
	return 0;
}

static void
set_nan(cg_local_out *out, size_t i)
{
	out->stat[i] = out->lag[i] = out->expectation[i] = out->variance[i] = out->z[i] = NAN;
	out->p_sim[i] = NAN;
	if (out->quadrant)
		out->quadrant[i] = 0;
}

/* Sum of w_ij v_j over i's links other than to itself, in row order; *k their count. */
static inline double
row_lag(const cg_weights *wt, size_t i, const double *v, size_t *k)
{
	double		s = 0.0;
	size_t		q,
				d = 0;

	for (q = wt->row[i]; q < wt->row[i + 1]; q++)
		if (wt->col[q] != i)
		{
			s += wt->w[q] * v[wt->col[q]];
			d++;
		}
	*k = d;
	return s;
}

/* Lemire's draw below 'bound' from the next W-bit words of a stream of 64-bit values. */
typedef struct wordstream
{
	uint64_t	key;			/* h_0 */
	uint64_t	c;				/* index of the current value */
	uint64_t	bits;			/* the current value */
	int			left;			/* words left in it */
} wordstream;

static inline uint64_t
next_word16(wordstream *ws)
{
	if (ws->left == 0)
	{
		ws->bits = cg_rng_mix(ws->key ^ ++ws->c);
		ws->left = 4;
	}
	ws->left--;
	return (ws->bits >> (16 * ws->left)) & UINT64_C(0xFFFF);
}

static inline uint64_t
next_word32(wordstream *ws)
{
	if (ws->left == 0)
	{
		ws->bits = cg_rng_mix(ws->key ^ ++ws->c);
		ws->left = 2;
	}
	ws->left--;
	return (ws->bits >> (32 * ws->left)) & UINT64_C(0xFFFFFFFF);
}

/* The work areas of the permutations (cg_local.h gives the sizes). */
typedef struct permwork
{
	double	   *pv,				/* values in pool order */
			   *wrow,			/* a row's weights (complete) */
			   *obs,			/* observed lag */
			   *w0,				/* the common weight of an equal-weight row */
			   *ukh,			/* unit keys, mixed with the seed (bits, by memcpy) */
			   *tv;				/* tables: values */
	unsigned char *eq;
	uint32_t   *pos,
			   *pool,
			   *mark,
			   *kcnt,
			   *ge,
			   *le,
			   *tp;				/* tables: pool places */
} permwork;

/* The k-th draw loop of the complete method: see cg_local.h. */
static void
complete_unit(const cg_weights *wt, size_t i, const permwork *pw, const cg_perm *perm,
			  uint64_t b, uint64_t threshold, int narrow, uint32_t *epoch)
{
	size_t		q,
				q0 = wt->row[i],
				q1 = wt->row[i + 1],
				k = pw->kcnt[i];
	uint32_t	pi = pw->pos[i];
	uint64_t	r,
				ukey;
	int			eq = pw->eq[i];
	double	   *wrow = pw->wrow,
				w0 = pw->w0[i],
				obs = pw->obs[i];
	const double *pv = pw->pv;
	uint32_t   *mark = pw->mark,
				ge = 0,
				le = 0;

	memcpy(&ukey, &pw->ukh[i], sizeof(ukey));
	if (!eq)
		for (q = q0, k = 0; q < q1; q++)
			if (wt->col[q] != i)
				wrow[k++] = wt->w[q];
	for (r = 0; r < perm->replicates; r++)
	{
		uint64_t	base = cg_rng_mix(ukey ^ r),
					c = 0;
		size_t		t = 0;
		double		lag = 0.0;
		uint32_t	drawn[SHORT_ROW];

#define TRY_WORD(u, SHIFT, MASK, SEEN) \
		do { \
			uint64_t	prod_ = (u) * b; \
			if ((prod_ & (MASK)) >= threshold) \
			{ \
				uint64_t	d_ = prod_ >> (SHIFT); \
				d_ += d_ >= pi; \
				if (!SEEN(d_)) \
				{ \
					lag += eq ? pv[d_] : wrow[t] * pv[d_]; \
					t++; \
				} \
			} \
		} while (0)
#define SEEN_SHORT(d) seen_short(drawn, t, (uint32_t) (d))
#define SEEN_MARK(d) (mark[d] == *epoch ? 1 : (mark[d] = *epoch, 0))
#define DRAW_LOOP(SEEN) \
		do { \
			uint64_t	bits = base; \
			if (narrow) \
				for (;;) \
				{ \
					TRY_WORD(bits >> 48, 16, UINT64_C(0xFFFF), SEEN); \
					if (t == k) break; \
					TRY_WORD((bits >> 32) & UINT64_C(0xFFFF), 16, UINT64_C(0xFFFF), SEEN); \
					if (t == k) break; \
					TRY_WORD((bits >> 16) & UINT64_C(0xFFFF), 16, UINT64_C(0xFFFF), SEEN); \
					if (t == k) break; \
					TRY_WORD(bits & UINT64_C(0xFFFF), 16, UINT64_C(0xFFFF), SEEN); \
					if (t == k) break; \
					bits = cg_rng_mix(base ^ ++c); \
				} \
			else \
				for (;;) \
				{ \
					TRY_WORD(bits >> 32, 32, UINT64_C(0xFFFFFFFF), SEEN); \
					if (t == k) break; \
					TRY_WORD(bits & UINT64_C(0xFFFFFFFF), 32, UINT64_C(0xFFFFFFFF), SEEN); \
					if (t == k) break; \
					bits = cg_rng_mix(base ^ ++c); \
				} \
		} while (0)
		if (k <= SHORT_ROW)
			DRAW_LOOP(SEEN_SHORT);
		else
		{
			if (++*epoch == 0)
			{
				memset(mark, 0, wt->n * sizeof(uint32_t));
				*epoch = 1;
			}
			DRAW_LOOP(SEEN_MARK);
		}
#undef DRAW_LOOP
#undef SEEN_SHORT
#undef SEEN_MARK
#undef TRY_WORD
		if (eq)
			lag *= w0;
		ge += lag >= obs;
		le += lag <= obs;
	}
	pw->ge[i] = ge;
	pw->le[i] = le;
}

/*
 * The table method (cg_local.h): replicates in blocks of 4; for each, a
 * table of L distinct pool places drawn from the stream of (seed, r),
 * stored twice over so that a window never wraps; each unit reads its k
 * values from a window at an offset drawn from the stream of (seed, its key,
 * block).
 */
static void
table_block(const cg_weights *wt, const permwork *pw, const cg_perm *perm, uint64_t r0,
			size_t npool, size_t L, uint32_t *epoch)
{
	size_t		n = wt->n,
				i,
				j,
				l,
				nb = perm->replicates - r0 < 4 ? (size_t) (perm->replicates - r0) : 4;
	uint64_t	thr_pool = (UINT64_C(0x100000000) - npool) % npool,
				thr_l = (UINT64_C(0x10000) - L) % L,
				block = r0 / 4;

	/* the tables */
	for (j = 0; j < nb; j++)
	{
		wordstream	ws;
		double	   *tv = pw->tv + j * 2 * L;
		uint32_t   *tp = pw->tp + j * 2 * L;

		ws.key = cg_rng_u64(perm->seed, r0 + j, 0);
		ws.c = 0;
		ws.bits = ws.key;
		ws.left = 2;
		if (++*epoch == 0)
		{
			memset(pw->mark, 0, n * sizeof(uint32_t));
			*epoch = 1;
		}
		for (l = 0; l < L;)
		{
			uint64_t	prod = next_word32(&ws) * npool,
						d;

			if ((prod & UINT64_C(0xFFFFFFFF)) < thr_pool)
				continue;
			d = prod >> 32;
			if (pw->mark[d] == *epoch)
				continue;
			pw->mark[d] = *epoch;
			tp[l] = tp[l + L] = (uint32_t) d;
			tv[l] = tv[l + L] = pw->pv[d];
			l++;
		}
	}
	for (i = 0; i < n; i++)
	{
		size_t		k = pw->kcnt[i];
		uint32_t	pi = pw->pos[i];
		uint64_t	ukey;
		wordstream	ws;
		double		obs = pw->obs[i],
					w0 = pw->w0[i];
		int			eq = pw->eq[i];
		uint32_t	ge = 0,
					le = 0;

		if (k == 0)
			continue;
		memcpy(&ukey, &pw->ukh[i], sizeof(ukey));
		ws.key = cg_rng_mix(ukey ^ block);
		ws.c = 0;
		ws.bits = ws.key;
		ws.left = 4;
		for (j = 0; j < nb; j++)
		{
			const double *tv = pw->tv + j * 2 * L;
			const uint32_t *tp = pw->tp + j * 2 * L;
			uint64_t	prod;
			size_t		idx,
						t = 0;
			double		lag = 0.0;

			do
				prod = next_word16(&ws) * L;
			while ((prod & UINT64_C(0xFFFF)) < thr_l);
			idx = (size_t) (prod >> 16);
			if (eq)
			{
				for (; t < k; idx++)
					if (tp[idx] != pi)
					{
						lag += tv[idx];
						t++;
					}
				lag *= w0;
			}
			else
			{
				size_t		q = wt->row[i];

				for (; t < k; idx++)
					if (tp[idx] != pi)
					{
						while (wt->col[q] == i)
							q++;
						lag += wt->w[q++] * tv[idx];
						t++;
					}
			}
			ge += lag >= obs;
			le += lag <= obs;
		}
		pw->ge[i] += ge;
		pw->le[i] += le;
	}
}

/*
 * Conditional permutations of every unit with neighbours: p_sim[i] from the
 * counts of permuted lags of v at or beyond the observed one in the
 * direction dir[i] (+1: a larger lag is a larger statistic, -1: smaller, 0:
 * every replicate ties).  A row whose weights are all equal (styles B and R
 * on binary links) sums the values and scales once, observed and permuted
 * alike.  work: 14 n doubles, uwork: 14 n uint32_t.
 */
static cg_status
permute_local(const cg_weights *wt, const double *v, const signed char *dir,
			  const cg_perm *perm, double *work, uint32_t *uwork, double *p_sim)
{
	size_t		n = wt->n,
				i,
				q,
				npool = 0,
				kmax = 0,
				L;
	uint32_t	epoch = 0;
	uint64_t	b,
				threshold,
				seedkey,
				r;
	int			narrow;
	permwork	pw;

	pw.pv = work;
	pw.wrow = work + n;
	pw.obs = work + 2 * n;
	pw.w0 = work + 3 * n;
	pw.ukh = work + 4 * n;
	pw.eq = (unsigned char *) (work + 5 * n);
	pw.tv = work + 6 * n;		/* 8 L <= 8 n */
	pw.pos = uwork;
	pw.pool = uwork + n;
	pw.mark = uwork + 2 * n;
	pw.kcnt = uwork + 3 * n;
	pw.ge = uwork + 4 * n;
	pw.le = uwork + 5 * n;
	pw.tp = uwork + 6 * n;		/* 8 L <= 8 n */

	/* the pool: units with a link out or in (self-links aside), in unit order */
	memset(pw.pos, 0, n * sizeof(uint32_t));
	for (i = 0; i < n; i++)
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
			if (wt->col[q] != i)
			{
				pw.pos[i] = 1;
				pw.pos[wt->col[q]] = 1;
			}
	for (i = 0; i < n; i++)
	{
		int			in = pw.pos[i] != 0;

		pw.pos[i] = (uint32_t) npool;
		if (in)
		{
			pw.pv[npool] = v[i];
			pw.pool[npool++] = (uint32_t) i;
		}
	}
	memset(pw.mark, 0, n * sizeof(uint32_t));
	if (npool < 2)
		return CG_OK;
	seedkey = cg_rng_mix(perm->seed);

	/* per unit: neighbours, equal weights, the observed lag, the key */
	for (i = 0; i < n; i++)
	{
		size_t		k = 0;
		double		w0 = 0.0,
					obs = 0.0;
		int			eq = 1;
		uint64_t	ukh = cg_rng_mix(seedkey ^ perm->ukey[i]);

		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
			if (wt->col[q] != i)
			{
				if (k == 0)
					w0 = wt->w[q];
				else if (wt->w[q] != w0)
					eq = 0;
				k++;
			}
		if (k > npool - 1)
			return CG_E_CORRUPT;
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
			if (wt->col[q] != i)
				obs += eq ? v[wt->col[q]] : wt->w[q] * v[wt->col[q]];
		pw.kcnt[i] = (uint32_t) k;
		pw.eq[i] = (unsigned char) eq;
		pw.w0[i] = w0;
		pw.obs[i] = eq ? obs * w0 : obs;
		memcpy(&pw.ukh[i], &ukh, sizeof(ukh));
		pw.ge[i] = pw.le[i] = 0;
		kmax = k > kmax ? k : kmax;
	}

	if (perm->complete)
	{
		b = (uint64_t) npool - 1;
		narrow = b < 4096;
		threshold = ((narrow ? UINT64_C(0x10000) : UINT64_C(0x100000000)) - b) % b;
		for (i = 0; i < n; i++)
		{
			if (pw.kcnt[i] == 0)
				continue;
			if (cg_cancel_hook != NULL && cg_cancel_hook())
				return CG_E_CANCELED;
			complete_unit(wt, i, &pw, perm, b, threshold, narrow, &epoch);
		}
	}
	else
	{
		L = 2 * (kmax + 1) > 256 ? 2 * (kmax + 1) : 256;
		L = L < npool ? L : npool;
		if (L > 65535)
			return CG_E_TOO_LARGE;
		for (r = 0; r < perm->replicates; r += 4)
		{
			if ((r & 255) == 0 && cg_cancel_hook != NULL && cg_cancel_hook())
				return CG_E_CANCELED;
			table_block(wt, &pw, perm, r, npool, L, &epoch);
		}
	}
	for (i = 0; i < n; i++)
	{
		uint64_t	ge = pw.ge[i],
					le = pw.le[i];

		if (pw.kcnt[i] == 0)
			continue;
		if (dir[i] < 0)
		{
			uint64_t	t = ge;

			ge = le;
			le = t;
		}
		else if (dir[i] == 0)
			ge = le = perm->replicates;
		p_sim[i] = cg_pseudo_p(ge, le, perm->replicates, perm->alternative);
	}
	return CG_OK;
}

static int
perm_ok(const cg_perm *perm)
{
	return perm->replicates == 0 ||
		(perm->ukey != NULL && perm->alternative >= CG_ALT_GREATER &&
		 perm->alternative <= CG_ALT_FOLDED && perm->replicates < (UINT64_C(1) << 32));
}

cg_status
cg_local_moran(const cg_weights *wt, const double *x, int n_minus_1, int conditional,
			   const cg_perm *perm, double *scratch, uint32_t *uscratch, cg_local_out *out)
{
	size_t		n = wt->n,
				i;
	double	   *z = scratch,
				mh = 0.0,
				ml = 0.0,
				m,
				z2h = 0.0,
				z2l = 0.0,
				z4h = 0.0,
				z4l = 0.0,
				m2,
				b2,
				nd = (double) n,
				sc,
				sc2;
	cg_status	st;

	if (!perm_ok(perm))
		return CG_E_CORRUPT;
	if (n >= ((size_t) 1 << 32))
		return CG_E_TOO_LARGE;
	for (i = 0; i < n; i++)
	{
		if (!isfinite(x[i]))
			return isnan(x[i]) ? CG_E_NAN : CG_E_INFINITE;
		cg_nsum_add(&mh, &ml, x[i]);
	}
	for (i = 0; i < n; i++)
		set_nan(out, i);
	if (n < 3)
		return CG_OK;
	m = cg_nsum_value(mh, ml) / nd;
	for (i = 0; i < n; i++)
	{
		z[i] = x[i] - m;
		cg_psum_add(&z2h, &z2l, z[i] * z[i]);
		cg_psum_add(&z4h, &z4l, (z[i] * z[i]) * (z[i] * z[i]));
	}
	m2 = cg_nsum_value(z2h, z2l) / nd;
	if (!isfinite(m2) || !isfinite(cg_nsum_value(z4h, z4l)))
		return CG_E_OVERFLOW;
	if (!(m2 > 0.0))
		return CG_OK;
	b2 = (cg_nsum_value(z4h, z4l) / nd) / (m2 * m2);
	sc = n_minus_1 ? (nd - 1.0) / nd : 1.0;
	sc2 = sc * sc;
	for (i = 0; i < n; i++)
	{
		size_t		k,
					q;
		double		lag = row_lag(wt, i, z, &k),
					wi = 0.0,
					wi2 = 0.0,
					e,
					v;

		if (k == 0)
			continue;
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
		{
			wi += wt->w[q];
			wi2 += wt->w[q] * wt->w[q];
		}
		if (conditional)
		{
			e = -(z[i] * z[i] * wi) / ((nd - 1.0) * m2);
			v = (z[i] / m2) * (z[i] / m2) * (nd / (nd - 2.0)) *
				(wi2 - wi * wi / (nd - 1.0)) * (m2 - z[i] * z[i] / (nd - 1.0));
		}
		else
		{
			double		a = (nd - b2) / (nd - 1.0),
						bb = (2.0 * b2 - nd) / ((nd - 1.0) * (nd - 2.0));

			e = -wi / (nd - 1.0);
			v = a * wi2 + bb * (wi * wi - wi2) - e * e;
		}
		out->lag[i] = lag;
		out->stat[i] = sc * (z[i] / m2) * lag;
		out->expectation[i] = sc * e;
		out->variance[i] = sc2 * v;
		out->z[i] = v > 0.0 ? (out->stat[i] - out->expectation[i]) / sqrt(out->variance[i]) : NAN;
		if (out->quadrant)
			out->quadrant[i] = z[i] > 0.0 ? (lag > 0.0 ? CG_QUAD_HH : CG_QUAD_HL)
				: (lag > 0.0 ? CG_QUAD_LH : CG_QUAD_LL);
		if (!isfinite(out->stat[i]) || !isfinite(out->variance[i]))
			return CG_E_OVERFLOW;
	}
	if (perm->replicates == 0)
		return CG_OK;
	{
		signed char *dir = (signed char *) (scratch + n);

		for (i = 0; i < n; i++)
			dir[i] = z[i] > 0.0 ? 1 : (z[i] < 0.0 ? -1 : 0);
		st = permute_local(wt, z, dir, perm, scratch + 2 * n, uscratch, out->p_sim);
	}
	return st;
}

cg_status
cg_local_g(const cg_weights *wt, const double *x, int star, const cg_perm *perm,
		   double *scratch, uint32_t *uscratch, cg_local_out *out)
{
	size_t		n = wt->n,
				i;
	double		sh = 0.0,
				sl = 0.0,
				sum,
				mean,
				dh = 0.0,
				dl = 0.0,
				dev2,
				nd = (double) n;
	signed char *dir = (signed char *) (scratch + n);

	if (!perm_ok(perm))
		return CG_E_CORRUPT;
	if (n >= ((size_t) 1 << 32))
		return CG_E_TOO_LARGE;
	for (i = 0; i < n; i++)
	{
		if (!isfinite(x[i]))
			return isnan(x[i]) ? CG_E_NAN : CG_E_INFINITE;
		if (x[i] < 0.0)
			return CG_E_NEGATIVE;
		cg_psum_add(&sh, &sl, x[i]);
	}
	for (i = 0; i < n; i++)
		set_nan(out, i);
	if (n < 3)
		return CG_OK;
	sum = cg_nsum_value(sh, sl);
	mean = sum / nd;
	for (i = 0; i < n; i++)
		cg_psum_add(&dh, &dl, (x[i] - mean) * (x[i] - mean));
	dev2 = cg_nsum_value(dh, dl);
	if (!isfinite(sum) || !isfinite(dev2))
		return CG_E_OVERFLOW;
	for (i = 0; i < n; i++)
	{
		size_t		k,
					q;
		double		lag = row_lag(wt, i, x, &k),
					wi = 0.0,
					s1i = 0.0,
					self = 0.0,
					num,
					den,
					tot,
					xb,
					s2,
					nn;

		dir[i] = 1;
		if (k == 0)
			continue;
		for (q = wt->row[i]; q < wt->row[i + 1]; q++)
		{
			wi += wt->w[q];
			s1i += wt->w[q] * wt->w[q];
			if (wt->col[q] == i)
				self = wt->w[q];
		}
		if (star)
		{
			nn = nd;
			tot = sum;
			xb = mean;
			s2 = dev2 / nd;
			num = self * x[i] + lag;
		}
		else
		{
			double		d = x[i] - mean;

			nn = nd - 1.0;
			tot = sum - x[i];
			xb = tot / nn;
			s2 = (dev2 - d * d * nd / (nd - 1.0)) / nn;
			if (s2 < 0.0)
				s2 = 0.0;
			num = lag;
		}
		out->lag[i] = lag;
		out->stat[i] = tot > 0.0 ? num / tot : NAN;
		out->expectation[i] = wi / nn;
		den = s2 * (nn * s1i - wi * wi) / (nn - 1.0);
		out->variance[i] = tot > 0.0 ? den / (tot * tot) : NAN;
		out->z[i] = den > 0.0 ? (num - xb * wi) / sqrt(den) : NAN;
	}
	if (perm->replicates == 0)
		return CG_OK;
	return permute_local(wt, x, dir, perm, scratch + 2 * n, uscratch, out->p_sim);
}

cg_status
cg_spatial_lag(const cg_weights *wt, const double *x, double *lag)
{
	size_t		i,
				k;

	for (i = 0; i < wt->n; i++)
		if (!isfinite(x[i]))
			return isnan(x[i]) ? CG_E_NAN : CG_E_INFINITE;
	for (i = 0; i < wt->n; i++)
	{
		lag[i] = row_lag(wt, i, x, &k);
		if (k == 0)
			lag[i] = NAN;
		else if (!isfinite(lag[i]))
			return CG_E_OVERFLOW;
	}
	return CG_OK;
}

typedef struct pidx
{
	double		p;
	size_t		i;
} pidx;

static int
cmp_pidx(const void *a, const void *b)
{
	const pidx *x = a,
			   *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->i < y->i ? -1 : (x->i > y->i);
}

cg_status
cg_p_adjust(const double *p, size_t n, cg_padjust method, double *scratch,
			double *out, size_t *bad)
{
	pidx	   *s = (pidx *) scratch;	/* 2 n doubles hold n pairs */
	size_t		k;
	double		nd = (double) n,
				acc,
				q = 0.0;

	for (k = 0; k < n; k++)
	{
		*bad = k;
		if (isnan(p[k]))
			return CG_E_NAN;
		if (!(p[k] >= 0.0 && p[k] <= 1.0))
			return CG_E_CORRUPT;
	}
	*bad = 0;
	if (n == 0)
		return CG_OK;
	if (method == CG_PADJ_BONFERRONI)
	{
		for (k = 0; k < n; k++)
			out[k] = p[k] * nd < 1.0 ? p[k] * nd : 1.0;
		return CG_OK;
	}
	if (method < CG_PADJ_BONFERRONI || method > CG_PADJ_BY)
		return CG_E_CORRUPT;
	for (k = 0; k < n; k++)
	{
		s[k].p = p[k];
		s[k].i = k;
	}
	qsort(s, n, sizeof(pidx), cmp_pidx);
	if (method == CG_PADJ_HOLM)
	{
		/* cummax of (n - rank + 1) p over ascending p */
		acc = 0.0;
		for (k = 0; k < n; k++)
		{
			double		v = (nd - (double) k) * s[k].p;

			acc = v > acc ? v : acc;
			out[s[k].i] = acc < 1.0 ? acc : 1.0;
		}
		return CG_OK;
	}
	/* BH, BY: cummin of q n / rank p over descending p */
	if (method == CG_PADJ_BY)
		for (k = n; k >= 1; k--)
			q += 1.0 / (double) k;
	else
		q = 1.0;
	acc = INFINITY;
	for (k = n; k-- > 0;)
	{
		double		v = q * nd / (double) (k + 1) * s[k].p;

		acc = v < acc ? v : acc;
		out[s[k].i] = acc < 1.0 ? acc : 1.0;
	}
	return CG_OK;
}
