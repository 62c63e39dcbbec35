/*
 * The physical floor of the accessibility benchmark: haversine distances of
 * random point pairs in a tight C loop (no tree, no memory traffic beyond
 * two small arrays), pairs per second.  bench/access.sh compiles and runs it.
 * cc -O2 bench/kernel/haversine.c -lm && ./a.out [millions of pairs]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NPTS 4096

int
main(int argc, char **argv)
{
	long		m = argc > 1 ? atol(argv[1]) : 50;
	double		lon[NPTS],
				lat[NPTS],
				coslat[NPTS],
				sum = 0.0,
				d = 3.14159265358979323846 / 180.0;
	uint64_t	s = 7,
				k,
				n = (uint64_t) m * 1000000;
	struct timespec t0,
				t1;
	int			i;

	for (i = 0; i < NPTS; i++)
	{
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		lon[i] = (126.4 + 1.5 * (double) (s >> 11) / 9007199254740992.0) * d;
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		lat[i] = (36.9 + 1.4 * (double) (s >> 11) / 9007199254740992.0) * d;
		coslat[i] = cos(lat[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < n; k++)
	{
		int			a = (int) (k & (NPTS - 1)),
					b = (int) ((k * 2654435761u >> 7) & (NPTS - 1));
		double		sp = sin(0.5 * (lat[b] - lat[a])),
					sl = sin(0.5 * (lon[b] - lon[a]));

		sum += 2.0 * 6371.0088 * asin(sqrt(sp * sp + coslat[a] * coslat[b] * sl * sl));
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	{
		double		sec = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;

		printf("haversine_pairs_per_s %.0f (%lu pairs in %.3f s; checksum %.1f)\n", (double) n / sec,
			   (unsigned long) n, sec, sum);
	}
	return 0;
}
