/*
 * caregap_korea install script, built by the Makefile from the files of
 * sql/companion/caregap_korea with caregap's schema guard (sql/master/
 * 01_guard.sql) after this header, the data section written by
 * tools/gen_korea_sql.py from data/korea/ at build time, and the owner rule
 * (sql/master/99_owner.sql) at the end: the 229 si/gun/gu of Korea as
 * reference data.  No functions: caregap's functions run on these tables.
 *
 * caregap_korea is a trusted extension (its script runs as the bootstrap
 * superuser even when a non-superuser installs it): every expression names
 * its operators OPERATOR(pg_catalog.x) and its constants as typed literals.
 */

\echo Use "CREATE EXTENSION caregap_korea" to load this file. \quit
