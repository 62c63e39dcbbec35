-- Shared set-up of the pgTAP test files: quiet psql, TAP lines only, and
-- close(a, b, tol): |a - b| <= tol * max(1, |b|), a session-local helper.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
CREATE FUNCTION pg_temp.close(a float8, b float8, tol float8 DEFAULT 1e-14) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) <= tol * greatest(1, abs(b)) $$;
