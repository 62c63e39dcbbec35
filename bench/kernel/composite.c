/*
 * Kernel timing of the composite index's rank uncertainty and of the
 * allocation planner (groundwork of issue 12): 3,500 units, 5 indicators,
 * 1,000 Monte Carlo draws; allocate 500 places over 3,500 units.
 * cc -O2 -Isrc/kernel bench/kernel/composite.c src/kernel/cg_composite.c src/kernel/cg_allocate.c \
 *    src/kernel/cg_spatial.c src/kernel/cg_weights.c src/kernel/cg_status.c -lm
 */
#include "cg_allocate.h"
#include "cg_composite.h"

#include <math.h>
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
main(void)
{
	size_t		n = 3500,
				p = 5,
				draws = 1000,
				i,
				bad;
	double	   *x = malloc(n * p * sizeof(double)),
			   *scratch = malloc((3 * n * p + 4 * n + n * draws) * sizeof(double)),
			   *md = malloc(n * sizeof(double)),
			   *lo = malloc(n * sizeof(double)),
			   *hi = malloc(n * sizeof(double)),
			   *S = malloc(n * sizeof(double)),
			   *D = malloc(n * sizeof(double)),
			   *xs = malloc(n * sizeof(double)),
				t0;
	signed char dir[5] = {1, 1, -1, 1, -1};
	cg_composite_spec sp = {0};

	for (i = 0; i < n * p; i++)
		x[i] = fabs(sin((double) i * 0.7)) * 100.0;
	for (i = 0; i < n; i++)
	{
		S[i] = 50.0 + 40.0 * sin((double) i);
		D[i] = 100.0 + 30.0 * cos((double) i * 1.3);
	}
	sp.n = n;
	sp.p = p;
	sp.x = x;
	sp.direction = dir;
	sp.norm = CG_NORM_MINMAX;
	sp.wmode = CG_W_ENTROPY;
	sp.agg = CG_AGG_ARITHMETIC;
	t0 = now_ms();
	if (cg_composite_mc(&sp, 1, draws, 0.5, 1, 0, md, lo, hi, scratch, &bad) != CG_OK)
		return 1;
	printf("composite_mc_ms %.1f (3,500 units, 5 indicators, 1,000 draws, weights +-50 %%, aggregation varied)\n",
		   now_ms() - t0);
	t0 = now_ms();
	if (cg_allocate(n, S, D, NULL, NULL, NULL, 1.0, 500, CG_ALLOC_MINMAX, 1, scratch, xs, &bad) != CG_OK)
		return 2;
	printf("allocate_minmax_integer_ms %.1f (3,500 units, 500 places)\n", now_ms() - t0);
	t0 = now_ms();
	if (cg_allocate(n, S, D, NULL, NULL, NULL, 1.0, 500, CG_ALLOC_SHORTFALL, 1, scratch, xs, &bad) != CG_OK)
		return 3;
	printf("allocate_shortfall_integer_ms %.1f (3,500 units, 500 places)\n", now_ms() - t0);
	return 0;
}
