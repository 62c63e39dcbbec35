-- Data set B: 200 units in 5 groups, integer supply and demand, deterministic.
CREATE TEMP TABLE b AS
SELECT i, i % 5 AS g, ((i * 37) % 101)::float8 AS s, ((i * 53) % 97 + 1)::float8 AS d
  FROM generate_series(1, 200) i;
