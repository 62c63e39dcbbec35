
-- The columns a companion function reads from the caller's query, found
-- from the query's parse analysis (caregap.query_columns: prepared, not
-- run): the id column must be called id; the geometry is the column called
-- geom, else the query's only geometry or geography column, whatever its
-- name.  What is missing or ambiguous is an error in caregap's words
-- (42703, 42702), never a raw error of the rewritten query.
DO $install$
DECLARE
    pg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'postgis'::pg_catalog.name);
    cg text := (SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e
                  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
                 WHERE e.extname OPERATOR(pg_catalog.=) 'caregap'::pg_catalog.name);
BEGIN
    EXECUTE pg_catalog.replace(pg_catalog.replace($fn$
CREATE OR REPLACE FUNCTION @extschema@.geometry_column(query text, what text, fname text,
    needed text[] DEFAULT '{}'::text[])
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
AS $body$
DECLARE
    cols text[];
    geoms text[];
    missing text[];
BEGIN
    SELECT pg_catalog.array_agg(c.column_name ORDER BY c.ordinal),
           pg_catalog.array_agg(c.column_name ORDER BY c.ordinal)
               FILTER (WHERE c.column_type OPERATOR(pg_catalog.=) ANY (ARRAY['@postgis@.geometry'::pg_catalog.regtype,
                                                                     '@postgis@.geography'::pg_catalog.regtype]))
      INTO cols, geoms
      FROM @caregap@.query_columns(query) c;
    SELECT pg_catalog.array_agg(n.c) INTO missing
      FROM pg_catalog.unnest(ARRAY['id'::text] OPERATOR(pg_catalog.||) needed) AS n(c)
     WHERE NOT n.c OPERATOR(pg_catalog.=) ANY (cols);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '%: the % query has no column %', fname, what, pg_catalog.array_to_string(missing, ', ')
            USING ERRCODE = 'undefined_column',
                  DETAIL = pg_catalog.format('Its columns are %s.', pg_catalog.array_to_string(cols, ', ')),
                  HINT = pg_catalog.format('Name them in the query, e.g. SELECT code AS id, ...%s.',
                                           (SELECT pg_catalog.string_agg(' AS ' OPERATOR(pg_catalog.||) x, ',')
                                              FROM pg_catalog.unnest(needed) x));
    END IF;
    IF 'geom'::text OPERATOR(pg_catalog.=) ANY (geoms) THEN
        RETURN 'geom'::text;
    END IF;
    IF geoms IS NULL THEN
        RAISE EXCEPTION '%: the % query has no geometry column', fname, what
            USING ERRCODE = 'undefined_column',
                  DETAIL = pg_catalog.format('Its columns are %s.', pg_catalog.array_to_string(cols, ', ')),
                  HINT = 'Give one column of type geometry or geography.';
    END IF;
    IF pg_catalog.cardinality(geoms) OPERATOR(pg_catalog.>) 1 THEN
        RAISE EXCEPTION '%: the % query has % geometry columns (%) and none is called geom', fname, what,
                        pg_catalog.cardinality(geoms), pg_catalog.array_to_string(geoms, ', ')
            USING ERRCODE = 'ambiguous_column', HINT = 'Call the one to use geom, or leave the others out.';
    END IF;
    RETURN geoms[1];
END
$body$;
$fn$, '@postgis@', pg), '@caregap@', cg);
END
$install$;

COMMENT ON FUNCTION @extschema@.geometry_column(text, text, text, text[]) IS
'support of contiguity_weights, fca and fca_supply: the geometry column of a query (the one called geom, else its only geometry or geography column), after checking that it has a column id and the needed ones; an error naming what is missing (42703) or ambiguous (42702)';
