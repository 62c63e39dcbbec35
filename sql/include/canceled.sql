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
