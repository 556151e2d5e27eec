package io.latchkey.keys;

import java.time.Duration;

/**
 * A PingOne key rotation policy: the specification of the keys it makes (RSA, {@code keyLength}, SHA256withRSA, a
 * self-signed certificate for {@code dn} valid {@code validityPeriod} days) and its schedule (every
 * {@code rotationPeriod} days after {@code rotatedAt}). {@code previousKeyId} is the key that was CURRENT before the
 * last rotation, kept published until the next one; null before the first rotation.
 */
public record KeyRotationPolicy(
        String id,
        String environmentId,
        String name,
        String dn,
        String algorithm,
        int keyLength,
        String signatureAlgorithm,
        String usageType,
        int rotationPeriod,
        int validityPeriod,
        String currentKeyId,
        String nextKeyId,
        String previousKeyId,
        long rotatedAt,
        long createdAt) {

    /** The specification of the next key it makes. */
    KeyMaker.Spec keySpec() {
        return new KeyMaker.Spec(name, SigningAlgorithm.RS256, keyLength, dn, null, null, validityPeriod);
    }

    /** When it rotates next. */
    long dueAt() {
        return rotatedAt + Duration.ofDays(rotationPeriod).toMillis();
    }
}
