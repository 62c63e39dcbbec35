-- canceled(q): runs q and says 'finished', or 'canceled: 57014' when an
-- interrupt (statement_timeout) stopped it.  pgTAP's throws_ok cannot catch a
-- cancel: its WHEN OTHERS excludes query_canceled.
CREATE FUNCTION pg_temp.canceled(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'finished';
EXCEPTION WHEN query_canceled THEN
    RETURN 'canceled: ' || SQLSTATE;
END $$;

-- cancel_seconds(q): the same, and whether the cancel came within 1 s of the
-- start: 'canceled within 1 s', or 'canceled after ...'.  statement_timeout
-- is armed per top-level statement: call it once a statement.
CREATE FUNCTION pg_temp.cancel_seconds(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE q;
    RETURN 'finished';
EXCEPTION WHEN query_canceled THEN
    RETURN CASE WHEN clock_timestamp() - t0 < interval '1 second' THEN 'canceled within 1 s'
                ELSE 'canceled after ' || (clock_timestamp() - t0) END;
END $$;
