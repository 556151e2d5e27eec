package io.latchkey.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.Json;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bad input reported against main a1b9b69 (issue 9, findings 3-5), each sent as raw bytes: every one was a
 * 500 or was accepted; each must be a PingOne-style 4xx (OAuth-style on the OAuth endpoints) that changes nothing.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: these were 500s on one database only (index entry size, NUL, case folding,
// long hashes)
class ReportedBadInputTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LONG_DOTTED_I = "\u0130".repeat(128);

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.shared(db);
    }

    private Api admin() {
        return server().admin();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, boolean withToken)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server().baseUrl() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) b.header("Content-Type", contentType);
        if (withToken) b.header("Authorization", "Bearer " + admin().token());
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode pingOneError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("id").asText()).isNotEmpty();
        assertThat(body.path("code").asText()).isNotEmpty();
        assertThat(body.path("message").asText()).isNotEmpty();
        return body;
    }

    private long count(String table, String env) {
        return server().latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from " + table + " where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one());
    }

    // ---- finding 3: an unknown charset was a 500 wherever the content type was read

    @Test
    void anUnknownCharsetIsRefusedOnEveryKindOfRoute() throws Exception {
        String env = Fixtures.environment(admin());
        String json = "application/json; charset=utf-9";
        String form = "application/x-www-form-urlencoded; charset=utf-9";
        pingOneError(send("POST", "/v1/environments/" + env + "/populations", json, "{\"name\":\"cs\"}", true), 415);
        assertThat(count("populations", env)).isEqualTo(1); // the default population only
        for (String oauth : new String[] {"token", "introspect", "revoke"}) {
            HttpResponse<String> r =
                    send("POST", "/" + env + "/as/" + oauth, form, "token=x&grant_type=client_credentials", false);
            assertThat(r.statusCode()).as(oauth + ": " + r.body()).isEqualTo(400);
            assertThat(Json.parse(r.body()).path("error").asText()).isEqualTo("invalid_request");
        }
        pingOneError(
                send(
                        "POST",
                        "/" + env + "/flows/" + UUID.randomUUID(),
                        "application/vnd.pingidentity.usernamePassword.check+json; charset=utf-9",
                        "{\"username\":\"a\",\"password\":\"b\"}",
                        false),
                415);
        pingOneError(
                send("POST", "/" + env + "/signon?flowId=" + UUID.randomUUID(), form, "username=a&password=b", false),
                415);
        // A known charset is still fine.
        assertThat(send(
                                "POST",
                                "/v1/environments/" + env + "/populations",
                                "application/json; charset=\"UTF-8\"",
                                "{\"name\":\"quoted-charset\"}",
                                true)
                        .statusCode())
                .isEqualTo(201);
    }

    // ---- finding 3: lower-cased copies longer than the value

    @Test
    void namesWhoseLowerCaseIsLongerAreStoredAndFound() throws Exception {
        String env = Fixtures.environment(admin());
        HttpResponse<String> user = send(
                "POST",
                "/v1/environments/" + env + "/users",
                "application/json",
                Json.write(Map.of("username", LONG_DOTTED_I, "name", Map.of("given", "x"))),
                true);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String userId = Json.parse(user.body()).path("id").asText();
        HttpResponse<String> found = send(
                "GET",
                "/v1/environments/" + env + "/users?filter="
                        + java.net.URLEncoder.encode(
                                "username eq \"" + LONG_DOTTED_I.toLowerCase(java.util.Locale.ROOT) + "\"",
                                StandardCharsets.UTF_8),
                null,
                null,
                true);
        assertThat(Json.parse(found.body())
                        .path("_embedded")
                        .path("users")
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo(userId);
        HttpResponse<String> patched = send(
                "PATCH",
                "/v1/environments/" + env + "/users/" + userId,
                "application/json",
                Json.write(Map.of("name", Map.of("given", "\u0130".repeat(256)))),
                true);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(send(
                                "POST",
                                "/v1/environments/" + env + "/populations",
                                "application/json",
                                Json.write(Map.of("name", "\u0130".repeat(256))),
                                true)
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> environment = send(
                "POST",
                "/v1/environments",
                "application/json",
                Json.write(Map.of(
                        "name",
                        "\u0130".repeat(250) + UUID.randomUUID().toString().substring(0, 6),
                        "region",
                        "NA",
                        "type",
                        "SANDBOX")),
                true);
        assertThat(environment.statusCode()).as(environment.body()).isEqualTo(201);
    }

    @Test
    void externalIdsAreLimitedToWhatAnIndexEntryHoldsOnEveryDatabase() throws Exception {
        // 1,024 characters of three UTF-8 bytes each are more than a PostgreSQL b-tree entry holds (2,704 bytes): that
        // was a 500 there and accepted on H2. Random characters, so that PostgreSQL cannot compress the entry.
        String env = Fixtures.environment(admin());
        java.util.Random random = new java.util.Random();
        StringBuilder b = new StringBuilder();
        while (b.length() < 1024) b.append((char) (0x4e00 + random.nextInt(0x5000)));
        String cjk = b.toString();
        for (String field : new String[] {"externalId", "accountId"}) {
            HttpResponse<String> r = send(
                    "POST",
                    "/v1/environments/" + env + "/users",
                    "application/json",
                    Json.write(Map.of("username", "long-" + field, field, cjk)),
                    true);
            assertThat(pingOneError(r, 400)
                            .path("details")
                            .get(0)
                            .path("target")
                            .asText())
                    .isEqualTo(field);
        }
        assertThat(count("users", env)).isZero();
        String ascii = "x".repeat(1000) + UUID.randomUUID().toString().repeat(1).substring(0, 24);
        String fits = cjk.substring(0, 666);
        HttpResponse<String> user = send(
                "POST",
                "/v1/environments/" + env + "/users",
                "application/json",
                Json.write(Map.of("username", "long-ids", "externalId", ascii, "accountId", fits)),
                true);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        HttpResponse<String> found = send(
                "GET",
                "/v1/environments/" + env + "/users?filter="
                        + java.net.URLEncoder.encode(
                                "accountId sw \"" + fits.substring(0, 20) + "\"", StandardCharsets.UTF_8),
                null,
                null,
                true);
        assertThat(Json.parse(found.body())
                        .path("_embedded")
                        .path("users")
                        .get(0)
                        .path("username")
                        .asText())
                .isEqualTo("long-ids");
    }

    // ---- finding 3: an imported hash longer than the column

    @Test
    void anImportedHashUpToTheValidatedLengthIsStoredAndOneBeyondIsRefused() throws Exception {
        String env = Fixtures.environment(admin());
        String hash = "{SSHA512}" + "A".repeat(3000);
        HttpResponse<String> r = send(
                "POST",
                "/v1/environments/" + env + "/users",
                "application/vnd.pingidentity.user.import+json",
                Json.write(Map.of("username", "long-hash", "password", Map.of("value", hash))),
                true);
        // Base64 of 2,250 zero bytes: a 64-byte digest and a long salt, well-formed; it was a 500 ("value too long").
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String stored = server().latchkey()
                .database()
                .withHandle(h -> h.createQuery("select hash from user_passwords where user_id = :id")
                        .bind("id", Json.parse(r.body()).path("id").asText())
                        .mapTo(String.class)
                        .one());
        assertThat(stored).hasSize(hash.length());
        HttpResponse<String> tooLong = send(
                "POST",
                "/v1/environments/" + env + "/users",
                "application/vnd.pingidentity.user.import+json",
                Json.write(Map.of(
                        "username", "too-long-hash", "password", Map.of("value", "{SSHA512}" + "A".repeat(4100)))),
                true);
        assertThat(pingOneError(tooLong, 400)
                        .path("details")
                        .get(0)
                        .path("target")
                        .asText())
                .isEqualTo("password.value");
        assertThat(count("users", env)).isEqualTo(1);
    }

    // ---- finding 3: NUL in a flow id or a username at a flow step (500 on PostgreSQL)

    @Test
    void aNulInAFlowIdOrAUsernameIsRefused() throws Exception {
        String env = Fixtures.environment(admin());
        SignOnFixtures.App app = SignOnFixtures.webApp(admin(), env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.user(admin(), env, "nul-user", SignOnFixtures.PASSWORD, false);
        pingOneError(send("GET", "/" + env + "/as/resume?flowId=%00", null, null, false), 400);
        pingOneError(send("GET", "/" + env + "/as/resume?flowId=a%00b", null, null, false), 400);
        HttpResponse<String> page = send("GET", "/" + env + "/signon?flowId=%00", null, null, false);
        assertThat(page.statusCode()).as(page.body()).isBetween(400, 499);
        BrowserlessClient browser = new BrowserlessClient(server().baseUrl(), env);
        String flow = browser.authorize(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        app.id(),
                        "redirect_uri",
                        SignOnFixtures.REDIRECT_URI,
                        "scope",
                        "openid",
                        "response_mode",
                        "pi.flow"))
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        browser.signOn(flow, "nul-\u0000user", SignOnFixtures.PASSWORD)
                .then()
                .statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("INVALID_DATA"))
                .body("details[0].target", org.hamcrest.Matchers.equalTo("username"));
        // The flow is untouched and still signs the user on.
        browser.signOn(flow, "nul-user", SignOnFixtures.PASSWORD)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
    }

    // ---- finding 4: a body that is not exactly one JSON value

    @Test
    void trailingDataAfterTheJsonValueIsRefusedAndCreatesNothing() throws Exception {
        String env = Fixtures.environment(admin());
        String resource = SignOnFixtures.customResource(admin(), env, "trailing-" + UUID.randomUUID(), false);
        long resources = count("resources", env);
        long scopes = count("resource_scopes", env);
        String[] paths = {"/populations", "/resources", "/resources/" + resource + "/scopes", "/signOnPolicies"};
        for (String path : paths) {
            for (String body :
                    new String[] {"{\"name\":\"a\"} trailing", "{\"name\":\"a\"}{\"name\":\"b\"}", "{\"name\":\"a\"} 1"
                    }) {
                JsonNode error = pingOneError(
                        send("POST", "/v1/environments/" + env + path, "application/json", body, true), 400);
                assertThat(error.path("code").asText()).as(path).isEqualTo("INVALID_DATA");
                assertThat(error.path("details").get(0).path("target").asText()).isEqualTo("body");
            }
        }
        assertThat(count("populations", env)).isEqualTo(1);
        assertThat(count("resources", env)).isEqualTo(resources);
        assertThat(count("sign_on_policies", env)).isEqualTo(1);
        assertThat(count("resource_scopes", env)).isEqualTo(scopes);
    }

    // ---- finding 5: an undecodable filter was ignored

    @Test
    void anUndecodableFilterIsInvalidFilter() throws Exception {
        String env = Fixtures.environment(admin());
        for (String filter : new String[] {"%ZZ", "username%20eq%20%22a%", "%"}) {
            JsonNode error = pingOneError(rawGet("/v1/environments/" + env + "/users?filter=" + filter), 400);
            assertThat(error.path("details").get(0).path("code").asText()).isEqualTo("INVALID_FILTER");
            assertThat(error.path("details").get(0).path("target").asText()).isEqualTo("filter");
        }
        pingOneError(rawGet("/v1/environments?filter=%ZZ"), 400);
    }

    /** A GET whose request target is sent exactly as given (java.net.URI refuses a malformed escape). */
    private HttpResponse<String> rawGet(String target) throws Exception {
        URI base = URI.create(server().baseUrl());
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin().token()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            if (body.contains("{")) body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
            String finalBody = body;
            return new RawResponse(status, finalBody);
        }
    }

    private record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
