package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.users.User;
import java.util.List;
import java.util.Map;

/**
 * What a grant decided its tokens are for, before any is made: the client, the user and how they signed on (both
 * null for an application's own token), the scopes with their resources, and what ties the tokens to the grant.
 *
 * @param grantId         the authorization grant the tokens belong to (one per code; a refresh token's family keeps
 *                        it), so that a replay can revoke them all; null for an application's own token
 * @param nonce           the authorization request's nonce, for the ID token; null when none
 * @param familyExpiresAt a refresh token family's rolling limit, carried across rotations; null on a first issue
 * @param requestedClaims where the user's claims go beyond the tokens' own (the claims parameter, response type)
 * @param actor           the access token's {@code act} claim (RFC 8693 §4.1) when a token exchange named an actor;
 *                        null otherwise
 */
public record TokenGrant(
        Application app,
        User user,
        SignOn signOn,
        ScopeResolver.Resolved scopes,
        String grantId,
        String nonce,
        Long familyExpiresAt,
        RequestedClaims requestedClaims,
        Map<String, Object> actor) {

    /** Tokens without an actor: every grant but a token exchange with an actor token. */
    public TokenGrant(
            Application app,
            User user,
            SignOn signOn,
            ScopeResolver.Resolved scopes,
            String grantId,
            String nonce,
            Long familyExpiresAt,
            RequestedClaims requestedClaims) {
        this(app, user, signOn, scopes, grantId, nonce, familyExpiresAt, requestedClaims, null);
    }

    /**
     * How the user signed on: the session ({@code sid}; null when none), when, under which sign-on policy
     * ({@code acr}, its name) and with which methods ({@code amr}).
     */
    public record SignOn(String sessionId, long authTime, String acr, List<String> amr) {}

    /** An application's own token (client_credentials). */
    static TokenGrant forClient(Application app, ScopeResolver.Resolved scopes) {
        return new TokenGrant(app, null, null, scopes, null, null, null, RequestedClaims.NONE);
    }

    public String environmentId() {
        return app.environmentId();
    }

    /** Whether the tokens speak for a signed-on user (else: for the application itself). */
    public boolean forUser() {
        return user != null;
    }
}
