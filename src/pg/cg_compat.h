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
 * A function that does not return, in front of its declaration:
 * PostgreSQL 18 replaced pg_attribute_noreturn() by pg_noreturn.  Both
 * expand to something that may stand among the declaration specifiers.
 */
#if PG_VERSION_NUM >= 180000
#define CG_NORETURN pg_noreturn
#else
#define CG_NORETURN pg_attribute_noreturn()
#endif

/* This backend's local transaction id: PostgreSQL 17 moved it into MyProc->vxid. */
#if PG_VERSION_NUM >= 170000
#define CG_MY_LXID() (MyProc->vxid.lxid)
#else
#define CG_MY_LXID() (MyProc->lxid)
#endif

/*
 * stringToQualifiedNameList: PostgreSQL 16 added a soft-error context
 * argument; write stringToQualifiedNameList(s CG_ESCONTEXT_NULL).
 */
#if PG_VERSION_NUM >= 160000
#define CG_ESCONTEXT_NULL , NULL
#else
#define CG_ESCONTEXT_NULL
#endif

#endif							/* CG_COMPAT_H */
