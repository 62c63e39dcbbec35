-- theil_decomposition: the within and between parts of Theil T and L, each
-- from group sums, checked against the aggregates and against the formulas
-- of FORMULAS.md section 2 written in plain SQL.
\i sql/include/tap.sql

CREATE TABLE dec_units AS
SELECT i, 'g' || (i % 7) AS grp, ((i * 37) % 1000) / 7.0 + 0.5 AS x, 0.5 + ((i * 11) % 40) / 8.0 AS w
  FROM generate_series(1, 50000) i;
ANALYZE dec_units;

BEGIN;
SELECT plan(13);

CREATE TEMP TABLE d AS SELECT (caregap.theil_decomposition(x, w, grp)).* FROM dec_units;
-- per group, from the aggregates
CREATE TEMP TABLE per AS
SELECT grp, sum(w) AS wg, sum(w * x) AS wxg, sum(w * x) / sum(w) AS mug,
       caregap.theil_t(x, w) AS tg, caregap.theil_l(x, w) AS lg
  FROM dec_units GROUP BY grp;
CREATE TEMP TABLE tot AS SELECT sum(wg) AS w, sum(wxg) AS wx, sum(wxg) / sum(wg) AS mu FROM per;

SELECT ok((SELECT pg_temp.close(theil_t, (SELECT caregap.theil_t(x, w) FROM dec_units), 1e-14)
              AND pg_temp.close(theil_l, (SELECT caregap.theil_l(x, w) FROM dec_units), 1e-14) FROM d),
          'totals equal theil_t and theil_l');
SELECT ok((SELECT pg_temp.close(theil_t_within + theil_t_between, theil_t, 1e-14) FROM d), 'T: within + between = total');
SELECT ok((SELECT pg_temp.close(theil_l_within + theil_l_between, theil_l, 1e-14) FROM d), 'L: within + between = total');
-- between T = sum s_g ln(s_g / p_g); within T = sum s_g T_g
SELECT ok((SELECT pg_temp.close(theil_t_between,
                                (SELECT sum((wxg / wx) * ln((wxg / wx) / (wg / w))) FROM per, tot), 1e-12) FROM d),
          'between T = sum s_g ln(s_g/p_g)');
SELECT ok((SELECT pg_temp.close(theil_t_within, (SELECT sum((wxg / wx) * tg) FROM per, tot), 1e-13) FROM d),
          'within T = sum s_g T_g');
-- between L = sum p_g ln(mu / mu_g); within L = sum p_g L_g
SELECT ok((SELECT pg_temp.close(theil_l_between, (SELECT sum((wg / w) * ln(mu / mug)) FROM per, tot), 1e-12) FROM d),
          'between L = sum p_g ln(mu/mu_g)');
SELECT ok((SELECT pg_temp.close(theil_l_within, (SELECT sum((wg / w) * lg) FROM per, tot), 1e-13) FROM d),
          'within L = sum p_g L_g');
SELECT is((SELECT count(*) FROM d, jsonb_array_elements(groups) e JOIN per ON per.grp = e->>'group'
            WHERE pg_temp.close((e->>'theil_t')::float8, per.tg, 1e-13) AND pg_temp.close((e->>'theil_l')::float8, per.lg, 1e-13)
              AND pg_temp.close((e->>'mean')::float8, per.mug, 1e-13) AND (e->>'units')::int = (SELECT count(*) FROM dec_units u WHERE u.grp = per.grp)),
          7::bigint, 'per-group detail: units, mean, T_g and L_g');
SELECT is((SELECT caregap.theil_decomposition(x, grp) FROM dec_units), (SELECT caregap.theil_decomposition(x, 1, grp) FROM dec_units),
          'unweighted form equals unit weights');
-- one group: all within
SELECT results_eq($$SELECT theil_t_between, theil_l_between FROM (SELECT (caregap.theil_decomposition(x, w, 'all')).* FROM dec_units) s$$,
                  $$VALUES (0::float8, 0::float8)$$, 'one group: between parts are 0');
SELECT is((SELECT caregap.theil_decomposition(x, w, grp) FROM dec_units WHERE false), NULL::caregap.theil_decomposition_result,
          'empty: NULL');
SELECT throws_ok($$SELECT caregap.theil_decomposition(x, 1, 'a') FROM (VALUES (1), (0)) v(x)$$, '22023',
                 'theil_decomposition requires x > 0', 'x = 0 is rejected (Theil L)');

-- forced parallel plan: groups merged across workers equal the serial result
\i sql/include/force_parallel.sql
SELECT ok((SELECT pg_temp.close(p.theil_t, d.theil_t, 1e-13) AND pg_temp.close(p.theil_t_between, d.theil_t_between, 1e-12)
              AND pg_temp.close(p.theil_l_within, d.theil_l_within, 1e-13)
              AND jsonb_array_length(p.groups) = 7
             FROM (SELECT (caregap.theil_decomposition(x, w, grp)).* FROM dec_units) p, d),
          'parallel equals serial');

SELECT * FROM finish();
ROLLBACK;

-- the plan, for the record
\i sql/include/force_parallel.sql
\pset tuples_only false
\pset format aligned
EXPLAIN (COSTS OFF) SELECT caregap.theil_decomposition(x, w, grp) FROM dec_units;
RESET ALL;
-- Gyeonggi: the share aged 65+ across the 31 si/gun, weighted by population, by region
SELECT round(theil_t::numeric, 6) AS theil_t, round(theil_t_within::numeric, 6) AS within,
       round(theil_t_between::numeric, 6) AS between
  FROM (SELECT (caregap.theil_decomposition(pop_65plus_2010::float8 / pop_total_2010, pop_total_2010, region)).*
          FROM caregap.gyeonggi_municipality) s;
DROP TABLE dec_units;
