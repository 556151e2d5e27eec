package io.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.testkit.ContractCheck;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.TestServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The administrator bootstrap and the configuration. Servers started here use the embedded H2 database in a
 * temporary data dir, as a user's first start does; the configured-ids case runs on both databases through
 * {@link TestServer}.
 */
@org.junit.jupiter.api.parallel.Isolated("captures the process log or console")
class BootstrapAndConfigTest {

    private static String printed(String console, String name) {
        Matcher m = Pattern.compile(name + "=(\\S+)").matcher(console);
        assertThat(m.find()).as(name + " printed").isTrue();
        return m.group(1);
    }

    private static RequestSpecification at(Latchkey server) {
        return RestAssured.given().baseUri("http://localhost:" + server.port()).filter(ContractCheck.FILTER);
    }

    private static String token(Latchkey server, String env, String clientId, String secret) {
        return at(server)
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/" + env + "/as/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    @Test
    void theBootstrapUsesTheConfiguredIdsOnBothDatabases() {
        for (Db db : Db.values()) {
            TestServer server = TestServer.shared(db);
            var admin = server.admin();
            admin.get("/v1/environments/{env}", server.adminEnvironmentId)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(server.adminEnvironmentId))
                    .body("name", equalTo("Administrators"));
            admin.get("/v1/environments/{env}/applications/{id}", server.adminEnvironmentId, server.adminClientId)
                    .then()
                    .statusCode(200)
                    .body("type", equalTo("WORKER"))
                    .body("id", equalTo(server.adminClientId));
            admin.get(
                            "/v1/environments/{env}/applications/{id}/secret",
                            server.adminEnvironmentId,
                            server.adminClientId)
                    .then()
                    .statusCode(200)
                    .body("secret", equalTo(server.adminClientSecret));
        }
    }

    @Test
    void aFirstStartWithoutConfiguredIdsGeneratesAndPrintsThemOnceAndAKeyFile() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-boot-");
        Config config = Config.defaults(dir).withPort(0);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String env;
        String clientId;
        String secret;
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (Latchkey server = Latchkey.start(config, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            String out = console.toString(StandardCharsets.UTF_8);
            env = printed(out, "LATCHKEY_ADMIN_ENVIRONMENT_ID");
            clientId = printed(out, "LATCHKEY_ADMIN_CLIENT_ID");
            secret = printed(out, "LATCHKEY_ADMIN_CLIENT_SECRET");
            assertThat(secret).hasSizeGreaterThanOrEqualTo(64);
            String token = token(server, env, clientId, secret);
            at(server)
                    .header("Authorization", "Bearer " + token)
                    .get("/v1/environments/{env}", env)
                    .then()
                    .statusCode(200);
            String again = at(server)
                    .header("Authorization", "Bearer " + token)
                    .post("/v1/environments/{env}/applications/{id}/secret", env, clientId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");
            assertThat(again).isNotEqualTo(secret);
            String first = secret;
            // The generated secret goes to the console once, never to a log.
            assertThat(logged.list)
                    .noneMatch(e -> e.getFormattedMessage().contains(first)
                            || e.getFormattedMessage().contains(again));
            secret = again;
        } finally {
            root.detachAppender(logged);
        }
        Path keyFile = dir.resolve("master.key");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Latchkey server = Latchkey.start(config, new PrintStream(second, true, StandardCharsets.UTF_8))) {
            assertThat(second.toString(StandardCharsets.UTF_8))
                    .as("nothing printed on a later start")
                    .isEmpty();
            token(server, env, clientId, secret);
        }

        // Another key file: the sealed secrets cannot be opened, so the server refuses to start.
        Files.writeString(keyFile, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> Latchkey.start(config, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key");
    }

    @Test
    void aConfiguredSecretIsNeverPrinted() throws Exception {
        String env = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        String secret = "configured-" + UUID.randomUUID() + UUID.randomUUID();
        Config config = Config.defaults(Files.createTempDirectory("latchkey-boot-"))
                .withPort(0)
                .withAdmin(env, client, secret);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Latchkey server = Latchkey.start(config, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            String out = console.toString(StandardCharsets.UTF_8);
            assertThat(printed(out, "LATCHKEY_ADMIN_ENVIRONMENT_ID")).isEqualTo(env);
            assertThat(printed(out, "LATCHKEY_ADMIN_CLIENT_ID")).isEqualTo(client);
            assertThat(out).doesNotContain(secret);
            token(server, env, client, secret);
        }
    }

    @Test
    void aMasterKeyThatIsNotThirtyTwoBytesIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-key-");
        String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> Latchkey.start(
                        Config.defaults(dir).withPort(0).withMasterKey(shortKey),
                        new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Latchkey.start(
                        Config.defaults(dir).withPort(0).withMasterKey("not base64!"),
                        new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adminIdsThatAreNotUuidsAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-boot-");
        Config config = Config.defaults(dir).withPort(0).withAdmin("admins", null, null);
        assertThatThrownBy(() -> Latchkey.start(config, new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("UUID");
        // Nothing half-done: a correct start afterwards bootstraps normally.
        try (Latchkey server =
                Latchkey.start(Config.defaults(dir).withPort(0), new PrintStream(new ByteArrayOutputStream()))) {
            long environments = server.database()
                    .withHandle(h -> h.createQuery("select count(*) from environments")
                            .mapTo(Long.class)
                            .one());
            assertThat(environments).isEqualTo(1L);
        }
    }

    @Test
    void theBaseUrlMakesIssuersAndLinks() throws Exception {
        String env = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        String secret = "s-" + UUID.randomUUID() + UUID.randomUUID();
        Config config = Config.defaults(Files.createTempDirectory("latchkey-url-"))
                .withPort(0)
                .withBaseUrl("https://login.example.com/")
                .withAdmin(env, client, secret);
        try (Latchkey server = Latchkey.start(config, new PrintStream(new ByteArrayOutputStream()))) {
            at(server)
                    .get("/" + env + "/as/.well-known/openid-configuration")
                    .then()
                    .statusCode(200)
                    .body("issuer", equalTo("https://login.example.com/" + env + "/as"))
                    .body("token_endpoint", equalTo("https://login.example.com/" + env + "/as/token"));
            String token = token(server, env, client, secret);
            at(server)
                    .header("Authorization", "Bearer " + token)
                    .get("/v1/environments/{env}", env)
                    .then()
                    .statusCode(200)
                    .body("_links.self.href", equalTo("https://login.example.com/v1/environments/" + env));
            String created = at(server)
                    .header("Authorization", "Bearer " + token)
                    .contentType("application/json")
                    .body(Map.of("name", "url-" + UUID.randomUUID(), "region", "NA", "type", "SANDBOX"))
                    .post("/v1/environments")
                    .then()
                    .statusCode(201)
                    .body("_links.self.href", startsWith("https://login.example.com/v1/environments/"))
                    .extract()
                    .path("id");
            assertThat(created).isNotBlank();
        }
    }
}
