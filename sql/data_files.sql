-- data_files (1.0.0): every shipped data file has a loader, and what is loaded
-- equals the file.  The Gyeonggi files are carried by the install script
-- (tools/gen_*_sql.py wrote its data sections), the dong files are loaded by
-- data/korea_dong/load.sql and load_geom.sql; here each file is read again with
-- psql's \copy (or as text, for the GeoJSON) and compared with the table, both
-- ways (EXCEPT), so that an edited file or a stale data section fails.
\i sql/include/tap.sql

BEGIN;
SELECT plan(10);

CREATE TEMP TABLE f_gyeonggi_municipality AS SELECT code, name_ko, name_en, kind, region, lon, lat, area_km2, pop_total_2010, pop_65plus_2010, kostat_code_2018 FROM caregap.gyeonggi_municipality WITH NO DATA;
\copy f_gyeonggi_municipality (code, name_ko, name_en, kind, region, lon, lat, area_km2, pop_total_2010, pop_65plus_2010, kostat_code_2018) FROM 'data/gyeonggi/municipalities.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_gyeonggi_municipality EXCEPT ALL SELECT code, name_ko, name_en, kind, region, lon, lat, area_km2, pop_total_2010, pop_65plus_2010, kostat_code_2018 FROM caregap.gyeonggi_municipality) a)
          + (SELECT count(*) FROM (SELECT code, name_ko, name_en, kind, region, lon, lat, area_km2, pop_total_2010, pop_65plus_2010, kostat_code_2018 FROM caregap.gyeonggi_municipality EXCEPT ALL SELECT * FROM f_gyeonggi_municipality) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_gyeonggi_municipality),
          0::bigint, 'data/gyeonggi/municipalities.csv = caregap.gyeonggi_municipality (code, name_ko, ...), every row both ways');

CREATE TEMP TABLE f_gyeonggi_population AS SELECT code, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap.gyeonggi_population WITH NO DATA;
\copy f_gyeonggi_population (code, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus) FROM 'data/gyeonggi/care/population.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_gyeonggi_population EXCEPT ALL SELECT code, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap.gyeonggi_population) a)
          + (SELECT count(*) FROM (SELECT code, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap.gyeonggi_population EXCEPT ALL SELECT * FROM f_gyeonggi_population) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_gyeonggi_population),
          0::bigint, 'data/gyeonggi/care/population.csv = caregap.gyeonggi_population (code, ref_date, ...), every row both ways');

CREATE TEMP TABLE f_gyeonggi_ltc_recipients AS SELECT code, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max FROM caregap.gyeonggi_ltc_recipients WITH NO DATA;
\copy f_gyeonggi_ltc_recipients (code, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max) FROM 'data/gyeonggi/care/ltc_recipients.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_gyeonggi_ltc_recipients EXCEPT ALL SELECT code, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max FROM caregap.gyeonggi_ltc_recipients) a)
          + (SELECT count(*) FROM (SELECT code, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max FROM caregap.gyeonggi_ltc_recipients EXCEPT ALL SELECT * FROM f_gyeonggi_ltc_recipients) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_gyeonggi_ltc_recipients),
          0::bigint, 'data/gyeonggi/care/ltc_recipients.csv = caregap.gyeonggi_ltc_recipients (code, ref_date, ...), every row both ways');

CREATE TEMP TABLE f_gyeonggi_ltc_supply AS SELECT code, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists FROM caregap.gyeonggi_ltc_supply WITH NO DATA;
\copy f_gyeonggi_ltc_supply (code, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists) FROM 'data/gyeonggi/care/ltc_supply.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_gyeonggi_ltc_supply EXCEPT ALL SELECT code, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists FROM caregap.gyeonggi_ltc_supply) a)
          + (SELECT count(*) FROM (SELECT code, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists FROM caregap.gyeonggi_ltc_supply EXCEPT ALL SELECT * FROM f_gyeonggi_ltc_supply) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_gyeonggi_ltc_supply),
          0::bigint, 'data/gyeonggi/care/ltc_supply.csv = caregap.gyeonggi_ltc_supply (code, ref_date, ...), every row both ways');

CREATE TEMP TABLE f_gyeonggi_nursing_hospital AS SELECT id, name_ko, code, lon, lat, doctors, specialists, beds FROM caregap.gyeonggi_nursing_hospital WITH NO DATA;
\copy f_gyeonggi_nursing_hospital (id, name_ko, code, lon, lat, doctors, specialists, beds) FROM 'data/gyeonggi/care/nursing_hospitals.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_gyeonggi_nursing_hospital EXCEPT ALL SELECT id, name_ko, code, lon, lat, doctors, specialists, beds FROM caregap.gyeonggi_nursing_hospital) a)
          + (SELECT count(*) FROM (SELECT id, name_ko, code, lon, lat, doctors, specialists, beds FROM caregap.gyeonggi_nursing_hospital EXCEPT ALL SELECT * FROM f_gyeonggi_nursing_hospital) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_gyeonggi_nursing_hospital),
          0::bigint, 'data/gyeonggi/care/nursing_hospitals.csv = caregap.gyeonggi_nursing_hospital (id, name_ko, ...), every row both ways');
-- contiguity: queen and rook files are the same 65 pairs (the README: no point-only
-- contact), both = caregap.gyeonggi_adjacency with its border lengths
CREATE TEMP TABLE f_queen (code_a text, code_b text, border_km float8);
\copy f_queen FROM 'data/gyeonggi/adjacency_queen.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE f_rook (code_a text, code_b text, border_km float8);
\copy f_rook FROM 'data/gyeonggi/adjacency_rook.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_queen EXCEPT ALL SELECT code_a, code_b, border_km FROM caregap.gyeonggi_adjacency) a)
          + (SELECT count(*) FROM (SELECT code_a, code_b, border_km FROM caregap.gyeonggi_adjacency EXCEPT ALL SELECT * FROM f_queen) b),
          0::bigint, 'data/gyeonggi/adjacency_queen.csv = caregap.gyeonggi_adjacency (65 pairs with border_km)');
SELECT is((SELECT count(*) FROM (SELECT * FROM f_rook EXCEPT ALL SELECT * FROM f_queen) a)
          + (SELECT count(*) FROM (SELECT * FROM f_queen EXCEPT ALL SELECT * FROM f_rook) b)
          + abs((SELECT count(*) FROM f_rook) - 65),
          0::bigint, 'data/gyeonggi/adjacency_rook.csv: the same 65 pairs as queen');

-- boundaries: the GeoJSON's 31 features = caregap.gyeonggi_boundary (code and geometry)
\set geojson `cat data/gyeonggi/gyeonggi_municipalities.geojson`
CREATE TEMP TABLE f_boundary AS
SELECT f -> 'properties' ->> 'code' AS code, f -> 'geometry' AS geojson
  FROM jsonb_array_elements((:'geojson')::jsonb -> 'features') f;
SELECT is((SELECT count(*) FROM (SELECT code, geojson FROM f_boundary EXCEPT ALL SELECT code, geojson FROM caregap.gyeonggi_boundary) a)
          + (SELECT count(*) FROM (SELECT code, geojson FROM caregap.gyeonggi_boundary EXCEPT ALL SELECT code, geojson FROM f_boundary) b)
          + abs((SELECT count(*) FROM f_boundary) - 31),
          0::bigint, 'data/gyeonggi/gyeonggi_municipalities.geojson = caregap.gyeonggi_boundary (31 codes and geometries)');

-- the dong files, through their loader
\i data/korea_dong/load.sql
CREATE TEMP TABLE f_dong AS SELECT * FROM korea_dong.dong WITH NO DATA;
\copy f_dong FROM 'data/korea_dong/dong.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_dong EXCEPT ALL SELECT * FROM korea_dong.dong) a)
          + (SELECT count(*) FROM (SELECT * FROM korea_dong.dong EXCEPT ALL SELECT * FROM f_dong) b)
          + abs((SELECT count(*) FROM f_dong) - 3618),
          0::bigint, 'data/korea_dong/dong.csv: 3,618 dongs, = korea_dong.dong as load.sql loads it');
SELECT is((SELECT count(*) FROM korea_dong.dong_links), 2 * (SELECT count(*) FROM korea_dong.dong_queen),
          'data/korea_dong/dong_queen.csv: load.sql gives each pair in both directions as dong_links');
-- (data/korea_dong/dong_gyeonggi.geojson: load_geom.sql, tested in postgis.sql with PostGIS)

SELECT * FROM finish();
ROLLBACK;
