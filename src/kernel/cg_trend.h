/*
 * cg_trend.h — the log-linear trend: ln y = a + b t fitted by least squares,
 * and its prediction with a prediction interval (FORMULAS.md section 9).
 *
 * The state is eight doubles, built one row at a time (Welford's update) and
 * merged (Chan, Golub and LeVeque's pairwise formula): the row count, the
 * means of t and of ln y, the centred sums of squares and products, and the
 * low parts of the two means.  Each mean is kept as a double-double (hi +
 * lo, updated by TwoSum): with the plain double mean of Welford's update,
 * its rounding drift (3e-12 over 20,000 years t near 2024) entered every
 * centred product with the same sign, and the slope of one pass was 1e-10
 * off; with the low part it is within 1e-14 (test_trend_long_series).
 * A state of six (caregap 1.0.0, the low parts 0) is read as well.
 */
#ifndef CG_TREND_H
#define CG_TREND_H

#include "cg_status.h"

#define CG_TREND_STATE 8		/* n, mean_t, mean_z, sxx, szz, sxz, lo(mean_t), lo(mean_z) (z = ln y) */
#define CG_TREND_STATE_V1 6		/* the state of 1.0.0: without the low parts */

typedef struct cg_trend_fit
{
	double		n;
	double		intercept;		/* a: ln y at t = 0 */
	double		slope;			/* b: d ln y / dt; NaN when every t is the same */
	double		sigma;			/* residual standard error, sqrt(SSE / (n - 2)); NaN for n < 3 */
	double		t_mean;
	double		t_ss;			/* sum (t - t_mean)^2 */
	double		r_squared;		/* NaN when every ln y is the same or every t */
	double		growth;			/* exp(b) - 1: the growth per unit of t */
} cg_trend_fit;

typedef struct cg_trend_prediction
{
	double		predicted;		/* exp(a + b t0): the trend's value (the geometric mean, not the mean) */
	double		lower;			/* exp(a + b t0 -+ q s sqrt(1 + 1/n + (t0 - t_mean)^2 / t_ss)) */
	double		upper;			/* NaN when sigma is NaN */
} cg_trend_prediction;

/* Adds the row (t, y): t finite, y > 0 and finite (else a status, nothing changed). */
cg_status	cg_trend_add(double *state, double t, double y);

/* Merges state b into a. */
void		cg_trend_merge(double *a, const double *b);

/* A state of CG_TREND_STATE from one of CG_TREND_STATE_V1 (low parts 0). */
void		cg_trend_widen(const double *v1, double *state);

/* The fit of a state with n >= 1 (a state with n = 0 has no fit). */
void		cg_trend_fit_of(const double *state, cg_trend_fit *fit);

/* The trend at t0 with its prediction interval at the given level (0 < level < 1). */
cg_status	cg_trend_predict(const cg_trend_fit *fit, double t0, double level, cg_trend_prediction *out);

/* The same with the Student t quantile q of (1 + level)/2 and n - 2 degrees of freedom given. */
cg_status	cg_trend_predict_q(const cg_trend_fit *fit, double t0, double level, double q,
							   cg_trend_prediction *out);

/* Student's t: the distribution function and its quantile, df > 0. */
double		cg_student_t_cdf(double t, double df);
double		cg_student_t_quantile(double p, double df);

#endif							/* CG_TREND_H */
