-- ---------------------------------------------------------------------------
-- The log-linear trend (1.0.0): ln y = a + b t by least squares, as an
-- aggregate with a float8[] state, and its prediction with a prediction
-- interval (docs/FORMULAS.md section 9).  A trend, not a projection: it
-- carries the past growth rate forward.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.trend_fit AS (
    n          bigint,
    intercept  double precision,
    slope      double precision,
    sigma      double precision,
    t_mean     double precision,
    t_ss       double precision,
    r_squared  double precision,
    growth     double precision
);
COMMENT ON TYPE @extschema@.trend_fit IS
'result of log_trend: rows n, intercept a and slope b of ln y = a + b t, residual standard error sigma (n >= 3), mean and centred sum of squares of t, R squared, growth exp(b) - 1 per unit of t';

CREATE TYPE @extschema@.trend_prediction AS (
    predicted  double precision,
    lower      double precision,
    upper      double precision
);
COMMENT ON TYPE @extschema@.trend_prediction IS
'result of trend_predict: the trend exp(a + b t0) and the bounds of its prediction interval';

CREATE FUNCTION @extschema@.log_trend_trans(double precision[], double precision, double precision)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_log_trend_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.log_trend_trans(double precision[], double precision, double precision) IS
'aggregate support for log_trend: adds the row (t, ln y) to the means and centred sums (Welford); rows with a NULL are skipped';

CREATE FUNCTION @extschema@.log_trend_combine(double precision[], double precision[])
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'cg_log_trend_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.log_trend_combine(double precision[], double precision[]) IS
'aggregate support for log_trend: merges two states (Chan, Golub and LeVeque)';

CREATE FUNCTION @extschema@.log_trend_final(double precision[])
RETURNS @extschema@.trend_fit
AS 'MODULE_PATHNAME', 'cg_log_trend_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.log_trend_final(double precision[]) IS
'aggregate support for log_trend: the fit of a state; NULL for no rows';

CREATE AGGREGATE @extschema@.log_trend(t double precision, y double precision) (
    SFUNC = @extschema@.log_trend_trans,
    STYPE = double precision[],
    FINALFUNC = @extschema@.log_trend_final,
    COMBINEFUNC = @extschema@.log_trend_combine,
    INITCOND = '{0,0,0,0,0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.log_trend(double precision, double precision) IS
'the log-linear trend ln y = a + b t by least squares over the rows (y > 0; rows with a NULL skipped), as R''s lm(log(y) ~ t): n, a, b, the residual standard error, the mean and centred sum of squares of t, R squared and the growth exp(b) - 1 per unit of t';

CREATE AGGREGATE @extschema@.log_trend_state(t double precision, y double precision) (
    SFUNC = @extschema@.log_trend_trans,
    STYPE = double precision[],
    COMBINEFUNC = @extschema@.log_trend_combine,
    INITCOND = '{0,0,0,0,0,0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.log_trend_state(double precision, double precision) IS
'the state of log_trend (float8[]: n, means of t and ln y, centred sums), to store and merge later: log_trend_final(log_trend_combine(a, b)) is the fit over the rows of both';

CREATE FUNCTION @extschema@.trend_predict(fit @extschema@.trend_fit, at double precision,
    level double precision DEFAULT '0.95'::double precision)
RETURNS @extschema@.trend_prediction
AS 'MODULE_PATHNAME', 'cg_trend_predict_fn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trend_predict(@extschema@.trend_fit, double precision, double precision) IS
'the trend of a log_trend fit at t = at, exp(a + b at), and its prediction interval exp(a + b at -+ q s sqrt(1 + 1/n + (at - mean t)^2 / Sxx)), q the Student t quantile with n - 2 degrees of freedom at (1 + level)/2, as exp of R''s predict(lm, interval = "prediction"); NULL bounds for n < 3, NULL for a NULL fit';
