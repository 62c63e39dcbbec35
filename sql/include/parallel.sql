-- Shared set-up of the parallel tests: plan(q [, with_analyze]) returns the
-- text of EXPLAIN (COSTS OFF), or of EXPLAIN ANALYZE without timings, so a
-- test can match the plan shape and the number of workers launched.
CREATE FUNCTION pg_temp.plan(q text, with_analyze boolean DEFAULT false) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE r text; acc text := '';
BEGIN
  FOR r IN EXECUTE CASE WHEN with_analyze THEN 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) '
                        ELSE 'EXPLAIN (COSTS OFF) ' END || q LOOP
    acc := acc || r || E'\n';
  END LOOP;
  RETURN acc;
END $$;
