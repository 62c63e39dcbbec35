-- Plain rows of the two jsonb results (1.0.0), for BI tools and R/node
-- clients that show jsonb as text.
CREATE FUNCTION @extschema@.lorenz_points(curve jsonb)
RETURNS TABLE (point integer, population_share double precision, value_share double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CAST(e.n OPERATOR(pg_catalog.-) 1::bigint AS integer),
           CAST(e.v OPERATOR(pg_catalog.->>) 0 AS double precision),
           CAST(e.v OPERATOR(pg_catalog.->>) 1 AS double precision)
      FROM pg_catalog.jsonb_array_elements(curve) WITH ORDINALITY AS e(v, n);
END;
COMMENT ON FUNCTION @extschema@.lorenz_points(jsonb) IS
'the points of a lorenz_curve result as rows: point (0 first), cumulative population share, cumulative value share';

CREATE FUNCTION @extschema@.theil_groups(groups jsonb)
RETURNS TABLE (grp text, units bigint, mean double precision, theil_t double precision,
               theil_l double precision, value_share double precision, weight_share double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT g."group", g.units, g.mean, g.theil_t, g.theil_l, g.value_share, g.weight_share
      FROM pg_catalog.jsonb_to_recordset(groups) AS g("group" text, units bigint, mean double precision,
                                                       theil_t double precision, theil_l double precision,
                                                       value_share double precision, weight_share double precision);
END;
COMMENT ON FUNCTION @extschema@.theil_groups(jsonb) IS
'the groups of a theil_decomposition result as rows: group, units, mean, the group''s own Theil T and L, its share of the total value and of the weight';

-- The columns of a query, from its parse analysis (it is prepared, not run):
-- for the companions, which find a geometry column by its type.
CREATE FUNCTION @extschema@.query_columns(query text)
RETURNS TABLE (ordinal integer, column_name text, column_type regtype)
AS 'MODULE_PATHNAME', 'cg_query_columns'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.query_columns(text) IS
'the columns (ordinal, column_name, column_type) a query would return, from its parse analysis: the query is prepared, never run';

-- The classes of a breaks result as rows (arrays reach ODBC clients as text).
CREATE FUNCTION @extschema@.break_classes(breaks @extschema@.class_breaks)
RETURNS TABLE (class integer, lower_bound double precision, upper_bound double precision, units bigint)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CAST(c.n AS integer), (breaks).bounds[CAST(c.n OPERATOR(pg_catalog.-) 1::bigint AS integer)], c.b,
           (breaks).counts[CAST(c.n AS integer)]
      FROM pg_catalog.unnest((breaks).bounds) WITH ORDINALITY AS c(b, n);
END;
COMMENT ON FUNCTION @extschema@.break_classes(@extschema@.class_breaks) IS
'the classes of a breaks result as rows: class (1 first), its lower bound (the previous class''s upper bound; NULL for the first), its upper bound (right-closed) and the units in it';
