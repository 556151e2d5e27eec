package io.latchkey.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Validation;
import io.latchkey.policies.Action;
import io.latchkey.users.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-on policy's {@code MULTI_FACTOR_AUTHENTICATION} action inside a flow: after the first factor (the
 * password), whether it runs for this user, which device answers, and the checks of what the user types. The flow's
 * data keeps, under {@value #KEY}: the action (from the start), then the MFA policy that runs it, the devices offered
 * (as shown, masked) and the selected one; for a FIDO2 device, the options of {@code navigator.credentials.get()} with
 * the challenge its assertion must sign.
 */
final class MfaStep {
    static final String KEY = "mfa";
    private static final String ACTION = "action";
    private static final String POLICY_ID = "policyId";
    private static final String DEVICES = "devices";
    private static final String SELECTED = "selected";
    private static final String ASSERTION_OPTIONS = "assertionOptions";
    /** The longest {@code assertion} accepted: a WebAuthn assertion's JSON is a few kilobytes at most. */
    private static final int LONGEST_ASSERTION = 64 * 1024;

    private final MultiFactor factors;

    MfaStep(MultiFactor factors) {
        this.factors = factors;
    }

    /** What follows the first factor. */
    sealed interface Next {
        /** No MFA for this sign-on: the user is signed on with the first factor alone. */
        record SignOn() implements Next {}

        /** The MFA step runs: move to {@code status} with {@code data}; send a passcode to {@code sendTo} if set. */
        record Challenge(FlowStatus status, ObjectNode data, String sendTo) implements Next {}

        /** The user has no usable device and the action's {@code noDevicesMode} is {@code BLOCK}. */
        record Blocked(ObjectNode data) implements Next {}
    }

    /** Keeps the policy's MFA action (the first, when there are several) in a new flow's data. */
    static void remember(ObjectNode data, List<Action> actions) {
        for (Action a : actions) {
            if (!a.type().equals("MULTI_FACTOR_AUTHENTICATION")) continue;
            data.putObject(KEY).set(ACTION, a.doc().deepCopy());
            return;
        }
    }

    /** Keeps the MFA action (only: not the devices or the choice) in the data of a flow that starts over. */
    static void carryOver(Flow f, ObjectNode data) {
        if (configured(f))
            data.putObject(KEY).set(ACTION, f.data().path(KEY).path(ACTION).deepCopy());
    }

    /** Whether the flow's policy has an MFA action at all. */
    static boolean configured(Flow f) {
        return f.data().path(KEY).path(ACTION).isObject();
    }

    Next afterFirstFactor(Flow f, User user, ActionCondition.Facts facts) {
        JsonNode action = f.data().path(KEY).path(ACTION);
        // PingOne's rule for mfaEnabled=false is not documented; the common reading: the MFA action is skipped.
        if (!action.isObject() || !user.mfaEnabled()) return new Next.SignOn();
        if (!ActionCondition.holds(action.get("condition"), facts)) return new Next.SignOn();
        MultiFactor.Challenge c = factors.challenge(f.environmentId(), user.id(), action);
        ObjectNode data = f.data().deepCopy();
        ObjectNode mfa = (ObjectNode) data.get(KEY);
        if (c.devices().isEmpty()) {
            if ("BYPASS".equals(action.path("noDevicesMode").asText("BLOCK"))) return new Next.SignOn();
            data.putObject("error")
                    .put("code", "NO_USABLE_DEVICES")
                    .put("message", "Multi-factor authentication is required, but the user has no usable device.");
            return new Next.Blocked(data);
        }
        mfa.put(POLICY_ID, c.policyId());
        ArrayNode devices = mfa.putArray(DEVICES);
        for (MultiFactor.Device d : c.devices()) {
            ObjectNode n = devices.addObject().put("id", d.id()).put("type", d.type());
            if (d.masked() != null) n.put("masked", d.masked());
        }
        if (c.promptToSelect()) return new Next.Challenge(FlowStatus.DEVICE_SELECTION_REQUIRED, data, null);
        MultiFactor.Device first = c.devices().get(0);
        mfa.put(SELECTED, first.id());
        prepare(f, user.id(), mfa, first);
        return new Next.Challenge(statusFor(first.type()), data, sendsOtp(first.type()) ? first.id() : null);
    }

    /** {@code device.select}: {@code {"device": {"id": ...}}}, one of the devices offered. */
    Next.Challenge select(Flow f, ObjectNode in) {
        JsonNode id = in.path("device").path("id");
        if (in.path("device").isMissingNode() || in.path("device").isNull()) {
            throw ApiException.invalidData(ErrorDetail.required("device.id"));
        }
        if (!id.isTextual()) throw ApiException.invalidData(ErrorDetail.required("device.id"));
        MultiFactor.Device d = offered(f).stream()
                .filter(x -> x.id().equals(id.asText()))
                .findFirst()
                .orElseThrow(() -> ApiException.invalidData(
                        ErrorDetail.invalid("device.id", "The device is not one this sign-on offers.")));
        ObjectNode data = f.data().deepCopy();
        ObjectNode mfa = (ObjectNode) data.get(KEY);
        mfa.put(SELECTED, d.id());
        prepare(f, f.userId(), mfa, d);
        return new Next.Challenge(statusFor(d.type()), data, sendsOtp(d.type()) ? d.id() : null);
    }

    /** A FIDO2 device gets a new challenge each time it is chosen; other devices need nothing here. */
    private void prepare(Flow f, String userId, ObjectNode mfa, MultiFactor.Device d) {
        mfa.remove(ASSERTION_OPTIONS);
        if (statusFor(d.type()) != FlowStatus.ASSERTION_REQUIRED) return;
        String options = factors.assertionOptions(f.environmentId(), userId, policyId(mfa), d.id());
        if (options == null) {
            throw ApiException.invalidData(ErrorDetail.invalid("device.id", "The device can no longer be used."));
        }
        mfa.put(ASSERTION_OPTIONS, options);
    }

    /** The options of {@code navigator.credentials.get()} of the selected FIDO2 device, while one is asked for. */
    static Optional<String> assertionOptions(Flow f) {
        return Optional.ofNullable(f.data().path(KEY).path(ASSERTION_OPTIONS).asText(null));
    }

    /**
     * {@code assertion.check}: {@code {"origin", "assertion", "compatibility"?}} for the selected FIDO2 device. Returns
     * the {@code amr} of the second factor. An assertion that cannot be read, or comes from an origin Latchkey does
     * not serve, is a 400 {@code INVALID_VALUE} and not counted; a refused one is a 400 {@code INVALID_VALUE} on
     * {@code assertion} that counts towards the device's lock, and a locked device a 400 {@code QUOTA_EXCEEDED}. The
     * flow stays where it is either way, with the same challenge.
     */
    String checkAssertion(Flow f, ObjectNode in) {
        Validation v = new Validation();
        String origin = text(in, "origin", 2048, v);
        String assertion = text(in, "assertion", LONGEST_ASSERTION, v);
        JsonNode compatibility = in.get("compatibility");
        if (compatibility != null && !compatibility.isNull() && !compatibility.isTextual()) {
            v.add(ErrorDetail.invalid("compatibility", "'compatibility' must be a string, such as FULL."));
        }
        v.throwIfAny();
        String device = selected(f).orElse(null);
        String options = assertionOptions(f).orElse(null);
        if (device == null || options == null) throw ApiException.invalidRequest("No FIDO2 device is selected.");
        return switch (factors.checkAssertion(
                f.environmentId(), f.userId(), policyId(f), device, options, origin, assertion)) {
            case MultiFactor.AssertionCheck.Ok ok -> ok.amr();
            case MultiFactor.AssertionCheck.Unusable u ->
                throw ApiException.invalidData(ErrorDetail.invalid(u.target(), u.message()));
            case MultiFactor.AssertionCheck.Wrong w ->
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "assertion",
                        w.message()
                                + (w.attemptsLeft() > 0
                                        ? " Attempts left: " + w.attemptsLeft() + "."
                                        : " Use another device.")));
            case MultiFactor.AssertionCheck.Locked l ->
                throw ApiException.invalidData(new ErrorDetail(
                        "QUOTA_EXCEEDED",
                        "assertion",
                        "Too many refused assertions: the device cannot be used for now.",
                        Map.of("secondsUntilUnlock", l.secondsUntilUnlock())));
        };
    }

    private static String text(ObjectNode in, String field, int longest, Validation v) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            v.add(ErrorDetail.required(field));
            return null;
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            v.add(ErrorDetail.invalid(field, "'" + field + "' must be a non-empty string."));
            return null;
        }
        if (n.asText().length() > longest) {
            v.add(ErrorDetail.invalid(field, "'" + field + "' must be at most " + longest + " characters long."));
            return null;
        }
        return n.asText();
    }

    /** Sends a passcode to a device (after the flow moved: a step that lost a race sends nothing). */
    void send(Flow f, String deviceId) {
        factors.sendOtp(f.environmentId(), f.userId(), policyId(f), deviceId);
    }

    /**
     * {@code otp.check}: {@code {"otp": "..."}} for the selected device. Returns the {@code amr} of the second
     * factor; a wrong, expired or replayed passcode is a 400 with detail {@code INVALID_OTP}, and a device locked
     * after too many of them a 400 with detail {@code QUOTA_EXCEEDED}; the flow stays where it is either way.
     */
    String checkOtp(Flow f, String otp) {
        String device = f.data().path(KEY).path(SELECTED).asText(null);
        if (device == null) throw ApiException.invalidRequest("No device is selected.");
        return switch (factors.checkOtp(f.environmentId(), f.userId(), policyId(f), device, otp)) {
            case MultiFactor.OtpCheck.Ok ok -> ok.amr();
            case MultiFactor.OtpCheck.Wrong w ->
                throw ApiException.invalidData(new ErrorDetail(
                        "INVALID_OTP",
                        "otp",
                        "The one-time passcode is invalid or has expired."
                                + (w.attemptsLeft() > 0
                                        ? " Attempts left: " + w.attemptsLeft() + "."
                                        : " Send a new one, or use another device.")));
            case MultiFactor.OtpCheck.Locked l ->
                throw ApiException.invalidData(new ErrorDetail(
                        "QUOTA_EXCEEDED",
                        "otp",
                        "Too many wrong passcodes: the device cannot be used for now.",
                        Map.of("secondsUntilUnlock", l.secondsUntilUnlock())));
        };
    }

    /** The devices the flow offers, as shown (masked). */
    static List<MultiFactor.Device> offered(Flow f) {
        List<MultiFactor.Device> out = new ArrayList<>();
        f.data()
                .path(KEY)
                .path(DEVICES)
                .forEach(n -> out.add(new MultiFactor.Device(
                        n.path("id").asText(),
                        n.path("type").asText(),
                        n.path("masked").asText(null))));
        return out;
    }

    /**
     * Whether {@code device.select} is offered while a passcode is asked for: to change to another device, or to have
     * a new passcode sent to the selected email or phone.
     */
    static boolean canSelectAgain(Flow f) {
        List<MultiFactor.Device> devices = offered(f);
        if (devices.size() > 1) return true;
        String selected = selected(f).orElse(null);
        return devices.stream().anyMatch(d -> d.id().equals(selected) && sendsOtp(d.type()));
    }

    /** The selected device's id, if any. */
    static Optional<String> selected(Flow f) {
        return Optional.ofNullable(f.data().path(KEY).path(SELECTED).asText(null));
    }

    private static String policyId(Flow f) {
        return policyId(f.data().path(KEY));
    }

    private static String policyId(JsonNode mfa) {
        return mfa.path(POLICY_ID).asText(null);
    }

    private static FlowStatus statusFor(String type) {
        return type.equals("FIDO2") ? FlowStatus.ASSERTION_REQUIRED : FlowStatus.OTP_REQUIRED;
    }

    private static boolean sendsOtp(String type) {
        return type.equals("EMAIL") || type.equals("SMS") || type.equals("VOICE");
    }
}
