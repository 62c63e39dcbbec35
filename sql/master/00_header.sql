/*
 * caregap install script, built by the Makefile from the files of sql/master (in
 * the order of their names): the whole SQL surface of this version.
 *
 * caregap is a trusted extension: this script runs as the bootstrap
 * superuser, even when a non-superuser says CREATE EXTENSION.  Every
 * expression it creates or runs (CHECK, DEFAULT, views, data) names its
 * operators as OPERATOR(pg_catalog.x) and its constants as typed literals,
 * so that nothing a user has put in the extension's schema can be called.
 */

\echo Use "CREATE EXTENSION caregap" to load this file. \quit

