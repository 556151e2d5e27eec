package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.http.OAuthException;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.util.List;

/**
 * {@code grant_type=refresh_token}: rotates the token. Reusing a rotated token revokes the whole family when the
 * app keeps {@code additionalRefreshTokenReplayProtectionEnabled} (the default), except within the app's
 * {@code refreshTokenRollingGracePeriodDuration}. The token is spent in the transaction that stores its successor.
 */
public final class RefreshTokenGrant {
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;
    private final UserService users;
    private final ScopeResolver scopes;
    private final TokenGenerator tokens;

    public RefreshTokenGrant(
            RefreshTokens refreshTokens,
            TokenRevocations revocations,
            UserService users,
            ScopeResolver scopes,
            TokenGenerator tokens) {
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.users = users;
        this.scopes = scopes;
        this.tokens = tokens;
    }

    public ObjectNode issue(Application app, String token, String scopeParam) {
        if (!app.grantTypes().contains("REFRESH_TOKEN")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the refresh_token grant.");
        }
        if (token == null || token.isBlank()) throw OAuthException.invalidRequest("Missing refresh_token.");
        String env = app.environmentId();
        RefreshTokens.Row row = refreshTokens
                .find(env, token)
                .filter(r -> r.applicationId().equals(app.id()))
                .orElseThrow(() ->
                        OAuthException.invalidGrant("The refresh token is invalid or was issued to another client."));
        long now = System.currentTimeMillis();
        if (row.revokedAt() != null) throw OAuthException.invalidGrant("The refresh token was revoked.");
        if (row.expiresAt() < now) throw OAuthException.invalidGrant("The refresh token has expired.");
        if (row.usedAt() != null) {
            if (now - row.usedAt()
                    > app.tokenSettings().refreshTokenGracePeriod().toMillis()) {
                if (app.tokenSettings().refreshTokenReplayProtection()) {
                    revocations.revokeFamily(env, row.grantId(), app.id(), "A used refresh token was presented again.");
                }
                throw OAuthException.invalidGrant("The refresh token was already used.");
            }
        }
        // Everything that can refuse this request comes before the token is spent: a refused request must leave it
        // usable (a retry would otherwise look like a replay and revoke the family).
        List<String> requested = row.scopes();
        if (scopeParam != null && !scopeParam.isBlank()) {
            requested = List.of(scopeParam.trim().split("\\s+"));
            if (!row.scopes().containsAll(requested))
                throw OAuthException.invalidScope("A refresh may only narrow the scopes.");
        }
        User user = users.find(env, row.userId())
                .filter(User::enabled)
                .orElseThrow(() -> OAuthException.invalidGrant("The user can no longer sign on."));
        ScopeResolver.Resolved resolved =
                scopes.resolve(env, app.id(), requested, app.tokenSettings().multipleResourcesEnabled());
        TokenGrant grant = new TokenGrant(
                        app,
                        user,
                        new TokenGrant.SignOn(row.sessionId(), row.authTime(), row.acr(), row.amr()),
                        resolved,
                        row.grantId(),
                        null,
                        row.familyExpiresAt(),
                        row.requestedClaims())
                .withRequest(new TokenGrant.RequestData("refresh_token", scopeParam, null, null));
        // Within its grace period a rotated token is used again without being spent again.
        TokenGenerator.Spend spend =
                row.usedAt() == null ? h -> refreshTokens.markUsed(h, env, token) : TokenGenerator.Spend.NOTHING;
        return tokens.respond(grant, spend)
                .orElseThrow(() -> OAuthException.invalidGrant("The refresh token was already used."));
    }
}
