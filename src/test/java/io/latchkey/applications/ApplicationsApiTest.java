package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.with;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicationsApiTest {
    private static final String APPS = "/v1/environments/{env}/applications";
    private static final String APP = APPS + "/{app}";

    TestServer server;
    Api admin;
    String env;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
    }

    private long count() {
        return admin.get(APPS, env)
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("count")
                .longValue();
    }

    private String read(String app) {
        return admin.get(APP, env, app).then().statusCode(200).extract().asString();
    }

    /** Sends a bad create; checks the detail and that no application was created. */
    private void rejectsCreate(Map<String, Object> body, String detailCode, String target) {
        long before = count();
        invalid(admin.post(APPS, body, env), detailCode, target);
        assertThat(count()).isEqualTo(before);
    }

    /** Sends a bad PUT; checks the detail and that the application is unchanged. */
    private void rejectsReplace(String app, Map<String, Object> body, String detailCode, String target) {
        String before = read(app);
        invalid(admin.put(APP, body, env, app), detailCode, target);
        assertThat(read(app)).isEqualTo(before);
    }

    // ---- CRUD

    @ParameterizedTest
    @ValueSource(strings = {"WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE"})
    void eachTypeIsCreatedReadReplacedAndDeleted(String type) {
        Map<String, Object> body = body(type);
        String id = admin.post(APPS, body, env)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("name", equalTo(body.get("name")))
                .body("type", equalTo(type))
                .body("protocol", equalTo("OPENID_CONNECT"))
                .body("enabled", equalTo(true))
                .body("tokenEndpointAuthMethod", equalTo(body.get("tokenEndpointAuthMethod")))
                .body("grantTypes", equalTo(body.get("grantTypes")))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("_links.self.href", containsString("/v1/environments/" + env + "/applications/"))
                .body("_links.environment.href", containsString("/v1/environments/" + env))
                .body("assignActorRoles", nullValue())
                .extract()
                .path("id");
        admin.get(APP, env, id).then().statusCode(200).body("id", equalTo(id)).body("type", equalTo(type));

        Map<String, Object> renamed = with(body, "name", "renamed", "description", "new description");
        admin.put(APP, renamed, env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("renamed"))
                .body("description", equalTo("new description"));
        admin.get(APP, env, id).then().statusCode(200).body("name", equalTo("renamed"));

        admin.delete(APP, env, id).then().statusCode(204);
        notFound(admin.get(APP, env, id));
        notFound(admin.delete(APP, env, id));
    }

    @Test
    void defaultsAreFilledIn() {
        Map<String, Object> body = with(body("WEB_APP"), "enabled", null, "responseTypes", null, "grantTypes", null);
        admin.post(APPS, body, env)
                .then()
                .statusCode(201)
                .body("enabled", equalTo(false))
                .body("grantTypes", equalTo(List.of("AUTHORIZATION_CODE")))
                .body("responseTypes", equalTo(List.of("CODE")))
                .body("pkceEnforcement", equalTo("OPTIONAL"))
                .body("refreshTokenDuration", equalTo(2592000))
                .body("additionalRefreshTokenReplayProtectionEnabled", equalTo(true))
                .body("parRequirement", equalTo("OPTIONAL"))
                .body("parTimeout", equalTo(60))
                .body("_links.secret.href", notNullValue());
    }

    @Test
    void singlePageAppHasNoSecret() {
        admin.post(APPS, body("SINGLE_PAGE_APP"), env)
                .then()
                .statusCode(201)
                .body("tokenEndpointAuthMethod", equalTo("NONE"))
                .body("_links.secret", nullValue());
    }

    @Test
    void listPagesWithLimitAndCursor() {
        List<String> created =
                List.of(create(admin, env, "WEB_APP"), create(admin, env, "SERVICE"), create(admin, env, "WORKER"));
        var first = admin.request()
                .queryParam("limit", 2)
                .get(APPS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("size", equalTo(2))
                .extract();
        String next = first.path("_links.next.href");
        assertThat(next).contains("cursor=");
        var second = admin.request()
                .get(next)
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("_links.next", nullValue())
                .extract();
        List<String> seen = new java.util.ArrayList<>(first.<List<String>>path("_embedded.applications.id"));
        seen.addAll(second.<List<String>>path("_embedded.applications.id"));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void unknownEnvironmentIs404() {
        String unknown = UUID.randomUUID().toString();
        notFound(admin.post(APPS, body("WEB_APP"), unknown));
        notFound(admin.get(APPS, unknown));
    }

    @Test
    void patchIsNotOfferedAndChangesNothing() {
        String app = create(admin, env, "WEB_APP");
        String before = read(app);
        admin.patch(APP, Map.of("name", "patched"), env, app).then().statusCode(405);
        assertThat(read(app)).isEqualTo(before);
    }

    @Test
    void pkceEnforcementIsStoredAndChecked() {
        admin.post(APPS, with(body("SINGLE_PAGE_APP"), "pkceEnforcement", "S256_REQUIRED"), env)
                .then()
                .statusCode(201)
                .body("pkceEnforcement", equalTo("S256_REQUIRED"));
        rejectsCreate(with(body("SINGLE_PAGE_APP"), "pkceEnforcement", "ALWAYS"), "INVALID_VALUE", "pkceEnforcement");
    }

    @Test
    void disabledApplicationCannotGetTokens() {
        String app = create(admin, env, with(body("WORKER"), "enabled", false));
        String secret = AppFixtures.secret(admin, env, app);
        AppFixtures.clientCredentials(server, env, app, secret)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        admin.put(APP, with(body("WORKER"), "enabled", true), env, app).then().statusCode(200);
        AppFixtures.clientCredentials(server, env, app, secret).then().statusCode(200);
    }

    // ---- required fields, protocol, type

    @Test
    void missingNameIsRequiredValue() {
        rejectsCreate(with(body("WEB_APP"), "name", null), "REQUIRED_VALUE", "name");
    }

    @Test
    void blankNameIsEmptyValue() {
        rejectsCreate(with(body("WEB_APP"), "name", "  "), "EMPTY_VALUE", "name");
    }

    @Test
    void missingTokenEndpointAuthMethodIsRequiredValue() {
        rejectsCreate(
                with(body("WEB_APP"), "tokenEndpointAuthMethod", null), "REQUIRED_VALUE", "tokenEndpointAuthMethod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAML", "WS_FED", "EXTERNAL_LINK"})
    void otherProtocolsAreAClear400(String protocol) {
        long before = count();
        invalid(admin.post(APPS, with(body("WEB_APP"), "protocol", protocol), env), "INVALID_VALUE", "protocol")
                .then()
                .body("details[0].message", containsString(protocol + " applications are not supported"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void unsupportedTypeIsInvalidValue() {
        rejectsCreate(with(body("WEB_APP"), "type", "CUSTOM_APP"), "INVALID_VALUE", "type");
    }

    @Test
    void typeCannotChange() {
        String app = create(admin, env, "WEB_APP");
        rejectsReplace(
                app,
                with(body("WEB_APP"), "type", "NATIVE_APP", "tokenEndpointAuthMethod", "NONE"),
                "INVALID_VALUE",
                "type");
    }

    @Test
    void wrongTypesAreInvalidValues() {
        rejectsCreate(with(body("WEB_APP"), "enabled", "yes"), "INVALID_VALUE", "enabled");
        rejectsCreate(with(body("WEB_APP"), "grantTypes", "AUTHORIZATION_CODE"), "INVALID_VALUE", "grantTypes");
        rejectsCreate(with(body("WEB_APP"), "grantTypes", List.of("PASSWORD")), "INVALID_VALUE", "grantTypes[0]");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        long before = count();
        admin.post(
                        APPS,
                        with(
                                body("WEB_APP"),
                                "name",
                                null,
                                "pkceEnforcement",
                                "NEVER",
                                "redirectUris",
                                List.of("/relative")),
                        env)
                .then()
                .statusCode(400)
                .body("details", hasSize(3))
                .body("details.target", hasItem("name"))
                .body("details.target", hasItem("pkceEnforcement"))
                .body("details.target", hasItem("redirectUris[0]"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void nonJsonBodyIs415AndMalformedJsonIs400() {
        long before = count();
        admin.request()
                .contentType(ContentType.TEXT)
                .body("name=x")
                .post(APPS, env)
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        admin.request()
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post(APPS, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("body"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void importedClientIdIsRefused() {
        rejectsCreate(with(body("WEB_APP"), "clientId", "my-own-client-id"), "INVALID_VALUE", "clientId");
    }

    // ---- what a type allows

    @Test
    void singlePageAppMustUseNone() {
        rejectsCreate(
                with(body("SINGLE_PAGE_APP"), "tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC"),
                "INVALID_VALUE",
                "tokenEndpointAuthMethod");
        rejectsCreate(
                with(body("SINGLE_PAGE_APP"), "tokenEndpointAuthMethod", "PRIVATE_KEY_JWT"),
                "INVALID_VALUE",
                "tokenEndpointAuthMethod");
    }

    @Test
    void singlePageAppCannotUseClientCredentials() {
        rejectsCreate(
                with(body("SINGLE_PAGE_APP"), "grantTypes", List.of("AUTHORIZATION_CODE", "CLIENT_CREDENTIALS")),
                "INVALID_VALUE",
                "grantTypes[1]");
    }

    @Test
    void workerCannotBePublic() {
        rejectsCreate(
                with(body("WORKER"), "tokenEndpointAuthMethod", "NONE"), "INVALID_VALUE", "tokenEndpointAuthMethod");
    }

    @Test
    void workerCannotUseDeviceCode() {
        rejectsCreate(with(body("WORKER"), "grantTypes", List.of("DEVICE_CODE")), "INVALID_VALUE", "grantTypes[0]");
    }

    @Test
    void serviceCannotUseBrowserGrants() {
        rejectsCreate(
                with(
                        body("SERVICE"),
                        "grantTypes",
                        List.of("AUTHORIZATION_CODE"),
                        "responseTypes",
                        List.of("CODE"),
                        "redirectUris",
                        List.of("https://svc.example.com/cb")),
                "INVALID_VALUE",
                "grantTypes[0]");
    }

    @Test
    void clientCredentialsNeedsAnAuthenticatedClient() {
        rejectsCreate(
                with(
                        body("WEB_APP"),
                        "tokenEndpointAuthMethod",
                        "NONE",
                        "grantTypes",
                        List.of("AUTHORIZATION_CODE", "CLIENT_CREDENTIALS")),
                "INVALID_VALUE",
                "tokenEndpointAuthMethod");
    }

    @Test
    void tokenExchangeNeedsAnAuthenticatedClient() {
        rejectsCreate(
                with(
                        body("NATIVE_APP"),
                        "tokenEndpointAuthMethod",
                        "NONE",
                        "grantTypes",
                        List.of("AUTHORIZATION_CODE", "TOKEN_EXCHANGE")),
                "INVALID_VALUE",
                "tokenEndpointAuthMethod");
    }

    @Test
    void authorizationCodeAndResponseTypeCodeGoTogether() {
        rejectsCreate(with(body("WEB_APP"), "responseTypes", List.of("TOKEN")), "INVALID_VALUE", "responseTypes");
        rejectsCreate(with(body("WORKER"), "responseTypes", List.of("CODE")), "INVALID_VALUE", "responseTypes");
    }

    @Test
    void implicitNeedsTokenOrIdToken() {
        rejectsCreate(
                with(
                        body("SINGLE_PAGE_APP"),
                        "grantTypes",
                        List.of("AUTHORIZATION_CODE", "IMPLICIT"),
                        "responseTypes",
                        List.of("CODE")),
                "INVALID_VALUE",
                "responseTypes");
        admin.post(
                        APPS,
                        with(
                                body("SINGLE_PAGE_APP"),
                                "grantTypes",
                                List.of("IMPLICIT"),
                                "responseTypes",
                                List.of("ID_TOKEN")),
                        env)
                .then()
                .statusCode(201)
                .body("responseTypes", equalTo(List.of("ID_TOKEN")));
    }

    @Test
    void refreshTokenNeedsAUserGrant() {
        rejectsCreate(
                with(body("WORKER"), "grantTypes", List.of("CLIENT_CREDENTIALS", "REFRESH_TOKEN")),
                "INVALID_VALUE",
                "grantTypes");
    }

    @Test
    void browserGrantsNeedARedirectUri() {
        rejectsCreate(with(body("WEB_APP"), "redirectUris", null), "REQUIRED_VALUE", "redirectUris");
        rejectsCreate(with(body("WEB_APP"), "redirectUris", List.of()), "REQUIRED_VALUE", "redirectUris");
    }

    @Test
    void privateKeyJwtNeedsPublicKeys() {
        Map<String, Object> pkj = with(body("WEB_APP"), "tokenEndpointAuthMethod", "PRIVATE_KEY_JWT");
        rejectsCreate(pkj, "REQUIRED_VALUE", "jwks");
        rejectsCreate(with(pkj, "jwks", "not a key set"), "INVALID_VALUE", "jwks");
        rejectsCreate(with(pkj, "jwks", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}"), "INVALID_VALUE", "jwks");
        rejectsCreate(with(pkj, "jwksUrl", "http://keys.example.com/jwks"), "INVALID_VALUE", "jwksUrl");
        rejectsCreate(
                with(pkj, "jwksUrl", "https://keys.example.com/jwks", "jwks", "{\"keys\":[]}"),
                "INVALID_VALUE",
                "jwksUrl");
        admin.post(APPS, with(pkj, "jwksUrl", "https://keys.example.com/jwks"), env)
                .then()
                .statusCode(201)
                .body("jwksUrl", equalTo("https://keys.example.com/jwks"));
    }

    @Test
    void requestObjectCannotBeBothRequiredSignedAndAllowedUnsigned() {
        rejectsCreate(
                with(body("WEB_APP"), "requireSignedRequestObject", true, "supportUnsignedRequestObject", true),
                "INVALID_VALUE",
                "supportUnsignedRequestObject");
    }

    @Test
    void tagsAreForWorkersOnly() {
        rejectsCreate(
                with(body("WEB_APP"), "tags", List.of("PING_FED_CONNECTION_INTEGRATION")), "INVALID_VALUE", "tags");
        admin.post(APPS, with(body("WORKER"), "tags", List.of("PING_FED_CONNECTION_INTEGRATION")), env)
                .then()
                .statusCode(201);
    }

    @Test
    void corsOriginsMustAgreeWithTheBehavior() {
        rejectsCreate(
                with(body("SINGLE_PAGE_APP"), "corsSettings", Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS")),
                "REQUIRED_VALUE",
                "corsSettings.origins");
        rejectsCreate(
                with(
                        body("SINGLE_PAGE_APP"),
                        "corsSettings",
                        Map.of("behavior", "ALLOW_NO_ORIGINS", "origins", List.of("https://a.example.com"))),
                "INVALID_VALUE",
                "corsSettings.origins");
        rejectsCreate(
                with(
                        body("SINGLE_PAGE_APP"),
                        "corsSettings",
                        Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of("https://a.example.com/path"))),
                "INVALID_VALUE",
                "corsSettings.origins[0]");
        rejectsCreate(
                with(
                        body("SINGLE_PAGE_APP"),
                        "corsSettings",
                        Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of("ftp://a.example.com"))),
                "INVALID_VALUE",
                "corsSettings.origins[0]");
    }

    // ---- redirect URIs

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "JavaScript:alert(1)",
                "  JAVASCRIPT:alert(1)",
                "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "DATA:text/html;base64,PHNjcmlwdD4=",
                "vbscript:msgbox(1)"
            })
    void scriptAndDataRedirectUrisAreRefused(String uri) {
        rejectsCreate(
                with(body("WEB_APP"), "redirectUris", List.of("https://ok.example.com/cb", uri)),
                "INVALID_VALUE",
                "redirectUris[1]");
        rejectsCreate(
                with(body("WEB_APP"), "postLogoutRedirectUris", List.of(uri)),
                "INVALID_VALUE",
                "postLogoutRedirectUris[0]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/callback",
                "callback",
                "https://app.example.com/cb#frag",
                "https://app.example.com/cb#",
                "https:/no-host",
                "https://exa mple.com/cb"
            })
    void redirectUrisMustBeAbsoluteWithoutFragment(String uri) {
        rejectsCreate(with(body("WEB_APP"), "redirectUris", List.of(uri)), "INVALID_VALUE", "redirectUris[0]");
        rejectsCreate(
                with(body("WEB_APP"), "postLogoutRedirectUris", List.of(uri)),
                "INVALID_VALUE",
                "postLogoutRedirectUris[0]");
    }

    @Test
    void validRedirectUrisAreKept() {
        List<String> uris = List.of(
                "https://app.example.com/cb?x=1",
                "http://localhost:8080/cb",
                "http://127.0.0.1/cb",
                "com.example.app:/oauth2redirect",
                "myapp://callback");
        admin.post(
                        APPS,
                        with(
                                body("NATIVE_APP"),
                                "redirectUris",
                                uris,
                                "postLogoutRedirectUris",
                                List.of("https://app.example.com/bye")),
                        env)
                .then()
                .statusCode(201)
                .body("redirectUris", equalTo(uris))
                .body("postLogoutRedirectUris", equalTo(List.of("https://app.example.com/bye")));
    }

    @Test
    void repeatedRedirectUriIsInvalid() {
        rejectsCreate(
                with(body("WEB_APP"), "redirectUris", List.of("https://a.example.com/cb", "https://a.example.com/cb")),
                "INVALID_VALUE",
                "redirectUris[1]");
    }

    @Test
    void wildcardRedirectUrisNeedTheSettingAndOneWildcardInThePath() {
        rejectsCreate(
                with(body("WEB_APP"), "redirectUris", List.of("https://app.example.com/th*/cb")),
                "INVALID_VALUE",
                "redirectUris[0]");
        Map<String, Object> allowed = with(body("WEB_APP"), "allowWildcardInRedirectUris", true);
        rejectsCreate(
                with(allowed, "redirectUris", List.of("https://*.example.com/cb")), "INVALID_VALUE", "redirectUris[0]");
        rejectsCreate(
                with(allowed, "redirectUris", List.of("https://app.example.com/*/x/*")),
                "INVALID_VALUE",
                "redirectUris[0]");
        admin.post(APPS, with(allowed, "redirectUris", List.of("https://app.example.com/th*/cb")), env)
                .then()
                .statusCode(201)
                .body("allowWildcardInRedirectUris", equalTo(true));
    }

    // ---- refresh tokens

    @Test
    void refreshTokenDurationsAreCheckedTogether() {
        rejectsCreate(
                with(body("WEB_APP"), "refreshTokenDuration", 7200, "refreshTokenRollingDuration", 3600),
                "INVALID_VALUE",
                "refreshTokenDuration");
        rejectsCreate(with(body("WEB_APP"), "refreshTokenDuration", 59), "OUT_OF_RANGE", "refreshTokenDuration");
        rejectsCreate(
                with(body("WEB_APP"), "refreshTokenRollingDuration", 10),
                "OUT_OF_RANGE",
                "refreshTokenRollingDuration");
        rejectsCreate(
                with(body("WEB_APP"), "refreshTokenRollingGracePeriodDuration", 86401),
                "OUT_OF_RANGE",
                "refreshTokenRollingGracePeriodDuration");
        rejectsCreate(with(body("WEB_APP"), "refreshTokenType", "SIGNED"), "INVALID_VALUE", "refreshTokenType");
        admin.post(
                        APPS,
                        with(
                                body("WEB_APP"),
                                "refreshTokenDuration",
                                3600,
                                "refreshTokenRollingDuration",
                                3600,
                                "refreshTokenRollingGracePeriodDuration",
                                30,
                                "refreshTokenType",
                                "OPAQUE_TOKEN"),
                        env)
                .then()
                .statusCode(201)
                .body("refreshTokenDuration", equalTo(3600))
                .body("refreshTokenRollingDuration", equalTo(3600))
                .body("refreshTokenRollingGracePeriodDuration", equalTo(30))
                .body("refreshTokenType", equalTo("OPAQUE_TOKEN"));
    }

    @Test
    void rollingDurationOnceSetSurvivesAPutThatOmitsIt() {
        Map<String, Object> body = with(body("WEB_APP"), "refreshTokenRollingDuration", 86400);
        String app = admin.post(APPS, body, env)
                .then()
                .statusCode(201)
                .body(
                        "refreshTokenDuration",
                        equalTo(86400)) // the 30-day default yields to the shorter rolling duration
                .extract()
                .path("id");
        admin.put(APP, with(body, "refreshTokenRollingDuration", null), env, app)
                .then()
                .statusCode(200)
                .body("refreshTokenRollingDuration", equalTo(86400));
        rejectsReplace(
                app,
                with(body, "refreshTokenRollingDuration", null, "refreshTokenDuration", 90000),
                "INVALID_VALUE",
                "refreshTokenDuration");
    }

    @Test
    void putClearsOmittedOptionalFields() {
        Map<String, Object> body = with(
                body("WEB_APP"),
                "description",
                "d",
                "homePageUrl",
                "https://app.example.com",
                "pkceEnforcement",
                "REQUIRED");
        String app = create(admin, env, body);
        admin.put(APP, with(body, "description", null, "homePageUrl", null, "pkceEnforcement", null), env, app)
                .then()
                .statusCode(200)
                .body("description", nullValue())
                .body("homePageUrl", nullValue())
                .body("pkceEnforcement", equalTo("OPTIONAL"));
    }

    @Test
    void badPutChangesNothing() {
        String app = create(admin, env, "WEB_APP");
        rejectsReplace(
                app,
                with(body("WEB_APP"), "redirectUris", List.of("javascript:alert(1)")),
                "INVALID_VALUE",
                "redirectUris[0]");
        rejectsReplace(
                app,
                with(body("WEB_APP"), "tokenEndpointAuthMethod", "BASIC"),
                "INVALID_VALUE",
                "tokenEndpointAuthMethod");
    }

    @Test
    void putOfAnUnknownApplicationIs404() {
        notFound(admin.put(APP, body("WEB_APP"), env, UUID.randomUUID().toString()));
    }
}
