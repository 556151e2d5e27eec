package io.latchkey.app;

import static io.latchkey.environments.EnvironmentFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.environments.EnvironmentFixtures.Client;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What must hold across restarts, and what is stored at rest. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: data and sealed secrets must survive a restart on each store
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class RestartAndSecretsTest {
    @Parameter
    Db db;

    private static String otherMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aRestartKeepsEnvironmentsApplicationsSecretsKeysAndIssuedTokens() {
        try (TestServer own = TestServer.start(db)) {
            Api admin = own.admin();
            String env = Fixtures.environment(admin);
            Client app = worker(admin, env);
            String adminToken = admin.token();
            String jwks = own.anonymous().request().get("/" + env + "/as/jwks").asString();
            String name = admin.get("/v1/environments/{env}", env).path("name");

            own.restart();

            Api after = own.admin();
            after.get("/v1/environments/{env}", env).then().statusCode(200).body("name", equalTo(name));
            after.get("/v1/environments/{env}/applications/{id}", env, app.id())
                    .then()
                    .statusCode(200);
            after.get("/v1/environments/{env}/applications/{id}/secret", env, app.id())
                    .then()
                    .statusCode(200)
                    .body("secret", equalTo(app.secret()));
            Api.withClientCredentials(own, env, app.id(), app.secret());
            own.anonymous()
                    .request()
                    .header("Authorization", "Bearer " + adminToken)
                    .get("/v1/environments/{env}", env)
                    .then()
                    .statusCode(200);
            assertThat(own.anonymous().request().get("/" + env + "/as/jwks").asString())
                    .isEqualTo(jwks);
            // No second bootstrap: one administrators environment, one admin application.
            after.request()
                    .queryParam("filter", "name sw \"Administrators\"")
                    .get("/v1/environments")
                    .then()
                    .statusCode(200)
                    .body("count", equalTo(1));
            assertThat(EnvironmentFixtures.rows(own, "applications", own.adminEnvironmentId))
                    .isEqualTo(1);
        }
    }

    @Test
    void aStartWithAnotherMasterKeyIsRefusedAndChangesNothing() {
        try (TestServer own = TestServer.start(db)) {
            String env = Fixtures.environment(own.admin());
            Config config = own.config();
            own.latchkey().close();
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            assertThatThrownBy(() -> Latchkey.start(config.withMasterKey(otherMasterKey()), new PrintStream(console)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("master key");
            assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
            own.restart(); // with the right key, on the same port: the refused start released everything
            own.admin().get("/v1/environments/{env}", env).then().statusCode(200);
        }
    }

    @Test
    void clientSecretsAndPrivateKeysAreSealedAtRest() {
        TestServer server = TestServer.shared(db);
        String env = Fixtures.environment(server.admin());
        Client app = worker(server.admin(), env);
        SecretBox box = new SecretBox(Base64.getDecoder().decode(server.config().masterKey()));
        var database = server.latchkey().database();

        for (Client c :
                new Client[] {app, new Client(server.adminEnvironmentId, server.adminClientId, server.adminClientSecret)
                }) {
            Map<String, Object> row =
                    database.withHandle(h -> h.createQuery("select * from applications where id = :id")
                            .bind("id", c.id())
                            .mapToMap()
                            .one());
            String sealed = (String) row.get("secret_enc");
            assertThat(sealed).startsWith("v1:").doesNotContain(c.secret());
            assertThat(box.decrypt(sealed)).isEqualTo(c.secret()); // sealed, not hashed: GET .../secret must return it
            assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(c.secret()));
        }
        assertThat(app.secret()).hasSizeGreaterThanOrEqualTo(64);

        server.anonymous()
                .request()
                .get("/" + env + "/as/jwks")
                .then()
                .statusCode(200); // the key comes with the first use
        Map<String, Object> key =
                database.withHandle(h -> h.createQuery("select * from signing_keys where environment_id = :env")
                        .bind("env", env)
                        .mapToMap()
                        .one());
        assertThat((String) key.get("private_key_enc")).startsWith("v1:").doesNotContain("\"d\"");
        assertThat((String) key.get("public_jwk")).doesNotContain("\"d\"");
        assertThat(box.decrypt((String) key.get("private_key_enc"))).contains("\"d\"");
    }

    @Test
    void noSecretIsInTheEmbeddedDatabaseFileInClear() throws Exception {
        // PostgreSQL's files are not ours to read; the row checks above cover it.
        org.junit.jupiter.api.Assumptions.assumeTrue(db == Db.H2);
        try (TestServer own = TestServer.start(db)) {
            Client app = worker(own.admin(), Fixtures.environment(own.admin()));
            own.latchkey().close(); // H2 writes everything out on close
            Path file = own.config().dataDir().resolve("latchkey.mv.db");
            String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(raw).contains("Administrators"); // the file is readable and holds the data
            assertThat(raw).doesNotContain(app.secret()).doesNotContain(own.adminClientSecret);
            own.restart();
        }
    }
}
