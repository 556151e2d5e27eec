package io.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.applications.Application;
import io.latchkey.http.Exchange;
import io.latchkey.http.OAuthException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{envId}/as/revoke} (RFC 7009). A refresh token takes its whole family (and the access tokens issued
 * from it) with it; an access token is revoked by its id. Unknown or foreign tokens are answered 200 as well.
 */
public final class RevokeEndpoint {
    private final ClientAuthenticator clients;
    private final AccessTokenVerifier verifier;
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;

    public RevokeEndpoint(
            ClientAuthenticator clients,
            AccessTokenVerifier verifier,
            RefreshTokens refreshTokens,
            TokenRevocations revocations) {
        this.clients = clients;
        this.verifier = verifier;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
    }

    public void revoke(Exchange x) {
        String env = x.pathParam("envId");
        if (!"application/x-www-form-urlencoded".equals(x.contentType())) {
            throw OAuthException.invalidRequest("The request must be application/x-www-form-urlencoded.");
        }
        HTTPRequest request = OAuthRequest.of(x);
        Map<String, List<String>> params = OAuthRequest.parameters(x);
        Application app = clients.authenticate(env, request, params, true);
        String token = MultivaluedMapUtils.getFirstValue(params, "token");
        if (token == null || token.isBlank()) throw OAuthException.invalidRequest("Missing token.");
        refreshTokens
                .find(env, token)
                .filter(r -> r.applicationId().equals(app.id()))
                .ifPresentOrElse(r -> revocations.revokeFamily(env, r.grantId(), app.id(), null), () -> {
                    JWTClaimsSet c = verifier.verify(env, token).orElse(null);
                    if (c != null && app.id().equals(String.valueOf(c.getClaim("client_id"))) && c.getJWTID() != null) {
                        revocations.revokeAccessToken(
                                env, c.getJWTID(), c.getExpirationTime().getTime(), app.id());
                    }
                });
        x.header("Cache-Control", "no-store");
        x.text(200, "application/json", "");
    }
}
