-- caregap_postgis 0.6.0 -> 0.6.1: hardening II (issue 16).
--  * The schema guard of caregap at install (0.6.0 installed silently into a
--    schema pre-created by any role with CREATE on the database), and its
--    owner rule on update: the schema belongs to a superuser, and no other
--    role may create in it.  Objects someone else placed there stop the update.
--  * contiguity_weights checks what it read (null ids or geometries, repeated
--    ids, mixed or unknown SRIDs: errors naming them), and works in a READ
--    ONLY transaction.
--  * fca takes caregap.fca's costs, has a twin fca_supply, both PARALLEL RESTRICTED as
--    caregap's are, and name missing columns in caregap's words.
\echo Use "ALTER EXTENSION caregap_postgis UPDATE TO '0.6.1'" to load this file. \quit

-- fca gains costs: a new signature (created again below, with fca_supply)
DROP FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[]);
