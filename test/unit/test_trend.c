/*
 * test_trend.c — the log-linear trend and Student's t against R 4.2.2.
 */
#include <string.h>

#include "cg_test.h"
#include "../../src/kernel/cg_trend.h"

/* qt(p, df) of R, 17 digits: p, df, quantile (one checked with mpmath instead) */
static const double qt_r[][3] = {
{0.59999999999999998, 0.5, 0.39797542678478237},
{0.59999999999999998, 1, 0.32491969623290634},
{0.59999999999999998, 2.5, 0.28145951274854752},
{0.59999999999999998, 7, 0.26316686135202277},
{0.59999999999999998, 40, 0.25503868634581406},
{0.59999999999999998, 10000, 0.25335384344572681},
{0.90000000000000002, 0.5, 10.270324410234281},
{0.90000000000000002, 1, 3.0776835371752544},
{0.90000000000000002, 2.5, 1.7302509288071761},
{0.90000000000000002, 7, 1.4149239276505086},
{0.90000000000000002, 40, 1.3030770526071953},
{0.90000000000000002, 10000, 1.2816362297304777},
{0.97499999999999998, 0.5, 164.55767348049446},
{0.97499999999999998, 1, 12.706204736174694},
{0.97499999999999998, 2.5, 3.5746548420036919},
{0.97499999999999998, 7, 2.3646242515927844},
{0.97499999999999998, 40, 2.0210753903062733},
{0.97499999999999998, 10000, 1.9602012398906257},
{0.995, 0.5, 4113.9645888042269},
{0.995, 1, 63.656741162871526},
{0.995, 2.5, 7.1637281389488026},
{0.995, 7, 3.4994832973504932},
{0.995, 40, 2.7044592674331622},
{0.995, 10000, 2.5763210466685278},
/* R's qt gives 10284911579700.086 here, 5.5e-10 off: its upper tail at that point is
	 * 9.99999999196e-8, not 1 - p; mpmath (40 digits, betainc) gives the quantile below */
	{0.99999990000000005, 0.5, 10284911573990.4468},
{0.99999990000000005, 1, 3183098.8635132448},
{0.99999990000000005, 2.5, 553.05998316476621},
{0.99999990000000005, 7, 19.933902249446191},
{0.99999990000000005, 40, 6.2656720249959044},
{0.99999990000000005, 10000, 5.2029836383653238},
};

void
test_student_t(void)
{
	size_t		k;

	for (k = 0; k < sizeof(qt_r) / sizeof(qt_r[0]); k++)
	{
		double		q = cg_student_t_quantile(qt_r[k][0], qt_r[k][1]);

		CHECK_NEAR(q, qt_r[k][2], 1e-12);
		/* the lower tail is the mirror image */
		CHECK_NEAR(cg_student_t_quantile(1.0 - qt_r[k][0], qt_r[k][1]), -qt_r[k][2], 1e-9);
	}
	/* pt(-3, 4), pt(0.1, 200), pt(25, 3) */
	CHECK_NEAR(cg_student_t_cdf(-3.0, 4.0), 0.019970984035859413, 1e-13);
	CHECK_NEAR(cg_student_t_cdf(0.1, 200.0), 0.53977775374783954, 1e-13);
	CHECK_NEAR(cg_student_t_cdf(25.0, 3.0), 0.99992983430502125, 1e-15);
	CHECK_EQ(cg_student_t_quantile(0.5, 3.0), 0.0);
	CHECK(isinf(cg_student_t_quantile(1.0, 3.0)));
	CHECK(isnan(cg_student_t_quantile(0.5, 0.0)));
	CHECK(isnan(cg_student_t_cdf(1.0, -1.0)));
}

/* lm(log(y) ~ t) on y = 10, 12.1, 14.5, 17.6, 21 at t = 1..5 (R 4.2.2) */
void
test_trend_fit(void)
{
	double		s[CG_TREND_STATE] = {0},
				a[CG_TREND_STATE] = {0},
				b[CG_TREND_STATE] = {0},
				y[] = {10, 12.1, 14.5, 17.6, 21.0};
	int			k;
	cg_trend_fit f;
	cg_trend_prediction p;

	for (k = 0; k < 5; k++)
	{
		CHECK(cg_trend_add(s, k + 1.0, y[k]) == CG_OK);
		CHECK(cg_trend_add(k < 2 ? a : b, k + 1.0, y[k]) == CG_OK);
	}
	cg_trend_fit_of(s, &f);
	CHECK_NEAR(f.slope, 0.18585681389001649, 1e-14);
	CHECK_NEAR(f.intercept, 2.11890166528811053, 1e-14);
	CHECK_NEAR(f.sigma, 0.0045194182650097545, 1e-11);
	CHECK_EQ(f.t_mean, 3.0);
	CHECK_EQ(f.t_ss, 10.0);
	CHECK(cg_trend_predict(&f, 7.0, 0.95, &p) == CG_OK);
	/* exp(predict(m, data.frame(t = 7), interval = "prediction")) */
	CHECK_NEAR(p.predicted, 30.56633874690003, 1e-13);
	CHECK_NEAR(p.lower, 29.839479283151988, 1e-12);
	CHECK_NEAR(p.upper, 31.31090377028692, 1e-12);
	/* two partial states merged = one pass */
	cg_trend_merge(a, b);
	for (k = 0; k < CG_TREND_STATE; k++)
		CHECK_NEAR(a[k], s[k], 1e-14);
	/* bad rows change nothing */
	CHECK(cg_trend_add(s, 1.0, 0.0) == CG_E_NONPOSITIVE);
	CHECK(cg_trend_add(s, 1.0, -1.0) == CG_E_NONPOSITIVE);
	CHECK(cg_trend_add(s, NAN, 1.0) == CG_E_NAN);
	CHECK(cg_trend_add(s, 1.0, INFINITY) == CG_E_INFINITE);
	CHECK_EQ(s[0], 5.0);
	CHECK(cg_trend_predict(&f, 7.0, 1.0, &p) == CG_E_NONPOSITIVE);
	CHECK(cg_trend_predict(&f, INFINITY, 0.95, &p) == CG_E_INFINITE);
	/* a level so wide and a t so far that exp overflows */
	CHECK(cg_trend_predict(&f, 1e6, 0.95, &p) == CG_E_OVERFLOW);
}

/*
 * 20,000 yearly rows, t = 2020 + g mod 9, y = 1000 exp(0.02 (g mod 9)) + g,
 * in order.  The exact least-squares slope and intercept of these doubles
 * (t, ln y) were computed in rational arithmetic (Python fractions).  The
 * plain-double Welford mean of 1.0.0 drifted 3e-12 and put the slope 1.2e-10
 * off; the double-double means keep one pass within 1e-13, and so does a
 * merge of 32 parts.
 */
CG_TEST(test_trend_long_series)
{
	double		s[CG_TREND_STATE] = {0},
				parts[32][CG_TREND_STATE],
				m[CG_TREND_STATE] = {0},
				v1[CG_TREND_STATE_V1] = {3, 2, 1, 4, 5, 6},
				w[CG_TREND_STATE];
	cg_trend_fit f;
	int			g,
				k;

	memset(parts, 0, sizeof(parts));
	for (g = 1; g <= 20000; g++)
	{
		double		t = 2020 + g % 9,
					y = 1000 * exp(0.02 * (g % 9)) + g;

		CHECK(cg_trend_add(s, t, y) == CG_OK);
		CHECK(cg_trend_add(parts[g % 32], t, y) == CG_OK);
	}
	cg_trend_fit_of(s, &f);
	CHECK_NEAR(f.slope, 0.0032428035702850885, 1e-13 * 0.0032428035702850885);
	CHECK_NEAR(f.intercept, 2.5538054487028514, 1e-13);
	for (k = 0; k < 32; k++)
		cg_trend_merge(m, parts[k]);
	cg_trend_fit_of(m, &f);
	CHECK_NEAR(f.slope, 0.0032428035702850885, 1e-13 * 0.0032428035702850885);
	CHECK_NEAR(f.intercept, 2.5538054487028514, 1e-13);
	/* a state of 1.0.0 reads with low parts 0 */
	cg_trend_widen(v1, w);
	for (k = 0; k < CG_TREND_STATE_V1; k++)
		CHECK_EQ(w[k], v1[k]);
	CHECK_EQ(w[6], 0.0);
	CHECK_EQ(w[7], 0.0);
}
