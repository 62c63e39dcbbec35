/*
 * test_weights.c — spatial weights kernel: build checks, transforms and the
 * summary numbers against hand derivations (docs/FORMULAS.md section 3).
 */
#include "cg_test.h"
#include "cg_spatial.h"
#include "cg_weights.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Build n units from m links into static buffers. */
static cg_status
build(size_t n, size_t m, const uint32_t *li, const uint32_t *lj, const double *lw,
	  int allow_self, cg_weights *wt, size_t *bad)
{
	static size_t row[256];
	static uint32_t col[4096];
	static double w[4096];

	wt->row = row;
	wt->col = col;
	wt->w = w;
	return cg_weights_build(n, m, li, lj, lw, allow_self, wt, bad);
}

static void
summarize(const cg_weights *wt, cg_weights_summary *s)
{
	static double scratch[512];
	static uint32_t parent[256];

	CHECK(cg_weights_summarize(wt, scratch, parent, s) == CG_OK);
}

/*
 * A chain of 4 units, 0-1-2-3, links both ways, given out of order.
 * Binary: S0 = 6 links; S1 = 1/2 * 6 * (1 + 1)^2 = 12; S2 = sum (2 deg)^2 =
 * 4 + 16 + 16 + 4 = 40.  Row-standardized: rows {1: 1}, {0: .5, 2: .5},
 * {1: .5, 3: .5}, {2: 1}: S0 = 4; S1 = 1/2 (2.25 + 2.25 + 1 + 1 + 2.25 + 2.25)
 * = 5.5; column sums .5, 1.5, 1.5, .5, so S2 = 1.5^2 + 2.5^2 + 2.5^2 + 1.5^2 = 17;
 * 4 asymmetric links (0->1 is 1, 1->0 is .5; likewise 2-3).
 */
CG_TEST(test_weights_chain)
{
	uint32_t	li[6] = {2, 0, 1, 3, 1, 2},
				lj[6] = {1, 1, 2, 2, 0, 3};
	double		lw[6] = {1, 1, 1, 1, 1, 1};
	cg_weights	wt;
	cg_weights_summary s;
	size_t		bad;

	CHECK(build(4, 6, li, lj, lw, 0, &wt, &bad) == CG_OK);
	CHECK(wt.row[0] == 0 && wt.row[1] == 1 && wt.row[2] == 3 && wt.row[4] == 6);
	CHECK(wt.col[1] == 0 && wt.col[2] == 2);	/* row 1 sorted: 0, 2 */
	summarize(&wt, &s);
	CHECK_EQ(s.s0, 6.0);
	CHECK_EQ(s.s1, 12.0);
	CHECK_EQ(s.s2, 40.0);
	CHECK(s.islands == 0 && s.components == 1 && s.asymmetric == 0);
	CHECK(s.min_neighbours == 1 && s.max_neighbours == 2);
	CHECK_EQ(s.mean_neighbours, 1.5);
	CHECK(cg_weights_transform(&wt, 'R') == CG_OK);
	summarize(&wt, &s);
	CHECK_EQ(s.s0, 4.0);
	CHECK_EQ(s.s1, 5.5);
	CHECK_EQ(s.s2, 17.0);
	CHECK(s.asymmetric == 4);
	/* C: all sum to n = 4; U: to 1; B: back to ones */
	CHECK(cg_weights_transform(&wt, 'C') == CG_OK);
	summarize(&wt, &s);
	CHECK_NEAR(s.s0, 4.0, 1e-15);
	CHECK(cg_weights_transform(&wt, 'U') == CG_OK);
	summarize(&wt, &s);
	CHECK_NEAR(s.s0, 1.0, 1e-15);
	CHECK(cg_weights_transform(&wt, 'B') == CG_OK);
	summarize(&wt, &s);
	CHECK_EQ(s.s0, 6.0);
	/*
	 * S from binary: q = 1/sqrt(deg): rows 0, 3 keep 1, rows 1, 2 get 1/sqrt 2;
	 * sum 2 + 4/sqrt 2 = 2 + 2 sqrt 2, scaled to n = 4: w(0,1) = 4 / (2 + 2 sqrt 2)
	 */
	CHECK(cg_weights_transform(&wt, 'S') == CG_OK);
	summarize(&wt, &s);
	CHECK_NEAR(s.s0, 4.0, 1e-15);
	CHECK_NEAR(wt.w[0], 4.0 / (2.0 + 2.0 * sqrt(2.0)), 1e-15);
	CHECK(cg_weights_transform(&wt, 'X') == CG_E_CORRUPT);
}

/*
 * Islands, components and asymmetry: 5 units, 0<->1, 2->1 (a nearest-neighbour
 * link not returned), unit 3 and 4 alone.  Binary S1 = 1/2 [(1+1)^2 * 2 + 1^2 * 2]
 * = 5; S0 = 3; components {0, 1, 2}, {3}, {4}; islands 3 and 4.
 */
CG_TEST(test_weights_islands)
{
	uint32_t	li[3] = {0, 1, 2},
				lj[3] = {1, 0, 1};
	double		lw[3] = {1, 1, 1};
	cg_weights	wt;
	cg_weights_summary s;
	size_t		bad;

	CHECK(build(5, 3, li, lj, lw, 0, &wt, &bad) == CG_OK);
	summarize(&wt, &s);
	CHECK_EQ(s.s0, 3.0);
	CHECK_EQ(s.s1, 5.0);
	CHECK(s.islands == 2 && s.components == 3 && s.asymmetric == 1);
	CHECK(s.min_neighbours == 0 && s.max_neighbours == 1);
	/* an island's row stays empty under R; a row of zero weights cannot be standardized */
	CHECK(cg_weights_transform(&wt, 'R') == CG_OK);
	lw[2] = 0.0;
	CHECK(build(5, 3, li, lj, lw, 0, &wt, &bad) == CG_OK);
	CHECK(cg_weights_transform(&wt, 'R') == CG_E_NONPOSITIVE);
}

/* Every bad link is named by its index. */
CG_TEST(test_weights_bad_links)
{
	uint32_t	li[4] = {0, 1, 2, 0},
				lj[4] = {1, 0, 1, 1};
	double		lw[4] = {1, 1, 1, 2};
	cg_weights	wt;
	size_t		bad;

	CHECK(build(3, 4, li, lj, lw, 0, &wt, &bad) == CG_E_DUPLICATE && bad == 3);
	li[3] = 2;
	lj[3] = 2;
	CHECK(build(3, 4, li, lj, lw, 0, &wt, &bad) == CG_E_SELF_LINK && bad == 3);
	CHECK(build(3, 4, li, lj, lw, 1, &wt, &bad) == CG_OK);	/* Gi*: self allowed */
	lj[3] = 3;
	CHECK(build(3, 4, li, lj, lw, 0, &wt, &bad) == CG_E_CORRUPT && bad == 3);
	lj[3] = 0;
	lw[1] = NAN;
	CHECK(build(3, 4, li, lj, lw, 0, &wt, &bad) == CG_E_NAN && bad == 1);
	lw[1] = INFINITY;
	CHECK(build(3, 4, li, lj, lw, 0, &wt, &bad) == CG_E_INFINITE && bad == 1);
	lw[1] = -0.5;
	CHECK(build(3, 4, li, lj, lw, 0, &wt, &bad) == CG_E_NEGATIVE && bad == 1);
}

/* A long row (heapsort path) comes out sorted; a repeat in it is found. */
CG_TEST(test_weights_long_row)
{
	uint32_t	li[200],
				lj[200];
	double		lw[200];
	cg_weights	wt;
	size_t		bad,
				k;

	for (k = 0; k < 200; k++)
	{
		li[k] = 0;
		lj[k] = (uint32_t) (1 + (k * 37) % 200);	/* a permutation of 1..200 */
		lw[k] = (double) lj[k];
	}
	CHECK(build(201, 200, li, lj, lw, 0, &wt, &bad) == CG_OK);
	for (k = 0; k < 200; k++)
		CHECK(wt.col[k] == k + 1 && wt.w[k] == (double) (k + 1));
	lj[150] = lj[10];
	CHECK(build(201, 200, li, lj, lw, 0, &wt, &bad) == CG_E_DUPLICATE && bad == 150);
}

/*
 * Moran's I on the chain 0-1-2-3, binary, x = (1, 2, 3, 4), by hand:
 * z = (-1.5, -0.5, 0.5, 1.5), sum z^2 = 5, sum over links of z_i z_j =
 * 2 (0.75 - 0.25 + 0.75) = 2.5, I = (4/6)(2.5/5) = 1/3; E[I] = -1/3;
 * Var_N = (16*12 - 4*40 + 3*36) / (15*36) - 1/9 = 140/540 - 60/540 = 4/27;
 * b2 = 4 * 10.25 / 25 = 1.64, Var_R = [4(7*12 - 160 + 108) - 1.64(144 - 320 + 216)]
 * / (6*36) - 1/9 = (128 - 65.6)/216 - 24/216 = 8/45.
 * Alternating x = (1, 0, 1, 0): every neighbour differs, I = (4/6)(-6 * 0.25)/1 = -1.
 * Equal x: sum z^2 = 0, I undefined (not a division by zero).
 */
CG_TEST(test_moran_chain)
{
	uint32_t	li[6] = {0, 1, 1, 2, 2, 3},
				lj[6] = {1, 0, 2, 1, 3, 2};
	double		lw[6] = {1, 1, 1, 1, 1, 1},
				x[4] = {1, 2, 3, 4},
				alt[4] = {1, 0, 1, 0},
				same[4] = {7, 7, 7, 7},
				scratch[512];
	uint32_t	us[256];
	cg_weights	wt;
	cg_moran	mo;
	size_t		bad;

	CHECK(build(4, 6, li, lj, lw, 0, &wt, &bad) == CG_OK);
	CHECK(cg_moran_global(&wt, x, scratch, us, &mo) == CG_OK);
	CHECK(mo.defined == (CG_MORAN_HAS_I | CG_MORAN_HAS_VAR_N | CG_MORAN_HAS_VAR_R));
	CHECK_NEAR(mo.i, 1.0 / 3.0, 1e-15);
	CHECK_NEAR(mo.expectation, -1.0 / 3.0, 1e-15);
	CHECK_NEAR(mo.var_normal, 4.0 / 27.0, 1e-15);
	CHECK_NEAR(mo.var_random, 8.0 / 45.0, 1e-15);
	CHECK_NEAR(mo.z_normal, (2.0 / 3.0) / sqrt(4.0 / 27.0), 1e-14);
	CHECK(cg_moran_global(&wt, alt, scratch, us, &mo) == CG_OK);
	CHECK_NEAR(mo.i, -1.0, 1e-15);
	CHECK(cg_moran_global(&wt, same, scratch, us, &mo) == CG_OK);
	CHECK(!(mo.defined & CG_MORAN_HAS_I) && (mo.defined & CG_MORAN_HAS_VAR_N));
	x[2] = NAN;
	CHECK(cg_moran_global(&wt, x, scratch, us, &mo) == CG_E_NAN);
	/* row-standardized weights: a value of their own, by hand below */
	x[2] = 3;
	CHECK(cg_weights_transform(&wt, 'R') == CG_OK);
	CHECK(cg_moran_global(&wt, x, scratch, us, &mo) == CG_OK);
	/* R: sum w z_i z_j = 1*(0.75) + .5*(0.75 - 0.25) + .5*(-0.25 + 0.75) + 1*0.75 = 2; I = (4/4)(2/5) = 0.4 */
	CHECK_NEAR(mo.i, 0.4, 1e-15);
}

/*
 * The counter-based generator against an independent implementation of its
 * documented definition (Python, 64-bit arithmetic by masking):
 * cg_rng_u64(1, 2, 3) = 0xd0734750fde362b3, cg_rng_u64(42, 0, 0) = 0x6310bf04d8207f46.
 * Draws below 7 are uniform to within 3 % over 70,000 counters.
 */
CG_TEST(test_rng)
{
	size_t		counts[7] = {0},
				k;

	CHECK(cg_rng_u64(1, 2, 3) == UINT64_C(0xd0734750fde362b3));
	CHECK(cg_rng_u64(42, 0, 0) == UINT64_C(0x6310bf04d8207f46));
	for (k = 0; k < 70000; k++)
	{
		uint64_t	v = cg_rng_below(9, 1, k, 7);

		CHECK(v < 7);
		counts[v % 7]++;
	}
	for (k = 0; k < 7; k++)
		CHECK(counts[k] > 9700 && counts[k] < 10300);
	CHECK(cg_rng_below(9, 1, 5, 1) == 0);
}

/*
 * Permutation inference on the chain x = (1, 2, 3, 4), binary: of the 24
 * orderings exactly 2 give I >= 1/3 (itself and its reverse; enumerated in
 * Python), all 24 give I <= 1/3, and their mean is E[I] = -1/3.  With 20,000
 * replicates and seed 7 the pseudo p-values estimate these (a statistical
 * check with a fixed seed: the same numbers on every machine).
 */
CG_TEST(test_moran_permutations)
{
	uint32_t	li[6] = {0, 1, 1, 2, 2, 3},
				lj[6] = {1, 0, 2, 1, 3, 2};
	double		lw[6] = {1, 1, 1, 1, 1, 1},
				x[4] = {1, 2, 3, 4},
				scratch[512],
				p,
				p2,
				mean;
	uint32_t	us[256];
	cg_weights	wt;
	size_t		bad;

	CHECK(build(4, 6, li, lj, lw, 0, &wt, &bad) == CG_OK);
	CHECK(cg_moran_permutations(&wt, x, 7, 20000, CG_ALT_GREATER, scratch, us, &p, &mean) == CG_OK);
	CHECK(fabs(p - 2.0 / 24.0) < 0.01);
	CHECK(fabs(mean + 1.0 / 3.0) < 0.01);
	CHECK(cg_moran_permutations(&wt, x, 7, 20000, CG_ALT_GREATER, scratch, us, &p2, &mean) == CG_OK);
	CHECK(p == p2);				/* same seed, same draws */
	CHECK(cg_moran_permutations(&wt, x, 8, 20000, CG_ALT_GREATER, scratch, us, &p2, &mean) == CG_OK);
	CHECK(p != p2 && fabs(p2 - 2.0 / 24.0) < 0.01);	/* another seed, another estimate */
	CHECK(cg_moran_permutations(&wt, x, 7, 20000, CG_ALT_LESSER, scratch, us, &p, &mean) == CG_OK);
	CHECK(p == 1.0);			/* every ordering has I <= 1/3 */
	CHECK(cg_moran_permutations(&wt, x, 7, 20000, CG_ALT_FOLDED, scratch, us, &p, &mean) == CG_OK);
	CHECK(fabs(p - 2.0 / 24.0) < 0.01);
	CHECK(cg_moran_permutations(&wt, x, 7, 20000, CG_ALT_TWO_SIDED, scratch, us, &p, &mean) == CG_OK);
	CHECK(fabs(p - 4.0 / 24.0) < 0.02);
	x[3] = x[2] = x[1] = x[0];
	CHECK(cg_moran_permutations(&wt, x, 7, 99, CG_ALT_GREATER, scratch, us, &p, &mean) == CG_OK);
	CHECK(isnan(p));			/* I undefined for equal values */
}
