/*
 * cg_allocate.c — the allocation planner (cg_allocate.h).
 */
#include "cg_allocate.h"
#include "cg_cancel.h"
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

/* what one more place gives unit i: its gap now (min-max), or the shortfall it removes per cost */
static inline double
gain(cg_alloc_objective obj, double S, double D, double T, double c, double x)
{
	double		sf;

	if (obj == CG_ALLOC_MINMAX)
		return cg_alloc_gap(S, D, T, x);
	sf = D > 0.0 ? T * D - S - x : 0.0;
	return sf > 0.0 ? (sf < 1.0 ? sf : 1.0) / c : 0.0;
}

/* a before b in the max-heap: larger gain, then lower unit */
static inline int
above(const cu *a, const cu *b)
{
	return a->c > b->c || (a->c == b->c && a->i < b->i);
}

static void
heap_push(cu *h, size_t *size, double key, size_t i)
{
	size_t		k = (*size)++;
	cu			e;

	e.c = key;
	e.i = i;
	while (k > 0 && above(&e, &h[(k - 1) / 2]))
	{
		h[k] = h[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	h[k] = e;
}

static void
heap_pop(cu *h, size_t *size)
{
	size_t		k = 0;
	cu			e = h[--*size];

	for (;;)
	{
		size_t		l = 2 * k + 1,
					m = k;
		const cu   *best = &e;

		if (l < *size && above(&h[l], best))
		{
			m = l;
			best = &h[l];
		}
		if (l + 1 < *size && above(&h[l + 1], best))
			m = l + 1;
		if (m == k)
			break;
		h[k] = h[m];
		k = m;
	}
	if (*size > 0)
		h[k] = e;
}


/* the most places a unit can be counted in: beyond 2^53, x + 1 == x */
#define CG_ALLOC_MAX_PLACES 9007199254740992.0

/*
 * The cost of x, compensated: *spent, and whether it is within the budget
 * (never above it: no tolerance).
 */
static int
within_budget(size_t n, const double *cost, const double *x, double B, double *spent)
{
	double		h = 0.0,
				l = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
		cg_psum_add(&h, &l, (cost ? cost[i] : 1.0) * x[i]);
	*spent = cg_nsum_value(h, l);
	return *spent <= B;
}

/*
 * The fewest whole places, at least lo and at most hi (both whole), that
 * bring a unit's gap to L or below (hi when even hi does not).  The gap is
 * evaluated by cg_alloc_gap itself, so that the count agrees with it to the
 * last bit.
 */
static double
places_for(double S, double D, double T, double lo, double hi, double L)
{
	double		k;
	int			it;

	if (!(D > 0.0) || cg_alloc_gap(S, D, T, lo) <= L)
		return lo;
	k = ceil((1.0 - L) * T * D - S);
	if (!(k > lo))
		k = lo;
	if (k >= hi)
		return hi;
	if (k >= CG_ALLOC_MAX_PLACES)
		return k;				/* beyond counting: the budget decides (an error if it allows) */
	for (it = 0; it < 4 && k > lo && cg_alloc_gap(S, D, T, k - 1.0) <= L; it++)
		k -= 1.0;
	for (it = 0; it < 4 && k < hi && cg_alloc_gap(S, D, T, k) > L; it++)
		k += 1.0;
	return k;
}

/*
 * One place at a time to the unit that gains most (its gap for min-max, the
 * shortfall it removes per cost otherwise; lower index on ties; a heap,
 * O(log n) a place) while the budget allows: the total never exceeds B.
 */
static cg_status
place_greedy(size_t n, const double *S, const double *D, const double *cost, const double *hi,
			 double T, double B, cg_alloc_objective obj, double spent, void *scratch, double *x,
			 size_t *bad)
{
	cu		   *heap = (cu *) scratch;	/* key: the gain; i: the unit */
	size_t		size = 0,
				steps = 0,
				i;
	double		k;

	for (i = 0; i < n; i++)
	{
		double		g = gain(obj, S[i], D[i], T, cost ? cost[i] : 1.0, x[i]);

		if (g > 0.0)
			heap_push(heap, &size, g, i);
	}
	while (size > 0)
	{
		cu			top = heap[0];
		size_t		u = top.i;
		double		c = cost ? cost[u] : 1.0,
					g;

		if (cg_cancel_due(++steps))
			return CG_E_CANCELED;
		heap_pop(heap, &size);
		if (x[u] + 1.0 > (hi ? hi[u] : INFINITY) || spent + c > B)
			continue;			/* this unit cannot take another place */
		k = 1.0;
		if (obj == CG_ALLOC_MINMAX && size > 0)
		{
			/*
			 * the places that keep this unit's gap above the next largest
			 * at once (one at a time would give them to it all the same),
			 * within its bound and the budget
			 */
			double		room = floor((B - spent) / c),
						upto = places_for(S[u], D[u], T, x[u], hi ? floor(hi[u]) : INFINITY, heap[0].c) - x[u] - 1.0;

			if (upto > k)
				k = upto < room ? upto : room;
			if (k < 1.0)
				k = 1.0;
		}
		if (x[u] + k > CG_ALLOC_MAX_PLACES)
		{
			*bad = u;
			return CG_E_OVERFLOW;
		}
		x[u] += k;
		spent += k * c;
		g = gain(obj, S[u], D[u], T, c, x[u]);
		if (g > 0.0)
			heap_push(heap, &size, g, u);
	}
	return CG_OK;
}

static double
cost_places(size_t n, const double *S, const double *D, const double *cost, const double *lo_w,
			const double *hi_w, double T, double L, double *x)
{
	double		h = 0.0,
				l = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		k = places_for(S[i], D[i], T, lo_w[i], hi_w[i], L);

		if (x)
			x[i] = k;
		cg_psum_add(&h, &l, (cost ? cost[i] : 1.0) * k);
	}
	return cg_nsum_value(h, l);
}

/*
 * Min-max gap in whole places: the lowest level L whose whole-place needs
 * the budget covers, found by bisection to the last bit (the needs only
 * fall as L rises), is the integer optimum for any positive costs: an
 * allocation whose largest gap is G needs at least the places for G.  The
 * rest of the budget then goes place by place to the largest gaps.
 */
static cg_status
minmax_integer(size_t n, const double *S, const double *D, const double *cost, const double *lo,
			   const double *hi, double T, double B, void *scratch, double *x, size_t *bad)
{
	double	   *lo_w = (double *) scratch,
			   *hi_w = lo_w + n,
				a = 0.0,
				b = 1.0,
				spent;
	size_t		i;
	int			it;

	for (i = 0; i < n; i++)
	{
		lo_w[i] = lo ? ceil(lo[i]) : 0.0;
		hi_w[i] = hi ? floor(hi[i]) : INFINITY;
		if (lo_w[i] > hi_w[i])
		{
			*bad = i;
			return CG_E_CORRUPT;	/* no whole number of places within the bounds */
		}
		x[i] = lo_w[i];
	}
	if (!within_budget(n, cost, x, B, &spent))
		return CG_E_MISMATCH;
	if (cost_places(n, S, D, cost, lo_w, hi_w, T, 0.0, NULL) <= B)
		b = 0.0;
	else
		for (it = 0; it < 200; it++)
		{
			double		mid = 0.5 * (a + b);

			if (cg_cancel_hook != NULL && n > 4096 && cg_cancel_hook())
				return CG_E_CANCELED;
			if (mid <= a || mid >= b)
				break;
			if (cost_places(n, S, D, cost, lo_w, hi_w, T, mid, NULL) <= B)
				b = mid;
			else
				a = mid;
		}
	(void) cost_places(n, S, D, cost, lo_w, hi_w, T, b, x);
	for (i = 0; i < n; i++)
		if (x[i] > CG_ALLOC_MAX_PLACES)
		{
			*bad = i;
			return CG_E_OVERFLOW;
		}
	if (!within_budget(n, cost, x, B, &spent))
		return CG_E_MISMATCH;	/* not reached: level 1 is the lower bounds */
	/* the heap needs 16 n bytes: the bounds are no longer needed past here, but hi is */
	return place_greedy(n, S, D, cost, hi, T, B, CG_ALLOC_MINMAX, spent, scratch, x, bad);
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
		if (!isfinite(T * D[i]) || !isfinite(T * D[i] - S[i]))
			return CG_E_OVERFLOW;	/* the target's need is beyond double */
		if (integer && T * D[i] > CG_ALLOC_MAX_PLACES)
			return CG_E_OVERFLOW;	/* one place moves the gap by less than double resolves */
		x[i] = l;
		base += c * l;
	}
	*bad = 0;
	if (base > B)
		return CG_E_MISMATCH;
	left = B - base;
	if (integer && obj == CG_ALLOC_MINMAX)
		return minmax_integer(n, S, D, cost, lo, hi, T, B, scratch, x, bad);
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

				if (n > 65536 && cg_cancel_hook != NULL && cg_cancel_hook())
					return CG_E_CANCELED;
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

	/*
	 * total shortfall, whole places: round down (not below the lower bound),
	 * then one place at a time to the unit that removes most shortfall per
	 * cost (a max-heap, lower index first on ties), while the budget allows
	 */
	for (i = 0; i < n; i++)
	{
		double		l = lo ? ceil(lo[i]) : 0.0;

		x[i] = floor(x[i] + 1e-9);
		if (x[i] < l)
			x[i] = l;
	}
	if (!within_budget(n, cost, x, B, &spent))
		return CG_E_MISMATCH;
	return place_greedy(n, S, D, cost, hi, T, B, obj, spent, scratch, x, bad);
}

