/*
 * Kernel microbenchmark of local Moran with conditional permutations:
 * a side x side rook lattice, values from a fixed sine, R replicates.
 * cc -O2 -Isrc/kernel bench/kernel/local_moran.c src/kernel/cg_*.c -lm
 * ./a.out side R repeats [complete: 0 table sampler, 1 complete] [queen: 1]
 */
#include "cg_local.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>

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
	size_t		side = argc > 1 ? (size_t) atoi(argv[1]) : 60,
				n = side * side,
				m = 0,
				i,
				bad;
	uint64_t	R = argc > 2 ? (uint64_t) atoll(argv[2]) : 999;
	int			reps = argc > 3 ? atoi(argv[3]) : 5,
				rep;
	int			queen = argc > 5 && atoi(argv[5]) == 1;
	uint32_t   *li = malloc(8 * n * sizeof(uint32_t)),
			   *lj = malloc(8 * n * sizeof(uint32_t)),
			   *us = malloc(14 * n * sizeof(uint32_t));
	double	   *lw = malloc(8 * n * sizeof(double)),
			   *x = malloc(n * sizeof(double)),
			   *scratch = malloc(16 * n * sizeof(double)),
			   *buf = malloc(6 * n * sizeof(double));
	uint64_t   *keys = malloc(n * sizeof(uint64_t));
	uint8_t    *quad = malloc(n);
	cg_weights	wt;
	cg_local_out out = {buf, buf + n, buf + 2 * n, buf + 3 * n, buf + 4 * n, buf + 5 * n, quad};
	cg_perm		perm = {1, R, CG_ALT_FOLDED, keys, argc > 4 ? atoi(argv[4]) : 0};

	for (i = 0; i < n; i++)
	{
		size_t		r = i / side,
					c = i % side;

		x[i] = sin((double) i * 0.37) + 0.01 * (double) r;
		keys[i] = i;
		if (c + 1 < side) { li[m] = i; lj[m] = i + 1; lw[m++] = 1; }
		if (c > 0) { li[m] = i; lj[m] = i - 1; lw[m++] = 1; }
		if (r + 1 < side) { li[m] = i; lj[m] = i + side; lw[m++] = 1; }
		if (r > 0) { li[m] = i; lj[m] = i - side; lw[m++] = 1; }
		if (queen && r > 0 && c > 0) { li[m] = i; lj[m] = i - side - 1; lw[m++] = 1; }
		if (queen && r > 0 && c + 1 < side) { li[m] = i; lj[m] = i - side + 1; lw[m++] = 1; }
		if (queen && r + 1 < side && c > 0) { li[m] = i; lj[m] = i + side - 1; lw[m++] = 1; }
		if (queen && r + 1 < side && c + 1 < side) { li[m] = i; lj[m] = i + side + 1; lw[m++] = 1; }
	}
	wt.row = malloc((n + 1) * sizeof(size_t));
	wt.col = malloc(m * sizeof(uint32_t));
	wt.w = malloc(m * sizeof(double));
	if (cg_weights_build(n, m, li, lj, lw, 0, &wt, &bad) != CG_OK || cg_weights_transform(&wt, 'R') != CG_OK)
		return 1;
	for (rep = 0; rep < reps; rep++)
	{
		double		t0 = now_ms(),
					s = 0;

		if (cg_local_moran(&wt, x, 1, 1, &perm, scratch, us, &out) != CG_OK)
			return 1;
		for (i = 0; i < n; i++)
			s += out.p_sim[i];
		printf("n %zu links %zu R %llu: %.2f ms (sum p %.3f)\n", n, m, (unsigned long long) R, now_ms() - t0, s);
	}
	return 0;
}
