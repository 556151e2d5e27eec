package io.latchkey.oauth;

import io.latchkey.policies.DefaultSignOnPolicy;
import java.util.Map;
import java.util.Set;

/**
 * The sign-on's claims, in a user's access and ID tokens: {@code sid} (when the sign-on has a session),
 * {@code auth_time}, {@code acr} (the name of the sign-on policy completed, as PingOne reports it) and {@code amr}.
 */
final class SignOnClaims implements ClaimContributor {
    @Override
    public void accessToken(TokenGrant grant, Map<String, Object> claims) {
        if (grant.signOn() != null) add(grant.signOn(), claims);
    }

    @Override
    public void idToken(TokenGrant grant, Map<String, Object> claims) {
        add(grant.signOn(), claims);
    }

    @Override
    public Set<String> reservedNamesItSets() {
        return Set.of("sid", "auth_time", "acr", "amr");
    }

    private static void add(TokenGrant.SignOn s, Map<String, Object> claims) {
        if (s.sessionId() != null) claims.put("sid", s.sessionId());
        claims.put("auth_time", s.authTime() / 1000);
        // Sign-ons recorded before the policy was kept ran the default policy: the only acr reported then.
        claims.put("acr", s.acr() != null ? s.acr() : DefaultSignOnPolicy.NAME);
        claims.put("amr", s.amr());
    }
}
