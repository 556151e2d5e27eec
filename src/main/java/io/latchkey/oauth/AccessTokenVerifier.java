package io.latchkey.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.http.Links;
import io.latchkey.keys.SigningKey;
import io.latchkey.keys.SigningKeyService;
import java.text.ParseException;
import java.util.Optional;

/** Checks a JWT issued by an environment: its key, signature, issuer, expiry and whether it was revoked. */
public final class AccessTokenVerifier {
    private final SigningKeyService keys;
    private final Links links;
    private final TokenRevocations revocations;

    public AccessTokenVerifier(SigningKeyService keys, Links links, TokenRevocations revocations) {
        this.keys = keys;
        this.links = links;
        this.revocations = revocations;
    }

    /** A verified token: the environment whose key signed it, and its claims. */
    public record Verified(String environmentId, JWTClaimsSet claims) {}

    /** The claims of a live access token of {@code env}, or empty. */
    public Optional<JWTClaimsSet> verify(String env, String token) {
        return signed(token, env).filter(this::isLive).map(Verified::claims);
    }

    /** A live access token of whichever environment signed it (the management API's bearer tokens), or empty. */
    public Optional<Verified> verifyAnyEnvironment(String token) {
        return signed(token, null).filter(this::isLive);
    }

    /** The claims of any well-signed token of {@code env}, expired or not (for id_token_hint). */
    public Optional<JWTClaimsSet> verifySignature(String env, String token) {
        return signed(token, env).map(Verified::claims);
    }

    private boolean isLive(Verified v) {
        JWTClaimsSet c = v.claims();
        return c.getExpirationTime() != null
                && c.getExpirationTime().getTime() > System.currentTimeMillis()
                && (c.getJWTID() == null || !revocations.isRevoked(v.environmentId(), c.getJWTID()));
    }

    /**
     * Signed by an existing key of {@code env} (of any environment when null), in that key's own algorithm (a
     * header naming another is refused, whatever the signature), and issued by that environment.
     */
    private Optional<Verified> signed(String token, String env) {
        if (token == null || token.length() > 16384) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Optional<SigningKey> key = keys.byId(jwt.getHeader().getKeyID())
                    .filter(k -> env == null || k.environmentId().equals(env))
                    .filter(k -> k.algorithm().equals(jwt.getHeader().getAlgorithm()));
            if (key.isEmpty() || !jwt.verify(key.get().verifier())) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String signer = key.get().environmentId();
            if (!links.issuer(signer).equals(claims.getIssuer())) return Optional.empty();
            return Optional.of(new Verified(signer, claims));
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
