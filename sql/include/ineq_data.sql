-- Reference data sets of the disparity tests.
--   r_ineq: the example of R ineq's documentation (Gini 0.4620911, Atkinson(0.5) 0.1796591)
--   mexico: PySAL's Mexico pcgdp1940 of the 32 states (Gini 0.35372371173452849)
--   tens:   (10, 20, 30, 40, 50) (Atkinson 0.5: 0.06315, 1: 0.13161)
CREATE TEMP TABLE r_ineq AS SELECT x::float8 FROM unnest(ARRAY[541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261]) x;
CREATE TEMP TABLE mexico AS SELECT x::float8 FROM unnest(ARRAY[
    10384, 22361, 9573, 3758, 2934, 8578, 8537, 6909, 17816, 12132, 4359, 2181, 4414, 5309, 3408, 3327,
    6936, 4836, 9073, 1892, 3569, 11016, 21965, 4372, 4840, 6399, 2459, 7508, 3605, 5203, 7990, 3734]) x;
CREATE TEMP TABLE tens AS SELECT x::float8 FROM unnest(ARRAY[10, 20, 30, 40, 50]) x;
-- weighted units: 300 rows in 3 groups, many ties, fractional weights
CREATE TEMP TABLE wu AS
SELECT i, i % 3 AS g, ((i * 37) % 50) * 0.5 + 0.5 AS x, 0.25 + ((i * 11) % 40) / 8.0 AS w,
       (i * 7) % 5 + 1 AS k
  FROM generate_series(1, 300) i;
