package io.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.CliProcess;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A start the operator can fix is refused in one line that says what to do: no stack trace, nothing left behind. */
@ResourceLock("latchkey-server-processes")
class StartupRefusalsTest {
    private static final Duration EXIT = Duration.ofSeconds(90);

    @Test
    void aPortInUseIsOneLine() throws IOException {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0)); // every interface, as the server binds
            try (ServerProcess p = ServerProcess.launch(setup, "port-taken", taken.getLocalPort())) {
                assertThat(p.awaitExit(EXIT)).as(p.output()).isEqualTo(1);
                assertRefusedInOneLine(
                        p.output(), "Port " + taken.getLocalPort() + " is already in use by another process");
            }
        }
        assertNoTraceFile(setup.dataDir());
    }

    @Test
    void aManagementPortInUseIsOneLineThatNamesIt() throws IOException {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            try (ServerProcess p = ServerProcess.launch(
                    setup, "management-port-taken", 0, List.of("--management-port", Integer.toString(port)))) {
                assertThat(p.awaitExit(EXIT)).as(p.output()).isEqualTo(1);
                assertRefusedInOneLine(
                        p.output(),
                        "Management port " + port + " is already in use by another process: stop it, or choose"
                                + " another port with --management-port (LATCHKEY_MANAGEMENT_PORT).");
            }
        }
        assertNoTraceFile(setup.dataDir());
    }

    @Test
    void aDataDirectoryInUseIsOneLine() throws IOException {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        try (ServerProcess first = ServerProcess.start(setup, "holder");
                ServerProcess second = ServerProcess.launch(setup, "second")) {
            assertThat(second.awaitExit(EXIT)).as(second.output()).isEqualTo(1);
            assertRefusedInOneLine(
                    second.output(),
                    "The data directory " + setup.dataDir().toAbsolutePath() + " is in use by another process");
            assertThat(first.isAlive()).isTrue();
            assertNoTraceFile(setup.dataDir());
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLineForServeAndBootstrapAdmin() throws IOException {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/latchkey?password=do-not-print-me";
        String line = "The database at jdbc:postgresql://127.0.0.1:" + closed + "/latchkey cannot be reached";
        CliProcess.Outcome serve =
                CliProcess.run(setup, "serve", "--port", "0", "--database-url", url, "--database-user", "u");
        assertThat(serve.exitCode()).as(serve.toString()).isEqualTo(1);
        assertRefusedInOneLine(serve.stdout() + serve.stderr(), line);
        assertThat(serve.toString()).doesNotContain("do-not-print-me");

        CliProcess.Outcome recovery =
                CliProcess.run(setup, "bootstrap-admin", "--database-url", url, "--database-user", "u");
        assertThat(recovery.exitCode()).as(recovery.toString()).isEqualTo(1);
        assertRefusedInOneLine(recovery.stderr(), "bootstrap-admin: " + line);
    }

    @Test
    void aMissingPostgresDatabaseIsOneLine() {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.POSTGRES);
        String missing = setup.databaseUrl().replaceFirst("/latchkey_\\d+", "/no_such_database");
        CliProcess.Outcome serve = CliProcess.run(
                setup, "serve", "--port", "0", "--database-url", missing, "--database-user", setup.databaseUser());
        assertThat(serve.exitCode()).as(serve.toString()).isEqualTo(1);
        assertThat(serve.stderr()).as(serve.toString()).contains("does not exist: create it first");
        assertRefusedInOneLine(serve.stdout() + serve.stderr(), "The database at ");
    }

    @Test
    void aMistypedOptionIsTheMistakeAndWhereHelpIs() {
        CliProcess.Outcome outcome = CliProcess.run(null, "bootstrap-admin", "--bogus");
        assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(2);
        assertThat(outcome.stderr().lines())
                .as(outcome.toString())
                .containsExactly("Unknown option: '--bogus'", "Try 'latchkey bootstrap-admin --help'.");
    }

    private static void assertRefusedInOneLine(String output, String line) {
        assertThat(output.lines().filter(l -> l.startsWith(line))).as(output).hasSize(1);
        assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(output.lines().filter(l -> l.contains(" ERROR "))).as(output).isEmpty();
    }

    private static void assertNoTraceFile(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".trace.db"));
        }
    }
}
