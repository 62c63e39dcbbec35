-- gyeonggi: the shipped reference data against the facts published in
-- data/gyeonggi/README.md (its "Checks performed" section and the 2010 census
-- provincial totals 11,196,053 people and 998,567 aged 65+).
\i sql/include/tap.sql

BEGIN;
SELECT plan(20);

SELECT is((SELECT count(*) FROM caregap.gyeonggi_municipality), 31::bigint, '31 si/gun');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_municipality WHERE kind = 'si'), 28::bigint, '28 si');
SELECT is((SELECT string_agg(name_ko, ',' ORDER BY code) FROM caregap.gyeonggi_municipality WHERE kind = 'gun'),
          '연천군,가평군,양평군', 'the 3 gun');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_municipality WHERE region = '북부'), 10::bigint, '10 in 북부');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_municipality WHERE region = '남부'), 21::bigint, '21 in 남부');
SELECT set_eq($$SELECT name_ko FROM caregap.gyeonggi_municipality WHERE region = '북부'$$,
              ARRAY['고양시','남양주시','파주시','의정부시','양주시','구리시','포천시','동두천시','가평군','연천군'],
              '북부 is the administrative north of the README');
SELECT is((SELECT sum(pop_total_2010) FROM caregap.gyeonggi_municipality), 11196053::bigint,
          'population adds up to the provincial census total');
SELECT is((SELECT sum(pop_65plus_2010) FROM caregap.gyeonggi_municipality), 998567::bigint,
          'population 65+ adds up to the provincial census total');
SELECT is((SELECT round(sum(area_km2)::numeric, 1) FROM caregap.gyeonggi_municipality), 10260.3,
          'total area 10,260.3 km2');
SELECT is((SELECT name_ko FROM caregap.gyeonggi_municipality ORDER BY area_km2 DESC LIMIT 1), '양평군',
          'largest unit 양평군');
SELECT is((SELECT name_ko FROM caregap.gyeonggi_municipality ORDER BY area_km2 LIMIT 1), '구리시',
          'smallest unit 구리시');
SELECT is((SELECT name_en FROM caregap.gyeonggi_municipality WHERE code = '41610'), 'Gwangju-si',
          '41610 is Gwangju-si of Gyeonggi');

SELECT is((SELECT count(*) FROM caregap.gyeonggi_adjacency), 65::bigint, '65 queen pairs');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_links), 130::bigint, '130 directed links');
SELECT is_empty($$SELECT i, j FROM caregap.gyeonggi_links EXCEPT SELECT j, i FROM caregap.gyeonggi_links$$,
                'links are symmetric');
SELECT results_eq($$SELECT min(n), max(n), count(*) FROM
                      (SELECT m.code, count(l.j) AS n FROM caregap.gyeonggi_municipality m
                         LEFT JOIN caregap.gyeonggi_links l ON l.i = m.code GROUP BY m.code) s$$,
                  $$VALUES (2::bigint, 8::bigint, 31::bigint)$$,
                  'neighbour counts 2 to 8, no island');
SELECT is((SELECT border_km FROM caregap.gyeonggi_adjacency WHERE code_a = '41310' AND code_b = '41450'),
          0.285::float8, '구리-하남 share 0.285 km');

SELECT is((SELECT count(*) FROM caregap.gyeonggi_boundary), 31::bigint, '31 boundaries');
SELECT is((SELECT count(*) FROM caregap.gyeonggi_boundary
            WHERE jsonb_array_length(geojson->'coordinates') >= 1), 31::bigint,
          'every boundary has at least one polygon');
-- README caveats: the multi-part units are 안산, 화성, 평택 and 김포.  (Its part
-- counts, 17 for 안산 and 13 for 화성, are of the full-resolution source; the
-- simplified boundaries shipped here have 15 and 14.)
SELECT set_eq($$SELECT m.name_ko FROM caregap.gyeonggi_boundary b JOIN caregap.gyeonggi_municipality m USING (code)
                 WHERE jsonb_array_length(b.geojson->'coordinates') > 1$$,
              ARRAY['안산시','화성시','평택시','김포시'], 'the multi-part units of the README');

SELECT * FROM finish();
ROLLBACK;
