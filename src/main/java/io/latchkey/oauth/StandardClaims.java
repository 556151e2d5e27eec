package io.latchkey.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.users.User;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The OpenID Connect standard claims of a user (OIDC Core §5.1), from PingOne's user attributes. The granted scopes'
 * claims (§5.4) are userinfo's, and the ID token's only when no access token is issued ({@code response_type=id_token});
 * the claims parameter (§5.5) adds single claims to either.
 */
public final class StandardClaims implements ClaimContributor {
    /** The scopes whose claims these are. */
    public static final Set<String> EVERY_SCOPE = Set.of("profile", "email", "address", "phone");

    @Override
    public void idToken(TokenGrant grant, Map<String, Object> claims) {
        RequestedClaims requested = grant.requestedClaims();
        if (requested.scopeClaimsInIdToken())
            forScopes(grant.user(), new HashSet<>(grant.scopes().scopes())).forEach(claims::put);
        pick(grant.user(), requested.idToken(), claims);
    }

    @Override
    public void userinfo(String env, User user, Set<String> scopes, Set<String> requested, Map<String, Object> claims) {
        forScopes(user, scopes).forEach(claims::put);
        pick(user, requested, claims);
    }

    /** The claims named in {@code names} that the user has, whatever scope would release them. */
    private static void pick(User user, Set<String> names, Map<String, Object> claims) {
        if (names.isEmpty()) return;
        forScopes(user, EVERY_SCOPE).forEach((name, value) -> {
            if (names.contains(name)) claims.putIfAbsent(name, value);
        });
    }

    /**
     * The standard claims of {@code user} that {@code scopes} release, by claim name ({@code address} as an object);
     * a claim the user has no value for is absent.
     */
    public static Map<String, Object> forScopes(User user, Set<String> scopes) {
        ObjectNode u = user.doc() == null ? io.latchkey.http.Json.object() : user.doc();
        Map<String, Object> c = new LinkedHashMap<>();
        if (scopes.contains("profile")) {
            JsonNode name = u.path("name");
            String formatted = text(name, "formatted");
            if (formatted == null && (text(name, "given") != null || text(name, "family") != null)) {
                formatted = String.join(
                        " ",
                        java.util.stream.Stream.of(text(name, "given"), text(name, "family"))
                                .filter(java.util.Objects::nonNull)
                                .toList());
            }
            put(c, "name", formatted);
            put(c, "given_name", text(name, "given"));
            put(c, "family_name", text(name, "family"));
            put(c, "middle_name", text(name, "middle"));
            put(c, "nickname", text(u, "nickname"));
            put(c, "preferred_username", user.username());
            put(c, "picture", text(u.path("photo"), "href"));
            put(c, "zoneinfo", text(u, "timezone"));
            put(c, "locale", text(u, "locale"));
            c.put("updated_at", user.updatedAt() / 1000);
        }
        if (scopes.contains("email") && user.email() != null) {
            c.put("email", user.email());
            c.put("email_verified", user.emailVerified());
        }
        if (scopes.contains("address") && u.path("address").isObject()) {
            JsonNode a = u.path("address");
            Map<String, Object> addr = new LinkedHashMap<>();
            put(addr, "street_address", text(a, "streetAddress"));
            put(addr, "locality", text(a, "locality"));
            put(addr, "region", text(a, "region"));
            put(addr, "postal_code", text(a, "postalCode"));
            put(addr, "country", text(a, "countryCode"));
            if (!addr.isEmpty()) c.put("address", addr);
        }
        if (scopes.contains("phone")) {
            String phone = text(u, "primaryPhone") != null ? text(u, "primaryPhone") : text(u, "mobilePhone");
            put(c, "phone_number", phone);
        }
        return c;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static void put(Map<String, Object> c, String name, Object value) {
        if (value != null) c.put(name, value);
    }
}
