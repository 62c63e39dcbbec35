/*
 * test_access.c — the floating-catchment family on toy cases worked by
 * hand (the arithmetic in the comments) and its invariants.
 */
#include "cg_test.h"
#include "cg_access.h"

#include <math.h>

/*
 * Two demand points and two sites on a line (costs): demand 0 (P = 100)
 * reaches site 0 at 5 and site 1 at 15; demand 1 (P = 300) reaches site 1
 * at 8 (site 0 at 40 is outside d0 = 20).  S = (10, 20).
 * 2SFCA: R_0 = 10/100 = 0.1, R_1 = 20/(100 + 300) = 0.05;
 *        A_0 = 0.1 + 0.05 = 0.15, A_1 = 0.05.  Sum P A = 15 + 15 = 30 = sum S.
 * E2SFCA, zones (0,10] 1, (10,20] 0.5: R_0 = 10/100 = 0.1,
 *        R_1 = 20/(0.5*100 + 1*300) = 20/350; A_0 = 0.1 + 0.5*20/350,
 *        A_1 = 20/350.
 * G2SFCA, d0 = 20: W(5) = (e^-1/32 - e^-1/2)/(1 - e^-1/2), and so on.
 * 3SFCA with the E2SFCA zones: demand 0's weights (1, 0.5) sum 1.5, so
 *        G = (2/3, 1/3); demand 1's (1) gives G = 1.
 *        R_0 = 10/(2/3*1*100), R_1 = 20/(1/3*0.5*100 + 1*1*300);
 *        A_0 = 2/3*R_0 + 1/3*0.5*R_1, A_1 = R_1.
 */
static const size_t trow[3] = {0, 2, 4};
static const uint32_t tcol[4] = {0, 1, 0, 1};
static const double tcost[4] = {5, 15, 40, 8};

CG_TEST(test_fca_toy)
{
	double		P[2] = {100, 300},
				S[2] = {10, 20},
				acc[2],
				sup[2],
				ratio[2],
				seen[2],
				scratch[2],
				zu[2] = {10, 20},
				zw[2] = {1, 0.5};
	uint32_t	sites[2],
				points[2];
	cg_fca_out	out = {acc, sites, sup, ratio, seen, points};
	cg_fca_table tab = {trow, tcol, tcost};
	cg_fca_params p = {CG_FCA_2SFCA, 20, 0, NULL, NULL};
	size_t		bad;
	double		e = exp(-0.5),
				w5,
				w15,
				w8,
				r0,
				r1;

	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	CHECK_NEAR(ratio[0], 0.1, 1e-15);
	CHECK_NEAR(ratio[1], 0.05, 1e-15);
	CHECK_NEAR(acc[0], 0.15, 1e-15);
	CHECK_NEAR(acc[1], 0.05, 1e-15);
	CHECK(sites[0] == 2 && sites[1] == 1 && points[0] == 1 && points[1] == 2);
	CHECK_NEAR(P[0] * acc[0] + P[1] * acc[1], S[0] + S[1], 1e-12);
	/* unbounded: every A_i = sum S / sum P */
	p.d0 = INFINITY;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	CHECK_NEAR(acc[0], 30.0 / 400.0, 1e-15);
	CHECK_NEAR(acc[1], 30.0 / 400.0, 1e-15);
	/* E2SFCA */
	p.method = CG_FCA_E2SFCA;
	p.d0 = 20;
	p.nzones = 2;
	p.zone_upper = zu;
	p.zone_weight = zw;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	CHECK_NEAR(acc[0], 0.1 + 0.5 * 20.0 / 350.0, 1e-15);
	CHECK_NEAR(acc[1], 20.0 / 350.0, 1e-15);
	/* one zone of weight 1 is 2SFCA */
	zw[1] = 1;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	CHECK_NEAR(acc[0], 0.15, 1e-15);
	zw[1] = 0.5;
	/* G2SFCA */
	p.method = CG_FCA_G2SFCA;
	w5 = (exp(-0.5 * 0.25 * 0.25) - e) / (1 - e);
	w15 = (exp(-0.5 * 0.75 * 0.75) - e) / (1 - e);
	w8 = (exp(-0.5 * 0.4 * 0.4) - e) / (1 - e);
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	r0 = 10 / (w5 * 100);
	r1 = 20 / (w15 * 100 + w8 * 300);
	CHECK_NEAR(acc[0], w5 * r0 + w15 * r1, 1e-14);
	CHECK_NEAR(acc[1], w8 * r1, 1e-14);
	/* 3SFCA */
	p.method = CG_FCA_3SFCA;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	r0 = 10 / (2.0 / 3.0 * 100);
	r1 = 20 / (1.0 / 3.0 * 0.5 * 100 + 300);
	CHECK_NEAR(acc[0], 2.0 / 3.0 * r0 + 1.0 / 3.0 * 0.5 * r1, 1e-14);
	CHECK_NEAR(acc[1], r1, 1e-14);
	/* bad input */
	P[1] = -1;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_E_NEGATIVE && bad == 1);
	P[1] = 300;
	S[0] = NAN;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_E_NAN && bad == 2);
	S[0] = 10;
	zu[1] = 5;
	CHECK(cg_fca_run(&p, 2, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_E_CORRUPT);
}

/* Distance 0 is inside the catchment (SpatialAcc drops it); a site without demand is flagged by ratio 0. */
CG_TEST(test_fca_edges)
{
	static const size_t row[2] = {0, 2};
	static const uint32_t col[2] = {0, 1};
	static const double cost[2] = {0, 50};
	double		P[1] = {10},
				S[2] = {5, 7},
				acc[1],
				sup[1],
				ratio[2],
				seen[2],
				scratch[1];
	uint32_t	sites[1],
				points[2];
	cg_fca_out	out = {acc, sites, sup, ratio, seen, points};
	cg_fca_table tab = {row, col, cost};
	cg_fca_params p = {CG_FCA_2SFCA, 20, 0, NULL, NULL};
	size_t		bad;

	CHECK(cg_fca_run(&p, 1, P, 2, S, cg_fca_table_pairs, &tab, scratch, &out, &bad) == CG_OK);
	CHECK_NEAR(acc[0], 0.5, 1e-15);
	CHECK(points[1] == 0 && ratio[1] == 0.0 && sites[0] == 1);
}
