-- demo_report: the report views over the real Gyeonggi long-term care data
-- (demo/views.sql) against figures computed independently in numeric SQL
-- from the reference tables, the care-gap identities, plain columns for BI
-- tools, and the printed report.
\i sql/include/tap.sql
\i data/korea_dong/load.sql
\i demo/views.sql

BEGIN;
SELECT plan(41);

SELECT set_eq($$SELECT table_name::text FROM information_schema.views WHERE table_schema = 'report'$$,
              ARRAY['area', 'unit', 'header', 'gap_input', 'coverage', 'gap_by_region', 'disparity', 'growth', 'need_weighted',
                    'gap_autocorrelation', 'gap_lisa', 'dong_lisa', 'dong_access', 'access_low', 'access_disparity',
                    'map_classes', 'indicators', 'gap_index', 'allocation', 'trend_2030',
                    'location_input', 'next_hospitals', 'next_hospitals_effect'],
              'one view a section');
SELECT is_empty($$SELECT table_name, column_name, data_type FROM information_schema.columns
                   WHERE table_schema = 'report'
                     AND data_type NOT IN ('double precision', 'text', 'integer', 'date', 'bigint', 'boolean')$$,
                'every column of every view is a plain number, text, boolean or date (no composite), for BI tools');
SELECT results_eq($$SELECT domain, count(*)::bigint, sum(supply), sum(demand) FROM report.gap_input GROUP BY domain ORDER BY domain$$,
                  $$VALUES ('care workers', 31::bigint, 226763::float8, 283943::float8),
                           ('day/night places', 31, 51069, 283943), ('residential places', 31, 97178, 283943)$$,
                  'inputs: 31 units a domain; supply and recipients add up to the README totals');

-- 성남 41130, residential, by hand from the tables: S = 2206 places, D = 16637 recipients,
-- R = 97178 / 283943; per 100 = 13.2596...; relative = (2206/16637) / R; shortfall = R D - S = 3487.89...
CREATE TEMP TABLE seongnam AS
SELECT 2206::numeric AS s, 16637::numeric AS d, 97178::numeric / 283943 AS r;
SELECT ok((SELECT pg_temp.close(per_100_recipients, (SELECT (100 * s / d)::float8 FROM seongnam))
                  AND pg_temp.close(relative_coverage, (SELECT (s / d / r)::float8 FROM seongnam))
                  AND pg_temp.close(shortfall, (SELECT (r * d - s)::float8 FROM seongnam), 1e-13)
                  AND gap_rank = 1
             FROM report.coverage WHERE domain = 'residential places' AND code = '41130'),
          '성남 residential: 13.26 per 100, relative 0.387, shortfall 3,488 places, rank 1 (numeric by hand)');
-- identities
SELECT ok((SELECT bool_and(pg_temp.close(m.total, (p.shortfall_own), 1e-12))
             FROM (SELECT domain, sum(shortfall) AS total FROM report.coverage GROUP BY domain) m
             JOIN report.gap_by_region p ON p.domain = m.domain AND p.area_en = 'province'),
          'municipal shortfalls add up to the province shortfall, each domain');
SELECT ok((SELECT bool_and(pg_temp.close(p.gap_index_own, h.hoover::float8, 1e-12))
             FROM report.gap_by_region p
             JOIN (SELECT domain, 0.5 * sum(abs(supply::numeric / ts - demand::numeric / td)) AS hoover
                     FROM report.gap_input
                     JOIN (SELECT domain, sum(supply::numeric) AS ts, sum(demand::numeric) AS td
                             FROM report.gap_input GROUP BY domain) t USING (domain)
                    GROUP BY domain) h USING (domain)
            WHERE p.area_en = 'province'),
          'province gap index = the Hoover index of supply against demand, in numeric');
SELECT ok((SELECT bool_and(pg_temp.close(r.s, p.shortfall_own, 1e-12))
             FROM (SELECT domain, sum(shortfall_vs_province) AS s FROM report.gap_by_region
                    WHERE area_en <> 'province' GROUP BY domain) r
             JOIN report.gap_by_region p ON p.domain = r.domain AND p.area_en = 'province'),
          'regional shortfalls against the province ratio add up to the province shortfall');
SELECT ok((SELECT bool_and(c.n = p.units_short_vs_province)
             FROM (SELECT domain, count(*) FILTER (WHERE gap > 0) AS n FROM report.coverage GROUP BY domain) c
             JOIN report.gap_by_region p ON p.domain = c.domain AND p.area_en = 'province'),
          'municipalities with a gap = units short, each domain');
-- disparity: the recipient-weighted Gini in numeric over all pairs; the decomposition adds up
SELECT ok((SELECT pg_temp.close(d.gini, g.gini::float8, 1e-13)
             FROM report.disparity d,
                  (SELECT sum(a.demand::numeric * b.demand::numeric * abs(a.supply::numeric / a.demand - b.supply::numeric / b.demand))
                          / (2 * sum(a.demand::numeric * b.demand::numeric)
                             * (SELECT sum(supply::numeric) / sum(demand::numeric) FROM report.gap_input WHERE domain = 'residential places'))
                          AS gini
                     FROM report.gap_input a JOIN report.gap_input b USING (domain)
                    WHERE domain = 'residential places') g
            WHERE d.domain = 'residential places'),
          'residential Gini of coverage (weights: recipients) = the pairwise definition in numeric');
SELECT ok((SELECT bool_and(pg_temp.close(theil_t, theil_t_total, 1e-14)
                           AND pg_temp.close(theil_t_between_regions + theil_t_within_regions, theil_t_total, 1e-14))
             FROM report.disparity),
          'Theil T = the decomposition total = between + within, each domain');
SELECT ok((SELECT pg_temp.close(d.theil_t, t.t::float8, 1e-13)
             FROM report.disparity d,
                  (SELECT sum(demand::numeric * (c / mu) * ln(c / mu)) / sum(demand::numeric) AS t
                     FROM (SELECT demand, supply::numeric / demand::numeric AS c FROM report.gap_input
                            WHERE domain = 'day/night places') x,
                          (SELECT sum(supply::numeric) / sum(demand::numeric) AS mu FROM report.gap_input
                            WHERE domain = 'day/night places') m) t
            WHERE d.domain = 'day/night places'),
          'day/night Theil T = its definition in numeric');
-- growth: 김포 41570 from the table; places needed at the province ratio 97178 / 283943
SELECT ok((SELECT g.growth = r25.recipients - r22.recipients
                  AND pg_temp.close(g.residential_places_needed,
                                    ((r25.recipients - r22.recipients) * 97178::numeric / 283943)::float8)
                  AND g.growth_rank = 1
             FROM report.growth g
             JOIN caregap.gyeonggi_ltc_recipients r22 ON r22.code = g.code AND r22.ref_date = '2022-12-31'
             JOIN caregap.gyeonggi_ltc_recipients r25 ON r25.code = g.code AND r25.ref_date = '2025-12-31'
            WHERE g.code = '41570'),
          '김포: growth 2022 -> 2025 and the places it needs at today''s ratio; the fastest growth');
SELECT is((SELECT count(*) FROM report.growth WHERE growth > 0), 31::bigint, 'recipients grew in every municipality');
-- need-weighted demand: 65-74 x 1 + 75-84 x 3 + 85+ x 8 from the population table, by hand for 가평 41820
SELECT ok((SELECT pg_temp.close(n.need_weighted_demand,
                                ((p.pop_65plus - p.pop_75plus) + 3 * (p.pop_75plus - p.pop_85plus) + 8 * p.pop_85plus)::float8)
             FROM report.need_weighted n JOIN caregap.gyeonggi_population p
               ON p.code = n.code AND p.ref_date = '2025-12-31'
            WHERE n.code = '41820'),
          '가평 need-weighted demand = 65-74 + 3 (75-84) + 8 (85+), 2025-12-31');
SELECT is_empty($$SELECT code FROM report.need_weighted WHERE rank_change <> rank_by_need - rank_by_recipients$$,
                'rank change = rank by need - rank by recipients');
SELECT is((SELECT count(DISTINCT rank_by_need) FROM report.need_weighted), 31::bigint, 'ranks are distinct');
SELECT is((SELECT count(*) FROM report.header), 8::bigint, 'the header names eight figures, each with source and date');
SELECT is_empty($$SELECT item FROM report.header WHERE source IS NULL OR ref_date IS NULL$$, 'no figure without source or date');
-- section 6: Moran's I of relative coverage by its definition in plain SQL (style R: S0 = n, w = 1/k)
SELECT ok(pg_temp.close((SELECT morans_i FROM report.gap_autocorrelation WHERE domain = 'residential places'),
          (WITH c AS (SELECT code, relative_coverage AS x FROM report.coverage WHERE domain = 'residential places'),
                m AS (SELECT avg(x) AS mu FROM c),
                k AS (SELECT i, count(*) AS k FROM caregap.gyeonggi_links GROUP BY i)
           SELECT (SELECT sum((a.x - mu) * (b.x - mu) / k.k) FROM caregap.gyeonggi_links l
                     JOIN c a ON a.code = l.i JOIN c b ON b.code = l.j JOIN k ON k.i = l.i, m)
                  / (SELECT sum((x - mu) ^ 2) FROM c, m)), 1e-13),
          'section 6: Moran''s I of residential coverage = (n/S0) sum w z z / sum z^2 in plain SQL');
SELECT is((SELECT count(*) FROM report.dong_lisa),
          (SELECT count(*) FROM korea_dong.dong WHERE sido = '41' AND pop_total > 0),
          'section 6: a LISA row for every populated Gyeonggi dong');
SELECT is((SELECT count(*) FROM report.dong_lisa WHERE cluster_p05 = 'Isolated'),
          (SELECT count(*) FROM korea_dong.dong d WHERE sido = '41' AND pop_total > 0
              AND NOT EXISTS (SELECT 1 FROM korea_dong.dong_links l JOIN korea_dong.dong e ON e.adm_code = l.j
                               WHERE l.i = d.adm_code AND e.sido = '41' AND e.pop_total > 0)),
          'section 6: Isolated = dongs with no populated Gyeonggi neighbour (no polygon, or links only outside)');
SELECT is_empty($$SELECT adm_code FROM report.dong_lisa WHERE p_fdr < p_sim OR (cluster_fdr <> 'Not significant' AND cluster_fdr <> cluster_p05)$$,
                'section 6: BH-adjusted p >= pseudo p, and an FDR cluster is a p <= 0.05 cluster');
-- section 7: access to nursing-hospital beds
SELECT is((SELECT count(*) FROM report.dong_access),
          (SELECT count(*) FROM korea_dong.dong WHERE sido = '41' AND lon IS NOT NULL),
          'section 7: an access row for every Gyeonggi dong with a point');
-- access is computed over every dong of Korea against all 1,285 hospitals (no border cuts a
-- catchment), then kept for the area's dongs
CREATE TEMP TABLE national_access AS
SELECT * FROM caregap.fca('SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population FROM korea_dong.dong WHERE lon IS NOT NULL',
                          'SELECT id, lon, lat, beds::float8 AS capacity FROM caregap_korea.nursing_hospital', 10);
SELECT ok(pg_temp.close((SELECT sum(population * access) FROM national_access),
          (SELECT sum(capacity) FROM caregap.fca_supply('SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population
                      FROM korea_dong.dong WHERE lon IS NOT NULL',
                   'SELECT id, lon, lat, beds::float8 AS capacity FROM caregap_korea.nursing_hospital', 10) WHERE reached), 1e-12),
          'section 7: over all of Korea, sum P A = the beds of the hospitals that reach demand (FORMULAS.md section 6)');
SELECT is_empty($$SELECT d.adm_code FROM report.dong_access d JOIN national_access n ON n.id::bigint = d.adm_code
                   WHERE d.beds_per_1000_65plus IS DISTINCT FROM 1000 * n.access$$,
                'section 7: each Gyeonggi dong''s access is that of the national run');
SELECT ok(pg_temp.close((SELECT gini FROM report.access_disparity),
          (SELECT (sum(a.pop_65plus::numeric * b.pop_65plus::numeric * abs(a.beds_per_1000_65plus::numeric - b.beds_per_1000_65plus::numeric))
                   / (2 * sum(a.pop_65plus::numeric * b.pop_65plus::numeric * a.beds_per_1000_65plus::numeric)))::float8
             FROM report.dong_access a, report.dong_access b), 1e-12),
          'section 7: Gini of access = the weighted all-pairs definition in numeric SQL');
SELECT ok((SELECT pg_temp.close(theil_t_between_regions + theil_t_within_regions, theil_t, 1e-12) FROM report.access_disparity),
          'section 7: Theil T between + within the regions = total');
-- sections 8-10: map classes, the composite index, the allocation
SELECT ok((SELECT count(*) = 31 AND bool_and(relative_coverage <= class_upper
                AND class = 1 + (SELECT count(DISTINCT o.class_upper) FROM report.map_classes o WHERE o.class_upper < m.relative_coverage))
             FROM report.map_classes m),
          'section 8: 31 municipalities, each in the class its bounds give (right-closed)');
SELECT ok((SELECT bool_and(pg_temp.close(g.score, r.s, 1e-13)) FROM report.gap_index g JOIN (
             SELECT id AS code, ((max(residential) OVER () - residential) / (max(residential) OVER () - min(residential) OVER ())
                    + (max(day_night) OVER () - day_night) / (max(day_night) OVER () - min(day_night) OVER ())
                    + (max(care_workers) OVER () - care_workers) / (max(care_workers) OVER () - min(care_workers) OVER ())
                    + (max(hospital_access) OVER () - hospital_access) / (max(hospital_access) OVER () - min(hospital_access) OVER ())) / 4 AS s
               FROM report.indicators) r USING (code)),
          'section 9: the index = reversed min-max of the four indicators, equal weights, in plain SQL');
SELECT ok((SELECT bool_and(rank_p05 <= rank_median AND rank_median <= rank_p95) AND count(*) = 31 FROM report.gap_index),
          'section 9: 31 rank intervals, each holding its median');
SELECT ok((SELECT sum(added) = 500 AND max(gap_after) < max(gap_before) FROM report.allocation),
          'section 10: the 500 places are all placed and lower the largest gap');

-- section 11: 성남시's 65+ trend to 2030 = R (lm(log(pop_65plus) ~ year) over the Decembers
-- 2016-2025 of data/korea/care/population_65plus_monthly.csv; exp(predict(..., interval =
-- "prediction"))): 215161.21824165544 [210076.72429731736, 220368.77236201483]
SELECT ok((SELECT pg_temp.close(aged_65plus_2030, 215161.21824165544, 1e-12) AND pg_temp.close(aged_65plus_2030_lower, 210076.72429731736, 1e-12)
                  AND pg_temp.close(aged_65plus_2030_upper, 220368.77236201483, 1e-12)
             FROM report.trend_2030 WHERE code = '41130'),
          'section 11: 성남''s 65+ in 2030 and its 95 % interval = R lm/predict');
-- recipients 2030 = recipients 2025 / 65+ 2025 x 65+ 2030, and the gap of 2030 against the 2025 ratio, by hand
SELECT ok((SELECT bool_and(pg_temp.close(recipients_2030, recipients_2025 / aged_65plus_2025 * aged_65plus_2030, 1e-14)
                           AND pg_temp.close(gap_2030, greatest(0, 1 - (residential_places / recipients_2030) / (97178.0 / 283943)), 1e-12))
             FROM report.trend_2030),
          'section 11: recipients of 2030 at the 2025 rate, and the 2030 gap against the 2025 ratio, by hand');

-- section 12: the next 5 nursing hospitals.  Great-circle km in plain SQL (haversine, R = 6371.0088).
CREATE FUNCTION pg_temp.km(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT 2 * 6371.0088 * asin(sqrt(sin(radians(lat2 - lat1) / 2) ^ 2
                                   + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)) $$;
CREATE TEMP VIEW gg_dong AS SELECT * FROM korea_dong.dong WHERE sido = '41' AND lon IS NOT NULL;
CREATE TEMP VIEW gg_hosp AS SELECT lon, lat FROM caregap_korea.nursing_hospital WHERE sido = '41';
SELECT is((SELECT count(*) FROM gg_hosp), 267::bigint, 'section 12: the 267 hospitals of Gyeonggi are open already');
SELECT ok((SELECT count(*) = 5 AND bool_and(optimal) FROM report.next_hospitals WHERE plan = 'mclp')
          AND (SELECT count(*) = 5 AND bool_and(optimal) FROM report.next_hospitals WHERE plan = 'equity'),
          'section 12: five new sites in each plan, each plan proven optimal');
SELECT is((SELECT pop_65plus_in_reach FROM report.next_hospitals_effect WHERE plan = 'before'),
          (SELECT sum(pop_65plus)::float8 FROM gg_dong d
            WHERE EXISTS (SELECT FROM gg_hosp h WHERE pg_temp.km(d.lon, d.lat, h.lon, h.lat) <= 10)),
          'section 12: people aged 65+ within 10 km of a hospital today = plain SQL');
SELECT is((SELECT pop_65plus_in_reach FROM report.next_hospitals_effect WHERE plan = 'mclp'),
          (SELECT sum(pop_65plus)::float8 FROM gg_dong d
            WHERE EXISTS (SELECT FROM (SELECT lon, lat FROM gg_hosp UNION ALL
                                       SELECT lon, lat FROM report.next_hospitals WHERE plan = 'mclp') h
                           WHERE pg_temp.km(d.lon, d.lat, h.lon, h.lat) <= 10)),
          'section 12: and with mclp''s five = plain SQL');
SELECT ok((SELECT DISTINCT objective FROM report.next_hospitals WHERE plan = 'mclp')
            = (SELECT pop_65plus_in_reach FROM report.next_hospitals_effect WHERE plan = 'mclp')
          AND (SELECT pop_65plus_in_reach FROM report.next_hospitals_effect WHERE plan = 'mclp')
            >= (SELECT pop_65plus_in_reach FROM report.next_hospitals_effect WHERE plan = 'equity'),
          'section 12: mclp''s objective is the count after it, and no other plan reaches more');
-- the five cannot bring every dong within 10 km (lscp needs 7), so the least access stays 0: proven
SELECT ok((SELECT DISTINCT objective = 0 AND bound = 0 FROM report.next_hospitals WHERE plan = 'equity')
          AND (SELECT count(*) FROM report.location_input q, caregap.locate(q.demand, q.candidates, NULL, 'lscp', 10, existing => q.existing) l
                WHERE l.kind = 'site' AND NOT l.existing) = 7,
          'section 12: equity''s least access is 0 with bound 0, as lscp needs 7 new hospitals to reach every dong');
SELECT ok((SELECT bool_and(pg_temp.close(e.gini_access, g.gini, 1e-12)) FROM report.next_hospitals_effect e JOIN (
             SELECT plan, (sum(a.w * b.w * abs(a.x - b.x)) / (2 * sum(a.w * b.w * a.x)))::float8 AS gini
               FROM (SELECT 'before'::text AS plan, population::numeric AS w, access::numeric AS x, id
                       FROM report.location_input q, caregap.fca(q.demand, q.existing, 10)) a
               JOIN (SELECT 'before'::text AS plan, population::numeric AS w, access::numeric AS x
                       FROM report.location_input q, caregap.fca(q.demand, q.existing, 10)) b USING (plan)
              GROUP BY plan) g USING (plan)),
          'section 12: the Gini of access before = the weighted all-pairs definition in numeric SQL');
SELECT ok((SELECT gini_access FROM report.next_hospitals_effect WHERE plan = 'equity')
            < (SELECT gini_access FROM report.next_hospitals_effect WHERE plan = 'before'),
          'section 12: equity''s five lower the Gini of access');

SELECT * FROM finish();
ROLLBACK;

-- the report itself
\pset format aligned
\pset tuples_only false
\i demo/report.sql

SET client_min_messages = warning;
DROP SCHEMA report CASCADE;
DROP SCHEMA korea_dong CASCADE;
-- views.sql created caregap_korea: the other tests expect caregap alone
DROP EXTENSION caregap_korea;
DROP SCHEMA caregap_korea;
