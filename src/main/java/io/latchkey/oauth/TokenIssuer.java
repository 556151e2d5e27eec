package io.latchkey.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.environments.Organization;
import io.latchkey.http.Links;
import io.latchkey.keys.SigningKey;
import io.latchkey.keys.SigningKeyService;
import io.latchkey.storage.Ids;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** The only place that builds and signs tokens. Claims follow PingOne's access tokens. */
public final class TokenIssuer {
    private final SigningKeyService keys;
    private final Links links;
    private final Organization organization;

    public TokenIssuer(SigningKeyService keys, Links links, Organization organization) {
        this.keys = keys;
        this.links = links;
        this.organization = organization;
    }

    /** What goes into an access token. {@code subject}, {@code sessionId}, {@code authTime} are null for client tokens. */
    public String organizationId() { return organization.id(); }

    public record AccessTokenSpec(String environmentId, String clientId, String subject, List<String> audiences,
                                  List<String> scopes, long lifetimeSeconds, String sessionId, Long authTime,
                                  String acr, List<String> amr, Map<String, Object> extraClaims) {}

    public record Issued(String token, String jti, long expiresIn, long expiresAt) {}

    public Issued accessToken(AccessTokenSpec s) {
        long now = System.currentTimeMillis() / 1000 * 1000;
        long exp = now + s.lifetimeSeconds() * 1000;
        String jti = Ids.newId();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(links.issuer(s.environmentId()))
                .audience(s.audiences())
                .issueTime(new Date(now))
                .expirationTime(new Date(exp))
                .jwtID(jti)
                .claim("client_id", s.clientId())
                .claim("env", s.environmentId())
                .claim("org", organization.id());
        if (!s.scopes().isEmpty()) c.claim("scope", String.join(" ", s.scopes()));
        c.subject(s.subject() != null ? s.subject() : s.clientId());
        if (s.sessionId() != null) c.claim("sid", s.sessionId());
        if (s.authTime() != null) c.claim("auth_time", s.authTime() / 1000);
        if (s.acr() != null) c.claim("acr", s.acr());
        if (s.amr() != null) c.claim("amr", s.amr());
        if (s.extraClaims() != null) s.extraClaims().forEach(c::claim);
        return new Issued(sign(s.environmentId(), c.build(), null, true), jti, s.lifetimeSeconds(), exp);
    }

    /**
     * An access token's claims as JSON (its payload, and what introspection shows). Nimbus writes a one-element
     * {@code aud} as a plain string; PingOne's access tokens always carry an array, and clients index into it.
     */
    static Map<String, Object> accessTokenJson(JWTClaimsSet claims) {
        Map<String, Object> json = claims.toJSONObject();
        if (claims.getAudience() != null && !claims.getAudience().isEmpty()) json.put("aud", claims.getAudience());
        return json;
    }

    /** Signs any claims set with the environment's key (id tokens, for instance). */
    public String sign(String environmentId, JWTClaimsSet claims, JOSEObjectType type) {
        return sign(environmentId, claims, type, false);
    }

    private String sign(String environmentId, JWTClaimsSet claims, JOSEObjectType type, boolean arrayAudience) {
        SigningKey key = keys.signingKey(environmentId);
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.id());
        if (type != null) header.type(type);
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(header.build(), arrayAudience ? new com.nimbusds.jose.Payload(accessTokenJson(claims)) : claims.toPayload());
        try {
            jws.sign(new RSASSASigner(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jws.serialize();
    }
}
