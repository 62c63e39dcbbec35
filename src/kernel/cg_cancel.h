/*
 * cg_cancel.h — cancellation of long kernel loops.
 *
 * The host injects cg_cancel_hook (PostgreSQL's glue: "is an interrupt
 * pending?").  Long loops poll it every CG_CANCEL_EVERY iterations; when it
 * answers yes, the kernel frees what it allocated and returns CG_E_CANCELED,
 * and the host services the interrupt (which may raise) and may call again.
 * No longjmp ever crosses kernel code.
 */
#ifndef CG_CANCEL_H
#define CG_CANCEL_H

#include <stddef.h>

typedef int (*cg_cancel_fn) (void);

/* NULL: never cancel (the default, and the unit tests' unless they set it). */
extern cg_cancel_fn cg_cancel_hook;

#define CG_CANCEL_EVERY 65536

/* Poll the hook at every CG_CANCEL_EVERY-th iteration i. */
static inline int
cg_cancel_due(size_t i)
{
	return (i & (CG_CANCEL_EVERY - 1)) == 0 && cg_cancel_hook != NULL && cg_cancel_hook();
}

#endif							/* CG_CANCEL_H */
