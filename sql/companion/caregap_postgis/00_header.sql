/*
 * caregap_postgis install script, built by the Makefile from the files of
 * sql/companion/caregap_postgis with caregap's schema guard (sql/master/
 * 01_guard.sql) after this header and its owner rule (sql/master/99_owner.sql)
 * at the end: contiguity weights and accessibility from PostGIS geometries.
 */

\echo Use "CREATE EXTENSION caregap_postgis" to load this file. \quit
