package io.latchkey.applicationpermissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;

/**
 * The application roles of users ({@code /users/{userId}/applicationRoles}). An unknown user is 404; a role id
 * that names no role of the environment is 400 INVALID_VALUE on {@code id}; a role the user already holds is
 * 400 UNIQUENESS_VIOLATION on {@code id}.
 *
 * <p>A user's roles go with the user: {@code user_application_roles.user_id} cascades from {@code users} (V51).
 */
public final class UserApplicationRoleService {
    private final Database db;
    private final UserLookup users;
    private final UserApplicationRoleStore store = new UserApplicationRoleStore();
    private final ApplicationRoleStore roles = new ApplicationRoleStore();

    public UserApplicationRoleService(Database db, UserLookup users) {
        this.db = db;
        this.users = users;
    }

    public UserApplicationRole assign(String env, String userId, JsonNode body) {
        requireUser(env, userId);
        return db.inTransaction(h -> {
            Validation v = new Validation();
            ObjectNode doc = Shapes.ID_REF.read(body, v);
            String roleId = Shapes.validText(doc, v, "id");
            if (roleId != null) {
                if (roles.find(h, env, roleId).isEmpty()) {
                    v.add(ErrorDetail.invalid("id", "'id' does not name an application role of this environment."));
                } else if (store.find(h, env, userId, roleId).isPresent()) {
                    v.add(ErrorDetail.unique("id", "The user already holds this application role."));
                }
            }
            v.throwIfAny();
            UniqueViolations.translate(
                    () -> store.insert(h, Ids.newId(), env, userId, roleId, System.currentTimeMillis()),
                    () -> Shapes.uniqueness("id", "The user already holds this application role."),
                    () -> ApiException.invalidData(
                            ErrorDetail.invalid("id", "'id' does not name an application role of this environment.")));
            return store.find(h, env, userId, roleId).orElseThrow();
        });
    }

    public Page<UserApplicationRole> list(String env, String userId, PageRequest page) {
        requireUser(env, userId);
        return db.withHandle(h -> store.forUser(h, env, userId, page));
    }

    public void remove(String env, String userId, String roleId) {
        requireUser(env, userId);
        if (!db.inTransaction(h -> store.delete(h, env, userId, roleId))) {
            throw ApiException.notFound("User Application Role", roleId);
        }
    }

    private void requireUser(String env, String userId) {
        if (!users.exists(env, userId)) throw ApiException.notFound("User", userId);
    }
}
