package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.activities.ActivityDraft;
import io.latchkey.activities.ActivityLog;
import io.latchkey.crypto.SecretBox;
import io.latchkey.flows.MultiFactor;
import io.latchkey.mfa.policies.MfaPolicy;
import io.latchkey.mfa.policies.MfaPolicyService;
import io.latchkey.notify.Notifier;
import io.latchkey.storage.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The devices' side of the MFA step of a sign-on: which devices may answer under an MFA action and its MFA policy,
 * sending sign-on codes, and checking what the user types (counting and locking as the policy says; a code that
 * worked cannot be used again).
 */
public final class DeviceSignOn implements MultiFactor {
    static final String SIGN_ON_PURPOSE = "mfa.signon";

    private final Database db;
    private final SecretBox box;
    private final Notifier notifier;
    private final MfaPolicyService mfaPolicies;
    private final DevicePolicyValues values;
    private final WebAuthnCeremonies webAuthn;
    private final DeviceStore store = new DeviceStore();

    private final ActivityLog activities;

    public DeviceSignOn(
            Database db,
            SecretBox box,
            Notifier notifier,
            MfaPolicyService mfaPolicies,
            DevicePolicyValues values,
            WebAuthnCeremonies webAuthn,
            ActivityLog activities) {
        this.activities = activities;
        this.db = db;
        this.box = box;
        this.notifier = notifier;
        this.mfaPolicies = mfaPolicies;
        this.values = values;
        this.webAuthn = webAuthn;
    }

    @Override
    public Challenge challenge(String env, String userId, JsonNode mfaAction) {
        String named = mfaAction.path("deviceAuthenticationPolicy").path("id").asText(null);
        MfaPolicy policy = mfaPolicies
                .find(MfaPolicy.Kind.DEVICE_AUTHENTICATION, env, named)
                .orElseGet(() -> mfaPolicies.defaultPolicy(MfaPolicy.Kind.DEVICE_AUTHENTICATION, env));
        Set<DeviceType> allowed = allowedTypes(policy.doc(), named != null ? null : mfaAction);
        var usable = new ArrayList<io.latchkey.mfa.devices.Device>();
        for (var d : db.withHandle(h -> store.list(h, env, userId))) {
            if (d.status() == DeviceStatus.ACTIVE
                    && allowed.contains(d.type())
                    && (d.type() != DeviceType.FIDO2 || fido2Allowed(d, named != null ? null : mfaAction))) {
                usable.add(d);
            }
        }
        String selection =
                policy.doc().path("authentication").path("deviceSelection").asText("DEFAULT_TO_FIRST");
        boolean prompt =
                selection.equals("ALWAYS_DISPLAY_DEVICES") || selection.equals("PROMPT_TO_SELECT") && usable.size() > 1;
        return new Challenge(
                policy.id(),
                usable.stream()
                        .map(d -> new MultiFactor.Device(d.id(), d.type().name(), masked(d)))
                        .toList(),
                prompt);
    }

    @Override
    public void sendOtp(String env, String userId, String policyId, String deviceId) {
        long now = System.currentTimeMillis();
        record Sent(io.latchkey.mfa.devices.Device device, String code) {}
        Sent sent = db.inTransaction(h -> {
            var d = store.find(h, env, userId, deviceId, true).orElse(null);
            if (d == null || d.status() != DeviceStatus.ACTIVE || !d.type().receivesCodes() || d.lockedAt(now)) {
                return null;
            }
            DevicePolicyValues.SentCode rules = values.sentCode(env, policyId, d.type());
            String code = OneTimeCodes.newCode(rules.length());
            var renewed = d.withCode(
                    OneTimeCodes.hash(d.id(), code), now + rules.lifetime().toMillis(), now);
            store.update(h, renewed);
            return new Sent(renewed, code);
        });
        if (sent == null) return;
        var d = sent.device();
        if (d.type() == DeviceType.EMAIL) {
            notifier.send(env, userId, d.email(), SIGN_ON_PURPOSE, sent.code());
        } else {
            notifier.sendToPhone(env, userId, d.phone(), d.type().name(), SIGN_ON_PURPOSE, sent.code());
        }
    }

    @Override
    public OtpCheck checkOtp(String env, String userId, String policyId, String deviceId, String otp) {
        long now = System.currentTimeMillis();
        return db.inTransaction(h -> {
            var d = store.find(h, env, userId, deviceId, true).orElse(null);
            if (d == null || d.status() != DeviceStatus.ACTIVE) return new OtpCheck.Wrong(0);
            if (d.lockedAt(now)) return new OtpCheck.Locked(DeviceErrors.secondsUntil(d.lockedUntil(), now));
            Long step = null;
            boolean right;
            int limit;
            Duration coolDown;
            if (d.type() == DeviceType.TOTP) {
                DevicePolicyValues.Totp rules = values.totp(env, policyId);
                byte[] secret = Base64.getDecoder().decode(box.decrypt(d.secretEnc()));
                OptionalLong matched = Totp.match(secret, otp, now, rules.passcodeGracePeriod(), d.lastTotpStep());
                right = matched.isPresent();
                if (right) step = matched.getAsLong();
                limit = rules.failureCount();
                coolDown = rules.coolDown();
            } else {
                DevicePolicyValues.SentCode rules = values.sentCode(env, policyId, d.type());
                // An expired or spent code is wrong like any other, and counted: it is still a guess.
                right = d.otpHash() != null
                        && d.otpExpiresAt() != null
                        && d.otpExpiresAt() > now
                        && OneTimeCodes.matches(d.id(), otp, d.otpHash());
                limit = rules.failureCount();
                coolDown = rules.coolDown();
            }
            // Audited with the counter it updates: MFA.CHECK_SUCCEEDED / MFA.CHECK_FAILED (docs/activities.md).
            ActivityDraft audit = ActivityDraft.of(env, "MFA.CHECK_SUCCEEDED")
                    .byUser(userId, null)
                    .on("DEVICE", d.id(), d.type().name());
            if (right) {
                store.update(h, d.signedOn(step, now));
                activities.record(h, audit);
                return new OtpCheck.Ok(amr(d.type()));
            }
            activities.record(h, audit.as("MFA.CHECK_FAILED").failed("The one-time passcode is wrong."));
            int failures = d.failedCount() + 1;
            if (failures < limit) {
                store.update(h, d.withFailures(failures, null, d.otpHash(), now));
                return new OtpCheck.Wrong(limit - failures);
            }
            Long until = coolDown.isZero() ? null : now + coolDown.toMillis();
            // The limit reached: the count starts again, a sent code is spent (a new one must be sent).
            store.update(h, d.withFailures(0, until, d.type().receivesCodes() ? null : d.otpHash(), now));
            return until == null ? new OtpCheck.Wrong(0) : new OtpCheck.Locked(DeviceErrors.secondsUntil(until, now));
        });
    }

    /**
     * The methods a sign-on may use: those the MFA policy enables; without a policy named by the action, further
     * narrowed by the action's own (older) switches where it has them.
     */
    private static Set<DeviceType> allowedTypes(JsonNode policy, JsonNode actionSwitches) {
        Set<DeviceType> allowed = EnumSet.noneOf(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            if (!policy.path(t.name().toLowerCase(Locale.ROOT)).path("enabled").asBoolean(false)) continue;
            // FIDO2 has two switches in the action, one per kind of authenticator: see fido2Allowed.
            if (actionSwitches != null && t != DeviceType.FIDO2) {
                String switchName =
                        t == DeviceType.TOTP ? "authenticator" : t.name().toLowerCase(Locale.ROOT);
                JsonNode on = actionSwitches.path(switchName).path("enabled");
                if (on.isBoolean() && !on.booleanValue()) continue;
            }
            allowed.add(t);
        }
        return allowed;
    }

    /**
     * Whether the action's older per-kind switches let this FIDO2 device answer: {@code boundBiometrics} for a
     * platform authenticator (a passkey on the user's device), {@code securityKey} for the others; a device whose kind
     * the browser did not say passes unless both are off.
     */
    private static boolean fido2Allowed(io.latchkey.mfa.devices.Device d, JsonNode actionSwitches) {
        if (actionSwitches == null || d.fido2() == null || !d.fido2().active()) return d.fido2() != null;
        boolean biometrics = !isOff(actionSwitches.path("boundBiometrics"));
        boolean securityKey = !isOff(actionSwitches.path("securityKey"));
        if (d.fido2().attachment() == null) return biometrics || securityKey;
        return d.fido2().platform() ? biometrics : securityKey;
    }

    private static boolean isOff(JsonNode switchNode) {
        JsonNode on = switchNode.path("enabled");
        return on.isBoolean() && !on.booleanValue();
    }

    @Override
    public String assertionOptions(String env, String userId, String policyId, String deviceId) {
        var d = db.withHandle(h -> store.find(h, env, userId, deviceId, false)).orElse(null);
        if (d == null
                || d.status() != DeviceStatus.ACTIVE
                || d.fido2() == null
                || !d.fido2().active()) return null;
        return webAuthn.requestOptions(values.fido2(env, policyId), d.fido2());
    }

    @Override
    public AssertionCheck checkAssertion(
            String env,
            String userId,
            String policyId,
            String deviceId,
            String requestOptions,
            String origin,
            String assertion) {
        long now = System.currentTimeMillis();
        DevicePolicyValues.Fido2 rules = values.fido2(env, policyId);
        return db.inTransaction(h -> {
            var d = store.find(h, env, userId, deviceId, true).orElse(null);
            if (d == null
                    || d.status() != DeviceStatus.ACTIVE
                    || d.fido2() == null
                    || !d.fido2().active()) {
                return new AssertionCheck.Unusable("device.id", "The selected device can no longer be used.");
            }
            if (d.lockedAt(now)) return new AssertionCheck.Locked(DeviceErrors.secondsUntil(d.lockedUntil(), now));
            try {
                WebAuthnCeremonies.Asserted ok =
                        webAuthn.verifyAssertion(requestOptions, rules, d.fido2(), origin, assertion);
                store.update(h, d.withFido2(d.fido2().withSignCount(ok.signCount()), now));
                return new AssertionCheck.Ok(d.fido2().platform() ? "swk" : "hwk");
            } catch (WebAuthnCeremonies.Refused r) {
                if (r.malformed) return new AssertionCheck.Unusable(r.target, r.getMessage());
                int failures = d.failedCount() + 1;
                if (failures < rules.failureCount()) {
                    store.update(h, d.withFailures(failures, null, d.otpHash(), now));
                    return new AssertionCheck.Wrong(r.getMessage(), rules.failureCount() - failures);
                }
                Long until = rules.coolDown().isZero()
                        ? null
                        : now + rules.coolDown().toMillis();
                store.update(h, d.withFailures(0, until, d.otpHash(), now));
                return until == null
                        ? new AssertionCheck.Wrong(r.getMessage(), 0)
                        : new AssertionCheck.Locked(DeviceErrors.secondsUntil(until, now));
            }
        });
    }

    /** RFC 8176's method reference for a code from this kind of device. */
    private static String amr(DeviceType type) {
        return switch (type) {
            case SMS -> "sms";
            case VOICE -> "tel";
            default -> "otp";
        };
    }

    /** A phone shows its last two digits, an email its first two characters and its domain. */
    private static String masked(io.latchkey.mfa.devices.Device d) {
        if (d.type().usesPhone() && d.phone() != null) {
            String p = d.phone();
            return "*".repeat(Math.max(0, p.length() - 2)) + p.substring(Math.max(0, p.length() - 2));
        }
        if (d.type() == DeviceType.EMAIL && d.email() != null) {
            int at = d.email().indexOf('@');
            if (at < 0) return null;
            String local = d.email().substring(0, at);
            return local.substring(0, Math.min(2, local.length())) + "****"
                    + d.email().substring(at);
        }
        return null;
    }
}
