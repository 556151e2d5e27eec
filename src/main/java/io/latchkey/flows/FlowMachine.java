package io.latchkey.flows;

import static io.latchkey.flows.FlowAction.*;
import static io.latchkey.flows.FlowStatus.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The sign-on state machine, written down. For each status: the actions a client may post, and the statuses each
 * action may lead to (the service picks one by the outcome). Anything else is refused before any work is done.
 *
 * <pre>
 * USERNAME_PASSWORD_REQUIRED --usernamePassword.check--> FIRST_FACTOR_DONE | MUST_CHANGE_PASSWORD | (same, on bad credentials)
 *                            --password.forgot--------> RECOVERY_CODE_REQUIRED            (when recovery is enabled)
 *                            --user.register----------> FIRST_FACTOR_DONE                 (when registration is enabled)
 * MUST_CHANGE_PASSWORD       --password.reset---------> FIRST_FACTOR_DONE
 * RECOVERY_CODE_REQUIRED     --password.recover-------> FIRST_FACTOR_DONE
 *                            --password.sendRecoveryCode--> RECOVERY_CODE_REQUIRED
 * DEVICE_SELECTION_REQUIRED  --device.select----------> OTP_REQUIRED | ASSERTION_REQUIRED
 * OTP_REQUIRED               --otp.check--------------> SIGNED_ON | (same, on a wrong passcode)
 *                            --device.select----------> OTP_REQUIRED | ASSERTION_REQUIRED
 * ASSERTION_REQUIRED         --assertion.check--------> SIGNED_ON | (same, on a refused assertion)
 *                            --device.select----------> OTP_REQUIRED | ASSERTION_REQUIRED
 * DAG_USER_CODE_REQUIRED     --deviceAuthGrant.userCode.verify--> DAG_CONSENT_REQUIRED  | (same, on a wrong code)
 * DAG_CONSENT_REQUIRED       --deviceAuthGrant.consent--> COMPLETED (accepted) | FAILED (refused)
 * every non-terminal status  --session.reset----------> USERNAME_PASSWORD_REQUIRED
 * COMPLETED, FAILED: terminal; a COMPLETED flow is consumed by /as/resume.
 *
 * SIGNED_ON is COMPLETED for a flow of /as/authorize, and DAG_USER_CODE_REQUIRED for a flow of a device
 * authorization grant (started at /{envId}/device, PingOne's order: sign on, enter the code, consent).
 *
 * FIRST_FACTOR_DONE is SIGNED_ON, or the MFA step when the policy has an MFA action that applies to the user:
 * DEVICE_SELECTION_REQUIRED | OTP_REQUIRED | ASSERTION_REQUIRED, or FAILED when the user has no usable device and
 * the action blocks.
 * </pre>
 */
public final class FlowMachine {
    /** Where a sign-on ends: the authorize flow completes, a device flow goes on to the user code. */
    private static final FlowStatus[] SIGNED_ON = {COMPLETED, DAG_USER_CODE_REQUIRED};
    /** Where a first factor leads: signed on, or the MFA step (FAILED: no usable device, the action blocks). */
    private static final FlowStatus[] FIRST_FACTOR_DONE =
            with(SIGNED_ON, DEVICE_SELECTION_REQUIRED, OTP_REQUIRED, ASSERTION_REQUIRED, FAILED);

    private static final Map<FlowStatus, Map<FlowAction, Set<FlowStatus>>> TRANSITIONS =
            new EnumMap<>(FlowStatus.class);

    static {
        on(
                USERNAME_PASSWORD_REQUIRED,
                USERNAME_PASSWORD_CHECK,
                with(FIRST_FACTOR_DONE, MUST_CHANGE_PASSWORD, USERNAME_PASSWORD_REQUIRED));
        on(USERNAME_PASSWORD_REQUIRED, PASSWORD_FORGOT, RECOVERY_CODE_REQUIRED);
        on(USERNAME_PASSWORD_REQUIRED, USER_REGISTER, FIRST_FACTOR_DONE);
        on(MUST_CHANGE_PASSWORD, PASSWORD_RESET, FIRST_FACTOR_DONE);
        on(RECOVERY_CODE_REQUIRED, PASSWORD_RECOVER, FIRST_FACTOR_DONE);
        on(DEVICE_SELECTION_REQUIRED, DEVICE_SELECT, OTP_REQUIRED, ASSERTION_REQUIRED);
        on(OTP_REQUIRED, OTP_CHECK, SIGNED_ON);
        on(OTP_REQUIRED, DEVICE_SELECT, OTP_REQUIRED, ASSERTION_REQUIRED);
        on(ASSERTION_REQUIRED, ASSERTION_CHECK, SIGNED_ON);
        on(ASSERTION_REQUIRED, DEVICE_SELECT, OTP_REQUIRED, ASSERTION_REQUIRED);
        on(RECOVERY_CODE_REQUIRED, PASSWORD_SEND_RECOVERY_CODE, RECOVERY_CODE_REQUIRED);
        on(DAG_USER_CODE_REQUIRED, DEVICE_AUTH_GRANT_USER_CODE_VERIFY, DAG_CONSENT_REQUIRED);
        on(DAG_CONSENT_REQUIRED, DEVICE_AUTH_GRANT_CONSENT, COMPLETED, FAILED);
        for (FlowStatus s : FlowStatus.values()) if (!s.terminal()) on(s, SESSION_RESET, USERNAME_PASSWORD_REQUIRED);
    }

    private FlowMachine() {}

    private static FlowStatus[] with(FlowStatus[] some, FlowStatus... more) {
        FlowStatus[] all = java.util.Arrays.copyOf(some, some.length + more.length);
        System.arraycopy(more, 0, all, some.length, more.length);
        return all;
    }

    private static void on(FlowStatus from, FlowAction action, FlowStatus... to) {
        TRANSITIONS
                .computeIfAbsent(from, k -> new EnumMap<>(FlowAction.class))
                .put(action, to.length == 0 ? EnumSet.noneOf(FlowStatus.class) : EnumSet.of(to[0], to));
    }

    /** The actions allowed in {@code status} (before the LOGIN action's own switches are applied). */
    public static Set<FlowAction> actions(FlowStatus status) {
        Map<FlowAction, Set<FlowStatus>> m = TRANSITIONS.get(status);
        return m == null || m.isEmpty() ? EnumSet.noneOf(FlowAction.class) : EnumSet.copyOf(m.keySet());
    }

    /** Whether {@code action} from {@code from} may end in {@code to}. */
    public static boolean leadsTo(FlowStatus from, FlowAction action, FlowStatus to) {
        Map<FlowAction, Set<FlowStatus>> m = TRANSITIONS.get(from);
        return m != null && m.containsKey(action) && m.get(action).contains(to);
    }
}
