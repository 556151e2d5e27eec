package io.latchkey.portability;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's columns and primary key as the database describes them, so that export and import follow the schema of
 * the running version without a column list to keep in step with every migration.
 */
record TableColumns(String table, Map<String, Integer> types, List<String> primaryKey) {

    static TableColumns of(Connection c, String table) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select * from " + table + " where 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++)
                types.put(md.getColumnLabel(i).toLowerCase(), md.getColumnType(i));
        }
        TreeMap<Short, String> key = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getPrimaryKeys(null, "public", table)) {
            while (rs.next())
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase());
        }
        if (key.isEmpty()) throw new IllegalStateException("Table " + table + " has no primary key");
        return new TableColumns(table, types, List.copyOf(key.values()));
    }

    List<String> names() {
        return new ArrayList<>(types.keySet());
    }

    boolean has(String column) {
        return types.containsKey(column);
    }

    /** The primary key as ORDER BY, so that rows come out in the same order on every run and database. */
    String orderBy() {
        return String.join(", ", primaryKey);
    }
}
