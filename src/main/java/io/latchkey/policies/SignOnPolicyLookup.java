package io.latchkey.policies;

import io.latchkey.storage.Database;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** The policy a sign-on runs: its name (what the tokens' {@code acr} says) and its actions in priority order. */
    public record Chosen(String name, List<Action> actions) {}

    /**
     * The policy a sign-on for the application runs, honouring {@code acr_values}: the first value that names
     * (ignoring case) one of the candidate policies picks it; values naming no candidate are ignored, as PingOne
     * only accepts policies assigned to the application. Empty when the environment has no policy at all.
     */
    public Optional<Chosen> choose(String env, String applicationId, List<String> acrValues) {
        return db.withHandle(h -> choose(h, env, applicationId, acrValues));
    }

    /** The actions of the policy {@link #choose} picks without {@code acr_values}; empty without a policy. */
    public List<Action> actionsFor(String env, String applicationId) {
        return actionsFor(env, applicationId, List.of());
    }

    /** The actions of the policy {@link #choose} picks; empty without a policy. */
    public List<Action> actionsFor(String env, String applicationId, List<String> acrValues) {
        return choose(env, applicationId, acrValues).map(Chosen::actions).orElse(List.of());
    }

    /**
     * Whether a sign-on under the policy named {@code acr} satisfies {@code acrValues}: it does when they name no
     * candidate policy of the application (they are ignored then) or when {@code acr} is the one they pick.
     */
    public boolean satisfies(String env, String applicationId, List<String> acrValues, String acr) {
        if (acrValues.isEmpty()) return true;
        return db.withHandle(h -> requested(candidates(h, env, applicationId), acrValues))
                // A session from before the policy was kept ran the default policy.
                .map(p -> p.name().equalsIgnoreCase(acr != null ? acr : DefaultSignOnPolicy.NAME))
                .orElse(true);
    }

    /**
     * Names of the policies that register new users into {@code populationId}: a population service that will not
     * delete a population in use asks this first (deleting it anyway switches that registration off).
     */
    public List<String> policiesRegisteringInto(Handle h, String env, String populationId) {
        return actions.policiesRegisteringInto(h, env, populationId);
    }

    private Optional<Chosen> choose(Handle h, String env, String applicationId, List<String> acrValues) {
        List<SignOnPolicy> candidates = candidates(h, env, applicationId);
        if (candidates.isEmpty()) return Optional.empty();
        SignOnPolicy chosen = requested(candidates, acrValues).orElse(candidates.get(0));
        return Optional.of(new Chosen(
                chosen.name(),
                actions.list(h, env, chosen.id()).stream()
                        .map(SignOnPolicyAction::action)
                        .toList()));
    }

    private List<SignOnPolicy> candidates(Handle h, String env, String applicationId) {
        List<SignOnPolicy> assigned = policies.assignedTo(h, env, applicationId);
        return assigned.isEmpty() ? policies.findDefault(h, env).map(List::of).orElse(List.of()) : assigned;
    }

    private static Optional<SignOnPolicy> requested(List<SignOnPolicy> candidates, List<String> acrValues) {
        for (String acr : acrValues) {
            for (SignOnPolicy p : candidates) {
                if (p.name().toLowerCase(Locale.ROOT).equals(acr.toLowerCase(Locale.ROOT))) return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
