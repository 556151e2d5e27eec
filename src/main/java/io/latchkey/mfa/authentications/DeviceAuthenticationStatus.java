package io.latchkey.mfa.authentications;

/** Where a device authentication stands; COMPLETED and FAILED are final. */
public enum DeviceAuthenticationStatus {
    DEVICE_SELECTION_REQUIRED,
    OTP_REQUIRED,
    COMPLETED,
    FAILED;

    boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
