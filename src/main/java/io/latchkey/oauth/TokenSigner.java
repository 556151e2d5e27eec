package io.latchkey.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.applications.Application;
import io.latchkey.keys.SigningKey;
import io.latchkey.keys.SigningKeyService;
import java.util.Map;

/**
 * Signs tokens with the environment's default signing key, in that key's algorithm (RS256 unless the environment
 * made an EC or other key its default), with its {@code kid} in the header, as PingOne does; or, for an application
 * that names a key rotation policy ({@code signing.keyRotationPolicy.id}), with that policy's CURRENT key.
 */
public final class TokenSigner {
    private final SigningKeyService keys;

    public TokenSigner(SigningKeyService keys) {
        this.keys = keys;
    }

    /** The compact JWS of {@code claims} (written as given: times in epoch seconds, {@code aud} as a list or not). */
    public String sign(String environmentId, Map<String, Object> claims, JOSEObjectType type) {
        return sign(key(environmentId), claims, type);
    }

    /** The key the environment signs with now: take it once when a claim depends on its algorithm (at_hash). */
    public SigningKey key(String environmentId) {
        return keys.signingKey(environmentId);
    }

    /**
     * The key that signs {@code app}'s tokens now: its key rotation policy's CURRENT key if it names one, else the
     * environment's default. Read from per-node copies (at most {@link SigningKeyService#FRESHNESS} old), never
     * the database per token.
     */
    public SigningKey key(Application app) {
        return app.keyRotationPolicyId()
                .map(policy -> keys.policyKey(app.environmentId(), policy))
                .orElseGet(() -> keys.signingKey(app.environmentId()));
    }

    public String sign(SigningKey key, Map<String, Object> claims, JOSEObjectType type) {
        JWSHeader.Builder header = new JWSHeader.Builder(key.algorithm()).keyID(key.id());
        if (type != null) header.type(type);
        JWSObject jws = new JWSObject(header.build(), new Payload(claims));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jws.serialize();
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
}
