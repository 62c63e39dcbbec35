-- demo_report: the demo data follow their documented rule, the report's
-- numbers obey the identities of the care gap, and the report runs.
\i sql/include/tap.sql
\i demo/data.sql

BEGIN;
SELECT plan(12);

SELECT is((SELECT count(*) FROM demo.people), 62::bigint, 'people: 31 municipalities x 2 need classes');
SELECT is((SELECT sum(people) FROM demo.people), 11196053::float8, 'people add up to the 2010 census total');
SELECT is((SELECT count(*) FROM demo.supply), 93::bigint, 'supply: 31 municipalities x 3 domains');

-- The rule of demo/data.sql evaluated by hand (decimal arithmetic outside the
-- database).  수원 41110: demand = 74258 + 0.02 * (1054053 - 74258) = 93853.9;
-- u = frac(41110 * 0.6180339887 + 1 * 0.4142135623) = 0.7914890193;
-- beds = round(0.030 * 93853.9 * (0.55 + 0.9 * 0.7914890193)) = round(3554.49...) = 3554.
SELECT is((SELECT units FROM demo.supply WHERE code = '41110' AND domain = 'residential_beds'), 3554::float8,
          '수원 residential beds by the documented rule');
-- 의정부 41150 (북부, factor 0.85): demand 41721 + 0.02 * 373449 = 49189.98;
-- u = frac(41150 * 0.6180339887 + 2 * 0.4142135623) = 0.9270621296;
-- slots = round(0.012 * 49189.98 * (0.55 + 0.9 * 0.9270621296) * 0.85) = 695.
SELECT is((SELECT units FROM demo.supply WHERE code = '41150' AND domain = 'day_care_slots'), 695::float8,
          '의정부 day-care slots by the documented rule (north factor)');
-- 양평 41830: demand 17442 + 0.02 * 64689 = 18735.78; u = 0.6043880079;
-- FTE = round(0.020 * 18735.78 * (0.55 + 0.9 * 0.6043880079)) = 410.
SELECT is((SELECT units FROM demo.supply WHERE code = '41830' AND domain = 'home_care_fte'), 410::float8,
          '양평 home-care FTE by the documented rule');
SELECT ok((SELECT pg_temp.close(demand, 93853.9) FROM demo.gap_input
            WHERE code = '41110' AND domain = 'residential_beds'), '수원 need-weighted demand 93853.9');

-- identities of the report
CREATE TEMP TABLE beds AS SELECT * FROM demo.gap_input WHERE domain = 'residential_beds';
SELECT ok((SELECT pg_temp.close(sum((g).shortfall), (SELECT (caregap.care_gap(supply, demand)).shortfall FROM beds), 1e-12)
             FROM (SELECT caregap.unit_gap(supply, demand) OVER () AS g FROM beds) u),
          'municipal shortfalls add up to the province shortfall');
SELECT ok((SELECT pg_temp.close((caregap.care_gap(supply, demand)).gap_index,
                                (0.5 * sum(abs(supply::numeric / (SELECT sum(supply) FROM beds)::numeric
                                               - demand::numeric / (SELECT sum(demand) FROM beds)::numeric)))::float8, 1e-12)
             FROM beds), 'province gap index equals the Hoover index in numeric');
-- against one common reference (the province ratio) shortfalls add up across regions
SELECT ok((SELECT pg_temp.close(sum((vs).shortfall), (SELECT (caregap.care_gap(supply, demand)).shortfall FROM beds), 1e-12)
             FROM (SELECT region, caregap.care_gap(supply, demand,
                                                  (SELECT sum(supply) / sum(demand) FROM beds)) AS vs
                     FROM beds GROUP BY region) r),
          'regional shortfalls against the province ratio add up to the province shortfall');
SELECT is((SELECT sum((vs).units_short) FROM (SELECT caregap.care_gap(supply, demand,
                                              (SELECT sum(supply) / sum(demand) FROM beds)) AS vs
                                                FROM beds GROUP BY region) r),
          (SELECT (caregap.care_gap(supply, demand)).units_short FROM beds)::numeric,
          'units short against the province ratio add up across regions');
SELECT is((SELECT count(*) FROM (SELECT caregap.unit_gap(supply, demand) OVER () AS g FROM beds) u
            WHERE (g).gap > 0), (SELECT (caregap.care_gap(supply, demand)).units_short FROM beds),
          'municipalities with a gap = units short');

SELECT * FROM finish();
ROLLBACK;

-- the report itself
\pset format aligned
\pset tuples_only false
\i demo/report.sql

SET client_min_messages = warning;
DROP SCHEMA demo CASCADE;
