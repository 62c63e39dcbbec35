-- partial: every aggregate as Citus (and parallel query) runs it.  For each
-- aggregate of the extension (read from the catalog, so a new one cannot be
-- missed) two twins are made from its own support functions: one that stops
-- at the state (what Citus's worker_partial_agg returns) and one that
-- combines states and finishes (coord_combine_agg).  The rows are split in
-- three parts; the parts' states are combined directly and through their
-- text form; both must equal the one-pass result, and every state's text
-- must read back to the same text.  Then the states' text and binary forms
-- against forged input, and a spatial state naming its weights relation.
\i sql/include/tap.sql

BEGIN;
SELECT plan(128);

-- 90 rows in 3 parts; ids 1..90 on a ring; every argument an aggregate takes
CREATE TEMP TABLE pd AS
SELECT g::bigint AS id, g % 3 AS part,
       (1.5 + (g * 37 % 11) + g / 7.0)::float8 AS x,
       (1 + g % 4)::float8 AS w,
       (g * 13 % 17)::float8 AS s,
       (1 + g * 7 % 19)::float8 AS d,
       (g % 5)::text AS grp,
       (g * 29 % 31)::float8 AS r,
       (2020 + g % 9)::float8 AS t,
       (1000 * exp(0.02 * (g % 9)) + g)::float8 AS y
  FROM generate_series(1, 90) g;
ALTER TABLE pd ADD COLUMN dst bytea, ADD COLUMN ist double precision[];
UPDATE pd SET dst = (SELECT caregap.distribution_state(v) FROM (VALUES (x), (x + 1)) q(v)),
              ist = (SELECT caregap.theil_t_state(v) FROM (VALUES (x), (x * 2)) q(v));
CREATE TEMP TABLE pw_ref(i bigint, j bigint);
INSERT INTO pw_ref SELECT g, g % 90 + 1 FROM generate_series(1, 90) g;
INSERT INTO pw_ref SELECT g % 90 + 1, g FROM generate_series(1, 90) g;

\i sql/include/agg_args.sql

CREATE TEMP TABLE partial_results(agg text, one text, split text, via_text text, text_ok boolean, n_states int);

DO $do$
DECLARE
    a record;
    k int := 0;
    args text;
    types text;
    one text; split text; via_text text; text_ok boolean; n_states int;
BEGIN
    FOR a IN
        SELECT p.oid::regprocedure::text AS sig, p.oid, ag.aggtransfn::regproc::text AS sfunc,
               ag.aggcombinefn::regproc::text AS cfunc, ag.aggfinalfn, ag.agginitval, ag.aggtranstype::regtype::text AS stype,
               p.proargtypes::oid[] AS at, p.proargnames AS an,
               -- a result that is itself a state is compared by what it evaluates to:
               -- its rows or pending sums may come in another order
               CASE WHEN p.prorettype = 'bytea'::regtype THEN 'caregap.lorenz_curve_of(%s, 11)'
                    WHEN p.prorettype = 'double precision[]'::regtype AND p.proname <> 'log_trend_state'
                    THEN 'caregap.ineq_value(%s)' ELSE '%s' END AS eval
          FROM pg_aggregate ag JOIN pg_proc p ON p.oid = ag.aggfnoid
         WHERE p.pronamespace = 'caregap'::regnamespace
         ORDER BY 1
    LOOP
        k := k + 1;
        SELECT string_agg(pg_temp.arg_expr(n, t::regtype), ', ' ORDER BY o),
               string_agg(format_type(t, NULL), ', ' ORDER BY o)
          INTO args, types
          FROM unnest(a.at, a.an) WITH ORDINALITY u(t, n, o);
        EXECUTE format('CREATE AGGREGATE pg_temp.cg_part_%s(%s) (SFUNC = %s, STYPE = %s%s)', k, types, a.sfunc, a.stype,
                       CASE WHEN a.agginitval IS NOT NULL THEN format(', INITCOND = %L', a.agginitval) ELSE '' END);
        EXECUTE format('CREATE AGGREGATE pg_temp.cg_comb_%s(%s) (SFUNC = %s, STYPE = %s%s)', k, a.stype, a.cfunc, a.stype,
                       CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END);
        EXECUTE format('SELECT (' || a.eval || ')::text FROM pd', format('%s(%s)', a.oid::regproc::text, args)) INTO one;
        EXECUTE format('SELECT (' || a.eval || ')::text FROM (SELECT pg_temp.cg_part_%s(%s) st FROM pd GROUP BY part) q',
                       format('pg_temp.cg_comb_%s(st)', k), k, args) INTO split;
        EXECUTE format('SELECT (' || a.eval || ')::text FROM (SELECT pg_temp.cg_part_%s(%s) st FROM pd GROUP BY part) q',
                       format('pg_temp.cg_comb_%s(st::text::%s)', k, a.stype), k, args) INTO via_text;
        EXECUTE format('SELECT bool_and(st::text::%s::text = st::text), count(st) FROM (SELECT pg_temp.cg_part_%s(%s) st FROM pd GROUP BY part) q',
                       a.stype, k, args) INTO text_ok, n_states;
        INSERT INTO partial_results VALUES (a.sig, one, split, via_text, text_ok, n_states);
    END LOOP;
END $do$;

SELECT is((SELECT count(*) FROM partial_results), 102::bigint, 'every aggregate of the extension is tried (102)');
SELECT is_empty($$SELECT agg FROM partial_results WHERE one IS NULL$$, 'each gives a result over the rows');
SELECT ok(pg_temp.same_numbers(one, split) AND pg_temp.same_numbers(one, via_text)
          AND text_ok AND n_states = 3,
          agg || ': 3 partial states combined (directly and through text) = one pass; text round-trips')
  FROM partial_results ORDER BY agg;
SELECT diag(count(*) FILTER (WHERE one = split AND one = via_text) || ' of ' || count(*)
            || ' equal to the last digit; the others within 1e-12') FROM partial_results;

-- the text form, read whole
SELECT throws_ok($$SELECT 'nonsense'::caregap.agg_state$$, '22P02', NULL, 'no kind: 22P02');
SELECT throws_ok($$SELECT 'distribution:AAA'::caregap.agg_state$$, '22P02', NULL, 'not canonical base64: 22P02');
SELECT throws_ok($$SELECT 'distribution:AAAA'::caregap.agg_state$$, 'XX001', 'invalid distribution state',
                 'a payload that is not a state: XX001');
CREATE AGGREGATE pg_temp.dist_st(float8) (SFUNC = caregap.dist_trans, STYPE = caregap.agg_state);
SELECT throws_ok($$SELECT caregap.breaks_final(pg_temp.dist_st(x)) FROM pd$$, '42804',
                 'a distribution state was given where a breaks state is expected', 'a state of another kind: 42804');

-- a large state's text (200,000 rows: more than one block of the encoder and
-- decoder, the expanded state written in place at the end of its own text)
-- against PostgreSQL's own base64 of its binary form (which wraps lines)
CREATE AGGREGATE pg_temp.big_dist(float8, float8) (SFUNC = caregap.dist_trans, STYPE = caregap.agg_state);
CREATE AGGREGATE pg_temp.big_gap(float8, float8) (SFUNC = caregap.care_gap_pooled_trans, STYPE = caregap.agg_state);
CREATE TEMP TABLE big AS
SELECT pg_temp.big_dist(g / 7.0, 1 + g % 4) AS dist, pg_temp.big_gap(g % 17, 1 + g * 7 % 19) AS gap
  FROM generate_series(1, 200000) g;
SELECT is((SELECT dist::text FROM big),
          'distribution:' || replace(encode(substr(caregap.agg_state_send(dist), 3), 'base64'), E'\n', ''),
          'a 200,000-row distribution state in text = PostgreSQL''s base64 of its binary form')
  FROM big;
SELECT is((SELECT gap::text FROM big),
          'care_gap:' || replace(encode(substr(caregap.agg_state_send(gap), 3), 'base64'), E'\n', ''),
          'a 200,000-row care_gap state in text = PostgreSQL''s base64 of its binary form')
  FROM big;
SELECT is(dist::text::caregap.agg_state::text, dist::text, 'the large state read from text and written again: the same text')
  FROM big;
CREATE AGGREGATE pg_temp.big_gini(caregap.agg_state) (SFUNC = caregap.dist_combine, STYPE = caregap.agg_state,
                                                      FINALFUNC = caregap.gini_final);
SELECT is((SELECT pg_temp.big_gini(dist::text::caregap.agg_state) FROM big),
          (SELECT caregap.gini(g / 7.0, 1 + g % 4) FROM generate_series(1, 200000) g),
          'gini of the large state read from text = one pass');
SELECT throws_ok(format('SELECT %L::caregap.agg_state', overlay(dist::text PLACING '-' FROM 800001 FOR 1)),
                 '22P02', NULL, 'one character outside base64 deep in a large text: 22P02')
  FROM big;

-- a breaks state's text is its documented layout, built here with PostgreSQL's
-- own send functions (big-endian): "CGBR", k, method (3 = fisher_jenks),
-- weighted, n, then (x, w) rows; read back, it combines into a group's rows
CREATE AGGREGATE pg_temp.br_st(float8, float8, int, text) (SFUNC = caregap.breaks_trans, STYPE = caregap.agg_state);
CREATE AGGREGATE pg_temp.br_comb(caregap.agg_state) (SFUNC = caregap.breaks_combine, STYPE = caregap.agg_state,
                                                    FINALFUNC = caregap.breaks_final);
SELECT is((SELECT pg_temp.br_st(x, w, 2, 'fisher_jenks')::text FROM (VALUES (1.5::float8, 1::float8), (2.5, 2)) v(x, w)),
          'breaks:' || encode('CGBR'::bytea || int4send(2) || int4send(3) || int4send(1) || int8send(2)
                              || float8send(1.5) || float8send(1) || float8send(2.5) || float8send(2), 'base64'),
          'a breaks state in text: its layout, built with PostgreSQL''s send functions');
SELECT is((SELECT (pg_temp.br_comb(st::text::caregap.agg_state)).bounds
             FROM (SELECT pg_temp.br_st(x, w, 4, 'fisher_jenks') st FROM pd GROUP BY part) q),
          (SELECT (caregap.breaks(x, w, 4, 'fisher_jenks')).bounds FROM pd),
          'breaks: states read from text and appended to the group''s rows = one pass');
SELECT throws_ok($$SELECT pg_temp.br_comb(st::text::caregap.agg_state)
                     FROM (SELECT pg_temp.br_st(x, w, 2 + part, 'fisher_jenks') st FROM pd GROUP BY part) q$$,
                 '22023', 'breaks: k and the method must be the same in every row of a group',
                 'breaks: states of different k combined: 22023');
-- forged breaks states, read from text: every header field is checked (XX001)
SELECT throws_ok(format('SELECT %L::caregap.agg_state', 'breaks:' || encode('CGBR'::bytea || int4send(2) || int4send(3)
                        || int4send(1) || int8send(n) || float8send(1.5) || float8send(1), 'base64')),
                 'XX001', NULL, 'a breaks state whose count says ' || n || ' rows for 1: XX001')
  FROM (VALUES (0::bigint), (2), (-1)) v(n);
SELECT throws_ok(format('SELECT %L::caregap.agg_state', 'breaks:' || encode(magic || int4send(k) || int4send(m)
                        || int4send(wt) || int8send(1) || float8send(1.5) || float8send(1), 'base64')),
                 'XX001', NULL, 'a breaks state with ' || what || ': XX001')
  FROM (VALUES ('CGBR'::bytea, 0, 3, 1, 'k = 0'), ('CGBR', 65, 3, 1, 'k = 65'), ('CGBR', 2, 0, 1, 'method 0'),
               ('CGBR', 2, 5, 1, 'method 5'), ('CGBR', 2, 3, 2, 'weighted 2'), ('CGBX', 2, 3, 1, 'another magic'))
       v(magic, k, m, wt, what);

-- a spatial state names its weights relation (quoted where needed), read again by name
CREATE SCHEMA "cg partial";
CREATE TABLE "cg partial"."Ring" AS SELECT * FROM pw_ref;
CREATE AGGREGATE pg_temp.sp_st(bigint, float8, regclass) (SFUNC = caregap.spatial_trans, STYPE = caregap.agg_state);
CREATE AGGREGATE pg_temp.sp_moran(caregap.agg_state) (SFUNC = caregap.spatial_combine, STYPE = caregap.agg_state,
                                                      FINALFUNC = caregap.moran_i_final);
SELECT is((SELECT pg_temp.sp_moran(st::text::caregap.agg_state)
             FROM (SELECT pg_temp.sp_st(id, x, '"cg partial"."Ring"'::regclass) st FROM pd GROUP BY part) q),
          (SELECT caregap.moran_i(id, x, '"cg partial"."Ring"'::regclass) FROM pd),
          'moran_i from states in text form, the weights named "cg partial"."Ring" = one pass');
-- the same state naming a relation that does not exist here: 42P01 when read
SELECT throws_ok(format($$SELECT %L::caregap.agg_state$$,
    'spatial:' || replace(encode(decode(replace(encode(decode(substr(st::text, 9), 'base64'), 'hex'),
                                                encode('"Ring"', 'hex'), encode('"Rink"', 'hex')), 'hex'), 'base64'), E'\n', '')),
    '42P01', NULL, 'a state naming a relation this node lacks: 42P01')
  FROM (SELECT pg_temp.sp_st(id, x, '"cg partial"."Ring"'::regclass) st FROM pd) q;
-- read by name, the relation is still read with the caller's privileges
CREATE ROLE cg_partial_reader;
GRANT USAGE ON SCHEMA "cg partial" TO cg_partial_reader;
CREATE TEMP TABLE sp_text AS
SELECT pg_temp.sp_st(id, x, '"cg partial"."Ring"'::regclass)::text AS st FROM pd GROUP BY part;
GRANT SELECT ON sp_text TO cg_partial_reader;
SET LOCAL ROLE cg_partial_reader;
SELECT throws_ok($$SELECT pg_temp.sp_moran(st::caregap.agg_state) FROM sp_text$$, '42501', NULL,
                 'weights named in a state: read only with the caller''s SELECT privilege');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
