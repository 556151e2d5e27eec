package io.latchkey.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * An environment's signing key pair, ready to sign and verify: the signer and verifier are made once per key and
 * process, not per token. The private part never leaves the server.
 */
public record SigningKey(
        String id, String environmentId, JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {

    static SigningKey of(String id, String environmentId, JWSAlgorithm algorithm, JWK key) {
        try {
            if (key instanceof RSAKey rsa)
                return new SigningKey(
                        id, environmentId, algorithm, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()));
            if (key instanceof ECKey ec)
                return new SigningKey(
                        id, environmentId, algorithm, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + id + " is unusable", e);
        }
        throw new IllegalStateException("Signing key " + id + " is of an unknown type");
    }
}
