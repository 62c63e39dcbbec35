-- Loads the simplified 2018 polygons of Gyeonggi's 563 dongs (dong_gyeonggi.geojson, see
-- README.md here for the source, the simplification and the licence) into
--   korea_dong.dong_geom_2018  one row per 2018 dong: kostat_code_2018 (key), name_2018,
--                              sigungu, adm_code and name_ko of the matched 2026 dong
--                              (NULL for the 22 polygons without a 2026 match, kept so
--                              that the map has no holes), geom (MultiPolygon, SRID 4326)
-- Needs PostGIS (CREATE EXTENSION postgis) and schema korea_dong (data/korea_dong/load.sql
-- first). Run from the repository root: psql -f data/korea_dong/load_geom.sql
\set ON_ERROR_STOP on
\set geojson `cat data/korea_dong/dong_gyeonggi.geojson`
SET client_min_messages = warning;
DROP TABLE IF EXISTS korea_dong.dong_geom_2018;
RESET client_min_messages;
CREATE TABLE korea_dong.dong_geom_2018 (
    kostat_code_2018  text PRIMARY KEY,
    name_2018         text NOT NULL,
    sigungu           text NOT NULL,
    adm_code          bigint UNIQUE REFERENCES korea_dong.dong (adm_code),
    name_ko           text,
    geom              geometry(MultiPolygon, 4326) NOT NULL
);
INSERT INTO korea_dong.dong_geom_2018
SELECT f -> 'properties' ->> 'kostat_code_2018',
       f -> 'properties' ->> 'name_2018',
       f -> 'properties' ->> 'sigungu',
       (f -> 'properties' ->> 'adm_code')::bigint,
       f -> 'properties' ->> 'name_ko',
       ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON((f -> 'geometry')::text)), 4326)
  FROM jsonb_array_elements((:'geojson')::jsonb -> 'features') f;
CREATE INDEX ON korea_dong.dong_geom_2018 USING gist (geom);
COMMENT ON TABLE korea_dong.dong_geom_2018 IS
'the 563 dongs of Gyeonggi-do in the 2018 census boundaries of Statistics Korea (SGIS, KOGL Type 1), simplified for maps; adm_code is the matched 2026 MOIS dong (NULL for 22 polygons without one)';
ANALYZE korea_dong.dong_geom_2018;
