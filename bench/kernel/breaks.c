/*
 * Kernel benchmark of the class breaks (bench/breaks.sh runs it): reads n
 * doubles (one per line) from a file, prints the Fisher-Jenks and quantile
 * breaks for k and their times (best of 5, one core).
 * cc -O2 -Isrc/kernel bench/kernel/breaks.c src/kernel/cg_breaks.c src/kernel/cg_status.c -lm
 */
#include "cg_breaks.h"
#include "cg_cancel.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>


static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	FILE	   *f = fopen(argv[1], "r");
	size_t		k = argc > 2 ? (size_t) atoi(argv[2]) : 7,
				n = 0,
				cap = 1024,
				kk,
				bad,
				i;
	double	   *x = malloc(cap * sizeof(double)),
			   *scratch,
				b[64],
				gvf,
				best,
				t0;
	uint64_t	c[64];
	uint32_t   *us;
	int			rep,
				m;

	if (f == NULL)
		return 1;
	while (fscanf(f, "%lf", &x[n]) == 1)
		if (++n == cap)
			x = realloc(x, (cap *= 2) * sizeof(double));
	scratch = malloc(10 * n * sizeof(double));
	us = malloc(k * n * sizeof(uint32_t));
	for (m = 0; m < 2; m++)
	{
		cg_breaks_method method = m == 0 ? CG_BREAKS_FISHER : CG_BREAKS_QUANTILE;

		best = 1e300;
		for (rep = 0; rep < 5; rep++)
		{
			t0 = now_ms();
			if (cg_breaks(x, NULL, n, k, method, scratch, us, b, c, &kk, &gvf, &bad) != CG_OK)
				return 2;
			best = now_ms() - t0 < best ? now_ms() - t0 : best;
		}
		printf("%s_ms %.2f bounds", m == 0 ? "caregap_fisher" : "caregap_quantile", best);
		for (i = 0; i < kk; i++)
			printf(" %.17g", b[i]);
		printf("\n");
	}
	return 0;
}
