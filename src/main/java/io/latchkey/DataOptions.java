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

    /** The innermost message of an unexpected failure (most likely the database could not be reached). */
    static String innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause.getMessage();
    }
}
