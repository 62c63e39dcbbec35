-- caregap 0.7.0 -> 0.7.1: hardening II (issue 16).
--  * The schema belongs to a superuser and no other role may create in it
--    (0.7.0 left it owned by the non-superuser who installed caregap, who could
--    then add overloads that a superuser's call would pick).  Before that is
--    put right, objects that someone other than a superuser placed in the
--    schema meanwhile are refused: the update stops and names them.
--  * The functions that run an inner query are PARALLEL RESTRICTED (they ran
--    arbitrary SQL in parallel workers, where temporary tables cannot be
--    read and sequences cannot be advanced).
\echo Use "ALTER EXTENSION caregap UPDATE TO '0.7.1'" to load this file. \quit


ALTER FUNCTION @extschema@.weights_summary(regclass, text) PARALLEL RESTRICTED;
ALTER FUNCTION @extschema@.knn_weights(text, integer) PARALLEL RESTRICTED;
ALTER FUNCTION @extschema@.distance_weights(text, double precision, double precision) PARALLEL RESTRICTED;
ALTER FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[], text) PARALLEL RESTRICTED;
ALTER FUNCTION @extschema@.fca_supply(text, text, double precision, text, double precision[], double precision[], text) PARALLEL RESTRICTED;
ALTER FUNCTION @extschema@.composite(text, integer[], text, text, double precision[], text, integer, bigint, double precision, boolean, double precision[], double precision[], double precision[], boolean) PARALLEL RESTRICTED;
ALTER FUNCTION @extschema@.allocate(text, double precision, double precision, text, boolean) PARALLEL RESTRICTED;

COMMENT ON FUNCTION @extschema@.allocate(text, double precision, double precision, text, boolean) IS
'where new capacity closes the gap fastest: the units query (id, supply, demand, and optionally cost, min_add, max_add; run as the caller) and a budget; minmax minimizes the largest gap max(0, 1 - (S + x)/(target D)) by water-filling, shortfall the total shortfall (cheapest first); in whole places, minmax is the integer optimum (the lowest level whose whole-place needs the budget covers), shortfall rounds down then places one at a time; the budget is never exceeded';
