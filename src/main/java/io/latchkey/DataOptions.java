package io.latchkey;

import io.latchkey.app.Config;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data is, as {@code serve} is told: the commands that run beside it share these options. */
final class DataOptions {
    @Option(
            names = "--data-dir",
            defaultValue = "${env:LATCHKEY_DATA_DIR:-./latchkey-data}",
            description = "Directory of the embedded database and master key file (LATCHKEY_DATA_DIR).")
    Path dataDir;

    @Option(
            names = "--database-url",
            defaultValue = "${env:LATCHKEY_DATABASE_URL}",
            description = "JDBC URL of a PostgreSQL database (LATCHKEY_DATABASE_URL); embedded H2 when absent.")
    String databaseUrl;

    @Option(
            names = "--database-user",
            defaultValue = "${env:LATCHKEY_DATABASE_USER}",
            description = "LATCHKEY_DATABASE_USER")
    String databaseUser;

    @Option(
            names = "--database-password",
            defaultValue = "${env:LATCHKEY_DATABASE_PASSWORD}",
            description = "LATCHKEY_DATABASE_PASSWORD",
            arity = "0..1",
            interactive = false)
    String databasePassword;

    Config config() {
        String url = databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl.trim();
        return Config.defaults(dataDir)
                .withDatabase(url, databaseUser, databasePassword)
                .withMasterKey(System.getenv("LATCHKEY_MASTER_KEY"));
    }

    /**
     * What to tell of an unexpected failure: the innermost message when the database could not be reached (SQLState
     * class 08) or it is not the database's; otherwise only the SQLState, since a database's message can quote the
     * values of a row (a password hash, say).
     */
    static String innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof java.sql.SQLException s
                && (s.getSQLState() == null || !s.getSQLState().startsWith("08")))
            return "the database refused a statement (SQLState " + s.getSQLState() + ")";
        return cause.getMessage();
    }
}
