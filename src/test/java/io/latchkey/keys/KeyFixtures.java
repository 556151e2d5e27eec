package io.latchkey.keys;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Bodies and calls the signing key tests share. */
final class KeyFixtures {
    static final String KEYS = "/v1/environments/{env}/keys";
    static final String KEY = KEYS + "/{id}";

    private KeyFixtures() {}

    static Map<String, Object> body(String algorithm, int keyLength, String signatureAlgorithm) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", "key-" + algorithm + "-" + keyLength + "-" + System.nanoTime());
        b.put("algorithm", algorithm);
        b.put("keyLength", keyLength);
        b.put("signatureAlgorithm", signatureAlgorithm);
        b.put("subjectDN", "CN=Test " + algorithm + " " + keyLength + ",O=Latchkey Tests,C=US");
        b.put("validityPeriod", 365);
        b.put("usageType", "SIGNING");
        return b;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        if (value == null) b.remove(field);
        else b.put(field, value);
        return b;
    }

    /** Creates a key; its id. */
    static String create(Api admin, String env, Map<String, Object> body) {
        return admin.post(KEYS, body, env).then().statusCode(201).extract().path("id");
    }

    static void makeDefault(Api admin, String env, String id) {
        admin.put(KEY, Map.of("default", true, "usageType", "SIGNING"), env, id)
                .then()
                .statusCode(200);
    }

    static String defaultKey(Api admin, String env) {
        List<String> ids =
                admin.get(KEYS, env).then().statusCode(200).extract().path("_embedded.keys.findAll { it.default }.id");
        return ids.get(0);
    }

    /** A client_credentials access token of {@code app} from the server at {@code baseUrl}. */
    static String token(String baseUrl, EnvironmentFixtures.Client app) {
        return given().baseUri(baseUrl)
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("grant_type", "client_credentials")
                .post("/" + app.environmentId() + "/as/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** Whether introspection at {@code baseUrl} (by the token's own application) says the token is active. */
    static boolean active(String baseUrl, EnvironmentFixtures.Client app, String token) {
        return given().baseUri(baseUrl)
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", token)
                .post("/" + app.environmentId() + "/as/introspect")
                .then()
                .statusCode(200)
                .extract()
                .<Boolean>path("active");
    }

    static JWKSet jwks(String baseUrl, String env) throws Exception {
        String json = given().baseUri(baseUrl)
                .get("/" + env + "/as/jwks")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return JWKSet.parse(json);
    }

    /** The token's claims if a standard library (Nimbus) verifies it against the environment's JWKS. */
    static Optional<JWTClaimsSet> verifiedByJwks(String baseUrl, String env, String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384),
                new ImmutableJWKSet<>(jwks(baseUrl, env))));
        try {
            return Optional.of(processor.process(token, null));
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            return Optional.empty();
        }
    }
}
