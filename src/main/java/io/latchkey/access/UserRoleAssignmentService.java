package io.latchkey.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Administrator roles of people ({@code /users/{userId}/roleAssignments}): the rules of application role assignments
 * ({@link RoleAssignmentService}: the role suits the scope, the scope exists, the caller covers the role over the
 * scope, no duplicate), for any user of the environment. A user's access token from a WORKER application carries
 * them to the management API at every call, so an assignment made or removed here counts from the next call. The
 * user also holds, read only here, the assignments of every group they are in (see {@link GroupRoleAssignmentService}).
 */
public final class UserRoleAssignmentService {
    private final Database db;
    private final RoleAssignmentService assignments;
    private final RoleAssignmentStore store = new RoleAssignmentStore();

    public UserRoleAssignmentService(Database db, RoleAssignmentService assignments) {
        this.db = db;
        this.assignments = assignments;
    }

    public List<RoleAssignmentStore.Row> list(String env, String userId) {
        return db.withHandle(h -> {
            requireUser(h, env, userId, "");
            return store.forUser(h, env, userId);
        });
    }

    public RoleAssignmentStore.Row get(String env, String userId, String id) {
        return db.withHandle(h -> {
            requireUser(h, env, userId, "");
            return (Ids.isUuid(id) ? store.findForUser(h, env, userId, id) : Optional.<RoleAssignmentStore.Row>empty())
                    .orElseThrow(() -> ApiException.notFound("Role Assignment", id));
        });
    }

    public RoleAssignmentStore.Row create(String env, String userId, JsonNode body, Caller actor) {
        return db.inTransaction(h -> {
            // Locks the user's row: a concurrent delete of the user, which removes its assignments, waits for this one.
            requireUser(h, env, userId, " for update");
            ObjectNode in = RoleAssignmentService.read(body);
            return assignments.assign(h, env, "USER", userId, in, actor);
        });
    }

    public void delete(String env, String userId, String id, Caller actor) {
        db.useTransaction(h -> {
            requireUser(h, env, userId, "");
            if (Ids.isUuid(id)) {
                store.findForUser(h, env, userId, id)
                        .filter(r -> r.subjectType().equals("GROUP"))
                        .ifPresent(r -> {
                            throw inherited(r);
                        });
            }
            assignments.unassign(h, env, userId, id, actor);
        });
    }

    /** An inherited assignment belongs to its group: it is removed there, or by leaving the group. */
    private static ApiException inherited(RoleAssignmentStore.Row r) {
        return ApiException.invalidData(new ErrorDetail(
                "CONSTRAINT_VIOLATION",
                "group.id",
                "This role assignment is inherited from group '" + r.subjectId()
                        + "'; remove it from the group, or remove the user from the group."));
    }

    /** 404 unless {@code userId} is a user of {@code env} (read here: the users feature builds on this one). */
    private static void requireUser(Handle h, String env, String userId, String lock) {
        boolean exists = Ids.isUuid(env)
                && Ids.isUuid(userId)
                && h.createQuery("select id from users where environment_id = :env and id = :id" + lock)
                        .bind("env", env)
                        .bind("id", userId)
                        .mapTo(String.class)
                        .findFirst()
                        .isPresent();
        if (!exists) throw ApiException.notFound("User", userId);
    }
}
