
-- The tables.  Every file of data/korea/ is one table; an empty cell of the
-- file is NULL (missing, suppressed or not meaningful in the source; nothing
-- was estimated).  Sources, licences and caveats are in the comments and in
-- data/korea/care/README.md and data/korea/boundaries/README.md.

CREATE TABLE @extschema@.municipality (
    code            text PRIMARY KEY,
    sido            text NOT NULL,
    sido_name_ko    text NOT NULL,
    sido_name_en    text,
    name_ko         text NOT NULL,
    name_en         text,
    kind            text NOT NULL,
    is_gu           boolean NOT NULL,
    parent_city     text,
    general_gu      text,
    lon             double precision NOT NULL,
    lat             double precision NOT NULL,
    point_dongs     integer NOT NULL,
    point_pop_pct   double precision NOT NULL,
    CONSTRAINT municipality_code_check CHECK (
        pg_catalog.length(code) OPERATOR(pg_catalog.=) 5
        AND pg_catalog.left(code, 2) OPERATOR(pg_catalog.=) sido),
    CONSTRAINT municipality_kind_check CHECK (
        kind OPERATOR(pg_catalog.=) ANY ('{gu,si,gun,single_tier_city}'::text[])
        AND is_gu OPERATOR(pg_catalog.=) (kind OPERATOR(pg_catalog.=) 'gu'::text)),
    CONSTRAINT municipality_point_check CHECK (
        lon OPERATOR(pg_catalog.>) '124'::double precision AND lon OPERATOR(pg_catalog.<) '132'::double precision
        AND lat OPERATOR(pg_catalog.>) '33'::double precision AND lat OPERATOR(pg_catalog.<) '39'::double precision
        AND point_dongs OPERATOR(pg_catalog.>) 0
        AND point_pop_pct OPERATOR(pg_catalog.>) '0'::double precision
        AND point_pop_pct OPERATOR(pg_catalog.<=) '100'::double precision)
);
COMMENT ON TABLE @extschema@.municipality IS
'the 229 si/gun/gu of Korea as of 2026-06-30 (MOIS 5-digit codes; the first two digits are the 2026 sido: 51 강원특별자치도, 52 전북특별자치도, 군위군 in 27 대구), general districts merged into their city, 세종 as one unit; English names where two derivations agree (225 of 229; NULL otherwise); lon/lat the population-weighted mean of the unit''s dong points (WGS84). Source: MOIS resident registration 2026-06-30, KOSTAT 2018 names (KOGL Type 1); see data/korea/care/README.md';

CREATE TABLE @extschema@.population (
    code        text NOT NULL REFERENCES @extschema@.municipality,
    sido        text NOT NULL,
    ref_date    date NOT NULL,
    pop_total   integer NOT NULL,
    pop_0_5     integer,
    pop_65plus  integer NOT NULL,
    pop_75plus  integer NOT NULL,
    pop_85plus  integer NOT NULL,
    PRIMARY KEY (code, ref_date),
    CONSTRAINT population_ages_check CHECK (
        pop_85plus OPERATOR(pg_catalog.>=) 0 AND pop_85plus OPERATOR(pg_catalog.<=) pop_75plus
        AND pop_75plus OPERATOR(pg_catalog.<=) pop_65plus AND pop_65plus OPERATOR(pg_catalog.<=) pop_total),
    CONSTRAINT population_young_check CHECK (
        pop_0_5 OPERATOR(pg_catalog.>=) 0 AND pop_0_5 OPERATOR(pg_catalog.<=) pop_total)
);
COMMENT ON TABLE @extschema@.population IS
'resident-registration population (주민등록인구) of the 229 units at the year ends 2022-2025 and on 2026-06-30: total, aged 0-5 (2026-06-30 only; NULL for the year ends, whose source has no such band), 65+, 75+, 85+. Source: MOIS 지역별 행정동 성별 연령별 주민등록 인구수 (data.go.kr 15097972, no restriction on use)';

CREATE TABLE @extschema@.population_monthly (
    code        text NOT NULL REFERENCES @extschema@.municipality,
    sido        text NOT NULL,
    month       date NOT NULL,
    pop_total   integer NOT NULL,
    pop_65plus  integer NOT NULL,
    pop_75plus  integer NOT NULL,
    pop_85plus  integer NOT NULL,
    PRIMARY KEY (code, month),
    CONSTRAINT population_monthly_month_check CHECK (
        pg_catalog.date_part('day'::text, month) OPERATOR(pg_catalog.=) '1'::double precision
        AND month OPERATOR(pg_catalog.>=) '2016-01-01'::date AND month OPERATOR(pg_catalog.<=) '2025-12-01'::date),
    CONSTRAINT population_monthly_ages_check CHECK (
        pop_85plus OPERATOR(pg_catalog.>=) 0 AND pop_85plus OPERATOR(pg_catalog.<=) pop_75plus
        AND pop_75plus OPERATOR(pg_catalog.<=) pop_65plus AND pop_65plus OPERATOR(pg_catalog.<=) pop_total)
);
COMMENT ON TABLE @extschema@.population_monthly IS
'resident-registration population of the 229 units every month 2016-01 to 2025-12 (month = its first day), all ages and 65+, 75+, 85+, under the 2026 units (군위군 in 대구 throughout, 강원/전북 under their 2026 codes). Source: MOIS 주민등록 인구통계 (jumin.mois.go.kr), monthly age statistics; licence not confirmed';

CREATE TABLE @extschema@.ltc_recipients (
    code                         text NOT NULL REFERENCES @extschema@.municipality,
    sido                         text NOT NULL,
    ref_date                     date NOT NULL,
    applicants                   integer,
    recipients                   integer,
    applicants_suppressed_cells  integer NOT NULL,
    recipients_suppressed_cells  integer NOT NULL,
    applicants_min               integer NOT NULL,
    applicants_max               integer NOT NULL,
    recipients_min               integer NOT NULL,
    recipients_max               integer NOT NULL,
    PRIMARY KEY (code, ref_date),
    CONSTRAINT ltc_recipients_bounds_check CHECK (
        recipients_min OPERATOR(pg_catalog.>=) 0 AND recipients_min OPERATOR(pg_catalog.<=) recipients_max
        AND applicants_min OPERATOR(pg_catalog.>=) 0 AND applicants_min OPERATOR(pg_catalog.<=) applicants_max),
    CONSTRAINT ltc_recipients_suppressed_check CHECK (
        (recipients IS NULL) OPERATOR(pg_catalog.=) (recipients_suppressed_cells OPERATOR(pg_catalog.>) 0)
        AND (applicants IS NULL) OPERATOR(pg_catalog.=) (applicants_suppressed_cells OPERATOR(pg_catalog.>) 0)
        AND (recipients IS NULL OR (recipients OPERATOR(pg_catalog.=) recipients_min
                                    AND recipients OPERATOR(pg_catalog.=) recipients_max)))
);
COMMENT ON TABLE @extschema@.ltc_recipients IS
'long-term care applicants (신청자) and recognised recipients (인정자: grades 1-5 and 인지지원등급) of the 229 units at the year ends 2022-2025 and on 2026-05-31. A count with suppressed source cells (shown * for 1-4 persons) is NULL, with its bounds in *_min and *_max (every unit on 2026-05-31). Source: NHIS 노인장기요양보험 등급판정 현황 (data.go.kr 3051421); licence not confirmed';

CREATE TABLE @extschema@.ltc_supply (
    code                     text NOT NULL REFERENCES @extschema@.municipality,
    sido                     text NOT NULL,
    ref_date                 date NOT NULL,
    type_code                text NOT NULL,
    type_name_ko             text NOT NULL,
    type_name_en             text NOT NULL,
    service_group            text NOT NULL,
    institutions             integer NOT NULL,
    capacity                 integer,
    care_workers             integer NOT NULL,
    nurses                   integer NOT NULL,
    nurse_aides              integer NOT NULL,
    social_workers           integer NOT NULL,
    physical_therapists      integer NOT NULL,
    occupational_therapists  integer NOT NULL,
    PRIMARY KEY (code, ref_date, type_code),
    CONSTRAINT ltc_supply_group_check CHECK (
        service_group OPERATOR(pg_catalog.=) ANY ('{residential,day_night,short_term,home_visit,welfare_equipment}'::text[])),
    CONSTRAINT ltc_supply_capacity_check CHECK (
        capacity IS NULL
        OR (capacity OPERATOR(pg_catalog.>) 0
            AND service_group OPERATOR(pg_catalog.=) ANY ('{residential,day_night,short_term}'::text[]))),
    CONSTRAINT ltc_supply_counts_check CHECK (
        institutions OPERATOR(pg_catalog.>) 0 AND care_workers OPERATOR(pg_catalog.>=) 0
        AND nurses OPERATOR(pg_catalog.>=) 0 AND nurse_aides OPERATOR(pg_catalog.>=) 0
        AND social_workers OPERATOR(pg_catalog.>=) 0 AND physical_therapists OPERATOR(pg_catalog.>=) 0
        AND occupational_therapists OPERATOR(pg_catalog.>=) 0)
);
COMMENT ON TABLE @extschema@.ltc_supply IS
'long-term care institutions, places (정원) and reported staff of the 229 units by NHIS institution type, 2026-06-10. service_group: residential, day_night, short_term, home_visit, welfare_equipment. capacity is NULL for home_visit and welfare_equipment and where the source sum is 0. Dementia-unit types are places in addition to their base type; do not add institutions across types. Source: NHIS 장기요양기관 시설별 현황 (data.go.kr 15124763, no restriction on use)';

CREATE TABLE @extschema@.nursing_hospital (
    id           text PRIMARY KEY,
    name_ko      text NOT NULL,
    code         text NOT NULL REFERENCES @extschema@.municipality,
    sido         text NOT NULL,
    lon          double precision NOT NULL,
    lat          double precision NOT NULL,
    doctors      integer NOT NULL,
    specialists  integer NOT NULL,
    beds         integer NOT NULL,
    CONSTRAINT nursing_hospital_check CHECK (
        lon OPERATOR(pg_catalog.>) '124'::double precision AND lon OPERATOR(pg_catalog.<) '132'::double precision
        AND lat OPERATOR(pg_catalog.>) '33'::double precision AND lat OPERATOR(pg_catalog.<) '39'::double precision
        AND specialists OPERATOR(pg_catalog.>=) 0 AND specialists OPERATOR(pg_catalog.<=) doctors
        AND beds OPERATOR(pg_catalog.>=) 0)
);
COMMENT ON TABLE @extschema@.nursing_hospital IS
'all 1,285 nursing hospitals (요양병원) of Korea on 2026-07-23 with their location (WGS84), doctors, specialists and inpatient beds; the unit from the address. Medical institutions, not long-term care: do not add their beds to LTC capacity. Source: HIRA 병원정보서비스 (data.go.kr 15001698); licence not confirmed';

CREATE TABLE @extschema@.crosswalk (
    source       text NOT NULL,
    source_code  text,
    source_sido  text,
    source_name  text,
    first_date   text NOT NULL,
    last_date    text NOT NULL,
    target_code  text REFERENCES @extschema@.municipality,
    how          text NOT NULL,
    CONSTRAINT crosswalk_target_check CHECK (
        (target_code IS NULL) OPERATOR(pg_catalog.=) (how OPERATOR(pg_catalog.=) 'branch_office'::text))
);
COMMENT ON TABLE @extschema@.crosswalk IS
'every region key of every source with its first and last date (a date or a month, as the source gives it), the 2026 unit it maps to (NULL for branch offices, which carry no population) and the rule (same, general_gu, sido_renamed, sido_moved, renamed, former_unit, …; see data/korea/care/README.md). Nothing had to be split';

CREATE TABLE @extschema@.boundary (
    code     text PRIMARY KEY REFERENCES @extschema@.municipality,
    geojson  jsonb NOT NULL
);
COMMENT ON TABLE @extschema@.boundary IS
'the polygon of each of the 229 units for maps: a GeoJSON MultiPolygon (WGS84, 5 decimals), the KOSTAT 2018 census boundaries dissolved into the 2026 units and simplified once per shared border (no gaps, no overlaps). With PostGIS: ST_GeomFromGeoJSON(geojson::text). Source: KOSTAT SGIS, KOGL Type 1 (공공누리 제1유형), via southkorea/southkorea-maps; see data/korea/boundaries/README.md';

CREATE TABLE @extschema@.adjacency (
    code_a     text NOT NULL REFERENCES @extschema@.municipality,
    code_b     text NOT NULL REFERENCES @extschema@.municipality,
    border_km  double precision NOT NULL,
    rook       boolean NOT NULL,
    PRIMARY KEY (code_a, code_b),
    CONSTRAINT adjacency_order_check CHECK (code_a OPERATOR(pg_catalog.<) code_b),
    CONSTRAINT adjacency_border_check CHECK (
        border_km OPERATOR(pg_catalog.>=) '0'::double precision
        AND (rook OR border_km OPERATOR(pg_catalog.=) '0'::double precision))
);
COMMENT ON TABLE @extschema@.adjacency IS
'queen contiguity of the 229 units (584 pairs, each once with code_a < code_b), the geodesic length of the shared border in km (0 for a point contact) and whether the pair is also rook-contiguous (582). 8 units have no neighbour (영도구, 강화군, 옹진군, 완도군, 진도군, 울릉군, 거제시, 남해군); 제주시 and 서귀포시 touch only each other: 10 components';
