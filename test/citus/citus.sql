-- Run by scripts/test-citus.sh on a Citus coordinator with two workers: every
-- caregap aggregate over a distributed table (32 shards) against the same rows
-- in a local table; the plan of each must run the aggregate on the workers
-- (worker_partial_agg).  Then the spatial statistics over reference,
-- distributed and local weights, the window functions and the set-returning
-- functions, distributed against local.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;

CREATE TABLE pd_local AS
SELECT g::bigint AS id,
       (1.5 + (g * 37 % 11) + g / 7.0)::float8 AS x,
       (1 + g % 4)::float8 AS w,
       (g * 13 % 17)::float8 AS s,
       (1 + g * 7 % 19)::float8 AS d,
       (g % 5)::text AS grp,
       (g * 29 % 31)::float8 AS r,
       (2020 + g % 9)::float8 AS t,
       (1000 * exp(0.02 * (g % 9)) + g)::float8 AS y
  FROM generate_series(1, 20000) g;
ALTER TABLE pd_local ADD COLUMN dst bytea, ADD COLUMN ist double precision[];
UPDATE pd_local SET dst = (SELECT caregap.distribution_state(v) FROM (VALUES (x), (x + 1)) q(v)),
                    ist = (SELECT caregap.theil_t_state(v) FROM (VALUES (x), (x * 2)) q(v));
CREATE TABLE pd AS SELECT * FROM pd_local;
SELECT create_distributed_table('pd', 'id') \g /dev/null
-- the weights: a ring over the 20,000 ids, as a reference, a distributed and a local table
CREATE TABLE pw_local(i bigint, j bigint);
INSERT INTO pw_local SELECT g, g % 20000 + 1 FROM generate_series(1, 20000) g;
INSERT INTO pw_local SELECT g % 20000 + 1, g FROM generate_series(1, 20000) g;
CREATE TABLE pw_ref AS SELECT * FROM pw_local;
SELECT create_reference_table('pw_ref') \g /dev/null
CREATE TABLE pw_dist AS SELECT * FROM pw_local;
SELECT create_distributed_table('pw_dist', 'i') \g /dev/null
ANALYZE;

\i sql/include/agg_args.sql

CREATE TABLE citus_results(agg text, grouped boolean, partial boolean, dist text, local text, err text);

DO $do$
DECLARE
    a record;
    args text;
    expr text;
    q text;
    plan text;
    dist text;
    loc text;
    g boolean;
    line text;
BEGIN
    FOR a IN
        SELECT p.oid::regprocedure::text AS sig, p.oid::regproc::text AS fn, p.proargtypes::oid[] AS at,
               p.proargnames AS an, p.proname,
               CASE WHEN p.prorettype = 'bytea'::regtype THEN 'caregap.lorenz_curve_of(%s, 11)'
                    WHEN p.prorettype = 'double precision[]'::regtype AND p.proname <> 'log_trend_state'
                    THEN 'caregap.ineq_value(%s)' ELSE '%s' END AS eval
          FROM pg_aggregate ag JOIN pg_proc p ON p.oid = ag.aggfnoid
         WHERE p.pronamespace = 'caregap'::regnamespace
         ORDER BY 1
    LOOP
        SELECT string_agg(pg_temp.arg_expr(n, t::regtype), ', ' ORDER BY o) INTO args
          FROM unnest(a.at, a.an) WITH ORDINALITY u(t, n, o);
        expr := format(a.eval, format('%s(%s)', a.fn, args));
        FOREACH g IN ARRAY ARRAY[false, true] LOOP
            -- a spatial statistic by group would meet units of the weights outside the group
            CONTINUE WHEN g AND a.proname IN ('moran_i', 'geary_c', 'getis_ord_g', 'gini_spatial');
            q := CASE WHEN g THEN format('SELECT string_agg(grp || '': '' || v, '' | '' ORDER BY grp) FROM (SELECT grp, (%s)::text AS v FROM %%s GROUP BY grp) q', expr)
                      ELSE format('SELECT (%s)::text FROM %%s', expr) END;
            BEGIN
                plan := '';
                FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || format(q, 'pd') LOOP
                    plan := plan || line || E'\n';
                END LOOP;
                EXECUTE format(q, 'pd') INTO dist;
                EXECUTE format(q, 'pd_local') INTO loc;
                INSERT INTO citus_results VALUES (a.sig, g, plan LIKE '%worker_partial_agg%', dist, loc, NULL);
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO citus_results VALUES (a.sig, g, NULL, NULL, NULL, SQLSTATE || ': ' || SQLERRM);
            END;
            COMMIT;
        END LOOP;
    END LOOP;
END $do$;


-- the spatial statistics over the three layouts of the weights: a reference
-- table (every node has it), a distributed table, a table on the coordinator only
CREATE TABLE layout_results(what text, dist text, local text, err text, partial boolean);
DO $do$
DECLARE
    lay text;
    st text;
    q text;
    plan text;
    line text;
    dist text;
    loc text;
BEGIN
    FOREACH lay IN ARRAY ARRAY['pw_ref', 'pw_dist'] LOOP
        FOREACH st IN ARRAY ARRAY['moran_i', 'geary_c', 'getis_ord_g', 'gini_spatial'] LOOP
            q := format('SELECT (caregap.%s(id, x, %L::regclass, caregap.spatial_options(permutations => 99)))::text FROM %%s', st, lay);
            EXECUTE format(q, 'pd_local') INTO loc;
            COMMIT;
            BEGIN
                plan := '';
                FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || format(q, 'pd') LOOP
                    plan := plan || line || E'\n';
                END LOOP;
                EXECUTE format(q, 'pd') INTO dist;
                INSERT INTO layout_results VALUES (st || ' weights ' || lay, dist, loc, NULL, plan LIKE '%worker_partial_agg%');
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO layout_results VALUES (st || ' weights ' || lay, NULL, loc, SQLSTATE || ': ' || SQLERRM, NULL);
            END;
            COMMIT;
        END LOOP;
    END LOOP;
END $do$;

-- window functions and set-returning functions over distributed tables (run on the
-- coordinator: Citus gathers the rows) against the same over local tables
CREATE TABLE pts_local AS
SELECT g::text AS id, 126.5 + (g * 7919 % 1000) / 1000.0 AS lon, 37.0 + (g * 104729 % 1000) / 1000.0 AS lat,
       (10 + g % 50)::float8 AS population, (g % 7)::float8 AS capacity
  FROM generate_series(1, 400) g;
CREATE TABLE pts AS SELECT * FROM pts_local;
SELECT create_distributed_table('pts', 'id') \g /dev/null
CREATE TABLE other_results(what text, dist text, local text, err text);
DO $do$
DECLARE
    c record;
    dist text;
    loc text;
BEGIN
    FOR c IN SELECT * FROM (VALUES
        ('local_moran', 'SELECT md5(string_agg(v::text, '','' ORDER BY id)) FROM (SELECT id, caregap.local_moran(id, x, ''pw_ref''::regclass, caregap.spatial_options(permutations => 99)) OVER () AS v FROM %s) q'),
        ('local_g', 'SELECT md5(string_agg(v::text, '','' ORDER BY id)) FROM (SELECT id, caregap.local_g(id, x, ''pw_ref''::regclass, caregap.spatial_options(permutations => 99)) OVER () AS v FROM %s) q'),
        ('spatial_lag', 'SELECT md5(string_agg(v::text, '','' ORDER BY id)) FROM (SELECT id, caregap.spatial_lag(id, x, ''pw_ref''::regclass) OVER () AS v FROM %s) q'),
        ('p_adjust', 'SELECT md5(string_agg(v::text, '','' ORDER BY id)) FROM (SELECT id, caregap.p_adjust(1.0 / (1 + id %% 97), ''fdr'') OVER () AS v FROM %s) q'),
        ('unit_gap', 'SELECT md5(string_agg(v::text, '','' ORDER BY id)) FROM (SELECT id, caregap.unit_gap(s, d) OVER () AS v FROM %s) q'),
        ('unit_gap by grp', 'SELECT md5(string_agg(v::text, '','' ORDER BY id)) FROM (SELECT id, caregap.unit_gap(s, d) OVER (PARTITION BY grp) AS v FROM %s) q'),
        ('fca', 'SELECT md5(string_agg(f::text, '','' ORDER BY f.id)) FROM caregap.fca(''SELECT id, lon, lat, population FROM %1$s'', ''SELECT id, lon, lat, capacity FROM %1$s WHERE capacity > 0'', 10) f'),
        ('fca_supply', 'SELECT md5(string_agg(f::text, '','' ORDER BY f.id)) FROM caregap.fca_supply(''SELECT id, lon, lat, population FROM %1$s'', ''SELECT id, lon, lat, capacity FROM %1$s WHERE capacity > 0'', 10) f'),
        ('knn_weights', 'SELECT md5(string_agg(k::text, '','' ORDER BY k.i, k.j)) FROM caregap.knn_weights(''SELECT id, lon, lat FROM %s'', 4) k'),
        ('distance_weights', 'SELECT md5(string_agg(k::text, '','' ORDER BY k.i, k.j)) FROM caregap.distance_weights(''SELECT id, lon, lat FROM %s'', 5) k'),
        ('composite', 'SELECT md5(string_agg(k::text, '','' ORDER BY k.id)) FROM caregap.composite(''SELECT id, population AS a, capacity AS b FROM %s'', ''{1,-1}'', draws => 99) k'),
        ('allocate', 'SELECT md5(string_agg(k::text, '','' ORDER BY k.id)) FROM caregap.allocate(''SELECT id, capacity AS supply, population AS demand FROM %s'', 100, 1) k')
    ) v(what, q) LOOP
        EXECUTE format(c.q, CASE WHEN c.q LIKE '%%lon%%' OR c.what IN ('composite', 'allocate') THEN 'pts_local' ELSE 'pd_local' END) INTO loc;
        COMMIT;
        BEGIN
            EXECUTE format(c.q, CASE WHEN c.q LIKE '%%lon%%' OR c.what IN ('composite', 'allocate') THEN 'pts' ELSE 'pd' END) INTO dist;
            INSERT INTO other_results VALUES (c.what, dist, loc, NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO other_results VALUES (c.what, NULL, loc, SQLSTATE || ': ' || SQLERRM);
        END;
        COMMIT;
    END LOOP;
END $do$;

SELECT plan((SELECT count(*)::int FROM citus_results) + (SELECT count(*)::int FROM layout_results)
            + (SELECT count(*)::int FROM other_results) + 2);
SELECT is((SELECT count(DISTINCT agg)::int FROM citus_results),
          (SELECT count(*)::int FROM pg_aggregate ag JOIN pg_proc p ON p.oid = ag.aggfnoid
            WHERE p.pronamespace = 'caregap'::regnamespace), 'every aggregate of caregap is tried');
SELECT ok(err IS NULL AND partial AND pg_temp.same_numbers(dist, local),
          agg || CASE WHEN grouped THEN ' GROUP BY grp' ELSE '' END || ': '
          || CASE WHEN err IS NOT NULL THEN err
                  WHEN NOT partial THEN 'NOT partial'
                  WHEN pg_temp.same_numbers(dist, local) THEN 'partial, equal'
                  ELSE 'partial, DIFFERENT: ' || left(dist, 80) || ' vs ' || left(local, 80) END)
  FROM citus_results ORDER BY agg, grouped;
SELECT diag(count(*) FILTER (WHERE dist = local) || ' of ' || count(*) || ' equal to the last digit, the others within 1e-12')
  FROM citus_results WHERE err IS NULL;
-- reference and distributed weights work
SELECT ok(err IS NULL AND partial AND pg_temp.same_numbers(dist, local),
          what || ': ' || coalesce(CASE WHEN partial THEN 'partial, ' ELSE 'NOT partial, ' END ||
                                   CASE WHEN pg_temp.same_numbers(dist, local) THEN 'equal' ELSE 'DIFFERENT' END, 'error ' || err))
  FROM layout_results ORDER BY what;
SELECT ok(err IS NULL AND dist = local, what || ' (coordinator): ' || coalesce(CASE WHEN dist = local THEN 'equal' ELSE 'DIFFERENT' END, 'error ' || err))
  FROM other_results ORDER BY what;

-- the largest difference of any number, distributed against local, relative to
-- the largest number of the same result (a between-group Theil of 1e-8 is the
-- difference of group terms of 1e-4 and carries their last-bit rounding)
CREATE FUNCTION max_rel_diff(a text, b text) RETURNS float8 LANGUAGE sql AS $$
WITH x AS (SELECT array_agg(m[1] ORDER BY o) v FROM regexp_matches(a, '-?[0-9.]+(?:e[-+]?[0-9]+)?', 'g') WITH ORDINALITY q(m, o)),
     y AS (SELECT array_agg(m[1] ORDER BY o) v FROM regexp_matches(b, '-?[0-9.]+(?:e[-+]?[0-9]+)?', 'g') WITH ORDINALITY q(m, o))
SELECT max(abs(p::float8 - q::float8)) / greatest(max(abs(q::float8)), 1e-300) FROM x, y, unnest(x.v, y.v) u(p, q) $$;
-- (log_trend_state is left out: the low parts of its means are rounding residues;
-- log_trend, its fit, is in)
SELECT diag('largest relative difference of any number: ' || max(max_rel_diff(dist, local)) || ' (' ||
            (SELECT agg FROM citus_results WHERE err IS NULL AND agg NOT LIKE '%log_trend_state%'
              ORDER BY max_rel_diff(dist, local) DESC NULLS LAST LIMIT 1) || ')')
  FROM citus_results WHERE err IS NULL AND agg NOT LIKE '%log_trend_state%';

-- weights on the coordinator only cannot work: a worker resolves the weights
-- relation by name, and the error names it (the statement as an analyst runs it)
\set ON_ERROR_STOP 0
SELECT caregap.moran_i(id, x, 'pw_local'::regclass) FROM pd \g /dev/null
\set ON_ERROR_STOP 1
SELECT is(:'LAST_ERROR_SQLSTATE' || ' ' || :'LAST_ERROR_MESSAGE', '42P01 relation "public.pw_local" does not exist',
          'moran_i over weights on the coordinator only: 42P01 naming the relation');
