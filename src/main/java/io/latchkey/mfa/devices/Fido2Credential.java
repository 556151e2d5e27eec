package io.latchkey.mfa.devices;

/**
 * What a FIDO2 device keeps besides the common device fields. While the device waits for activation only
 * {@code creationOptions} is set (the JSON given to {@code navigator.credentials.create()}, holding the challenge);
 * once active, the credential: {@code attestedCredentialData} (AAGUID, credential ID and COSE public key, base64url),
 * {@code credentialId} (base64url), the authenticator's {@code signCount}, whether it may be backed up (a synced
 * passkey), its {@code attachment} ({@code platform} or {@code cross-platform}; null when the browser did not say)
 * and the relying party it was made for.
 */
record Fido2Credential(
        String creationOptions,
        String credentialId,
        String attestedCredentialData,
        long signCount,
        boolean backupEligible,
        String attachment,
        String rpId) {

    static Fido2Credential pending(String creationOptions) {
        return new Fido2Credential(creationOptions, null, null, 0, false, null, null);
    }

    boolean active() {
        return credentialId != null;
    }

    /** After a sign-on: the authenticator's new counter. */
    Fido2Credential withSignCount(long count) {
        return new Fido2Credential(null, credentialId, attestedCredentialData, count, backupEligible, attachment, rpId);
    }

    /** Whether the authenticator is built into the user's device (a platform passkey), not a roaming security key. */
    boolean platform() {
        return "platform".equals(attachment);
    }
}
