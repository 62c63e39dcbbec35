// BI client test: pgJDBC (Debian libpostgresql-jdbc-java) reads the report views.
// Prints TAP lines; exit status 1 on any failure.
import java.sql.*;
import java.util.*;

public class BiJdbc {
    static int n = 0, failed = 0;

    static void ok(boolean cond, String what) {
        n++;
        if (!cond) failed++;
        System.out.println((cond ? "" : "not ") + "ok " + n + " - pgJDBC: " + what);
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT q.v::text FROM (" + sql + ") q(v) LIMIT 1")) {
            r.next();
            return r.getString(1);
        }
    }

    // One statistic of each family (test/clients/families.txt): plain columns of
    // ordinary types, each value the server's (its text, parsed) in its Java type.
    static void families(Connection c, Statement s, Map<String, Class<?>> javaType) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("test/clients/families.txt"))) {
            if (line.isBlank() || line.startsWith("#"))
                continue;
            String label = line.substring(0, line.indexOf('\t')), sql = line.substring(line.indexOf('\t') + 1);
            List<String[]> cols = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT column_name, column_type::text FROM caregap.query_columns(?) ORDER BY ordinal")) {
                ps.setString(1, sql);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next())
                        cols.add(new String[]{r.getString(1), r.getString(2)});
                }
            }
            List<String[]> texts = new ArrayList<>();
            for (String[] col : cols)
                try (ResultSet r = s.executeQuery("SELECT string_agg(coalesce(q.\"" + col[0] + "\"::text, '\\N'), chr(31)) FROM (" + sql + ") q")) {
                    r.next();
                    texts.add(r.getString(1).split("\u001f", -1));
                }
            List<String> bad = new ArrayList<>();
            boolean shape = true;
            int rows = 0;
            try (ResultSet r = s.executeQuery(sql)) {
                ResultSetMetaData md = r.getMetaData();
                shape = md.getColumnCount() == cols.size();
                for (int i = 0; shape && i < cols.size(); i++)
                    shape = md.getColumnName(i + 1).equals(cols.get(i)[0]) && javaType.containsKey(cols.get(i)[1]);
                while (shape && r.next()) {
                    for (int i = 0; i < cols.size(); i++) {
                        Object o = r.getObject(i + 1);
                        String t = rows < texts.get(i).length ? texts.get(i)[rows] : "?";
                        String typ = cols.get(i)[1];
                        boolean same = t.equals("\\N") ? o == null
                                : typ.equals("double precision") ? o instanceof Double && (Double) o == Double.parseDouble(t)
                                : typ.equals("integer") ? o instanceof Integer && (Integer) o == Integer.parseInt(t)
                                : typ.equals("bigint") ? o instanceof Long && (Long) o == Long.parseLong(t)
                                : typ.equals("boolean") ? o instanceof Boolean && (Boolean) o == t.equals("true")
                                : o instanceof String && o.equals(t);
                        if (!same)
                            bad.add(cols.get(i)[0] + " row " + rows + ": " + o + " vs " + t);
                    }
                    rows++;
                }
            }
            ok(shape && rows == texts.get(0).length, label + ": " + rows + " rows of plain columns");
            ok(bad.isEmpty(), label + ": every value arrives as the server's, in its type " + bad);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("PGHOST", "localhost") + ":"
                + System.getenv().getOrDefault("PGPORT", "5432") + "/" + System.getenv("PGDATABASE");
        Properties p = new Properties();
        p.setProperty("user", System.getenv("PGUSER"));
        p.setProperty("password", System.getenv().getOrDefault("PGPASSWORD", ""));
        p.setProperty("readOnly", "true");
        Map<String, Class<?>> javaType = Map.of("double precision", Double.class, "integer", Integer.class,
                "bigint", Long.class, "text", String.class, "date", java.sql.Date.class, "boolean", Boolean.class);
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            Map<String, List<String[]>> cols = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT table_name::text, column_name::text, data_type::text "
                    + "FROM information_schema.columns WHERE table_schema = 'report' ORDER BY table_name, ordinal_position")) {
                while (r.next())
                    cols.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new String[]{r.getString(2), r.getString(3)});
            }
            ok(cols.size() == 23, "23 report views " + cols.keySet());
            for (Map.Entry<String, List<String[]>> v : cols.entrySet()) {
                int rows = 0;
                List<String> bad = new ArrayList<>();
                boolean names = true;
                try (ResultSet r = s.executeQuery("SELECT * FROM report." + v.getKey())) {
                    ResultSetMetaData md = r.getMetaData();
                    for (int i = 0; i < v.getValue().size(); i++)
                        names &= md.getColumnName(i + 1).equals(v.getValue().get(i)[0]);
                    while (r.next()) {
                        rows++;
                        for (int i = 0; i < v.getValue().size(); i++) {
                            Object o = r.getObject(i + 1);
                            Class<?> want = javaType.get(v.getValue().get(i)[1]);
                            if (o != null && (want == null || !want.isInstance(o)))
                                bad.add(v.getValue().get(i)[0] + " " + v.getValue().get(i)[1] + " -> " + o.getClass().getSimpleName());
                        }
                    }
                }
                ok(rows > 0 && names, "report." + v.getKey() + ": " + rows + " rows, columns as declared");
                ok(bad.isEmpty(), "report." + v.getKey() + ": every column arrives as its type " + bad);
            }
            try (ResultSet r = s.executeQuery("SELECT name_ko, name_en FROM report.coverage WHERE code = '41130' AND domain = 'residential places'")) {
                r.next();
                ok(r.getString(1).equals("\uC131\uB0A8\uC2DC") && r.getString(2).equals("Seongnam-si"), "Korean name 성남시 intact");
            }
            try (ResultSet r = s.executeQuery("SELECT supply, demand, units FROM report.gap_by_region WHERE domain = 'residential places' AND area_en = 'province'")) {
                r.next();
                ok(r.getDouble(1) == 97178.0 && r.getDouble(2) == 283943.0 && r.getInt(3) == 31,
                   "province residential places 97178, recipients 283943, 31 units");
            }
            for (String sql : new String[]{
                    "SELECT gini FROM report.disparity WHERE domain = 'residential places'",
                    "SELECT per_100_recipients FROM report.coverage WHERE code = '41130' AND domain = 'care workers'",
                    "SELECT residential_places_needed FROM report.growth WHERE code = '41570'"}) {
                try (ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    Object o = r.getObject(1);
                    String t = text(c, sql);
                    ok(o instanceof Double && ((Double) o) == Double.parseDouble(t), sql.split(" FROM ")[0].substring(7) + " = " + t + " exactly");
                }
            }
            try (ResultSet r = s.executeQuery("SELECT ref_date FROM report.header WHERE item = 2")) {
                r.next();
                ok(r.getObject(1) instanceof java.sql.Date && r.getDate(1).toString().equals("2026-06-10"), "a date arrives as a date (2026-06-10)");
            }
            // the README's examples
            try (ResultSet r = s.executeQuery("SELECT caregap.gini(x), caregap.theil_t(x), caregap.atkinson(x, 0.5) "
                    + "FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) x")) {
                r.next();
                ok(r.getDouble(1) == 0.46209113026762383 && Math.abs(r.getDouble(3) - 0.17965909804634175201) < 6e-17,
                   "README: Gini 0.46209113026762383, Atkinson(0.5) within 6e-17 of 0.17965909804634175201");
            }
            String td = "SELECT (caregap.theil_decomposition(pop_65plus_2010::float8 / pop_total_2010, pop_total_2010, region)).theil_t FROM caregap.gyeonggi_municipality";
            try (ResultSet r = s.executeQuery(td)) {
                r.next();
                ok(r.getDouble(1) == Double.parseDouble(text(c, td)), "README: theil_decomposition example");
            }
            try (ResultSet r = s.executeQuery("SELECT (caregap.care_gap(0.3, 3, 0.1)).units_short")) {
                r.next();
                ok(r.getLong(1) == 0, "README: care_gap(0.3, 3, 0.1) has no unit short");
            }
            families(c, s, javaType);
        }
        System.out.println("1.." + n);
        System.exit(failed == 0 ? 0 : 1);
    }
}
