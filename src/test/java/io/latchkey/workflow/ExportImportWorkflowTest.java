package io.latchkey.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.app.Config;
import io.latchkey.testkit.CliProcess;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import io.latchkey.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code latchkey export} and {@code import} as an operator runs them: the reference workflow's environment is set
 * up over the API, exported with users and secrets, imported into an empty database (after a dry run that must
 * change nothing), imported again (a no-op), and then the workflow's sign-on, token and introspection run against a
 * server on the imported database with the same client id, secret and user password.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: export and import read and write every configuration table
class ExportImportWorkflowTest {
    @Parameter
    Db db;

    static ServerProcess.Setup setupOf(Config c) {
        return new ServerProcess.Setup(
                c.dataDir(), c.databaseUrl(), c.databaseUser(), c.databasePassword(), c.masterKey(), null, null, null);
    }

    static CliProcess.Outcome cli(ServerProcess.Setup setup, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(CliProcess.dataOptions(setup));
        all.addAll(List.of(args));
        return CliProcess.run(setup, all.toArray(String[]::new));
    }

    static CliProcess.Outcome succeeded(CliProcess.Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        return outcome;
    }

    @Test
    void theWorkflowRunsAgainstAnEnvironmentExportedAndImportedIntoAnEmptyDatabase() throws IOException {
        TestServer source = TestServer.start(db);
        ReferenceWorkflowTest.Setup s;
        try {
            s = ReferenceWorkflowTest.manage(source, false);
        } finally {
            source.close(); // embedded H2 admits one process
        }
        ServerProcess.Setup from = setupOf(source.config());
        Path file = Files.createTempFile("latchkey-export-", ".json");
        succeeded(
                cli(from, "export", "--environment", s.env(), "--with-users", "--with-secrets", "-o", file.toString()));
        String exported = Files.readString(file);
        assertThat(exported)
                .startsWith("{\n  \"latchkeyExport\" : 1,")
                .contains(s.appId(), s.userId(), s.secret(), "$argon2id$");
        // Stable: the same data exports to the same bytes.
        Path again = Files.createTempFile("latchkey-export-", ".json");
        CliProcess.Outcome withBar = succeeded(cli(
                from,
                "export",
                "--environment",
                s.env(),
                "--with-users",
                "--with-secrets",
                "--progress",
                "-o",
                again.toString()));
        assertThat(withBar.stderr())
                .contains("] 100% ", "export: 1 environment(s), ")
                .doesNotContain(s.secret());
        assertThat(Files.readString(again)).isEqualTo(exported);

        ServerProcess.Setup to = ServerProcess.Setup.fresh(db);
        CliProcess.Outcome dryRun = succeeded(cli(to, "import", "--dry-run", file.toString()));
        assertThat(dryRun.stdout())
                .contains("environment " + s.env() + ": would change")
                .containsPattern("applications +would be: 1 created, 0 updated, 0 unchanged")
                .contains("Dry run: nothing was changed.");
        // Had the dry run written anything, the import would find it there and create nothing.
        CliProcess.Outcome imported = succeeded(cli(to, "import", file.toString()));
        assertThat(imported.stdout())
                .contains("environment " + s.env() + ": changed")
                .containsPattern("applications +1 created, 0 updated, 0 unchanged")
                .containsPattern("users +1 created, 0 updated, 0 unchanged")
                .doesNotContain(s.secret());
        CliProcess.Outcome reimported = succeeded(cli(to, "import", file.toString()));
        assertThat(reimported.stdout())
                .contains("environment " + s.env() + ": unchanged")
                .containsPattern("applications +0 created, 0 updated, 1 unchanged")
                .contains("Nothing changed: the database already matches the file.");

        TestServer target = TestServer.start(
                db,
                c -> Config.defaults(to.dataDir())
                        .withPort(0)
                        .withMasterKey(to.masterKey())
                        .withDatabase(to.databaseUrl(), to.databaseUser(), to.databasePassword()));
        try {
            ReferenceWorkflowTest.signOnAndIntrospect(
                    new ReferenceWorkflowTest.Setup(target, s.env(), s.appId(), s.secret(), s.userId()));
        } finally {
            target.close();
        }
    }
}
