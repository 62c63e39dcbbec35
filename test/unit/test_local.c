/*
 * test_local.c — local Moran, Gi / Gi*, conditional permutations, the
 * spatial lag, p-value adjustment, Geary's C and general G: values derived
 * by hand in the comments.
 */
#include "cg_test.h"
#include "cg_local.h"
#include "cg_spatial.h"

#include <math.h>
#include <string.h>

static size_t rowbuf[64];
static uint32_t colbuf[256];
static double wbuf[256];

static cg_status
mk(size_t n, size_t m, const uint32_t *li, const uint32_t *lj, const double *lw,
   int allow_self, cg_weights *wt)
{
	size_t		bad;

	wt->row = rowbuf;
	wt->col = colbuf;
	wt->w = wbuf;
	return cg_weights_build(n, m, li, lj, lw, allow_self, wt, &bad);
}

static double s_stat[16], s_lag[16], s_e[16], s_v[16], s_z[16], s_p[16];
static uint8_t s_q[16];

static cg_local_out
outs(void)
{
	cg_local_out o = {s_stat, s_lag, s_e, s_v, s_z, s_p, s_q};

	return o;
}

/*
 * Chain 0-1-2-3, binary, x = 1..4: z = (-1.5, -.5, .5, 1.5), sum z^2 = 5,
 * m2 = 1.25; lags (-.5, -1, 1, .5); spdep's I_i = z_i lag_i / m2 =
 * (.6, .4, .4, .6), summing to S0 I = 6 (1/3) = 2; GeoDa's 3/4 of those.
 * Conditional moments of unit 0: E = -(z0^2 W0) / ((n-1) m2) = -2.25 / 3.75
 * = -.6; Var = (z0/m2)^2 (n/(n-2)) (W2 - W^2/(n-1)) (m2 - z0^2/(n-1)) =
 * 1.44 * 2 * (2/3) * .5 = .96.  Total randomization of unit 1: b2 =
 * (10.25/4)/1.5625 = 1.64, A = (4 - 1.64)/3, B = (3.28 - 4)/6 = -.12,
 * E = -2/3, Var = 2A + 2B - 4/9 = 8/9.
 */
CG_TEST(test_local_moran_chain)
{
	uint32_t	li[6] = {0, 1, 1, 2, 2, 3},
				lj[6] = {1, 0, 2, 1, 3, 2},
				us[512];
	double		lw[6] = {1, 1, 1, 1, 1, 1},
				x[4] = {1, 2, 3, 4},
				scratch[512];
	uint64_t	keys[4] = {10, 20, 30, 40};
	cg_weights	wt;
	cg_perm		none = {0, 0, CG_ALT_FOLDED, NULL, 0},
				perm = {7, 999, CG_ALT_FOLDED, keys, 0};
	cg_local_out o = outs();
	double		p1[4];

	CHECK(mk(4, 6, li, lj, lw, 0, &wt) == CG_OK);
	CHECK(cg_local_moran(&wt, x, 0, 1, &none, scratch, us, &o) == CG_OK);
	CHECK_NEAR(s_stat[0], 0.6, 1e-15);
	CHECK_NEAR(s_stat[1], 0.4, 1e-15);
	CHECK_NEAR(s_stat[3], 0.6, 1e-15);
	CHECK_NEAR(s_e[0], -0.6, 1e-15);
	CHECK_NEAR(s_v[0], 0.96, 1e-15);
	CHECK_NEAR(s_z[0], 1.2 / sqrt(0.96), 1e-14);
	CHECK(s_q[0] == CG_QUAD_LL && s_q[1] == CG_QUAD_LL && s_q[2] == CG_QUAD_HH && s_q[3] == CG_QUAD_HH);
	CHECK(isnan(s_p[0]));
	CHECK(cg_local_moran(&wt, x, 0, 0, &none, scratch, us, &o) == CG_OK);
	CHECK_NEAR(s_e[1], -2.0 / 3.0, 1e-15);
	CHECK_NEAR(s_v[1], 8.0 / 9.0, 1e-14);
	/* GeoDa scaling: 3/4 of I, E; 9/16 of Var; the same z */
	CHECK(cg_local_moran(&wt, x, 1, 0, &none, scratch, us, &o) == CG_OK);
	CHECK_NEAR(s_stat[0], 0.45, 1e-15);
	CHECK_NEAR(s_v[1], 0.5, 1e-14);
	/* permutations: p in [1/1000, 1], the same twice, another seed another stream */
	CHECK(cg_local_moran(&wt, x, 1, 1, &perm, scratch, us, &o) == CG_OK);
	memcpy(p1, s_p, sizeof(p1));
	CHECK(p1[0] >= 0.001 && p1[0] <= 0.5);
	CHECK(cg_local_moran(&wt, x, 1, 1, &perm, scratch, us, &o) == CG_OK);
	CHECK(memcmp(p1, s_p, sizeof(p1)) == 0);
	perm.complete = 1;
	CHECK(cg_local_moran(&wt, x, 1, 1, &perm, scratch, us, &o) == CG_OK);
	CHECK(s_p[0] >= 0.001 && s_p[0] <= 0.5);
	perm.complete = 0;
	/* all equal: no statistic, never 0/0 */
	x[0] = x[1] = x[2] = x[3] = 5;
	CHECK(cg_local_moran(&wt, x, 1, 1, &perm, scratch, us, &o) == CG_OK);
	CHECK(isnan(s_stat[0]) && isnan(s_z[2]) && s_q[1] == 0);
	x[0] = NAN;
	CHECK(cg_local_moran(&wt, x, 1, 1, &perm, scratch, us, &o) == CG_E_NAN);
}

/*
 * Unit 3 of the chain 0-1-2-3 plus an island 4 of value 1000 has one
 * neighbour (2, x = 3).  Gi of unit 3 permuted draws one unit of the pool
 * {0, 1, 2} (never itself, never the island): lag_r >= 3 only for unit 2,
 * so p(greater) = (R/3 + 1)/(R + 1) ~ 1/3; drawing the island would give ~1/2.
 * Gi* of unit 0 (binary with self): W = 2, S1 = 2, sum w x = 3, x-bar = 2.5
 * over the first 4 units, S^2 = 5/4: z = (3 - 5) / (sqrt(1.25) sqrt(4/3)).
 */
CG_TEST(test_local_g)
{
	uint32_t	li[6] = {0, 1, 1, 2, 2, 3},
				lj[6] = {1, 0, 2, 1, 3, 2},
				si[10] = {0, 1, 1, 2, 2, 3, 0, 1, 2, 3},
				sj[10] = {1, 0, 2, 1, 3, 2, 0, 1, 2, 3},
				us[512];
	double		lw[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
				x[5] = {1, 2, 3, 4, 1000},
				scratch[512];
	uint64_t	keys[5] = {1, 2, 3, 4, 5};
	cg_weights	wt;
	cg_perm		perm = {11, 30000, CG_ALT_GREATER, keys, 0},
				none = {0, 0, CG_ALT_FOLDED, NULL, 0};
	cg_local_out o = outs();

	CHECK(mk(5, 6, li, lj, lw, 0, &wt) == CG_OK);
	CHECK(cg_local_g(&wt, x, 0, &perm, scratch, us, &o) == CG_OK);
	CHECK(fabs(s_p[3] - 1.0 / 3.0) < 0.015);
	CHECK(isnan(s_stat[4]) && isnan(s_p[4]));
	perm.complete = 1;			/* the other sampler: the same law */
	CHECK(cg_local_g(&wt, x, 0, &perm, scratch, us, &o) == CG_OK);
	CHECK(fabs(s_p[3] - 1.0 / 3.0) < 0.015);
	CHECK(mk(4, 10, si, sj, lw, 1, &wt) == CG_OK);
	CHECK(cg_local_g(&wt, x, 1, &none, scratch, us, &o) == CG_OK);
	CHECK_NEAR(s_stat[0], 0.3, 1e-15);
	CHECK_NEAR(s_e[0], 0.5, 1e-15);
	CHECK_NEAR(s_z[0], -2.0 / (sqrt(1.25) * sqrt(4.0 / 3.0)), 1e-14);
	CHECK_NEAR((s_stat[0] - s_e[0]) / sqrt(s_v[0]), s_z[0], 1e-14);
	x[1] = -1;
	CHECK(cg_local_g(&wt, x, 1, &none, scratch, us, &o) == CG_E_NEGATIVE);
}

/*
 * p = (.01, .04, .03, .005), as R's p.adjust by hand.  BH: sorted .005 .01
 * .03 .04 times 4/rank = .02 .02 .04 .04, cummin from the top: the same.
 * Holm: sorted times (4, 3, 2, 1) = .02 .03 .06 .04, cummax .02 .03 .06 .06.
 * BY: BH times 1 + 1/2 + 1/3 + 1/4 = 25/12.
 */
CG_TEST(test_p_adjust)
{
	double		p[4] = {0.01, 0.04, 0.03, 0.005},
				out[4],
				scratch[8];
	size_t		bad;

	CHECK(cg_p_adjust(p, 4, CG_PADJ_BH, scratch, out, &bad) == CG_OK);
	CHECK_NEAR(out[0], 0.02, 1e-15);
	CHECK_NEAR(out[1], 0.04, 1e-15);
	CHECK_NEAR(out[2], 0.04, 1e-15);
	CHECK_NEAR(out[3], 0.02, 1e-15);
	CHECK(cg_p_adjust(p, 4, CG_PADJ_HOLM, scratch, out, &bad) == CG_OK);
	CHECK_NEAR(out[0], 0.03, 1e-15);
	CHECK_NEAR(out[1], 0.06, 1e-15);
	CHECK_NEAR(out[2], 0.06, 1e-15);
	CHECK_NEAR(out[3], 0.02, 1e-15);
	CHECK(cg_p_adjust(p, 4, CG_PADJ_BONFERRONI, scratch, out, &bad) == CG_OK);
	CHECK_NEAR(out[1], 0.16, 1e-15);
	CHECK(cg_p_adjust(p, 4, CG_PADJ_BY, scratch, out, &bad) == CG_OK);
	CHECK_NEAR(out[0], 0.02 * 25.0 / 12.0, 1e-15);
	CHECK_NEAR(out[1], 0.04 * 25.0 / 12.0, 1e-15);
	p[2] = 1.5;
	CHECK(cg_p_adjust(p, 4, CG_PADJ_BH, scratch, out, &bad) == CG_E_CORRUPT && bad == 2);
	p[2] = NAN;
	CHECK(cg_p_adjust(p, 4, CG_PADJ_BH, scratch, out, &bad) == CG_E_NAN && bad == 2);
}

/*
 * Geary's C on the chain, binary, x = 1..4: sum_ij w (x_i - x_j)^2 = 6 (each
 * of 3 edges twice, difference 1), C = (n-1) 6 / (2 S0 sum z^2) = 18/60 = .3.
 * Var_N = ((2 S1 + S2)(n-1) - 4 S0^2) / (2 (n+1) S0^2) with S0 = 6, S1 = 12,
 * S2 = 4 + 16 + 16 + 4 = 40: (64 * 3 - 144) / (10 * 36) = 48/360.
 * General G: sum w x_i x_j = 2 (2 + 6 + 12) = 40, sum_{i != j} x_i x_j =
 * 100 - 30 = 70: G = 4/7, E = 6/12 = .5.
 */
CG_TEST(test_geary_and_g)
{
	uint32_t	li[6] = {0, 1, 1, 2, 2, 3},
				lj[6] = {1, 0, 2, 1, 3, 2},
				us[512];
	double		lw[6] = {1, 1, 1, 1, 1, 1},
				x[4] = {1, 2, 3, 4},
				scratch[512],
				p,
				mean;
	cg_weights	wt;
	cg_moran	mo;

	CHECK(mk(4, 6, li, lj, lw, 0, &wt) == CG_OK);
	CHECK(cg_geary_global(&wt, x, scratch, us, &mo) == CG_OK);
	CHECK_NEAR(mo.i, 0.3, 1e-15);
	CHECK_NEAR(mo.var_normal, 48.0 / 360.0, 1e-15);
	CHECK_NEAR(mo.z_normal, 0.7 / sqrt(48.0 / 360.0), 1e-14);
	CHECK(cg_getis_g_global(&wt, x, scratch, us, &mo) == CG_OK);
	CHECK_NEAR(mo.i, 4.0 / 7.0, 1e-15);
	CHECK_NEAR(mo.expectation, 0.5, 1e-15);
	CHECK(!(mo.defined & CG_MORAN_HAS_VAR_N));
	/* 24 orderings of 1..4 on the chain: C <= .3 only for 1234 and 4321 */
	CHECK(cg_global_permutations(CG_GLOBAL_GEARY, &wt, x, 3, 24000, CG_ALT_GREATER, scratch, us, &p, &mean, &mo) == CG_OK);
	CHECK_NEAR(mo.i, 0.3, 1e-15);
	CHECK(fabs(p - 2.0 / 24.0) < 0.01);
	x[0] = -1;
	CHECK(cg_getis_g_global(&wt, x, scratch, us, &mo) == CG_E_NEGATIVE);
}

/* lag: sum of neighbours' values, NaN without neighbours */
CG_TEST(test_spatial_lag)
{
	uint32_t	li[4] = {0, 1, 1, 2},
				lj[4] = {1, 0, 2, 1};
	double		lw[4] = {1, 0.5, 0.5, 1},
				x[4] = {1, 2, 3, 4},
				lag[4];
	cg_weights	wt;

	CHECK(mk(4, 4, li, lj, lw, 0, &wt) == CG_OK);
	CHECK(cg_spatial_lag(&wt, x, lag) == CG_OK);
	CHECK(lag[0] == 2.0 && lag[1] == 2.0 && lag[2] == 2.0 && isnan(lag[3]));
}

/*
 * Spatial Gini on the chain 0-1-2-3 with x = 1..4: the ordered pairs sum
 * 2 (1 + 2 + 3 + 1 + 2 + 1) = 20, Gini = 20 / (2 * 16 * 2.5) = 0.25; the 6
 * links each differ by 1: neighbour part 6, the rest 14.  Of the 24
 * orderings only 1234 and 4321 give a neighbour part as small: p ~ 1/12.
 */
CG_TEST(test_gini_spatial)
{
	uint32_t	li[6] = {0, 1, 1, 2, 2, 3},
				lj[6] = {1, 0, 2, 1, 3, 2};
	double		lw[6] = {1, 1, 1, 1, 1, 1},
				x[4] = {1, 2, 3, 4},
				scratch[16];
	cg_weights	wt;
	cg_gini_spatial_result g;

	CHECK(mk(4, 6, li, lj, lw, 0, &wt) == CG_OK);
	CHECK(cg_gini_spatial(&wt, x, 5, 24000, scratch, &g) == CG_OK);
	CHECK(g.defined);
	CHECK_NEAR(g.gini, 0.25, 1e-15);
	CHECK_NEAR(g.total, 20.0, 1e-15);
	CHECK_NEAR(g.neighbour, 6.0, 1e-15);
	CHECK_NEAR(g.non_neighbour, 14.0, 1e-15);
	CHECK(fabs(g.p_sim - 1.0 / 12.0) < 0.01);
	x[0] = x[1] = x[2] = x[3] = 0;
	CHECK(cg_gini_spatial(&wt, x, 5, 10, scratch, &g) == CG_OK && !g.defined);
	x[0] = -1;
	CHECK(cg_gini_spatial(&wt, x, 5, 10, scratch, &g) == CG_E_NEGATIVE);
}
