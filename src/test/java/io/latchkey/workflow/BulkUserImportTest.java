package io.latchkey.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.CliProcess;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import io.latchkey.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code latchkey import-users} from JSON lines and CSV into the reference workflow's environment: each bad line is
 * reported (number, attribute, reason, never a password or hash) and the rest are imported; the imported users then
 * sign on through the workflow's application with the passwords whose hashes were imported.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: batched inserts, and unique usernames within and across batches
class BulkUserImportTest {
    private static final String PASSWORD = "Imported-Pa55word!";
    private static final String REDIRECT = "https://www.example.com";

    @Parameter
    Db db;

    @Test
    void badLinesAreReportedAndTheOthersImportedAndSignOn() throws IOException {
        TestServer server = TestServer.start(db);
        ReferenceWorkflowTest.Setup s;
        try {
            s = ReferenceWorkflowTest.manage(server, false);
        } finally {
            server.close();
        }
        ServerProcess.Setup data = ExportImportWorkflowTest.setupOf(server.config());
        String bcrypt = new BCryptPasswordEncoder(4).encode(PASSWORD);
        String argon2 = new PasswordHasher(TestServer.CHEAP_HASHING).hash(PASSWORD);
        Path jsonl = Files.createTempFile("users-", ".jsonl");
        Files.writeString(
                jsonl,
                String.join(
                        "\n",
                        "{\"username\": \"alice\", \"email\": \"alice@example.com\", \"password\": \"" + bcrypt + "\"}",
                        "{\"username\": \"bob\", \"email\": \"not-an-email\", \"password\": \"" + bcrypt + "\"}",
                        "{\"username\": \"alice\", \"email\": \"alice2@example.com\"}",
                        "{\"username\": \"carol\", \"password\": {\"value\": \"{SCRYPT}c2NyeXB0\"}}",
                        "{\"username\": \"dave\", ",
                        "{\"username\": \"erin\", \"name\": {\"given\": \"Erin\"}, \"password\": \"" + argon2 + "\"}",
                        "{\"username\": \"workflow.user\"}",
                        ""));
        CliProcess.Outcome fromJson =
                ExportImportWorkflowTest.cli(data, "import-users", "--environment", s.env(), jsonl.toString());
        assertThat(fromJson.exitCode()).as(fromJson.toString()).isEqualTo(1);
        assertThat(fromJson.stdout().lines())
                .as(fromJson.toString())
                .anyMatch(l -> l.startsWith("rejected line 2, email: "))
                .anyMatch(l -> l.startsWith("rejected line 3, username: "))
                .anyMatch(l -> l.startsWith("rejected line 4, password"))
                .anyMatch(l -> l.equals("rejected line 5: not valid JSON"))
                .anyMatch(l -> l.startsWith("rejected line 7, username: "))
                .noneMatch(l -> l.startsWith("rejected line 1") || l.startsWith("rejected line 6"))
                .contains("Imported 2 users; rejected 5 lines.");
        assertThat(fromJson.stdout() + fromJson.stderr()).doesNotContain(bcrypt, argon2, "{SCRYPT}", PASSWORD);

        Path csv = Files.createTempFile("users-", ".csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "username,email,name.given,password",
                        "frank,frank@example.com,Frank," + bcrypt,
                        "gina,bad-email,Gina," + bcrypt,
                        "hank,hank@example.com,Hank",
                        "ivy,ivy@example.com,\"Ivy," + bcrypt,
                        ""));
        CliProcess.Outcome fromCsv = ExportImportWorkflowTest.cli(data, "import-users", "-e", s.env(), csv.toString());
        assertThat(fromCsv.exitCode()).as(fromCsv.toString()).isEqualTo(1);
        assertThat(fromCsv.stdout().lines())
                .as(fromCsv.toString())
                .anyMatch(l -> l.startsWith("rejected line 3, email: "))
                .anyMatch(l -> l.equals("rejected line 4: has 3 fields; the header names 4"))
                .anyMatch(l -> l.startsWith("rejected line 5: malformed CSV"))
                .contains("Imported 1 users; rejected 3 lines.");
        assertThat(fromCsv.stdout() + fromCsv.stderr()).doesNotContain(bcrypt);

        TestServer again = TestServer.start(db, c -> server.config().withPort(0));
        try {
            Api admin = Api.withClientCredentials(
                    again, server.adminEnvironmentId, server.adminClientId, server.adminClientSecret);
            admin.get("/v1/environments/{env}/users", s.env())
                    .then()
                    .statusCode(200)
                    .body("count", equalTo(4)); // workflow.user, alice, erin, frank
            for (String username : new String[] {"alice", "erin", "frank"}) signsOn(again, s, username);
        } finally {
            again.close();
        }
    }

    private static void signsOn(TestServer server, ReferenceWorkflowTest.Setup s, String username) {
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), s.env());
        String flowId = BrowserlessClient.flowIdOf(client.authorize(
                Map.of("response_type", "code", "client_id", s.appId(), "redirect_uri", REDIRECT, "scope", "openid")));
        client.signOn(flowId, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }
}
