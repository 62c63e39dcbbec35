/* caregap--0.3.0--0.3.1.sql — security and numerical hardening */

\echo Use "ALTER EXTENSION caregap UPDATE TO '0.3.1'" to load this file. \quit

------------------------------------------------------------------------------
-- The CHECK constraints of 0.1.0-0.3.0 compared with unqualified operators
-- (area_km2 > 0 has no exact match in pg_catalog): an operator planted in a
-- pre-created schema "caregap" was bound into them and ran as superuser.
-- They are rebuilt with OPERATOR(pg_catalog.x) and typed literals, which
-- also unbinds any planted operator.  The view gets typed literals too.
------------------------------------------------------------------------------

ALTER TABLE @extschema@.gyeonggi_municipality
    DROP CONSTRAINT gyeonggi_municipality_code_check,
    DROP CONSTRAINT gyeonggi_municipality_kind_check,
    DROP CONSTRAINT gyeonggi_municipality_region_check,
    DROP CONSTRAINT gyeonggi_municipality_region_en_check,
    DROP CONSTRAINT gyeonggi_municipality_area_km2_check,
    DROP CONSTRAINT gyeonggi_municipality_pop_total_2010_check,
    DROP CONSTRAINT gyeonggi_municipality_check,
    DROP CONSTRAINT gyeonggi_municipality_check1,
    ADD CONSTRAINT gyeonggi_municipality_code_check
        CHECK (code OPERATOR(pg_catalog.~) '^41[0-9]{3}$'::text),
    ADD CONSTRAINT gyeonggi_municipality_kind_check
        CHECK (kind OPERATOR(pg_catalog.=) ANY ('{si,gun}'::text[])),
    ADD CONSTRAINT gyeonggi_municipality_region_check
        CHECK (region OPERATOR(pg_catalog.=) ANY ('{북부,남부}'::text[])),
    ADD CONSTRAINT gyeonggi_municipality_region_en_check
        CHECK (region_en OPERATOR(pg_catalog.=) ANY ('{north,south}'::text[])),
    ADD CONSTRAINT gyeonggi_municipality_area_km2_check
        CHECK (area_km2 OPERATOR(pg_catalog.>) '0'::double precision),
    ADD CONSTRAINT gyeonggi_municipality_pop_total_2010_check
        CHECK (pop_total_2010 OPERATOR(pg_catalog.>=) 0),
    ADD CONSTRAINT gyeonggi_municipality_check
        CHECK (pop_65plus_2010 OPERATOR(pg_catalog.>=) 0 AND pop_65plus_2010 OPERATOR(pg_catalog.<=) pop_total_2010),
    ADD CONSTRAINT gyeonggi_municipality_check1
        CHECK ((region OPERATOR(pg_catalog.=) '북부'::text) OPERATOR(pg_catalog.=) (region_en OPERATOR(pg_catalog.=) 'north'::text));

ALTER TABLE @extschema@.gyeonggi_adjacency
    DROP CONSTRAINT gyeonggi_adjacency_border_km_check,
    DROP CONSTRAINT gyeonggi_adjacency_check,
    ADD CONSTRAINT gyeonggi_adjacency_border_km_check
        CHECK (border_km OPERATOR(pg_catalog.>) '0'::double precision),
    ADD CONSTRAINT gyeonggi_adjacency_check
        CHECK (code_a OPERATOR(pg_catalog.<) code_b);

ALTER TABLE @extschema@.gyeonggi_boundary
    DROP CONSTRAINT gyeonggi_boundary_geojson_check,
    ADD CONSTRAINT gyeonggi_boundary_geojson_check
        CHECK ((geojson OPERATOR(pg_catalog.->>) 'type'::text) OPERATOR(pg_catalog.=) 'MultiPolygon'::text);

CREATE OR REPLACE VIEW @extschema@.gyeonggi_links AS
    SELECT code_a AS i, code_b AS j, '1'::double precision AS w, border_km
      FROM @extschema@.gyeonggi_adjacency
    UNION ALL
    SELECT code_b AS i, code_a AS j, '1'::double precision AS w, border_km
      FROM @extschema@.gyeonggi_adjacency;
