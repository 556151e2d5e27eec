package io.latchkey.mfa.authentications;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The errors of {@code /deviceAuthentications}, in PingOne's body (detail codes as for the sign-on's MFA step). */
final class DeviceAuthenticationErrors {
    private DeviceAuthenticationErrors() {}

    /** Unknown, expired, or of another environment: one answer, nothing to probe. */
    static ApiException unknown(String id) {
        return new ApiException(
                404, "NOT_FOUND", "The device authentication '" + id + "' does not exist or has expired.", List.of());
    }

    /** A step the transaction does not take in its status (as the flows answer: naming the steps it does take). */
    static ApiException notAccepted(String contentType, DeviceAuthentication a) {
        List<String> accepted = new ArrayList<>();
        if (a.status() == DeviceAuthenticationStatus.DEVICE_SELECTION_REQUIRED
                || a.status() == DeviceAuthenticationStatus.OTP_REQUIRED && a.canSelectAgain()) {
            accepted.add(DeviceAuthenticationsApi.DEVICE_SELECT);
        }
        if (a.status() == DeviceAuthenticationStatus.OTP_REQUIRED) accepted.add(DeviceAuthenticationsApi.OTP_CHECK);
        return ApiException.unsupportedMediaType(
                contentType, "the device authentication in status " + a.status(), accepted);
    }

    static ApiException concurrentStep() {
        return new ApiException(
                409,
                "REQUEST_FAILED",
                "The device authentication was changed by another request; read it and retry.",
                List.of());
    }

    static ApiException wrongOtp(int attemptsLeft) {
        return ApiException.invalidData(new ErrorDetail(
                "INVALID_OTP",
                "otp",
                "The one-time passcode is invalid or has expired."
                        + (attemptsLeft > 0
                                ? " Attempts left: " + attemptsLeft + "."
                                : " Send a new one, or use another device.")));
    }

    static ApiException locked(long secondsUntilUnlock) {
        return ApiException.invalidData(new ErrorDetail(
                "QUOTA_EXCEEDED",
                "otp",
                "Too many wrong passcodes: the device cannot be used for now.",
                Map.of("secondsUntilUnlock", secondsUntilUnlock)));
    }
}
