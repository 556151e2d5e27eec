package io.latchkey.applicationattributes;

import io.latchkey.applicationpermissions.ClaimValues;
import io.latchkey.claims.ComputedUserAttributes;
import io.latchkey.http.OAuthException;
import io.latchkey.oauth.ClaimContributor;
import io.latchkey.oauth.RequestedClaims;
import io.latchkey.oauth.StandardClaims;
import io.latchkey.oauth.TokenGrant;
import io.latchkey.users.User;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's claims in an application's ID tokens and userinfo answers, from its attribute mappings, computed when
 * each is issued (a changed mapping shows in the next token, never in one already issued). Never in access tokens:
 * those carry the attributes of the resources they are for.
 * <ul>
 * <li>CORE {@code sub}: re-mapped from {@code ${user.id}}, it replaces {@code sub} in both (never in the access
 *     token, whose {@code sub} stays the user's id: introspection and resources keep seeing the user).</li>
 * <li>SCOPE: when its scope was granted, in the ID token if {@code idToken} (or when no access token is issued,
 *     OIDC Core §5.4) and at userinfo if {@code userInfo}; and wherever the claims parameter asks for it (§5.5). An
 *     unchanged value is released exactly as the standard claims always were ({@link StandardClaims}: {@code name}
 *     falls back to the given and family names, {@code phone_number} to the mobile phone).</li>
 * <li>CUSTOM: in the ID token if {@code idToken}, at userinfo if {@code userInfo}, when its {@code oidcScopes} are
 *     null (the {@code openid} scope) or one of them was granted.</li>
 * <li>An empty value leaves the claim out; when the mapping is {@code required}, the token request (or userinfo)
 *     is refused with {@code invalid_request}, as a resource's required attribute refuses an access token.</li>
 * </ul>
 * A mapping named like one of the {@code openid} resource's custom attributes wins where it places its claim.
 */
public final class ApplicationClaims implements ClaimContributor {
    private final AttributeMappingService mappings;
    private final ComputedUserAttributes computed;

    public ApplicationClaims(AttributeMappingService mappings) {
        this(mappings, ComputedUserAttributes.NONE);
    }

    /** @param computed user attributes worked out on demand ({@code memberOfGroupNames}, ...) */
    public ApplicationClaims(AttributeMappingService mappings, ComputedUserAttributes computed) {
        this.mappings = mappings;
        this.computed = computed;
    }

    @Override
    public void idToken(TokenGrant grant, Map<String, Object> out) {
        AttributeMappingService.Mappings all =
                mappings.forTokens(grant.environmentId(), grant.app().id());
        Set<String> granted = new HashSet<>(grant.scopes().scopes());
        RequestedClaims requested = grant.requestedClaims();
        Values values = new Values(grant.user(), computed);
        for (AttributeMapping m : all.all()) {
            boolean placed = switch (m.type()) {
                case CORE -> true;
                case SCOPE ->
                    granted.contains(m.scope()) && (m.idToken() || requested.scopeClaimsInIdToken())
                            || requested.idToken().contains(DefaultMappings.claimOf(m));
                case CUSTOM -> m.idToken() && released(m, granted, all);
            };
            if (placed) release(m, values, "the ID token", out);
        }
    }

    @Override
    public void userinfo(
            String env,
            String applicationId,
            User user,
            Set<String> scopes,
            Set<String> requested,
            Map<String, Object> out) {
        AttributeMappingService.Mappings all = applicationId == null
                ? new AttributeMappingService.Mappings(defaultsOnly(env), Map.of())
                : mappings.forTokens(env, applicationId);
        Values values = new Values(user, computed);
        for (AttributeMapping m : all.all()) {
            boolean placed = switch (m.type()) {
                case CORE -> true;
                case SCOPE ->
                    scopes.contains(m.scope()) && m.userInfo() || requested.contains(DefaultMappings.claimOf(m));
                case CUSTOM -> m.userInfo() && released(m, scopes, all);
            };
            if (placed) release(m, values, "userinfo", out);
        }
    }

    @Override
    public boolean replacesSubject() {
        return true;
    }

    private static java.util.List<AttributeMapping> defaultsOnly(String env) {
        return DefaultMappings.ALL.stream()
                .map(d -> DefaultMappings.of(d, env, "", 0))
                .toList();
    }

    /** A CUSTOM mapping's scope rule: none (openid), or one of its scopes granted. */
    private static boolean released(AttributeMapping m, Set<String> granted, AttributeMappingService.Mappings all) {
        if (m.oidcScopes() == null) return true;
        return m.oidcScopes().stream().map(all.scopeNames()::get).anyMatch(granted::contains);
    }

    private static void release(AttributeMapping m, Values values, String where, Map<String, Object> out) {
        if (m.type() == MappingType.CORE && m.hasDefaultValue()) return; // the generator's sub: the user's id
        Optional<Object> value = values.of(m);
        if (value.isEmpty()) {
            if (m.required()) {
                throw OAuthException.invalidRequest(
                        m.name() + " is configured as required for " + where + " but does not have a value.");
            }
            return;
        }
        String claim = DefaultMappings.claimOf(m);
        if (m.type() == MappingType.CORE) {
            out.put(claim, String.valueOf(value.get()));
        } else if (!claim.equals(m.name())) {
            // address.street_address and its siblings make up the address object
            @SuppressWarnings("unchecked")
            Map<String, Object> address =
                    (Map<String, Object>) out.computeIfAbsent(claim, k -> new LinkedHashMap<String, Object>());
            address.put(m.name().substring(claim.length() + 1), value.get());
        } else {
            out.put(claim, value.get());
        }
    }

    /** A user's values: a mapping's expression, or the built-in standard claim while its value is the default. */
    private static final class Values {
        private final User user;
        private final ComputedUserAttributes computed;
        private Map<String, Object> standard;

        Values(User user, ComputedUserAttributes computed) {
            this.user = user;
            this.computed = computed;
        }

        Optional<Object> of(AttributeMapping m) {
            if (m.type() == MappingType.SCOPE && m.hasDefaultValue()) return Optional.ofNullable(standard(m));
            Optional<Object> v = ClaimValues.evaluate(m.value(), user, computed);
            if (m.type() == MappingType.CORE) {
                // sub is a string (OIDC Core §2): a number or boolean is written out, an object or list has no value
                v = v.filter(o -> !(o instanceof Map<?, ?>) && !(o instanceof java.util.List<?>));
            }
            return v;
        }

        private Object standard(AttributeMapping m) {
            if (standard == null) standard = StandardClaims.forScopes(user, StandardClaims.EVERY_SCOPE);
            String claim = DefaultMappings.claimOf(m);
            Object value = standard.get(claim);
            if (claim.equals(m.name()) || !(value instanceof Map<?, ?> parts)) return value;
            return parts.get(m.name().substring(claim.length() + 1));
        }
    }
}
