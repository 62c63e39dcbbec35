-- caregap 1.1.0 -> 1.2.0: facility location (issue 21).
--  * caregap.locate: LSCP, MCLP, p-median, p-center and equity of 2SFCA
--    access, with existing sites kept open, on coordinates or a cost query;
--    every answer carries a bound and the gap.
-- The Makefile appends the check for planted objects, the new master file
-- (sql/master/70_locate.sql) and the schema's owner rule.
\echo Use "ALTER EXTENSION caregap UPDATE TO '1.2.0'" to load this file. \quit
