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
 * @param request         the token request as attribute expressions read it ({@code context.requestData}); null
 *                        when the grant did not say (its expressions then see no grant type)
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
        RequestData request) {

    /** Tokens whose grant does not describe its request. */
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
     * The token request as {@code ${context.requestData.*}} expressions of resource attributes read it:
     * {@code grantType} (the {@code grant_type} parameter, or {@code implicit} for tokens of an authorization
     * response), {@code scope} (the request's {@code scope} parameter; null when none), and for a token exchange the
     * verified {@code subjectToken} and {@code actorToken} claims (null otherwise).
     */
    public record RequestData(
            String grantType, String scope, Map<String, Object> subjectToken, Map<String, Object> actorToken) {
        public static RequestData of(String grantType) {
            return new RequestData(grantType, null, null, null);
        }
    }

    /** The same grant, describing its token request for attribute expressions. */
    public TokenGrant withRequest(RequestData r) {
        return new TokenGrant(app, user, signOn, scopes, grantId, nonce, familyExpiresAt, requestedClaims, r);
    }

    /**
     * How the user signed on: the session ({@code sid}; null when none), when, under which sign-on policy
     * ({@code acr}, its name) and with which methods ({@code amr}).
     */
    public record SignOn(String sessionId, long authTime, String acr, List<String> amr) {}

    /** An application's own token (client_credentials). */
    static TokenGrant forClient(Application app, ScopeResolver.Resolved scopes) {
        return new TokenGrant(app, null, null, scopes, null, null, null, RequestedClaims.NONE)
                .withRequest(RequestData.of("client_credentials"));
    }

    public String environmentId() {
        return app.environmentId();
    }

    /** Whether the tokens speak for a signed-on user (else: for the application itself). */
    public boolean forUser() {
        return user != null;
    }
}
