package io.latchkey.app;

import io.latchkey.http.TlsException;
import java.net.BindException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The start-up failures an operator causes and can fix (the port taken, the data directory held by another process,
 * a database that cannot be reached or refuses the credentials, TLS files that cannot be served), said in one line
 * with what to do: a stack trace would only bury it.
 */
public final class StartupFailure {
    /** H2's "Database may be already in use": another process holds the file lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private StartupFailure() {}

    /** The management server failed to start (the main port's failure names --port, this one --management-port). */
    static final class ManagementPortFailure extends RuntimeException {
        final int port;

        ManagementPortFailure(int port, Throwable cause) {
            super("The management server on port " + port + " failed to start", cause);
            this.port = port;
        }
    }

    private static boolean boundFailed(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BindException) return true;
        }
        return false;
    }

    /** The one line for {@code failure}, or empty when it is not one of these (then the trace is worth showing). */
    public static Optional<String> explain(Throwable failure, Config config) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ManagementPortFailure m && boundFailed(m)) {
                return Optional.of("Management port " + m.port + " is already in use by another process: stop it, or"
                        + " choose another port with --management-port (LATCHKEY_MANAGEMENT_PORT).");
            }
            if (t instanceof TlsException) return Optional.of(t.getMessage());
            if (t instanceof BindException) {
                return Optional.of("Port " + config.port() + " is already in use by another process: stop it, or"
                        + " choose another port with --port (LATCHKEY_PORT).");
            }
            if (t instanceof SQLException e && e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return Optional.of("The data directory " + config.dataDir().toAbsolutePath()
                        + " is in use by another process (another Latchkey?): stop it, or choose another directory"
                        + " with --data-dir (LATCHKEY_DATA_DIR).");
            }
            if (t instanceof SQLException e && e.getSQLState() != null) {
                Optional<String> why = databaseRefusal(e.getSQLState(), config);
                if (why.isPresent()) return why;
            }
            if (t.getCause() == t) break;
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL's connection failures by SQLState class, in our words: the driver's message is not printed (its text
     * is not ours to vouch for, and a start-up line ends up in logs).
     */
    private static Optional<String> databaseRefusal(String sqlState, Config config) {
        String where = "The database at " + withoutQuery(config.databaseUrl());
        String fix = ": check --database-url, --database-user and LATCHKEY_DATABASE_PASSWORD.";
        if (sqlState.startsWith("08"))
            return Optional.of(where + " cannot be reached (refused, unknown host or timed out)" + fix);
        if (sqlState.startsWith("28")) return Optional.of(where + " refused the user name or password" + fix);
        if (sqlState.equals("3D000")) return Optional.of(where + " does not exist: create it first" + fix);
        return Optional.empty();
    }

    /** A JDBC URL may carry {@code ?password=...}: never repeat its query. */
    private static String withoutQuery(String jdbcUrl) {
        if (jdbcUrl == null) return "(embedded)";
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
