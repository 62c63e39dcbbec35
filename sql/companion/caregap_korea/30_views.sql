
-- Views for caregap's functions, and the grants.

CREATE VIEW @extschema@.links AS
SELECT a.code_a AS i, a.code_b AS j, '1'::double precision AS w, a.border_km FROM @extschema@.adjacency a
UNION ALL
SELECT a.code_b, a.code_a, '1'::double precision, a.border_km FROM @extschema@.adjacency a
UNION ALL
SELECT m.code, NULL::text, NULL::double precision, NULL::double precision
  FROM @extschema@.municipality m
 WHERE NOT EXISTS (SELECT FROM @extschema@.adjacency a
                    WHERE a.code_a OPERATOR(pg_catalog.=) m.code OR a.code_b OPERATOR(pg_catalog.=) m.code);
COMMENT ON VIEW @extschema@.links IS
'queen contiguity of the 229 units as a caregap weights relation: both directions (i, j, w = 1, border_km), and a row (i, NULL) for each of the 8 units without a neighbour, so that they count as islands';

CREATE VIEW @extschema@.rook_links AS
SELECT a.code_a AS i, a.code_b AS j, '1'::double precision AS w, a.border_km FROM @extschema@.adjacency a WHERE a.rook
UNION ALL
SELECT a.code_b, a.code_a, '1'::double precision, a.border_km FROM @extschema@.adjacency a WHERE a.rook
UNION ALL
SELECT m.code, NULL::text, NULL::double precision, NULL::double precision
  FROM @extschema@.municipality m
 WHERE NOT EXISTS (SELECT FROM @extschema@.adjacency a
                    WHERE a.rook AND (a.code_a OPERATOR(pg_catalog.=) m.code OR a.code_b OPERATOR(pg_catalog.=) m.code));
COMMENT ON VIEW @extschema@.rook_links IS
'rook contiguity of the 229 units (582 pairs) as a caregap weights relation, islands as rows (i, NULL)';

CREATE VIEW @extschema@.sido AS
SELECT m.sido, pg_catalog.min(m.sido_name_ko) AS name_ko, pg_catalog.min(m.sido_name_en) AS name_en,
       pg_catalog.count(*) AS units
  FROM @extschema@.municipality m GROUP BY m.sido;
COMMENT ON VIEW @extschema@.sido IS
'the 17 sido of 2026 with their Korean and English names (NULL where unconfirmed: 강원, 전북) and number of units';

GRANT SELECT ON @extschema@.municipality, @extschema@.population, @extschema@.population_monthly,
    @extschema@.ltc_recipients, @extschema@.ltc_supply, @extschema@.nursing_hospital, @extschema@.crosswalk,
    @extschema@.boundary, @extschema@.adjacency, @extschema@.links, @extschema@.rook_links, @extschema@.sido
    TO PUBLIC;
