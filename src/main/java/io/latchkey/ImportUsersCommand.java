package io.latchkey;

import io.latchkey.app.AdminRecovery;
import io.latchkey.app.Portability;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.portability.Progress;
import io.latchkey.portability.UserImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey import-users}: bulk user import from JSON lines or CSV (see UserImport). */
@Command(
        name = "import-users",
        mixinStandardHelpOptions = true,
        description = {
            "Create users from a file: JSON lines (one POST /users body per line; \"password\" may be a string) or CSV"
                    + " (a header row: username,email,name.given,name.family,password,...). Passwords may be"
                    + " pre-encoded (Argon2, bcrypt, PBKDF2, SSHA, as the API accepts them) or in clear (checked"
                    + " against the password policy and hashed: slow). Lines that cannot be imported are listed with"
                    + " their number, the attribute and the reason; the others are imported.",
            "Run it where the data is (the same options and LATCHKEY_MASTER_KEY as serve). On embedded H2 stop the"
                    + " server first.",
            "Exit code: 0 every line imported, 1 some lines refused, 2 the options or the file were."
        })
final class ImportUsersCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = {"--environment", "-e"},
            required = true,
            description = "The environment's id.")
    String environment;

    @Option(
            names = "--population",
            description = "The population of every user; default: each line's population.id, else the default one.")
    String population;

    @Option(names = "--format", description = "jsonl or csv; default: from the file name (.csv, else jsonl).")
    UserImport.Format format;

    @Option(
            names = "--argon2-memory-kib",
            defaultValue = "${env:LATCHKEY_ARGON2_MEMORY_KIB:-7168}",
            description = "Argon2id memory for passwords given in clear (LATCHKEY_ARGON2_MEMORY_KIB).")
    int argon2MemoryKib;

    @Option(
            names = "--argon2-iterations",
            defaultValue = "${env:LATCHKEY_ARGON2_ITERATIONS:-5}",
            description = "Argon2id iterations for passwords given in clear (LATCHKEY_ARGON2_ITERATIONS).")
    int argon2Iterations;

    @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal.")
    boolean progress;

    @Parameters(paramLabel = "FILE", description = "The users, .jsonl or .csv (UTF-8).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            err.println("import-users: there is no file " + file + ".");
            return 2;
        }
        UserImport.Format f = format != null
                ? format
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                        ? UserImport.Format.CSV
                        : UserImport.Format.JSONL;
        Progress bar = new Progress(err, progress || System.console() != null);
        try (Stream<String> counted = Files.lines(file, StandardCharsets.UTF_8);
                Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lines = counted.count() - (f == UserImport.Format.CSV ? 1 : 0);
            UserImport.Summary summary = Portability.importUsers(
                    data.config().withPasswordHashing(new PasswordHasher.Cost(argon2MemoryKib, argon2Iterations)),
                    environment.trim().toLowerCase(Locale.ROOT),
                    population == null ? null : population.trim().toLowerCase(Locale.ROOT),
                    in,
                    f,
                    lines,
                    bar);
            summary.rejected().forEach(r -> out.println("rejected " + r));
            out.println("Imported " + summary.imported() + " users; rejected "
                    + summary.rejected().stream()
                            .mapToLong(UserImport.Rejected::line)
                            .distinct()
                            .count()
                    + " lines.");
            out.flush();
            return summary.rejected().isEmpty() ? 0 : 1;
        } catch (AdminRecovery.Refused e) {
            err.println("import-users: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("import-users: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("import-users: failed: " + DataOptions.innermost(e));
            return 1;
        }
    }
}
