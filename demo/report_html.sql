-- demo/report_html.sql — the report of the area of demo/views.sql (a province, or
-- Korea) as one self-contained HTML page
-- (inline SVG, no network fetch): the map of relative residential coverage in
-- its 5 exact Fisher-Jenks classes with a legend, the Lorenz curve of
-- coverage, the rank intervals of the composite care-gap index, and the
-- allocation of 500 new places, and the next 5 nursing hospitals of section 12
-- marked on the map with their effect.  Visible labels are the English names, so
-- that the page needs no CJK font; the map's tooltips carry the Korean ones.
-- Run after demo/views.sql:
--   psql -X -q -At -f demo/report_html.sql > report.html
\pset format unaligned
\pset tuples_only on
-- One large query: its estimated cost puts it past jit_above_cost, and compiling it takes
-- seconds (4 s of Korea's 4.8 s) where running it takes under one.
SET jit = off;
WITH pts AS (
    SELECT b.code, p.ord AS poly, r.ord AS ring, c.ord AS pt,
           (c.v ->> 0)::float8 AS lon, (c.v ->> 1)::float8 AS lat
      FROM caregap_korea.boundary b JOIN report.unit u USING (code),
           jsonb_array_elements(b.geojson -> 'coordinates') WITH ORDINALITY p(v, ord),
           jsonb_array_elements(p.v) WITH ORDINALITY r(v, ord),
           jsonb_array_elements(r.v) WITH ORDINALITY c(v, ord)),
box AS (SELECT min(lon) AS x0, max(lon) AS x1, min(lat) AS y0, max(lat) AS y1 FROM pts),
-- equirectangular at the box's middle latitude, 560 px wide
proj AS (SELECT p.*, 20 + (lon - x0) * cos(radians((y0 + y1) / 2)) * s AS x, 20 + (y1 - lat) * s AS y
           FROM pts p, box, LATERAL (SELECT 560 / ((x1 - x0) * cos(radians((y0 + y1) / 2))) AS s) k),
rings AS (SELECT code, poly, ring,
                 'M' || string_agg(round(x::numeric, 1) || ' ' || round(y::numeric, 1), ' L' ORDER BY pt) || ' Z' AS d
            FROM proj GROUP BY code, poly, ring),
paths AS (SELECT code, string_agg(d, ' ' ORDER BY poly, ring) AS d FROM rings GROUP BY code),
height AS (SELECT ceil(max(y) + 20) AS h FROM proj),
-- section 12's new hospitals on the same projection: mclp a black circle, equity a blue square (larger, drawn first: a site of both plans shows both)
sites AS (
    SELECT string_agg(CASE h.plan WHEN 'mclp'
                        THEN '<circle class="site-mclp" cx="' || round(x::numeric, 1) || '" cy="' || round(y::numeric, 1) || '" r="5" fill="#000" stroke="#fff" stroke-width="1.5">'
                        ELSE '<rect class="site-equity" x="' || round((x - 6.5)::numeric, 1) || '" y="' || round((y - 6.5)::numeric, 1) || '" width="13" height="13" fill="#2166ac" stroke="#fff" stroke-width="1.5">' END
                      || '<title>' || h.plan || ': ' || h.name_ko || ', ' || h.sigungu_name || ' (' || h.sigungu_name_en || ')</title>'
                      || CASE h.plan WHEN 'mclp' THEN '</circle>' ELSE '</rect>' END, '' ORDER BY h.plan, h.adm_code) AS svg
      FROM report.next_hospitals h, box,
           LATERAL (SELECT 560 / ((x1 - x0) * cos(radians((y0 + y1) / 2))) AS s) k,
           LATERAL (SELECT 20 + (h.lon - x0) * cos(radians((y0 + y1) / 2)) * k.s AS x, 20 + (y1 - h.lat) * k.s AS y) xy),
effect AS (
    SELECT '<table id="next-hospitals"><tr><th>plan</th><th>65+ within 10 km</th><th>more than before</th>'
           || '<th>65+ with no bed in reach</th><th>Gini of access</th></tr>'
           || coalesce(string_agg('<tr><td>' || plan || '</td><td>' || coalesce(round(pop_65plus_in_reach)::text, '-')
                                  || '</td><td>' || coalesce(round(pop_65plus_gained)::text, '-')
                                  || '</td><td>' || coalesce(round(pop_65plus_no_access)::text, '-')
                                  || '</td><td>' || coalesce(round(gini_access::numeric, 4)::text, '-') || '</td></tr>',
                                  '' ORDER BY plan = 'before' DESC, plan DESC), '')
           || '</table>' AS html
      FROM report.next_hospitals_effect),
palette AS (SELECT * FROM (VALUES (1, '#b2182b'), (2, '#ef8a62'), (3, '#fddbc7'), (4, '#d1e5f0'), (5, '#67a9cf')) t(class, color)),
map AS (
    SELECT '<svg id="map" xmlns="http://www.w3.org/2000/svg" width="600" height="' || h || '" viewBox="0 0 600 ' || h || '">'
           || string_agg('<path class="unit" data-code="' || m.code || '" d="' || p.d || '" fill="' || pl.color
                         || '" stroke="#444" stroke-width="0.6"><title>' || m.name_ko || ' ' || m.name_en
                         || ': relative coverage ' || round(m.relative_coverage::numeric, 3) || ', class ' || m.class
                         || '</title></path>', '' ORDER BY m.code)
           || coalesce((SELECT svg FROM sites), '') || '</svg>' AS svg
      FROM report.map_classes m JOIN paths p USING (code) JOIN palette pl USING (class), height
     GROUP BY h),
legend AS (
    SELECT '<svg id="legend" xmlns="http://www.w3.org/2000/svg" width="260" height="130">'
           || string_agg('<rect x="0" y="' || (c.class - 1) * 24 || '" width="18" height="18" fill="' || pl.color || '"/>'
                         || '<text x="26" y="' || ((c.class - 1) * 24 + 14) || '" font-size="13">class ' || c.class || ': up to '
                         || round(c.upper::numeric, 3) || ' (' || c.n || ')</text>', '' ORDER BY c.class)
           || '</svg>' AS svg
      FROM (SELECT class, count(*) AS n, min(class_upper) AS upper FROM report.map_classes GROUP BY class) c
      JOIN palette pl USING (class)),
lorenz AS (
    SELECT '<svg id="lorenz" xmlns="http://www.w3.org/2000/svg" width="320" height="320">'
           || '<rect x="20" y="20" width="280" height="280" fill="none" stroke="#999"/>'
           || '<line x1="20" y1="300" x2="300" y2="20" stroke="#999" stroke-dasharray="4"/>'
           || '<polyline fill="none" stroke="#b2182b" stroke-width="2" points="'
           || string_agg(round((20 + 280 * (pt ->> 0)::float8)::numeric, 1) || ',' || round((300 - 280 * (pt ->> 1)::float8)::numeric, 1), ' ' ORDER BY o)
           || '"/></svg>' AS svg
      FROM (SELECT caregap.lorenz_curve(supply / demand, demand, 20) AS lc FROM report.gap_input WHERE domain = 'residential places') l,
           jsonb_array_elements(l.lc) WITH ORDINALITY e(pt, o)),
ranks AS (
    SELECT '<svg id="ranks" xmlns="http://www.w3.org/2000/svg" width="600" height="' || ((SELECT units FROM report.area) * 16 + 30) || '">'
           || string_agg('<text x="0" y="' || (20 + (rank - 1) * 16 + 4) || '" font-size="11">' || rank || ' ' || name_en || '</text>'
                         || '<line class="interval" x1="' || (120 + 14 * rank_p05) || '" x2="' || (120 + 14 * rank_p95)
                         || '" y1="' || (20 + (rank - 1) * 16) || '" y2="' || (20 + (rank - 1) * 16) || '" stroke="#555" stroke-width="2"/>'
                         || '<circle cx="' || (120 + 14 * rank_median) || '" cy="' || (20 + (rank - 1) * 16) || '" r="4" fill="#b2182b"/>',
                         '' ORDER BY rank, code)
           || '</svg>' AS svg
      FROM report.gap_index
     WHERE (SELECT units FROM report.area) >= 2
    UNION ALL
    SELECT '<p id="ranks">One unit: an index ranks units, and there is one.</p>'
     WHERE (SELECT units FROM report.area) < 2),
alloc AS (
    SELECT '<table id="allocation"><tr><th>code</th><th>municipality</th><th>places</th><th>gap before</th><th>gap after</th></tr>'
           || string_agg('<tr><td>' || code || '</td><td>' || name_en || '</td><td>' || round(added)
                         || '</td><td>' || round(gap_before::numeric, 3) || '</td><td>' || round(gap_after::numeric, 3) || '</td></tr>',
                         '' ORDER BY added DESC, code)
           || '</table>' AS html
      FROM report.allocation WHERE added > 0
    HAVING count(*) > 0
    UNION ALL
    SELECT '<p id="allocation">No unit falls short of the area''s ratio: nothing to place.</p>'
      FROM report.allocation HAVING count(*) FILTER (WHERE added > 0) = 0)
SELECT '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>caregap: ' || (SELECT name_en FROM report.area) || ' care-gap report</title>'
       || '<style>body{font-family:sans-serif;margin:24px;max-width:1100px}h2{margin-top:28px}'
       || 'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}'
       || '.row{display:flex;gap:24px;align-items:flex-start}</style></head><body>'
       || '<h1>' || (SELECT name_en FROM report.area) || ': where does long-term care fall short?</h1>'
       || '<p>Generated by caregap ' || (SELECT extversion FROM pg_extension WHERE extname = 'caregap')
       || ' from real public data (sources and dates: the report''s header, <code>report.header</code>).</p>'
       || '<h2>Relative coverage of residential places, by municipality</h2>'
       || '<p>Places per recognised recipient against the province''s ratio, in 5 exact Fisher&#8211;Jenks classes; class 1 is the least covered.</p>'
       || '<div class="row">' || map.svg || legend.svg || '</div>'
       || '<p>Marked on the map: the next 5 nursing hospitals (section 12), black circles for the most people aged 65+ within 10 km (mclp), blue squares for the highest least access (equity).</p>'
       || '<h2>Lorenz curve of residential coverage (weighted by recipients)</h2>' || lorenz.svg
       || '<h2>Composite care-gap index: rank and its 5&#8211;95 % interval</h2>'
       || '<p>Four indicators (residential, day/night, care workers, nursing-hospital access), equal weights; 1,000 draws of the weights (&#177;50 %) and of the aggregation. Dot: median rank; line: 5&#8211;95 %.</p>'
       || ranks.svg
       || '<h2>500 new residential places: where</h2>'
       || '<p>Placed to lower the largest gap against the province''s ratio (water-filling, whole places).</p>'
       || alloc.html
       || '<h2>The next 5 nursing hospitals: how many more people aged 65+ within reach</h2>'
       || '<p>caregap.locate within 10 km, the area''s hospitals open already; a new hospital has their median beds. Gini: 65+-weighted, of 2SFCA access over the area.</p>'
       || effect.html
       || '</body></html>'
  FROM map, legend, lorenz, ranks, alloc, effect;
