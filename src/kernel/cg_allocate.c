/*
 * cg_allocate.c — the allocation planner (cg_allocate.h).
 */
#include "cg_allocate.h"
#include "cg_sum.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>

double
cg_alloc_gap(double S, double D, double T, double x)
{
	double		g;

	if (!(D > 0.0))
		return 0.0;
	g = 1.0 - (S + x) / (T * D);
	return g > 0.0 ? g : 0.0;
}

static inline double
clampd(double v, double lo, double hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

/* places unit i needs to bring its gap down to level L, within its bounds */
static inline double
need_at(double S, double D, double T, double lo, double hi, double L)
{
	double		want = D > 0.0 ? (1.0 - L) * T * D - S : 0.0;

	return clampd(want > 0.0 ? want : 0.0, lo, hi);
}

static double
cost_at(size_t n, const double *S, const double *D, const double *cost, const double *lo,
		const double *hi, double T, double L)
{
	double		h = 0.0,
				l = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
		cg_psum_add(&h, &l, (cost ? cost[i] : 1.0) * need_at(S[i], D[i], T, lo ? lo[i] : 0.0,
																hi ? hi[i] : INFINITY, L));
	return cg_nsum_value(h, l);
}

typedef struct cu
{
	double		c;
	size_t		i;
} cu;

static int
cmp_cu(const void *a, const void *b)
{
	const cu   *x = a,
			   *y = b;

	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->i < y->i ? -1 : (x->i > y->i);
}

cg_status
cg_allocate(size_t n, const double *S, const double *D, const double *cost,
			const double *lo, const double *hi, double T, double B,
			cg_alloc_objective obj, int integer, void *scratch, double *x, size_t *bad)
{
	size_t		i;
	double		base = 0.0,
				spent,
				left;

	*bad = 0;
	if (obj != CG_ALLOC_MINMAX && obj != CG_ALLOC_SHORTFALL)
		return CG_E_CORRUPT;
	if (isnan(T) || isnan(B))
		return CG_E_NAN;
	if (!(T > 0.0) || !isfinite(T))
		return CG_E_NONPOSITIVE;
	if (B < 0.0)
		return CG_E_NEGATIVE;
	for (i = 0; i < n; i++)
	{
		double		c = cost ? cost[i] : 1.0,
					l = lo ? lo[i] : 0.0,
					h = hi ? hi[i] : INFINITY;

		*bad = i;
		if (isnan(S[i]) || isnan(D[i]) || isnan(c) || isnan(l) || isnan(h))
			return CG_E_NAN;
		if (!isfinite(S[i]) || !isfinite(D[i]) || !isfinite(c) || !isfinite(l))
			return CG_E_INFINITE;
		if (S[i] < 0.0 || D[i] < 0.0 || l < 0.0)
			return CG_E_NEGATIVE;
		if (!(c > 0.0))
			return CG_E_NONPOSITIVE;
		if (l > h)
			return CG_E_CORRUPT;
		x[i] = l;
		base += c * l;
	}
	*bad = 0;
	if (base > B * (1.0 + 1e-12))
		return CG_E_MISMATCH;
	left = B - base;
	if (obj == CG_ALLOC_MINMAX)
	{
		/* the lowest level L in [0, 1] whose needs the budget covers: bisection to the last bit */
		double		a = 0.0,
					b = 1.0;
		int			it;

		if (cost_at(n, S, D, cost, lo, hi, T, 0.0) <= B)
			b = 0.0;
		else
			for (it = 0; it < 200 && b - a > 0.0; it++)
			{
				double		mid = 0.5 * (a + b);

				if (mid <= a || mid >= b)
					break;
				if (cost_at(n, S, D, cost, lo, hi, T, mid) <= B)
					b = mid;
				else
					a = mid;
			}
		for (i = 0; i < n; i++)
			x[i] = need_at(S[i], D[i], T, lo ? lo[i] : 0.0, hi ? hi[i] : INFINITY, b);
	}
	else
	{
		/* fill the shortfall in order of cost per place */
		cu		   *order = (cu *) scratch;

		for (i = 0; i < n; i++)
		{
			order[i].c = cost ? cost[i] : 1.0;
			order[i].i = i;
		}
		qsort(order, n, sizeof(cu), cmp_cu);
		for (i = 0; i < n && left > 0.0; i++)
		{
			size_t		u = order[i].i;
			double		c = order[i].c,
						sf = D[u] > 0.0 ? T * D[u] - S[u] - x[u] : 0.0,
						room = (hi ? hi[u] : INFINITY) - x[u],
						add = sf < room ? sf : room;

			if (add <= 0.0)
				continue;
			if (add * c > left)
				add = left / c;
			x[u] += add;
			left -= add * c;
		}
	}
	if (!integer)
		return CG_OK;

	/* integer places: round down (not below the lower bound), then one place at a time */
	spent = 0.0;
	for (i = 0; i < n; i++)
	{
		double		l = lo ? ceil(lo[i]) : 0.0;

		x[i] = floor(x[i] + 1e-9);
		if (x[i] < l)
			x[i] = l;
		spent += (cost ? cost[i] : 1.0) * x[i];
	}
	if (spent > B * (1.0 + 1e-12))
		return CG_E_MISMATCH;
	for (;;)
	{
		size_t		best = n;
		double		bestv = 0.0;

		for (i = 0; i < n; i++)
		{
			double		c = cost ? cost[i] : 1.0,
						v;

			if (x[i] + 1.0 > (hi ? hi[i] : INFINITY) || spent + c > B * (1.0 + 1e-12))
				continue;
			if (obj == CG_ALLOC_MINMAX)
				v = cg_alloc_gap(S[i], D[i], T, x[i]);	/* the largest gap now */
			else
			{
				double		sf = D[i] > 0.0 ? T * D[i] - S[i] - x[i] : 0.0;

				v = sf > 0.0 ? (sf < 1.0 ? sf : 1.0) / c : 0.0;	/* shortfall removed per cost */
			}
			if (v > bestv)
			{
				bestv = v;
				best = i;
			}
		}
		if (best == n)
			break;
		x[best] += 1.0;
		spent += cost ? cost[best] : 1.0;
	}
	return CG_OK;
}
