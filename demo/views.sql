-- demo/views.sql — the long-term care report of one province (or of Korea) as
-- views with plain columns (numbers, text, dates; no composites), one a
-- section, so that a BI tool can chart each.  The area is the psql variable
-- sido: a 2-digit sido code (default 41, Gyeonggi-do) or 'all' for Korea,
--   psql -v sido=50 -f demo/views.sql
-- Every figure comes from the national reference tables of caregap_korea
-- (data/korea/care/README.md; sections 6-7 also data/korea_dong).  The
-- regions that split the area: Gyeonggi's 북부/남부 (caregap.gyeonggi_municipality),
-- the sido for Korea, else the kind of unit (si, gun, gu).  The sources:
--   supply     NHIS long-term care institutions, places and staff, 2026-06-10
--   demand     NHIS recognised LTC recipients (인정자), 2025-12-31
--   growth     the same recipients at the year ends 2022-2025
--   population MOIS resident registration by age band, 2025-12-31
-- Domains: residential places (care facilities, group homes, their dementia
-- units), day/night care places, and care workers (요양보호사, all types).
--
-- The need weights of report.need_weighted are an assumption of this demo,
-- stated in report.header: an aged person counts 1 at 65-74, 3 at 75-84 and
-- 8 at 85+, roughly the rise of LTC grade prevalence with age.

\if :{?sido}
\else
\set sido 41
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS caregap_korea;
DROP SCHEMA IF EXISTS report CASCADE;
RESET client_min_messages;
CREATE SCHEMA report;
COMMENT ON SCHEMA report IS 'the long-term care report of the caregap demo, one view a section';

-- the area: its name, its units and how they are split into regions
CREATE VIEW report.area AS
SELECT :'sido'::text AS sido,
       CASE WHEN :'sido' = 'all' THEN '대한민국' ELSE (SELECT s.name_ko FROM caregap_korea.sido s WHERE s.sido = :'sido') END AS name_ko,
       CASE WHEN :'sido' = 'all' THEN 'Korea' ELSE coalesce((SELECT s.name_en FROM caregap_korea.sido s WHERE s.sido = :'sido'),
                                                        (SELECT s.name_ko FROM caregap_korea.sido s WHERE s.sido = :'sido')) END AS name_en,
       (SELECT count(*) FROM caregap_korea.municipality m WHERE :'sido' = 'all' OR m.sido = :'sido')::integer AS units,
       CASE WHEN :'sido' = 'all' THEN 'sido' WHEN :'sido' = '41' THEN '북부/남부' ELSE 'si/gun/gu' END AS regions;
COMMENT ON VIEW report.area IS 'the area of the report: sido code (or all), name, number of si/gun/gu, and what its regions are';

CREATE VIEW report.unit AS
SELECT m.code, m.sido, m.name_ko, coalesce(m.name_en, m.name_ko) AS name_en,
       CASE WHEN :'sido' = 'all' THEN m.sido_name_ko WHEN m.sido = '41' THEN g.region
            ELSE CASE m.kind WHEN 'gu' THEN '구' WHEN 'gun' THEN '군' ELSE '시' END END AS region,
       CASE WHEN :'sido' = 'all' THEN coalesce(m.sido_name_en, m.sido_name_ko) WHEN m.sido = '41' THEN g.region_en
            ELSE CASE m.kind WHEN 'gu' THEN 'gu' WHEN 'gun' THEN 'gun' ELSE 'si' END END AS region_en
  FROM caregap_korea.municipality m
  LEFT JOIN caregap.gyeonggi_municipality g ON g.code = m.code
 WHERE :'sido' = 'all' OR m.sido = :'sido';
COMMENT ON VIEW report.unit IS 'the si/gun/gu of the area with their region (Gyeonggi: 북부/남부; Korea: the sido; else si, gun or gu)';

-- what each figure is, and its date
CREATE VIEW report.header AS
SELECT * FROM (VALUES
    (1, 'demand', 'recognised long-term care recipients (인정자: grades 1-5 and 인지지원등급)',
        'NHIS 노인장기요양보험 등급판정 현황 (data.go.kr 3051421); licence not confirmed', DATE '2025-12-31'),
    (2, 'residential places', 'places (정원) of care facilities, group homes and their dementia units',
        'NHIS 장기요양기관 시설별 현황 (data.go.kr 15124763)', DATE '2026-06-10'),
    (3, 'day/night places', 'places of day/night care centres and their dementia units',
        'NHIS 장기요양기관 시설별 현황 (data.go.kr 15124763)', DATE '2026-06-10'),
    (4, 'care workers', 'reported care workers (요양보호사) of every institution type, not FTE',
        'NHIS 장기요양기관 시설별 현황 (data.go.kr 15124763)', DATE '2026-06-10'),
    (5, 'growth', 'recognised recipients at the year ends 2022 and 2025',
        'NHIS 노인장기요양보험 등급판정 현황 (data.go.kr 3051421)', DATE '2025-12-31'),
    (6, 'need-weighted demand', 'population 65-74 x 1 + 75-84 x 3 + 85+ x 8 (weights: an assumption of this demo)',
        'MOIS 주민등록 인구 (data.go.kr 15097972)', DATE '2025-12-31'),
    (7, 'nursing-hospital beds', 'inpatient beds of every nursing hospital (요양병원) of Korea, with its location',
        'HIRA 병원정보서비스 (data.go.kr 15001698); licence not confirmed', DATE '2026-07-23'),
    (8, '65+ trend', 'people aged 65+ every December 2016-2025, for the trend to 2030',
        'MOIS 주민등록 인구통계, monthly (jumin.mois.go.kr); licence not confirmed', DATE '2025-12-31')
) h(item, figure, definition, source, ref_date);
COMMENT ON VIEW report.header IS 'what each figure of the report is, its source and its date';

-- supply and demand per municipality and domain (the input of every section)
CREATE VIEW report.gap_input AS
WITH supply AS (
    SELECT u.code, d.domain,
           coalesce((SELECT CASE d.domain WHEN 'care workers' THEN sum(s.care_workers) ELSE sum(s.capacity) END
                       FROM caregap_korea.ltc_supply s
                      WHERE s.code = u.code
                        AND (d.domain = 'care workers' OR s.service_group = d.grp)), 0)::float8 AS supply
      FROM report.unit u,
           (VALUES ('residential places', 'residential'), ('day/night places', 'day_night'), ('care workers', NULL)) d(domain, grp)
)
SELECT m.code, m.name_ko, m.name_en, m.region, m.region_en, s.domain,
       s.supply, r.recipients::float8 AS demand
  FROM report.unit m
  JOIN supply s USING (code)
  JOIN caregap_korea.ltc_recipients r ON r.code = m.code AND r.ref_date = DATE '2025-12-31';
COMMENT ON VIEW report.gap_input IS
'per municipality and domain: supply (places or care workers, 2026-06-10) and demand (recognised recipients, 2025-12-31)';

-- section 1: coverage and gap per municipality, against the province's pooled ratio
CREATE VIEW report.coverage AS
SELECT domain, code, name_ko, name_en, region, region_en, supply, demand,
       100 * (g).coverage AS per_100_recipients,
       (g).relative_coverage, (g).gap, (g).shortfall, (g).surplus,
       100 * (g).reference_ratio AS province_per_100,
       rank() OVER (PARTITION BY domain ORDER BY (g).gap DESC, (g).shortfall DESC, code)::integer AS gap_rank
  FROM (SELECT *, caregap.unit_gap(supply, demand) OVER (PARTITION BY domain) AS g FROM report.gap_input) u;
COMMENT ON VIEW report.coverage IS
'per domain and municipality: coverage per 100 recipients, relative coverage (to the province ratio), gap, shortfall (places or workers missing to reach the province ratio), surplus, rank (1 = largest gap)';

-- section 2: per region (북부/남부) and province: the gap index and the total shortfall
CREATE VIEW report.gap_by_region AS
WITH province AS (SELECT domain, sum(supply) / sum(demand) AS ratio FROM report.gap_input GROUP BY domain)
SELECT domain, coalesce(region, (SELECT name_ko FROM report.area)) AS area, coalesce(region_en, 'province') AS area_en,
       (own).units::integer AS units, (own).supply, (own).demand,
       100 * (own).coverage AS per_100_recipients,
       (own).gap_index AS gap_index_own, (own).shortfall AS shortfall_own,
       (vs).gap_index AS gap_index_vs_province, (vs).shortfall AS shortfall_vs_province,
       (vs).units_short::integer AS units_short_vs_province
  FROM (SELECT i.domain, i.region, i.region_en,
               caregap.care_gap(i.supply, i.demand) AS own,
               caregap.care_gap(i.supply, i.demand, p.ratio) AS vs
          FROM report.gap_input i JOIN province p USING (domain)
         GROUP BY GROUPING SETS ((i.domain, i.region, i.region_en, p.ratio), (i.domain, p.ratio))) s;
COMMENT ON VIEW report.gap_by_region IS
'per domain, for 북부, 남부 and the province: units, supply, demand, coverage, gap index and shortfall against the area''s own pooled ratio and against the province''s';

-- section 3: disparity of coverage across the 31, weighted by recipients
CREATE VIEW report.disparity AS
SELECT domain,
       caregap.gini(supply / demand, demand) AS gini,
       caregap.theil_t(supply / demand, demand) AS theil_t,
       (caregap.theil_decomposition(supply / demand, demand, region) FILTER (WHERE supply > 0)).theil_t AS theil_t_total,
       (caregap.theil_decomposition(supply / demand, demand, region) FILTER (WHERE supply > 0)).theil_t_between AS theil_t_between_regions,
       (caregap.theil_decomposition(supply / demand, demand, region) FILTER (WHERE supply > 0)).theil_t_within AS theil_t_within_regions,
       (caregap.theil_decomposition(supply / demand, demand, region) FILTER (WHERE supply > 0)).theil_l AS theil_l_total,
       (caregap.theil_decomposition(supply / demand, demand, region) FILTER (WHERE supply > 0)).theil_l_between AS theil_l_between_regions,
       count(*) FILTER (WHERE supply = 0)::integer AS units_without_supply
  FROM report.gap_input GROUP BY domain;
COMMENT ON VIEW report.disparity IS
'per domain: recipient-weighted Gini and Theil T of coverage across the si/gun/gu of the area, and the Theil decomposition into between-region (Gyeonggi: 북부/남부; Korea: sido; else si, gun, gu) and within-region parts, over the units with supply (Theil L is undefined at 0; units_without_supply says how many were left out)';

-- section 4: demand growth 2022 -> 2025, and the residential places it calls for at today's ratio
CREATE VIEW report.growth AS
WITH r AS (
    SELECT code,
           max(recipients) FILTER (WHERE ref_date = DATE '2022-12-31')::float8 AS recipients_2022,
           max(recipients) FILTER (WHERE ref_date = DATE '2025-12-31')::float8 AS recipients_2025
      FROM caregap_korea.ltc_recipients WHERE code IN (SELECT code FROM report.unit) GROUP BY code
), ratio AS (
    SELECT sum(supply) / sum(demand) AS places_per_recipient
      FROM report.gap_input WHERE domain = 'residential places'
)
SELECT m.code, m.name_ko, m.name_en, m.region, r.recipients_2022, r.recipients_2025,
       r.recipients_2025 - r.recipients_2022 AS growth,
       100 * (r.recipients_2025 / r.recipients_2022 - 1) AS growth_pct,
       (r.recipients_2025 - r.recipients_2022) * ratio.places_per_recipient AS residential_places_needed,
       rank() OVER (ORDER BY r.recipients_2025 / r.recipients_2022 DESC, m.code)::integer AS growth_rank
  FROM report.unit m JOIN r USING (code), ratio;
COMMENT ON VIEW report.growth IS
'recognised recipients 2022 -> 2025 per municipality, the growth, and the residential places that growth needs at today''s provincial ratio of places per recipient (rank 1 = fastest growth)';

-- section 5: need-weighted demand from the population by age band, beside the recipients
CREATE VIEW report.need_weighted AS
WITH p AS (
    SELECT code,
           (pop_65plus - pop_75plus)::float8 AS pop_65_74,
           (pop_75plus - pop_85plus)::float8 AS pop_75_84,
           pop_85plus::float8 AS pop_85plus
      FROM caregap_korea.population WHERE ref_date = DATE '2025-12-31' AND code IN (SELECT code FROM report.unit)
), d AS (
    SELECT i.*, caregap.need_demand(ARRAY[p.pop_65_74, p.pop_75_84, p.pop_85plus], ARRAY[1, 3, 8]::float8[]) AS need
      FROM report.gap_input i JOIN p USING (code)
     WHERE i.domain = 'residential places'
)
SELECT code, name_ko, name_en, region, supply AS residential_places, demand AS recipients, need AS need_weighted_demand,
       100 * (a).coverage AS places_per_100_recipients, 1000 * (b).coverage AS places_per_1000_need,
       (a).gap AS gap_by_recipients, (b).gap AS gap_by_need,
       rank_a::integer AS rank_by_recipients, rank_b::integer AS rank_by_need,
       (rank_b - rank_a)::integer AS rank_change
  FROM (SELECT *, rank() OVER (ORDER BY (a).gap DESC, (a).shortfall DESC, code) AS rank_a,
                  rank() OVER (ORDER BY (b).gap DESC, (b).shortfall DESC, code) AS rank_b
          FROM (SELECT *, caregap.unit_gap(supply, demand) OVER () AS a,
                          caregap.unit_gap(supply, need) OVER () AS b FROM d) x) y;
COMMENT ON VIEW report.need_weighted IS
'residential places against two demands: recognised recipients, and need-weighted population (65-74 x 1, 75-84 x 3, 85+ x 8, 2025-12-31); gaps, ranks (1 = largest gap) and how the rank changes';

GRANT USAGE ON SCHEMA report TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA report TO PUBLIC;

-- section 6: where do gaps cluster?  Moran's I of relative coverage over the
-- shipped queen contiguity of the 31 si/gun (999 permutations, seed 1), and a
-- LISA of each municipality; then a LISA of the 2026 share of people aged
-- 65+ over Gyeonggi's administrative dongs (data/korea_dong, loaded by
-- scripts/demo.sh into schema korea_dong), with Benjamini-Hochberg adjusted
-- pseudo p-values.
CREATE VIEW report.gap_autocorrelation AS
SELECT domain, (m).value AS morans_i, (m).expectation, (m).z_random, (m).p_random, (m).p_sim,
       (m).permutations, (m).n, (m).links, (m).style, (m).alternative, (m).islands
  FROM (SELECT domain, caregap.moran_i(code, relative_coverage, 'caregap_korea.links',
                                       caregap.spatial_options(unmatched => 'drop')) AS m
          FROM report.coverage GROUP BY domain) s;
COMMENT ON VIEW report.gap_autocorrelation IS
'global Moran''s I of relative coverage per domain over the queen contiguity of the 31 si/gun (style R, 999 permutations, seed 1)';

CREATE VIEW report.gap_lisa AS
SELECT domain, code, name_ko, name_en, relative_coverage, (l).ii, (l).p_sim, (l).quadrant, (l).cluster,
       caregap.p_adjust((l).p_sim, 'BH') OVER (PARTITION BY domain) AS p_fdr
  FROM (SELECT *, caregap.local_moran(code, relative_coverage, 'caregap_korea.links',
                                        caregap.spatial_options(unmatched => 'drop')) OVER (PARTITION BY domain) AS l
          FROM report.coverage) s;
COMMENT ON VIEW report.gap_lisa IS
'local Moran of relative coverage per municipality (GeoDa scaling, conditional permutations, folded pseudo p) and its BH-adjusted p';

CREATE VIEW report.dong_lisa AS
SELECT adm_code, name_ko, sigungu, sigungu_name, share_65plus, (l).ii, (l).p_sim, (l).quadrant,
       (l).cluster AS cluster_p05,
       p_fdr,
       CASE WHEN (l).cluster = 'Isolated' THEN 'Isolated'
            WHEN p_fdr OPERATOR(pg_catalog.<=) 0.05 THEN (l).cluster ELSE 'Not significant' END AS cluster_fdr
  FROM (SELECT *, caregap.p_adjust((l).p_sim, 'BH') OVER () AS p_fdr
          FROM (SELECT d.adm_code, d.name_ko, d.sigungu, d.sigungu_name,
                       d.pop_65plus::float8 / d.pop_total AS share_65plus,
                       caregap.local_moran(d.adm_code, d.pop_65plus::float8 / d.pop_total, 'korea_dong.dong_links',
                                           unmatched => 'drop') OVER () AS l
                  FROM korea_dong.dong d
                 WHERE (:'sido' = 'all' OR d.sido = :'sido') AND d.pop_total > 0) s) t;
COMMENT ON VIEW report.dong_lisa IS
'LISA of the 2026-06 share of people aged 65+ over Gyeonggi''s dongs (queen contiguity of the 2018 census boundaries; dongs without a polygon or a neighbour are Isolated), with pseudo p at 0.05 and BH-adjusted at 0.05';

-- section 7: who can reach care?  Each dong's access (2SFCA, 10 km great-circle
-- catchment, an assumption of this demo) to the beds of all 1,285 nursing
-- hospitals of Korea (요양병원, caregap_korea.nursing_hospital) for its people
-- aged 65+, computed over every dong of Korea (so that a hospital near a
-- border serves both sides, and no border makes a dong look worse than it
-- is), then kept for the area's dongs.  Supply covers nursing-hospital beds
-- only: long-term care facilities have no coordinates in the data (their
-- places are per municipality).  Dongs without a point (no 2018 polygon) are
-- left out.
CREATE VIEW report.dong_access AS
SELECT d.adm_code, d.name_ko, d.sigungu, m.name_ko AS sigungu_name, m.region, m.region_en,
       a.population AS pop_65plus, 1000 * a.access AS beds_per_1000_65plus, a.access_norm,
       a.sites AS hospitals_in_reach, a.supply_in_reach AS beds_in_reach
  FROM caregap.fca('SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population
                      FROM korea_dong.dong WHERE lon IS NOT NULL',
                   'SELECT id, lon, lat, beds::float8 AS capacity FROM caregap_korea.nursing_hospital',
                   '10'::double precision) a
  JOIN korea_dong.dong d ON d.adm_code = a.id::bigint
  JOIN report.unit m ON m.code = d.sigungu;
COMMENT ON VIEW report.dong_access IS
'per dong of the area: 2SFCA access of its people aged 65+ (2026-06) to the beds of every nursing hospital of Korea within 10 km (computed over all of Korea), per 1,000 aged 65+, and relative to the national demand-weighted mean';

CREATE VIEW report.access_low AS
SELECT sigungu, sigungu_name, region_en,
       sum(pop_65plus) FILTER (WHERE access_norm OPERATOR(pg_catalog.<) 0.5) AS pop_65plus_low_access,
       count(*) FILTER (WHERE access_norm OPERATOR(pg_catalog.<) 0.5) AS dongs_low_access,
       count(*) AS dongs, sum(pop_65plus) AS pop_65plus
  FROM report.dong_access GROUP BY sigungu, sigungu_name, region_en;
COMMENT ON VIEW report.access_low IS
'per municipality: people aged 65+ living in dongs whose access is below half the demand-weighted mean';

CREATE VIEW report.access_disparity AS
-- theil_decomposition also gives Theil L, undefined where a dong reaches no bed (access 0), so the
-- T split is written here from its definition: between = sum_g s_g ln(mu_g / mu), s_g = W_g mu_g / (W mu),
-- within = sum_g s_g T_g
WITH g AS (
    SELECT region_en, sum(pop_65plus) AS w, sum(pop_65plus * beds_per_1000_65plus) AS wx,
           caregap.theil_t(beds_per_1000_65plus, pop_65plus) AS t
      FROM report.dong_access GROUP BY region_en),
     a AS (SELECT sum(w) AS w, sum(wx) AS wx FROM g)
SELECT (SELECT caregap.gini(beds_per_1000_65plus, pop_65plus) FROM report.dong_access) AS gini,
       (SELECT caregap.theil_t(beds_per_1000_65plus, pop_65plus) FROM report.dong_access) AS theil_t,
       sum((g.wx / a.wx) * ln((g.wx / g.w) / (a.wx / a.w))) AS theil_t_between_regions,
       sum((g.wx / a.wx) * g.t) AS theil_t_within_regions,
       min(a.wx / a.w) AS mean_beds_per_1000_65plus,
       (SELECT count(*) FROM report.dong_access) AS dongs
  FROM g, a;
COMMENT ON VIEW report.access_disparity IS
'the 65+-weighted Gini and Theil T of access across Gyeonggi''s dongs, and the Theil split between and within north and south';

-- section 8: map classes of the residential gap (exact Fisher-Jenks, 5 classes
-- of relative coverage), for the map of the HTML report
CREATE VIEW report.map_classes AS
WITH b AS (SELECT (caregap.breaks(relative_coverage, 5, 'fisher_jenks')).* FROM report.coverage
            WHERE domain = 'residential places')
SELECT c.code, c.name_ko, c.name_en, c.relative_coverage, c.gap,
       caregap.class_of(c.relative_coverage, b.bounds) AS class,
       b.bounds[caregap.class_of(c.relative_coverage, b.bounds)] AS class_upper, b.gvf
  FROM report.coverage c, b
 WHERE c.domain = 'residential places';
COMMENT ON VIEW report.map_classes IS
'per municipality: relative residential coverage and its class among 5 exact Fisher-Jenks classes (class 1 = lowest coverage), the upper bound of that class and the goodness of variance fit';

-- section 9: one care-gap index across domains: relative coverage of residential
-- places, day/night places and care workers, and the dongs' access to nursing-hospital
-- beds (65+-weighted mean of access_norm per municipality); low coverage raises the
-- index (directions -1); equal weights; 1,000 Monte Carlo draws of the weights
-- (+-50 %) and of the aggregation (arithmetic or geometric), seed 1
CREATE VIEW report.indicators AS
SELECT r.code AS id, r.relative_coverage AS residential, d.relative_coverage AS day_night,
       w.relative_coverage AS care_workers, a.hospital_access
  FROM (SELECT code, relative_coverage FROM report.coverage WHERE domain = 'residential places') r
  JOIN (SELECT code, relative_coverage FROM report.coverage WHERE domain = 'day/night places') d USING (code)
  JOIN (SELECT code, relative_coverage FROM report.coverage WHERE domain = 'care workers') w USING (code)
  JOIN (SELECT sigungu AS code, sum(pop_65plus * access_norm) / sum(pop_65plus) AS hospital_access
          FROM report.dong_access GROUP BY sigungu) a USING (code);
COMMENT ON VIEW report.indicators IS
'per municipality: the four indicators of the composite care-gap index (relative coverage of three domains, relative access to nursing-hospital beds)';

CREATE VIEW report.gap_index AS
SELECT m.code, m.name_ko, m.name_en, c.score, c.rank, c.rank_median, c.rank_p05, c.rank_p95
  FROM (SELECT count(*) AS n FROM report.indicators) k,
       LATERAL caregap.composite(CASE WHEN k.n >= 2 THEN 'SELECT id, residential, day_night, care_workers, hospital_access FROM report.indicators' END,
                         '{-1,-1,-1,-1}', 'minmax', 'equal', NULL, 'arithmetic', 1000, 1, 0.5, true) c
  JOIN report.unit m ON m.code = c.id
 WHERE k.n >= 2;
COMMENT ON VIEW report.gap_index IS
'the composite care-gap index per municipality (rank 1 = the largest gap) with its median rank and 5-95 % rank interval over 1,000 draws of weights and aggregation; no rows for an area of one unit (an index ranks at least two)';

-- section 10: 500 new residential places: where?  Min-max of the gap against the
-- province's pooled ratio, whole places
CREATE VIEW report.allocation AS
SELECT m.code, m.name_ko, m.name_en, a.supply, a.demand, a.added, a.gap_before, a.gap_after
  FROM caregap.allocate(
         'SELECT code AS id, supply, demand FROM report.gap_input WHERE domain = ''residential places''',
         500, (SELECT sum(supply) / sum(demand) FROM report.gap_input WHERE domain = 'residential places'),
         'minmax', true) a
  JOIN report.unit m ON m.code = a.id;
COMMENT ON VIEW report.allocation IS
'500 new residential places placed to lower the largest gap against the province''s ratio (water-filling, whole places): places added and the gap before and after';

GRANT SELECT ON ALL TABLES IN SCHEMA report TO PUBLIC;

-- section 11: 2030 if nothing is built.  Each unit's 65+ trend (log-linear, the
-- Decembers 2016-2025 of the monthly panel) carried to 2030 with its 95 %
-- prediction interval; recipients per person aged 65+ kept at their 2025 rate;
-- residential places kept as they are (2026).  The gap against the area's 2025
-- ratio of places per recipient.  A trend, not an official projection.
CREATE VIEW report.trend_2030 AS
WITH t AS (
    SELECT code, caregap.log_trend(extract(year FROM month)::float8, pop_65plus) AS f
      FROM caregap_korea.population_monthly
     WHERE extract(month FROM month) = 12 AND code IN (SELECT code FROM report.unit)
     GROUP BY code),
ratio AS (SELECT sum(supply) / sum(demand) AS r FROM report.gap_input WHERE domain = 'residential places'),
d AS (
    SELECT u.code, u.name_ko, u.name_en, u.region, p.pop_65plus::float8 AS aged_65plus_2025,
           100 * (t.f).growth AS growth_pct_per_year, pr.predicted AS aged_65plus_2030,
           pr.lower AS aged_65plus_2030_lower, pr.upper AS aged_65plus_2030_upper,
           g.demand AS recipients_2025, g.demand / p.pop_65plus * pr.predicted AS recipients_2030,
           g.supply AS residential_places, ratio.r AS area_ratio_2025
      FROM report.unit u
      JOIN t USING (code)
      JOIN caregap_korea.population p ON p.code = u.code AND p.ref_date = DATE '2025-12-31'
      JOIN report.gap_input g ON g.code = u.code AND g.domain = 'residential places',
           caregap.trend_predict(t.f, 2030) pr, ratio)
SELECT code, name_ko, name_en, region, aged_65plus_2025, growth_pct_per_year, aged_65plus_2030,
       aged_65plus_2030_lower, aged_65plus_2030_upper, recipients_2025, recipients_2030, residential_places,
       residential_places / recipients_2025 AS places_per_recipient_2025,
       residential_places / recipients_2030 AS places_per_recipient_2030,
       (caregap.unit_gap(residential_places, recipients_2025, area_ratio_2025) OVER ()).gap AS gap_2025,
       (caregap.unit_gap(residential_places, recipients_2030, area_ratio_2025) OVER ()).gap AS gap_2030
  FROM d;
COMMENT ON VIEW report.trend_2030 IS
'per unit: the 65+ in 2025, its growth per year and its 2030 trend (log-linear over the Decembers 2016-2025) with the 95 % prediction interval; the recipients of 2030 at the 2025 rate per person aged 65+; residential places as they are; places per recipient and the gap against the area''s 2025 ratio, in 2025 and in 2030. A trend, not an official projection';
GRANT SELECT ON report.trend_2030 TO PUBLIC;

-- section 12: where should the next 5 nursing hospitals go?  Demand: each dong's
-- people aged 65+ (dongs with a point); candidates: the dong points; open
-- already: the area's nursing hospitals (caregap_korea.nursing_hospital).  Two
-- plans by caregap.locate within 10 km great-circle: mclp (the most people
-- aged 65+ within 10 km of a hospital) and equity (the highest least 2SFCA
-- access; ties go to the least shortfall of the poorly served).  A new
-- hospital has the median beds of the area's hospitals (an assumption of this
-- demo).  Access here is computed over the area alone (section 7 uses all of
-- Korea), so that before and after compare like with like.  Each search is
-- bounded at 10^8 steps (max_steps, well under a second): where that does not
-- prove the optimum (equity in the dense cities), the bound and gap say how
-- far the answer can be from it.
CREATE VIEW report.location_input AS
SELECT 'SELECT adm_code AS id, lon, lat, pop_65plus::float8 AS population FROM korea_dong.dong
         WHERE lon IS NOT NULL AND sigungu IN (SELECT code FROM report.unit)'::text AS demand,
       pg_catalog.format('SELECT adm_code AS id, lon, lat, %s::float8 AS capacity FROM korea_dong.dong
         WHERE lon IS NOT NULL AND sigungu IN (SELECT code FROM report.unit)', c.beds) AS candidates,
       'SELECT id, lon, lat, beds::float8 AS capacity FROM caregap_korea.nursing_hospital
         WHERE code IN (SELECT code FROM report.unit)'::text AS existing,
       c.beds AS new_hospital_beds, c.hospitals AS existing_hospitals
  FROM (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY beds) AS beds, count(*) AS hospitals
          FROM caregap_korea.nursing_hospital WHERE code IN (SELECT code FROM report.unit)) c;
COMMENT ON VIEW report.location_input IS
'the inner queries of section 12: the area''s dongs as demand (people aged 65+) and as candidate sites (with the median beds of the area''s hospitals), and its nursing hospitals, open already';

CREATE VIEW report.next_hospitals AS
SELECT o.plan, l.id AS adm_code, d.name_ko, d.sigungu, u.name_ko AS sigungu_name, u.name_en AS sigungu_name_en,
       d.lon, d.lat, l.population AS pop_65plus_nearest, l.objective, l.bound, l.gap, l.optimal
  FROM report.location_input q,
       (VALUES ('mclp'::text), ('equity'::text)) o(plan),
       LATERAL caregap.locate(q.demand, q.candidates, 5, o.plan, 10, existing => q.existing, max_steps => 1e8) l
  JOIN korea_dong.dong d ON d.adm_code = l.id::bigint
  JOIN report.unit u ON u.code = d.sigungu
 WHERE l.kind = 'site' AND NOT l.existing;
COMMENT ON VIEW report.next_hospitals IS
'the next 5 nursing hospitals of each plan (mclp: most people aged 65+ within 10 km; equity: the highest least 2SFCA access), with the plan''s objective, its proven bound, the gap and whether it is optimal';

CREATE VIEW report.next_hospitals_effect AS
WITH q AS (SELECT * FROM report.location_input),
chosen AS MATERIALIZED (SELECT plan, array_agg(adm_code) AS sites FROM report.next_hospitals GROUP BY plan),
plans AS (SELECT plan FROM chosen),
reach AS (  -- people aged 65+ within 10 km of a hospital: mclp's objective with p = 0, and with each plan's 5
    SELECT 'before'::text AS plan, min(objective) AS in_reach
      FROM q, caregap.locate(q.demand, q.candidates, 0, 'mclp', 10, existing => q.existing, max_steps => 1e8)
    UNION ALL
    SELECT p.plan, sum(a.population) FILTER (WHERE a.sites > 0)
      FROM q, plans p,
           LATERAL caregap.fca(q.demand,
                               q.existing || pg_catalog.format(' UNION ALL SELECT adm_code::text, lon, lat, %s::float8 FROM korea_dong.dong WHERE adm_code = ANY (%L)',
                                   q.new_hospital_beds, (SELECT sites FROM chosen c WHERE c.plan = p.plan)),
                               10) a
     GROUP BY p.plan),
acc AS (    -- 2SFCA access (beds per 1,000 aged 65+) before and after each plan
    SELECT 'before'::text AS plan, a.*
      FROM q, caregap.fca(q.demand, q.existing, 10) a
    UNION ALL
    SELECT p.plan, a.*
      FROM q, plans p,
           LATERAL caregap.fca(q.demand,
                               q.existing || pg_catalog.format(' UNION ALL SELECT adm_code::text, lon, lat, %s::float8 FROM korea_dong.dong WHERE adm_code = ANY (%L)',
                                   q.new_hospital_beds, (SELECT sites FROM chosen c WHERE c.plan = p.plan)),
                               10) a)
SELECT a.plan, r.in_reach AS pop_65plus_in_reach,
       r.in_reach - (SELECT in_reach FROM reach WHERE plan = 'before') AS pop_65plus_gained,
       coalesce(sum(a.population) FILTER (WHERE a.access = 0), 0) AS pop_65plus_no_access,
       1000 * min(a.access) AS least_access_per_1000,
       caregap.gini(a.access, a.population) AS gini_access
  FROM acc a JOIN reach r USING (plan)
 GROUP BY a.plan, r.in_reach;
COMMENT ON VIEW report.next_hospitals_effect IS
'before and after each plan of section 12: people aged 65+ within 10 km of a nursing hospital (and how many more), those with no bed in reach, the least 2SFCA access (beds per 1,000 aged 65+) and its 65+-weighted Gini';
GRANT SELECT ON report.location_input, report.next_hospitals, report.next_hospitals_effect TO PUBLIC;
