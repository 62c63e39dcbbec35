
------------------------------------------------------------------------------
-- Accessibility (docs/FORMULAS.md section 6): the floating-catchment family on
-- inner queries of demand and supply points (great-circle distances through a
-- k-d tree) or on an origin-destination cost query.  The queries run
-- read-only with the caller's privileges.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.fca(demand text, supply text, catchment double precision,
    method text DEFAULT '2sfca'::text, zones double precision[] DEFAULT NULL::double precision[],
    zone_weights double precision[] DEFAULT NULL::double precision[], costs text DEFAULT NULL::text)
RETURNS TABLE (id text, population double precision, access double precision,
               access_norm double precision, sites integer, supply_in_reach double precision)
AS 'MODULE_PATHNAME', 'cg_fca'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.fca(text, text, double precision, text, double precision[], double precision[], text) IS
'accessibility of each demand point (query: id, lon, lat, population) to supply (query: id, lon, lat, capacity) within the catchment (km, great-circle; or cost units with costs => a query of demand_id, supply_id, cost): 2SFCA, E2SFCA (zones and weights; default PySAL access 10/20/30 at 1/0.68/0.22), G2SFCA (Gaussian), 3SFCA (selection weights); access_norm = access / the demand-weighted mean; sites and supply in reach';

CREATE FUNCTION @extschema@.fca_supply(demand text, supply text, catchment double precision,
    method text DEFAULT '2sfca'::text, zones double precision[] DEFAULT NULL::double precision[],
    zone_weights double precision[] DEFAULT NULL::double precision[], costs text DEFAULT NULL::text)
RETURNS TABLE (id text, capacity double precision, demand_in_reach double precision,
               ratio double precision, demand_points integer, reached boolean)
AS 'MODULE_PATHNAME', 'cg_fca_supply'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.fca_supply(text, text, double precision, text, double precision[], double precision[], text) IS
'the supply side of fca with the same arguments: each site''s weighted demand in reach, its supply-to-demand ratio R_j (NULL and reached = false for a site with no demand in reach: it contributes nothing), and the demand points in reach';
