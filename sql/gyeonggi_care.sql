-- gyeonggi_care: the long-term care reference tables of 0.4.0 against the
-- values stated in data/gyeonggi/care/README.md (the section is named in each
-- comment), the 31 codes on every date, and the rules of the data.
\i sql/include/tap.sql

BEGIN;
SELECT plan(36);

-- README "population.csv", table "Gyeonggi totals"
SELECT results_eq($$SELECT ref_date, sum(pop_total)::bigint, sum(pop_0_5)::bigint, sum(pop_65plus)::bigint,
                           sum(pop_75plus)::bigint, sum(pop_85plus)::bigint
                      FROM caregap.gyeonggi_population GROUP BY ref_date ORDER BY ref_date$$,
                  $$VALUES (DATE '2022-12-31', 13589432::bigint, NULL::bigint, 1992807::bigint, 809669::bigint, 197130::bigint),
                           (DATE '2023-12-31', 13630821, NULL, 2122718, 853274, 213329),
                           (DATE '2024-12-31', 13694685, NULL, 2269603, 897178, 232504),
                           (DATE '2025-12-31', 13730135, NULL, 2434194, 938889, 249335),
                           (DATE '2026-06-30', 13761783, 472113, 2531451, 955778, 261059)$$,
                  'population: the province totals of the README, every date');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_population WHERE pop_0_5 IS NULL), 124::bigint,
          'pop_0_5 is NULL (not 0) for the 4 x 31 year-end rows, whose source has no such band');
-- README "ltc_recipients.csv", table "Gyeonggi totals"
SELECT results_eq($$SELECT ref_date, sum(applicants)::bigint, sum(recipients)::bigint,
                           sum(applicants_suppressed_cells)::bigint, sum(recipients_suppressed_cells)::bigint
                      FROM caregap.gyeonggi_ltc_recipients GROUP BY ref_date ORDER BY ref_date$$,
                  $$VALUES (DATE '2022-12-31', 290397::bigint, 227637::bigint, 0::bigint, 0::bigint),
                           (DATE '2023-12-31', 311571, 248321, 0, 0),
                           (DATE '2024-12-31', 327269, 266020, 0, 0),
                           (DATE '2025-12-31', 347343, 283943, 0, 0),
                           (DATE '2026-05-31', NULL, NULL, 179, 1962)$$,
                  'recipients: the province totals of the README; 2026-05-31 suppressed, so NULL');
SELECT results_eq($$SELECT sum(applicants_min)::bigint, sum(applicants_max)::bigint, sum(recipients_min)::bigint,
                           sum(recipients_max)::bigint
                      FROM caregap.gyeonggi_ltc_recipients WHERE ref_date = '2026-05-31'$$,
                  $$VALUES (354844::bigint, 355381::bigint, 288763::bigint, 294649::bigint)$$,
                  'recipients 2026-05-31: the bounds 354,844-355,381 and 288,763-294,649 of the README');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_ltc_recipients WHERE recipients IS NULL), 31::bigint,
          'suppressed counts are NULL, never 0: every unit on 2026-05-31 and no other');
-- README "ltc_supply.csv", table "Gyeonggi totals by service group"
SELECT results_eq($$SELECT service_group, count(*)::bigint, sum(institutions)::bigint, sum(capacity)::bigint,
                           sum(care_workers)::bigint, sum(nurses)::bigint, sum(nurse_aides)::bigint, sum(social_workers)::bigint
                      FROM caregap.gyeonggi_ltc_supply GROUP BY service_group ORDER BY service_group$$,
                  $$VALUES ('day_night', 90::bigint, 1319::bigint, 51069::bigint, 7288::bigint, 122::bigint, 1151::bigint, 2246::bigint),
                           ('home_visit', 178, 7449, NULL, 179720, 776, 735, 6742),
                           ('residential', 129, 2405, 97178, 39656, 754, 4378, 4024),
                           ('short_term', 29, 55, 230, 98, 2, 21, 17),
                           ('welfare_equipment', 60, 476, NULL, 1, 0, 0, 8)$$,
                  'supply: the totals by service group of the README');
SELECT is((SELECT sum(institutions)::bigint || ' / ' || sum(care_workers)::bigint FROM caregap.gyeonggi_ltc_supply),
          '11704 / 226763', 'supply: 11,704 institutions and 226,763 care workers in all (README)');
SELECT is((SELECT sum(capacity) FROM caregap.gyeonggi_ltc_supply WHERE type_code ~ '^A0'), 96487::bigint,
          'residential capacity of the A types alone: 96,487 (README)');
-- the service-type rules of the README
SELECT is_empty($$SELECT code, type_code FROM caregap.gyeonggi_ltc_supply
                   WHERE service_group IN ('home_visit', 'welfare_equipment') AND capacity IS NOT NULL$$,
                'capacity rule 1: no capacity for home-visit and welfare-equipment types');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_ltc_supply
            WHERE service_group IN ('residential', 'day_night', 'short_term') AND capacity IS NULL), 46::bigint,
          'capacity rule 2: the 46 capacity-type rows whose source sum is 0 are NULL (README: A01 8, A02 8, A05 3, B04 3, C04 6, G31 3, G33 1, H31 5, H33 1, I31 2, M31 3, M32 1, S41 2)');
SELECT results_eq($$SELECT type_code, count(*)::bigint FROM caregap.gyeonggi_ltc_supply
                     WHERE service_group IN ('residential', 'day_night', 'short_term') AND capacity IS NULL
                     GROUP BY type_code ORDER BY type_code$$,
                  $$VALUES ('A01', 8::bigint), ('A02', 8), ('A05', 3), ('B04', 3), ('C04', 6), ('G31', 3), ('G33', 1),
                           ('H31', 5), ('H33', 1), ('I31', 2), ('M31', 3), ('M32', 1), ('S41', 2)$$,
                  'capacity rule 2, type by type');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_ltc_supply VALUES ('41110', '2026-06-10', 'ZZZ', 'x', 'x', 'home_visit', 1, 5, 0, 0, 0, 0, 0, 0)$$,
                 '23514', NULL, 'a capacity for a home-visit type is refused');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_ltc_supply VALUES ('41110', '2026-06-10', 'ZZZ', 'x', 'x', 'residential', 1, 0, 0, 0, 0, 0, 0, 0)$$,
                 '23514', NULL, 'a capacity of 0 is refused (missing capacity is NULL)');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_ltc_recipients VALUES ('41110', '2030-12-31', 10, NULL, 0, 0, 10, 10, 5, 5)$$,
                 '23514', NULL, 'a NULL count needs suppressed cells: the bounds say why it is missing');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_nursing_hospital VALUES ('x1', 'x', '41110', 'NaN', 37.3, 1, 0, 10)$$,
                 '23514', NULL, 'a NaN longitude is refused');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_nursing_hospital VALUES ('x2', 'x', '41110', 127, '-Infinity', 1, 0, 10)$$,
                 '23514', NULL, 'an infinite latitude is refused');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_nursing_hospital VALUES ('x3', 'x', '41110', 127, 37.3, 1, 2, 10)$$,
                 '23514', NULL, 'more specialists than doctors is refused');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_population VALUES ('41110', '2030-12-31', 100, NULL, 50, 60, 10)$$,
                 '23514', NULL, 'more people 75+ than 65+ is refused');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_population VALUES ('41110', '2030-12-31', 100, -1, 50, 20, 10)$$,
                 '23514', NULL, 'a negative count is refused');
SELECT throws_ok($$INSERT INTO caregap.gyeonggi_population VALUES ('49999', '2030-12-31', 100, NULL, 50, 20, 10)$$,
                 '23503', NULL, 'an unknown municipality code is refused');
-- README "ltc_supply.csv", per-unit table: residential and day/night capacity, care workers
SELECT results_eq($$SELECT code, sum(capacity) FILTER (WHERE service_group = 'residential')::bigint,
                           sum(capacity) FILTER (WHERE service_group = 'day_night')::bigint, sum(care_workers)::bigint,
                           count(*)::bigint
                      FROM caregap.gyeonggi_ltc_supply WHERE code IN ('41110', '41290', '41800', '41830')
                     GROUP BY code ORDER BY code$$,
                  $$VALUES ('41110', 6382::bigint, 3478::bigint, 17037::bigint, 14::bigint),
                           ('41290', 226, 51, 771, 11), ('41800', 376, 153, 1245, 12), ('41830', 1580, 495, 3517, 15)$$,
                  'supply of 수원, 과천, 연천, 양평 as in the README''s per-unit table');
-- README "population.csv": 41110 2022-12-31 is the first data row of the file
SELECT results_eq($$SELECT pop_total, pop_65plus, pop_75plus, pop_85plus FROM caregap.gyeonggi_population
                     WHERE code = '41110' AND ref_date = '2022-12-31'$$,
                  $$VALUES (1190964, 147122, 58322, 14169)$$, '수원 2022-12-31 as in population.csv');
SELECT results_eq($$SELECT recipients, applicants FROM caregap.gyeonggi_ltc_recipients
                     WHERE code = '41110' AND ref_date IN ('2022-12-31', '2023-12-31') ORDER BY ref_date$$,
                  $$VALUES (16344, 21088), (18003, 22771)$$, '수원 recipients 2022 and 2023 as in ltc_recipients.csv');
-- README "nursing_hospitals.csv": count and beds per unit, total
SELECT results_eq($$SELECT count(*)::bigint, sum(beds)::bigint, sum(doctors)::bigint FROM caregap.gyeonggi_nursing_hospital$$,
                  $$VALUES (267::bigint, 49141::bigint, 1275::bigint)$$, 'nursing hospitals: 267, 49,141 beds, 1,275 doctors');
SELECT results_eq($$SELECT m.code, count(h.id)::bigint, coalesce(sum(h.beds), 0)::bigint
                      FROM caregap.gyeonggi_municipality m LEFT JOIN caregap.gyeonggi_nursing_hospital h USING (code)
                     WHERE m.code IN ('41110', '41280', '41290', '41800') GROUP BY m.code ORDER BY m.code$$,
                  $$VALUES ('41110', 20::bigint, 4372::bigint), ('41280', 25, 4155), ('41290', 0, 0), ('41800', 1, 198)$$,
                  '수원 20 (4,372 beds), 고양 25 (4,155), 과천 0, 연천 1 (198)');
SELECT is_empty($$SELECT id FROM caregap.gyeonggi_nursing_hospital WHERE specialists > doctors$$, 'specialists never exceed doctors');
-- every one of the 31 codes on every date
SELECT is_empty($$SELECT d, m.code FROM caregap.gyeonggi_municipality m,
                          (SELECT DISTINCT ref_date AS d FROM caregap.gyeonggi_population) ds
                   EXCEPT SELECT ref_date, code FROM caregap.gyeonggi_population$$,
                'population: all 31 codes on each of the 5 dates');
SELECT is((SELECT count(DISTINCT ref_date) FROM caregap.gyeonggi_population), 5::bigint, 'population: 5 dates');
SELECT is_empty($$SELECT d, m.code FROM caregap.gyeonggi_municipality m,
                          (SELECT DISTINCT ref_date AS d FROM caregap.gyeonggi_ltc_recipients) ds
                   EXCEPT SELECT ref_date, code FROM caregap.gyeonggi_ltc_recipients$$,
                'recipients: all 31 codes on each date');
SELECT is((SELECT count(DISTINCT ref_date) FROM caregap.gyeonggi_ltc_recipients), 5::bigint, 'recipients: 5 dates');
SELECT is((SELECT count(DISTINCT code) FROM caregap.gyeonggi_ltc_supply), 31::bigint, 'supply: all 31 codes');
SELECT is((SELECT count(DISTINCT code) FROM caregap.gyeonggi_ltc_supply WHERE service_group = 'residential' AND capacity IS NOT NULL),
          31::bigint, 'every unit has residential places');
SELECT is((SELECT count(DISTINCT code) FROM caregap.gyeonggi_nursing_hospital), 30::bigint,
          'nursing hospitals in 30 units (과천 has none)');
-- the extension owns them; PUBLIC reads them
SELECT ok(has_table_privilege('public', 'caregap.gyeonggi_ltc_supply', 'SELECT')
          AND has_table_privilege('public', 'caregap.gyeonggi_nursing_hospital', 'SELECT'), 'PUBLIC may read the care data');
SELECT is((SELECT count(*) FROM pg_depend d JOIN pg_class c ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
            WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'caregap') AND d.deptype = 'e'
              AND c.relname IN ('gyeonggi_population', 'gyeonggi_ltc_recipients', 'gyeonggi_ltc_supply',
                                'gyeonggi_nursing_hospital')), 4::bigint, 'the four tables belong to the extension');
-- the province's residential places per recipient from the per-unit rows: 97,178 / 283,943 (README totals)
SELECT ok(pg_temp.close((SELECT (caregap.care_gap(s, r)).reference_ratio
                           FROM (SELECT code, sum(capacity)::float8 AS s FROM caregap.gyeonggi_ltc_supply
                                  WHERE service_group = 'residential' GROUP BY code) x
                           JOIN (SELECT code, recipients::float8 AS r FROM caregap.gyeonggi_ltc_recipients
                                  WHERE ref_date = '2025-12-31') y USING (code)),
                        97178 / 283943.0),
          'province ratio of residential places per recipient = 97,178 / 283,943');

SELECT * FROM finish();
ROLLBACK;
