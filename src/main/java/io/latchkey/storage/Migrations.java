package io.latchkey.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway. Flyway is only started when the schema history does not already end at
 * {@link #LATEST}: loading it and scanning the jar for migrations is the largest single cost of an ordinary restart
 * (about 0.7 s of a cold JVM), and an up-to-date schema needs none of it.
 */
final class Migrations {
    /** The newest migration in {@code db/migration}; {@code MigrationsTest} keeps the two in step. */
    static final String LATEST = "71";

    private Migrations() {}

    static void apply(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (isCurrent(c)) return;
        } catch (SQLException e) {
            // Cannot tell: let Flyway decide (and report what is wrong).
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** Whether every recorded migration succeeded and the last one applied is {@link #LATEST}. */
    static boolean isCurrent(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Asked first so that an empty database does not log a "relation does not exist" error on PostgreSQL.
            try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables"
                    + " where table_schema = current_schema and table_name = 'flyway_schema_history'")) {
                if (!rs.next() || rs.getInt(1) == 0) return false;
            }
            try (ResultSet rs = s.executeQuery("select version, success from flyway_schema_history"
                    + " where version is not null order by installed_rank desc")) {
                if (!rs.next() || !LATEST.equals(rs.getString(1)) || !rs.getBoolean(2)) return false;
                while (rs.next()) if (!rs.getBoolean(2)) return false;
                return true;
            }
        }
    }
}
