-- korea (caregap_korea 1.0.0): the national reference data.  Every total is
-- compared with the reconciliation tables of data/korea/care/README.md and
-- data/korea/boundaries/README.md (typed in here from those READMEs); every
-- file equals its table row for row; the Gyeonggi rows equal caregap's own
-- Gyeonggi tables; the tables are read-only to PUBLIC and their CHECKs refuse
-- bad rows.
\i sql/include/tap.sql

BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS caregap_korea;
RESET client_min_messages;
SET datestyle = ISO;
SELECT plan(36);

-- 1. national population by date (README "National population")
SELECT is((SELECT array_agg(ROW(ref_date, total, p05, p65, p75, p85)::text ORDER BY ref_date)
             FROM (SELECT ref_date, sum(pop_total) AS total, sum(pop_0_5) AS p05, sum(pop_65plus) AS p65,
                          sum(pop_75plus) AS p75, sum(pop_85plus) AS p85
                     FROM caregap_korea.population GROUP BY ref_date) s),
          ARRAY['(2022-12-31,51439038,,9267290,3873532,952722)', '(2023-12-31,51325329,,9730411,4053413,1021922)',
                '(2024-12-31,51217221,,10256782,4229720,1103022)', '(2025-12-31,51117378,,10840822,4393734,1169200)',
                '(2026-06-30,51091769,1537746,11188748,4464352,1217384)'],
          'national population, 0-5, 65+, 75+, 85+ at every date = the README');

-- 2. national recipients (README "National recipients"); 2026-05-31 only as bounds
SELECT is((SELECT array_agg(ROW(ref_date, a, r, sa, sr)::text ORDER BY ref_date)
             FROM (SELECT ref_date, sum(applicants) AS a, sum(recipients) AS r,
                          sum(applicants_suppressed_cells) AS sa, sum(recipients_suppressed_cells) AS sr
                     FROM caregap_korea.ltc_recipients WHERE ref_date < DATE '2026-01-01' GROUP BY ref_date) s),
          ARRAY['(2022-12-31,1348961,1019130,0,0)', '(2023-12-31,1428967,1097856,0,0)',
                '(2024-12-31,1477948,1165030,0,0)', '(2025-12-31,1550961,1235045,0,0)'],
          'national applicants and recipients at the year ends = the README, nothing suppressed');
SELECT is((SELECT ROW(sum(applicants_min), sum(applicants_max), sum(recipients_min), sum(recipients_max),
                      sum(applicants_suppressed_cells), sum(recipients_suppressed_cells), count(recipients))::text
             FROM caregap_korea.ltc_recipients WHERE ref_date = DATE '2026-05-31'),
          '(1584113,1588100,1248429,1303767,1329,18446,0)',
          '2026-05-31: bounds 1,584,113-1,588,100 and 1,248,429-1,303,767, 1,329 and 18,446 suppressed cells, every count NULL');

-- 3. the sido table (README "Main figures by sido")
CREATE TEMP TABLE readme_sido (sido text, units int, pop bigint, p65 bigint, recipients bigint, residential bigint,
                               day_night bigint, care_workers bigint, hospitals bigint, beds bigint);
INSERT INTO readme_sido VALUES
 ('11', 25, 9299548, 1900102, 159225, 17108, 20177, 159278, 101, 19599),
 ('26', 16, 3241600, 818835, 84320, 7642, 14735, 61387, 150, 30698),
 ('27', 9, 2353032, 519405, 61796, 10587, 14748, 44934, 65, 13131),
 ('28', 10, 3051961, 575012, 71192, 22337, 11204, 58384, 57, 11175),
 ('29', 5, 1392013, 261259, 34134, 4313, 8061, 33802, 58, 13085),
 ('30', 5, 1440729, 275406, 34263, 8366, 7152, 30542, 43, 7618),
 ('31', 5, 1091948, 202900, 19181, 3161, 4530, 13317, 37, 6461),
 ('36', 1, 391965, 48115, 4426, 959, 1224, 2702, 4, 433),
 ('41', 31, 13730135, 2434194, 283943, 97178, 51069, 226763, 267, 49141),
 ('43', 11, 1596502, 368000, 45673, 12323, 10617, 29354, 35, 5874),
 ('44', 15, 2136753, 500694, 65613, 14176, 12617, 47427, 62, 10708),
 ('46', 22, 1779135, 506276, 69085, 11772, 12164, 44447, 78, 16961),
 ('47', 22, 2506526, 688172, 87340, 17693, 18891, 57151, 103, 19022),
 ('48', 18, 3207383, 745437, 95370, 13842, 17750, 71028, 113, 24106),
 ('50', 2, 664792, 133551, 12455, 4153, 2197, 7385, 10, 1416),
 ('51', 18, 1508500, 404489, 43148, 12604, 6434, 28554, 30, 3727),
 ('52', 14, 1724856, 458975, 63881, 10041, 17570, 42940, 72, 16759);
CREATE TEMP VIEW table_sido AS
SELECT m.sido,
       (SELECT count(*) FROM caregap_korea.municipality x WHERE x.sido = m.sido)::int AS units,
       (SELECT sum(pop_total) FROM caregap_korea.population p WHERE p.sido = m.sido AND ref_date = '2025-12-31') AS pop,
       (SELECT sum(pop_65plus) FROM caregap_korea.population p WHERE p.sido = m.sido AND ref_date = '2025-12-31') AS p65,
       (SELECT sum(recipients) FROM caregap_korea.ltc_recipients r WHERE r.sido = m.sido AND ref_date = '2025-12-31') AS recipients,
       (SELECT sum(capacity) FROM caregap_korea.ltc_supply s WHERE s.sido = m.sido AND service_group = 'residential') AS residential,
       (SELECT sum(capacity) FROM caregap_korea.ltc_supply s WHERE s.sido = m.sido AND service_group = 'day_night') AS day_night,
       (SELECT sum(care_workers) FROM caregap_korea.ltc_supply s WHERE s.sido = m.sido) AS care_workers,
       (SELECT count(*) FROM caregap_korea.nursing_hospital h WHERE h.sido = m.sido) AS hospitals,
       (SELECT sum(beds) FROM caregap_korea.nursing_hospital h WHERE h.sido = m.sido) AS beds
  FROM (SELECT DISTINCT sido FROM caregap_korea.municipality) m;
SELECT is_empty($$SELECT * FROM readme_sido EXCEPT SELECT * FROM table_sido$$,
                'every sido''s units, population, 65+, recipients, residential and day/night places, care workers, hospitals and beds = the README');
SELECT is_empty($$SELECT * FROM table_sido EXCEPT SELECT * FROM readme_sido$$, '... and no other sido');
SELECT is((SELECT ROW(sum(units), sum(pop), sum(p65), sum(recipients), sum(residential), sum(day_night), sum(care_workers), sum(hospitals), sum(beds))::text FROM table_sido),
          '(229,51117378,10840822,1235045,268255,231140,959395,1285,249914)', 'the national row of the README');
SELECT is((SELECT sum(capacity) FROM caregap_korea.ltc_supply WHERE service_group = 'short_term'), 867::bigint,
          'short-term care places nationally: 867');
SELECT is((SELECT array_agg(m.name_ko || ' ' || r.recipients ORDER BY m.code) FROM caregap_korea.ltc_recipients r
             JOIN caregap_korea.municipality m USING (code) WHERE m.sido = '50' AND r.ref_date = '2025-12-31'),
          ARRAY['제주시 9105', '서귀포시 3350'], 'Jeju: 제주시 9,105 and 서귀포시 3,350 recipients (2025-12-31)');

-- 4. the monthly panel: complete, and its Decembers = the year ends but the README's two exceptions
SELECT is((SELECT ROW(count(*), count(DISTINCT code), count(DISTINCT month), min(month), max(month))::text FROM caregap_korea.population_monthly),
          '(27480,229,120,2016-01-01,2025-12-01)', 'monthly panel: 229 units x 120 months, 2016-01 to 2025-12');
SELECT is((SELECT array_agg(p.code || ' ' || p.ref_date || ' ' || p.pop_total || '/' || m.pop_total ORDER BY p.code)
             FROM caregap_korea.population p JOIN caregap_korea.population_monthly m
               ON m.code = p.code AND m.month = date_trunc('month', p.ref_date)::date
            WHERE p.ref_date < '2026-01-01'
              AND (p.pop_total, p.pop_65plus, p.pop_75plus, p.pop_85plus) IS DISTINCT FROM (m.pop_total, m.pop_65plus, m.pop_75plus, m.pop_85plus)),
          ARRAY['46780 2023-12-31 37687/37686', '48170 2023-12-31 341073/341074'],
          'Decembers = year ends for 914 of 916 pairs; the two one-person differences of the README');

-- 5. units, crosswalk, boundaries, contiguity (boundaries README)
SELECT is((SELECT array_agg(how || ' ' || n ORDER BY how) FROM (SELECT how, count(*) AS n FROM caregap_korea.crosswalk GROUP BY how) s),
          ARRAY['branch_office 15', 'former_unit 7', 'general_gu 150', 'general_gu_check 38', 'renamed 3',
                'reorganised_2026_07 3', 'reorganised_2026_07_by_location 1', 'same 1703', 'sido_merged_2026_07 26',
                'sido_moved 3', 'sido_renamed 96', 'sido_renamed+general_gu 2', 'sido_renamed+general_gu_check 2'],
          'crosswalk: 2,049 keys, the README''s rows by rule');
SELECT is((SELECT count(*) FROM caregap_korea.municipality WHERE name_en IS NOT NULL), 225::bigint,
          '225 of 229 units have a confirmed English name (the README''s four exceptions are NULL)');
SELECT is((SELECT ROW(count(*), count(*) FILTER (WHERE rook))::text FROM caregap_korea.adjacency), '(584,582)',
          '584 queen pairs, 582 of them rook');
SELECT is((SELECT array_agg(a.code_a || '-' || a.code_b ORDER BY a.code_a) FROM caregap_korea.adjacency a WHERE NOT rook),
          ARRAY['11530-11590', '11560-11620'], 'the two point contacts: 구로구-동작구, 영등포구-관악구');
SELECT is((SELECT ROW(units, links, islands, components)::text FROM caregap.weights_summary('caregap_korea.links')),
          '(229,1168,8,10)', 'links: 229 units, 1,168 directed links, 8 islands, 10 components');
SELECT is((SELECT array_agg(m.name_ko ORDER BY m.code) FROM caregap_korea.links l JOIN caregap_korea.municipality m ON m.code = l.i WHERE l.j IS NULL),
          ARRAY['영도구', '강화군', '옹진군', '완도군', '진도군', '울릉군', '거제시', '남해군'], 'the 8 units without a neighbour');
SELECT is((SELECT array_agg(j ORDER BY j) FROM caregap_korea.links WHERE i IN ('50110', '50130')), ARRAY['50110', '50130'],
          '제주시 and 서귀포시 touch only each other');
SELECT is((SELECT count(*) FROM caregap_korea.boundary b JOIN caregap_korea.municipality m USING (code)
            WHERE b.geojson ->> 'type' = 'MultiPolygon'), 229::bigint, '229 boundaries, each a MultiPolygon');

-- 6. Gyeonggi: the national rows = caregap's Gyeonggi tables
SELECT is_empty($$(SELECT code, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap_korea.population WHERE sido = '41'
                   EXCEPT SELECT * FROM caregap.gyeonggi_population)
                  UNION ALL
                  (SELECT * FROM caregap.gyeonggi_population
                   EXCEPT SELECT code, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap_korea.population WHERE sido = '41')
                  $$, 'Gyeonggi population rows = caregap.gyeonggi_population');
SELECT is_empty($$(SELECT code, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells,
                          applicants_min, applicants_max, recipients_min, recipients_max FROM caregap_korea.ltc_recipients WHERE sido = '41'
                   EXCEPT SELECT * FROM caregap.gyeonggi_ltc_recipients)
                  UNION ALL
                  (SELECT * FROM caregap.gyeonggi_ltc_recipients
                   EXCEPT SELECT code, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells,
                          applicants_min, applicants_max, recipients_min, recipients_max FROM caregap_korea.ltc_recipients WHERE sido = '41')
                  $$, 'Gyeonggi recipients rows = caregap.gyeonggi_ltc_recipients');
SELECT is_empty($$(SELECT code, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers,
                          nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists
                     FROM caregap_korea.ltc_supply WHERE sido = '41'
                   EXCEPT SELECT * FROM caregap.gyeonggi_ltc_supply)
                  UNION ALL
                  (SELECT * FROM caregap.gyeonggi_ltc_supply
                   EXCEPT SELECT code, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers,
                          nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists
                     FROM caregap_korea.ltc_supply WHERE sido = '41')
                  $$, 'Gyeonggi supply rows = caregap.gyeonggi_ltc_supply');
SELECT is_empty($$(SELECT id, name_ko, code, lon, lat, doctors, specialists, beds FROM caregap_korea.nursing_hospital WHERE sido = '41'
                   EXCEPT SELECT * FROM caregap.gyeonggi_nursing_hospital)
                  UNION ALL
                  (SELECT * FROM caregap.gyeonggi_nursing_hospital
                   EXCEPT SELECT id, name_ko, code, lon, lat, doctors, specialists, beds FROM caregap_korea.nursing_hospital WHERE sido = '41')
                  $$, 'Gyeonggi hospitals = caregap.gyeonggi_nursing_hospital');
SELECT is_empty($$(SELECT code_a, code_b, border_km FROM caregap_korea.adjacency WHERE code_a LIKE '41%' AND code_b LIKE '41%'
                   EXCEPT SELECT code_a, code_b, border_km FROM caregap.gyeonggi_adjacency)
                  UNION ALL
                  (SELECT code_a, code_b, border_km FROM caregap.gyeonggi_adjacency
                   EXCEPT SELECT code_a, code_b, border_km FROM caregap_korea.adjacency WHERE code_a LIKE '41%' AND code_b LIKE '41%')
                  $$, 'Gyeonggi pairs of the national contiguity = caregap.gyeonggi_adjacency, border lengths included');

-- 7. discipline: read-only to PUBLIC, CHECKs
SELECT ok(has_table_privilege('public', 'caregap_korea.population', 'SELECT')
          AND NOT has_table_privilege('public', 'caregap_korea.population', 'INSERT')
          AND NOT has_schema_privilege('public', 'caregap_korea', 'CREATE'),
          'PUBLIC may read the tables, not write them, and may not create in the schema');
SELECT throws_ok($$INSERT INTO caregap_korea.ltc_recipients VALUES ('11110', '11', '2030-12-31', NULL, 5, 0, 0, 0, 0, 5, 5)$$,
                 '23514', NULL, 'a NULL count without a suppressed cell is refused (CHECK)');

-- 8. every file = its table, row for row both ways (psql's \copy; the monthly panel with months as text)
CREATE TEMP TABLE f_municipality AS SELECT code, sido, sido_name_ko, sido_name_en, name_ko, name_en, kind, is_gu, parent_city, general_gu, lon, lat, point_dongs, point_pop_pct FROM caregap_korea.municipality WITH NO DATA;
\copy f_municipality (code, sido, sido_name_ko, sido_name_en, name_ko, name_en, kind, is_gu, parent_city, general_gu, lon, lat, point_dongs, point_pop_pct) FROM 'data/korea/care/municipalities.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_municipality EXCEPT ALL SELECT code, sido, sido_name_ko, sido_name_en, name_ko, name_en, kind, is_gu, parent_city, general_gu, lon, lat, point_dongs, point_pop_pct FROM caregap_korea.municipality) a)
          + (SELECT count(*) FROM (SELECT code, sido, sido_name_ko, sido_name_en, name_ko, name_en, kind, is_gu, parent_city, general_gu, lon, lat, point_dongs, point_pop_pct FROM caregap_korea.municipality EXCEPT ALL SELECT * FROM f_municipality) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_municipality), 0::bigint, 'data/korea/care/municipalities.csv = caregap_korea.municipality');
CREATE TEMP TABLE f_population AS SELECT code, sido, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap_korea.population WITH NO DATA;
\copy f_population (code, sido, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus) FROM 'data/korea/care/population.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_population EXCEPT ALL SELECT code, sido, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap_korea.population) a)
          + (SELECT count(*) FROM (SELECT code, sido, ref_date, pop_total, pop_0_5, pop_65plus, pop_75plus, pop_85plus FROM caregap_korea.population EXCEPT ALL SELECT * FROM f_population) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_population), 0::bigint, 'data/korea/care/population.csv = caregap_korea.population');
CREATE TEMP TABLE f_ltc_recipients AS SELECT code, sido, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max FROM caregap_korea.ltc_recipients WITH NO DATA;
\copy f_ltc_recipients (code, sido, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max) FROM 'data/korea/care/ltc_recipients.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_ltc_recipients EXCEPT ALL SELECT code, sido, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max FROM caregap_korea.ltc_recipients) a)
          + (SELECT count(*) FROM (SELECT code, sido, ref_date, applicants, recipients, applicants_suppressed_cells, recipients_suppressed_cells, applicants_min, applicants_max, recipients_min, recipients_max FROM caregap_korea.ltc_recipients EXCEPT ALL SELECT * FROM f_ltc_recipients) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_ltc_recipients), 0::bigint, 'data/korea/care/ltc_recipients.csv = caregap_korea.ltc_recipients');
CREATE TEMP TABLE f_ltc_supply AS SELECT code, sido, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists FROM caregap_korea.ltc_supply WITH NO DATA;
\copy f_ltc_supply (code, sido, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists) FROM 'data/korea/care/ltc_supply.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_ltc_supply EXCEPT ALL SELECT code, sido, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists FROM caregap_korea.ltc_supply) a)
          + (SELECT count(*) FROM (SELECT code, sido, ref_date, type_code, type_name_ko, type_name_en, service_group, institutions, capacity, care_workers, nurses, nurse_aides, social_workers, physical_therapists, occupational_therapists FROM caregap_korea.ltc_supply EXCEPT ALL SELECT * FROM f_ltc_supply) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_ltc_supply), 0::bigint, 'data/korea/care/ltc_supply.csv = caregap_korea.ltc_supply');
CREATE TEMP TABLE f_nursing_hospital AS SELECT id, name_ko, code, sido, lon, lat, doctors, specialists, beds FROM caregap_korea.nursing_hospital WITH NO DATA;
\copy f_nursing_hospital (id, name_ko, code, sido, lon, lat, doctors, specialists, beds) FROM 'data/korea/care/nursing_hospitals.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_nursing_hospital EXCEPT ALL SELECT id, name_ko, code, sido, lon, lat, doctors, specialists, beds FROM caregap_korea.nursing_hospital) a)
          + (SELECT count(*) FROM (SELECT id, name_ko, code, sido, lon, lat, doctors, specialists, beds FROM caregap_korea.nursing_hospital EXCEPT ALL SELECT * FROM f_nursing_hospital) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_nursing_hospital), 0::bigint, 'data/korea/care/nursing_hospitals.csv = caregap_korea.nursing_hospital');
CREATE TEMP TABLE f_crosswalk AS SELECT source, source_code, source_sido, source_name, first_date, last_date, target_code, how FROM caregap_korea.crosswalk WITH NO DATA;
\copy f_crosswalk (source, source_code, source_sido, source_name, first_date, last_date, target_code, how) FROM 'data/korea/care/crosswalk.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_crosswalk EXCEPT ALL SELECT source, source_code, source_sido, source_name, first_date, last_date, target_code, how FROM caregap_korea.crosswalk) a)
          + (SELECT count(*) FROM (SELECT source, source_code, source_sido, source_name, first_date, last_date, target_code, how FROM caregap_korea.crosswalk EXCEPT ALL SELECT * FROM f_crosswalk) b)
          + (SELECT CASE WHEN count(*) > 0 THEN 0 ELSE 1 END FROM f_crosswalk), 0::bigint, 'data/korea/care/crosswalk.csv = caregap_korea.crosswalk');
CREATE TEMP TABLE f_monthly (code text, sido text, month text, pop_total int, pop_65plus int, pop_75plus int, pop_85plus int);
\copy f_monthly FROM 'data/korea/care/population_65plus_monthly.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT code, sido, (month || '-01')::date, pop_total, pop_65plus, pop_75plus, pop_85plus FROM f_monthly
                                  EXCEPT ALL SELECT * FROM caregap_korea.population_monthly) a)
          + (SELECT count(*) FROM (SELECT * FROM caregap_korea.population_monthly
                                  EXCEPT ALL SELECT code, sido, (month || '-01')::date, pop_total, pop_65plus, pop_75plus, pop_85plus FROM f_monthly) b),
          0::bigint, 'data/korea/care/population_65plus_monthly.csv = caregap_korea.population_monthly');
CREATE TEMP TABLE f_queen (code_a text, code_b text, border_km float8);
\copy f_queen FROM 'data/korea/boundaries/municipalities_queen.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE f_rook (code_a text, code_b text, border_km float8);
\copy f_rook FROM 'data/korea/boundaries/municipalities_rook.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM (SELECT * FROM f_queen EXCEPT ALL SELECT code_a, code_b, border_km FROM caregap_korea.adjacency) a)
          + (SELECT count(*) FROM (SELECT code_a, code_b, border_km FROM caregap_korea.adjacency EXCEPT ALL SELECT * FROM f_queen) b)
          + (SELECT count(*) FROM (SELECT * FROM f_rook EXCEPT ALL SELECT code_a, code_b, border_km FROM caregap_korea.adjacency WHERE rook) c)
          + (SELECT count(*) FROM (SELECT code_a, code_b, border_km FROM caregap_korea.adjacency WHERE rook EXCEPT ALL SELECT * FROM f_rook) d),
          0::bigint, 'municipalities_queen.csv and municipalities_rook.csv = caregap_korea.adjacency (rook the flag)');
\set geojson `cat data/korea/boundaries/municipalities.geojson`
SELECT is((SELECT count(*) FROM (SELECT f -> 'properties' ->> 'code', f -> 'geometry' FROM jsonb_array_elements((:'geojson')::jsonb -> 'features') f
                                  EXCEPT ALL SELECT code, geojson FROM caregap_korea.boundary) a)
          + (SELECT count(*) FROM (SELECT code, geojson FROM caregap_korea.boundary
                                  EXCEPT ALL SELECT f -> 'properties' ->> 'code', f -> 'geometry' FROM jsonb_array_elements((:'geojson')::jsonb -> 'features') f) b),
          0::bigint, 'municipalities.geojson = caregap_korea.boundary (229 codes and geometries)');

-- 9. a non-superuser may install it (trusted); the schema then belongs to a superuser and
--    she may not create in it (caregap's owner rule)
DROP VIEW table_sido;
DROP EXTENSION caregap_korea;
DROP SCHEMA IF EXISTS caregap_korea;
CREATE ROLE cg_dora;
DO $g$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO cg_dora', current_database()); END $g$;
SET LOCAL ROLE cg_dora;
CREATE EXTENSION caregap_korea;
RESET ROLE;
SELECT ok((SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'caregap_korea'),
          'after a non-superuser''s install, a superuser owns schema caregap_korea');
SELECT ok(NOT has_schema_privilege('cg_dora', 'caregap_korea', 'CREATE') AND has_table_privilege('cg_dora', 'caregap_korea.population', 'SELECT')
          AND NOT has_table_privilege('cg_dora', 'caregap_korea.population', 'INSERT'),
          '... and she may read the tables but not write them or create in the schema');

SELECT * FROM finish();
ROLLBACK;

-- outside a transaction (the guard takes a schema that the installing transaction itself
-- created for fresh): a schema caregap_korea that another role created beforehand is refused,
-- even for a superuser's install, and nothing is installed into it
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS caregap_korea;
RESET client_min_messages;
CREATE ROLE cg_eve;
DO $g$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO cg_eve', current_database()); END $g$;
SET SESSION AUTHORIZATION cg_eve;
CREATE SCHEMA caregap_korea;
RESET SESSION AUTHORIZATION;
\set VERBOSITY terse
CREATE EXTENSION caregap_korea;
\set VERBOSITY default
SELECT 'caregap_korea installed: ' || count(*) FROM pg_extension WHERE extname = 'caregap_korea';
DROP SCHEMA caregap_korea;
DO $g$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM cg_eve', current_database()); END $g$;
DROP ROLE cg_eve;
