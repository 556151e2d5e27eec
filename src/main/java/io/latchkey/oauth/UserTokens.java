package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import io.latchkey.applications.Application;
import io.latchkey.applications.TokenSettings;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.storage.Database;
import io.latchkey.users.User;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The token response for a signed-on user (authorization_code and refresh_token grants): the access token, the
 * id token when {@code openid} was granted, and a refresh token when the application has the REFRESH_TOKEN grant.
 * Everything it issues is written in one transaction.
 */
public final class UserTokens {
    /** Claims a grant adds to the access token (p1.permissions, resource attributes); see {@link AccessTokenClaims}. */
    public interface AccessTokenClaims {
        Map<String, Object> claims(String env, User user, ScopeResolver.Resolved scopes);

        /** Claims of the openid resource's custom attributes, for the id token or (false) userinfo. */
        default Map<String, Object> openidClaims(String env, User user, boolean forIdToken) { return Map.of(); }
    }

    private final Database db;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;
    private final Links links;
    private final AccessTokenClaims extraClaims;

    public UserTokens(Database db, TokenIssuer issuer, RefreshTokens refreshTokens, TokenRevocations revocations, Links links,
                      AccessTokenClaims extraClaims) {
        this.db = db;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.links = links;
        this.extraClaims = extraClaims;
    }

    /** What the tokens are for. {@code familyExpiresAt} carries a refresh family's rolling limit across rotations. */
    public record Grant(Application app, User user, String grantId, String sessionId, long authTime, List<String> amr,
                        ScopeResolver.Resolved scopes, String nonce, Long familyExpiresAt) {}

    public ObjectNode issue(Grant g) {
        String env = g.app().environmentId();
        Map<String, Object> extra = extraClaims == null ? Map.of() : extraClaims.claims(env, g.user(), g.scopes());
        TokenIssuer.Issued access = issuer.accessToken(new TokenIssuer.AccessTokenSpec(env, g.app().id(), g.user().id(),
                g.scopes().audiences(), g.scopes().scopes(), g.scopes().lifetimeSeconds(), g.sessionId(), g.authTime(),
                "Single_Factor", g.amr(), extra));
        ObjectNode body = Json.object();
        body.put("access_token", access.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", access.expiresIn());
        body.put("scope", String.join(" ", g.scopes().scopes()));
        if (g.scopes().openid()) body.put("id_token", idToken(g, access.token()));
        db.useTransaction(h -> {
            revocations.recordAccessToken(h, env, access.jti(), g.grantId(), access.expiresAt());
            if (g.app().grantTypes().contains("REFRESH_TOKEN")) {
                long now = System.currentTimeMillis();
                TokenSettings settings = g.app().tokenSettings();
                long duration = settings.refreshTokenDuration().toMillis();
                Long familyLimit = g.familyExpiresAt();
                if (familyLimit == null && settings.refreshTokenRollingDuration() != null) {
                    familyLimit = g.authTime() + settings.refreshTokenRollingDuration().toMillis();
                }
                long expires = familyLimit == null ? now + duration : Math.min(now + duration, familyLimit);
                body.put("refresh_token", refreshTokens.issue(h, new RefreshTokens.Row(env, g.app().id(), g.grantId(),
                        g.user().id(), g.sessionId(), g.scopes().scopes(), g.authTime(), g.amr(), now, expires, familyLimit,
                        null, null)));
            }
        });
        return body;
    }

    private String idToken(Grant g, String accessToken) {
        String env = g.app().environmentId();
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(links.issuer(env))
                .subject(g.user().id())
                .audience(g.app().id())
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 3600_000L))
                .jwtID(io.latchkey.storage.Ids.newId())
                .claim("auth_time", g.authTime() / 1000)
                .claim("acr", "Single_Factor")
                .claim("amr", g.amr())
                .claim("env", env)
                .claim("org", issuer.organizationId())
                .claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken), JWSAlgorithm.RS256).getValue());
        if (g.sessionId() != null) c.claim("sid", g.sessionId());
        if (g.nonce() != null) c.claim("nonce", g.nonce());
        UserClaims.forScopes(g.user(), new HashSet<>(g.scopes().scopes())).forEach(c::claim);
        if (extraClaims != null) extraClaims.openidClaims(env, g.user(), true).forEach(c::claim);
        return issuer.sign(env, c.build(), JOSEObjectType.JWT);
    }
}
