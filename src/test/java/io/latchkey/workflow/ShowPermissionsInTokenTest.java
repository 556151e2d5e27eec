package io.latchkey.workflow;

import static org.hamcrest.Matchers.*;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PingOne's "Show App Permissions in Token" workflow, over HTTP, as a PingOne client runs it: the management
 * steps (application and secret, custom resource with {@code applicationPermissionsSettings.claimEnabled}, scope,
 * grant, application resource, two permissions, a role holding one of them, sign-on policy with a LOGIN action
 * assigned to the app, population, user with a password, the role assigned to the user), then the sign-on
 * (authorize with {@code response_mode=pi.flow}, username/password flow step, resume, code exchange) and the
 * introspection of the access token by the application, which shows {@code aud}, {@code scope} and
 * {@code "p1.permissions": ["<applicationResourceName>:<action>"]}.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: a whole workflow, end to end, on each store
class ShowPermissionsInTokenTest {
    private static final String REDIRECT_URI = "https://bizpro.example.com/callback";
    private static final String PASSWORD = "Bizpro-Invoices-2026!";

    @Parameter
    Db db;

    @Test
    void theIntrospectedAccessTokenShowsTheUsersApplicationPermissions() {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String v1 = "/v1/environments/" + env;

        // 1-2. The application and its secret.
        String appId = admin.post(
                        v1 + "/applications",
                        Map.of(
                                "name",
                                "BizPro " + suffix,
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "WEB_APP",
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_POST",
                                "grantTypes",
                                List.of("AUTHORIZATION_CODE"),
                                "responseTypes",
                                List.of("CODE"),
                                "redirectUris",
                                List.of(REDIRECT_URI)))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin.get(v1 + "/applications/{id}/secret", appId)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");

        // 3-5. The custom resource (permissions claim on), its scope, and the grant of the scope to the app.
        String audience = "https://invoices-" + suffix + ".example.com";
        String resourceId = admin.post(
                        v1 + "/resources",
                        Map.of(
                                "name",
                                "BizPro Invoices API " + suffix,
                                "audience",
                                audience,
                                "applicationPermissionsSettings",
                                Map.of("claimEnabled", true)))
                .then()
                .statusCode(201)
                .body("applicationPermissionsSettings.claimEnabled", equalTo(true))
                .extract()
                .path("id");
        String scopeId = admin.post(v1 + "/resources/{id}/scopes", Map.of("name", "invoices"), resourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(
                        v1 + "/applications/{id}/grants",
                        Map.of("resource", Map.of("id", resourceId), "scopes", List.of(Map.of("id", scopeId))),
                        appId)
                .then()
                .statusCode(201);

        // 6-9. Application resource, two permissions, a role holding one of them.
        String applicationResourceId = admin.post(
                        v1 + "/resources/{id}/applicationResources",
                        Map.of("name", "invoices", "description", "BizPro invoices"),
                        resourceId)
                .then()
                .statusCode(201)
                .body("parent.id", equalTo(resourceId))
                .extract()
                .path("id");
        String readId = admin.post(
                        v1 + "/applicationResources/{id}/permissions",
                        Map.of("action", "read", "description", "Read invoices"),
                        applicationResourceId)
                .then()
                .statusCode(201)
                .body("key", equalTo("invoices:read"))
                .extract()
                .path("id");
        admin.post(
                        v1 + "/applicationResources/{id}/permissions",
                        Map.of("action", "write", "description", "Write invoices"),
                        applicationResourceId)
                .then()
                .statusCode(201)
                .body("key", equalTo("invoices:write"));
        String roleId = admin.post(
                        v1 + "/applicationRoles", Map.of("name", "Invoice Reader", "description", "Reads invoices"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(v1 + "/applicationRoles/{id}/permissions", Map.of("id", readId), roleId)
                .then()
                .statusCode(201)
                .body("key", equalTo("invoices:read"));

        // 10-12. Sign-on policy with a LOGIN action, assigned to the application.
        String policyId = admin.post(v1 + "/signOnPolicies", Map.of("name", "Login_" + suffix))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(v1 + "/signOnPolicies/{id}/actions", Map.of("priority", 1, "type", "LOGIN"), policyId)
                .then()
                .statusCode(201);
        admin.post(
                        v1 + "/applications/{id}/signOnPolicyAssignments",
                        Map.of("signOnPolicy", Map.of("id", policyId), "priority", 1),
                        appId)
                .then()
                .statusCode(201);

        // 13-15. Population, user, password.
        String populationId = admin.post(v1 + "/populations", Map.of("name", "Customers " + suffix))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String username = "reader-" + suffix;
        String userId = admin.post(
                        v1 + "/users",
                        Map.of(
                                "username",
                                username,
                                "email",
                                username + "@example.com",
                                "population",
                                Map.of("id", populationId),
                                "name",
                                Map.of("given", "Rita", "family", "Reader")))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.request()
                .contentType("application/vnd.pingidentity.password.set+json")
                .body(Map.of("value", PASSWORD, "forceChange", false))
                .put(v1 + "/users/{id}/password", userId)
                .then()
                .statusCode(200);

        // 16. The role, given to the user.
        admin.post(v1 + "/users/{id}/applicationRoles", Map.of("id", roleId), userId)
                .then()
                .statusCode(201)
                .body("id", equalTo(roleId))
                .body("name", equalTo("Invoice Reader"));

        // 17. Authorize (redirect-less): the flow asks for username and password. Cookies are kept from here on.
        CookieFilter cookies = new CookieFilter();
        String flowId = browser(server, cookies)
                .queryParam("response_type", "code")
                .queryParam("client_id", appId)
                .queryParam("redirect_uri", REDIRECT_URI)
                .queryParam("scope", "openid invoices")
                .queryParam("state", "xyz")
                .queryParam("response_mode", "pi.flow")
                .get("/{env}/as/authorize", env)
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"))
                .body("_links", hasKey("usernamePassword.check"))
                .extract()
                .path("id");

        // 18. Submit the credentials: the flow completes.
        browser(server, cookies)
                .contentType("application/vnd.pingidentity.usernamePassword.check+json")
                .body(Map.of("username", username, "password", PASSWORD))
                .post("/{env}/flows/{flowId}", env, flowId)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));

        // 19. Resume: the authorization code (in the flow JSON, since the response mode is pi.flow).
        String code = browser(server, cookies)
                .queryParam("flowId", flowId)
                .get("/{env}/as/resume", env)
                .then()
                .statusCode(200)
                .body("authorizeResponse.state", equalTo("xyz"))
                .extract()
                .path("authorizeResponse.code");

        // 20. Token (client_secret_post).
        Response token = server.anonymous()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", REDIRECT_URI)
                .formParam("client_id", appId)
                .formParam("client_secret", secret)
                .post("/{env}/as/token", env);
        token.then().statusCode(200).body("token_type", equalTo("Bearer")).body("id_token", notNullValue());
        String accessToken = token.path("access_token");

        // 21. Introspection by the application: aud, scope and the permission the role holds (not the other one).
        server.anonymous()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", accessToken)
                .formParam("client_id", appId)
                .formParam("client_secret", secret)
                .post("/{env}/as/introspect", env)
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("aud", contains(audience))
                .body("scope", equalTo("openid invoices"))
                .body("sub", equalTo(userId))
                .body("client_id", equalTo(appId))
                .body("'p1.permissions'", contains("invoices:read"));
    }

    /** A browser: no bearer token, cookies kept across requests, redirects not followed. */
    private static RequestSpecification browser(TestServer server, CookieFilter cookies) {
        return server.anonymous().request().filter(cookies);
    }
}
