package io.latchkey.portability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.app.Config;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.CliProcess;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.ServerProcess;
import io.latchkey.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules of {@code latchkey export} / {@code import} beyond the workflow (ExportImportWorkflowTest): secrets are
 * withheld unless asked for and then kept or made anew, a change is an update a dry run reports without making, an
 * environment with one bad row is refused whole, and a file that is not an export is refused in one line.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: an environment refused whole is a rolled-back transaction on each
class ExportImportRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Db db;

    private static CliProcess.Outcome cli(ServerProcess.Setup setup, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(CliProcess.dataOptions(setup));
        all.addAll(List.of(args));
        return CliProcess.run(setup, all.toArray(String[]::new));
    }

    private static CliProcess.Outcome ok(CliProcess.Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        return outcome;
    }

    private static JsonNode table(JsonNode export, String env, String table) {
        for (JsonNode e : export.get("environments"))
            if (e.get("id").asText().equals(env)) return e.get("tables").get(table);
        throw new AssertionError("no environment " + env);
    }

    @Test
    void secretsAreWithheldUnlessAskedForAndBadEnvironmentsAreRefusedWhole() throws IOException {
        TestServer source = TestServer.start(db);
        String env;
        String appId;
        String secret;
        try {
            Api admin = source.admin();
            env = Fixtures.environment(admin);
            appId = admin.post(
                            "/v1/environments/{env}/applications",
                            Map.of(
                                    "name",
                                    "App",
                                    "enabled",
                                    true,
                                    "protocol",
                                    "OPENID_CONNECT",
                                    "type",
                                    "WEB_APP",
                                    "grantTypes",
                                    List.of("AUTHORIZATION_CODE"),
                                    "responseTypes",
                                    List.of("CODE"),
                                    "redirectUris",
                                    List.of("https://app.example.com/cb"),
                                    "tokenEndpointAuthMethod",
                                    "CLIENT_SECRET_BASIC"),
                            env)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");
        } finally {
            source.close();
        }
        Config c = source.config();
        ServerProcess.Setup from = new ServerProcess.Setup(
                c.dataDir(), c.databaseUrl(), c.databaseUser(), c.databasePassword(), c.masterKey(), null, null, null);
        Path withheld = Files.createTempFile("latchkey-export-", ".json");
        ok(cli(from, "export", "-e", env, "-o", withheld.toString()));
        assertThat(Files.readString(withheld)).doesNotContain(secret).contains("\"secret_enc\" : \"(withheld)\"");

        // Into an empty database: the application gets a new secret (a withheld one cannot be brought along).
        ServerProcess.Setup to = ServerProcess.Setup.fresh(db);
        ok(cli(to, "import", withheld.toString()));
        Path out = Files.createTempFile("latchkey-export-", ".json");
        ok(cli(to, "export", "-e", env, "--with-secrets", "-o", out.toString()));
        String newSecret = table(JSON.readTree(out.toFile()), env, "applications")
                .get(0)
                .get("secret_enc")
                .asText();
        assertThat(newSecret).hasSize(64).isNotEqualTo(secret);
        // Again: the stored secret is kept, and nothing changes.
        assertThat(ok(cli(to, "import", withheld.toString())).stdout())
                .contains("Nothing changed: the database already matches the file.");
        ok(cli(to, "export", "-e", env, "--with-secrets", "-o", out.toString()));
        assertThat(table(JSON.readTree(out.toFile()), env, "applications")
                        .get(0)
                        .get("secret_enc")
                        .asText())
                .isEqualTo(newSecret);

        // A renamed environment is an update; the dry run says so and leaves it for the import to make.
        ObjectNode renamed = (ObjectNode) JSON.readTree(withheld.toFile());
        String name = "Renamed-" + UUID.randomUUID();
        ((ObjectNode) table(renamed, env, "environments").get(0)).put("name", name);
        ((ObjectNode) table(renamed, env, "environments").get(0)).put("name_lower", name.toLowerCase());
        Path renamedFile = Files.createTempFile("latchkey-export-", ".json");
        JSON.writeValue(renamedFile.toFile(), renamed);
        assertThat(ok(cli(to, "import", "--dry-run", renamedFile.toString())).stdout())
                .containsPattern("environments +would be: 0 created, 1 updated, 0 unchanged");

        // The same change beside a row of another environment: the whole environment is refused, the rename too.
        ObjectNode bad = renamed.deepCopy();
        ((ObjectNode) table(bad, env, "applications").get(0))
                .put("environment_id", UUID.randomUUID().toString());
        Path badFile = Files.createTempFile("latchkey-export-", ".json");
        JSON.writeValue(badFile.toFile(), bad);
        CliProcess.Outcome refused = cli(to, "import", badFile.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout())
                .contains("environment " + env + ": refused, nothing changed:")
                .contains("tables.applications: row id=" + appId + " belongs to another environment");
        assertThat(ok(cli(to, "import", renamedFile.toString())).stdout())
                .containsPattern("environments +0 created, 1 updated, 0 unchanged");

        // Not an export at all.
        Path notAnExport = Files.createTempFile("latchkey-export-", ".json");
        Files.writeString(notAnExport, "{\"latchkeyExport\": 99, \"environments\": []}");
        CliProcess.Outcome unreadable = cli(to, "import", notAnExport.toString());
        assertThat(unreadable.exitCode()).as(unreadable.toString()).isEqualTo(2);
        assertThat(unreadable.stderr().lines().toList())
                .containsExactly("import: latchkeyExport is 99; this version reads 1.");
    }
}
