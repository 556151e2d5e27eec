package io.latchkey.mfa.devices;

import java.time.Duration;
import java.util.Map;

/**
 * The values of the MFA policy and the environment's MFA settings that devices follow. One small interface so that
 * devices need not know how policies are stored: {@link PolicyDeviceValues} reads the environment's
 * {@code deviceAuthenticationPolicies} and {@code mfaSettings}; {@link DefaultDevicePolicyValues} holds PingOne's
 * defaults (for values a policy leaves out).
 */
public interface DevicePolicyValues {

    /** A code sent to an EMAIL, SMS or VOICE device: how long it works, its length, and the lock after failures. */
    record SentCode(Duration lifetime, int length, int failureCount, Duration coolDown) {}

    /**
     * A TOTP device: the lock after failures, the accepted clock skew in 30-second steps each side
     * ({@code passcodeGracePeriod}) and the {@code otpauth://} parameters ({@code uriParameters}, e.g. {@code issuer}).
     */
    record Totp(int failureCount, Duration coolDown, int passcodeGracePeriod, Map<String, String> uriParameters) {}

    /**
     * A FIDO2 device: the lock after failed assertions (the MFA policy's {@code fido2.failure}) and what its FIDO2
     * policy asks of WebAuthn: the relying party, {@code attestationRequirements} ({@code NONE}, {@code DIRECT}),
     * {@code authenticatorAttachment} ({@code PLATFORM}, {@code CROSS_PLATFORM}, {@code BOTH}),
     * {@code discoverableCredentials} and {@code userVerification.option} ({@code REQUIRED}, {@code PREFERRED},
     * {@code DISCOURAGED}) with its {@code enforceDuringAuthentication}, whether backed-up (synced) passkeys are allowed
     * ({@code backupEligibility.allow}) and how long the browser waits for the user ({@code userPresenceTimeout}).
     */
    record Fido2(
            int failureCount,
            Duration coolDown,
            String relyingPartyId,
            String attestation,
            String attachment,
            String discoverableCredentials,
            String userVerification,
            boolean enforceUserVerification,
            boolean allowBackup,
            Duration userPresenceTimeout) {

        /** Whether the policy demands user verification (PIN, biometrics) at registration. */
        boolean userVerificationRequired() {
            return userVerification.equals("REQUIRED");
        }

        /** Whether a sign-on must have user verification. */
        boolean userVerificationRequiredAtSignOn() {
            return userVerificationRequired() && enforceUserVerification;
        }
    }

    /** The FIDO2 settings under the policy {@code policyId} (null: the environment's default policy). */
    Fido2 fido2(String env, String policyId);

    /** Whether {@code policyId} names an MFA policy of the environment (a device may name one at creation). */
    boolean policyExists(String env, String policyId);

    /** The code settings of {@code type} (EMAIL, SMS or VOICE) under the policy {@code policyId} (null: the default). */
    SentCode sentCode(String env, String policyId, DeviceType type);

    /** The TOTP settings under the policy {@code policyId} (null: the environment's default policy). */
    Totp totp(String env, String policyId);

    /** {@code mfaSettings.pairing.maxAllowedDevices}: devices a user may have. */
    int maxAllowedDevices(String env);
}
