package io.latchkey.applications;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which grant types, response types and client authentication methods each application type allows, and the
 * defaults filled in when they are omitted. Checked after the shape, so the values are known to be valid enums.
 */
final class ApplicationTypeRules {
    private ApplicationTypeRules() {}

    private record Rule(Set<String> grantTypes, Set<String> authMethods, List<String> defaultGrants, String defaultAuthMethod) {}

    private static final Set<String> SECRET_METHODS =
            Set.of("CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT");
    private static final Set<String> ALL_METHODS =
            Set.of("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT");

    private static final Map<String, Rule> RULES = Map.of(
            "WEB_APP", new Rule(Set.of("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "DEVICE_CODE", "CIBA", "TOKEN_EXCHANGE"),
                    ALL_METHODS, List.of("AUTHORIZATION_CODE"), "CLIENT_SECRET_BASIC"),
            "NATIVE_APP", new Rule(Set.of("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "DEVICE_CODE", "CIBA", "CLIENT_CREDENTIALS", "TOKEN_EXCHANGE"),
                    ALL_METHODS, List.of("AUTHORIZATION_CODE"), "NONE"),
            // A browser cannot keep a secret: public client only.
            "SINGLE_PAGE_APP", new Rule(Set.of("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN"),
                    Set.of("NONE"), List.of("AUTHORIZATION_CODE"), "NONE"),
            "WORKER", new Rule(Set.of("CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN"),
                    SECRET_METHODS, List.of("CLIENT_CREDENTIALS"), "CLIENT_SECRET_BASIC"),
            "SERVICE", new Rule(Set.of("CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "TOKEN_EXCHANGE"),
                    SECRET_METHODS, List.of("CLIENT_CREDENTIALS"), "CLIENT_SECRET_BASIC"));

    /** Fills defaults into {@code doc} and adds a detail for every combination the type does not allow. */
    static void apply(String type, ObjectNode doc, Validation v) {
        Rule rule = RULES.get(type);
        if (rule == null) return; // type already reported by the shape
        if (!doc.has("grantTypes") || doc.get("grantTypes").isEmpty()) {
            ArrayNode g = doc.putArray("grantTypes");
            rule.defaultGrants().forEach(g::add);
        }
        List<String> grants = strings(doc.withArray("grantTypes"));
        for (String g : grants) {
            if (!rule.grantTypes().contains(g)) {
                v.add(ErrorDetail.invalid("grantTypes", "Grant type " + g + " is not allowed for a " + type + " application."));
            }
        }
        if (!doc.has("tokenEndpointAuthMethod")) doc.put("tokenEndpointAuthMethod", rule.defaultAuthMethod());
        String method = doc.path("tokenEndpointAuthMethod").asText();
        if (method != null && !rule.authMethods().contains(method)) {
            v.add(ErrorDetail.invalid("tokenEndpointAuthMethod", "A " + type + " application cannot use " + method
                    + (type.equals("SINGLE_PAGE_APP") ? ": it cannot keep a secret." : ".")));
        }
        if (grants.contains("CLIENT_CREDENTIALS") && "NONE".equals(method)) {
            v.add(ErrorDetail.invalid("tokenEndpointAuthMethod", "CLIENT_CREDENTIALS needs an authenticated client, not NONE."));
        }
        if (!doc.has("responseTypes") || doc.get("responseTypes").isEmpty()) {
            ArrayNode r = doc.putArray("responseTypes");
            if (grants.contains("AUTHORIZATION_CODE")) r.add("CODE");
            if (grants.contains("IMPLICIT")) { r.add("TOKEN"); r.add("ID_TOKEN"); }
        }
        List<String> responses = strings(doc.withArray("responseTypes"));
        if (responses.contains("CODE") && !grants.contains("AUTHORIZATION_CODE")) {
            v.add(ErrorDetail.invalid("responseTypes", "Response type CODE needs the AUTHORIZATION_CODE grant type."));
        }
        if ((responses.contains("TOKEN") || responses.contains("ID_TOKEN")) && !grants.contains("IMPLICIT")) {
            v.add(ErrorDetail.invalid("responseTypes", "Response types TOKEN and ID_TOKEN need the IMPLICIT grant type."));
        }
        if (grants.contains("AUTHORIZATION_CODE") && !responses.contains("CODE")) {
            v.add(ErrorDetail.invalid("responseTypes", "The AUTHORIZATION_CODE grant type needs response type CODE."));
        }
        if (grants.contains("REFRESH_TOKEN") && !grants.contains("AUTHORIZATION_CODE") && !grants.contains("DEVICE_CODE")
                && !grants.contains("CIBA")) {
            v.add(ErrorDetail.invalid("grantTypes", "REFRESH_TOKEN needs a grant type that signs a user on (AUTHORIZATION_CODE)."));
        }
        boolean interactive = grants.contains("AUTHORIZATION_CODE") || grants.contains("IMPLICIT");
        if (interactive && doc.path("redirectUris").isEmpty()) {
            v.add(ErrorDetail.required("redirectUris"));
        }
        if (doc.path("requireSignedRequestObject").asBoolean(false) && doc.path("supportUnsignedRequestObject").asBoolean(false)) {
            v.add(ErrorDetail.invalid("supportUnsignedRequestObject",
                    "requireSignedRequestObject and supportUnsignedRequestObject cannot both be true."));
        }
        if (doc.has("refreshTokenRollingDuration")
                && doc.path("refreshTokenDuration").asLong() > doc.path("refreshTokenRollingDuration").asLong()) {
            v.add(ErrorDetail.invalid("refreshTokenDuration", "refreshTokenDuration must not exceed refreshTokenRollingDuration."));
        }
        if ("PRIVATE_KEY_JWT".equals(method) && !doc.has("jwks") && !doc.has("jwksUrl")) {
            v.add(ErrorDetail.invalid("jwks", "PRIVATE_KEY_JWT needs jwks or jwksUrl."));
        }
    }

    private static List<String> strings(ArrayNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

}
