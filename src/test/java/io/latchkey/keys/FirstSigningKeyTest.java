package io.latchkey.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.app.Latchkey;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * An environment gets its signing key with its first use, not with its creation (an RSA key takes 0.1-0.5 s to
 * make); concurrent first uses, on one process or on two sharing a database, end with one key that all sign with.
 */
class FirstSigningKeyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static long keys(TestServer server, String env) {
        return server.latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from signing_keys where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one());
    }

    private static String kid(String baseUrl, String env) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/" + env + "/as/jwks"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return io.latchkey.http.Json.parse(r.body())
                .path("keys")
                .get(0)
                .path("kid")
                .asText();
    }

    private static Set<String> concurrentFirstUses(String env, String... baseUrls) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> kids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String base = baseUrls[i % baseUrls.length];
                kids.add(pool.submit((Callable<String>) () -> kid(base, env)));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> k : kids) distinct.add(k.get());
            return distinct;
        }
    }

    @Test
    void aNewEnvironmentHasNoKeyUntilItsFirstUseAndThenExactlyOne() throws Exception {
        TestServer server = TestServer.shared(Db.H2);
        String env = Fixtures.environment(server.admin());
        assertThat(keys(server, env)).isZero();
        Set<String> kids = concurrentFirstUses(env, server.baseUrl());
        assertThat(kids).hasSize(1);
        assertThat(keys(server, env)).isEqualTo(1);
        // Tokens are signed with that key.
        var app = io.latchkey.environments.EnvironmentFixtures.worker(server.admin(), env);
        String token = io.restassured.RestAssured.given()
                .baseUri(server.baseUrl())
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("grant_type", "client_credentials")
                .post("/" + env + "/as/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        assertThat(com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID())
                .isEqualTo(kids.iterator().next());
    }

    @Test
    void twoProcessesOnOneDatabaseMakeOneKeyBetweenThem() throws Exception {
        TestServer first = TestServer.shared(Db.POSTGRES);
        for (int round = 0; round < 3; round++) {
            String env = Fixtures.environment(first.admin());
            try (Latchkey second = first.sibling()) {
                Set<String> kids = concurrentFirstUses(env, first.baseUrl(), "http://localhost:" + second.port());
                assertThat(kids).as("round " + round).hasSize(1);
            }
            assertThat(keys(first, env)).isEqualTo(1);
        }
    }

    @Test
    void anUnknownEnvironmentGetsNoKey() throws Exception {
        TestServer server = TestServer.shared(Db.H2);
        String unknown = java.util.UUID.randomUUID().toString();
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + unknown + "/as/jwks"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(keys(server, unknown)).isZero();
    }
}
