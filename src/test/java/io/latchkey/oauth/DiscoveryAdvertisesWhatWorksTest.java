package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The discovery document advertises only what works: every value of its lists is tried against the endpoint it is
 * about (a grant type is not {@code unsupported_grant_type}, an authentication method and signing algorithm
 * authenticate, a response type, response mode and code challenge method start a sign-on, every advertised scope
 * exists, every advertised claim comes out of a sign-on and no user claim comes out unadvertised).
 */
@ParameterizedClass
@EnumSource(Db.class)
class DiscoveryAdvertisesWhatWorksTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String issuer;
    Response discovery;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        issuer = server.baseUrl() + "/" + env + "/as";
        discovery = server.anonymous()
                .request()
                .get("/" + env + "/as/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .response();
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    private List<String> advertised(String field) {
        return discovery.path(field);
    }

    /** A WEB_APP authenticating with {@code method}; for PRIVATE_KEY_JWT with the public part of {@code key}. */
    private SignOnFixtures.App app(String method, JWK key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "disc-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", method.equals("NONE") ? "SINGLE_PAGE_APP" : "WEB_APP");
        body.put(
                "grantTypes",
                method.equals("NONE") ? List.of("AUTHORIZATION_CODE") : List.of("AUTHORIZATION_CODE", "REFRESH_TOKEN"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", method);
        body.put("redirectUris", List.of(REDIRECT_URI));
        if (key != null) body.put("jwks", "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}");
        String id = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = method.equals("NONE")
                ? null
                : admin.get("/v1/environments/{env}/applications/{id}/secret", env, id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("secret");
        return new SignOnFixtures.App(id, secret);
    }

    /** A form post to {@code endpoint} authenticated as {@code app} with {@code method} (and {@code alg}, {@code key}). */
    private Response post(
            String endpoint, Map<String, String> form, SignOnFixtures.App app, String method, JWSAlgorithm alg, JWK key)
            throws Exception {
        Map<String, String> f = new HashMap<>(form);
        RequestSpecification r = client.request().contentType("application/x-www-form-urlencoded");
        URI audience = URI.create(issuer + "/token");
        switch (method) {
            case "client_secret_basic" -> r = r.auth().preemptive().basic(app.id(), app.secret());
            case "client_secret_post" -> {
                f.put("client_id", app.id());
                f.put("client_secret", app.secret());
            }
            case "client_secret_jwt" -> {
                f.put("client_assertion_type", ASSERTION_TYPE);
                f.put(
                        "client_assertion",
                        new ClientSecretJWT(new ClientID(app.id()), audience, alg, new Secret(app.secret()))
                                .getClientAssertion()
                                .serialize());
            }
            case "private_key_jwt" -> {
                f.put("client_assertion_type", ASSERTION_TYPE);
                PrivateKeyJWT jwt = key instanceof ECKey ec
                        ? new PrivateKeyJWT(
                                new ClientID(app.id()), audience, alg, ec.toECPrivateKey(), ec.getKeyID(), null)
                        : new PrivateKeyJWT(
                                new ClientID(app.id()),
                                audience,
                                alg,
                                ((RSAKey) key).toRSAPrivateKey(),
                                key.getKeyID(),
                                null);
                f.put("client_assertion", jwt.getClientAssertion().serialize());
            }
            case "none" -> f.put("client_id", app.id());
            default -> throw new AssertionError("advertised, but this test does not know it: " + method);
        }
        return r.formParams(f).post("/" + env + "/as/" + endpoint);
    }

    private static String methodName(String advertised) {
        return advertised.toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void everyAdvertisedGrantTypeIsOneTheTokenEndpointTakes() {
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String worker = admin.post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                "w-" + UUID.randomUUID(),
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "WORKER",
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC",
                                "grantTypes",
                                List.of("CLIENT_CREDENTIALS"),
                                "assignActorRoles",
                                false),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String workerSecret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, worker)
                .then()
                .extract()
                .path("secret");
        String exchanger = admin.post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                "tx-" + UUID.randomUUID(),
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "SERVICE",
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC",
                                "grantTypes",
                                List.of("TOKEN_EXCHANGE")),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String exchangerSecret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, exchanger)
                .then()
                .extract()
                .path("secret");
        String device = admin.post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                "d-" + UUID.randomUUID(),
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "NATIVE_APP",
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC",
                                "grantTypes",
                                List.of("DEVICE_CODE")),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String deviceSecret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, device)
                .then()
                .extract()
                .path("secret");
        assertThat(advertised("grant_types_supported")).isNotEmpty();
        for (String grant : advertised("grant_types_supported")) {
            // The implicit grant is the authorization endpoint's: its response types are tried below.
            if (grant.equals("implicit")) continue;
            Response r = switch (grant) {
                case "client_credentials" -> client.token(Map.of("grant_type", grant), worker, workerSecret);
                case "authorization_code" ->
                    client.token(
                            Map.of("grant_type", grant, "code", "unknown", "redirect_uri", REDIRECT_URI),
                            app.id(),
                            app.secret());
                case "refresh_token" ->
                    client.token(Map.of("grant_type", grant, "refresh_token", "unknown"), app.id(), app.secret());
                case "urn:ietf:params:oauth:grant-type:token-exchange" ->
                    client.token(
                            Map.of(
                                    "grant_type",
                                    grant,
                                    "subject_token",
                                    "unknown",
                                    "subject_token_type",
                                    "urn:ietf:params:oauth:token-type:access_token",
                                    "scope",
                                    "unknown"),
                            exchanger,
                            exchangerSecret);
                case "urn:ietf:params:oauth:grant-type:device_code" ->
                    client.token(Map.of("grant_type", grant, "device_code", "unknown"), device, deviceSecret);
                default -> throw new AssertionError("advertised, but this test does not know it: " + grant);
            };
            if (grant.equals("client_credentials")) r.then().statusCode(200);
            else r.then().statusCode(400).body("error", equalTo("invalid_grant"));
        }
        client.token(Map.of("grant_type", "implicit"), app.id(), app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void everyAdvertisedAuthMethodAndSigningAlgorithmAuthenticates() throws Exception {
        Set<String> methods = new HashSet<>(advertised("token_endpoint_auth_methods_supported"));
        assertThat(advertised("introspection_endpoint_auth_methods_supported"))
                .containsExactlyInAnyOrderElementsOf(methods);
        assertThat(advertised("revocation_endpoint_auth_methods_supported"))
                .containsExactlyInAnyOrderElementsOf(methods);
        List<String> algs = advertised("token_endpoint_auth_signing_alg_values_supported");
        for (String method : methods) {
            List<JWSAlgorithm> tried = switch (method) {
                case "client_secret_jwt" ->
                    algs.stream()
                            .filter(a -> a.startsWith("HS"))
                            .map(JWSAlgorithm::parse)
                            .toList();
                case "private_key_jwt" ->
                    algs.stream()
                            .filter(a -> !a.startsWith("HS"))
                            .map(JWSAlgorithm::parse)
                            .toList();
                default -> java.util.Collections.singletonList((JWSAlgorithm) null);
            };
            for (JWSAlgorithm alg : tried) {
                JWK key = null;
                if (method.equals("private_key_jwt")) {
                    key = JWSAlgorithm.Family.EC.contains(alg)
                            ? new ECKeyGenerator(Curve.forJWSAlgorithm(alg)
                                            .iterator()
                                            .next())
                                    .keyID("k")
                                    .generate()
                            : new RSAKeyGenerator(2048).keyID("k").generate();
                }
                SignOnFixtures.App app = app(methodName(method), key);
                String what = method + (alg == null ? "" : " " + alg);
                // Authenticated: the code is what is wrong, not the client.
                assertThat(post(
                                        "token",
                                        Map.of(
                                                "grant_type",
                                                "authorization_code",
                                                "code",
                                                "unknown",
                                                "redirect_uri",
                                                REDIRECT_URI),
                                        app,
                                        method,
                                        alg,
                                        key)
                                .then()
                                .extract()
                                .<String>path("error"))
                        .as(what)
                        .isEqualTo("invalid_grant");
                assertThat(post("introspect", Map.of("token", "unknown"), app, method, alg, key)
                                .statusCode())
                        .as(what)
                        .isEqualTo(200);
                assertThat(post("revoke", Map.of("token", "unknown"), app, method, alg, key)
                                .statusCode())
                        .as(what)
                        .isEqualTo(200);
                // The pushed authorization request endpoint authenticates as the token endpoint does.
                assertThat(post(
                                        "par",
                                        Map.of(
                                                "response_type",
                                                "code",
                                                "redirect_uri",
                                                REDIRECT_URI,
                                                "scope",
                                                "openid"),
                                        app,
                                        method,
                                        alg,
                                        key)
                                .statusCode())
                        .as(what)
                        .isEqualTo(201);
            }
        }
        // The algorithms of the JWT methods are all tried above.
        assertThat(methods).contains("client_secret_jwt", "private_key_jwt");
    }

    private Map<String, String> authorizeParams(String... extra) {
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "state",
                "st"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return p;
    }

    /** The authorization request starts a sign-on (the sign-on page, or pi.flow's JSON) instead of an error. */
    private void startsASignOn(Map<String, String> params) {
        Response r = client.authorize(params);
        if ("pi.flow".equals(params.get("response_mode"))) {
            r.then().statusCode(200).body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
        } else {
            r.then().statusCode(302).header("Location", not(startsWith(REDIRECT_URI)));
            BrowserlessClient.flowIdOf(r);
        }
    }

    @Test
    void everyAdvertisedResponseTypeModeAndCodeChallengeMethodStartsASignOn() {
        Map<String, Object> hybrid = new LinkedHashMap<>(Map.of(
                "name",
                "h-" + UUID.randomUUID(),
                "enabled",
                true,
                "protocol",
                "OPENID_CONNECT",
                "type",
                "WEB_APP",
                "tokenEndpointAuthMethod",
                "CLIENT_SECRET_BASIC",
                "grantTypes",
                List.of("AUTHORIZATION_CODE", "IMPLICIT"),
                "responseTypes",
                List.of("CODE", "TOKEN", "ID_TOKEN"),
                "redirectUris",
                List.of(REDIRECT_URI)));
        String hybridApp = admin.post("/v1/environments/{env}/applications", hybrid, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String type : advertised("response_types_supported")) {
            startsASignOn(authorizeParams("response_type", type, "client_id", hybridApp, "nonce", "n"));
        }
        for (String mode : advertised("response_modes_supported"))
            startsASignOn(authorizeParams("response_mode", mode));
        for (String method : advertised("code_challenge_methods_supported")) {
            startsASignOn(authorizeParams(
                    "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", method));
        }
    }

    @Test
    void everyAdvertisedScopeIsAScopeOfTheOpenidResource() {
        List<Map<String, Object>> resources = admin.get("/v1/environments/{env}/resources", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.resources");
        String openid = resources.stream()
                .filter(r -> "OPENID_CONNECT".equals(r.get("type")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
        List<String> names = admin.get("/v1/environments/{env}/resources/{r}/scopes", env, openid)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.scopes.name");
        assertThat(names).containsAll(advertised("scopes_supported"));
    }

    @Test
    void theAdvertisedEndpointsAnswer() {
        assertThat(advertised("subject_types_supported")).containsExactly("public");
        server.anonymous()
                .request()
                .get(URI.create(discovery.<String>path("jwks_uri")).getPath())
                .then()
                .statusCode(200);
        server.anonymous()
                .request()
                .get(URI.create(discovery.<String>path("userinfo_endpoint")).getPath())
                .then()
                .statusCode(401);
        client.request()
                .get(URI.create(discovery.<String>path("end_session_endpoint")).getPath())
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(400));
        for (String field : List.of(
                "token_endpoint",
                "introspection_endpoint",
                "revocation_endpoint",
                "device_authorization_endpoint",
                "pushed_authorization_request_endpoint")) {
            server.anonymous()
                    .request()
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("x", "y")
                    .post(URI.create(discovery.<String>path(field)).getPath())
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(400, 401));
        }
    }

    @Test
    void theAdvertisedClaimsAreTheUserClaimsASignOnGives() throws Exception {
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile", "email", "address", "phone");
        String username = "full-" + UUID.randomUUID();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("email", username + "@example.com");
        user.put("name", Map.of("given", "Jane", "middle", "Q", "family", "Doe", "formatted", "Jane Q Doe"));
        user.put("nickname", "JJ");
        user.put("locale", "en-US");
        user.put("timezone", "America/Chicago");
        user.put("mobilePhone", "+1 555 0100");
        user.put(
                "address",
                Map.of(
                        "streetAddress",
                        "1 Main St",
                        "locality",
                        "Springfield",
                        "region",
                        "IL",
                        "postalCode",
                        "62701",
                        "countryCode",
                        "US"));
        user.put("photo", Map.of("href", "https://example.com/jane.png"));
        String userId = admin.post("/v1/environments/{env}/users", user, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.request()
                .contentType("application/vnd.pingidentity.password.set+json")
                .body(Map.of("value", PASSWORD, "forceChange", false))
                .put("/v1/environments/{env}/users/{id}/password", env, userId)
                .then()
                .statusCode(200);

        Response authorize = client.authorize(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        app.id(),
                        "redirect_uri",
                        REDIRECT_URI,
                        "scope",
                        "openid profile email address phone",
                        "state",
                        "st"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200);
        String code = BrowserlessClient.redirectParams(
                        client.resume(flow).then().statusCode(302).extract().response())
                .get("code");
        Response tokens = client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
        Map<String, Object> userinfo = client.request()
                .header("Authorization", "Bearer " + tokens.path("access_token"))
                .get("/" + env + "/as/userinfo")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        Set<String> given = new HashSet<>(userinfo.keySet());
        given.addAll(SignedJWT.parse(tokens.<String>path("id_token"))
                .getJWTClaimsSet()
                .getClaims()
                .keySet());

        List<String> claims = advertised("claims_supported");
        assertThat(given).containsAll(claims);
        assertThat(claims).containsAll(userinfo.keySet());
    }
}
