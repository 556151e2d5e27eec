package io.latchkey.mfa.devices;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;

/**
 * The refusals of a device code. PingOne documents only the detail code {@code INVALID_OTP}; the lock's
 * {@code QUOTA_EXCEEDED} is Latchkey's choice (docs/mfa-devices.md). The counts are in the message only: PingOne's
 * error schema has no {@code innerError} field for them.
 */
final class DeviceErrors {
    private DeviceErrors() {}

    /** A wrong code, saying how many attempts remain before the lock, or how long the lock lasts. */
    static ApiException wrongCode(int remainingAttempts, Long secondsUntilUnlock) {
        String message = "The one-time passcode is not correct.";
        if (remainingAttempts > 0) message += " Attempts left: " + remainingAttempts + ".";
        if (remainingAttempts == 0) {
            if (secondsUntilUnlock != null) {
                message += " Too many wrong passcodes: the device is locked for " + secondsUntilUnlock + " seconds.";
            } else {
                message += " Too many wrong passcodes: this code no longer works; send a new one.";
            }
        }
        return ApiException.invalidData(new ErrorDetail("INVALID_OTP", "otp", message));
    }

    /** Tried while locked: nothing is checked or counted. */
    static ApiException locked(long until, long now) {
        long seconds = secondsUntil(until, now);
        return ApiException.invalidData(new ErrorDetail(
                "QUOTA_EXCEEDED",
                "otp",
                "Too many wrong passcodes: the device is locked. Try again in " + seconds + " seconds."));
    }

    /** No code is waiting: it expired, was spent by the failure count, or the TOTP pairing ran out. Not counted. */
    static ApiException noPendingCode(DeviceType type) {
        String message = type == DeviceType.TOTP
                ? "The pairing of this TOTP device has expired (30 minutes): delete the device and create it again."
                : "No activation code is waiting for this device, or it has expired: send a new one"
                        + " (application/vnd.pingidentity.device.sendActivationCode+json).";
        return ApiException.invalidData(new ErrorDetail("INVALID_OTP", "otp", message));
    }

    static long secondsUntil(long until, long now) {
        return Math.max(1, (until - now + 999) / 1000);
    }
}
