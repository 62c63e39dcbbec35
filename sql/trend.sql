-- trend (1.0.0): log_trend and trend_predict against R's lm and predict.
-- The reference values were computed with R 4.2.2 on data drawn there
-- (the R code beside them) and on the real monthly 65+ panel of
-- caregap_korea; the identities (grouping, row order, parallel plans) and
-- every edge case and error are checked too.
\i sql/include/tap.sql

BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS caregap_korea;
RESET client_min_messages;
SELECT plan(31);

-- 1. data drawn in R:
--   set.seed(20261204); t <- 2016 + (0:39)/4
--   y <- round(exp(3 + 0.035*(t-2016) + rnorm(40, 0, 0.02)) * 1000); m <- lm(log(y) ~ t)
CREATE TEMP TABLE r_data (t float8, y float8);
INSERT INTO r_data VALUES (2016.00, 20534), (2016.25, 20025), (2016.50, 20665), (2016.75, 20905), (2017.00, 20711),
 (2017.25, 20380), (2017.50, 21353), (2017.75, 21556), (2018.00, 21031), (2018.25, 21045), (2018.50, 21919),
 (2018.75, 21875), (2019.00, 22443), (2019.25, 22304), (2019.50, 21957), (2019.75, 22857), (2020.00, 23895),
 (2020.25, 23389), (2020.50, 23709), (2020.75, 23388), (2021.00, 24873), (2021.25, 24832), (2021.50, 24850),
 (2021.75, 23902), (2022.00, 24453), (2022.25, 25199), (2022.50, 25157), (2022.75, 25616), (2023.00, 26127),
 (2023.25, 25944), (2023.50, 25952), (2023.75, 26664), (2024.00, 27036), (2024.25, 26597), (2024.50, 26975),
 (2024.75, 26978), (2025.00, 28049), (2025.25, 26884), (2025.50, 27315), (2025.75, 27737);
CREATE TEMP TABLE r_fit AS SELECT (caregap.log_trend(t, y)).* FROM r_data;
-- coef(m): -59.912645237692927935, 0.034633645648311361; summary(m)$sigma 0.018785280227161902,
-- $r.squared 0.96753018379407996; mean(t) 2020.875, sum((t - mean(t))^2) 333.125
SELECT ok(pg_temp.close(slope, 0.034633645648311361, 1e-13) AND pg_temp.close(intercept, -59.912645237692927935, 1e-13),
          'slope and intercept = R lm') FROM r_fit;
SELECT ok(pg_temp.close(sigma, 0.018785280227161902, 1e-11) AND pg_temp.close(r_squared, 0.96753018379407996, 1e-12),
          'residual standard error and R squared = R summary(lm)') FROM r_fit;
SELECT is((n, t_mean, t_ss), (40::bigint, 2020.875::float8, 333.125::float8), 'n, mean and centred sum of squares of t') FROM r_fit;
SELECT ok(pg_temp.close(growth, exp(0.034633645648311361) - 1, 1e-13), 'growth = exp(slope) - 1') FROM r_fit;
-- exp(predict(m, data.frame(t = c(2030, 2016)), interval = "prediction", level = 0.95))
SELECT ok(pg_temp.close(p.predicted, 32651.805388387096, 1e-12) AND pg_temp.close(p.lower, 31279.419743282018, 1e-12)
          AND pg_temp.close(p.upper, 34084.404502103425, 1e-12),
          '2030: the trend and its 95 % prediction interval = exp(R predict)')
  FROM (SELECT caregap.log_trend(t, y) AS f FROM r_data) s, caregap.trend_predict(s.f, 2030) p;
SELECT ok(pg_temp.close(p.predicted, 20106.217796155695, 1e-12) AND pg_temp.close(p.lower, 19321.346847118275, 1e-12)
          AND pg_temp.close(p.upper, 20922.971740282290, 1e-12),
          '2016 (inside the data): = exp(R predict)')
  FROM (SELECT caregap.log_trend(t, y) AS f FROM r_data) s, caregap.trend_predict(s.f, 2016) p;
-- level = 0.8: 31760.897373435877, 33567.70378952835
SELECT ok(pg_temp.close(p.lower, 31760.897373435877, 1e-12) AND pg_temp.close(p.upper, 33567.70378952835, 1e-12),
          'an 80 % interval = exp(R predict(level = 0.8))')
  FROM (SELECT caregap.log_trend(t, y) AS f FROM r_data) s, caregap.trend_predict(s.f, 2030, level => 0.8) p;

-- 2. the real panel: each December 2016-2025 of the 65+, per unit, to 2030 (R on the CSV:
--   d <- read.csv("data/korea/care/population_65plus_monthly.csv"); December rows; t = year;
--   lm(log(pop_65plus) ~ t); exp(predict(..., data.frame(t = 2030), interval = "prediction")))
CREATE TEMP TABLE r_units (code text, slope float8, sigma float8, fit float8, lwr float8, upr float8);
INSERT INTO r_units VALUES
 ('11110', 0.018888941304691858, 0.019987088604037383, 33118.216777780668, 30932.726692667511, 35458.118304199445),
 ('41130', 0.04836540844534705, 0.0070015472603767613, 215161.21824165544, 210076.72429731736, 220368.77236201483),
 ('50110', 0.046767300207238037, 0.0066945741972979271, 112716.47102811947, 110168.31010576173, 115323.57017037);
SELECT ok(bool_and(pg_temp.close((f).slope, r.slope, 1e-12) AND pg_temp.close((f).sigma, r.sigma, 1e-10)
                   AND pg_temp.close(p.predicted, r.fit, 1e-12) AND pg_temp.close(p.lower, r.lwr, 1e-12)
                   AND pg_temp.close(p.upper, r.upr, 1e-12)),
          '종로구, 성남시, 제주시: the 65+ trend 2016-2025 to 2030 = R lm and predict on the CSV')
  FROM (SELECT code, caregap.log_trend(extract(year FROM month)::float8, pop_65plus) AS f
          FROM caregap_korea.population_monthly WHERE extract(month FROM month) = 12 GROUP BY code) s
  JOIN r_units r USING (code), caregap.trend_predict(s.f, 2030) p;

-- 3. the same fit however the rows are grouped or ordered, and under a parallel plan
SELECT ok(pg_temp.close((SELECT (caregap.log_trend(t, y)).slope FROM (SELECT * FROM r_data ORDER BY y DESC) d),
                        (SELECT slope FROM r_fit), 1e-14), 'row order does not matter (to 1e-14)');
SELECT ok(pg_temp.close((SELECT (caregap.log_trend_final(caregap.log_trend_combine(
                                   (SELECT caregap.log_trend_state(t, y) FROM r_data WHERE t < 2019),
                                   (SELECT caregap.log_trend_state(t, y) FROM r_data WHERE t >= 2019)))).sigma),
                        (SELECT sigma FROM r_fit), 1e-13),
          'two partial states combined = one pass');
SELECT ok(bool_and(pg_temp.close(s, 0.034633645648311361, 1e-13)), 'grouped (one group a copy of the data): the same slope')
  FROM (SELECT g, (caregap.log_trend(t, y)).slope AS s FROM r_data, generate_series(1, 3) g GROUP BY g) x;

-- 4. edge cases
SELECT is((SELECT caregap.log_trend(t, y) FROM r_data WHERE false), NULL, 'no rows: NULL');
SELECT is((SELECT (caregap.log_trend(t, y)).n FROM (VALUES (1.0::float8, NULL::float8), (NULL, 5.0)) v(t, y)), NULL::bigint,
          'rows with a NULL are skipped (only such rows: NULL)');
SELECT is((SELECT ROW((f).n, (f).slope, (f).sigma)::text FROM (SELECT caregap.log_trend(1, 5) AS f) s), '(1,,)',
          'one row: n 1, no slope, no sigma');
SELECT is((SELECT ROW((f).n, round((f).slope::numeric, 12), (f).sigma, round(p.predicted::numeric, 9), p.lower, p.upper)::text
             FROM (SELECT caregap.log_trend(t, y) AS f FROM (VALUES (0::float8, 1::float8), (1, 2)) v(t, y)) s,
                  caregap.trend_predict(s.f, 3) p),
          '(2,0.693147180560,,8.000000000,,)', 'two rows: the line through them (y doubles: 8 at t = 3), no interval (0 degrees of freedom)');
SELECT is((SELECT ROW((f).n, (f).slope, (f).growth)::text FROM (SELECT caregap.log_trend(2020, y) AS f FROM r_data) s), '(40,,)',
          'every t the same: no slope');
SELECT is((SELECT ROW(p.predicted, p.lower, p.upper)::text FROM (SELECT caregap.log_trend(2020, y) AS f FROM r_data) s,
                  caregap.trend_predict(s.f, 2030) p), '(,,)', '... and no prediction');
SELECT is(caregap.trend_predict(NULL, 2030), NULL, 'a NULL fit: NULL');

-- 5. errors
SELECT throws_ok($$SELECT caregap.log_trend(t, y) FROM (VALUES (1.0::float8, 0.0::float8)) v(t, y)$$, '22023',
                 'log_trend: y must be positive (its logarithm is fitted)', 'y = 0: 22023');
SELECT throws_ok($$SELECT caregap.log_trend(t, y) FROM (VALUES ('NaN'::float8, 1.0::float8)) v(t, y)$$, '22023',
                 NULL, 't NaN: 22023');
SELECT throws_ok($$SELECT caregap.log_trend(t, y) FROM (VALUES (1::float8, 'Infinity'::float8)) v(t, y)$$, '22003',
                 NULL, 'y infinite: 22003');
SELECT throws_ok($$SELECT caregap.trend_predict((SELECT caregap.log_trend(t, y) FROM r_data), 2030, 1.5)$$, '22023',
                 'trend_predict: level must be between 0 and 1', 'level outside (0, 1): 22023');
SELECT throws_ok($$SELECT caregap.trend_predict((SELECT caregap.log_trend(t, y) FROM r_data), NULL)$$, '22004',
                 'trend_predict: at and level must not be null', 'at NULL: 22004');
SELECT throws_ok($$SELECT caregap.trend_predict((SELECT caregap.log_trend(t, y) FROM r_data), 'Infinity')$$, '22003',
                 NULL, 'at infinite: 22003');
SELECT throws_ok($$SELECT caregap.trend_predict((SELECT caregap.log_trend(t, y) FROM r_data), 1e9)$$, '22003',
                 NULL, 'a trend beyond the double range: 22003');
SELECT throws_ok($$SELECT caregap.trend_predict(ROW(40, 1, 1, -1, 0, 1, 1, 1)::caregap.trend_fit, 2030)$$, '22023',
                 'trend_predict: not a fit of log_trend', 'a hand-made fit with a negative sigma: 22023');
SELECT throws_ok($$SELECT caregap.log_trend_final('{-1,0,0,0,0,0}')$$, '22023', 'log_trend: not a log_trend state',
                 'a hand-made state: 22023');
SELECT throws_ok($$SELECT caregap.log_trend_final('{1,2}')$$, '22023', NULL, 'a state of the wrong length: 22023');
SELECT throws_ok($$SELECT caregap.log_trend_final('{2,2020,1,2,2,1,1,0}')$$, '22023', 'log_trend: not a log_trend state',
                 'a hand-made state whose low part is not below the mean''s last bit: 22023');

-- 1.1.0 keeps each mean as hi + lo (eight elements); a state of 1.0.0 (six) still reads
SELECT is(array_length((SELECT caregap.log_trend_state(t, y) FROM r_data), 1), 8, 'the state has eight elements');
SELECT ok(pg_temp.close((caregap.log_trend_final((SELECT (caregap.log_trend_state(t, y))[1:6] FROM r_data))).slope,
                        (SELECT (caregap.log_trend(t, y)).slope FROM r_data), 1e-12),
          'a six-element state of 1.0.0 gives the same fit');

SELECT * FROM finish();
ROLLBACK;
