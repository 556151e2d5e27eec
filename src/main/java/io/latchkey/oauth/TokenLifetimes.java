package io.latchkey.oauth;

import io.latchkey.applications.TokenSettings;
import io.latchkey.resourcegrants.GrantedScope;
import io.latchkey.resources.BuiltInResources;
import io.latchkey.resources.Resource;
import io.latchkey.storage.Database;
import io.latchkey.storage.RecentReads;
import java.util.List;

/**
 * How long each token lives, decided when it is issued, from the resources it is for (each resource's
 * {@code accessTokenValiditySeconds}, as in PingOne) and the application's refresh token settings:
 * <ul>
 * <li>an access token for custom resources: the shortest lifetime among them;</li>
 * <li>one for OpenID Connect scopes only (the userinfo endpoint): the {@code openid} resource's;</li>
 * <li>an application's own token with no scope (a worker's, for the management API): the {@code PingOne API}
 *     resource's;</li>
 * <li>an ID token: the {@code openid} resource's, the resource whose claims it carries (PingOne documents no
 *     lifetime of its own for it; its default is the same hour);</li>
 * <li>a refresh token: the application's {@code refreshTokenDuration}, never beyond the family's rolling limit.</li>
 * </ul>
 */
public final class TokenLifetimes {
    /** The lifetime of a resource that does not say (PingOne's default for every resource). */
    static final long DEFAULT_SECONDS = 3600;

    private final Database db;
    /** A built-in resource's lifetime by "env/type": read for every worker and OpenID Connect token. */
    private final RecentReads.Reads<String, Integer> builtIn;

    public TokenLifetimes(Database db) {
        this.db = db;
        this.builtIn = db.recentReads().cache(10_000);
    }

    /** The access token's lifetime, in seconds. */
    long accessTokenSeconds(TokenGrant g) {
        List<GrantedScope> granted = g.scopes().granted();
        if (granted.stream().anyMatch(TokenLifetimes::isCustom)) return accessTokenSeconds(granted);
        if (!g.forUser() && granted.isEmpty()) return builtIn(g.environmentId(), Resource.PINGONE_API);
        return openIdSeconds(g);
    }

    /** The ID token's lifetime, in seconds. */
    long idTokenSeconds(TokenGrant g) {
        return openIdSeconds(g);
    }

    /**
     * The access token's lifetime from the granted scopes alone: the shortest among the custom resources, else the
     * OpenID Connect resource's if one of its scopes was granted, else the default.
     */
    static long accessTokenSeconds(List<GrantedScope> granted) {
        long custom = granted.stream()
                .filter(TokenLifetimes::isCustom)
                .mapToLong(GrantedScope::accessTokenValiditySeconds)
                .min()
                .orElse(-1);
        if (custom >= 0) return custom;
        return granted.stream()
                .filter(s -> !isCustom(s))
                .mapToLong(GrantedScope::accessTokenValiditySeconds)
                .findFirst()
                .orElse(DEFAULT_SECONDS);
    }

    /** When a refresh token issued {@code now} expires, and the family's rolling limit it carries on. */
    record RefreshExpiry(long expiresAt, Long familyExpiresAt) {}

    static RefreshExpiry refreshToken(TokenSettings settings, TokenGrant g, long now) {
        Long familyLimit = g.familyExpiresAt();
        if (familyLimit == null && settings.refreshTokenRollingDuration() != null) {
            familyLimit = g.signOn().authTime()
                    + settings.refreshTokenRollingDuration().toMillis();
        }
        long expires = now + settings.refreshTokenDuration().toMillis();
        return new RefreshExpiry(familyLimit == null ? expires : Math.min(expires, familyLimit), familyLimit);
    }

    private long openIdSeconds(TokenGrant g) {
        // A granted OpenID Connect scope carries the resource's lifetime; "openid" alone does not.
        return g.scopes().granted().stream()
                .filter(s -> s.resourceType().equals(Resource.OPENID_CONNECT))
                .mapToLong(GrantedScope::accessTokenValiditySeconds)
                .findFirst()
                .orElseGet(() -> builtIn(g.environmentId(), Resource.OPENID_CONNECT));
    }

    private long builtIn(String env, String type) {
        return builtIn.get(
                        env + "/" + type,
                        () -> db.withHandle(h -> BuiltInResources.accessTokenValiditySeconds(h, env, type)))
                .orElse((int) DEFAULT_SECONDS);
    }

    private static boolean isCustom(GrantedScope s) {
        return s.resourceType().equals(Resource.CUSTOM);
    }
}
