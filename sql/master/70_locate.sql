
------------------------------------------------------------------------------
-- Facility location (docs/FORMULAS.md section 10, docs/locate.md): which of
-- the candidate sites to open, on inner queries of demand points, candidate
-- sites and existing sites (great-circle km) or on an origin-destination cost
-- query.  Every answer carries its bound and gap.  The queries run read-only
-- with the caller's privileges.
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.locate(demand text, candidates text, p integer, objective text,
    catchment double precision DEFAULT NULL::double precision, existing text DEFAULT NULL::text,
    costs text DEFAULT NULL::text, max_steps double precision DEFAULT NULL::double precision)
RETURNS TABLE (kind text, id text, site text, existing boolean, population double precision,
               distance double precision, covered boolean, access double precision,
               objective double precision, bound double precision, gap double precision,
               optimal boolean)
AS 'MODULE_PATHNAME', 'cg_locate_srf'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.locate(text, text, integer, text, double precision, text, text, double precision) IS
'where to open p new sites among the candidates (query: id, lon, lat[, capacity]) for the demand points (query: id, lon, lat, population), existing sites (same columns) already open: lscp (fewest sites covering all demand within the catchment; p null), mclp (most demand covered), p_median (least total weighted distance), p_center (least largest distance), equity (the highest least 2SFCA access, capacities needed); great-circle km, or costs => a query of demand_id, supply_id, cost.  Rows of kind site (the open sites, with the demand they serve) and demand (each point''s nearest open site, its distance, covered, and for equity its access); on every row the objective, its bound (lower for lscp, p_median, p_center; upper for mclp, equity), the relative gap and whether the bound proves it optimal.  max_steps bounds the search (default 1e9 elementary steps)';
