package io.latchkey.flows;

/** Where a sign-on flow stands (PingOne's flow statuses that Latchkey's LOGIN action uses). */
public enum FlowStatus {
    USERNAME_PASSWORD_REQUIRED,
    MUST_CHANGE_PASSWORD,
    RECOVERY_CODE_REQUIRED,
    /** MFA: the user must pick which device answers. */
    DEVICE_SELECTION_REQUIRED,
    /** MFA: the user must type the passcode of the selected device (sent to it, for email and SMS). */
    OTP_REQUIRED,
    /** MFA: the selected FIDO2 device (passkey, security key) must sign a challenge. */
    ASSERTION_REQUIRED,
    /** Device authorization grant: the signed-on user must enter the code the device shows. */
    DAG_USER_CODE_REQUIRED,
    /** Device authorization grant: the user must allow (or refuse) the device the code named. */
    DAG_CONSENT_REQUIRED,
    COMPLETED,
    FAILED;

    /** The statuses of the MFA step. */
    public boolean multiFactor() {
        return this == DEVICE_SELECTION_REQUIRED || this == OTP_REQUIRED || this == ASSERTION_REQUIRED;
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
