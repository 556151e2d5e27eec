package io.latchkey.policies;

import io.latchkey.storage.Database;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * Which sign-on policy applies to an application, for the sign-on flow engine: the application's assigned
 * policies in assignment priority order (lowest first), or the environment's default policy when it has none.
 */
public final class SignOnPolicyLookup {
    private final Database db;
    private final SignOnPolicyStore policies = new SignOnPolicyStore();
    private final SignOnPolicyActionStore actions = new SignOnPolicyActionStore();

    public SignOnPolicyLookup(Database db) {
        this.db = db;
    }

    /** The actions (in priority order) of the policy that applies to the application. */
    public List<Action> actionsFor(String env, String applicationId) {
        return actionsFor(env, applicationId, List.of());
    }

    /**
     * As {@link #actionsFor(String, String)}, honouring {@code acr_values}: the first value that names (ignoring
     * case) one of the candidate policies picks it; values naming no candidate are ignored, as PingOne only
     * accepts policies assigned to the application. Empty when the environment has no policy at all.
     */
    public List<Action> actionsFor(String env, String applicationId, List<String> acrValues) {
        return db.withHandle(h -> actionsFor(h, env, applicationId, acrValues));
    }

    /**
     * Names of the policies that register new users into {@code populationId}: a population service that will not
     * delete a population in use asks this first (deleting it anyway switches that registration off).
     */
    public List<String> policiesRegisteringInto(Handle h, String env, String populationId) {
        return actions.policiesRegisteringInto(h, env, populationId);
    }

    public List<Action> actionsFor(Handle h, String env, String applicationId, List<String> acrValues) {
        List<SignOnPolicy> candidates = policies.assignedTo(h, env, applicationId);
        if (candidates.isEmpty()) candidates = policies.findDefault(h, env).map(List::of).orElse(List.of());
        if (candidates.isEmpty()) return List.of();
        SignOnPolicy chosen = candidates.get(0);
        outer:
        for (String acr : acrValues == null ? List.<String>of() : acrValues) {
            for (SignOnPolicy p : candidates) {
                if (p.name().toLowerCase(Locale.ROOT).equals(acr.toLowerCase(Locale.ROOT))) {
                    chosen = p;
                    break outer;
                }
            }
        }
        return actions.list(h, env, chosen.id()).stream().map(SignOnPolicyAction::action).toList();
    }
}
