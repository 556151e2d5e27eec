package io.latchkey.flows;

import io.latchkey.passwords.SignOnCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the flows count, each counter made once:
 * <ul>
 *   <li>{@code latchkey_signons_total{outcome}}: password checks of {@code usernamePassword.check} (the JSON API and
 *       the hosted page alike): {@code succeeded} (the password was right), {@code failed} (wrong password, unknown
 *       or disabled user, no password) or {@code locked} (the account is locked out, counting the failure that locked it). A check the failed-check limit
 *       refused never ran and is not counted.
 *   <li>{@code latchkey_flows_total{status}}: flows that entered each status, counting a new flow's first status.
 *       Per node; summed over nodes it is the cluster's.
 * </ul>
 */
public final class FlowMetrics {
    private final Counter succeeded;
    private final Counter failed;
    private final Counter locked;
    private final Map<FlowStatus, Counter> entered = new EnumMap<>(FlowStatus.class);

    public FlowMetrics(MeterRegistry registry) {
        this.succeeded = signOns(registry, "succeeded");
        this.failed = signOns(registry, "failed");
        this.locked = signOns(registry, "locked");
        for (FlowStatus s : FlowStatus.values()) {
            entered.put(
                    s,
                    Counter.builder("latchkey.flows")
                            .description("Flows that entered a status")
                            .tag("status", s.name())
                            .register(registry));
        }
    }

    private static Counter signOns(MeterRegistry registry, String outcome) {
        return Counter.builder("latchkey.signons")
                .description("Password checks of sign-on flows, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void signOn(SignOnCheck check) {
        switch (check) {
            case SignOnCheck.Ok ok -> succeeded.increment();
            case SignOnCheck.Locked l -> locked.increment();
            case SignOnCheck.Wrong w -> failed.increment();
            case SignOnCheck.Disabled d -> failed.increment();
            case SignOnCheck.NoPassword n -> failed.increment();
        }
    }

    void entered(FlowStatus status) {
        entered.get(status).increment();
    }
}
