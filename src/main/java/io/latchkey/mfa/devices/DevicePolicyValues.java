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

    /** Whether {@code policyId} names an MFA policy of the environment (a device may name one at creation). */
    boolean policyExists(String env, String policyId);

    /** The code settings of {@code type} (EMAIL, SMS or VOICE) under the policy {@code policyId} (null: the default). */
    SentCode sentCode(String env, String policyId, DeviceType type);

    /** The TOTP settings under the policy {@code policyId} (null: the environment's default policy). */
    Totp totp(String env, String policyId);

    /** {@code mfaSettings.pairing.maxAllowedDevices}: devices a user may have. */
    int maxAllowedDevices(String env);
}
