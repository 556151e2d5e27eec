package io.latchkey.keys;

import com.nimbusds.jose.jwk.RSAKey;

/** An environment's signing key pair; {@code key} holds the private part, so it never leaves the server. */
public record SigningKey(
        String id, String environmentId, RSAKey key, boolean isDefault, long createdAt, long expiresAt) {}
