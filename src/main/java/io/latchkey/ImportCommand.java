package io.latchkey;

import io.latchkey.app.AdminRecovery;
import io.latchkey.app.Portability;
import io.latchkey.portability.EnvironmentImporter;
import io.latchkey.portability.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey import FILE}: makes the environments of an export match the file (see EnvironmentImporter). */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import a file written by latchkey export: each environment's rows are created or updated by id (ids are"
                    + " kept), rows the file does not hold are left alone. Each environment is imported whole or not"
                    + " at all. Importing the same file again changes nothing, and says so.",
            "Run it where the data is (the same options and LATCHKEY_MASTER_KEY as serve); an empty --data-dir or"
                    + " database is set up as at a server's first start. On embedded H2 stop the server first.",
            "Exit code: 0 imported (or nothing to change), 1 an environment was refused, 2 the file or options were."
        })
final class ImportCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "FILE", description = "The export to read; - reads stdin.")
    Path file;

    @Option(names = "--dry-run", description = "Say what would be created, updated or left unchanged; change nothing.")
    boolean dryRun;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal.")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        boolean stdin = file.toString().equals("-");
        if (!stdin && !Files.isRegularFile(file)) {
            err.println("import: there is no file " + file + ".");
            return 2;
        }
        Progress bar = new Progress(err, progress || System.console() != null);
        try (InputStream in = new BufferedInputStream(stdin ? System.in : Files.newInputStream(file))) {
            long size = stdin ? 0 : Files.size(file);
            EnvironmentImporter.Result result = Portability.importFrom(data.config(), in, size, dryRun, bar);
            result.summary().lines(dryRun).forEach(out::println);
            if (!result.summary().anyChange() && !result.summary().anyRefused())
                out.println(
                        dryRun ? "Nothing would change." : "Nothing changed: the database already matches the file.");
            else if (dryRun) out.println("Dry run: nothing was changed.");
            out.flush();
            return result.summary().anyRefused() ? 1 : 0;
        } catch (AdminRecovery.Refused | EnvironmentImporter.Unreadable e) {
            err.println("import: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("import: failed: " + DataOptions.innermost(e));
            return 1;
        }
    }
}
