package io.latchkey.oauth;

import io.latchkey.users.User;
import java.util.Map;
import java.util.Set;

/**
 * One source of claims for the {@link TokenGenerator}: the sign-on (session, acr, amr), the user's standard claims
 * by scope, the permissions and attributes of resources. For every token it makes and every userinfo answer, the
 * generator calls each contributor in turn with an empty map to fill, then merges it: a claim already present (a core
 * claim, or an earlier contributor's) is never replaced.
 */
public interface ClaimContributor {
    /** Claims of the access token of {@code grant}, which may be an application's own ({@link TokenGrant#forUser}). */
    default void accessToken(TokenGrant grant, Map<String, Object> claims) {}

    /** Claims of the ID token of {@code grant}, always a user's grant with {@code openid}. */
    default void idToken(TokenGrant grant, Map<String, Object> claims) {}

    /**
     * Claims of the userinfo answer for {@code user}, whose access token carries {@code scopes} and was issued with
     * the {@code requested} claims of a claims parameter.
     */
    default void userinfo(
            String env, User user, Set<String> scopes, Set<String> requested, Map<String, Object> claims) {}

    /**
     * As {@link #userinfo(String, User, Set, Set, Map)}, knowing the application the access token was issued to
     * ({@code client_id}; null when the token names none): its attribute mappings shape the answer.
     */
    default void userinfo(
            String env,
            String applicationId,
            User user,
            Set<String> scopes,
            Set<String> requested,
            Map<String, Object> claims) {
        userinfo(env, user, scopes, requested, claims);
    }

    /**
     * The reserved names ({@link io.latchkey.claims.ReservedClaimNames}) this contributor sets by design: the
     * sign-on's {@code sid}, {@code acr}, ..., PingOne's {@code p1.permissions}. Any other reserved name it
     * produces — from a configured attribute — the generator drops: the names the management API refuses.
     */
    default Set<String> reservedNamesItSets() {
        return Set.of();
    }

    /**
     * Whether a {@code sub} it contributes replaces the generator's: in an access token, a resource's mapping of its
     * CORE {@code sub} attribute to an expression; in an ID token and userinfo, the application's CORE {@code sub}
     * mapping.
     */
    default boolean replacesSubject() {
        return false;
    }
}
