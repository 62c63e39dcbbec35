-- options (1.0.0): one calling convention.  Every option of a spatial
-- aggregate or window function is reachable by name through one options
-- value, caregap.spatial_options(...); it gives the same results as the
-- positional form; option values are case-insensitive with one spelling;
-- an option a statistic does not take is an error.  And the jsonb results
-- as plain rows (lorenz_points, theil_groups), checked against plain SQL.
\i sql/include/tap.sql

BEGIN;
SELECT plan(34);
\i sql/include/columbus.sql

-- 1. the options value: checked, one spelling, NULL for what is not given
SELECT is(caregap.spatial_options(),
          ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::caregap.spatial_options,
          'spatial_options(): every field NULL (each statistic''s default)');
SELECT is(caregap.spatial_options(style => 'w', alternative => 'GREATER', islands => 'Keep', unmatched => 'DROP',
                                  scaling => 'N', sampling => 'Complete'),
          ROW(NULL, NULL, 'R', 'greater', 'keep', 'drop', NULL, NULL, 'n', 'complete', NULL)::caregap.spatial_options,
          'values are case-insensitive and written in their one spelling (W is R)');
-- the old spelling: accepted, with a NOTICE (shown in the expected output)
\pset tuples_only false
SELECT (caregap.spatial_options(alternative => 'two-sided')).alternative;
\pset tuples_only true
SELECT throws_ok($$SELECT caregap.spatial_options(alternative => 'bigger')$$, '22023',
                 'unknown alternative "bigger"', 'an unknown alternative: 22023 naming it');
SELECT throws_ok($$SELECT caregap.spatial_options(permutations => -1)$$, '22023',
                 'spatial_options: permutations must be between 0 and 10000000', 'permutations below 0: 22023');
SELECT throws_ok($$SELECT caregap.spatial_options(significance => 1.5)$$, '22023',
                 'spatial_options: significance must be between 0 and 1', 'significance outside (0, 1): 22023');
SELECT throws_ok($$SELECT caregap.spatial_options(style => 'X')$$, '22023',
                 'unknown weights style "X"', 'an unknown style: 22023');
SELECT throws_ok($$SELECT caregap.spatial_options(scaling => 'n+1')$$, '22023',
                 'spatial_options: unknown scaling "n+1"', 'an unknown scaling: 22023');

-- 2. aggregates: the options value = the positional form, field for field
SELECT is((SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass,
                                  caregap.spatial_options(permutations => 99, seed => 7, alternative => 'lesser')) FROM columbus),
          (SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, 99, 7, 'R', 'lesser') FROM columbus),
          'moran_i(options) = moran_i(..., 99, 7, ''R'', ''lesser'')');
SELECT is((SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, caregap.spatial_options()) FROM columbus),
          (SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass) FROM columbus),
          'moran_i: empty options = the defaults');
SELECT is((SELECT caregap.geary_c(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(style => 'B', permutations => 49)) FROM columbus),
          (SELECT caregap.geary_c(id, crime, 'columbus_nb'::regclass, 49, 1, 'B') FROM columbus),
          'geary_c(options) = positional');
SELECT is((SELECT caregap.getis_ord_g(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(alternative => 'two_sided')) FROM columbus),
          (SELECT caregap.getis_ord_g(id, crime, 'columbus_nb'::regclass, 999, 1, 'B', 'two_sided') FROM columbus),
          'getis_ord_g(options) = positional');
SELECT is((SELECT caregap.gini_spatial(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(permutations => 99, seed => 3)) FROM columbus),
          (SELECT caregap.gini_spatial(id, crime, 'columbus_nb'::regclass, 99, 3) FROM columbus),
          'gini_spatial(options) = positional');
-- unmatched by name without the nine positional arguments
SELECT is((SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(unmatched => 'drop')) FROM columbus WHERE id <> 1001),
          (SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, 999, 1, 'R', 'greater', 'exclude', 'drop') FROM columbus WHERE id <> 1001),
          'moran_i: unmatched => ''drop'' by name = the nine positional arguments');
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(star => true)) FROM columbus$$,
                 '22023', 'moran_i: option star does not apply', 'an option the statistic does not take: 22023 naming it');
SELECT throws_ok($$SELECT caregap.gini_spatial(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(style => 'R')) FROM columbus$$,
                 '22023', 'gini_spatial: option style does not apply', 'gini_spatial takes no style');

-- 3. gini_spatial gets unmatched: a group lacking units of the weights
--    (1001 left out) = gini_spatial over the weights without 1001's links
CREATE TEMP TABLE nb_wo AS SELECT * FROM columbus_nb WHERE i <> 1001 AND j <> 1001;
SELECT throws_ok($$SELECT caregap.gini_spatial(id, crime, 'columbus_nb'::regclass) FROM columbus WHERE id <> 1001$$,
                 '22023', NULL, 'gini_spatial without unmatched: a missing unit is an error');
SELECT is((SELECT ((g).gini, (g).neighbour, (g).non_neighbour, (g).mean_non_neighbour_sim, (g).p_sim, (g).n, (g).links, (g).links_dropped)
             FROM (SELECT caregap.gini_spatial(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(unmatched => 'drop')) AS g
                     FROM columbus WHERE id <> 1001) s),
          (SELECT ((g).gini, (g).neighbour, (g).non_neighbour, (g).mean_non_neighbour_sim, (g).p_sim, (g).n, (g).links,
                   (SELECT count(*) FROM columbus_nb WHERE 1001 IN (i, j)))
             FROM (SELECT caregap.gini_spatial(id, crime, 'nb_wo'::regclass) AS g FROM columbus WHERE id <> 1001) s),
          'gini_spatial unmatched => drop = the weights without the absent unit; its links are counted as dropped');
-- ... and by brute force: the neighbour part is the sum of |x_i - x_j| over the remaining links
SELECT ok(pg_temp.close((SELECT (caregap.gini_spatial(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(unmatched => 'drop'))).neighbour
                           FROM columbus WHERE id <> 1001),
                        (SELECT sum(abs(a.crime - b.crime)) FROM nb_wo n JOIN columbus a ON a.id = n.i JOIN columbus b ON b.id = n.j), 1e-12),
          'gini_spatial unmatched => drop: the neighbour sum = plain SQL over the remaining links');

-- 4. window functions: one options value = the named arguments
SELECT is((SELECT array_agg(l ORDER BY id) FROM (SELECT id, caregap.local_moran(id, crime, 'columbus_nb'::regclass,
              caregap.spatial_options(permutations => 99, seed => 5, scaling => 'n', conditional => false, significance => 0.1)) OVER () AS l FROM columbus) s),
          (SELECT array_agg(l ORDER BY id) FROM (SELECT id, caregap.local_moran(id, crime, 'columbus_nb'::regclass,
              permutations => 99, seed => 5, scaling => 'n', conditional => false, significance => 0.1) OVER () AS l FROM columbus) s),
          'local_moran(options) = named arguments');
SELECT is((SELECT array_agg(l ORDER BY id) FROM (SELECT id, caregap.local_moran(id, crime, 'columbus_nb'::regclass, caregap.spatial_options()) OVER () AS l FROM columbus) s),
          (SELECT array_agg(l ORDER BY id) FROM (SELECT id, caregap.local_moran(id, crime, 'columbus_nb'::regclass) OVER () AS l FROM columbus) s),
          'local_moran: empty options = the defaults');
SELECT is((SELECT array_agg(g ORDER BY id) FROM (SELECT id, caregap.local_g(id, crime, 'columbus_nb'::regclass,
              caregap.spatial_options(star => false, permutations => 99, alternative => 'greater')) OVER () AS g FROM columbus) s),
          (SELECT array_agg(g ORDER BY id) FROM (SELECT id, caregap.local_g(id, crime, 'columbus_nb'::regclass,
              star => false, permutations => 99, alternative => 'greater') OVER () AS g FROM columbus) s),
          'local_g(options) = named arguments');
SELECT is((SELECT array_agg(g ORDER BY id) FROM (SELECT id, caregap.local_g(id, crime, 'columbus_nb'::regclass, caregap.spatial_options()) OVER () AS g FROM columbus) s),
          (SELECT array_agg(g ORDER BY id) FROM (SELECT id, caregap.local_g(id, crime, 'columbus_nb'::regclass) OVER () AS g FROM columbus) s),
          'local_g: empty options = the defaults (two_sided, style B)');
SELECT is((SELECT array_agg(l ORDER BY id) FROM (SELECT id, caregap.spatial_lag(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(style => 'B')) OVER () AS l FROM columbus) s),
          (SELECT array_agg(l ORDER BY id) FROM (SELECT id, caregap.spatial_lag(id, crime, 'columbus_nb'::regclass, style => 'B') OVER () AS l FROM columbus) s),
          'spatial_lag(options) = named arguments');
SELECT throws_ok($$SELECT caregap.local_moran(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(star => true)) OVER () FROM columbus$$,
                 '22023', 'local_moran: option star does not apply', 'local_moran takes no star');
SELECT throws_ok($$SELECT caregap.spatial_lag(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(permutations => 9)) OVER () FROM columbus$$,
                 '22023', 'spatial_lag: option permutations does not apply', 'spatial_lag takes no permutations');
-- an options value that differs between rows of a partition
SELECT throws_ok($$SELECT caregap.local_moran(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(seed => id::bigint)) OVER () FROM columbus$$,
                 '22023', 'local_moran: the options must be the same on every row of a partition', 'options must not vary within a partition');
SELECT throws_ok($$SELECT caregap.moran_i(id, crime, 'columbus_nb'::regclass, caregap.spatial_options(seed => id::bigint)) FROM columbus$$,
                 '22023', NULL, 'options must not vary within a group');

-- 5. the jsonb results as plain rows, against plain SQL
SELECT is((SELECT array_agg(ARRAY[population_share, value_share] ORDER BY point)
             FROM (SELECT caregap.lorenz_curve(crime, 5) AS c FROM columbus) s, caregap.lorenz_points(s.c)),
          (SELECT array_agg(ARRAY[(e ->> 0)::float8, (e ->> 1)::float8] ORDER BY n)
             FROM (SELECT caregap.lorenz_curve(crime, 5) AS c FROM columbus) s, jsonb_array_elements(s.c) WITH ORDINALITY AS t(e, n)),
          'lorenz_points: the curve''s points as rows, in order');
CREATE TEMP TABLE grp AS SELECT id, crime, CASE WHEN id < 1025 THEN 'north' ELSE 'south' END AS g FROM columbus;
SELECT is((SELECT array_agg(ROW(t.grp, t.units) ORDER BY t.grp)::text
             FROM (SELECT caregap.theil_decomposition(crime, g) AS d FROM grp) s, caregap.theil_groups((s.d).groups) t),
          '{"(north,24)","(south,25)"}', 'theil_groups: one row a group with its units');
-- a group's own Theil T = (1/n) sum (x/mu) ln(x/mu) over its rows, in plain SQL
SELECT ok(pg_temp.close((SELECT t.theil_t FROM (SELECT caregap.theil_decomposition(crime, g) AS d FROM grp) s,
                                 caregap.theil_groups((s.d).groups) t WHERE t.grp = 'south'),
                        (SELECT avg(crime / mu * ln(crime / mu)) FROM grp, (SELECT avg(crime) AS mu FROM grp WHERE g = 'south') m WHERE g = 'south'),
                        1e-12),
          'theil_groups: the south''s Theil T = plain SQL');

-- break_classes: each class's units = the rows class_of puts in it (plain SQL count)
SELECT is((SELECT array_agg(ROW(c.class, c.lower_bound, c.upper_bound, c.units)::text ORDER BY c.class)
             FROM (SELECT caregap.breaks(crime, 4, 'fisher_jenks') AS b FROM columbus) s, caregap.break_classes(s.b) c),
          (SELECT array_agg(ROW(k, lo, hi, n)::text ORDER BY k)
             FROM (SELECT caregap.class_of(crime, (SELECT (caregap.breaks(crime, 4, 'fisher_jenks')).bounds FROM columbus)) AS k, count(*) AS n
                     FROM columbus GROUP BY 1) cnt
             JOIN (SELECT n::int AS k2, lag(b) OVER (ORDER BY n) AS lo, b AS hi
                     FROM unnest((SELECT (caregap.breaks(crime, 4, 'fisher_jenks')).bounds FROM columbus)) WITH ORDINALITY AS u(b, n)) bb ON bb.k2 = cnt.k),
          'break_classes: bounds and units per class = class_of counted in plain SQL');

-- 6. query_columns: the columns of a query from its parse analysis; it is never run
CREATE TEMP SEQUENCE qc_seq;
SELECT is((SELECT array_agg(ordinal || ' ' || column_name || ' ' || column_type::text ORDER BY ordinal)
             FROM caregap.query_columns('SELECT id AS code, crime, nextval(''qc_seq'') AS n, 1/0 AS boom FROM columbus')),
          ARRAY['1 code integer', '2 crime double precision', '3 n bigint', '4 boom integer'],
          'query_columns: position, name and type of each column');
SELECT is((SELECT is_called FROM qc_seq), false, 'query_columns did not run the query (nextval was never called)');
SELECT throws_ok($$SELECT * FROM caregap.query_columns('DELETE FROM columbus')$$, '22023',
                 'query_columns: the query must be one statement that returns rows', 'a statement without rows: 22023');

SELECT * FROM finish();
ROLLBACK;
