-- Hand example A.  S = (10, 30, 0, NULL), D = (100, 100, 0, 5); the NULL row is
-- skipped.  sum S = 40, sum D = 200, pooled R = 0.2.
--   a: needs 0.2 * 100 = 20, has 10: coverage 0.1, relative 0.5, gap 0.5, shortfall 10
--   b: needs 20, has 30: coverage 0.3, relative 1.5, gap 0, surplus 10
--   c: no demand, no supply: coverage undefined, shortfall 0, surplus 0
-- Group gap index 10 / (0.2 * 200) = 0.25
--   = Hoover 1/2 (|10/40 - 100/200| + |30/40 - 100/200| + 0) = 1/2 (0.25 + 0.25).
CREATE TEMP TABLE a (u text, s float8, d float8);
INSERT INTO a VALUES ('a', 10, 100), ('b', 30, 100), ('c', 0, 0), ('d', NULL, 5);
