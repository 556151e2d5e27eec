package io.latchkey.flows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the MFA step of a sign-on needs of the users' MFA devices and the MFA (device authentication) policies. They
 * live in {@code mfa/}, which depends on nothing here; this interface keeps the dependency one-way (the composition
 * root passes the implementation).
 */
public interface MultiFactor {

    /** A device as a sign-on shows it: {@code masked} is the phone or email with most of it hidden, else null. */
    record Device(String id, String type, String masked) {}

    /**
     * The MFA step for a user under an MFA action: the policy that runs it, the user's usable devices (active, of a
     * method the policy and the action allow, in the user's order: the first is the default) and whether the user
     * must pick one even when there is a default.
     */
    record Challenge(String policyId, List<Device> devices, boolean promptToSelect) {}

    /** The outcome of a passcode typed for a device. */
    sealed interface OtpCheck {
        /** Right: {@code amr} is the method reference it adds to the sign-on ({@code otp}, {@code sms}...). */
        record Ok(String amr) implements OtpCheck {}

        /** Wrong or expired (the same answer); {@code attemptsLeft} before the device locks. */
        record Wrong(int attemptsLeft) implements OtpCheck {}

        /** Too many wrong passcodes: the device cannot be used for {@code secondsUntilUnlock}. */
        record Locked(long secondsUntilUnlock) implements OtpCheck {}
    }

    /** The outcome of a WebAuthn assertion posted for a FIDO2 device. */
    sealed interface AssertionCheck {
        /** Verified: {@code amr} is the method reference it adds ({@code hwk} or {@code swk}). */
        record Ok(String amr) implements AssertionCheck {}

        /** Not even checked (unreadable, or from an origin Latchkey does not serve), and not counted. */
        record Unusable(String target, String message) implements AssertionCheck {}

        /** Checked and refused ({@code message} says why); {@code attemptsLeft} before the device locks. */
        record Wrong(String message, int attemptsLeft) implements AssertionCheck {}

        /** Too many refused assertions: the device cannot be used for {@code secondsUntilUnlock}. */
        record Locked(long secondsUntilUnlock) implements AssertionCheck {}
    }

    /**
     * The options for {@code navigator.credentials.get()} (a JSON string with a new challenge) for a FIDO2 device of
     * the user, or null when the device cannot answer.
     */
    String assertionOptions(String env, String userId, String policyId, String deviceId);

    /**
     * Checks the JSON of the {@code PublicKeyCredential} that {@code navigator.credentials.get()} made from
     * {@code requestOptions} in the browser at {@code origin}; a verified one raises the device's signature counter.
     */
    AssertionCheck checkAssertion(
            String env,
            String userId,
            String policyId,
            String deviceId,
            String requestOptions,
            String origin,
            String assertion);

    /** The challenge for {@code userId} under {@code mfaAction} (the sign-on policy action's body). */
    Challenge challenge(String env, String userId, JsonNode mfaAction);

    /** Sends a new passcode to an EMAIL, SMS or VOICE device of the user (a TOTP device needs none). */
    void sendOtp(String env, String userId, String policyId, String deviceId);

    /** Checks a passcode typed for a device of the user; a right one cannot be used again. */
    OtpCheck checkOtp(String env, String userId, String policyId, String deviceId, String otp);
}
