-- Loads Korea's administrative dongs (data/korea_dong, see README.md there
-- for sources and licences) into schema korea_dong of the current database:
--   korea_dong.dong        one row per MOIS administrative dong/eup/myeon of 2026-06-30
--   korea_dong.dong_queen  queen-contiguous pairs (adm_code_a < adm_code_b)
--   korea_dong.dong_links  both directions, (i, j, w = 1): a caregap weights relation
-- Run from the repository root: psql -f data/korea_dong/load.sql
-- A data set for the demo and the benchmarks, not part of CREATE EXTENSION.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS korea_dong CASCADE;
RESET client_min_messages;
CREATE SCHEMA korea_dong;
CREATE TABLE korea_dong.dong (
    adm_code          bigint PRIMARY KEY,
    sido              text NOT NULL,
    sido_name         text NOT NULL,
    sigungu           text NOT NULL,
    sigungu_name      text NOT NULL,
    name_ko           text NOT NULL,
    lon               double precision,
    lat               double precision,
    area_km2          double precision,
    pop_total         integer NOT NULL,
    pop_65plus        integer NOT NULL,
    pop_75plus        integer NOT NULL,
    pop_85plus        integer NOT NULL,
    kostat_code_2018  text,
    match             text,
    sgg_reorganised_since_2018 integer,
    parent_adm_code   bigint
);
\copy korea_dong.dong FROM 'data/korea_dong/dong.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE korea_dong.dong_queen (
    adm_code_a  bigint REFERENCES korea_dong.dong,
    adm_code_b  bigint REFERENCES korea_dong.dong,
    border_km   double precision NOT NULL,
    PRIMARY KEY (adm_code_a, adm_code_b),
    CHECK (adm_code_a < adm_code_b)
);
\copy korea_dong.dong_queen FROM 'data/korea_dong/dong_queen.csv' WITH (FORMAT csv, HEADER true)
CREATE VIEW korea_dong.dong_links AS
    SELECT adm_code_a AS i, adm_code_b AS j, 1::double precision AS w FROM korea_dong.dong_queen
    UNION ALL
    SELECT adm_code_b, adm_code_a, 1 FROM korea_dong.dong_queen;
COMMENT ON VIEW korea_dong.dong_links IS 'queen contiguity of the dongs in both directions: a caregap weights relation';
ANALYZE korea_dong.dong;
ANALYZE korea_dong.dong_queen;
