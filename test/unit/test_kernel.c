/*
 * test_kernel.c — unit tests of src/kernel.  Expected values are derived by
 * hand in the comments, never taken from the code's own output.
 */
#include "cg_test.h"
#include "cg_gap.h"
#include "cg_pairs.h"
#include <stdlib.h>
#include "cg_sum.h"

#include <stdint.h>
#include <string.h>

/* (1e16 + 1) - 1e16 = 1, lost entirely by naive summation (ulp(1e16) = 2). */
CG_TEST(test_nsum_cancellation)
{
	double		hi = 0.0,
				lo = 0.0;

	cg_nsum_add(&hi, &lo, 1e16);
	cg_nsum_add(&hi, &lo, 1.0);
	cg_nsum_add(&hi, &lo, -1e16);
	CHECK_EQ(cg_nsum_value(hi, lo), 1.0);
}

/*
 * 10^7 times the double nearest 0.1 (0.1000000000000000055511...) sums to
 * 1000000.0000000000555..., whose nearest double is 1e6 exactly; the naive
 * loop drifts to 999999.9998389754.
 */
CG_TEST(test_nsum_many_terms)
{
	double		hi = 0.0,
				lo = 0.0,
				naive = 0.0;
	int			i;

	for (i = 0; i < 10000000; i++)
	{
		cg_nsum_add(&hi, &lo, 0.1);
		naive += 0.1;
	}
	CHECK_EQ(cg_nsum_value(hi, lo), 1e6);
	CHECK(naive != 1e6);
}

/* Merging two halves equals summing all terms. */
CG_TEST(test_nsum_merge)
{
	double		ahi = 0.0,
				alo = 0.0,
				bhi = 0.0,
				blo = 0.0;
	int			i;

	for (i = 0; i < 1000; i++)
		cg_nsum_add(&ahi, &alo, 0.1);
	for (i = 0; i < 1000; i++)
		cg_nsum_add(&bhi, &blo, 0.1);
	cg_nsum_merge(&ahi, &alo, bhi, blo);
	/* 2000 * 0.1000000000000000055511 = 200.0000000000000111, nearest double 200 */
	CHECK_EQ(cg_nsum_value(ahi, alo), 200.0);
}

CG_TEST(test_checks)
{
	CHECK(cg_check_nonneg(0.0) == CG_OK);
	CHECK(cg_check_nonneg(-0.0) == CG_OK);
	CHECK(cg_check_nonneg(5.0) == CG_OK);
	CHECK(cg_check_nonneg(-1e-300) == CG_E_NEGATIVE);
	CHECK(cg_check_nonneg(NAN) == CG_E_NAN);
	CHECK(cg_check_nonneg(INFINITY) == CG_E_INFINITE);
	CHECK(cg_check_nonneg(-INFINITY) == CG_E_INFINITE);
	CHECK(cg_check_positive(0.0) == CG_E_NONPOSITIVE);
	CHECK(cg_check_positive(-2.0) == CG_E_NONPOSITIVE);
	CHECK(cg_check_positive(1e-300) == CG_OK);
	CHECK(cg_check_positive(NAN) == CG_E_NAN);
}

CG_TEST(test_check_row_names_argument)
{
	cg_gap_arg	bad;

	CHECK(cg_gap_check_row(-1.0, 5.0, &bad) == CG_E_NEGATIVE && bad == CG_ARG_SUPPLY);
	CHECK(cg_gap_check_row(1.0, NAN, &bad) == CG_E_NAN && bad == CG_ARG_DEMAND);
	CHECK(cg_gap_check_row(1.0, INFINITY, &bad) == CG_E_INFINITE && bad == CG_ARG_DEMAND);
	CHECK(cg_gap_check_row(1.0, 2.0, &bad) == CG_OK && bad == CG_ARG_NONE);
}

/*
 * S = (10, 30, 0), D = (100, 100, 0): sum S = 40, sum D = 200, R = 0.2.
 * Unit 1 needs 20, has 10: shortfall 10.  Unit 2 needs 20, has 30: surplus 10.
 * Unit 3 has no demand and no supply.  Gap index = 10 / (0.2 * 200) = 0.25,
 * which equals Hoover 1/2 (|10/40 - 100/200| + |30/40 - 100/200| + 0) = 0.25.
 */
CG_TEST(test_pooled_hand_example)
{
	double		v[] = {10, 100, 30, 100, 0, 0};
	cg_gap_summary s;

	CHECK(cg_gap_pooled(v, 3, &s) == CG_OK);
	CHECK(s.units == 3);
	CHECK_EQ(s.supply, 40.0);
	CHECK_EQ(s.demand, 200.0);
	CHECK_EQ(s.reference_ratio, 0.2);
	CHECK_EQ(s.coverage, 0.2);
	CHECK_EQ(s.shortfall, 10.0);
	CHECK_EQ(s.surplus, 10.0);
	CHECK_EQ(s.gap_index, 0.25);
	CHECK(s.units_short == 1);
	CHECK(s.units_no_demand == 1);
	CHECK(s.defined == (CG_HAS_COVERAGE | CG_HAS_REFERENCE | CG_HAS_GAP_INDEX | CG_HAS_SHORTFALL));
}

/* The same rows split over chunks (one of them empty) give the same summary. */
CG_TEST(test_pooled_chunks)
{
	double		v[] = {10, 100, 30, 100, 0, 0};
	cg_pair_chunk c[3] = {{v, 1}, {v + 2, 0}, {v + 2, 2}};
	cg_gap_summary s;

	CHECK(cg_gap_pooled_chunks(c, 3, &s) == CG_OK);
	CHECK(s.units == 3);
	CHECK_EQ(s.gap_index, 0.25);
	CHECK_EQ(s.shortfall, 10.0);
	CHECK(s.units_short == 1 && s.units_no_demand == 1);
}

/* Every unit exactly at the pooled ratio: no gap. S = 2 D throughout. */
CG_TEST(test_pooled_no_gap)
{
	double		v[] = {2, 1, 20, 10, 7, 3.5};
	cg_gap_summary s;

	CHECK(cg_gap_pooled(v, 3, &s) == CG_OK);
	CHECK_EQ(s.reference_ratio, 2.0);
	CHECK_EQ(s.shortfall, 0.0);
	CHECK_EQ(s.gap_index, 0.0);
	CHECK(s.units_short == 0);
}

/* Copy-and-validate finds the first bad row and names the argument. */
CG_TEST(test_copy_rows)
{
	double		src[] = {1, 2, 3, 4, 5, -6, NAN, 8};
	double		dst[8];
	size_t		row;
	cg_gap_arg	bad;

	CHECK(cg_gap_copy_rows(dst, src, 2, &row, &bad) == CG_OK);
	CHECK(dst[3] == 4.0);
	CHECK(cg_gap_copy_rows(dst, src, 4, &row, &bad) == CG_E_NEGATIVE && row == 2 && bad == CG_ARG_DEMAND);
	src[5] = 6;
	CHECK(cg_gap_copy_rows(dst, src, 4, &row, &bad) == CG_E_NAN && row == 3 && bad == CG_ARG_SUPPLY);
	src[6] = INFINITY;
	CHECK(cg_gap_copy_rows(src, src, 4, &row, &bad) == CG_E_INFINITE && row == 3);
}

/* A whole group without demand: totals only, no reference, no gap. */
CG_TEST(test_pooled_zero_demand)
{
	double		v[] = {5, 0, 0, 0};
	cg_gap_summary s;

	CHECK(cg_gap_pooled(v, 2, &s) == CG_OK);
	CHECK(s.units == 2);
	CHECK_EQ(s.supply, 5.0);
	CHECK_EQ(s.demand, 0.0);
	CHECK(s.units_no_demand == 2);
	CHECK(s.defined == 0);
}

/* No supply anywhere: R = 0, nothing is short of it, gap index 0/0 undefined. */
CG_TEST(test_pooled_zero_supply)
{
	double		v[] = {0, 10, 0, 30};
	cg_gap_summary s;

	CHECK(cg_gap_pooled(v, 2, &s) == CG_OK);
	CHECK_EQ(s.reference_ratio, 0.0);
	CHECK_EQ(s.shortfall, 0.0);
	CHECK(s.units_short == 0);
	CHECK(!(s.defined & CG_HAS_GAP_INDEX));
	CHECK(s.defined & CG_HAS_SHORTFALL);
}

CG_TEST(test_pooled_overflow)
{
	double		v[] = {1e308, 1, 1e308, 1};
	cg_gap_summary s;

	CHECK(cg_gap_pooled(v, 2, &s) == CG_E_OVERFLOW);
}

/*
 * Huge but finite values whose cross products overflow: the pass falls back
 * to R itself.  S = (1e300, 3e300), D = (1e300, 1e300): R = 2, shortfall of
 * unit 1 = 2e300 - 1e300 = 1e300, gap index = 1e300 / (2 * 2e300) = 0.25.
 */
CG_TEST(test_pooled_cross_product_overflow)
{
	double		v[] = {1e300, 1e300, 3e300, 1e300};
	cg_gap_summary s;

	CHECK(cg_gap_pooled(v, 2, &s) == CG_OK);
	CHECK_NEAR(s.shortfall, 1e300, 1e-15);
	CHECK_NEAR(s.gap_index, 0.25, 1e-15);
	CHECK(s.units_short == 1);
}

/* An empty group: units 0 and nothing defined. */
CG_TEST(test_pooled_empty)
{
	cg_gap_summary s;

	CHECK(cg_gap_pooled(NULL, 0, &s) == CG_OK);
	CHECK(s.units == 0 && s.defined == 0);
}

/*
 * Target tau = 0.3, S = (10, 30, 0), D = (100, 100, 0): needs 30, 30, 0.
 * Unit 1 short by 20; unit 2 exactly at target (0.3 * 100 rounds to 30.0);
 * unit 3 no demand.  Gap index = 20 / (0.3 * 200) = 1/3.
 */
CG_TEST(test_target_hand_example)
{
	double		st[CG_TS_LEN] = {0};
	double		v[] = {10, 100, 30, 100, 0, 0};
	cg_gap_summary s;
	cg_gap_arg	bad;
	int			i;

	for (i = 0; i < 3; i++)
		CHECK(cg_gap_target_add(st, v[2 * i], v[2 * i + 1], 0.3, &bad) == CG_OK);
	CHECK(cg_gap_target_summary(st, &s) == CG_OK);
	CHECK(s.units == 3);
	CHECK_EQ(s.reference_ratio, 0.3);
	CHECK_EQ(s.coverage, 0.2);
	CHECK_EQ(s.shortfall, 20.0);
	CHECK_EQ(s.surplus, 0.0);
	CHECK_NEAR(s.gap_index, 1.0 / 3.0, 1e-15);
	CHECK(s.units_short == 1);
	CHECK(s.units_no_demand == 1);
}

/* With tau equal to the pooled ratio, the target form equals the pooled one. */
CG_TEST(test_target_equals_pooled_at_pooled_ratio)
{
	double		st[CG_TS_LEN] = {0};
	double		v[] = {10, 100, 30, 100, 0, 0, 25, 50};	/* R = 65/250 = 0.26 */
	cg_gap_summary p,
				t;
	cg_gap_arg	bad;
	int			i;

	for (i = 0; i < 4; i++)
		CHECK(cg_gap_target_add(st, v[2 * i], v[2 * i + 1], 0.26, &bad) == CG_OK);
	CHECK(cg_gap_target_summary(st, &t) == CG_OK);
	CHECK(cg_gap_pooled(v, 4, &p) == CG_OK);
	/* shortfalls 16 and 0 ... : 26 - 10 = 16, 26 - 30 < 0, 13 - 25 < 0 */
	CHECK_NEAR(p.shortfall, 16.0, 1e-15);
	CHECK_NEAR(t.shortfall, p.shortfall, 1e-14);
	CHECK_NEAR(t.gap_index, p.gap_index, 1e-14);
	CHECK(t.units_short == p.units_short);
}

CG_TEST(test_target_rejects_bad_rows)
{
	double		st[CG_TS_LEN] = {0};
	cg_gap_arg	bad;

	CHECK(cg_gap_target_add(st, -1, 1, 0.1, &bad) == CG_E_NEGATIVE && bad == CG_ARG_SUPPLY);
	CHECK(cg_gap_target_add(st, 1, NAN, 0.1, &bad) == CG_E_NAN && bad == CG_ARG_DEMAND);
	CHECK(cg_gap_target_add(st, 1, 1, 0.0, &bad) == CG_E_NONPOSITIVE && bad == CG_ARG_TARGET);
	CHECK(cg_gap_target_add(st, 1, 1, -0.1, &bad) == CG_E_NONPOSITIVE && bad == CG_ARG_TARGET);
	CHECK(cg_gap_target_add(st, 1, 1, INFINITY, &bad) == CG_E_INFINITE && bad == CG_ARG_TARGET);
	CHECK(st[CG_TS_UNITS] == 0.0);	/* nothing was added */
	CHECK(cg_gap_target_add(st, 1, 1, 0.1, &bad) == CG_OK);
	CHECK(cg_gap_target_add(st, 1, 1, 0.2, &bad) == CG_E_MISMATCH && bad == CG_ARG_TARGET);
}

/* Merging partial states equals adding all rows to one state. */
CG_TEST(test_target_merge)
{
	double		a[CG_TS_LEN] = {0},
				b[CG_TS_LEN] = {0},
				all[CG_TS_LEN] = {0},
				empty[CG_TS_LEN] = {0};
	double		v[] = {10, 100, 30, 100, 0, 0, 25, 50, 3, 7};
	cg_gap_summary sm,
				sa;
	cg_gap_arg	bad;
	int			i;

	for (i = 0; i < 5; i++)
	{
		CHECK(cg_gap_target_add(i < 2 ? a : b, v[2 * i], v[2 * i + 1], 0.25, &bad) == CG_OK);
		CHECK(cg_gap_target_add(all, v[2 * i], v[2 * i + 1], 0.25, &bad) == CG_OK);
	}
	CHECK(cg_gap_target_merge(a, empty) == CG_OK);
	CHECK(cg_gap_target_merge(empty, b) == CG_OK);	/* empty takes b */
	CHECK(cg_gap_target_merge(a, empty) == CG_OK);	/* a + b */
	CHECK(cg_gap_target_summary(a, &sm) == CG_OK);
	CHECK(cg_gap_target_summary(all, &sa) == CG_OK);
	CHECK(sm.units == 5 && sa.units == 5);
	CHECK_EQ(sm.shortfall, sa.shortfall);
	CHECK_EQ(sm.supply, sa.supply);
	CHECK(sm.units_short == sa.units_short);

	{
		double		c[CG_TS_LEN] = {0};

		CHECK(cg_gap_target_add(c, 1, 1, 0.5, &bad) == CG_OK);
		CHECK(cg_gap_target_merge(a, c) == CG_E_MISMATCH);
	}
}

CG_TEST(test_target_validate)
{
	double		st[CG_TS_LEN] = {0};
	cg_gap_summary s;
	cg_gap_arg	bad;

	CHECK(cg_gap_target_validate(st) == CG_OK);
	CHECK(cg_gap_target_summary(st, &s) == CG_OK && s.units == 0);
	CHECK(cg_gap_target_add(st, 1, 2, 0.5, &bad) == CG_OK);
	CHECK(cg_gap_target_validate(st) == CG_OK);
	st[CG_TS_UNITS] = 1.5;
	CHECK(cg_gap_target_validate(st) == CG_E_CORRUPT);
	st[CG_TS_UNITS] = -1;
	CHECK(cg_gap_target_validate(st) == CG_E_CORRUPT);
	st[CG_TS_UNITS] = 1;
	st[CG_TS_UNITS_SHORT] = 2;
	CHECK(cg_gap_target_validate(st) == CG_E_CORRUPT);
	st[CG_TS_UNITS_SHORT] = 0;
	st[CG_TS_SUPPLY] = NAN;
	CHECK(cg_gap_target_validate(st) == CG_E_CORRUPT);
	st[CG_TS_SUPPLY] = -3;
	CHECK(cg_gap_target_validate(st) == CG_E_CORRUPT);
	st[CG_TS_SUPPLY] = 1;
	st[CG_TS_TARGET] = 0;
	CHECK(cg_gap_target_validate(st) == CG_E_CORRUPT);
}

/*
 * Unit against R = 40/200: (10, 100): coverage 0.1, relative 0.5, gap 0.5,
 * shortfall 10; (30, 100): relative 1.5, gap 0, surplus 10.
 */
CG_TEST(test_unit_pooled)
{
	cg_unit_gap u;

	CHECK(cg_gap_unit(10, 100, 40, 200, 1, &u) == CG_OK);
	CHECK_EQ(u.coverage, 0.1);
	CHECK_EQ(u.relative_coverage, 0.5);
	CHECK_EQ(u.gap, 0.5);
	CHECK_EQ(u.shortfall, 10.0);
	CHECK_EQ(u.surplus, 0.0);
	cg_gap_unit(30, 100, 40, 200, 1, &u);
	CHECK_EQ(u.relative_coverage, 1.5);
	CHECK_EQ(u.gap, 0.0);
	CHECK_EQ(u.shortfall, 0.0);
	CHECK_EQ(u.surplus, 10.0);
	CHECK(u.defined == (CG_HAS_COVERAGE | CG_HAS_RELATIVE | CG_HAS_SHORTFALL));
}

/* No demand: coverage undefined; shortfall 0 and surplus S are defined. */
CG_TEST(test_unit_zero_demand)
{
	cg_unit_gap u;

	cg_gap_unit(7, 0, 40, 200, 1, &u);
	CHECK(u.defined == CG_HAS_SHORTFALL);
	CHECK_EQ(u.shortfall, 0.0);
	CHECK_EQ(u.surplus, 7.0);
	CHECK(!signbit(u.surplus));
	cg_gap_unit(0, 0, 40, 200, 1, &u);
	CHECK(!signbit(u.surplus) && u.surplus == 0.0);
}

/* R = 0 (no supply pooled): relative coverage and gap undefined. */
CG_TEST(test_unit_zero_reference)
{
	cg_unit_gap u;

	cg_gap_unit(0, 10, 0, 30, 1, &u);
	CHECK(u.defined == (CG_HAS_COVERAGE | CG_HAS_SHORTFALL));
	CHECK_EQ(u.coverage, 0.0);
	CHECK_EQ(u.shortfall, 0.0);
}

/* No reference at all: only coverage. */
CG_TEST(test_unit_no_reference)
{
	cg_unit_gap u;

	cg_gap_unit(3, 4, 0, 0, 0, &u);
	CHECK(u.defined == CG_HAS_COVERAGE);
	CHECK_EQ(u.coverage, 0.75);
}

/*
 * Cross products beyond the double range are handled by splitting off the
 * exponents.  S = D = 1e300, R = 1e300/1e300 = 1.
 */
CG_TEST(test_unit_huge_values)
{
	cg_unit_gap u;

	CHECK(cg_gap_unit(1e300, 1e300, 1e300, 1e300, 1, &u) == CG_OK);
	CHECK_EQ(u.relative_coverage, 1.0);
	CHECK_EQ(u.gap, 0.0);
	CHECK_EQ(u.shortfall, 0.0);
	/* half the reference: S = 0.5e300, R = 1: gap 0.5, shortfall 0.5e300 */
	CHECK(cg_gap_unit(0.5e300, 1e300, 1e300, 1e300, 1, &u) == CG_OK);
	CHECK_NEAR(u.gap, 0.5, 1e-15);
	CHECK_NEAR(u.shortfall, 0.5e300, 1e-15);
	/* coverage 1e300 / 1e-300 is beyond the double range */
	CHECK(cg_gap_unit(1e300, 1e-300, 1, 1, 1, &u) == CG_E_OVERFLOW);
}

/*
 * Subnormal magnitudes (found by the fuzzer): S = (5e-312, 0), D = (1.6e-311,
 * 3e-5): unit 1 has S/D ~ 0.33 against R ~ 1.7e-307, far above R: only
 * unit 2 is short, of R * 3e-5 = 5e-312 = all of sum S; the gap index is
 * D_2/sum D - 0 = 0.99999999999946... <= 1.  Scaled results stay exact ratios.
 */
CG_TEST(test_pooled_subnormal)
{
	double		v[] = {5e-312, 1.6e-311, 0, 3e-5};
	cg_gap_summary s;
	cg_unit_gap u;

	CHECK(cg_gap_pooled(v, 2, &s) == CG_OK);
	CHECK(s.gap_index <= 1.0);
	CHECK_NEAR(s.gap_index, 3e-5 / (3e-5 + 1.6e-311), 1e-15);
	CHECK_NEAR(s.shortfall, 5e-312, 1e-3);	/* subnormal: few significant bits */
	CHECK(cg_gap_unit(0, 3e-5, s.supply, s.demand, 1, &u) == CG_OK);
	CHECK_EQ(u.gap, 1.0);
	CHECK_EQ(u.relative_coverage, 0.0);
}

/* counts (100, 50, 10), weights (1, 2, 4): 100 + 100 + 40 = 240. */
CG_TEST(test_need_demand)
{
	double		c[] = {100, 50, 10},
				w[] = {1, 2, 4};
	double		out;
	size_t		bad;

	CHECK(cg_need_demand(c, w, 3, &out, &bad) == CG_OK);
	CHECK_EQ(out, 240.0);
	CHECK(cg_need_demand(c, w, 0, &out, &bad) == CG_OK);
	CHECK_EQ(out, 0.0);
	w[1] = -2;
	CHECK(cg_need_demand(c, w, 3, &out, &bad) == CG_E_NEGATIVE && bad == 1);
	w[1] = 2;
	c[2] = NAN;
	CHECK(cg_need_demand(c, w, 3, &out, &bad) == CG_E_NAN && bad == 2);
	c[2] = 1e308;
	CHECK(cg_need_demand(c, w, 3, &out, &bad) == CG_E_OVERFLOW);
}

/* Serialize rows and read them back; the buffer must be exactly 'size' bytes. */
static int
roundtrip(const double *v, size_t n, int width, size_t size, const int *kinds,
		  const int *scales)
{
	cg_pair_chunk c[2] = {{v, n / 2}, {v + width * (n / 2), n - n / 2}};
	cg_col_codec codec[3],
				got_codec[3];
	cg_pair_params prm = {1, {0.5, 2.0}},
				got;
	unsigned char *buf;
	double	   *back;
	size_t		got_n;
	int			got_width,
				ok,
				col;

	cg_pairs_plan(c, 2, width, codec);
	for (col = 0; col < width; col++)
		if (codec[col].kind != kinds[col] || codec[col].scale != scales[col])
			return 0;
	if (cg_pairs_serial_size(n, width, codec, 1 << 20) != size)
		return 0;
	buf = malloc(size);
	back = malloc(sizeof(double) * width * (n + 1));
	cg_pairs_write(c, 2, n, width, &prm, codec, buf);
	ok = cg_pairs_parse(buf, size, &got_n, &got_width, &got, got_codec) == CG_OK &&
		got_n == n && got_width == width && got.set == 1 && got.p[0] == 0.5 &&
		got.p[1] == 2.0 && memcmp(codec, got_codec, sizeof(cg_col_codec) * width) == 0;
	if (ok)
	{
		/* in two pieces, as the glue decodes blocks */
		cg_pairs_decode(buf, n, width, got_codec, 0, n / 3, back);
		cg_pairs_decode(buf, n, width, got_codec, n / 3, n - n / 3, back + width * (n / 3));
		ok = memcmp(v, back, sizeof(double) * width * n) == 0;	/* bit for bit */
	}
	free(buf);
	free(back);
	return ok;
}

CG_TEST(test_pairs_roundtrip)
{
	/* counts and one-decimal amounts: int16 columns, 2 bytes a value */
	double		a[] = {1, 2, 3.5, 4, 5, 6, 120.1, 0, 0.1, 32767};
	int			k16[] = {CG_COL_I16, CG_COL_I16},
				s10[] = {1, 0};
	/* a large count with 3 decimals; -0, 1/3 and extremes stay raw doubles */
	double		b[] = {40000, -0.0, 0.001, 1.0 / 3.0, 7, 1e300, 2, 1e-300};
	int			kb[] = {CG_COL_I32, CG_COL_F64},
				sb[] = {3, 0};
	/* rows of three: negative ranks, raw doubles, integers */
	double		r[] = {-2.5, 0.1, 7, 1.25, 1e-3, 9, -0.5, 3.141592653589793, 11};
	int			kr[] = {CG_COL_I16, CG_COL_F64, CG_COL_I16},
				sr[] = {2, 0, 0};
	double		empty[1] = {0};
	int			k0[] = {CG_COL_I16, CG_COL_I16},
				s0[] = {0, 0};

	/* 44 header + pad8(5 x 2) twice */
	CHECK(roundtrip(a, 5, 2, 44 + 16 + 16, k16, s10));
	/* 44 + pad8(4 x 4) + 4 x 8: -0.0 is kept raw in its column */
	CHECK(roundtrip(b, 4, 2, 44 + 16 + 32, kb, sb));
	CHECK(roundtrip(r, 3, 3, 44 + 8 + 24 + 8, kr, sr));
	CHECK(roundtrip(empty, 0, 2, 44, k0, s0));
}

CG_TEST(test_pairs_corrupt)
{
	double		v[] = {1, 2.5, 3, 4};
	cg_pair_chunk c = {v, 2};
	cg_col_codec codec[3],
				got_codec[3];
	unsigned char buf[44 + 8 + 8];
	cg_pair_params prm;
	int			width;
	size_t		n;

	cg_pairs_plan(&c, 1, 2, codec);
	CHECK(cg_pairs_serial_size(2, 2, codec, 1 << 20) == sizeof(buf));
	cg_pairs_write(&c, 1, 2, 2, NULL, codec, buf);
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_OK);
	CHECK(cg_pairs_parse(buf, sizeof(buf) - 1, &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* truncated */
	CHECK(cg_pairs_parse(buf, 43, &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* shorter than header */
	CHECK(cg_pairs_parse(buf, 52, &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* one column missing */
	buf[0] = 1;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* version */
	buf[0] = CG_PAIRS_VERSION;
	buf[3] = 1;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* padding */
	buf[3] = 0;
	buf[41] = 1;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* padding */
	buf[41] = 0;
	buf[12] = 1;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* parameter without flag */
	buf[12] = 0;
	buf[4] = 0xff;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);	/* count */
	buf[4] = 2;
	/* codecs: unknown kind, scale too large, a scale on raw doubles, a third column of pairs */
	buf[28] = 3;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
	buf[28] = CG_COL_I16;
	buf[29] = CG_PAIRS_MAX_SCALE + 1;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
	buf[29] = 1;
	buf[32] = CG_COL_F64;
	buf[33] = 1;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
	buf[33] = 0;
	buf[32] = CG_COL_I16;
	buf[36] = CG_COL_I16;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
	buf[36] = 0;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_OK);
	/* a wider codec than the bytes present */
	buf[28] = CG_COL_F64;
	buf[29] = 0;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
	/* size limit */
	codec[0].kind = codec[1].kind = CG_COL_F64;
	codec[0].scale = codec[1].scale = 0;
	CHECK(cg_pairs_serial_size(2, 2, codec, 75) == 0);
	CHECK(cg_pairs_serial_size(2, 2, codec, 76) == 76);
	CHECK(cg_pairs_serial_size(SIZE_MAX / 8, 2, codec, SIZE_MAX) == 0);
	/* rows of 3: the size of a width-2 buffer does not fit */
	cg_pairs_plan(&c, 1, 2, codec);
	cg_pairs_write(&c, 1, 2, 2, NULL, codec, buf);
	buf[2] = 3;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
	buf[2] = 2;
	CHECK(cg_pairs_parse(buf, sizeof(buf), &n, &width, &prm, got_codec) == CG_E_CORRUPT);
}

CG_TEST(test_status_names)
{
	CHECK(strcmp(cg_status_name(CG_OK), "ok") == 0);
	CHECK(strcmp(cg_status_name(CG_E_CORRUPT), "corrupt state") == 0);
	CHECK(strcmp(cg_status_name((cg_status) 999), "unknown status") == 0);
}
