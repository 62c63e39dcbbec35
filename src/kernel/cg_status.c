/*
 * cg_status.c — names of kernel status codes.
 */
#include "cg_status.h"
#include "cg_cancel.h"

cg_cancel_fn cg_cancel_hook = NULL;

const char *
cg_status_name(cg_status st)
{
	switch (st)
	{
		case CG_OK:
			return "ok";
		case CG_E_NEGATIVE:
			return "negative value";
		case CG_E_NAN:
			return "NaN value";
		case CG_E_INFINITE:
			return "infinite value";
		case CG_E_NONPOSITIVE:
			return "value not positive";
		case CG_E_MISMATCH:
			return "value differs within a group";
		case CG_E_OVERFLOW:
			return "result out of range";
		case CG_E_LENGTH:
			return "length mismatch";
		case CG_E_NOMEM:
			return "out of memory";
		case CG_E_CORRUPT:
			return "corrupt state";
		case CG_E_TOO_LARGE:
			return "state too large";
		case CG_E_CANCELED:
			return "canceled";
		case CG_E_DUPLICATE:
			return "duplicate link";
		case CG_E_SELF_LINK:
			return "self-link";
	}
	return "unknown status";
}
