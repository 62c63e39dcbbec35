-- spatial (0.5.0): weights relations, global and local autocorrelation.
-- References: the published Columbus values of spdep's documentation, and
-- values derived with R 4.2.2 / spdep 1.2.7 by hand (the R call beside each).
\i sql/include/tap.sql
\i sql/include/parallel.sql

BEGIN;
SELECT plan(100);
\i sql/include/columbus.sql

-- Gyeonggi's share of people aged 65+ in 2010 (the shipped census columns)
CREATE TEMP VIEW gg AS
SELECT code, pop_65plus_2010::float8 / pop_total_2010 AS share65 FROM caregap.gyeonggi_municipality;

----------------------------------------------------------------------------
-- 1. Published: spdep's documentation, data(oldcol),
--    moran.test(COL.OLD$CRIME, nb2listw(COL.nb, style = "W")):
--    I = 0.510951264, Var_R = 0.008908762 (randomisation = TRUE),
--    Var_N = 0.008779831 (randomisation = FALSE); E = -1/48.
--    FORMULAS.md: Geary C = 0.52986993 (geary.test, same weights).
----------------------------------------------------------------------------
CREATE TEMP TABLE col_moran AS
SELECT (caregap.moran_i(id, crime, 'columbus_nb'::regclass)).* FROM columbus;
SELECT ok(pg_temp.close(value, 0.510951264, 1e-9), 'Columbus CRIME: I = 0.510951264 (published)') FROM col_moran;
SELECT ok(pg_temp.close(variance_random, 0.008908762, 1e-7), 'Columbus: Var_R = 0.008908762 (published)') FROM col_moran;
SELECT ok(pg_temp.close(variance_normal, 0.008779831, 1e-7), 'Columbus: Var_N = 0.008779831 (published)') FROM col_moran;
SELECT ok(pg_temp.close(expectation, -1.0 / 48, 1e-15), 'Columbus: E[I] = -1/48') FROM col_moran;
SELECT is((n, links, s0, style, islands_policy, alternative, permutations, seed),
          (49::bigint, 232::bigint, 49::float8, 'R'::text, 'exclude'::text, 'greater'::text, 999, 1::bigint),
          'Columbus: 49 units, 232 links, S0 = 49 under style R; the conventions are reported') FROM col_moran;
-- moran.mc(COL.OLD$CRIME, nb2listw(COL.nb), nsim = 999) gives 0.001: I is above all 999
SELECT is(p_sim, 0.001::float8, 'Columbus: pseudo p = 1/1000 (I beyond every permutation, as moran.mc)') FROM col_moran;
SELECT ok(pg_temp.close((SELECT (caregap.geary_c(id, crime, 'columbus_nb'::regclass)).value FROM columbus),
                        0.52986993, 1e-8), 'Columbus: Geary C = 0.52986993 (published)');
-- geary.test(COL.OLD$CRIME, nb2listw(COL.nb))$estimate[3] = 0.009752779623
SELECT ok(pg_temp.close((SELECT (caregap.geary_c(id, crime, 'columbus_nb'::regclass)).variance_random FROM columbus),
                        0.009752779623, 1e-9), 'Columbus: Geary Var_R = 0.009752779623 (R)');

----------------------------------------------------------------------------
-- 2. Gyeonggi 2010 share 65+ over the shipped queen links (text ids), R by hand:
--    d <- caregap.gyeonggi_municipality; nb from caregap.gyeonggi_links;
--    x <- pop_65plus_2010 / pop_total_2010; lw <- nb2listw(nb, style = "W")
--    moran.test(x, lw): I = 0.4712627560082925, Var_R = 0.0134374215180035
--    moran.test(x, lw, randomisation = FALSE): Var_N = 0.0142599332071538
--    geary.test(x, lw): C = 0.4376521428962823, Var_R = 0.0185055814138714
--    geary.test(x, lw, randomisation = FALSE): Var_N = 0.016559558429251
--    globalG.test(x, nb2listw(nb, style = "B")): G = 0.144372137175621085,
--      E = 0.139784946236559127, Var = 0.000064290185213832, z = 0.572103334812899
----------------------------------------------------------------------------
CREATE TEMP TABLE gg_tests AS
SELECT caregap.moran_i(code, share65, 'caregap.gyeonggi_links') AS m,
       caregap.geary_c(code, share65, 'caregap.gyeonggi_links') AS c,
       caregap.getis_ord_g(code, share65, 'caregap.gyeonggi_links') AS g
  FROM gg;
SELECT ok(pg_temp.close((m).value, 0.4712627560082925, 1e-14), 'Gyeonggi: Moran I = R 0.4712627560082925') FROM gg_tests;
SELECT ok(pg_temp.close((m).variance_random, 0.0134374215180035, 1e-13), 'Gyeonggi: Var_R = R') FROM gg_tests;
SELECT ok(pg_temp.close((m).variance_normal, 0.0142599332071538, 1e-13), 'Gyeonggi: Var_N = R') FROM gg_tests;
SELECT ok(pg_temp.close((c).value, 0.4376521428962823, 1e-14), 'Gyeonggi: Geary C = R') FROM gg_tests;
SELECT ok(pg_temp.close((c).variance_random, 0.0185055814138714, 1e-13), 'Gyeonggi: Geary Var_R = R') FROM gg_tests;
SELECT ok(pg_temp.close((c).variance_normal, 0.016559558429251, 1e-13), 'Gyeonggi: Geary Var_N = R') FROM gg_tests;
SELECT ok(pg_temp.close((g).value, 0.144372137175621085, 1e-14) AND pg_temp.close((g).expectation, 0.139784946236559127, 1e-14),
          'Gyeonggi: general G and E[G] = R (style B by default)') FROM gg_tests;
SELECT ok(pg_temp.close((g).variance_random, 0.000064290185213832, 1e-12) AND pg_temp.close((g).z_random, 0.572103334812899, 1e-12),
          'Gyeonggi: Var[G] and z = R globalG.test') FROM gg_tests;
SELECT ok((g).variance_normal IS NULL AND (g).style = 'B', 'general G: no variance under normality; style B reported') FROM gg_tests;
-- analytic p of I under normality: 1 - Phi(z_N), Phi by erfc in numeric-free SQL is not at hand: check the
-- relation p(greater) + p(lesser) = 1 and two-sided = 2 min instead
SELECT ok(pg_temp.close(
    (SELECT (caregap.moran_i(code, share65, 'caregap.gyeonggi_links', 0, 1, 'R', 'greater')).p_normal FROM gg) +
    (SELECT (caregap.moran_i(code, share65, 'caregap.gyeonggi_links', 0, 1, 'R', 'lesser')).p_normal FROM gg), 1, 1e-15),
    'analytic p: greater + lesser = 1');

----------------------------------------------------------------------------
-- 3. Local Moran (R: localmoran(COL.OLD$CRIME, nb2listw(COL.nb)), spdep's n scaling):
--    unit 1001: Ii = 0.52877701326597, E.Ii = -0.020250213989389,
--    Var.Ii = 0.31026606329230, Z.Ii = 0.9856591202615; sum Ii = 25.0366119399
----------------------------------------------------------------------------
CREATE TEMP TABLE col_local AS
SELECT id, crime, caregap.local_moran(id, crime, 'columbus_nb'::regclass, permutations => 0, scaling => 'n',
                                      alternative => 'two_sided') OVER () AS n_scaled,
       caregap.local_moran(id, crime, 'columbus_nb'::regclass, permutations => 0) OVER () AS geoda
  FROM columbus;
SELECT ok(pg_temp.close((n_scaled).ii, 0.52877701326597, 1e-12) AND pg_temp.close((n_scaled).e_ii, -0.020250213989389, 1e-12)
          AND pg_temp.close((n_scaled).var_ii, 0.31026606329230, 1e-12) AND pg_temp.close((n_scaled).z_ii, 0.9856591202615, 1e-12),
          'local Moran of 1001 = R localmoran (Ii, E, Var, Z; conditional)') FROM col_local WHERE id = 1001;
SELECT ok(pg_temp.close(sum((n_scaled).ii), 49 * 0.510951264079, 1e-10),
          'sum of local I (scaling n, style R) = n I (FORMULAS.md 5: sum I_i = S0 I, S0 = n)') FROM col_local;
SELECT ok(pg_temp.close(sum((geoda).ii), 48 * 0.510951264079, 1e-10),
          'sum of local I (GeoDa scaling n-1) = (n-1) I') FROM col_local;
SELECT ok(bool_and(pg_temp.close((geoda).z_ii, (n_scaled).z_ii, 1e-12)), 'z does not depend on the scaling') FROM col_local;
-- R: p.adjust(localmoran(...)[1:6, 5], "BH") = 0.522514902698 0.946850529094 0.522514902698
--    0.431949749832 0.522514902698 0.566998834819 (two-sided analytic p of 1001..1006)
SELECT is(array_agg(adj ORDER BY id), ARRAY[0.522514902698, 0.946850529094, 0.522514902698, 0.431949749832, 0.522514902698, 0.566998834819]::float8[],
          'p_adjust BH over six units = R to 12 digits')
  FROM (SELECT id, round(caregap.p_adjust((n_scaled).p_value, 'BH') OVER ()::numeric, 12)::float8 AS adj
          FROM col_local WHERE id <= 1006) s;
-- Gyeonggi: localmoran(x, lw) for 41110: Ii = 0.5907396705492004, E = -0.02566569068290507,
-- Var = 0.1737552774290315; localmoran(x, lw, conditional = FALSE): E = -1/30, Var = 0.201756360570697
SELECT ok(pg_temp.close((caregap.local_moran(code, share65, 'caregap.gyeonggi_links', permutations => 0, scaling => 'n') OVER ()).var_ii, 0.1737552774290315, 1e-12),
          'Gyeonggi local Moran variance (conditional) of the first unit = R') FROM gg ORDER BY code LIMIT 1;
SELECT ok((r).ii IS NOT NULL AND pg_temp.close((r).var_ii, 0.201756360570697, 1e-12) AND pg_temp.close((r).e_ii, -1.0 / 30, 1e-15),
          'Gyeonggi local Moran (total randomization) of 41110 = R')
  FROM (SELECT code, caregap.local_moran(code, share65, 'caregap.gyeonggi_links', permutations => 0, scaling => 'n', conditional => false) OVER () AS r FROM gg) s
 WHERE code = '41110';
-- Gi*: localG(COL.OLD$CRIME, nb2listw(include.self(COL.nb), style = "B")) = -1.340008097464, -0.131733364491, 1.013023950617
SELECT is(array_agg(round(z::numeric, 12) ORDER BY id), ARRAY[-1.340008097464, -0.131733364491, 1.013023950617],
          'Gi* z of 1001..1003 = R localG with include.self')
  FROM (SELECT id, (caregap.local_g(id, crime, 'columbus_nb'::regclass, permutations => 0) OVER ()).z_g AS z FROM columbus) s WHERE id <= 1003;
-- Gyeonggi Gi: localG(x, nb2listw(nb, style = "B")) = -1.478759015108121, -0.947153219293744, 0.329821579867230
SELECT is(array_agg(round(z::numeric, 12) ORDER BY code), ARRAY[-1.478759015108, -0.947153219294, 0.329821579867],
          'Gi (self excluded) z of the first three units = R localG')
  FROM (SELECT code, (caregap.local_g(code, share65, 'caregap.gyeonggi_links', star => false, permutations => 0) OVER ()).z_g AS z FROM gg) s
 WHERE code IN ('41110', '41130', '41150');
-- spatial lag: the mean of the neighbours' values (style R), against a join in plain SQL
SELECT ok(bool_and(pg_temp.close(lag, ref, 1e-14)), 'spatial_lag (style R) = the mean of the neighbours (plain SQL)')
  FROM (SELECT id, caregap.spatial_lag(id, crime, 'columbus_nb'::regclass) OVER () AS lag FROM columbus) l
  JOIN (SELECT n.i, avg(c.crime) AS ref FROM columbus_nb n JOIN columbus c ON c.id = n.j GROUP BY n.i) r ON r.i = l.id;

----------------------------------------------------------------------------
-- 4. Reproducible permutations
----------------------------------------------------------------------------
CREATE TEMP TABLE perm_fwd AS
SELECT id, (caregap.local_moran(id, crime, 'columbus_nb'::regclass) OVER (ORDER BY id)).* FROM columbus;
CREATE TEMP TABLE perm_rev AS
SELECT id, (caregap.local_moran(id, crime, 'columbus_nb'::regclass) OVER (ORDER BY id DESC)).* FROM columbus;
SELECT is((SELECT array_agg(p_sim ORDER BY id) FROM perm_fwd), (SELECT array_agg(p_sim ORDER BY id) FROM perm_rev),
          'local Moran: the same seed gives the same pseudo p whatever the row order');
SELECT ok((SELECT array_agg(p_sim ORDER BY id) FROM perm_fwd) IS DISTINCT FROM
          (SELECT array_agg(r.p_sim ORDER BY id) FROM (SELECT id, (caregap.local_moran(id, crime, 'columbus_nb'::regclass, seed => 2) OVER ()).* FROM columbus) r),
          'another seed, another stream');
SELECT ok(bool_and(p_sim >= 0.001 AND p_sim <= 0.5), 'folded pseudo p lies in [1/1000, 1/2]') FROM perm_fwd;
SELECT is((SELECT count(*) FROM perm_fwd WHERE cluster NOT IN ('High-High', 'Low-Low', 'Low-High', 'High-Low', 'Not significant')), 0::bigint,
          'every Columbus unit has neighbours: a GeoDa label each');
SELECT ok(bool_and(cluster = 'Not significant' OR p_sim <= 0.05) AND bool_and(cluster <> 'Not significant' OR p_sim > 0.05),
          'cluster labels follow p_sim at 0.05') FROM perm_fwd;
SELECT ok(bool_and(quadrant = CASE WHEN std_value > 0 AND std_lag > 0 THEN 'HH' WHEN std_value > 0 THEN 'HL'
                                   WHEN std_lag > 0 THEN 'LH' ELSE 'LL' END), 'quadrants from the standardized value and its lag') FROM perm_fwd;
-- the global pseudo p: serial and under a forced parallel plan (partial states cross processes)
CREATE TABLE big AS SELECT g AS id, sin(g)::float8 AS x FROM generate_series(1, 2000) g;
CREATE TEMP TABLE big_nb AS SELECT g AS i, g + 1 AS j FROM generate_series(1, 1999) g UNION ALL SELECT g + 1, g FROM generate_series(1, 1999) g;
ANALYZE big;
CREATE TEMP TABLE serial_mc AS SELECT (caregap.moran_i(id, x, 'big_nb'::regclass, 99, 5)).* FROM big;
CREATE TEMP TABLE serial_local AS
SELECT id, (caregap.local_moran(id, x, 'big_nb'::regclass, permutations => 99) OVER ()).p_sim AS p FROM big WHERE x > -2;
SAVEPOINT par;
\i sql/include/force_parallel.sql
SELECT ok(pg_temp.plan('SELECT caregap.moran_i(id, x, ''big_nb''::regclass, 99, 5) FROM big') ~ 'Partial Aggregate',
          'moran_i runs as a partial aggregate under a forced parallel plan');
SELECT is((SELECT (m.value, m.p_sim, m.mean_sim) FROM (SELECT (caregap.moran_i(id, x, 'big_nb'::regclass, 99, 5)).* FROM big) m),
          (SELECT (value, p_sim, mean_sim) FROM serial_mc), 'moran_i: the same I, pseudo p and mean under a parallel plan');
SELECT ok(pg_temp.plan('SELECT caregap.local_moran(id, x, ''big_nb''::regclass, permutations => 99) OVER () FROM big WHERE x > -2')
          ~ 'WindowAgg.*Gather.*Parallel Seq Scan', 'local_moran reads its partition from a parallel scan under a forced parallel plan');
SELECT is((SELECT array_agg(p ORDER BY id) FROM (SELECT id, (caregap.local_moran(id, x, 'big_nb'::regclass, permutations => 99) OVER ()).p_sim AS p
                                                  FROM big WHERE x > -2) s),
          (SELECT array_agg(p ORDER BY id) FROM serial_local),
          'local_moran over a parallel scan (rows arriving from workers in any order): the same pseudo p as serial');
ROLLBACK TO SAVEPOINT par;
-- the weights reader sizes its arrays from pg_class.reltuples where the catalog has an
-- estimate (temporary tables: no autovacuum changes it here); an estimate far below the
-- rows read (the arrays grow from it) or far above them gives the same statistic
CREATE TEMP TABLE est_low (i integer, j integer);
INSERT INTO est_low VALUES (1, 2), (2, 1);
ANALYZE est_low;
INSERT INTO est_low SELECT i, j FROM big_nb WHERE NOT (i IN (1, 2) AND j IN (1, 2)) ORDER BY j DESC, i;
CREATE TEMP TABLE est_high AS SELECT * FROM big_nb;
INSERT INTO est_high SELECT -g, -g - 1 FROM generate_series(1, 100000) g;
ANALYZE est_high;
DELETE FROM est_high WHERE i < 0;
SELECT ok((SELECT reltuples = 2 FROM pg_class WHERE oid = 'est_low'::regclass)
          AND (SELECT reltuples > 100000 FROM pg_class WHERE oid = 'est_high'::regclass)
          AND (SELECT count(*) FROM est_low) = 3998 AND (SELECT count(*) FROM est_high) = 3998,
          'two copies of 3,998 links whose catalog estimates are 2 rows and over 100,000');
SELECT is((SELECT (m.value, m.p_sim, m.mean_sim, m.links) FROM (SELECT (caregap.moran_i(id, x, 'est_low'::regclass, 99, 5)).* FROM big) m),
          (SELECT (value, p_sim, mean_sim, links) FROM serial_mc),
          'moran_i over weights estimated at 2 rows for 3,998: the same I, pseudo p, mean and links');
SELECT is((SELECT (m.value, m.p_sim, m.mean_sim, m.links) FROM (SELECT (caregap.moran_i(id, x, 'est_high'::regclass, 99, 5)).* FROM big) m),
          (SELECT (value, p_sim, mean_sim, links) FROM serial_mc),
          'moran_i over weights estimated at over 100,000 rows for 3,998: the same');

-- conditional permutations converge to the analytic p for a normal variable:
-- 400 units on a 20 x 20 rook lattice, values from a fixed seed, 9999 replicates
CREATE TEMP TABLE lat AS
SELECT r * 20 + c AS id, sqrt(-2 * ln(u1)) * cos(2 * pi() * u2) AS x
  FROM (SELECT g / 20 AS r, g % 20 AS c,
               (hashint4(g) & 2147483647)::float8 / 2147483648 + 1e-9 AS u1,
               (hashint4(g + 100000) & 2147483647)::float8 / 2147483648 AS u2
          FROM generate_series(0, 399) g) s;
CREATE TEMP TABLE lat_nb AS
SELECT a.id AS i, b.id AS j FROM lat a JOIN lat b
    ON (b.id = a.id + 1 AND a.id % 20 <> 19) OR (b.id = a.id - 1 AND a.id % 20 <> 0) OR b.id = a.id + 20 OR b.id = a.id - 20;
CREATE TEMP TABLE lat_p AS
SELECT id, (caregap.local_moran(id, x, 'lat_nb'::regclass, permutations => 9999, alternative => 'greater',
                                 seed => 3) OVER ()).* FROM lat;
SELECT ok(avg(abs(p_sim - p_value)) < 0.03 AND corr(p_sim, p_value) > 0.97,
          'pseudo p (9999 conditional permutations) close to the analytic p (conditional randomization) on a normal variable: mean |diff| < 0.03, corr > 0.97') FROM lat_p;

----------------------------------------------------------------------------
-- 5. GROUP BY and islands
----------------------------------------------------------------------------
CREATE TEMP TABLE years AS
SELECT y, id, crime + y AS x FROM columbus, generate_series(1, 3) y;
SELECT is((SELECT count(DISTINCT round((m).value::numeric, 12)) FROM (SELECT y, caregap.moran_i(id, x, 'columbus_nb'::regclass, 0) AS m FROM years GROUP BY y) s),
          1::bigint, 'one Moran''s I per group (GROUP BY); a shift of every value leaves I unchanged');
-- an island: unit 9999 declared by (i, NULL)
CREATE TEMP TABLE col_isl AS SELECT * FROM columbus UNION ALL SELECT 9999, 100;
CREATE TEMP TABLE nb_isl AS SELECT i, j FROM columbus_nb UNION ALL SELECT 9999, NULL;
SELECT is((SELECT ((m).n, (m).islands, round((m).value::numeric, 9)) FROM (SELECT caregap.moran_i(id, crime, 'nb_isl'::regclass, 0) AS m FROM col_isl) s),
          (49::bigint, 1::bigint, 0.510951264), 'islands => exclude: the island leaves the statistic (I as without it)');
SELECT is((SELECT ((m).n, (m).islands_policy) FROM (SELECT caregap.moran_i(id, crime, 'nb_isl'::regclass, 0, 1, 'R', 'greater', 'keep') AS m FROM col_isl) s),
          (50::bigint, 'keep'::text), 'islands => keep: the island stays in n with a lag of 0');
SELECT is((SELECT (r).cluster FROM (SELECT id, caregap.local_moran(id, crime, 'nb_isl'::regclass) OVER () AS r FROM col_isl) s WHERE id = 9999),
          'Isolated', 'local Moran labels the island Isolated');
SELECT is((SELECT ((r).cluster, (r).neighbours, (r).g IS NULL) FROM (SELECT id, caregap.local_g(id, crime, 'nb_isl'::regclass) OVER () AS r FROM col_isl) s WHERE id = 9999),
          ('Isolated'::text, 0, true), 'local G labels the island Isolated, 0 neighbours, no statistic');
-- local G's labels follow its own columns: Hot spot (z > 0) or Cold spot (z < 0) where the
-- pseudo p (or, without permutations, the analytic p) is at most the level
CREATE TEMP TABLE col_g AS
SELECT id, (caregap.local_g(id, crime, 'columbus_nb'::regclass, permutations => 99, seed => 3) OVER ()).* FROM columbus;
CREATE TEMP TABLE col_g0 AS
SELECT id, (caregap.local_g(id, crime, 'columbus_nb'::regclass, permutations => 0, significance => 0.1) OVER ()).* FROM columbus;
SELECT is((SELECT count(*) FROM col_g
            WHERE cluster IS DISTINCT FROM CASE WHEN NOT (p_sim <= 0.05) OR z_g = 0 THEN 'Not significant'
                                                WHEN z_g > 0 THEN 'Hot spot' ELSE 'Cold spot' END)
          + (SELECT count(*) FROM col_g0
              WHERE cluster IS DISTINCT FROM CASE WHEN NOT (p_value <= 0.1) OR z_g = 0 THEN 'Not significant'
                                                  WHEN z_g > 0 THEN 'Hot spot' ELSE 'Cold spot' END),
          0::bigint, 'local G: each label follows the row''s z and p (pseudo p at 0.05; analytic p at 0.1 without permutations)');
SELECT is((SELECT array_agg(DISTINCT cluster ORDER BY cluster) FROM col_g),
          ARRAY['Cold spot', 'Hot spot', 'Not significant'], 'Columbus CRIME has hot spots, cold spots and neither (the label test covers all three)');
-- a row with a NULL value has a NULL result; the rows around it are answered as before
SELECT is((SELECT (count(*) FILTER (WHERE r IS NULL), count(*) FILTER (WHERE (r).cluster IS NOT NULL))
             FROM (SELECT caregap.local_moran(id, CASE WHEN id = 1001 THEN NULL ELSE crime END, 'columbus_nb'::regclass,
                                              permutations => 0, unmatched => 'drop') OVER () AS r FROM columbus) s),
          (1::bigint, 48::bigint), 'local_moran: a NULL value gives that row a NULL result, every other row its answer');
-- a unit missing from the data: error by default, links dropped on request
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass) FROM columbus WHERE id <> 1001$$, '22023',
                 'moran_i: id 1001 of the weights relation is not a unit of the group', 'a weights id absent from the group is an error by default');
SELECT is((SELECT ((m).n, (m).links_dropped) FROM (SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, 0, 1, 'R', 'greater', 'exclude', 'drop') AS m
             FROM columbus WHERE id <> 1001) s),
          (48::bigint, (SELECT count(*) FROM columbus_nb WHERE i = 1001 OR j = 1001)),
          'unmatched => drop: the links of the absent unit (both ways) are dropped and counted');

----------------------------------------------------------------------------
-- 6. Bad input
----------------------------------------------------------------------------
SELECT is((SELECT ((m).nulls, (m).n) FROM (SELECT caregap.moran_i(id, CASE WHEN id = 1002 THEN NULL ELSE crime END, 'columbus_nb'::regclass, 0, 1, 'R', 'greater', 'exclude', 'drop') AS m FROM columbus) s),
          (1::bigint, 48::bigint), 'a NULL value: the row is skipped (counted in nulls) and its links dropped');
SELECT ok((SELECT (m).value IS NULL AND (m).variance_normal IS NOT NULL FROM (SELECT caregap.moran_i(id, 5.0::float8, 'columbus_nb'::regclass) AS m FROM columbus) s),
          'all values equal: I is NULL (0/0), never a division by zero');
CREATE TEMP TABLE small_nb AS SELECT * FROM (VALUES (1, 2), (2, 1), (2, 3), (3, 2)) t(i, j);
SELECT ok((SELECT (m).variance_random IS NULL AND (m).value IS NOT NULL AND (m).variance_normal IS NOT NULL
             FROM (SELECT caregap.moran_i(i, v, 'small_nb'::regclass) AS m FROM (VALUES (1, 1.0::float8), (2, 2.0), (3, 4.0)) t(i, v)) s),
          'n = 3: no variance under randomization (it needs n >= 4)');
-- bad weights relations (ordinary tables of this transaction: their names are known)
CREATE TABLE dup_nb AS SELECT * FROM columbus_nb UNION ALL SELECT 1001, 1002;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'dup_nb'::regclass) FROM columbus$$, '22023',
                 'weights relation public.dup_nb gives the link (1001, 1002) more than once', 'a duplicate link is an error naming it');
CREATE TABLE self_nb AS SELECT * FROM columbus_nb UNION ALL SELECT 1003, 1003;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'self_nb'::regclass) FROM columbus$$, '22023',
                 'weights relation public.self_nb links unit 1003 to itself', 'a self-link is an error naming it');
CREATE TABLE wnb (i integer, j integer, w double precision);
INSERT INTO wnb SELECT i, j, 1 FROM columbus_nb;
UPDATE wnb SET w = 'NaN' WHERE i = 1001 AND j = 1002;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'wnb'::regclass) FROM columbus$$, '22023',
                 'weights relation public.wnb: the weight of link (1001, 1002) must be finite and not negative', 'a NaN weight is an error naming the link');
UPDATE wnb SET w = '-Infinity' WHERE i = 1001 AND j = 1002;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'wnb'::regclass) FROM columbus$$, '22003',
                 'weights relation public.wnb: the weight of link (1001, 1002) must be finite and not negative', 'an infinite weight: 22003');
UPDATE wnb SET w = -1 WHERE i = 1001 AND j = 1002;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'wnb'::regclass) FROM columbus$$, '22023', NULL, 'a negative weight is an error');
UPDATE wnb SET w = NULL WHERE i = 1001 AND j = 1002;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'wnb'::regclass) FROM columbus$$, '22004', NULL, 'a NULL weight is an error');
UPDATE wnb SET w = 1 WHERE i = 1001 AND j = 1002;
UPDATE wnb SET w = 0 WHERE i = 1004;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'wnb'::regclass) FROM columbus WHERE i IS NOT NULL$$, '42703', NULL,
                 'a column that is not there: 42703');
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'wnb'::regclass) FROM columbus$$, '22023',
                 'moran_i: the weights sum to 0 (a row, or all of them), which style R cannot scale', 'a row of zero weights cannot be row-standardized');
SELECT ok((SELECT (caregap.moran_i(id, crime, 'wnb'::regclass, 0, 1, 'B')).value IS NOT NULL FROM columbus), '... but style B takes it');
CREATE TABLE nocol (a integer, b integer);
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'nocol'::regclass) FROM columbus$$, '42703',
                 'weights relation public.nocol has no column "i"', 'a relation without (i, j) is refused');
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass) FROM (SELECT * FROM columbus UNION ALL SELECT 1001, 1) c$$, '22023',
                 'moran_i: id 1001 appears more than once in the group', 'a duplicate id in a group is an error');
-- the aggregates take id bigint or text (1.1.0): a float id finds no aggregate
SELECT throws_ok($$SELECT caregap.moran_i(id::float8, crime, 'columbus_nb'::regclass) FROM columbus$$, '42883', NULL, 'float ids are refused');
SELECT throws_ok($$SELECT caregap.moran_i(id, 'NaN'::float8, 'columbus_nb'::regclass) FROM columbus$$, '22023', NULL, 'a NaN value is refused');
SELECT throws_ok($$SELECT caregap.moran_i(id, 'Infinity'::float8, 'columbus_nb'::regclass) FROM columbus$$, '22003', NULL, 'an infinite value is refused');
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, 10, 1, 'Q') FROM columbus$$, '22023', NULL, 'an unknown style is refused');
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, -1) FROM columbus$$, '22023', NULL, 'negative permutations are refused');
SELECT throws_ok($$SELECT caregap.getis_ord_g(id, crime - 20, 'columbus_nb'::regclass) FROM columbus$$, '22023',
                 'getis_ord_g: values must not be negative', 'general G needs x >= 0');
SELECT throws_ok($$SELECT caregap.local_moran(id, crime, 'columbus_nb'::regclass, permutations => id) OVER () FROM columbus$$, '22023',
                 'local_moran: permutations must be the same on every row of a partition', 'a window option that varies within a partition is refused');
SELECT throws_ok($$SELECT caregap.p_adjust(1.5, 'BH') OVER ()$$, '22023', NULL, 'a p-value above 1 is refused');
SELECT ok((SELECT bool_and(t.p_sim = least(1, 2 * least(g.p_sim, l.p_sim)))
             FROM (SELECT id, (caregap.local_moran(id, crime, 'columbus_nb'::regclass, alternative => 'two_sided') OVER ()).p_sim FROM columbus) t
             JOIN (SELECT id, (caregap.local_moran(id, crime, 'columbus_nb'::regclass, alternative => 'greater') OVER ()).p_sim FROM columbus) g USING (id)
             JOIN (SELECT id, (caregap.local_moran(id, crime, 'columbus_nb'::regclass, alternative => 'lesser') OVER ()).p_sim FROM columbus) l USING (id)),
          'two-sided pseudo p = min(1, 2 min(greater, lesser)) on the same stream');
-- text ids against integer weights: the integers are read as text
SELECT ok(pg_temp.close((SELECT (caregap.moran_i(id::text, crime, 'columbus_nb'::regclass)).value FROM columbus), 0.510951264, 1e-9),
          'text ids match integer weights by their decimal text');
-- the caller's privileges: a role that cannot read the weights gets a permission error
CREATE ROLE caregap_spatial_reader NOLOGIN;
GRANT SELECT ON columbus TO caregap_spatial_reader;
SET LOCAL ROLE caregap_spatial_reader;
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'public.dup_nb'::regclass) FROM columbus$$, '42501', NULL,
                 'the weights relation is read with the caller''s privileges');
RESET ROLE;
SELECT is((caregap.weights_summary('columbus_nb'::regclass)).units, 49::bigint, 'weights_summary: 49 units');
SELECT is((SELECT (s.links, s.islands, s.components, s.asymmetric_links, s.min_neighbours, s.max_neighbours, s.s0)
             FROM caregap.weights_summary('caregap.gyeonggi_links') s),
          (130::bigint, 0::bigint, 1::bigint, 0::bigint, 2, 8, 130::float8), 'weights_summary of the Gyeonggi links (65 pairs both ways)');
SELECT is((SELECT (s.units, s.islands, s.components) FROM caregap.weights_summary('nb_isl'::regclass) s),
          (50::bigint, 1::bigint, 2::bigint), 'weights_summary counts a declared island as a unit and a component');

-- spatial Gini (Rey and Smith 2013) against its definition in plain SQL
CREATE TEMP TABLE gini_sp AS SELECT (caregap.gini_spatial(code, share65, 'caregap.gyeonggi_links')).* FROM gg;
SELECT ok(pg_temp.close(gini, (SELECT sum(abs(a.share65 - b.share65)) / (2 * 31 * 31 * avg(a.share65)) FROM gg a, gg b), 1e-13)
          AND pg_temp.close(neighbour, (SELECT sum(abs(a.share65 - b.share65)) FROM caregap.gyeonggi_links l
                                          JOIN gg a ON a.code = l.i JOIN gg b ON b.code = l.j), 1e-13)
          AND pg_temp.close(neighbour + non_neighbour, total, 1e-15),
          'gini_spatial: the Gini and its neighbour part = sums over pairs and over links in plain SQL') FROM gini_sp;
SELECT ok(p_sim = 0.001 AND non_neighbour > mean_non_neighbour_sim,
          'gini_spatial: Gyeonggi''s ageing is spatially clustered (neighbours more alike than in every permutation)') FROM gini_sp;
SELECT is((SELECT (g.n, g.links) FROM (SELECT (caregap.gini_spatial(id, crime, 'nb_isl'::regclass, 0)).* FROM col_isl) g),
          (50::bigint, 232::bigint), 'gini_spatial keeps islands: the Gini is of every unit');

-- constructors: k nearest neighbours and distance bands by great-circle distance, against all pairs in plain SQL
CREATE FUNCTION pg_temp.hav(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT 2 * 6371.0088 * asin(sqrt(sin(radians(lat2 - lat1) / 2) ^ 2
                                   + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)) $$;
CREATE TEMP VIEW gg_knn4 AS SELECT * FROM caregap.knn_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 4);
CREATE TEMP TABLE gg_pairs AS
SELECT a.code AS i, b.code AS j, pg_temp.hav(a.lon, a.lat, b.lon, b.lat) AS km
  FROM caregap.gyeonggi_municipality a JOIN caregap.gyeonggi_municipality b ON a.code <> b.code;
SELECT set_eq($$SELECT i, j FROM caregap.knn_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 3)$$,
              $$SELECT i, j FROM (SELECT i, j, rank() OVER (PARTITION BY i ORDER BY km) AS r FROM gg_pairs) s WHERE r <= 3$$,
              'knn_weights(k = 3) = the 3 nearest of all pairs by haversine in plain SQL');
SELECT ok((SELECT bool_and(pg_temp.close(k.km, p.km, 1e-12))
             FROM caregap.knn_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 3) k
             JOIN gg_pairs p USING (i, j)), 'knn_weights: distances = haversine in plain SQL');
SELECT set_eq($$SELECT i, j FROM caregap.distance_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 20)$$,
              $$SELECT i, j FROM gg_pairs WHERE km <= 20$$,
              'distance_weights(20 km) = the pairs within 20 km in plain SQL');
SELECT ok((SELECT bool_and(pg_temp.close(w, km ^ -2, 1e-12))
             FROM caregap.distance_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 30, 2)),
          'distance_weights(power 2): w = km^-2');
SELECT throws_ok($$SELECT * FROM caregap.knn_weights('SELECT code AS id, lon, lat FROM caregap.gyeonggi_municipality', 31)$$, '22023',
                 NULL, 'knn_weights: k must be below the number of points');
SELECT throws_ok($$SELECT * FROM caregap.knn_weights('SELECT 1 AS id, 0::float8 AS lon, 91::float8 AS lat UNION ALL SELECT 2, 0, 0', 1)$$, '22023',
                 'knn_weights: point 1 has lon 0, lat 91: coordinates must be finite degrees, lon in [-180, 180], lat in [-90, 90]',
                 'a latitude beyond the pole is refused, naming the point');
SELECT throws_ok($$SELECT * FROM caregap.knn_weights('SELECT 1 AS id, NULL::float8 AS lon, 0::float8 AS lat UNION ALL SELECT 2, 0, 0', 1)$$, '22004',
                 NULL, 'a point without coordinates is refused');
SELECT throws_ok($$SELECT * FROM caregap.knn_weights('SELECT 1 AS id, 0::float8 AS lon, 0::float8 AS lat UNION ALL SELECT 1, 1, 1', 1)$$, '22023',
                 'knn_weights: id 1 appears more than once in the points query', 'duplicate point ids are refused');
SELECT throws_ok($$SELECT * FROM caregap.distance_weights('SELECT 1 AS id, 0::float8 AS lon, 0::float8 AS lat UNION ALL SELECT 2, 0, 0', 1, 1)$$, '22023',
                 NULL, 'two points at distance 0 have no inverse-distance weight');
SELECT throws_ok($$SELECT * FROM caregap.knn_weights('SELECT 1 AS code', 1)$$, '42703', NULL, 'the points query needs id, lon, lat');
SELECT ok(pg_temp.close((SELECT (caregap.moran_i(code, share65, 'gg_knn4')).value FROM gg),
                        (WITH c AS (SELECT code, share65 AS x FROM gg), m AS (SELECT avg(x) AS mu FROM c)
                         SELECT (SELECT sum((a.x - mu) * (b.x - mu)) / 4 FROM gg_knn4 l JOIN c a ON a.code = l.i JOIN c b ON b.code = l.j, m)
                                / (SELECT sum((x - mu) ^ 2) FROM c, m)), 1e-13),
          'Moran''s I over kNN weights (k = 4, text ids from the constructor) = its definition in plain SQL');

-- empty inputs and negative values
SELECT ok((SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass) IS NULL FROM columbus WHERE false),
          'no rows: NULL');
CREATE TABLE empty_nb (i integer, j integer);
SELECT is((SELECT ((m).n, (m).islands, (m).value) FROM (SELECT caregap.moran_i(id, crime, 'empty_nb'::regclass, 0, 1, 'R', 'greater', 'exclude', 'drop') AS m FROM columbus) s),
          (0::bigint, 49::bigint, NULL::float8), 'an empty weights relation: every unit an island, excluded; I NULL, never a crash');
SELECT throws_ok($$SELECT caregap.gini_spatial(id, crime - 20, 'columbus_nb'::regclass) FROM columbus$$, '22023',
                 'gini_spatial: values must not be negative', 'the spatial Gini needs x >= 0');
SELECT throws_ok($$SELECT caregap.local_g(id, crime - 20, 'columbus_nb'::regclass) OVER () FROM columbus$$, '22023',
                 'local_g: values must not be negative', 'local G needs x >= 0');

-- cancel: statement_timeout stops a long permutation run (a plpgsql handler: pgTAP cannot catch 57014)
\i sql/include/canceled.sql
SET LOCAL statement_timeout = '300ms';
SELECT is(pg_temp.canceled('SELECT caregap.local_moran(id, x, ''lat_nb''::regclass, permutations => 10000000) OVER () FROM lat'),
          'canceled: 57014', 'statement_timeout stops 10,000,000 permutations of a local Moran');
SELECT is(pg_temp.canceled('SELECT caregap.moran_i(id, x, ''lat_nb''::regclass, 10000000) FROM lat'),
          'canceled: 57014', 'statement_timeout stops 10,000,000 permutations of a global Moran');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
