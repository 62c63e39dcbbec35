/*
 * test_neighbors.c — k nearest neighbours and distance bands on the sphere
 * against all pairs by brute force, and haversine against the spherical law
 * of cosines (an independent formula for the same great circle).
 */
#include "cg_test.h"
#include "cg_neighbors.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NP 600

static double lon[NP], lat[NP], xyz[3 * NP];
static uint32_t idx[NP];

/* a fixed pseudo-random cloud over Korea and a few far points */
static void
cloud(void)
{
	uint64_t	s = 12345;
	size_t		i;

	for (i = 0; i < NP; i++)
	{
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		lon[i] = 124.5 + 7.0 * (double) (s >> 11) / 9007199254740992.0;
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		lat[i] = 33.0 + 5.5 * (double) (s >> 11) / 9007199254740992.0;
	}
	lon[0] = 179.9;				/* across the antimeridian from lon[1] */
	lat[0] = 0.0;
	lon[1] = -179.9;
	lat[1] = 0.0;
	lat[2] = 90.0;				/* a pole */
}

static double
cosines_km(double lo1, double la1, double lo2, double la2)
{
	double		d = 3.14159265358979323846 / 180.0,
				c = sin(la1 * d) * sin(la2 * d) + cos(la1 * d) * cos(la2 * d) * cos((lo2 - lo1) * d);

	if (c > 1)
		c = 1;
	return CG_EARTH_KM * acos(c);
}

CG_TEST(test_haversine)
{
	/* Seoul City Hall to Busan City Hall: about 325 km */
	double		h = cg_haversine_km(126.9780, 37.5665, 129.0756, 35.1796);

	CHECK(fabs(h - cosines_km(126.9780, 37.5665, 129.0756, 35.1796)) < 1e-6);
	CHECK(h > 320 && h < 330);
	/* across the antimeridian: 0.2 degree of the equator */
	CHECK_NEAR(cg_haversine_km(179.9, 0, -179.9, 0), 0.2 * 3.14159265358979323846 / 180 * CG_EARTH_KM, 1e-9);
}

CG_TEST(test_knn_brute_force)
{
	cg_kdtree	t;
	size_t		bad,
				q,
				a,
				b;
	uint32_t	j[8];
	double		km[8];

	cloud();
	CHECK(cg_kdtree_build(&t, NP, lon, lat, xyz, idx, &bad) == CG_OK);
	for (q = 0; q < NP; q++)
	{
		cg_kdtree_knn(&t, q, 5, j, km);
		for (a = 0; a < 5; a++)
		{
			/* no other point is nearer than the 5th unless it is among the 5 */
			CHECK(j[a] != q);
			CHECK(a == 0 || km[a] >= km[a - 1]);
		}
		for (b = 0; b < NP; b++)
		{
			double		d = cg_haversine_km(lon[q], lat[q], lon[b], lat[b]);
			int			in = 0;

			if (b == q)
				continue;
			for (a = 0; a < 5; a++)
				in |= j[a] == b;
			if (!in && d < km[4] - 1e-9)
				CHECK(!"a nearer point was missed");
		}
	}
	cg_kdtree_knn(&t, 0, 1, j, km);
	CHECK(j[0] == 1);			/* the antimeridian neighbour */
}

CG_TEST(test_within_brute_force)
{
	cg_kdtree	t;
	size_t		bad,
				q,
				b,
				cnt,
				brute;
	uint32_t	j[NP];
	double		km[NP];

	cloud();
	CHECK(cg_kdtree_build(&t, NP, lon, lat, xyz, idx, &bad) == CG_OK);
	for (q = 0; q < NP; q += 7)
	{
		cnt = cg_kdtree_within(&t, q, 40.0, j, km, NP);
		brute = 0;
		for (b = 0; b < NP; b++)
			brute += b != q && cg_haversine_km(lon[q], lat[q], lon[b], lat[b]) <= 40.0;
		CHECK(cnt == brute);
	}
	CHECK(cg_kdtree_within(&t, 5, 1e5, j, km, 3) == NP - 1);	/* the count beyond the buffer */
	lat[3] = 91;
	CHECK(cg_kdtree_build(&t, NP, lon, lat, xyz, idx, &bad) == CG_E_CORRUPT && bad == 3);
	lat[3] = NAN;
	CHECK(cg_kdtree_build(&t, NP, lon, lat, xyz, idx, &bad) == CG_E_NAN && bad == 3);
}

/*
 * k of all the other points (the 0.7.0 review: an insertion sort made a
 * large k O(k^2) per point): every other point once, nearest first, the
 * distances those of haversine.
 */
CG_TEST(test_knn_all_points)
{
	cg_kdtree	t;
	size_t		bad,
				q,
				a;
	uint32_t   *j = malloc(NP * sizeof(uint32_t));
	double	   *km = malloc(NP * sizeof(double));
	char	   *seen = malloc(NP);

	cloud();
	CHECK(cg_kdtree_build(&t, NP, lon, lat, xyz, idx, &bad) == CG_OK);
	for (q = 0; q < NP; q += 7)
	{
		cg_kdtree_knn(&t, q, NP - 1, j, km);
		memset(seen, 0, NP);
		for (a = 0; a < NP - 1; a++)
		{
			CHECK(j[a] != q && !seen[j[a]]);
			seen[j[a]] = 1;
			CHECK(a == 0 || km[a] > km[a - 1] || (km[a] == km[a - 1] && j[a] > j[a - 1]));
			CHECK(km[a] == cg_haversine_km(lon[q], lat[q], lon[j[a]], lat[j[a]]));
		}
	}
	free(j);
	free(km);
	free(seen);
}
