/*
 * cg_compat.h — every difference between the PostgreSQL major versions that
 * caregap supports (15, 16, 17 and 18), in one place.  Nothing else in
 * src/pg tests PG_VERSION_NUM.
 */
#ifndef CG_COMPAT_H
#define CG_COMPAT_H

#include "postgres.h"
#include "storage/proc.h"

/*
 * A function that does not return: PostgreSQL 18 replaced the suffix
 * pg_attribute_noreturn() by the prefix pg_noreturn.
 */
#if PG_VERSION_NUM >= 180000
#define CG_NORETURN_PRE pg_noreturn
#define CG_NORETURN_POST
#else
#define CG_NORETURN_PRE
#define CG_NORETURN_POST pg_attribute_noreturn()
#endif

/* This backend's local transaction id: PostgreSQL 17 moved it into MyProc->vxid. */
#if PG_VERSION_NUM >= 170000
#define CG_MY_LXID() (MyProc->vxid.lxid)
#else
#define CG_MY_LXID() (MyProc->lxid)
#endif

#endif							/* CG_COMPAT_H */
