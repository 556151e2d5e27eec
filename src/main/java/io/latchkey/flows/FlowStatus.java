package io.latchkey.flows;

/** Where a sign-on flow stands (PingOne's flow statuses that Latchkey's LOGIN action uses). */
public enum FlowStatus {
    USERNAME_PASSWORD_REQUIRED,
    MUST_CHANGE_PASSWORD,
    RECOVERY_CODE_REQUIRED,
    COMPLETED,
    FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
