package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.latchkey.http.ApiException;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.keys.SigningKeyService;
import io.latchkey.storage.Database;

/** {@code /{envId}/as/.well-known/openid-configuration} and {@code /{envId}/as/jwks}. */
public final class DiscoveryEndpoint {
    private final Database db;
    private final SigningKeyService keys;

    public DiscoveryEndpoint(Database db, SigningKeyService keys) {
        this.db = db;
        this.keys = keys;
    }

    public void configuration(Exchange x) {
        String env = requireEnvironment(x);
        String issuer = x.links().issuer(env);
        ObjectNode d = Json.object();
        d.put("issuer", issuer);
        d.put("authorization_endpoint", issuer + "/authorize");
        d.put("token_endpoint", issuer + "/token");
        d.put("pushed_authorization_request_endpoint", issuer + "/par");
        d.put("userinfo_endpoint", issuer + "/userinfo");
        d.put("jwks_uri", issuer + "/jwks");
        d.put("end_session_endpoint", issuer + "/signoff");
        d.put("introspection_endpoint", issuer + "/introspect");
        d.put("revocation_endpoint", issuer + "/revoke");
        d.put("device_authorization_endpoint", issuer + "/device_authorization");
        d.put("frontchannel_logout_supported", false);
        d.put("claims_parameter_supported", true);
        d.put("request_parameter_supported", true);
        // Unsigned ones only for applications with supportUnsignedRequestObject.
        list(
                d,
                "request_object_signing_alg_values_supported",
                java.util.stream.Stream.concat(
                                RequestObjects.ALGORITHMS.stream().map(JWSAlgorithm::getName),
                                java.util.stream.Stream.of("none"))
                        .toArray(String[]::new));
        // Only pushed requests' request_uri values are taken (nothing is fetched from a URL): false, as PingOne says.
        d.put("request_uri_parameter_supported", false);
        // Per application (parRequirement), not for the whole server.
        d.put("require_pushed_authorization_requests", false);
        list(d, "scopes_supported", "openid", "profile", "email", "address", "phone", "offline_access");
        // AuthorizeRequestParser.SUPPORTED, spelled as PingOne's discovery document spells them.
        list(
                d,
                "response_types_supported",
                "code",
                "id_token",
                "token id_token",
                "token",
                "code id_token",
                "code token",
                "code token id_token");
        list(d, "response_modes_supported", "pi.flow", "query", "fragment", "form_post");
        list(
                d,
                "grant_types_supported",
                "authorization_code",
                "implicit",
                "client_credentials",
                "refresh_token",
                TokenExchangeGrant.GRANT_TYPE,
                DeviceCodeGrant.GRANT_TYPE);
        list(d, "subject_types_supported", "public");
        // The algorithms of the keys in the JWKS, the default's (what new ID tokens carry) first.
        list(d, "id_token_signing_alg_values_supported", keys.algorithms(env).toArray(String[]::new));
        list(d, "userinfo_signing_alg_values_supported", "none");
        String[] methods = {"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"
        };
        list(d, "token_endpoint_auth_methods_supported", methods);
        list(
                d,
                "token_endpoint_auth_signing_alg_values_supported",
                "HS256",
                "HS384",
                "HS512",
                "RS256",
                "RS384",
                "RS512",
                "ES256",
                "PS256");
        list(d, "introspection_endpoint_auth_methods_supported", methods);
        list(d, "revocation_endpoint_auth_methods_supported", methods);
        list(d, "claim_types_supported", "normal");
        // The claims UserClaims and the tokens can carry (PingOne's list has "profile", which no token here holds).
        list(
                d,
                "claims_supported",
                "sub",
                "iss",
                "auth_time",
                "acr",
                "name",
                "given_name",
                "family_name",
                "middle_name",
                "nickname",
                "preferred_username",
                "picture",
                "zoneinfo",
                "phone_number",
                "updated_at",
                "address",
                "email",
                "email_verified",
                "locale");
        list(d, "code_challenge_methods_supported", "plain", "S256");
        x.ok(d);
    }

    public void jwks(Exchange x) {
        String env = requireEnvironment(x);
        x.header("Cache-Control", "public, max-age=300");
        x.text(200, "application/json", keys.publicKeys(env).toString(true));
    }

    private String requireEnvironment(Exchange x) {
        String env = x.pathParam("envId");
        if (!db.withHandle(h -> Database.environmentExists(h, env))) throw ApiException.notFound("Environment", env);
        return env;
    }

    private static void list(ObjectNode d, String name, String... values) {
        ArrayNode a = d.putArray(name);
        for (String v : values) a.add(v);
    }
}
