package io.latchkey.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.latchkey.crypto.SecretBox;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;

/** Makes a key pair and its self-signed certificate, as a row whose private half is sealed by the master key. */
final class KeyMaker {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a new key is to be; {@code issuerDn} and {@code serialNumber} may be null (self-issued, random). */
    record Spec(
            String name,
            SigningAlgorithm algorithm,
            int keyLength,
            String subjectDn,
            String issuerDn,
            Long serialNumber,
            int validityDays) {}

    private final SecretBox box;

    KeyMaker(SecretBox box) {
        this.box = box;
    }

    /** The key an environment gets at its first use: RS256, as PingOne's environments start with. */
    static Spec firstKey(String environmentId) {
        return new Spec(
                "Default signing key",
                SigningAlgorithm.RS256,
                2048,
                "CN=Latchkey,OU=" + environmentId,
                null,
                null,
                (int) Duration.ofDays(365 * 5).toDays());
    }

    /** Generates the key (CPU-heavy for RSA: call it outside any transaction). */
    SigningKeyStore.Row make(String id, String environmentId, Spec spec, boolean isDefault) {
        return make(id, environmentId, spec, isDefault, null);
    }

    /** A key owned by rotation policy {@code policyId} (null: an environment key). */
    SigningKeyStore.Row make(String id, String environmentId, Spec spec, boolean isDefault, String policyId) {
        JWK key = generate(id, spec);
        // X.509 times have whole seconds; the stored ones match the certificate's.
        long startsAt = System.currentTimeMillis() / 1000 * 1000;
        long expiresAt = startsAt + Duration.ofDays(spec.validityDays()).toMillis();
        long serial = spec.serialNumber() != null ? spec.serialNumber() : randomSerial();
        String issuer = spec.issuerDn() != null ? spec.issuerDn() : spec.subjectDn();
        String certificate = SelfSignedCertificates.issue(
                publicKey(key),
                privateKey(key),
                spec.algorithm().signatureAlgorithm,
                spec.subjectDn(),
                issuer,
                serial,
                startsAt,
                expiresAt);
        return new SigningKeyStore.Row(
                id,
                environmentId,
                spec.algorithm().name(),
                key.toPublicJWK().toJSONString(),
                box.encrypt(key.toJSONString()),
                isDefault,
                System.currentTimeMillis(),
                expiresAt,
                spec.name(),
                spec.subjectDn(),
                issuer,
                serial,
                startsAt,
                "SIGNING",
                certificate,
                policyId);
    }

    /** The certificate of a key made before keys had one (V69), with a new serial number. */
    Certificate certificateOf(SigningKeyStore.Row row, JWK key) {
        long serial = randomSerial();
        String issuer = row.issuerDn() != null ? row.issuerDn() : row.subjectDn();
        String cert = SelfSignedCertificates.issue(
                publicKey(key),
                privateKey(key),
                SigningAlgorithm.ofJws(row.algorithm()).signatureAlgorithm,
                row.subjectDn(),
                issuer,
                serial,
                row.startsAt() / 1000 * 1000,
                row.expiresAt() / 1000 * 1000);
        return new Certificate(cert, serial);
    }

    record Certificate(String base64Der, long serialNumber) {}

    private static JWK generate(String id, Spec spec) {
        try {
            return spec.algorithm().curve != null
                    ? new ECKeyGenerator(spec.algorithm().curve)
                            .keyID(id)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(spec.algorithm().jws())
                            .generate()
                    : new RSAKeyGenerator(spec.keyLength())
                            .keyID(id)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(spec.algorithm().jws())
                            .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Key generation failed", e);
        }
    }

    /** PingOne's serial numbers are positive int64 values. */
    private static long randomSerial() {
        long s;
        do s = RANDOM.nextLong() & Long.MAX_VALUE;
        while (s == 0);
        return s;
    }

    private static PublicKey publicKey(JWK key) {
        try {
            return key instanceof ECKey ec ? ec.toPublicKey() : ((RSAKey) key).toPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(JWK key) {
        try {
            return key instanceof ECKey ec ? ec.toPrivateKey() : ((RSAKey) key).toPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
