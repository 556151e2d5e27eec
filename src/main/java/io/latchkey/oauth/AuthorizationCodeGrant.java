package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.latchkey.applications.Application;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.OAuthException;
import io.latchkey.users.User;
import io.latchkey.users.UserService;

/**
 * {@code grant_type=authorization_code}: the code must be this client's, unexpired and unused, the
 * {@code redirect_uri} the one it was issued for, and the PKCE verifier must match its challenge. A second use of a
 * code fails and revokes everything the first use issued (RFC 6749 §4.1.2). The scopes, their resources and the
 * sign-on are those decided at authorize, which travel with the code: they are not decided again here. A refused
 * request leaves the code as it was; the code is spent in the transaction that stores the tokens it gives.
 */
public final class AuthorizationCodeGrant {
    private final AuthorizationCodes codes;
    private final TokenRevocations revocations;
    private final UserService users;
    private final ScopeResolver scopes;
    private final TokenGenerator tokens;

    public AuthorizationCodeGrant(
            AuthorizationCodes codes,
            TokenRevocations revocations,
            UserService users,
            ScopeResolver scopes,
            TokenGenerator tokens) {
        this.codes = codes;
        this.revocations = revocations;
        this.users = users;
        this.scopes = scopes;
        this.tokens = tokens;
    }

    public ObjectNode issue(Application app, String code, String redirectUri, String verifier) {
        if (!app.grantTypes().contains("AUTHORIZATION_CODE")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the authorization_code grant.");
        }
        if (code == null || code.isBlank()) throw OAuthException.invalidRequest("Missing code.");
        String env = app.environmentId();
        AuthorizationCodes.Code c = codes.find(env, code)
                .filter(found -> found.applicationId().equals(app.id()))
                .orElseThrow(() -> OAuthException.invalidGrant(
                        "The authorization code is invalid, expired or was issued to another client."));
        if (c.usedAt() != null) throw replayed(env, c);
        if (c.expiresAt() < System.currentTimeMillis())
            throw OAuthException.invalidGrant("The authorization code has expired.");
        AuthorizeRequest request = c.request();
        if (redirectUri == null || !Secrets.constantTimeEquals(redirectUri, request.redirectUri())) {
            throw OAuthException.invalidGrant("The redirect_uri does not match the one of the authorization request.");
        }
        checkPkce(request.pkce(), verifier);
        User user = users.find(env, c.userId())
                .filter(User::enabled)
                .orElseThrow(() -> OAuthException.invalidGrant("The user can no longer sign on."));
        ScopeResolver.Resolved granted = request.grantedScopes() != null
                ? request.grantedScopes()
                // A code (or flow) stored before the decision travelled with it: decide as that version did.
                : scopes.resolve(
                        env, app.id(), request.scopes(), app.tokenSettings().multipleResourcesEnabled());
        TokenGrant grant = new TokenGrant(
                        app, user, c.signOn(), granted, c.grantId(), request.nonce(), null, request.requestedClaims())
                .withRequest(TokenGrant.RequestData.of("authorization_code"));
        return tokens.respond(grant, h -> codes.markUsed(h, env, code)).orElseThrow(() -> replayed(env, c));
    }

    /** A code used before: what its first use gave is revoked. */
    private OAuthException replayed(String env, AuthorizationCodes.Code c) {
        revocations.revokeFamily(env, c.grantId(), c.applicationId(), "A used authorization code was presented again.");
        return OAuthException.invalidGrant("The authorization code was already used; the tokens it gave are revoked.");
    }

    private static void checkPkce(AuthorizeRequest.Pkce pkce, String verifier) {
        if (pkce == null) {
            if (verifier != null)
                throw OAuthException.invalidGrant(
                        "A code_verifier was sent but no code_challenge was bound to the code.");
            return;
        }
        if (verifier == null) throw OAuthException.invalidGrant("The code_verifier is missing.");
        try {
            String computed = CodeChallenge.compute(pkce.method(), new CodeVerifier(verifier))
                    .getValue();
            if (!Secrets.constantTimeEquals(computed, pkce.challenge()))
                throw OAuthException.invalidGrant("The code_verifier does not match.");
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidGrant("The code_verifier is malformed.");
        }
    }
}
