package io.latchkey.hardening;

import io.latchkey.storage.Database;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every row of every table of a campaign's private server, read in one query: the proof that a refused request
 * created, changed and deleted nothing. (The campaign's server holds nothing but the campaign's data, so all of it
 * is compared, not just the environment's lists: a change anywhere counts, a changed column the API does not show
 * included.)
 */
final class Snapshot {
    /** Bookkeeping that is not data: migrations and the instance's own settings. */
    private static final Set<String> IGNORED = Set.of("flyway_schema_history", "instance_settings");

    private final Map<String, List<String>> rows;

    private Snapshot(Map<String, List<String>> rows) {
        this.rows = rows;
    }

    /** Reads snapshots of one database with one prepared query. */
    static final class Reader {
        private final Database db;
        private final String sql;

        Reader(Database db) {
            this.db = db;
            this.sql = db.withHandle(h -> {
                try {
                    DatabaseMetaData meta = h.getConnection().getMetaData();
                    String schema = h.getConnection().getSchema();
                    Map<String, List<String>> columns = new TreeMap<>();
                    try (ResultSet t = meta.getTables(null, schema, "%", null)) {
                        while (t.next()) {
                            if (!Set.of("TABLE", "BASE TABLE").contains(t.getString("TABLE_TYPE"))) continue;
                            String table = t.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                            if (!IGNORED.contains(table)) columns.put(table, new ArrayList<>());
                        }
                    }
                    try (ResultSet c = meta.getColumns(null, schema, "%", "%")) {
                        while (c.next()) {
                            List<String> cols =
                                    columns.get(c.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                            if (cols != null)
                                cols.add(c.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                    if (columns.size() < 10)
                        throw new AssertionError("Snapshot found only these tables: " + columns.keySet());
                    List<String> parts = new ArrayList<>();
                    columns.forEach((table, cols) -> parts.add("select '" + table + "' as t, concat_ws('|', "
                            + String.join(", ", cols) + ") as r from " + table));
                    return String.join(" union all ", parts);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        Snapshot read() {
            Map<String, List<String>> rows = db.withHandle(h -> {
                Map<String, List<String>> out = new TreeMap<>();
                h.createQuery(sql)
                        .map((rs, ctx) -> {
                            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                    .add(rs.getString(2));
                            return null;
                        })
                        .list();
                return out;
            });
            rows.values().forEach(Collections::sort);
            return new Snapshot(rows);
        }
    }

    /** How many rows were read (a sanity figure for reports). */
    int size() {
        return rows.values().stream().mapToInt(List::size).sum();
    }

    /** The tables whose rows differ from {@code before}. */
    Set<String> changedTables(Snapshot before) {
        Set<String> out = new TreeSet<>();
        Set<String> tables = new TreeSet<>(rows.keySet());
        tables.addAll(before.rows.keySet());
        for (String t : tables)
            if (!rows.getOrDefault(t, List.of()).equals(before.rows.getOrDefault(t, List.of()))) out.add(t);
        return out;
    }

    /**
     * Whether {@code activities} only gained rows of FAILED activities since {@code before}: the audit record of a
     * refused management write, the one write a refusal makes on purpose (docs/activities.md).
     */
    boolean onlyFailedActivitiesAdded(Snapshot before) {
        List<String> now = new ArrayList<>(rows.getOrDefault("activities", List.of()));
        for (String r : before.rows.getOrDefault("activities", List.of())) {
            if (!now.remove(r)) return false;
        }
        return now.stream().allMatch(r -> r.contains("|FAILED"));
    }

    /** Empty when equal; else, per table, what was added and removed (a changed row is both). */
    String differenceFrom(Snapshot before) {
        StringBuilder sb = new StringBuilder();
        Set<String> tables = new TreeSet<>(rows.keySet());
        tables.addAll(before.rows.keySet());
        for (String table : tables) {
            List<String> now = rows.getOrDefault(table, List.of());
            List<String> then = before.rows.getOrDefault(table, List.of());
            if (now.equals(then)) continue;
            Map<String, Integer> count = new HashMap<>();
            for (String r : now) count.merge(r, 1, Integer::sum);
            for (String r : then) count.merge(r, -1, Integer::sum);
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            count.forEach((r, n) -> {
                for (int i = 0; i < Math.abs(n); i++) (n > 0 ? added : removed).add(r);
            });
            if (sb.length() > 0) sb.append("; ");
            sb.append(table).append(": +").append(added.size()).append(" -").append(removed.size());
            if (!added.isEmpty())
                sb.append(" e.g. +[")
                        .append(Text.cut(Text.visible(added.get(0)), 160))
                        .append(']');
            if (!removed.isEmpty())
                sb.append(" e.g. -[")
                        .append(Text.cut(Text.visible(removed.get(0)), 160))
                        .append(']');
        }
        return sb.toString();
    }
}
