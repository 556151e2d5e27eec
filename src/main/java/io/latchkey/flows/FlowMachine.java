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
 * USERNAME_PASSWORD_REQUIRED --usernamePassword.check--> COMPLETED | MUST_CHANGE_PASSWORD | (same, on bad credentials)
 *                            --password.forgot--------> RECOVERY_CODE_REQUIRED            (when recovery is enabled)
 *                            --user.register----------> COMPLETED                         (when registration is enabled)
 * MUST_CHANGE_PASSWORD       --password.reset---------> COMPLETED
 * RECOVERY_CODE_REQUIRED     --password.recover-------> COMPLETED
 *                            --password.sendRecoveryCode--> RECOVERY_CODE_REQUIRED
 * every non-terminal status  --session.reset----------> USERNAME_PASSWORD_REQUIRED
 * COMPLETED, FAILED: terminal; a COMPLETED flow is consumed by /as/resume.
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
                MUST_CHANGE_PASSWORD,
                USERNAME_PASSWORD_REQUIRED);
        on(USERNAME_PASSWORD_REQUIRED, PASSWORD_FORGOT, RECOVERY_CODE_REQUIRED);
        on(USERNAME_PASSWORD_REQUIRED, USER_REGISTER, COMPLETED);
        on(MUST_CHANGE_PASSWORD, PASSWORD_RESET, COMPLETED);
        on(RECOVERY_CODE_REQUIRED, PASSWORD_RECOVER, COMPLETED);
        on(RECOVERY_CODE_REQUIRED, PASSWORD_SEND_RECOVERY_CODE, RECOVERY_CODE_REQUIRED);
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
