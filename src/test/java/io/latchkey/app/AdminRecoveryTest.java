package io.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.CliProcess;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code latchkey bootstrap-admin}, run as an operator runs it: a process of its own on the data of a real server
 * process, whose management API must then accept the printed credentials and refuse the replaced secret.
 */
class AdminRecoveryTest {

    private static CliProcess.Outcome bootstrapAdmin(ServerProcess.Setup setup, String... extra) {
        List<String> args = new ArrayList<>(List.of("bootstrap-admin"));
        args.addAll(CliProcess.dataOptions(setup));
        args.addAll(List.of(extra));
        return CliProcess.run(setup, args.toArray(String[]::new));
    }

    /** The {@code LATCHKEY_ADMIN_*} lines of a successful run; stdout holds nothing else. */
    private static Map<String, String> printed(CliProcess.Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        List<String> lines = outcome.stdout().lines().toList();
        assertThat(lines).as(outcome.toString()).hasSize(3).allMatch(l -> l.startsWith("LATCHKEY_ADMIN_"));
        return lines.stream()
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    private static void assertRefusedInOneLine(CliProcess.Outcome outcome, String says) {
        assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(2);
        assertThat(outcome.stdout()).as(outcome.toString()).isEmpty();
        assertThat(outcome.stderr().lines().toList()).as(outcome.toString()).hasSize(1);
        assertThat(outcome.stderr()).as(outcome.toString()).contains(says);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int tokenStatus(ServerProcess server, String env, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + env + "/as/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build())
                .statusCode();
    }

    /** The printed credentials get a token, and the management API accepts it: the operator is back in. */
    private static void assertAdministers(ServerProcess server, Map<String, String> credentials) {
        String token = server.token(
                credentials.get("LATCHKEY_ADMIN_ENVIRONMENT_ID"),
                credentials.get("LATCHKEY_ADMIN_CLIENT_ID"),
                credentials.get("LATCHKEY_ADMIN_CLIENT_SECRET"));
        HttpResponse<String> environments =
                send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/environments"))
                        .header("Authorization", "Bearer " + token)
                        .build());
        assertThat(environments.statusCode()).as(environments.body()).isEqualTo(200);
        // Identity Data Admin too: a user can be listed in the administrators environment.
        HttpResponse<String> users = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/environments/"
                        + credentials.get("LATCHKEY_ADMIN_ENVIRONMENT_ID") + "/users"))
                .header("Authorization", "Bearer " + token)
                .build());
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aResetSecretAndANewWorkerAdministerAndTheOldSecretIsRefused(Db db) {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(db);
        ServerProcess server = ServerProcess.start(setup, "before-recovery");
        try {
            assertThat(tokenStatus(
                            server, setup.adminEnvironmentId(), setup.adminClientId(), setup.adminClientSecret()))
                    .isEqualTo(200);
            if (db == Db.H2) {
                assertRefusedInOneLine(
                        bootstrapAdmin(setup, "--client-id", setup.adminClientId()),
                        "in use by a running Latchkey server");
                // Refused before anything changed: the old secret still works.
                assertThat(tokenStatus(
                                server, setup.adminEnvironmentId(), setup.adminClientId(), setup.adminClientSecret()))
                        .isEqualTo(200);
                server.close();
            }

            Map<String, String> reset = printed(bootstrapAdmin(setup, "--client-id", setup.adminClientId()));
            Map<String, String> created = printed(bootstrapAdmin(setup));

            assertThat(reset)
                    .containsEntry("LATCHKEY_ADMIN_ENVIRONMENT_ID", setup.adminEnvironmentId())
                    .containsEntry("LATCHKEY_ADMIN_CLIENT_ID", setup.adminClientId());
            assertThat(reset.get("LATCHKEY_ADMIN_CLIENT_SECRET")).hasSize(64).isNotEqualTo(setup.adminClientSecret());
            assertThat(created).containsEntry("LATCHKEY_ADMIN_ENVIRONMENT_ID", setup.adminEnvironmentId());
            assertThat(created.get("LATCHKEY_ADMIN_CLIENT_ID")).isNotEqualTo(setup.adminClientId());

            // PostgreSQL: the server that ran beside the command all along; H2: a new one on the same data.
            if (db == Db.H2) server = ServerProcess.start(setup, "after-recovery");
            assertAdministers(server, reset);
            assertAdministers(server, created);
            assertThat(tokenStatus(
                            server, setup.adminEnvironmentId(), setup.adminClientId(), setup.adminClientSecret()))
                    .as("the replaced secret")
                    .isEqualTo(401);
        } finally {
            server.close();
        }
    }

    @Test
    void whatCannotBeRecoveredIsSaidInOneLineWithANonZeroExit() throws IOException {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        ServerProcess.start(setup, "refusals").close();
        ServerProcess.Setup empty = ServerProcess.Setup.fresh(Db.H2);

        assertRefusedInOneLine(bootstrapAdmin(empty), "There is no Latchkey database in");
        assertThat(empty.dataDir()).isEmptyDirectory(); // nothing created: no database, no key file
        assertRefusedInOneLine(bootstrapAdmin(setup, "--client-id", "not-a-uuid"), "--client-id must be a UUID");
        assertRefusedInOneLine(bootstrapAdmin(setup, "--environment-id", "x"), "--environment-id must be a UUID");
        String unknown = UUID.randomUUID().toString();
        assertRefusedInOneLine(bootstrapAdmin(setup, "--client-id", unknown), "There is no application " + unknown);
        assertRefusedInOneLine(
                bootstrapAdmin(setup, "--environment-id", unknown), "There is no environment " + unknown);
        ServerProcess.Setup otherKey = ServerProcess.Setup.fresh(Db.H2);
        ServerProcess.Setup wrongKey =
                new ServerProcess.Setup(setup.dataDir(), null, null, null, otherKey.masterKey(), null, null, null);
        assertRefusedInOneLine(bootstrapAdmin(wrongKey), "The master key does not match");
        ServerProcess.Setup noKey = new ServerProcess.Setup(setup.dataDir(), null, null, null, null, null, null, null);
        assertRefusedInOneLine(bootstrapAdmin(noKey), "No master key");
        assertThat(Files.exists(setup.dataDir().resolve("master.key"))).isFalse();

        CliProcess.Outcome unknownOption = bootstrapAdmin(setup, "--client-secret", "x");
        assertThat(unknownOption.exitCode()).as(unknownOption.toString()).isEqualTo(2);
        assertThat(unknownOption.stdout()).isEmpty();
        assertThat(unknownOption.stderr().lines().findFirst().orElse(""))
                .as(unknownOption.toString())
                .contains("--client-secret");
    }
}
