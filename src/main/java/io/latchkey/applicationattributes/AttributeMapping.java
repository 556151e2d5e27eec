package io.latchkey.applicationattributes;

import java.util.List;

/**
 * One claim of an application's ID tokens and userinfo answers.
 *
 * @param scope      the OpenID Connect scope a SCOPE mapping belongs to ({@code profile}, {@code email}, ...); null
 *                   for the others
 * @param value      a literal or an expression over the user ({@code ${user.email}}); empty only for a SCOPE mapping
 *                   turned off
 * @param oidcScopes the ids of the {@code openid} resource's scopes a CUSTOM mapping is limited to; null when it
 *                   belongs to {@code openid} (always released). Null for CORE and SCOPE mappings, whose scope is fixed
 * @param stored     whether it is a row (a CUSTOM mapping, or a CORE or SCOPE one replaced with PUT) rather than a
 *                   default every application has
 */
public record AttributeMapping(
        String id,
        String environmentId,
        String applicationId,
        String name,
        MappingType type,
        String scope,
        String value,
        boolean required,
        boolean idToken,
        boolean userInfo,
        List<String> oidcScopes,
        long createdAt,
        long updatedAt,
        boolean stored) {

    public AttributeMapping {
        oidcScopes = oidcScopes == null ? null : List.copyOf(oidcScopes);
    }

    /** Whether its value is the one the mapping starts with: the claim is then released as it always was. */
    boolean hasDefaultValue() {
        return DefaultMappings.named(name)
                .filter(d -> d.type() == type)
                .map(d -> d.value().equals(value))
                .orElse(false);
    }
}
