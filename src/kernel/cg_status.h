/*
 * cg_status.h — status codes returned by caregap's numerical kernels.
 *
 * The kernels (src/kernel) include no PostgreSQL header.  They report every
 * failure as a cg_status; the PostgreSQL glue (src/pg) maps each code to a
 * SQLSTATE and a message.  CG_OK is zero so "if (st) return st;" works.
 */
#ifndef CG_STATUS_H
#define CG_STATUS_H

typedef enum cg_status
{
	CG_OK = 0,
	CG_E_NEGATIVE,				/* a value that must be >= 0 is negative */
	CG_E_NAN,					/* a value is NaN */
	CG_E_INFINITE,				/* a value is +-Infinity */
	CG_E_NONPOSITIVE,			/* a value that must be > 0 is <= 0 */
	CG_E_MISMATCH,				/* a per-group constant differs between rows */
	CG_E_OVERFLOW,				/* a result left the range of double */
	CG_E_LENGTH,				/* arrays that must match differ in length */
	CG_E_NOMEM,					/* an allocation failed */
	CG_E_CORRUPT,				/* a state failed validation */
	CG_E_TOO_LARGE,				/* a state would exceed the size limit */
	CG_E_CANCELED,				/* the host asked to stop (cg_cancel.h) */
	CG_E_DUPLICATE,				/* a link (i, j) given twice */
	CG_E_SELF_LINK				/* a link (i, i) where none is allowed */
} cg_status;

/* Short English name of a status code, for messages and test output. */
const char *cg_status_name(cg_status st);

#endif							/* CG_STATUS_H */
