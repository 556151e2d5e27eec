package io.latchkey;

import io.latchkey.app.AdminRecovery;
import io.latchkey.app.Portability;
import io.latchkey.portability.EnvironmentExporter;
import io.latchkey.portability.ExportOptions;
import io.latchkey.portability.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latchkey export}: environments as one JSON document (see {@code EnvironmentExporter}). */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write environments (all, or those given with --environment) as one JSON document: applications, resources"
                    + " and scopes, grants, sign-on policies, populations, password policies, groups, MFA policies,"
                    + " schema attributes; users with --with-users. Keys and rows in a fixed order, so that a file kept"
                    + " in git changes by small diffs.",
            "Run it where the data is: the same --data-dir or --database-* options and LATCHKEY_MASTER_KEY as serve."
                    + " On embedded H2 stop the server first."
        })
final class ExportCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = {"--environment", "-e"},
            description = "An environment's id (repeatable); default: all environments.")
    List<String> environments = List.of();

    @Option(
            names = "--with-secrets",
            description = "Write application and resource secrets in clear. Without it they are withheld: an import"
                    + " keeps the stored ones, or makes new ones.")
    boolean withSecrets;

    @Option(
            names = "--with-users",
            description = "Also write users: their password hashes as stored, attribute values, group memberships"
                    + " and roles.")
    boolean withUsers;

    @Option(
            names = {"--output", "-o"},
            description = "The file to write (replaced only once complete); default: stdout.")
    Path output;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal.")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Progress bar = new Progress(err, progress || System.console() != null);
        ExportOptions options = new ExportOptions(
                environments.stream().map(String::trim).map(String::toLowerCase).toList(), withSecrets, withUsers);
        EnvironmentExporter.Counts counts;
        try {
            if (output == null) {
                OutputStream out = new BufferedOutputStream(System.out);
                counts = Portability.export(data.config(), options, out, bar);
                out.flush();
            } else {
                Path dir = output.toAbsolutePath().getParent();
                Path partial = Files.createTempFile(dir, ".latchkey-export-", ".json");
                try {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                        counts = Portability.export(data.config(), options, out, bar);
                    }
                    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            err.println("export: " + counts.environments() + " environment(s), " + counts.rows() + " rows"
                    + (output == null ? "" : ", to " + output));
            if (withSecrets)
                err.println("export: the file holds client and resource secrets in clear; keep it like a password.");
            return 0;
        } catch (AdminRecovery.Refused e) {
            err.println("export: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("export: failed: " + DataOptions.innermost(e));
            return 1;
        }
    }
}
