package io.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.http.Exchange;
import io.latchkey.http.OAuthException;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET|POST /{envId}/as/userinfo} (OIDC Core §5.3): the user's claims for the scopes of the bearer token. Its
 * refusals are {@link OAuthException}s whose Bearer challenge (RFC 6750 §3) the error mapper writes.
 */
public final class UserinfoEndpoint {
    private final AccessTokenVerifier verifier;
    private final UserService users;
    private final TokenGenerator tokens;
    private final TokenRevocations revocations;

    public UserinfoEndpoint(
            AccessTokenVerifier verifier, UserService users, TokenGenerator tokens, TokenRevocations revocations) {
        this.verifier = verifier;
        this.users = users;
        this.tokens = tokens;
        this.revocations = revocations;
    }

    public void userinfo(Exchange x) {
        String env = x.pathParam("envId");
        String token = bearer(x);
        if (token == null) throw OAuthException.bearerTokenRequired("A bearer access token is required.");
        JWTClaimsSet claims = verifier.verify(env, token)
                .orElseThrow(() -> OAuthException.invalidToken("The access token is invalid or has expired."));
        Set<String> scopes = new HashSet<>(
                Arrays.asList(String.valueOf(claims.getClaim("scope")).split(" ")));
        User user = claims.getSubject() == null
                ? null
                : users.find(env, claims.getSubject()).filter(User::enabled).orElse(null);
        if (!scopes.contains("openid") || user == null) {
            throw OAuthException.insufficientScope("The access token does not allow reading user information.");
        }
        x.header("Cache-Control", "no-store");
        Object clientId = claims.getClaim("client_id");
        x.ok(tokens.userinfo(
                env,
                clientId == null ? null : clientId.toString(),
                user,
                scopes,
                revocations.userinfoClaims(env, claims.getJWTID())));
    }

    private static String bearer(Exchange x) {
        String h = x.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7))
            return h.substring(7).trim();
        if ("POST".equals(x.method()) && "application/x-www-form-urlencoded".equals(x.contentType())) {
            return MultivaluedMapUtils.getFirstValue(x.form(), "access_token");
        }
        return null;
    }
}
