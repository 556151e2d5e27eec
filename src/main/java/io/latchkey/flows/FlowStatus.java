package io.latchkey.flows;

/** Where a sign-on flow stands (PingOne's flow statuses that Latchkey's LOGIN action uses). */
public enum FlowStatus {
    USERNAME_PASSWORD_REQUIRED,
    MUST_CHANGE_PASSWORD,
    RECOVERY_CODE_REQUIRED,
    /** Device authorization grant: the signed-on user must enter the code the device shows. */
    DAG_USER_CODE_REQUIRED,
    /** Device authorization grant: the user must allow (or refuse) the device the code named. */
    DAG_CONSENT_REQUIRED,
    COMPLETED,
    FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
