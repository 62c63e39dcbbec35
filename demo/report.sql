-- demo/report.sql — the long-term care report of the area of demo/views.sql (a
-- province, or Korea).  Run after demo/views.sql: every section below reads one
-- view of schema report, which a BI tool can read too.  A section that has no
-- meaning for the area (a Moran's I over a handful of units, an index of one
-- unit) says why instead.
\pset pager off
\pset null '-'
\pset footer off
SELECT name_ko AS area_ko, name_en AS area_en, units AS area_units, regions AS area_regions,
       units >= 8 AS area_spatial, units >= 2 AS area_several
  FROM report.area \gset
\echo
\echo '=================================================================================='
\echo ' caregap —' :area_en '(' :area_ko '): where does long-term care fall short of the people who need it?'
\echo ' ' :area_units 'si/gun/gu.  Every figure is real public data; its source and date:'
\echo '=================================================================================='
SELECT figure, definition, ref_date, source FROM report.header ORDER BY item;

\if :area_several
\else
\echo
\echo 'One unit: its coverage is the area''s own ratio, so it has no gap against it (sections 1-5 show'
\echo 'the unit itself; docs/national.md compares it with the rest of Korea).'
\endif
\echo
\echo '1. Coverage per municipality, against the province''s own ratio (rank 1 = largest gap)'
\echo '   per 100 = places (or workers) per 100 recognised recipients; relative = / province;'
\echo '   gap = max(0, 1 - relative); shortfall = what is missing to reach the province ratio'
SELECT domain, gap_rank AS rank, code, name_ko, name_en, region,
       round(supply::numeric) AS supply, round(demand::numeric) AS recipients,
       round(per_100_recipients::numeric, 1) AS per_100,
       round(relative_coverage::numeric, 3) AS relative,
       round(gap::numeric, 3) AS gap, round(shortfall::numeric) AS shortfall
  FROM report.coverage
 WHERE gap_rank <= 10
 ORDER BY domain DESC, gap_rank;

\echo
\echo '2. By region (' :area_regions ') and for the province: gap index (share of reference-level supply missing where'
\echo '   it is short) and total shortfall, against the area''s own ratio and against the province''s'
SELECT domain, area, area_en, units, round(supply::numeric) AS supply, round(demand::numeric) AS recipients,
       round(per_100_recipients::numeric, 1) AS per_100,
       round(gap_index_own::numeric, 4) AS gap_index_own, round(shortfall_own::numeric) AS shortfall_own,
       round(gap_index_vs_province::numeric, 4) AS gap_index_vs_province,
       round(shortfall_vs_province::numeric) AS shortfall_vs_province,
       units_short_vs_province AS units_short
  FROM report.gap_by_region
 ORDER BY domain DESC, area_en = 'province', area;

\echo
\echo '3. Disparity of coverage across the' :area_units 'units, weighted by recipients; the Theil T split into'
\echo '   between the regions (' :area_regions ') and within them'
SELECT domain, round(gini::numeric, 4) AS gini, round(theil_t::numeric, 4) AS theil_t,
       round(theil_t_between_regions::numeric, 4) AS t_between, round(theil_t_within_regions::numeric, 4) AS t_within,
       round((100 * theil_t_between_regions / nullif(theil_t_total, 0))::numeric, 1) AS between_pct,
       units_without_supply
  FROM report.disparity ORDER BY domain DESC;

\echo
\echo '4. Where need is outrunning supply fastest: recognised recipients 2022 -> 2025, and the'
\echo '   residential places that growth needs at today''s provincial ratio (top 10)'
SELECT growth_rank AS rank, code, name_ko, name_en, region,
       round(recipients_2022::numeric) AS rec_2022, round(recipients_2025::numeric) AS rec_2025,
       round(growth::numeric) AS growth, round(growth_pct::numeric, 1) AS growth_pct,
       round(residential_places_needed::numeric) AS places_needed
  FROM report.growth WHERE growth_rank <= 10 ORDER BY growth_rank;

\echo
\echo '5. Residential places against recipients and against need-weighted population'
\echo '   (65-74 x 1, 75-84 x 3, 85+ x 8; an assumption): how the ranking changes (top 10 by either)'
SELECT rank_by_recipients, rank_by_need, rank_change, code, name_ko, name_en,
       round(places_per_100_recipients::numeric, 1) AS per_100_recipients,
       round(places_per_1000_need::numeric, 1) AS per_1000_need
  FROM report.need_weighted
 WHERE rank_by_recipients <= 10 OR rank_by_need <= 10
 ORDER BY rank_by_recipients;
\echo
\echo 'Reading: with the pooled reference the gap index equals the share of all supply that would'
\echo 'have to move for every municipality to reach the province ratio (the Hoover index).'
\echo 'Nursing hospitals (caregap_korea.nursing_hospital) are medical institutions and are not'
\echo 'counted as long-term care supply here.'

\echo
\if :area_spatial
\echo '6. Where do gaps cluster?  Global Moran''s I of relative coverage over the queen contiguity of'
\echo '   the' :area_units 'units (row-standardized, 999 permutations, seed 1; links to other areas dropped).'
\echo '   Islands policy: units without a neighbour in the area (islands; for Korea 영도구, 강화군, 옹진군,'
\echo '   완도군, 진도군, 울릉군, 거제시, 남해군) are left out, GeoDa''s rule; 제주시 and 서귀포시, neighbours of'
\echo '   each other only, count as a pair.  Contiguity is that of the polygons: bridges make no neighbours.'
SELECT domain, round(morans_i::numeric, 3) AS morans_i, round(z_random::numeric, 2) AS z,
       round(p_random::numeric, 4) AS p_analytic, p_sim, n, islands
  FROM report.gap_autocorrelation ORDER BY domain DESC;
\echo
\echo '   Municipalities in a significant local cluster of coverage (pseudo p <= 0.05; p_fdr: BH-adjusted)'
SELECT domain, code, name_ko, name_en, round(relative_coverage::numeric, 3) AS relative, cluster,
       p_sim, round(p_fdr::numeric, 3) AS p_fdr
  FROM report.gap_lisa WHERE cluster NOT IN ('Not significant', 'Isolated')
 ORDER BY domain DESC, cluster, code;
\else
\echo '6. Where do gaps cluster?  Not at the level of the si/gun/gu: a Moran''s I over' :area_units 'units'
\echo '   is not a statistic (this report asks for 8 or more).  The dongs answer instead, below.'
\endif
\echo
\echo '   The ageing map below the municipal level: LISA of the share aged 65+ over the area''s'
\echo '   dongs (2026-06), clusters at pseudo p <= 0.05 and after Benjamini-Hochberg at 0.05'
SELECT c AS cluster, count(*) FILTER (WHERE cluster_p05 = c) AS dongs_p05,
       count(*) FILTER (WHERE cluster_fdr = c) AS dongs_fdr,
       round(avg(share_65plus) FILTER (WHERE cluster_p05 = c)::numeric * 100, 1) AS mean_share_65plus_pct_p05
  FROM report.dong_lisa,
       unnest(ARRAY['High-High', 'Low-Low', 'High-Low', 'Low-High', 'Not significant', 'Isolated']) WITH ORDINALITY AS u(c, o)
 GROUP BY c, o ORDER BY o;
\echo
\echo '   Where the High-High (old, among old) dongs are, by si/gun (top 8)'
SELECT sigungu, sigungu_name, count(*) AS high_high_dongs,
       count(*) FILTER (WHERE cluster_fdr = 'High-High') AS after_fdr
  FROM report.dong_lisa WHERE cluster_p05 = 'High-High'
 GROUP BY sigungu, sigungu_name ORDER BY high_high_dongs DESC, sigungu LIMIT 8;

\echo
\echo '7. Who can reach care?  Access of each dong''s people aged 65+ to nursing-hospital beds'
\echo '   (2SFCA, 10 km great-circle catchment; beds per 1,000 aged 65+), computed over all of Korea'
\echo '   with all 1,285 nursing hospitals, so that no border cuts a catchment (long-term care'
\echo '   facilities have no coordinates in the data).'
\echo '   Municipalities with the most people aged 65+ in dongs below half the national mean access:'
SELECT sigungu, sigungu_name, round(pop_65plus_low_access) AS pop_65plus_low_access,
       dongs_low_access, dongs,
       round((100 * pop_65plus_low_access / pop_65plus)::numeric, 1) AS pct_of_65plus
  FROM report.access_low WHERE pop_65plus_low_access > 0
 ORDER BY pop_65plus_low_access DESC, sigungu LIMIT 10;
\echo
\echo '   Disparity of access across dongs, weighted by people aged 65+ (Theil T split by region:' :area_regions ')'
SELECT round(mean_beds_per_1000_65plus::numeric, 1) AS mean_beds_per_1000, round(gini::numeric, 3) AS gini,
       round(theil_t::numeric, 3) AS theil_t, round(theil_t_between_regions::numeric, 4) AS between_regions,
       round(theil_t_within_regions::numeric, 3) AS within_regions, dongs
  FROM report.access_disparity;

\echo
\echo '8. Map classes of relative residential coverage: 5 exact Fisher-Jenks classes (class 1 = least'
\echo '   covered); the map is in the HTML report'
SELECT class, count(*) AS municipalities, round(min(relative_coverage)::numeric, 3) AS from_rel,
       round(max(relative_coverage)::numeric, 3) AS to_rel, round(min(gvf)::numeric, 3) AS gvf
  FROM report.map_classes GROUP BY class ORDER BY class;
\echo
\if :area_several
\echo '9. One care-gap index across residential, day/night, care workers and nursing-hospital access'
\echo '   (min-max, equal weights; rank 1 = the largest gap); its 5-95 % rank interval over 1,000'
\echo '   draws of the weights (+-50 %) and of the aggregation (top 10)'
SELECT rank, code, name_ko, name_en, round(score::numeric, 3) AS score, rank_median, rank_p05, rank_p95
  FROM report.gap_index ORDER BY rank, code LIMIT 10;
\else
\echo '9. One care-gap index: not for one unit (an index ranks units; there is one).'
\endif
\echo
\echo '10. 500 new residential places: where?  Placed to lower the largest gap against the province''s'
\echo '    ratio (water-filling, whole places)'
SELECT code, name_ko, name_en, round(added) AS places, round(gap_before::numeric, 3) AS gap_before,
       round(gap_after::numeric, 3) AS gap_after
  FROM report.allocation WHERE added > 0 ORDER BY added DESC, code;
\echo
\echo '11. 2030 if nothing is built.  Each unit''s people aged 65+ carried forward by their 2016-2025'
\echo '    trend (log-linear, 95 % prediction interval), recipients at their 2025 rate per person aged'
\echo '    65+, residential places as they are; the gap against the area''s 2025 ratio.  A trend, not'
\echo '    an official projection (Statistics Korea''s projections model cohorts; this does not).'
SELECT round(sum(aged_65plus_2025)) AS aged_65plus_2025, round(sum(aged_65plus_2030)) AS aged_65plus_2030_trend,
       round(sum(recipients_2025)) AS recipients_2025, round(sum(recipients_2030)) AS recipients_2030,
       round((100 * sum(residential_places) / sum(recipients_2025))::numeric, 1) AS places_per_100_2025,
       round((100 * sum(residential_places) / sum(recipients_2030))::numeric, 1) AS places_per_100_2030,
       count(*) FILTER (WHERE gap_2025 > 0) AS units_short_2025, count(*) FILTER (WHERE gap_2030 > 0) AS units_short_2030
  FROM report.trend_2030;
\echo
\echo '    The 10 units with the largest gap in 2030'
SELECT code, name_ko, name_en, round(growth_pct_per_year::numeric, 1) AS growth_pct,
       round(aged_65plus_2030) AS aged_65plus_2030, round(aged_65plus_2030_lower) AS lower_95,
       round(aged_65plus_2030_upper) AS upper_95, round(recipients_2030) AS recipients_2030,
       round(gap_2025::numeric, 3) AS gap_2025, round(gap_2030::numeric, 3) AS gap_2030
  FROM report.trend_2030 ORDER BY gap_2030 DESC, code LIMIT 10;
\echo
\echo '12. Where should the next 5 nursing hospitals go?  Demand: each dong''s people aged 65+; candidates:'
\echo '    the dong points; open already: the area''s nursing hospitals; a new one has their median beds.'
\echo '    mclp: the most people aged 65+ within 10 km; equity: the highest least 2SFCA access (ties: the'
\echo '    least shortfall of the poorly served).  bound: what no choice of 5 can beat; gap 0 = optimal.'
SELECT plan, adm_code, name_ko, sigungu_name_en AS municipality, round(pop_65plus_nearest) AS nearest_65plus,
       round(objective::numeric, 6) AS objective, round(bound::numeric, 6) AS bound, round(gap::numeric, 6) AS gap, optimal
  FROM report.next_hospitals ORDER BY plan DESC, adm_code;
\echo '    Before and after: people aged 65+ within 10 km of a hospital, those with no bed in reach, the'
\echo '    least access and the 65+-weighted Gini of access (beds per 1,000 aged 65+, over the area alone)'
SELECT plan, round(pop_65plus_in_reach) AS in_reach_65plus, round(pop_65plus_gained) AS gained,
       round(pop_65plus_no_access) AS no_access_65plus, round(least_access_per_1000::numeric, 3) AS least_access,
       round(gini_access::numeric, 4) AS gini_access
  FROM report.next_hospitals_effect ORDER BY plan = 'before' DESC, plan DESC;
SELECT count(*) FILTER (WHERE NOT l.existing) AS lscp_sites, min(l.bound) AS lscp_bound,
       CASE WHEN bool_and(l.optimal) THEN '(optimal)' ELSE '(no fewer than ' || min(l.bound) || ' can)' END AS lscp_proof
  FROM report.location_input q,
       caregap.locate(q.demand, q.candidates, NULL, 'lscp', 10, existing => q.existing, max_steps => 1e8) l
 WHERE l.kind = 'site' \gset
\echo '    Hospitals needed to bring every dong with people aged 65+ within 10 km (lscp):' :lscp_sites :lscp_proof
