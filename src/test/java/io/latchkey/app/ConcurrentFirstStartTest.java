package io.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two processes started at the same moment on one empty PostgreSQL database (as a deployment of several replicas
 * does on its first rollout), with the same master key and admin settings: both must come up and serve, and there
 * must be one administrators environment. A race, so each case runs several rounds, each on a new database.
 */
@ResourceLock("latchkey-server-processes")
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class ConcurrentFirstStartTest {
    private static final int ROUNDS_WITH_CONFIGURED_ADMIN = 3;
    private static final int ROUNDS_WITH_GENERATED_ADMIN = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one process printed about the admin it created, if it printed anything. */
    private record Printed(String environmentId, String clientId, String secret) {}

    @Test
    void bothProcessesServeTheOneConfiguredAdministratorsEnvironment() throws Exception {
        for (int round = 1; round <= ROUNDS_WITH_CONFIGURED_ADMIN; round++) {
            ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.POSTGRES);
            List<ServerProcess> both = startTogether(setup, "configured-" + round);
            try {
                for (ServerProcess p : both) {
                    String token = p.adminToken();
                    JsonNode environments = environments(p, token);
                    assertThat(environments.path("count").asInt())
                            .as("round %d: environments listed by %s: %s", round, p, environments)
                            .isEqualTo(1);
                    JsonNode only =
                            environments.path("_embedded").path("environments").path(0);
                    assertThat(only.path("id").asText())
                            .as("round %d, %s", round, p)
                            .isEqualTo(setup.adminEnvironmentId());
                    assertThat(only.path("name").asText())
                            .as("round %d, %s", round, p)
                            .isEqualTo("Administrators");
                }
                assertThat(environmentIds(setup))
                        .as("round %d: environments in the database", round)
                        .containsExactly(setup.adminEnvironmentId());
            } finally {
                both.forEach(ServerProcess::close);
            }
        }
    }

    @Test
    void bothProcessesComeUpAndOneAdministratorsEnvironmentIsGeneratedWhoseCredentialsWorkOnBoth() throws Exception {
        for (int round = 1; round <= ROUNDS_WITH_GENERATED_ADMIN; round++) {
            ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.POSTGRES).withGeneratedAdmin();
            List<ServerProcess> both = startTogether(setup, "generated-" + round);
            try {
                List<String> inDatabase = environmentIds(setup);
                assertThat(inDatabase)
                        .as(
                                "round %d: environments in the database after both started\n%s\n%s",
                                round, both.get(0).output(), both.get(1).output())
                        .hasSize(1);
                List<Printed> printed = new ArrayList<>();
                for (ServerProcess p : both) {
                    Printed credentials = printed(p.output());
                    if (credentials != null) printed.add(credentials);
                }
                assertThat(printed)
                        .as("round %d: one of the processes printed the admin it created", round)
                        .isNotEmpty();
                // Whatever a process printed is what an operator will use: it must be the admin that exists, on either
                // process.
                for (Printed credentials : printed) {
                    assertThat(credentials.environmentId())
                            .as("round %d: printed environment id", round)
                            .isEqualTo(inDatabase.get(0));
                    for (ServerProcess p : both) {
                        String token =
                                p.token(credentials.environmentId(), credentials.clientId(), credentials.secret());
                        assertThat(environments(p, token).path("count").asInt())
                                .as("round %d: environments listed by %s", round, p)
                                .isEqualTo(1);
                    }
                }
            } finally {
                both.forEach(ServerProcess::close);
            }
        }
    }

    /** Launches two processes back to back on {@code setup}'s database, then waits for both; fails if either does not serve. */
    private static List<ServerProcess> startTogether(ServerProcess.Setup setup, String name) {
        List<ServerProcess> both = List.of(
                ServerProcess.launch(setup, name + "-a"), ServerProcess.launch(setup.withOwnDataDir(), name + "-b"));
        List<String> failures = new ArrayList<>();
        for (ServerProcess p : both) {
            try {
                p.awaitServing();
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            both.forEach(ServerProcess::close);
            throw new AssertionError(name + ": of two processes started together on an empty database, "
                    + failures.size() + " did not come up:\n" + String.join("\n----\n", failures));
        }
        return both;
    }

    private static JsonNode environments(ServerProcess p, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(p.baseUrl() + "/v1/environments"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode())
                .as("GET /v1/environments on %s: %s", p, r.body())
                .isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The ids of all environments, read from the database directly. */
    private static List<String> environmentIds(ServerProcess.Setup setup) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        setup.databaseUrl(), setup.databaseUser(), setup.databasePassword());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select id from environments order by id")) {
            while (rows.next()) ids.add(rows.getString(1));
        }
        return ids;
    }

    private static Printed printed(String output) {
        String env = value(output, "LATCHKEY_ADMIN_ENVIRONMENT_ID");
        String client = value(output, "LATCHKEY_ADMIN_CLIENT_ID");
        String secret = value(output, "LATCHKEY_ADMIN_CLIENT_SECRET");
        if (env == null && client == null && secret == null) return null;
        assertThat(env).as("printed environment id in\n%s", output).isNotNull();
        assertThat(client).as("printed client id in\n%s", output).isNotNull();
        assertThat(secret).as("printed secret in\n%s", output).isNotNull();
        return new Printed(env, client, secret);
    }

    private static String value(String output, String name) {
        Matcher m = Pattern.compile("^\\s*" + name + "=(\\S+)\\s*$", Pattern.MULTILINE)
                .matcher(output);
        return m.find() ? m.group(1) : null;
    }
}
