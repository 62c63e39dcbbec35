-- caregap_postgis 0.6.1 -> 1.0.0 (with caregap 1.0.0, issue 18): any
-- geometry column name (the column geom, else the query's only geometry or
-- geography column; sql/companion/caregap_postgis/10_columns.sql), errors
-- in caregap's words for a missing id, amount or geometry column, the
-- contiguity rule case-insensitive.  The functions are replaced by the
-- files the Makefile appends.
\echo Use "ALTER EXTENSION caregap_postgis UPDATE TO '1.0.0'" to load this file. \quit
