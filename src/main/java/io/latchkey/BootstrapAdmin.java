package io.latchkey;

import io.latchkey.app.AdminRecovery;
import io.latchkey.app.Config;
import io.latchkey.app.StartupFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey bootstrap-admin}: the way back in for a locked-out operator (see {@link AdminRecovery}). The
 * credentials go to stdout only, as {@code LATCHKEY_ADMIN_*=} lines a script can read; everything else to stderr.
 */
@Command(
        name = "bootstrap-admin",
        mixinStandardHelpOptions = true,
        description = {
            "Create an administrator worker application, or with --client-id give an existing one a new secret (the old"
                    + " one stops working at once), and print its credentials once.",
            "Run it where the data is: the same --data-dir or --database-* options and LATCHKEY_MASTER_KEY as serve."
                    + " On PostgreSQL it may run beside the servers; on embedded H2 stop the server first."
        })
final class BootstrapAdmin implements Callable<Integer> {
    /** Exit code of a refusal (bad option, nothing to recover, data dir in use), as picocli's for bad options. */
    private static final int REFUSED = 2;

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

    @Option(
            names = "--environment-id",
            defaultValue = "${env:LATCHKEY_ADMIN_ENVIRONMENT_ID}",
            description = "The administrators environment (LATCHKEY_ADMIN_ENVIRONMENT_ID); default: the one the first"
                    + " start created.")
    String environmentId;

    // No environment-variable default: resetting a worker's secret must be asked for by name.
    @Option(
            names = "--client-id",
            description = "Reset this worker application's secret instead of creating a new worker.")
    String clientId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config config = Config.defaults(dataDir)
                .withDatabase(blankToNull(databaseUrl), databaseUser, databasePassword)
                .withMasterKey(System.getenv("LATCHKEY_MASTER_KEY"));
        PrintWriter err = spec.commandLine().getErr();
        AdminRecovery.Result result;
        try {
            result = AdminRecovery.run(config, blankToNull(environmentId), blankToNull(clientId));
        } catch (AdminRecovery.Refused e) {
            err.println("bootstrap-admin: " + e.getMessage());
            return REFUSED;
        } catch (RuntimeException e) {
            // Most likely the database could not be reached or refused us: said as serve says it.
            String why = StartupFailure.explain(e, config).orElseGet(() -> {
                Throwable cause = e;
                while (cause.getCause() != null) cause = cause.getCause();
                return "failed: " + cause.getClass().getSimpleName();
            });
            err.println("bootstrap-admin: " + why);
            return 1;
        }
        err.println(
                result.created()
                        ? "Created an administrator worker application. Its secret is shown once:"
                        : "Gave the worker application a new secret; the old one no longer works. It is shown once:");
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println("LATCHKEY_ADMIN_ENVIRONMENT_ID=" + result.environmentId());
        out.println("LATCHKEY_ADMIN_CLIENT_ID=" + result.clientId());
        out.println("LATCHKEY_ADMIN_CLIENT_SECRET=" + result.secret());
        out.flush();
        return 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
