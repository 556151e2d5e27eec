package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Sign-on policies assigned to an application ({@code /applications/{id}/signOnPolicyAssignments}). The
 * policy must be one of the environment's; priorities (1 and up) are unique per application, and a policy
 * is assigned to an application once. Without any assignment the environment's default policy applies.
 */
public final class SignOnPolicyAssignmentService {
    private static final ApplicationStore APPLICATIONS = new ApplicationStore();
    private static final Shape SHAPE = Shape.of()
            .ref("signOnPolicy", f -> f.required())
            .integer("priority", f -> f.required().range(1, Integer.MAX_VALUE));

    private final Database db;
    private final SignOnPolicyAssignmentStore store = new SignOnPolicyAssignmentStore();

    public SignOnPolicyAssignmentService(Database db) {
        this.db = db;
    }

    /** The application's assignments, lowest priority (evaluated first) first. */
    public List<SignOnPolicyAssignment> list(String env, String appId) {
        return db.withHandle(h -> {
            requireApplication(h, env, appId);
            return store.list(h, env, appId);
        });
    }

    public SignOnPolicyAssignment get(String env, String appId, String id) {
        return db.withHandle(h -> {
            requireApplication(h, env, appId);
            return store.find(h, env, appId, id)
                    .orElseThrow(() -> ApiException.notFound("Sign On Policy Assignment", id));
        });
    }

    public SignOnPolicyAssignment create(String env, String appId, JsonNode body) {
        return db.inTransaction(h -> {
            requireApplication(h, env, appId);
            long now = System.currentTimeMillis();
            SignOnPolicyAssignment a = validate(h, env, appId, Ids.newId(), body, now, now);
            write(() -> store.insert(h, a));
            return a;
        });
    }

    /** PUT: replaces the policy and the priority. */
    public SignOnPolicyAssignment replace(String env, String appId, String id, JsonNode body) {
        return db.inTransaction(h -> {
            requireApplication(h, env, appId);
            SignOnPolicyAssignment current = store.find(h, env, appId, id)
                    .orElseThrow(() -> ApiException.notFound("Sign On Policy Assignment", id));
            SignOnPolicyAssignment a =
                    validate(h, env, appId, id, body, current.createdAt(), System.currentTimeMillis());
            write(() -> store.update(h, a));
            return a;
        });
    }

    public void delete(String env, String appId, String id) {
        boolean deleted = db.inTransaction(h -> {
            requireApplication(h, env, appId);
            return store.delete(h, env, appId, id);
        });
        if (!deleted) throw ApiException.notFound("Sign On Policy Assignment", id);
    }

    private SignOnPolicyAssignment validate(
            Handle h, String env, String appId, String id, JsonNode body, long createdAt, long updatedAt) {
        Validation v = new Validation();
        ObjectNode in = SHAPE.read(body, v);
        v.throwIfAny();
        String policyId = in.get("signOnPolicy").get("id").asText();
        int priority = in.get("priority").asInt();
        boolean policyExists = Ids.isUuid(policyId)
                && h.createQuery("select count(*) from sign_on_policies where environment_id = :env and id = :id")
                                .bind("env", env)
                                .bind("id", policyId)
                                .mapTo(Long.class)
                                .one()
                        > 0;
        if (!policyExists) {
            v.add(ErrorDetail.invalid(
                    "signOnPolicy.id", "There is no sign-on policy with id '" + policyId + "' in this environment."));
        }
        for (SignOnPolicyAssignment other : store.list(h, env, appId)) {
            if (other.id().equals(id)) continue;
            if (other.priority() == priority) {
                v.add(ErrorDetail.unique(
                        "priority",
                        "Another sign-on policy assignment of this application has priority " + priority + "."));
            }
            if (other.policyId().equals(policyId)) {
                v.add(ErrorDetail.unique(
                        "signOnPolicy.id", "This sign-on policy is already assigned to the application."));
            }
        }
        v.throwIfAny();
        return new SignOnPolicyAssignment(id, env, appId, policyId, priority, createdAt, updatedAt);
    }

    /** A concurrent request that took the same priority or policy first: the same 400 as the check above. */
    private static void write(Runnable statement) {
        UniqueViolations.translate(
                statement,
                () -> ApiException.invalidData(ErrorDetail.unique(
                        "priority",
                        "Another sign-on policy assignment of this application has this priority or this policy.")));
    }

    private static void requireApplication(Handle h, String env, String appId) {
        APPLICATIONS.find(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
    }
}
