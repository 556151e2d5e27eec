package io.latchkey.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.TestServer;
import io.latchkey.throttle.ThrottleSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /health/live} and {@code /health/ready} over HTTP, as a Kubernetes probe or a Keycloak user calls them. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: readiness asks the database itself (its catalogue and schema history)
class HealthProbesTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Db db;

    private static HttpResponse<String> send(String base, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void assertProbeAnswer(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void bothProbesAreUpWithoutCredentials() throws Exception {
        String base = TestServer.shared(db).baseUrl();

        HttpResponse<String> live = send(base, "GET", "/health/live");
        assertProbeAnswer(live, 200);
        assertThat(body(live).get("status").asText()).isEqualTo("UP");
        assertThat(body(live).get("checks").isArray()).isTrue();
        assertThat(body(live).get("checks")).isEmpty();

        HttpResponse<String> ready = send(base, "GET", "/health/ready");
        assertProbeAnswer(ready, 200);
        JsonNode json = body(ready);
        assertThat(json.get("status").asText()).isEqualTo("UP");
        assertThat(json.get("checks")).hasSize(1);
        assertThat(json.at("/checks/0/name").asText()).isEqualTo("Latchkey database");
        assertThat(json.at("/checks/0/status").asText()).isEqualTo("UP");
        assertThat(json.at("/checks/0/data").isMissingNode()).isTrue();
    }

    @Test
    void headAnswersAsGetDoesWithoutABody() throws Exception {
        String base = TestServer.shared(db).baseUrl();
        for (String path : new String[] {"/health/live", "/health/ready"}) {
            HttpResponse<String> r = send(base, "HEAD", path);
            assertProbeAnswer(r, 200);
            assertThat(r.body()).as(path).isEmpty();
        }
    }

    @Test
    void credentialsQueriesAndTrailingSlashesChangeNothing() throws Exception {
        String base = TestServer.shared(db).baseUrl();
        for (String path : new String[] {"/health/live", "/health/ready"}) {
            assertProbeAnswer(send(base, "GET", path, "Authorization", "Bearer not-a-token"), 200);
            assertProbeAnswer(send(base, "GET", path, "Authorization", "Basic Og=="), 200);
            assertProbeAnswer(send(base, "GET", path + "?filter=%25zz&limit=-1&cursor="), 200);
            assertProbeAnswer(send(base, "GET", path + "/"), 200);
        }
    }

    @Test
    void otherMethodsAreRefusedAsPingOneRefusesThem() throws Exception {
        String base = TestServer.shared(db).baseUrl();
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            HttpResponse<String> r = send(base, method, "/health/ready");
            assertThat(r.statusCode()).as(method + " " + r.body()).isEqualTo(405);
            assertThat(body(r).get("code").asText()).as(r.body()).isEqualTo("METHOD_NOT_ALLOWED");
        }
        assertThat(send(base, "GET", "/health").statusCode()).isEqualTo(404);
        assertThat(send(base, "GET", "/health/started").statusCode()).isEqualTo(404);
    }

    @Test
    void probesAreNotThrottledWhenTheInteractiveEndpointsAre() throws Exception {
        ThrottleSettings tight = new ThrottleSettings(
                TestServer.GENEROUS.failuresPerAddress(),
                TestServer.GENEROUS.failuresPerUsername(),
                ThrottleSettings.Limit.of(3, "1/h"),
                TestServer.GENEROUS.trustedProxies());
        try (TestServer own = TestServer.start(db, c -> c.withThrottle(tight))) {
            String base = own.baseUrl();
            // The limit is live: the fourth authorize request from this address is refused.
            int last = 0;
            for (int i = 0; i < 4; i++)
                last = send(base, "GET", "/" + own.adminEnvironmentId + "/as/authorize")
                        .statusCode();
            assertThat(last).isEqualTo(429);
            for (int i = 0; i < 20; i++) {
                assertProbeAnswer(send(base, "GET", "/health/live"), 200);
                assertProbeAnswer(send(base, "GET", "/health/ready"), 200);
            }
        }
    }

    @Test
    void readyIsDownWhileTheSchemaIsNotTheOneThisVersionMigratesTo() throws Exception {
        try (TestServer own = TestServer.start(db)) {
            String base = own.baseUrl();
            var jdbi = own.latchkey().database().jdbi();
            // What a newer Latchkey sharing the database leaves behind: a migration this version does not know.
            jdbi.useHandle(h -> h.execute("insert into flyway_schema_history"
                    + " (installed_rank, version, description, type, script, installed_by, execution_time, success)"
                    + " select max(installed_rank) + 1, '9999', 'newer', 'JDBC', 'V9999__Newer', 'test', 0, true"
                    + " from flyway_schema_history"));
            HttpResponse<String> ready = send(base, "GET", "/health/ready");
            assertProbeAnswer(ready, 503);
            assertThat(body(ready).get("status").asText()).isEqualTo("DOWN");
            assertThat(body(ready).at("/checks/0/data/reason").asText()).contains("schema");
            assertProbeAnswer(send(base, "GET", "/health/live"), 200);

            jdbi.useHandle(h -> h.execute("delete from flyway_schema_history where version = '9999'"));
            assertProbeAnswer(send(base, "GET", "/health/ready"), 200);
        }
    }

    @Test
    void readyIsDownWhileTheDatabaseRefusesConnectionsAndLiveStaysUp() throws Exception {
        Assumptions.assumeTrue(db == Db.POSTGRES, "the embedded PostgreSQL can be told to refuse connections");
        try (TestServer own = TestServer.start(db)) {
            String base = own.baseUrl();
            String url = own.config().databaseUrl();
            String name = URI.create(url.substring("jdbc:".length())).getPath().substring(1);
            String adminUrl = url.replace("/" + name, "/postgres");
            assertProbeAnswer(send(base, "GET", "/health/ready"), 200);
            try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "postgres");
                    Statement s = c.createStatement()) {
                s.execute("alter database " + name + " allow_connections false");
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
                try {
                    long started = System.nanoTime();
                    HttpResponse<String> ready = send(base, "GET", "/health/ready");
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    assertProbeAnswer(ready, 503);
                    JsonNode json = body(ready);
                    assertThat(json.get("status").asText()).isEqualTo("DOWN");
                    assertThat(json.at("/checks/0/status").asText()).isEqualTo("DOWN");
                    assertThat(json.at("/checks/0/data/reason").asText()).isNotBlank();
                    assertThat(ready.body()).doesNotContain(name).doesNotContain("postgres");
                    // Within a probe's timeout, although the pool would wait 30 s for a connection.
                    assertThat(millis).isLessThan(5_000);
                    // A second probe while the first check still waits on the pool: DOWN as quickly; HEAD checks too.
                    assertProbeAnswer(send(base, "GET", "/health/ready"), 503);
                    assertProbeAnswer(send(base, "HEAD", "/health/ready"), 503);

                    HttpResponse<String> live = send(base, "GET", "/health/live");
                    assertProbeAnswer(live, 200);
                    assertThat(body(live).get("status").asText()).isEqualTo("UP");
                } finally {
                    s.execute("alter database " + name + " allow_connections true");
                }
            }
            Await.until("ready again once the database accepts connections", Duration.ofSeconds(60), () -> {
                try {
                    return send(base, "GET", "/health/ready").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
