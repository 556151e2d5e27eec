package io.latchkey.applicationattributes;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application's mappings in the tokens of a user who signs on to it: in the ID token and at userinfo as
 * {@code idToken}, {@code userInfo} and {@code oidcScopes} place them, never in the access token (so neither in its
 * introspection); {@code sub} re-mapped; a required mapping without a value refusing the token and spending nothing.
 * On both databases: the mappings are read from the database each time a token is made.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ApplicationClaimsTest {
    static final String ATTRIBUTES = ApplicationAttributesApiTest.ATTRIBUTES;
    static final String ATTRIBUTE = ApplicationAttributesApiTest.ATTRIBUTE;

    @Parameter
    Db db;

    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String userId;
    TestServer server;
    /** The browser of the last sign-on: each sign-on starts in a new one, so that no session answers at once. */
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile", "email", "phone");
        username = "user-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    @Test
    void withoutCustomMappingsTheTokensCarryWhatTheyAlwaysDid() throws Exception {
        Response tokens = tokens("openid profile email");
        Map<String, Object> id = claims(tokens.path("id_token"));
        assertThat(id).containsEntry("sub", userId).doesNotContainKeys("email", "given_name", "preferred_username");
        assertThat(userinfo(tokens.path("access_token")))
                .containsEntry("sub", userId)
                .containsEntry("email", username + "@example.com")
                .containsEntry("email_verified", false)
                .containsEntry("given_name", "Ada")
                .containsEntry("family_name", "Lovelace")
                .containsEntry("name", "Ada Lovelace")
                .containsEntry("preferred_username", username)
                .doesNotContainKey("phone_number");
    }

    @Test
    void customMappingsGoToTheIdTokenAndUserinfoAsPlacedAndNeverToTheAccessToken() throws Exception {
        mapping("fullName", "${user.name.given + \" \" + user.name.family}");
        mapping("idOnly", "literal", "userInfo", false);
        mapping("infoOnly", "${user.username}", "idToken", false);
        mapping("absent", "${user.title}");
        Response tokens = tokens("openid");
        Map<String, Object> id = claims(tokens.path("id_token"));
        assertThat(id)
                .containsEntry("fullName", "Ada Lovelace")
                .containsEntry("idOnly", "literal")
                .doesNotContainKeys("infoOnly", "absent");
        assertThat(userinfo(tokens.path("access_token")))
                .containsEntry("fullName", "Ada Lovelace")
                .containsEntry("infoOnly", username)
                .doesNotContainKeys("idOnly", "absent");
        String access = tokens.path("access_token");
        assertThat(claims(access)).doesNotContainKeys("fullName", "idOnly", "infoOnly");
        Map<String, Object> introspection = introspect(access);
        assertThat(introspection).containsEntry("active", true).containsEntry("sub", userId);
        assertThat(introspection).doesNotContainKeys("fullName", "idOnly", "infoOnly");

        // A change shows in the next tokens.
        String fullName = idOf("fullName");
        admin.put(ATTRIBUTE, Map.of("name", "fullName", "value", "${user.name.family}"), env, app.id(), fullName)
                .then()
                .statusCode(200);
        assertThat(claims(tokens("openid").path("id_token"))).containsEntry("fullName", "Lovelace");
    }

    @Test
    void aMappingLimitedToScopesComesOnlyWhenOneOfThemIsGranted() throws Exception {
        String phone = openidScope("phone");
        mapping("contact", "${user.email}", "oidcScopes", List.of(phone));
        Response without = tokens("openid profile");
        assertThat(claims(without.path("id_token"))).doesNotContainKey("contact");
        assertThat(userinfo(without.path("access_token"))).doesNotContainKey("contact");
        Response with = tokens("openid phone");
        assertThat(claims(with.path("id_token"))).containsEntry("contact", username + "@example.com");
        assertThat(userinfo(with.path("access_token"))).containsEntry("contact", username + "@example.com");
    }

    @Test
    void aScopeMappingWithANewValueOrPlacementChangesItsClaim() throws Exception {
        admin.put(
                        ATTRIBUTE,
                        Map.of("name", "given_name", "value", "${user.username}", "idToken", true),
                        env,
                        app.id(),
                        idOf("given_name"))
                .then()
                .statusCode(200);
        admin.put(ATTRIBUTE, Map.of("name", "email", "value", ""), env, app.id(), idOf("email"))
                .then()
                .statusCode(200);
        admin.put(
                        ATTRIBUTE,
                        Map.of("name", "family_name", "value", "${user.name.family}", "userInfo", false),
                        env,
                        app.id(),
                        idOf("family_name"))
                .then()
                .statusCode(200);
        Response tokens = tokens("openid profile email");
        assertThat(claims(tokens.path("id_token")))
                .containsEntry("given_name", username)
                .containsEntry("family_name", "Lovelace")
                .doesNotContainKeys("email", "preferred_username");
        assertThat(userinfo(tokens.path("access_token")))
                .containsEntry("given_name", username)
                .containsEntry("preferred_username", username)
                .containsEntry("email_verified", false)
                .doesNotContainKeys("email", "family_name");
        // Without its scope, a SCOPE mapping placed in the ID token stays out.
        assertThat(claims(tokens("openid email").path("id_token"))).doesNotContainKeys("given_name", "family_name");
    }

    @Test
    void subMappedToAnExpressionNamesTheUserInTheIdTokenAndUserinfoButNotInTheAccessToken() throws Exception {
        admin.put(ATTRIBUTE, Map.of("name", "sub", "value", "${user.username}"), env, app.id(), idOf("sub"))
                .then()
                .statusCode(200);
        Response tokens = tokens("openid profile");
        String idToken = tokens.path("id_token");
        assertThat(claims(idToken)).containsEntry("sub", username);
        assertThat(userinfo(tokens.path("access_token"))).containsEntry("sub", username);
        assertThat(claims(tokens.path("access_token"))).containsEntry("sub", userId);
        Response refreshed = client.token(
                        Map.of("grant_type", "refresh_token", "refresh_token", tokens.path("refresh_token")),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
        assertThat(claims(refreshed.path("id_token"))).containsEntry("sub", username);

        // The ID token still serves as id_token_hint to sign the user off.
        Response signoff = client.request()
                .queryParams(Map.of(
                        "id_token_hint",
                        idToken,
                        "post_logout_redirect_uri",
                        "https://client.example.com/signed-off",
                        "state",
                        "bye"))
                .get("/" + env + "/as/signoff");
        signoff.then().statusCode(302);
        assertThat(signoff.getHeader("Location")).isEqualTo("https://client.example.com/signed-off?state=bye");
    }

    @Test
    void aRequiredMappingWithoutAValueRefusesTheTokenAndSpendsNothing() throws Exception {
        String employee = mapping("employeeNumber", "${user.employeeNumber}", "required", true);
        String code = code("openid");
        client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body(
                        "error_description",
                        equalTo(
                                "employeeNumber is configured as required for the ID token but does not have a value."));
        // Nothing was spent: once the mapping is no longer required, the same code is exchanged.
        admin.put(
                        ATTRIBUTE,
                        Map.of("name", "employeeNumber", "value", "${user.employeeNumber}"),
                        env,
                        app.id(),
                        employee)
                .then()
                .statusCode(200);
        Response tokens = exchange(code);
        assertThat(claims(tokens.path("id_token"))).doesNotContainKey("employeeNumber");

        // Required again: userinfo refuses too.
        admin.put(
                        ATTRIBUTE,
                        Map.of("name", "employeeNumber", "value", "${user.employeeNumber}", "required", true),
                        env,
                        app.id(),
                        employee)
                .then()
                .statusCode(200);
        client.request()
                .header("Authorization", "Bearer " + tokens.path("access_token"))
                .get("/" + env + "/as/userinfo")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    // ---- helpers

    private String mapping(String name, String value, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("value", value);
        for (int i = 0; i < more.length; i += 2) body.put((String) more[i], more[i + 1]);
        return admin.post(ATTRIBUTES, body, env, app.id())
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String idOf(String name) {
        List<Map<String, Object>> all =
                admin.get(ATTRIBUTES, env, app.id()).then().extract().path("_embedded.attributes");
        return all.stream()
                .filter(m -> name.equals(m.get("name")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
    }

    private String openidScope(String name) {
        List<Map<String, Object>> resources = admin.get("/v1/environments/{env}/resources", env)
                .then()
                .extract()
                .path("_embedded.resources");
        String openid = resources.stream()
                .filter(r -> "OPENID_CONNECT".equals(r.get("type")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
        List<Map<String, Object>> scopes = admin.get("/v1/environments/{env}/resources/{r}/scopes", env, openid)
                .then()
                .extract()
                .path("_embedded.scopes");
        return scopes.stream()
                .filter(s -> name.equals(s.get("name")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
    }

    private String code(String scope) {
        client = new BrowserlessClient(server.baseUrl(), env);
        Map<String, String> p = new HashMap<>(
                Map.of("response_type", "code", "client_id", app.id(), "redirect_uri", REDIRECT_URI, "scope", scope));
        Response authorize =
                client.authorize(p).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        return BrowserlessClient.redirectParams(
                        client.resume(flow).then().statusCode(302).extract().response())
                .get("code");
    }

    private Response exchange(String code) {
        return client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    private Response tokens(String scope) {
        return exchange(code(scope));
    }

    private static Map<String, Object> claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
    }

    private Map<String, Object> userinfo(String accessToken) {
        return client.request()
                .header("Authorization", "Bearer " + accessToken)
                .get("/" + env + "/as/userinfo")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
    }

    private Map<String, Object> introspect(String token) {
        return client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", token)
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
    }
}
