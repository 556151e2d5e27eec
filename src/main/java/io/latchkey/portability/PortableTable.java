package io.latchkey.portability;

import java.util.List;

/**
 * One table of an environment's export, under its own name in the file ({@code tables.<table>}).
 *
 * @param name         its name in the file (the table's, except for users' role assignments)
 * @param table        the table
 * @param users        whether it holds users' data (exported only with {@code --with-users})
 * @param where        which of its rows belong to environment {@code :env} (and to the export)
 * @param sealed       columns sealed with the master key: exported in clear with {@code --with-secrets}, else withheld
 */
record PortableTable(String name, String table, boolean users, String where, List<String> sealed) {

    static PortableTable of(String table) {
        return new PortableTable(table, table, false, "environment_id = :env", List.of());
    }

    static PortableTable ofUsers(String table) {
        return new PortableTable(table, table, true, "environment_id = :env", List.of());
    }

    /** An environment's rows of the table; {@code environments} is the environment's own row. */
    String selectSql() {
        return "select * from " + table + " where " + where;
    }
}
