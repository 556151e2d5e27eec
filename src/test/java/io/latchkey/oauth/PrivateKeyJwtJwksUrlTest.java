package io.latchkey.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code private_key_jwt} with the client's keys at its {@code jwksUrl}, served by a real local HTTP server: the keys
 * there authenticate the client (fetched once, then cached; fetched again for a key id the cached set lacks), and a
 * server that fails, answers too much or not at all makes the client {@code invalid_client}, never a 500 or a hang.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PrivateKeyJwtJwksUrlTest {
    private static HttpServer jwksServer;
    /** What each path of the JWKS server does, set by the test that owns the path. */
    private static final Map<String, Consumer<HttpExchange>> PATHS = new ConcurrentHashMap<>();

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    BrowserlessClient client;

    @BeforeAll
    static void startJwksServer() throws IOException {
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        jwksServer.createContext("/", x -> {
            Consumer<HttpExchange> handler = PATHS.get(x.getRequestURI().getPath());
            if (handler == null) answer(x, 404, "{}");
            else handler.accept(x);
        });
        jwksServer.start();
    }

    @AfterAll
    static void stopJwksServer() {
        jwksServer.stop(0);
    }

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    private static void answer(HttpExchange x, int status, String body) {
        try (x) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away (a timeout): nothing to do
        }
    }

    /** A fresh path on the JWKS server doing {@code handler}; returns its URL. */
    private static String serve(Consumer<HttpExchange> handler) {
        String path = "/" + UUID.randomUUID() + "/jwks";
        PATHS.put(path, handler);
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + path;
    }

    /** A WORKER (its token needs no granted scope) with PRIVATE_KEY_JWT keys at {@code jwksUrl}. */
    private String app(String jwksUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "pkj-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WORKER");
        body.put("assignActorRoles", false);
        body.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
        body.put("tokenEndpointAuthMethod", "PRIVATE_KEY_JWT");
        body.put("jwksUrl", jwksUrl);
        return admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .body("jwksUrl", equalTo(jwksUrl))
                .extract()
                .path("id");
    }

    private Response token(String appId, RSAKey key) throws Exception {
        PrivateKeyJWT assertion = new PrivateKeyJWT(
                new ClientID(appId),
                URI.create(server.baseUrl() + "/" + env + "/as/token"),
                JWSAlgorithm.RS256,
                key.toRSAPrivateKey(),
                key.getKeyID(),
                null);
        return client.token(
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion",
                        assertion.getClientAssertion().serialize()),
                null,
                null);
    }

    private static RSAKey key(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private static String publicSet(RSAKey... keys) {
        return new JWKSet(java.util.Arrays.stream(keys)
                        .map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                        .toList())
                .toString();
    }

    @Test
    void theKeysAtTheJwksUrlAuthenticateTheClientAndAreCached() throws Exception {
        RSAKey key = key("k1");
        AtomicInteger fetches = new AtomicInteger();
        String app = app(serve(x -> {
            fetches.incrementAndGet();
            answer(x, 200, publicSet(key));
        }));

        token(app, key).then().statusCode(200).body("access_token", notNullValue());
        token(app, key).then().statusCode(200);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey key = key("k1");
        String app = app(serve(x -> answer(x, 200, publicSet(key))));

        token(app, key("k1")).then().statusCode(401).body("error", equalTo("invalid_client"));
        token(app, key("k2")).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aRotatedKeyIsFetchedWhenAnAssertionNamesIt() throws Exception {
        RSAKey first = key("k1");
        RSAKey second = key("k2");
        AtomicInteger fetches = new AtomicInteger();
        String app = app(serve(
                x -> answer(x, 200, fetches.incrementAndGet() == 1 ? publicSet(first) : publicSet(first, second))));

        token(app, first).then().statusCode(200);
        token(app, second).then().statusCode(200);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailingJwksServerMakesTheClientInvalid() throws Exception {
        String app = app(serve(x -> answer(x, 500, "{\"error\":\"down\"}")));

        token(app, key("k1"))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"))
                .body("error_description", containsString("jwksUrl"));
    }

    @Test
    void aJwksServerThatNeverAnswersCostsSecondsNotAHang() throws Exception {
        String app = app(serve(x -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 200, "{\"keys\":[]}");
        }));

        long start = System.nanoTime();
        token(app, key("k1"))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"))
                .body("error_description", containsString("jwksUrl"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void anOversizedOrMalformedKeySetIsRefused() throws Exception {
        String big = app(serve(x -> answer(x, 200, "{\"keys\":[],\"padding\":\"" + "x".repeat(100_000) + "\"}")));
        token(big, key("k1")).then().statusCode(401).body("error", equalTo("invalid_client"));

        String notJson = app(serve(x -> answer(x, 200, "<html>not keys</html>")));
        token(notJson, key("k1")).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void anUnreachableJwksUrlMakesTheClientInvalid() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String app = app("http://127.0.0.1:" + closedPort + "/jwks");
        token(app, key("k1")).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void plainHttpIsForLoopbackOnly() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "pkj-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "SERVICE");
        body.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
        body.put("tokenEndpointAuthMethod", "PRIVATE_KEY_JWT");
        body.put("jwksUrl", "http://keys.example.com/jwks");
        admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("jwksUrl"));
        body.put("jwksUrl", "http://localhost:8443/jwks");
        admin.post("/v1/environments/{env}/applications", body, env).then().statusCode(201);
    }
}
