package io.latchkey.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Administrator roles of groups ({@code /groups/{groupId}/roleAssignments}), with the rules of user assignments (see
 * {@link RoleAssignmentService#assign}). Every member of the group, directly or through nested groups, holds them
 * at their next management call ({@link RoleAssignmentService#rolesOfUser}); deleting the group deletes them.
 */
public final class GroupRoleAssignmentService implements SubjectRoleAssignments {
    private final Database db;
    private final RoleAssignmentService assignments;
    private final RoleAssignmentStore store = new RoleAssignmentStore();

    public GroupRoleAssignmentService(Database db, RoleAssignmentService assignments) {
        this.db = db;
        this.assignments = assignments;
    }

    @Override
    public List<RoleAssignmentStore.Row> list(String env, String groupId) {
        return db.withHandle(h -> {
            requireGroup(h, env, groupId, "");
            return store.forSubject(h, env, groupId);
        });
    }

    @Override
    public RoleAssignmentStore.Row get(String env, String groupId, String id) {
        return db.withHandle(h -> {
            requireGroup(h, env, groupId, "");
            return (Ids.isUuid(id) ? store.find(h, env, groupId, id) : Optional.<RoleAssignmentStore.Row>empty())
                    .orElseThrow(() -> ApiException.notFound("Role Assignment", id));
        });
    }

    @Override
    public RoleAssignmentStore.Row create(String env, String groupId, JsonNode body, Caller actor) {
        return db.inTransaction(h -> {
            // Locks the group's row: a concurrent delete of the group, which removes its assignments, waits for this.
            requireGroup(h, env, groupId, " for update");
            ObjectNode in = RoleAssignmentService.read(body);
            return assignments.assign(h, env, "GROUP", groupId, in, actor);
        });
    }

    @Override
    public void delete(String env, String groupId, String id, Caller actor) {
        db.useTransaction(h -> {
            requireGroup(h, env, groupId, "");
            assignments.unassign(h, env, groupId, id, actor);
        });
    }

    /** 404 unless {@code groupId} is a group of {@code env} (read here: the groups feature builds on this one). */
    private static void requireGroup(Handle h, String env, String groupId, String lock) {
        boolean exists = Ids.isUuid(env)
                && Ids.isUuid(groupId)
                && h.createQuery("select id from identity_groups where environment_id = :env and id = :id" + lock)
                        .bind("env", env)
                        .bind("id", groupId)
                        .mapTo(String.class)
                        .findFirst()
                        .isPresent();
        if (!exists) throw ApiException.notFound("Group", groupId);
    }
}
