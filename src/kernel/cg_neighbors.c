/*
 * cg_neighbors.c — k nearest neighbours and distance bands on the sphere
 * through a k-d tree of unit vectors (cg_neighbors.h).
 */
#include "cg_neighbors.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define DEG (3.14159265358979323846 / 180.0)

double
cg_haversine_km(double lon1, double lat1, double lon2, double lat2)
{
	double		p1 = lat1 * DEG,
				p2 = lat2 * DEG,
				dp = (lat2 - lat1) * DEG,
				dl = (lon2 - lon1) * DEG,
				a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

	if (a > 1.0)
		a = 1.0;
	return 2.0 * CG_EARTH_KM * asin(sqrt(a));
}

/* chord length on the unit sphere of a great-circle distance */
static double
chord_of_km(double km)
{
	double		ang = km / CG_EARTH_KM;

	if (ang >= 3.14159265358979323846)
		return 2.0;
	return 2.0 * sin(ang / 2.0);
}

static double
d2(const double *a, const double *b)
{
	double		x = a[0] - b[0],
				y = a[1] - b[1],
				z = a[2] - b[2];

	return x * x + y * y + z * z;
}

/* Quickselect the points idx[lo..hi) so that position mid holds the median on axis. */
static void
select_axis(const double *xyz, uint32_t *idx, size_t lo, size_t hi, size_t mid, int axis)
{
	while (hi - lo > 1)
	{
		size_t		a = lo,
					b = hi - 1,
					p = lo + (hi - lo) / 2,
					s,
					i;
		double		pv = xyz[3 * idx[p] + axis];
		uint32_t	t;

		/* move the pivot to the end, partition, put it back */
		t = idx[p];
		idx[p] = idx[b];
		idx[b] = t;
		s = a;
		for (i = a; i < b; i++)
			if (xyz[3 * idx[i] + axis] < pv || (xyz[3 * idx[i] + axis] == pv && idx[i] < idx[b]))
			{
				t = idx[i];
				idx[i] = idx[s];
				idx[s] = t;
				s++;
			}
		t = idx[s];
		idx[s] = idx[b];
		idx[b] = t;
		if (s == mid)
			return;
		if (mid < s)
			hi = s;
		else
			lo = s + 1;
	}
}

/* The split axis of a subtree: its depth mod 3. */
static void
build(const double *xyz, uint32_t *idx, size_t lo, size_t hi, int depth)
{
	size_t		mid;

	if (hi - lo <= 1)
		return;
	mid = lo + (hi - lo) / 2;
	select_axis(xyz, idx, lo, hi, mid, depth % 3);
	build(xyz, idx, lo, mid, depth + 1);
	build(xyz, idx, mid + 1, hi, depth + 1);
}

cg_status
cg_kdtree_build(cg_kdtree *t, size_t n, const double *lon, const double *lat,
				double *xyz, uint32_t *idx, size_t *bad)
{
	size_t		i;

	t->n = n;
	t->lon = lon;
	t->lat = lat;
	t->xyz = xyz;
	t->idx = idx;
	if (n >= ((size_t) 1 << 32))
		return CG_E_TOO_LARGE;
	for (i = 0; i < n; i++)
	{
		*bad = i;
		if (isnan(lon[i]) || isnan(lat[i]))
			return CG_E_NAN;
		if (!isfinite(lon[i]) || !isfinite(lat[i]))
			return CG_E_INFINITE;
		if (lon[i] < -180.0 || lon[i] > 180.0 || lat[i] < -90.0 || lat[i] > 90.0)
			return CG_E_CORRUPT;
		xyz[3 * i] = cos(lat[i] * DEG) * cos(lon[i] * DEG);
		xyz[3 * i + 1] = cos(lat[i] * DEG) * sin(lon[i] * DEG);
		xyz[3 * i + 2] = sin(lat[i] * DEG);
		idx[i] = (uint32_t) i;
	}
	build(xyz, idx, 0, n, 0);
	return CG_OK;
}

/* ---- k nearest: a max-heap of the k best (chord^2, index) ---- */

typedef struct knn_state
{
	const cg_kdtree *t;
	size_t		q,
				k,
				size;
	double	   *hd;				/* k squared chords */
	uint32_t   *hj;				/* k indices */
} knn_state;

/* a before b in the heap order: larger distance first, then larger index */
static int
worse(double da, uint32_t ja, double db, uint32_t jb)
{
	return da > db || (da == db && ja > jb);
}

static void
heap_push(knn_state *s, double d, uint32_t j)
{
	size_t		c;

	if (s->size == s->k)
	{
		size_t		p = 0;

		if (!worse(s->hd[0], s->hj[0], d, j))
			return;
		/* replace the root and sift down */
		for (;;)
		{
			size_t		l = 2 * p + 1,
						r = l + 1,
						m = p;
			double		md = d;
			uint32_t	mj = j;

			if (l < s->size && worse(s->hd[l], s->hj[l], md, mj))
			{
				m = l;
				md = s->hd[l];
				mj = s->hj[l];
			}
			if (r < s->size && worse(s->hd[r], s->hj[r], md, mj))
				m = r;
			if (m == p)
				break;
			s->hd[p] = s->hd[m];
			s->hj[p] = s->hj[m];
			p = m;
		}
		s->hd[p] = d;
		s->hj[p] = j;
		return;
	}
	c = s->size++;
	while (c > 0)
	{
		size_t		p = (c - 1) / 2;

		if (!worse(d, j, s->hd[p], s->hj[p]))
			break;
		s->hd[c] = s->hd[p];
		s->hj[c] = s->hj[p];
		c = p;
	}
	s->hd[c] = d;
	s->hj[c] = j;
}

static void
knn_visit(knn_state *s, size_t lo, size_t hi, int depth)
{
	const cg_kdtree *t = s->t;
	size_t		mid;
	uint32_t	p;
	double		diff;
	const double *qx = t->xyz + 3 * s->q;

	if (lo >= hi)
		return;
	mid = lo + (hi - lo) / 2;
	p = t->idx[mid];
	if (p != s->q)
		heap_push(s, d2(qx, t->xyz + 3 * p), p);
	if (hi - lo == 1)
		return;
	diff = qx[depth % 3] - t->xyz[3 * p + depth % 3];
	if (diff < 0)
	{
		knn_visit(s, lo, mid, depth + 1);
		if (s->size < s->k || diff * diff <= s->hd[0])
			knn_visit(s, mid + 1, hi, depth + 1);
	}
	else
	{
		knn_visit(s, mid + 1, hi, depth + 1);
		if (s->size < s->k || diff * diff <= s->hd[0])
			knn_visit(s, lo, mid, depth + 1);
	}
}

/* sift entry a down the max-heap (km, j) of size n: the farthest (then the larger j) on top */
static void
sort_sift(double *km, uint32_t *jj, size_t a, size_t n)
{
	double		d = km[a];
	uint32_t	j = jj[a];

	for (;;)
	{
		size_t		c = 2 * a + 1;

		if (c >= n)
			break;
		if (c + 1 < n && (km[c + 1] > km[c] || (km[c + 1] == km[c] && jj[c + 1] > jj[c])))
			c++;
		if (!(km[c] > d || (km[c] == d && jj[c] > j)))
			break;
		km[a] = km[c];
		jj[a] = jj[c];
		a = c;
	}
	km[a] = d;
	jj[a] = j;
}

void
cg_kdtree_knn(const cg_kdtree *t, size_t q, size_t k, uint32_t *out_j, double *out_km)
{
	knn_state	s;
	size_t		a,
				b;

	s.t = t;
	s.q = q;
	s.k = k;
	s.size = 0;
	s.hd = out_km;				/* the heap lives in the output, sorted after */
	s.hj = out_j;
	knn_visit(&s, 0, t->n, 0);
	/* exact distances, then nearest first: a heap sort, O(k log k) for any k */
	for (a = 0; a < s.size; a++)
		out_km[a] = cg_haversine_km(t->lon[q], t->lat[q], t->lon[out_j[a]], t->lat[out_j[a]]);
	for (a = s.size / 2; a-- > 0;)
		sort_sift(out_km, out_j, a, s.size);
	for (b = s.size; b-- > 1;)
	{
		double		d = out_km[0];
		uint32_t	j = out_j[0];

		out_km[0] = out_km[b];
		out_j[0] = out_j[b];
		out_km[b] = d;
		out_j[b] = j;
		sort_sift(out_km, out_j, 0, b);
	}
}

/* ---- within a distance ---- */

typedef struct within_state
{
	const cg_kdtree *t;
	size_t		q,				/* the query point's index, or SIZE_MAX for an outside point */
				count,
				cap;
	const double *qx;			/* its unit vector */
	double		qlon,
				qlat;
	int			chord;			/* 1: distances from the chord (2 R asin(c / 2)), not by haversine;
								 * 2: inside or not only (chord^2 against c2_exact), distance 0 */
	double		c2_exact;
	double		c2,				/* squared chord bound, with a margin */
				max_km;
	uint32_t   *out_j;
	double	   *out_km;
} within_state;

static void
within_visit(within_state *s, size_t lo, size_t hi, int depth)
{
	const cg_kdtree *t = s->t;
	const double *qx = s->qx;
	size_t		mid;
	uint32_t	p;
	double		diff;

	if (lo >= hi)
		return;
	mid = lo + (hi - lo) / 2;
	p = t->idx[mid];
	if (p != s->q)
	{
		double		c2 = d2(qx, t->xyz + 3 * p),
					km;

		if (c2 > s->c2)
			goto children;
		if (s->chord == 2)
			km = c2 <= s->c2_exact ? 0.0 : INFINITY;	/* inside or not: no distance wanted */
		else
			km = s->chord ? 2.0 * CG_EARTH_KM * asin(0.5 * sqrt(c2))
				: cg_haversine_km(s->qlon, s->qlat, t->lon[p], t->lat[p]);

		if (km <= s->max_km || (s->chord == 2 && km == 0.0))
		{
			if (s->count < s->cap)
			{
				s->out_j[s->count] = p;
				s->out_km[s->count] = km;
			}
			s->count++;
		}
	}
children:
	if (hi - lo == 1)
		return;
	diff = qx[depth % 3] - t->xyz[3 * p + depth % 3];
	if (diff <= 0 || diff * diff <= s->c2)
		within_visit(s, lo, mid, depth + 1);
	if (diff >= 0 || diff * diff <= s->c2)
		within_visit(s, mid + 1, hi, depth + 1);
}

size_t
cg_kdtree_within(const cg_kdtree *t, size_t q, double max_km, uint32_t *out_j,
				 double *out_km, size_t cap)
{
	within_state s;
	double		c = chord_of_km(max_km) * (1.0 + 1e-9) + 1e-12;

	s.t = t;
	s.q = q;
	s.chord = 0;
	s.qx = t->xyz + 3 * q;
	s.qlon = t->lon[q];
	s.qlat = t->lat[q];
	s.count = 0;
	s.cap = cap;
	s.c2 = c * c;
	s.max_km = max_km;
	s.out_j = out_j;
	s.out_km = out_km;
	within_visit(&s, 0, t->n, 0);
	return s.count;
}

size_t
cg_kdtree_within_point(const cg_kdtree *t, double lon, double lat, double max_km,
					   int chord, uint32_t *out_j, double *out_km, size_t cap)
{
	within_state s;
	double		c = isinf(max_km) ? 2.5 : chord_of_km(max_km) * (1.0 + 1e-9) + 1e-12,
				q[3];

	q[0] = cos(lat * DEG) * cos(lon * DEG);
	q[1] = cos(lat * DEG) * sin(lon * DEG);
	q[2] = sin(lat * DEG);
	s.t = t;
	s.q = SIZE_MAX;
	s.chord = chord;
	s.c2_exact = isinf(max_km) ? 5.0 : chord_of_km(max_km) * chord_of_km(max_km);
	s.qx = q;
	s.qlon = lon;
	s.qlat = lat;
	s.count = 0;
	s.cap = cap;
	s.c2 = c * c;
	s.max_km = max_km;
	s.out_j = out_j;
	s.out_km = out_km;
	within_visit(&s, 0, t->n, 0);
	return s.count;
}
