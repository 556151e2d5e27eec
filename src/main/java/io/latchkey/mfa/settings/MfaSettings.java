package io.latchkey.mfa.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An environment's MFA settings: {@code doc} holds pairing, lockout, authentication, phoneExtensions and users, all
 * present. {@code updatedAt} is null while the environment has PingOne's defaults (nothing was ever written).
 */
public record MfaSettings(String environmentId, ObjectNode doc, Long updatedAt) {
    /** How many devices a user may pair. */
    public int maxAllowedDevices() {
        return doc.path("pairing").path("maxAllowedDevices").asInt();
    }

    /** Whether new users get {@code mfaEnabled: true} when their creation does not say. */
    public boolean newUsersMfaEnabled() {
        return doc.path("users").path("mfaEnabled").asBoolean(false);
    }
}
