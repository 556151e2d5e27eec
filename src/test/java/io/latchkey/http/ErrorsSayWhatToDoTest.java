package io.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Refusals that tell the caller what to do instead: the accepted content types, the unknown environment. */
class ErrorsSayWhatToDoTest {
    private static final String PASSWORD = "/v1/environments/{env}/users/{id}/password";
    private static final String SET = "application/vnd.pingidentity.password.set+json";
    private static final String RESET = "application/vnd.pingidentity.password.reset+json";
    private static final String RECOVER = "application/vnd.pingidentity.password.recover+json";

    private final TestServer server = TestServer.shared();
    private final Api admin = server.admin();

    private ValidatableResponse send(String method, String contentType, String body, String path, Object... params) {
        return admin.request()
                .contentType(contentType)
                .body(body)
                .request(method, path, params)
                .then();
    }

    // ---- 415 names what the operation takes

    @Test
    void aPasswordPutWithPlainJsonNamesTheTypesItTakes() {
        String env = Fixtures.environment(admin);
        String user = UserFixtures.user(admin, env, "ct-" + UUID.randomUUID());
        send("PUT", "application/json", "{\"value\":\"x\"}", PASSWORD, env, user)
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("message", containsString("'application/json' is not supported by this operation"))
                .body("message", containsString("Use one of " + SET + ", " + RESET + "."))
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("Content-Type"))
                .body("details[0].innerError.allowedValues", contains(SET, RESET));
        // POST takes another pair.
        send("POST", "application/json", "{\"value\":\"x\"}", PASSWORD, env, user)
                .statusCode(415)
                .body("message", containsString(SET + ", " + RECOVER))
                .body("details[0].innerError.allowedValues", containsInAnyOrder(SET, RECOVER));
    }

    @Test
    void anOperationTakingOneTypeNamesIt() throws Exception {
        send("POST", "text/plain", "{}", "/v1/environments")
                .statusCode(415)
                .body("message", containsString("'text/plain' is not supported"))
                .body("message", containsString("Use application/json."))
                .body("details[0].innerError.allowedValues", contains("application/json"));
        // No content type at all: said so, with the same advice.
        assertThat(raw(null).body()).contains("'(none)' is not supported").contains("Use application/json.");
    }

    @Test
    void anUnknownCharsetIsNamedAsTheProblem() throws Exception {
        HttpResponse<String> r = raw("application/json; charset=utf-9");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(Json.MAPPER.readTree(r.body()).path("message").asText())
                .contains("charset 'utf-9'")
                .contains("Use UTF-8.");
    }

    /** A POST of {} to /v1/environments with exactly {@code contentType} (RestAssured would add or encode one). */
    private HttpResponse<String> raw(String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/environments"))
                .header("Authorization", "Bearer " + admin.token())
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (contentType != null) b.header("Content-Type", contentType);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    // ---- one mistake, one detail

    @Test
    void aJsonArrayBodyIsReportedOnce() {
        String env = Fixtures.environment(admin);
        // A user is read by several shapes (profile, the other fields, custom attributes): still one detail.
        send("POST", "application/json", "[{\"username\":\"a\"}]", "/v1/environments/{env}/users", env)
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(1))
                .body("details[0].target", equalTo("body"))
                .body("details[0].message", equalTo("The request body must be a JSON object."));
        String user = UserFixtures.user(admin, env, "arr-" + UUID.randomUUID());
        send("PUT", "application/json", "[]", "/v1/environments/{env}/users/{id}", env, user)
                .statusCode(400)
                .body("details", hasSize(1));
        send("POST", "application/json", "[]", "/v1/environments")
                .statusCode(400)
                .body("details", hasSize(1));
    }

    // ---- the Auth API under an environment that does not exist

    @Test
    void theTokenEndpointSaysTheEnvironmentIsUnknown() {
        String unknown = UUID.randomUUID().toString();
        for (String endpoint : new String[] {"token", "introspect", "revoke"}) {
            server.anonymous()
                    .request()
                    .auth()
                    .preemptive()
                    .basic(UUID.randomUUID().toString(), "secret")
                    .formParam("grant_type", "client_credentials")
                    .formParam("token", "t")
                    .post("/{env}/as/" + endpoint, unknown)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"))
                    .body("error_description", containsString("environment '" + unknown + "' is unknown"));
        }
        // A public client (client_id in the body) is told the same.
        server.anonymous()
                .request()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", UUID.randomUUID().toString())
                .post("/{env}/as/token", unknown)
                .then()
                .statusCode(401)
                .body("error_description", containsString("is unknown"));
        // In an environment that exists, an unknown client is still just a failed authentication: nothing to probe.
        server.anonymous()
                .request()
                .auth()
                .preemptive()
                .basic(UUID.randomUUID().toString(), "secret")
                .formParam("grant_type", "client_credentials")
                .post("/{env}/as/token", server.adminEnvironmentId)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("Client authentication failed."));
    }

    @Test
    void theAuthorizePageSaysTheEnvironmentIsUnknown() {
        String unknown = UUID.randomUUID().toString();
        server.anonymous()
                .request()
                .queryParam("client_id", UUID.randomUUID().toString())
                .queryParam("response_type", "code")
                .get("/{env}/as/authorize", unknown)
                .then()
                .statusCode(400)
                .body(containsString("invalid_client"))
                .body(containsString("The environment &#39;" + unknown + "&#39; is unknown."))
                .body(not(containsString("application is unknown")));
        server.anonymous()
                .request()
                .queryParam("client_id", UUID.randomUUID().toString())
                .queryParam("response_type", "code")
                .get("/{env}/as/authorize", server.adminEnvironmentId)
                .then()
                .statusCode(400)
                .body(containsString("The application is unknown or disabled."));
    }
}
