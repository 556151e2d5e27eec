package io.latchkey.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The actions of a sign-on policy ({@code /signOnPolicies/{id}/actions}): validated per type
 * ({@link ActionShapes}), priorities unique within the policy, registration populations existing in the
 * environment, and never fewer than one action once a policy has one (PingOne: "Cannot delete last action from
 * the policy").
 */
public final class SignOnPolicyActionService {
    private final Database db;
    private final SignOnPolicyStore policies = new SignOnPolicyStore();
    private final SignOnPolicyActionStore store = new SignOnPolicyActionStore();

    public SignOnPolicyActionService(Database db) {
        this.db = db;
    }

    public List<SignOnPolicyAction> list(String env, String policyId) {
        return db.withHandle(h -> {
            policy(h, env, policyId);
            return store.list(h, env, policyId);
        });
    }

    public SignOnPolicyAction get(String env, String policyId, String id) {
        return db.withHandle(h -> {
            policy(h, env, policyId);
            return store.find(h, env, policyId, id)
                    .orElseThrow(() -> ApiException.notFound("Sign-on policy action", id));
        });
    }

    public SignOnPolicyAction create(String env, String policyId, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    policy(h, env, policyId);
                    SignOnPolicyAction a = validate(h, env, policyId, Ids.newId(), body, null);
                    store.insert(h, a);
                    return a;
                },
                () -> ApiException.invalidData(
                        duplicatePriority(body.path("priority").asInt())),
                () -> ApiException.invalidData(populationGone()));
    }

    /** PUT: replaces the action (its type may change; the new type's rules apply). */
    public SignOnPolicyAction replace(String env, String policyId, String id, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    policy(h, env, policyId);
                    SignOnPolicyAction current = store.find(h, env, policyId, id)
                            .orElseThrow(() -> ApiException.notFound("Sign-on policy action", id));
                    SignOnPolicyAction next = validate(h, env, policyId, id, body, current);
                    store.update(h, next);
                    return next;
                },
                () -> ApiException.invalidData(
                        duplicatePriority(body.path("priority").asInt())),
                () -> ApiException.invalidData(populationGone()));
    }

    public void delete(String env, String policyId, String id) {
        db.useTransaction(h -> {
            policy(h, env, policyId);
            store.find(h, env, policyId, id).orElseThrow(() -> ApiException.notFound("Sign-on policy action", id));
            // Serialises concurrent deletes of the last two actions of one policy.
            h.createQuery("select id from sign_on_policies where environment_id = :env and id = :id for update")
                    .bind("env", env)
                    .bind("id", policyId)
                    .mapTo(String.class)
                    .findFirst();
            if (store.count(h, env, policyId) <= 1) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "Cannot delete last action from the policy. Add another action first, or delete the policy."));
            }
            store.delete(h, env, policyId, id);
        });
    }

    private SignOnPolicyAction validate(
            Handle h, String env, String policyId, String id, JsonNode body, SignOnPolicyAction current) {
        Validation v = new Validation();
        ObjectNode doc = ActionShapes.read(body, v);
        String population =
                doc.path("registration").path("population").path("id").asText(null);
        if (population != null && Ids.isUuid(population) && !populationExists(h, env, population)) {
            v.add(ErrorDetail.invalid(
                    "registration.population.id",
                    "There is no population with id '" + population + "' in this environment."));
        }
        String mfaPolicy = doc.path("deviceAuthenticationPolicy").path("id").asText(null);
        if (mfaPolicy != null && Ids.isUuid(mfaPolicy) && !mfaPolicyExists(h, env, mfaPolicy)) {
            v.add(ErrorDetail.invalid(
                    "deviceAuthenticationPolicy.id",
                    "There is no MFA policy (device authentication policy) with id '" + mfaPolicy
                            + "' in this environment."));
        }
        if (doc.has("priority")) {
            int priority = doc.get("priority").asInt();
            store.idByPriority(h, env, policyId, priority)
                    .filter(other -> !other.equals(id))
                    .ifPresent(other -> v.add(duplicatePriority(priority)));
        }
        v.throwIfAny();
        int priority = doc.remove("priority").asInt();
        String type = doc.remove("type").asText();
        long now = System.currentTimeMillis();
        return new SignOnPolicyAction(
                id, env, policyId, priority, type, doc, population, current == null ? now : current.createdAt(), now);
    }

    private static boolean populationExists(Handle h, String env, String id) {
        return h.createQuery("select count(*) from populations where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    private static boolean mfaPolicyExists(Handle h, String env, String id) {
        return h.createQuery(
                                "select count(*) from device_authentication_policies where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    private SignOnPolicy policy(Handle h, String env, String policyId) {
        return policies.find(h, env, policyId).orElseThrow(() -> ApiException.notFound("Sign-on policy", policyId));
    }

    private static ErrorDetail populationGone() {
        return ErrorDetail.invalid(
                "registration.population.id", "The population was deleted while the action was being saved.");
    }

    private static ErrorDetail duplicatePriority(int priority) {
        return ErrorDetail.unique(
                "priority", "Another action of this sign-on policy already has priority " + priority + ".");
    }
}
