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
 * USERNAME_PASSWORD_REQUIRED --usernamePassword.check--> SIGNED_ON | MUST_CHANGE_PASSWORD | (same, on bad credentials)
 *                            --password.forgot--------> RECOVERY_CODE_REQUIRED            (when recovery is enabled)
 *                            --user.register----------> SIGNED_ON                         (when registration is enabled)
 * MUST_CHANGE_PASSWORD       --password.reset---------> SIGNED_ON
 * RECOVERY_CODE_REQUIRED     --password.recover-------> SIGNED_ON
 *                            --password.sendRecoveryCode--> RECOVERY_CODE_REQUIRED
 * DAG_USER_CODE_REQUIRED     --deviceAuthGrant.userCode.verify--> DAG_CONSENT_REQUIRED  | (same, on a wrong code)
 * DAG_CONSENT_REQUIRED       --deviceAuthGrant.consent--> COMPLETED (accepted) | FAILED (refused)
 * every non-terminal status  --session.reset----------> USERNAME_PASSWORD_REQUIRED
 * COMPLETED, FAILED: terminal; a COMPLETED flow is consumed by /as/resume.
 *
 * SIGNED_ON is COMPLETED for a flow of /as/authorize, and DAG_USER_CODE_REQUIRED for a flow of a device
 * authorization grant (started at /{envId}/device, PingOne's order: sign on, enter the code, consent).
 * </pre>
 */
public final class FlowMachine {
    private static final Map<FlowStatus, Map<FlowAction, Set<FlowStatus>>> TRANSITIONS =
            new EnumMap<>(FlowStatus.class);

    static {
        on(
                USERNAME_PASSWORD_REQUIRED,
                USERNAME_PASSWORD_CHECK,
                COMPLETED,
                DAG_USER_CODE_REQUIRED,
                MUST_CHANGE_PASSWORD,
                USERNAME_PASSWORD_REQUIRED);
        on(USERNAME_PASSWORD_REQUIRED, PASSWORD_FORGOT, RECOVERY_CODE_REQUIRED);
        on(USERNAME_PASSWORD_REQUIRED, USER_REGISTER, COMPLETED, DAG_USER_CODE_REQUIRED);
        on(MUST_CHANGE_PASSWORD, PASSWORD_RESET, COMPLETED, DAG_USER_CODE_REQUIRED);
        on(RECOVERY_CODE_REQUIRED, PASSWORD_RECOVER, COMPLETED, DAG_USER_CODE_REQUIRED);
        on(RECOVERY_CODE_REQUIRED, PASSWORD_SEND_RECOVERY_CODE, RECOVERY_CODE_REQUIRED);
        on(DAG_USER_CODE_REQUIRED, DEVICE_AUTH_GRANT_USER_CODE_VERIFY, DAG_CONSENT_REQUIRED);
        on(DAG_CONSENT_REQUIRED, DEVICE_AUTH_GRANT_CONSENT, COMPLETED, FAILED);
        for (FlowStatus s : FlowStatus.values()) if (!s.terminal()) on(s, SESSION_RESET, USERNAME_PASSWORD_REQUIRED);
    }

    private FlowMachine() {}

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
