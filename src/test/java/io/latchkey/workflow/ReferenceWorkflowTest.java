package io.latchkey.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PingOne's reference workflow, all 17 steps, with the workflow's own requests and no browser: an admin sets up an
 * OIDC application, a custom resource with a scope, a grant, a sign-on policy with a LOGIN action, a population
 * and a user; then a client signs the user on through authorize, the flows API, resume, token and introspect.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: a whole workflow, end to end, on each store
class ReferenceWorkflowTest {
    private static final String REDIRECT = "https://www.example.com";

    @Parameter
    Db db;

    /** What steps 1-11 set up. */
    record Setup(TestServer server, String env, String appId, String secret, String userId) {}

    /** Steps 1-11: the management calls, with the workflow's bodies; {@code spa} makes the app a public PKCE client. */
    static Setup manage(TestServer server, boolean spa) {
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String base = "/v1/environments/{env}";

        // 1. Create the OIDC application.
        String type = spa ? "SINGLE_PAGE_APP" : "WEB_APP";
        java.util.Map<String, Object> app = new java.util.HashMap<>(Map.of(
                "enabled",
                true,
                "name",
                "ShowPermissionsApp",
                "description",
                "Reference workflow application",
                "type",
                type,
                "protocol",
                "OPENID_CONNECT",
                "grantTypes",
                List.of("AUTHORIZATION_CODE"),
                "responseTypes",
                List.of("CODE"),
                "redirectUris",
                List.of(REDIRECT),
                "tokenEndpointAuthMethod",
                spa ? "NONE" : "CLIENT_SECRET_BASIC"));
        if (spa) app.put("pkceEnforcement", "S256_REQUIRED");
        String appId = admin.post(base + "/applications", app, env)
                .then()
                .statusCode(201)
                .body("type", equalTo(type))
                .extract()
                .path("id");
        // 2. Read its secret (a public client has none).
        String secret = null;
        if (!spa) {
            secret = admin.get(base + "/applications/{id}/secret", env, appId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");
            assertThat(secret).hasSizeGreaterThanOrEqualTo(64);
        } else {
            admin.get(base + "/applications/{id}/secret", env, appId).then().statusCode(404);
        }
        // 3. Create the custom resource (the seed's body).
        String resourceId = admin.post(
                        base + "/resources",
                        Map.of(
                                "name",
                                "CustomResource_1712950378",
                                "description",
                                "This is my custom resource",
                                "audience",
                                "https://api.custom-resource-1712950378.com",
                                "accessTokenValiditySeconds",
                                7200,
                                "applicationPermissionsSettings",
                                Map.of("claimEnabled", true)),
                        env)
                .then()
                .statusCode(201)
                .body("type", equalTo("CUSTOM"))
                .body("introspectEndpointAuthMethod", equalTo("CLIENT_SECRET_BASIC"))
                .extract()
                .path("id");
        // 4. Create a scope on it.
        String scopeId = admin.post(
                        base + "/resources/{r}/scopes",
                        Map.of("name", "custom:read", "description", "Read"),
                        env,
                        resourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // 5. Grant the scope to the application.
        admin.post(
                        base + "/applications/{a}/grants",
                        Map.of("resource", Map.of("id", resourceId), "scopes", List.of(Map.of("id", scopeId))),
                        env,
                        appId)
                .then()
                .statusCode(201);
        // 6. Create a sign-on policy.
        String policyId = admin.post(
                        base + "/signOnPolicies", Map.of("name", "ShowPermissionsPolicy", "description", "Login"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // 7. Give it a LOGIN action.
        admin.post(base + "/signOnPolicies/{p}/actions", Map.of("priority", 1, "type", "LOGIN"), env, policyId)
                .then()
                .statusCode(201)
                .body("type", equalTo("LOGIN"));
        // 8. Assign the policy to the application.
        admin.post(
                        base + "/applications/{a}/signOnPolicyAssignments",
                        Map.of("signOnPolicy", Map.of("id", policyId), "priority", 1),
                        env,
                        appId)
                .then()
                .statusCode(201);
        // 9. Create a population.
        String populationId = admin.post(base + "/populations", Map.of("name", "ShowPermissionsPopulation"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // 10. Create a user in it.
        String userId = admin.post(
                        base + "/users",
                        Map.of(
                                "username",
                                "workflow.user",
                                "email",
                                "workflow.user@example.com",
                                "population",
                                Map.of("id", populationId)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // 11. Set the user's password.
        admin.request()
                .contentType("application/vnd.pingidentity.password.set+json")
                .body(Map.of("value", "2FederateM0re!", "forceChange", false))
                .put(base + "/users/{u}/password", env, userId)
                .then()
                .statusCode(200);
        return new Setup(server, env, appId, secret, userId);
    }

    @Test
    void seventeenStepsEndWithAnIntrospectedTokenForTheCustomResource() {
        signOnAndIntrospect(manage(TestServer.shared(db), false));
    }

    /** Steps 12-17 against what {@link #manage} set up (on whichever server {@code s} names). */
    static void signOnAndIntrospect(Setup s) {
        TestServer server = s.server();
        String env = s.env();
        String appId = s.appId();
        String secret = s.secret();
        String userId = s.userId();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        // 12. Authorize: the answer sends the browser to the sign-on page with a flow id.
        Response authorize = client.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                appId,
                "redirect_uri",
                REDIRECT,
                "scope",
                "openid custom:read",
                "state",
                "xyz"));
        authorize
                .then()
                .statusCode(302)
                .header("Location", startsWith(server.baseUrl() + "/" + env + "/signon/?flowId="));
        String flowId = BrowserlessClient.flowIdOf(authorize);
        // 13. Read the flow: it asks for username and password.
        client.flow(flowId)
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"))
                .body("_links.'usernamePassword.check'.href", notNullValue());
        // 14. Submit the credentials.
        client.signOn(flowId, "workflow.user", "2FederateM0re!")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("_embedded.user.id", equalTo(userId))
                .body("resumeUrl", equalTo(server.baseUrl() + "/" + env + "/as/resume?flowId=" + flowId));
        // 15. Resume: back to the client with a code and the state.
        Response resume = client.resume(flowId);
        resume.then().statusCode(302).header("Location", startsWith(REDIRECT));
        Map<String, String> callback = BrowserlessClient.redirectParams(resume);
        assertThat(callback).containsEntry("state", "xyz").containsKey("code");
        // 16. Exchange the code.
        Response token = client.token(
                Map.of("grant_type", "authorization_code", "code", callback.get("code"), "redirect_uri", REDIRECT),
                appId,
                secret);
        token.then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(7200))
                .body("id_token", notNullValue());
        String accessToken = token.path("access_token");
        // 17. Introspect it as the application (client_id and secret in the body, as the workflow sends them).
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("token", accessToken, "client_id", appId, "client_secret", secret))
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("aud", hasItem("https://api.custom-resource-1712950378.com"))
                .body("scope", equalTo("openid custom:read"))
                .body("sub", equalTo(userId))
                .body("client_id", equalTo(appId));
    }

    @Test
    void aPublicSinglePageAppDoesTheSameWithPkceS256() {
        TestServer server = TestServer.shared(db);
        Setup s = manage(server, true);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), s.env());
        com.nimbusds.oauth2.sdk.pkce.CodeVerifier verifier = new com.nimbusds.oauth2.sdk.pkce.CodeVerifier();
        String challenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(
                        com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256, verifier)
                .getValue();
        Response authorize = client.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                s.appId(),
                "redirect_uri",
                REDIRECT,
                "scope",
                "openid custom:read",
                "state",
                "spa",
                "code_challenge",
                challenge,
                "code_challenge_method",
                "S256"));
        String flowId = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flowId, "workflow.user", "2FederateM0re!")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        Map<String, String> callback = BrowserlessClient.redirectParams(
                client.resume(flowId).then().statusCode(302).extract().response());
        String accessToken = client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                callback.get("code"),
                                "redirect_uri",
                                REDIRECT,
                                "client_id",
                                s.appId(),
                                "code_verifier",
                                verifier.getValue()),
                        null,
                        null)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("token", accessToken, "client_id", s.appId()))
                .post("/" + s.env() + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("aud", hasItem("https://api.custom-resource-1712950378.com"))
                .body("sub", equalTo(s.userId()));
    }

    @Test
    void throughTheHostedPageInChromium() {
        if (!Boolean.getBoolean("latchkey.browser.required")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    io.latchkey.testkit.Browser.available(), "Chromium is not installed");
        }
        TestServer server = TestServer.shared(db);
        Setup s = manage(server, false);
        org.openqa.selenium.WebDriver browser = io.latchkey.testkit.Browser.start(1024, 768);
        try {
            browser.get(server.baseUrl() + "/" + s.env() + "/as/authorize?response_type=code&client_id=" + s.appId()
                    + "&redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                    + "&scope=openid%20custom:read&state=page");
            browser.findElement(org.openqa.selenium.By.id("username")).sendKeys("workflow.user");
            browser.findElement(org.openqa.selenium.By.id("password"))
                    .sendKeys("2FederateM0re!", org.openqa.selenium.Keys.ENTER);
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().startsWith(REDIRECT));
            String url = browser.getCurrentUrl();
            String code = java.net.URLDecoder.decode(
                    url.replaceAll(".*[?&]code=([^&]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
            BrowserlessClient client = new BrowserlessClient(server.baseUrl(), s.env());
            String accessToken = client.token(
                            Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT),
                            s.appId(),
                            s.secret())
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            client.request()
                    .contentType("application/x-www-form-urlencoded")
                    .auth()
                    .preemptive()
                    .basic(s.appId(), s.secret())
                    .formParam("token", accessToken)
                    .post("/" + s.env() + "/as/introspect")
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(true))
                    .body("scope", equalTo("openid custom:read"));
        } finally {
            browser.quit();
        }
    }
}
