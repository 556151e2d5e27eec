package io.latchkey.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived {@code latchkey <command>} in a JVM of its own, with the master key of a {@link ServerProcess.Setup}
 * in its environment (as an operator runs it), for CLI commands other than {@code serve}.
 */
public final class CliProcess {
    private CliProcess() {}

    /** What the command did: its exit code, stdout and stderr, kept apart. */
    public record Outcome(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs {@code io.latchkey.Main args} with {@code LATCHKEY_MASTER_KEY} from {@code setup} (when it has one). */
    public static Outcome run(ServerProcess.Setup setup, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.latchkey.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LATCHKEY_"));
        if (setup != null && setup.masterKey() != null) env.put("LATCHKEY_MASTER_KEY", setup.masterKey());
        try {
            Path out = Files.createTempFile("latchkey-cli-", ".out");
            Path err = Files.createTempFile("latchkey-cli-", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("latchkey " + String.join(" ", args) + " did not end within 90 s:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Outcome(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code --data-dir} or {@code --database-*} options that point a command at {@code setup}'s data. */
    public static List<String> dataOptions(ServerProcess.Setup setup) {
        List<String> options =
                new ArrayList<>(List.of("--data-dir", setup.dataDir().toString()));
        if (setup.databaseUrl() != null) {
            options.addAll(List.of("--database-url", setup.databaseUrl()));
            if (setup.databaseUser() != null) options.addAll(List.of("--database-user", setup.databaseUser()));
            if (setup.databasePassword() != null) options.add("--database-password=" + setup.databasePassword());
        }
        return options;
    }
}
