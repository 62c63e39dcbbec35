/*
 * cg_neighbors.h — neighbours from points on the sphere: k nearest and
 * within a distance, by great-circle distance, through a k-d tree on the
 * points' unit vectors (the chord grows with the great-circle distance, so
 * the tree's Euclidean bounds prune exactly), never all pairs.
 *
 * Distances: haversine on a sphere of radius CG_EARTH_KM (the IUGG mean
 * Earth radius), from degrees of longitude and latitude.
 */
#ifndef CG_NEIGHBORS_H
#define CG_NEIGHBORS_H

#include <stddef.h>
#include <stdint.h>
#include "cg_status.h"

#define CG_EARTH_KM 6371.0088

/* Great-circle distance in km between two points given in degrees. */
double		cg_haversine_km(double lon1, double lat1, double lon2, double lat2);

typedef struct cg_kdtree
{
	size_t		n;
	const double *lon,
			   *lat;
	double	   *xyz;			/* 3 n: unit vectors */
	uint32_t   *idx;			/* n: the tree's order of the points */
} cg_kdtree;

/*
 * Build the tree over n points (degrees; lon in [-180, 180], lat in [-90,
 * 90], finite: else CG_E_INFINITE / CG_E_NAN / CG_E_CORRUPT with *bad).
 * xyz: 3 n doubles, idx: n uint32_t (caller buffers, kept by the tree).
 */
cg_status	cg_kdtree_build(cg_kdtree *t, size_t n, const double *lon, const double *lat,
							double *xyz, uint32_t *idx, size_t *bad);

/*
 * The k nearest other points of point q: out_j (k indices) and out_km,
 * nearest first; ties by distance go to the lower index.  k < n.
 * heap: 2 k scratch doubles and k uint32_t.
 */
void		cg_kdtree_knn(const cg_kdtree *t, size_t q, size_t k, uint32_t *out_j, double *out_km);

/*
 * Every other point within max_km of point q (great-circle, inclusive),
 * written to out_j/out_km up to cap entries; returns how many there are (a
 * count above cap means the caller must retry with a larger buffer).
 */
size_t		cg_kdtree_within(const cg_kdtree *t, size_t q, double max_km, uint32_t *out_j,
							 double *out_km, size_t cap);

/*
 * The same from a point that need not be in the tree (degrees): every
 * point within max_km (INFINITY: all of them), none excluded.  chord: the
 * distance from the unit vectors' chord c, 2 R asin(c / 2) (a square root and
 * an arcsine, where haversine takes four trigonometric functions; the same
 * great circle, to about 1e-12 relative above 10 m); else by haversine;
 * chord = 2: membership only (the chord against the catchment's chord), every
 * distance written as 0.
 */
size_t		cg_kdtree_within_point(const cg_kdtree *t, double lon, double lat, double max_km,
								   int chord, uint32_t *out_j, double *out_km, size_t cap);

#endif							/* CG_NEIGHBORS_H */
