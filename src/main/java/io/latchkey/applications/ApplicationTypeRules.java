package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that tie the fields of an OIDC application together: which grant types and token-endpoint
 * authentication methods each type allows, how grant types and response types must agree, and the defaults
 * filled in when they are omitted. Checked after {@link ApplicationShape}, so values are known-good enums.
 *
 * <p>PingOne documents the type as a starting point whose defaults "you're free to change"; Latchkey keeps
 * that flexibility except where a combination cannot work or would be unsafe. The decisions, per type:
 * <pre>
 * type             grant types allowed                                          auth methods       default grants
 * WEB_APP          AUTHORIZATION_CODE IMPLICIT REFRESH_TOKEN CLIENT_CREDENTIALS  any                AUTHORIZATION_CODE
 *                  DEVICE_CODE CIBA TOKEN_EXCHANGE
 * NATIVE_APP       AUTHORIZATION_CODE IMPLICIT REFRESH_TOKEN DEVICE_CODE CIBA    any                AUTHORIZATION_CODE
 *                  TOKEN_EXCHANGE CLIENT_CREDENTIALS
 * SINGLE_PAGE_APP  AUTHORIZATION_CODE IMPLICIT REFRESH_TOKEN                     NONE only          AUTHORIZATION_CODE
 * WORKER           CLIENT_CREDENTIALS AUTHORIZATION_CODE IMPLICIT REFRESH_TOKEN  any but NONE       CLIENT_CREDENTIALS
 * SERVICE          CLIENT_CREDENTIALS TOKEN_EXCHANGE DEVICE_CODE CIBA            any                CLIENT_CREDENTIALS
 *                  REFRESH_TOKEN
 * </pre>
 * and for every type: CLIENT_CREDENTIALS and TOKEN_EXCHANGE need an authenticated client (not NONE); AUTHORIZATION_CODE goes
 * with response type CODE and IMPLICIT with TOKEN and/or ID_TOKEN, both ways; REFRESH_TOKEN needs a grant
 * that signs a user on; a browser grant needs at least one redirect URI; PRIVATE_KEY_JWT needs exactly one
 * of {@code jwks} / {@code jwksUrl} (public keys only); a wildcard redirect URI needs
 * {@code allowWildcardInRedirectUris} and has one {@code *} in its path or query;
 * {@code refreshTokenDuration <= refreshTokenRollingDuration}; signed and unsigned request objects cannot
 * both be required and allowed, and neither can be true while request objects are not supported; {@code tags} are for WORKERs only; CORS origins agree with the behavior
 * (the Auth API follows them: {@link CorsSettings}).
 */
final class ApplicationTypeRules {
    private ApplicationTypeRules() {}

    private record Rule(Set<String> grantTypes, Set<String> authMethods, List<String> defaultGrants) {}

    private static final Set<String> ALL_METHODS =
            Set.of("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT");
    private static final Set<String> CONFIDENTIAL_METHODS =
            Set.of("CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT");

    private static final Set<String> KNOWN_GRANTS = Set.of(
            "AUTHORIZATION_CODE",
            "IMPLICIT",
            "REFRESH_TOKEN",
            "CLIENT_CREDENTIALS",
            "DEVICE_CODE",
            "TOKEN_EXCHANGE",
            "CIBA");

    private static final Map<String, Rule> RULES = Map.of(
            "WEB_APP",
                    new Rule(
                            Set.of(
                                    "AUTHORIZATION_CODE",
                                    "IMPLICIT",
                                    "REFRESH_TOKEN",
                                    "CLIENT_CREDENTIALS",
                                    "DEVICE_CODE",
                                    "CIBA",
                                    "TOKEN_EXCHANGE"),
                            ALL_METHODS,
                            List.of("AUTHORIZATION_CODE")),
            "NATIVE_APP",
                    new Rule(
                            Set.of(
                                    "AUTHORIZATION_CODE",
                                    "IMPLICIT",
                                    "REFRESH_TOKEN",
                                    "DEVICE_CODE",
                                    "CIBA",
                                    "TOKEN_EXCHANGE",
                                    "CLIENT_CREDENTIALS"),
                            ALL_METHODS,
                            List.of("AUTHORIZATION_CODE")),
            // A browser cannot keep a secret: a public client, and only the browser grants.
            "SINGLE_PAGE_APP",
                    new Rule(
                            Set.of("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN"),
                            Set.of("NONE"),
                            List.of("AUTHORIZATION_CODE")),
            "WORKER",
                    new Rule(
                            Set.of("CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN"),
                            CONFIDENTIAL_METHODS,
                            List.of("CLIENT_CREDENTIALS")),
            "SERVICE",
                    new Rule(
                            Set.of("CLIENT_CREDENTIALS", "TOKEN_EXCHANGE", "DEVICE_CODE", "CIBA", "REFRESH_TOKEN"),
                            ALL_METHODS,
                            List.of("CLIENT_CREDENTIALS")));

    /** Fills defaults into {@code doc} and adds a detail for every combination the type does not allow. */
    static void apply(String type, ObjectNode doc, Validation v) {
        Rule rule = RULES.get(type);
        if (rule == null) return; // type already reported by the shape

        if (doc.has("clientId") || doc.has("clientSecret")) {
            v.add(ErrorDetail.invalid(
                    doc.has("clientId") ? "clientId" : "clientSecret",
                    "Importing an application with its own clientId and clientSecret is not supported: "
                            + "Latchkey generates both."));
        }

        if (!doc.has("grantTypes") || doc.get("grantTypes").isEmpty()) {
            ArrayNode g = doc.putArray("grantTypes");
            rule.defaultGrants().forEach(g::add);
        }
        List<String> grants = strings(doc.get("grantTypes"));
        for (int i = 0; i < grants.size(); i++) {
            if (KNOWN_GRANTS.contains(grants.get(i)) && !rule.grantTypes().contains(grants.get(i))) {
                v.add(ErrorDetail.invalid(
                        "grantTypes[" + i + "]",
                        "Grant type " + grants.get(i) + " is not allowed for a " + type + " application (allowed: "
                                + String.join(", ", sorted(rule.grantTypes())) + ")."));
            }
        }

        String method = doc.path("tokenEndpointAuthMethod").asText(null);
        if (method != null
                && ALL_METHODS.contains(method)
                && !rule.authMethods().contains(method)) {
            v.add(ErrorDetail.invalid(
                    "tokenEndpointAuthMethod",
                    type.equals("SINGLE_PAGE_APP")
                            ? "A SINGLE_PAGE_APP runs in the browser and cannot keep a secret: its tokenEndpointAuthMethod must be NONE."
                            : "A " + type + " application cannot use tokenEndpointAuthMethod " + method + "."));
        } else if ("NONE".equals(method) && grants.contains("CLIENT_CREDENTIALS")) {
            v.add(
                    ErrorDetail.invalid(
                            "tokenEndpointAuthMethod",
                            "The CLIENT_CREDENTIALS grant type needs an authenticated client: tokenEndpointAuthMethod cannot be NONE."));
        } else if ("NONE".equals(method) && grants.contains("TOKEN_EXCHANGE")) {
            // PingOne's token exchange pages: CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT or
            // CLIENT_SECRET_JWT.
            v.add(
                    ErrorDetail.invalid(
                            "tokenEndpointAuthMethod",
                            "The TOKEN_EXCHANGE grant type needs an authenticated client: tokenEndpointAuthMethod cannot be NONE."));
        }

        boolean code = grants.contains("AUTHORIZATION_CODE");
        boolean implicit = grants.contains("IMPLICIT");
        if (!doc.has("responseTypes") || doc.get("responseTypes").isEmpty()) {
            doc.remove("responseTypes");
            if (code || implicit) {
                ArrayNode r = doc.putArray("responseTypes");
                if (code) r.add("CODE");
                if (implicit) {
                    r.add("TOKEN");
                    r.add("ID_TOKEN");
                }
            }
        }
        List<String> responses = doc.has("responseTypes") ? strings(doc.get("responseTypes")) : List.of();
        if (responses.contains("CODE") && !code) {
            v.add(ErrorDetail.invalid("responseTypes", "Response type CODE needs the AUTHORIZATION_CODE grant type."));
        }
        if ((responses.contains("TOKEN") || responses.contains("ID_TOKEN")) && !implicit) {
            v.add(ErrorDetail.invalid(
                    "responseTypes", "Response types TOKEN and ID_TOKEN need the IMPLICIT grant type."));
        }
        if (code && !responses.contains("CODE")) {
            v.add(ErrorDetail.invalid("responseTypes", "The AUTHORIZATION_CODE grant type needs response type CODE."));
        }
        if (implicit && !responses.contains("TOKEN") && !responses.contains("ID_TOKEN")) {
            v.add(ErrorDetail.invalid(
                    "responseTypes", "The IMPLICIT grant type needs response type TOKEN, ID_TOKEN or both."));
        }
        if (grants.contains("REFRESH_TOKEN") && !code && !grants.contains("DEVICE_CODE") && !grants.contains("CIBA")) {
            v.add(
                    ErrorDetail.invalid(
                            "grantTypes",
                            "REFRESH_TOKEN needs a grant type that signs a user on (AUTHORIZATION_CODE, DEVICE_CODE or CIBA)."));
        }
        if ((code || implicit) && doc.path("redirectUris").isEmpty()) {
            v.add(new ErrorDetail(
                    "REQUIRED_VALUE",
                    "redirectUris",
                    "At least one redirect URI is required for the AUTHORIZATION_CODE and IMPLICIT grant types."));
        }
        if (grants.contains("DEVICE_CODE")) {
            if (!doc.has("deviceTimeout")) doc.put("deviceTimeout", 600);
            if (!doc.has("devicePollingInterval")) doc.put("devicePollingInterval", 5);
        }

        wildcards(doc, v);

        // Not TokenSettings.from(doc): the doc may still hold the values the shape refused.
        if (doc.path("requireSignedRequestObject").asBoolean(TokenSettings.DEFAULT_REQUIRE_SIGNED_REQUEST_OBJECT)
                && doc.path("supportUnsignedRequestObject")
                        .asBoolean(TokenSettings.DEFAULT_SUPPORT_UNSIGNED_REQUEST_OBJECT)) {
            v.add(ErrorDetail.invalid(
                    "supportUnsignedRequestObject",
                    "requireSignedRequestObject and supportUnsignedRequestObject cannot both be true."));
        }
        if (doc.has("refreshTokenRollingDuration")
                && doc.path("refreshTokenDuration").asLong()
                        > doc.path("refreshTokenRollingDuration").asLong()) {
            v.add(ErrorDetail.invalid(
                    "refreshTokenDuration",
                    "refreshTokenDuration must be less than or equal to refreshTokenRollingDuration."));
        }

        boolean jwks = doc.has("jwks");
        boolean jwksUrl = doc.has("jwksUrl");
        if (jwks && jwksUrl) {
            v.add(ErrorDetail.invalid("jwksUrl", "Give either jwks or jwksUrl, not both."));
        } else if ("PRIVATE_KEY_JWT".equals(method) && !jwks && !jwksUrl) {
            v.add(new ErrorDetail(
                    "REQUIRED_VALUE", "jwks", "PRIVATE_KEY_JWT needs the client's public keys in jwks or jwksUrl."));
        }
        if (jwks) publicKeySet(doc.get("jwks").asText(), v);

        if (doc.has("tags") && !doc.get("tags").isEmpty() && !type.equals("WORKER")) {
            v.add(ErrorDetail.invalid("tags", "Tags apply to WORKER applications only."));
        }
        JsonNode cors = doc.get("corsSettings");
        if (cors != null && cors.has("behavior")) {
            boolean specific = cors.get("behavior").asText().equals("ALLOW_SPECIFIC_ORIGINS");
            boolean anyOrigin = cors.has("origins") && !cors.get("origins").isEmpty();
            if (specific && !anyOrigin) {
                v.add(new ErrorDetail(
                        "REQUIRED_VALUE", "corsSettings.origins", "ALLOW_SPECIFIC_ORIGINS needs at least one origin."));
            } else if (!specific && anyOrigin) {
                v.add(ErrorDetail.invalid("corsSettings.origins", "ALLOW_NO_ORIGINS takes no origins."));
            }
        }
    }

    /** A {@code *} in a redirect URI: only with allowWildcardInRedirectUris, once, after the authority. */
    private static void wildcards(ObjectNode doc, Validation v) {
        boolean allowed = doc.path("allowWildcardInRedirectUris").asBoolean(false);
        JsonNode uris = doc.path("redirectUris");
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i).asText();
            int first = uri.indexOf('*');
            if (first < 0) continue;
            String target = "redirectUris[" + i + "]";
            if (!allowed) {
                v.add(ErrorDetail.invalid(
                        target, "'" + uri + "' holds a wildcard, which needs allowWildcardInRedirectUris."));
            } else if (uri.indexOf('*', first + 1) >= 0) {
                v.add(ErrorDetail.invalid(target, "A redirect URI can hold one wildcard only: '" + uri + "'."));
            } else if (first < afterAuthority(uri)) {
                v.add(ErrorDetail.invalid(
                        target, "A wildcard is allowed only in the path or query of a redirect URI: '" + uri + "'."));
            }
        }
    }

    /** Index of the first character after scheme and authority. */
    private static int afterAuthority(String uri) {
        try {
            URI u = new URI(uri);
            int start = uri.indexOf(':') + 1;
            if (u.getRawAuthority() != null)
                start = uri.indexOf(u.getRawAuthority(), start)
                        + u.getRawAuthority().length();
            return start;
        } catch (URISyntaxException e) {
            return uri.length(); // already reported by the shape
        }
    }

    /** {@code jwks} must be a JWK set of public keys: Latchkey never holds a client's private key. */
    private static void publicKeySet(String text, Validation v) {
        try {
            JWKSet set = JWKSet.parse(text);
            if (set.getKeys().isEmpty()) {
                v.add(ErrorDetail.invalid("jwks", "jwks must hold at least one key."));
            }
            for (JWK key : set.getKeys()) {
                if (key.isPrivate() || key.getKeyType().getValue().equals("oct")) {
                    v.add(ErrorDetail.invalid("jwks", "jwks must hold public keys only."));
                    return;
                }
            }
        } catch (java.text.ParseException e) {
            v.add(ErrorDetail.invalid("jwks", "jwks is not a JSON Web Key Set: " + e.getMessage()));
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
