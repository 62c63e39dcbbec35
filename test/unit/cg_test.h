/*
 * cg_test.h — a minimal unit-test runner for the kernels.
 *
 * A test is a function registered in test_main.c; CHECK* record failures
 * without stopping the test.  Each test prints a TAP line; the last line is
 * "unit: N passed, M failed" for the test scripts to sum.
 */
#ifndef CG_TEST_H
#define CG_TEST_H

#include <math.h>
#include <stdio.h>

extern int	cg_test_failures;

#define CHECK(cond) \
	do { if (!(cond)) { cg_test_failures++; \
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); } } while (0)

/* |a - b| <= tol * max(1, |b|) */
#define CHECK_NEAR(a, b, tol) \
	do { double a_ = (a), b_ = (b); \
		if (!(fabs(a_ - b_) <= (tol) * fmax(1.0, fabs(b_)))) { cg_test_failures++; \
			fprintf(stderr, "  %s:%d: %s = %.17g, expected %.17g\n", \
					__FILE__, __LINE__, #a, a_, b_); } } while (0)

/* exact equality of doubles, printed on failure */
#define CHECK_EQ(a, b) CHECK_NEAR(a, b, 0.0)

typedef void (*cg_test_fn) (void);

#define CG_TEST(name) void name(void)

#endif
