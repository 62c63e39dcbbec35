/*
 * cg_trend.c — the log-linear trend and Student's t (FORMULAS.md section 9).
 */
#include "cg_trend.h"

#include <float.h>
#include <math.h>

/* (*hi, *lo) += x, renormalized: Knuth's TwoSum and a fast renormalization */
static inline void
dd_add(double *hi, double *lo, double x)
{
	double		s = *hi + x,
				bb = s - *hi,
				e = (*hi - (s - bb)) + (x - bb) + *lo,
				t = s + e;

	*lo = e - (t - s);
	*hi = t;
}

cg_status
cg_trend_add(double *s, double t, double y)
{
	double		z,
				n1,
				dt,
				dz;

	if (isnan(t) || isnan(y))
		return CG_E_NAN;
	if (isinf(t) || isinf(y))
		return CG_E_INFINITE;
	if (!(y > 0.0))
		return CG_E_NONPOSITIVE;
	z = log(y);
	n1 = s[0] + 1.0;
	dt = (t - s[1]) - s[6];
	dz = (z - s[2]) - s[7];
	dd_add(&s[1], &s[6], dt / n1);
	dd_add(&s[2], &s[7], dz / n1);
	s[3] += dt * ((t - s[1]) - s[6]);
	s[4] += dz * ((z - s[2]) - s[7]);
	s[5] += dt * ((z - s[2]) - s[7]);
	s[0] = n1;
	return CG_OK;
}

void
cg_trend_merge(double *a, const double *b)
{
	double		n,
				dt,
				dz,
				f;

	if (b[0] == 0.0)
		return;
	if (a[0] == 0.0)
	{
		int			k;

		for (k = 0; k < CG_TREND_STATE; k++)
			a[k] = b[k];
		return;
	}
	n = a[0] + b[0];
	dt = (b[1] - a[1]) + (b[6] - a[6]);
	dz = (b[2] - a[2]) + (b[7] - a[7]);
	f = a[0] * b[0] / n;
	dd_add(&a[1], &a[6], dt * (b[0] / n));
	dd_add(&a[2], &a[7], dz * (b[0] / n));
	a[3] += b[3] + dt * dt * f;
	a[4] += b[4] + dz * dz * f;
	a[5] += b[5] + dt * dz * f;
	a[0] = n;
}

void
cg_trend_widen(const double *v1, double *s)
{
	int			k;

	for (k = 0; k < CG_TREND_STATE_V1; k++)
		s[k] = v1[k];
	for (; k < CG_TREND_STATE; k++)
		s[k] = 0.0;
}

void
cg_trend_fit_of(const double *s, cg_trend_fit *fit)
{
	double		n = s[0],
				sxx = s[3],
				szz = s[4],
				sxz = s[5];

	fit->n = n;
	fit->t_mean = s[1] + s[6];
	fit->t_ss = sxx;
	fit->slope = NAN;
	fit->intercept = NAN;
	fit->sigma = NAN;
	fit->r_squared = NAN;
	fit->growth = NAN;
	if (n < 2.0 || !(sxx > 0.0))
		return;
	fit->slope = sxz / sxx;
	fit->intercept = (s[2] - fit->slope * s[1]) + (s[7] - fit->slope * s[6]);
	fit->growth = expm1(fit->slope);
	if (szz > 0.0)
		fit->r_squared = fmin(1.0, (sxz / sxx) * (sxz / szz));
	if (n >= 3.0)
	{
		/* SSE = szz - sxz^2 / sxx, never below 0 after rounding */
		double		sse = fmax(0.0, szz - sxz * (sxz / sxx));

		fit->sigma = sqrt(sse / (n - 2.0));
	}
}

cg_status
cg_trend_predict(const cg_trend_fit *fit, double t0, double level, cg_trend_prediction *out)
{
	double		q = NAN;

	if (!isnan(fit->sigma) && level > 0.0 && level < 1.0)
		q = cg_student_t_quantile(0.5 + level / 2.0, fit->n - 2.0);
	return cg_trend_predict_q(fit, t0, level, q, out);
}

cg_status
cg_trend_predict_q(const cg_trend_fit *fit, double t0, double level, double q,
				   cg_trend_prediction *out)
{
	double		zhat,
				half;

	out->predicted = out->lower = out->upper = NAN;
	if (isnan(t0) || isnan(level))
		return CG_E_NAN;
	if (isinf(t0))
		return CG_E_INFINITE;
	if (!(level > 0.0 && level < 1.0))
		return CG_E_NONPOSITIVE;
	if (isnan(fit->slope))
		return CG_OK;
	zhat = fit->intercept + fit->slope * t0;
	out->predicted = exp(zhat);
	if (isnan(fit->sigma))
		return isinf(out->predicted) ? CG_E_OVERFLOW : CG_OK;
	half = q * fit->sigma *
		sqrt(1.0 + 1.0 / fit->n + (t0 - fit->t_mean) * (t0 - fit->t_mean) / fit->t_ss);
	out->lower = exp(zhat - half);
	out->upper = exp(zhat + half);
	if (isinf(out->predicted) || isinf(out->upper))
		return CG_E_OVERFLOW;
	return CG_OK;
}

/*
 * The regularized incomplete beta I_x(a, b) by its continued fraction
 * (modified Lentz), on the side where it converges fast: for x < (a + 1) /
 * (a + b + 2) directly, else as 1 - I_(1-x)(b, a).
 */
/* One step of the modified Lentz method with partial numerator num: the factor it applies. */
static double
lentz_step(double *c, double *d, double num)
{
	const double tiny = 1e-300;

	*d = 1.0 + num * *d;
	if (fabs(*d) < tiny)
		*d = tiny;
	*c = 1.0 + num / *c;
	if (fabs(*c) < tiny)
		*c = tiny;
	*d = 1.0 / *d;
	return *d * *c;
}

static double
beta_cf(double x, double a, double b)
{
	double		c = 1.0,
				d = 1.0 - (a + b) * x / (a + 1.0),
				h;
	int			m;

	/* the first term: 1 / (1 - (a + b) x / (a + 1)) */
	if (fabs(d) < 1e-300)
		d = 1e-300;
	d = 1.0 / d;
	h = d;
	for (m = 1; m <= 10000; m++)
	{
		double		m2 = 2.0 * m,
					del;

		h *= lentz_step(&c, &d, m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)));
		del = lentz_step(&c, &d, -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)));
		h *= del;
		if (fabs(del - 1.0) < 1e-16)
			break;
	}
	return h;
}

/*
 * ln Gamma(a + 1/2) - ln Gamma(a) for a > 0.  Past a = 20 from Stirling's
 * series written as a difference, a log1p(1 / (2a)) + ln(a) / 2 - 1/2 +
 * S(a + 1/2) - S(a), S(z) = 1/(12z) - 1/(360z^3) + 1/(1260z^5) - 1/(1680z^7):
 * every term is small, so the error is absolute, about 1e-16, where the
 * difference of two lgamma values near 3,000 (a = 500) loses 13 digits.
 */
static double
stirling_s(double z)
{
	double		z2 = z * z;

	return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * z2)) / z2) / z2) / z;
}

static double
lgamma_half_ratio(double a)
{
	if (a < 20.0)
		return lgamma(a + 0.5) - lgamma(a);
	return a * log1p(0.5 / a) + 0.5 * log(a) - 0.5 + (stirling_s(a + 0.5) - stirling_s(a));
}

/*
 * P(T > |t|) for Student's t with df degrees of freedom:
 * I_x(df/2, 1/2) / 2 with x = df / (df + t^2), the regularized incomplete
 * beta from its continued fraction on the side where it converges.  The
 * logarithms of x and 1 - x come from t and df directly (never from a
 * rounded x), and the beta function from lgamma_half_ratio.
 */
static double
t_tail(double t, double df)
{
	double		a = df / 2.0,
				t2 = t * t,
				x = df / (df + t2),
				y = t2 / (df + t2),
				logx = -log1p(t2 / df),
				logy = log(t2) - log(df + t2),
				lfront = lgamma_half_ratio(a) - 0.57236494292470008707 + a * logx + 0.5 * logy,
				ib;

	if (t2 == 0.0)
		return 0.5;
	if (x < (a + 1.0) / (a + 2.5))
		ib = exp(lfront) * beta_cf(x, a, 0.5) / a;
	else
		ib = 1.0 - exp(lfront) * beta_cf(y, 0.5, a) / 0.5;
	return 0.5 * ib;
}

double
cg_student_t_cdf(double t, double df)
{
	double		tail;

	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(t))
		return t > 0.0 ? 1.0 : 0.0;
	tail = t_tail(t, df);
	return t > 0.0 ? 1.0 - tail : tail;
}

/*
 * The quantile by bisection on the upper tail, which keeps its relative
 * precision where the distribution function is near 1: for p > 1/2 the t
 * with P(T > t) = 1 - p (exact: p >= 1/2), from a bracket that doubles until
 * it holds the point and then halves until it is one ulp wide (at most some
 * 2,100 steps).
 */
double
cg_student_t_quantile(double p, double df)
{
	double		lo = 0.0,
				hi = 1.0,
				q;
	int			k;

	if (isnan(p) || !(df > 0.0) || p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.5)
		return 0.0;
	if (p < 0.5)
		return -cg_student_t_quantile(1.0 - p, df);
	if (p == 1.0)
		return INFINITY;
	q = 1.0 - p;
	while (t_tail(hi, df) > q && hi < DBL_MAX / 2.0)
		hi *= 2.0;
	for (k = 0; k < 2200; k++)
	{
		double		mid = lo + (hi - lo) / 2.0;

		if (mid <= lo || mid >= hi)
			break;
		if (t_tail(mid, df) > q)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2.0;
}
