package io.latchkey.mfa.devices;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The refusals of a device code. PingOne documents only the detail code {@code INVALID_OTP}; the counts in
 * {@code innerError} and the lock's {@code QUOTA_EXCEEDED} are Latchkey's choices (docs/mfa-devices.md).
 */
final class DeviceErrors {
    private DeviceErrors() {}

    /** A wrong code: {@code remainingAttempts} before the lock; with {@code secondsUntilUnlock} once locked. */
    static ApiException wrongCode(int remainingAttempts, Long secondsUntilUnlock) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("remainingAttempts", remainingAttempts);
        String message = "The one-time passcode is not correct.";
        if (remainingAttempts == 0) {
            if (secondsUntilUnlock != null) {
                inner.put("secondsUntilUnlock", secondsUntilUnlock);
                message += " Too many wrong passcodes: the device is locked for " + secondsUntilUnlock + " seconds.";
            } else {
                message += " Too many wrong passcodes: this code no longer works; send a new one.";
            }
        }
        return ApiException.invalidData(new ErrorDetail("INVALID_OTP", "otp", message, inner));
    }

    /** Tried while locked: nothing is checked or counted. */
    static ApiException locked(long until, long now) {
        long seconds = secondsUntil(until, now);
        return ApiException.invalidData(new ErrorDetail(
                "QUOTA_EXCEEDED",
                "otp",
                "Too many wrong passcodes: the device is locked. Try again in " + seconds + " seconds.",
                Map.of("secondsUntilUnlock", seconds)));
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
