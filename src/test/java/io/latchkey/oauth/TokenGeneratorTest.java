package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the one token generator decides for every grant, seen in real tokens: {@code acr} is the sign-on policy the
 * user completed (chosen by {@code acr_values} among the application's policies), lifetimes follow the resources
 * (ID token and OpenID-only access token: the {@code openid} resource's; a worker's own token: the PingOne API
 * resource's), and a grant is one transaction (a refused exchange spends nothing; of two concurrent exchanges of one
 * code exactly one succeeds). On both databases: the last is about their locking.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TokenGeneratorTest {
    @Parameter
    Db db;

    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        TestServer server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    @Test
    void acrIsTheNameOfTheDefaultPolicyTheUserCompleted() throws Exception {
        Response tokens = exchange(signOn(client));
        assertThat(claims(tokens.path("id_token")).getStringClaim("acr")).isEqualTo("Single_Factor");
        assertThat(claims(tokens.path("access_token")).getStringClaim("acr")).isEqualTo("Single_Factor");
    }

    @Test
    void acrValuesSelectTheApplicationsPolicyByNameAndTheTokensSayWhichRan() throws Exception {
        assign(policy("Everyday"), 1);
        assign(policy("Strong_Login"), 2);

        assertThat(acrOf(exchange(signOn(new BrowserlessClient(baseUrl(), env)))))
                .isEqualTo("Everyday");
        assertThat(acrOf(exchange(signOn(new BrowserlessClient(baseUrl(), env), "acr_values", "strong_login"))))
                .as("names are matched ignoring case; the token carries the policy's own name")
                .isEqualTo("Strong_Login");
        assertThat(acrOf(exchange(signOn(new BrowserlessClient(baseUrl(), env), "acr_values", "Unknown Strong_Login"))))
                .as("the first value naming one of the application's policies wins")
                .isEqualTo("Strong_Login");
        assertThat(acrOf(exchange(signOn(new BrowserlessClient(baseUrl(), env), "acr_values", "Single_Factor"))))
                .as("a policy not assigned to the application is ignored")
                .isEqualTo("Everyday");
    }

    @Test
    void aSessionAnswersAtOnceOnlyForThePolicyItRan() throws Exception {
        assign(policy("Everyday"), 1);
        assign(policy("Strong_Login"), 2);
        exchange(signOn(client)).then().statusCode(200);

        Response sso = client.authorize(authorizeParams())
                .then()
                .statusCode(302)
                .extract()
                .response();
        assertThat(sso.getHeader("Location")).as("same policy: SSO").startsWith(REDIRECT_URI);
        assertThat(acrOf(exchange(BrowserlessClient.redirectParams(sso).get("code"))))
                .isEqualTo("Everyday");

        Response other = client.authorize(authorizeParams("acr_values", "Strong_Login"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(other);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        String code = BrowserlessClient.redirectParams(
                        client.resume(flow).then().statusCode(302).extract().response())
                .get("code");
        assertThat(acrOf(exchange(code)))
                .as("another policy asked for: a new sign-on under it")
                .isEqualTo("Strong_Login");
    }

    @Test
    void theIdTokenAndAnOpenidOnlyAccessTokenLiveAsLongAsTheOpenidResourceSays() throws Exception {
        String openid = builtInResource("OPENID_CONNECT");
        admin.put(
                        "/v1/environments/{env}/resources/{id}",
                        Map.of("name", "openid", "accessTokenValiditySeconds", 900),
                        env,
                        openid)
                .then()
                .statusCode(200);
        Response tokens = exchange(signOn(client, "scope", "openid"));
        tokens.then().body("expires_in", equalTo(900));
        assertThat(lifetime(claims(tokens.path("access_token")))).isEqualTo(900);
        assertThat(lifetime(claims(tokens.path("id_token")))).isEqualTo(900);
    }

    @Test
    void aWorkersOwnTokenLivesAsLongAsThePingOneApiResourceSays() throws Exception {
        Map<String, Object> worker = admin.post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                "w-" + UUID.randomUUID(),
                                "enabled",
                                true,
                                "type",
                                "WORKER",
                                "protocol",
                                "OPENID_CONNECT",
                                "grantTypes",
                                List.of("CLIENT_CREDENTIALS"),
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("$");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, worker.get("id"))
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        admin.put(
                        "/v1/environments/{env}/resources/{id}",
                        Map.of("name", "PingOne API", "accessTokenValiditySeconds", 600),
                        env,
                        builtInResource("PINGONE_API"))
                .then()
                .statusCode(200);
        Response t = client.token(
                Map.of("grant_type", "client_credentials"), worker.get("id").toString(), secret);
        t.then().statusCode(200).body("expires_in", equalTo(600));
        assertThat(lifetime(claims(t.path("access_token")))).isEqualTo(600);
    }

    @Test
    void aRefusedExchangeSpendsNothingAndTheCodeStillWorks() {
        String code = signOn(client);
        client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI + "/other"),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        exchange(code).then().statusCode(200);
        exchange(code).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void ofConcurrentExchangesOfOneCodeExactlyOneGetsTokens() throws Exception {
        for (int round = 0; round < 3; round++) {
            String code = signOn(new BrowserlessClient(baseUrl(), env));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<Integer> exchange = () -> exchange(code).statusCode();
                    answers.add(pool.submit(exchange));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> a : answers) statuses.add(a.get());
                assertThat(statuses).as("round %d", round).containsOnlyOnce(200).containsOnly(200, 400);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // ---- helpers

    private String baseUrl() {
        return admin.server().baseUrl();
    }

    private Map<String, String> authorizeParams(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid profile",
                "state",
                "st"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return p;
    }

    /** Signs on in a new flow and returns the code. */
    private String signOn(BrowserlessClient c, String... extra) {
        Response authorize = c.authorize(authorizeParams(extra))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        c.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        return BrowserlessClient.redirectParams(
                        c.resume(flow).then().statusCode(302).extract().response())
                .get("code");
    }

    private Response exchange(String code) {
        return client.token(
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                app.id(),
                app.secret());
    }

    private String acrOf(Response tokens) throws Exception {
        tokens.then().statusCode(200);
        String fromId = claims(tokens.path("id_token")).getStringClaim("acr");
        assertThat(claims(tokens.path("access_token")).getStringClaim("acr")).isEqualTo(fromId);
        return fromId;
    }

    /** A sign-on policy with one LOGIN action. */
    private String policy(String name) {
        String id = admin.post("/v1/environments/{env}/signOnPolicies", Map.of("name", name), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post("/v1/environments/{env}/signOnPolicies/{p}/actions", Map.of("priority", 1, "type", "LOGIN"), env, id)
                .then()
                .statusCode(201);
        return id;
    }

    private void assign(String policyId, int priority) {
        admin.post(
                        "/v1/environments/{env}/applications/{app}/signOnPolicyAssignments",
                        Map.of("signOnPolicy", Map.of("id", policyId), "priority", priority),
                        env,
                        app.id())
                .then()
                .statusCode(201);
    }

    private String builtInResource(String type) {
        List<Map<String, Object>> resources = admin.get("/v1/environments/{env}/resources", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.resources");
        return resources.stream()
                .filter(r -> type.equals(r.get("type")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
    }

    private static JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    private static long lifetime(JWTClaimsSet c) {
        return (c.getExpirationTime().getTime() - c.getIssueTime().getTime()) / 1000;
    }
}
