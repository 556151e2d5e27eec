package io.latchkey.flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The written-down state machine: what each status accepts and where each step may lead. */
class FlowMachineTest {

    @Test
    void usernamePasswordRequiredAcceptsTheSignOnStepsOnly() {
        assertThat(FlowMachine.actions(FlowStatus.USERNAME_PASSWORD_REQUIRED))
                .containsExactlyInAnyOrder(
                        FlowAction.USERNAME_PASSWORD_CHECK,
                        FlowAction.PASSWORD_FORGOT,
                        FlowAction.USER_REGISTER,
                        FlowAction.SESSION_RESET);
    }

    @Test
    void mustChangePasswordAcceptsOnlyPasswordResetAndSessionReset() {
        assertThat(FlowMachine.actions(FlowStatus.MUST_CHANGE_PASSWORD))
                .containsExactlyInAnyOrder(FlowAction.PASSWORD_RESET, FlowAction.SESSION_RESET);
    }

    @Test
    void recoveryCodeRequiredAcceptsRecoverResendAndReset() {
        assertThat(FlowMachine.actions(FlowStatus.RECOVERY_CODE_REQUIRED))
                .containsExactlyInAnyOrder(
                        FlowAction.PASSWORD_RECOVER, FlowAction.PASSWORD_SEND_RECOVERY_CODE, FlowAction.SESSION_RESET);
    }

    @Test
    void deviceGrantStatusesAcceptTheirOwnStepOrAReset() {
        assertThat(FlowMachine.actions(FlowStatus.DAG_USER_CODE_REQUIRED))
                .containsExactlyInAnyOrder(FlowAction.DEVICE_AUTH_GRANT_USER_CODE_VERIFY, FlowAction.SESSION_RESET);
        assertThat(FlowMachine.actions(FlowStatus.DAG_CONSENT_REQUIRED))
                .containsExactlyInAnyOrder(FlowAction.DEVICE_AUTH_GRANT_CONSENT, FlowAction.SESSION_RESET);
        assertThat(FlowMachine.leadsTo(
                        FlowStatus.DAG_CONSENT_REQUIRED, FlowAction.DEVICE_AUTH_GRANT_CONSENT, FlowStatus.FAILED))
                .isTrue();
        assertThat(FlowMachine.leadsTo(
                        FlowStatus.DAG_USER_CODE_REQUIRED,
                        FlowAction.DEVICE_AUTH_GRANT_USER_CODE_VERIFY,
                        FlowStatus.COMPLETED))
                .as("no device is connected without the user's consent")
                .isFalse();
    }

    @Test
    void terminalStatusesAcceptNothing() {
        assertThat(FlowMachine.actions(FlowStatus.COMPLETED)).isEmpty();
        assertThat(FlowMachine.actions(FlowStatus.FAILED)).isEmpty();
    }

    @Test
    void passwordCheckLeadsToCompletionMustChangeOrStaysPut() {
        assertThat(FlowMachine.leadsTo(
                        FlowStatus.USERNAME_PASSWORD_REQUIRED,
                        FlowAction.USERNAME_PASSWORD_CHECK,
                        FlowStatus.COMPLETED))
                .isTrue();
        assertThat(FlowMachine.leadsTo(
                        FlowStatus.USERNAME_PASSWORD_REQUIRED,
                        FlowAction.USERNAME_PASSWORD_CHECK,
                        FlowStatus.MUST_CHANGE_PASSWORD))
                .isTrue();
        assertThat(FlowMachine.leadsTo(
                        FlowStatus.USERNAME_PASSWORD_REQUIRED,
                        FlowAction.USERNAME_PASSWORD_CHECK,
                        FlowStatus.RECOVERY_CODE_REQUIRED))
                .isFalse();
    }

    @Test
    void noStepLeavesACompletedFlow() {
        for (FlowAction a : FlowAction.values()) {
            for (FlowStatus to : FlowStatus.values()) {
                assertThat(FlowMachine.leadsTo(FlowStatus.COMPLETED, a, to))
                        .as(a + " -> " + to)
                        .isFalse();
            }
        }
    }

    @Test
    void sessionResetReturnsEveryOpenStatusToTheStart() {
        for (FlowStatus s : FlowStatus.values()) {
            assertThat(FlowMachine.leadsTo(s, FlowAction.SESSION_RESET, FlowStatus.USERNAME_PASSWORD_REQUIRED))
                    .isEqualTo(!s.terminal());
        }
    }

    @Test
    void contentTypesMapToActionsWithOrWithoutTheJsonSuffix() {
        assertThat(FlowAction.forContentType("application/vnd.pingidentity.usernamePassword.check+json"))
                .contains(FlowAction.USERNAME_PASSWORD_CHECK);
        assertThat(FlowAction.forContentType("application/vnd.pingidentity.password.sendRecoveryCode"))
                .contains(FlowAction.PASSWORD_SEND_RECOVERY_CODE);
        assertThat(FlowAction.forContentType("application/json")).isEmpty();
        assertThat(FlowAction.forContentType(null)).isEmpty();
    }

    @Test
    void assertionRequiredAcceptsTheAssertionAnotherDeviceOrAReset() {
        assertThat(FlowMachine.actions(FlowStatus.ASSERTION_REQUIRED))
                .containsExactlyInAnyOrder(
                        FlowAction.ASSERTION_CHECK, FlowAction.DEVICE_SELECT, FlowAction.SESSION_RESET);
        assertThat(FlowMachine.leadsTo(FlowStatus.ASSERTION_REQUIRED, FlowAction.ASSERTION_CHECK, FlowStatus.COMPLETED))
                .isTrue();
        assertThat(FlowMachine.leadsTo(FlowStatus.OTP_REQUIRED, FlowAction.ASSERTION_CHECK, FlowStatus.COMPLETED))
                .as("an assertion answers only a FIDO2 device's challenge")
                .isFalse();
    }
}
