package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.mfa.policies.MfaPolicy;
import io.latchkey.mfa.policies.MfaPolicyService;
import io.latchkey.mfa.settings.MfaSettingsService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The device values of the environment's MFA (device authentication) policies and {@code mfaSettings}: a device
 * follows the policy it was created with, or the environment's default policy.
 */
public final class PolicyDeviceValues implements DevicePolicyValues {
    private final MfaPolicyService policies;
    private final MfaSettingsService settings;

    public PolicyDeviceValues(MfaPolicyService policies, MfaSettingsService settings) {
        this.policies = policies;
        this.settings = settings;
    }

    @Override
    public boolean policyExists(String env, String policyId) {
        return policies.find(MfaPolicy.Kind.DEVICE_AUTHENTICATION, env, policyId)
                .isPresent();
    }

    @Override
    public SentCode sentCode(String env, String policyId, DeviceType type) {
        JsonNode otp =
                policy(env, policyId).path(type.name().toLowerCase(Locale.ROOT)).path("otp");
        return new SentCode(
                duration(otp.path("lifeTime"), DefaultDevicePolicyValues.SENT_CODE.lifetime()),
                otp.path("otpLength").asInt(DefaultDevicePolicyValues.SENT_CODE.length()),
                otp.path("failure").path("count").asInt(DefaultDevicePolicyValues.SENT_CODE.failureCount()),
                duration(otp.path("failure").path("coolDown"), DefaultDevicePolicyValues.SENT_CODE.coolDown()));
    }

    @Override
    public Totp totp(String env, String policyId) {
        JsonNode totp = policy(env, policyId).path("totp");
        Map<String, String> uri = new LinkedHashMap<>();
        totp.path("uriParameters").properties().forEach(e -> {
            if (e.getValue().isValueNode()) uri.put(e.getKey(), e.getValue().asText());
        });
        Totp fallback = DefaultDevicePolicyValues.TOTP;
        JsonNode failure = totp.path("otp").path("failure");
        return new Totp(
                failure.path("count").asInt(fallback.failureCount()),
                duration(failure.path("coolDown"), fallback.coolDown()),
                totp.path("passcodeGracePeriod").asInt(fallback.passcodeGracePeriod()),
                uri);
    }

    @Override
    public Fido2 fido2(String env, String policyId) {
        MfaPolicy mfaPolicy = mfaPolicy(env, policyId);
        JsonNode mfa = mfaPolicy.doc().path("fido2");
        Fido2 fallback = DefaultDevicePolicyValues.FIDO2;
        // No FIDO2 policy named: the environment's default one, as PingOne does.
        String named = mfaPolicy.fido2PolicyId();
        JsonNode fido2 = policies.find(MfaPolicy.Kind.FIDO2, env, named)
                .orElseGet(() -> policies.defaultPolicy(MfaPolicy.Kind.FIDO2, env))
                .doc();
        JsonNode timeout = fido2.path("userPresenceTimeout");
        return new Fido2(
                mfa.path("failure").path("count").asInt(fallback.failureCount()),
                duration(mfa.path("failure").path("coolDown"), fallback.coolDown()),
                fido2.path("relyingPartyId").asText(fallback.relyingPartyId()),
                fido2.path("attestationRequirements").asText(fallback.attestation()),
                fido2.path("authenticatorAttachment").asText(fallback.attachment()),
                fido2.path("discoverableCredentials").asText(fallback.discoverableCredentials()),
                fido2.path("userVerification").path("option").asText(fallback.userVerification()),
                fido2.path("userVerification")
                        .path("enforceDuringAuthentication")
                        .asBoolean(true),
                fido2.path("backupEligibility").path("allow").asBoolean(true),
                timeout.isObject() ? duration(timeout, null) : null);
    }

    @Override
    public int maxAllowedDevices(String env) {
        return settings.get(env).maxAllowedDevices();
    }

    /** The policy's body: the one named, or the environment's default (also when the named one was deleted). */
    private JsonNode policy(String env, String policyId) {
        return mfaPolicy(env, policyId).doc();
    }

    private MfaPolicy mfaPolicy(String env, String policyId) {
        return policies.find(MfaPolicy.Kind.DEVICE_AUTHENTICATION, env, policyId)
                .orElseGet(() -> policies.defaultPolicy(MfaPolicy.Kind.DEVICE_AUTHENTICATION, env));
    }

    /** {@code {duration, timeUnit}} as PingOne writes it. */
    private static Duration duration(JsonNode n, Duration fallback) {
        if (!n.path("duration").canConvertToLong()) return fallback;
        long amount = n.path("duration").asLong();
        return switch (n.path("timeUnit").asText("MINUTES")) {
            case "SECONDS" -> Duration.ofSeconds(amount);
            case "HOURS" -> Duration.ofHours(amount);
            case "DAYS" -> Duration.ofDays(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
