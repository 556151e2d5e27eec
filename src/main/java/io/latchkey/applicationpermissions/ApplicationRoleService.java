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
import org.jdbi.v3.core.Handle;

/**
 * Application roles and the permissions they hold.
 * <ul>
 * <li>{@code name} is required and unique in the environment.</li>
 * <li>A permission is added by {@code {"id": <permissionId>}}: an id that names no permission of this environment is
 *     400 INVALID_VALUE on {@code id}; one the role already holds is 400 UNIQUENESS_VIOLATION on {@code id}.</li>
 * <li>Deleting a role removes its permission entries and every user's assignment of it (cascades).</li>
 * </ul>
 */
public final class ApplicationRoleService {
    private final Database db;
    private final ApplicationRoleStore store = new ApplicationRoleStore();
    private final ApplicationPermissionStore permissions = new ApplicationPermissionStore();
    private final UserApplicationRoleStore assignments = new UserApplicationRoleStore();

    public ApplicationRoleService(Database db) {
        this.db = db;
    }

    public ApplicationRole create(String env, JsonNode body) {
        return db.inTransaction(h -> {
            Database.requireEnvironment(h, env);
            ApplicationRole r = validate(h, env, body, null);
            UniqueViolations.translate(() -> store.insert(h, r), () -> duplicate(r.name()));
            return r;
        });
    }

    /** PUT: replaces {@code name} and {@code description} (an omitted description is cleared). */
    public ApplicationRole replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            ApplicationRole current = role(h, env, id);
            ApplicationRole next = validate(h, env, body, current);
            UniqueViolations.translate(() -> store.update(h, next), () -> duplicate(next.name()));
            return next;
        });
    }

    public ApplicationRole get(String env, String id) {
        return db.withHandle(h -> role(h, env, id));
    }

    public Page<ApplicationRole> list(String env, PageRequest page) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env, page);
        });
    }

    public void delete(String env, String id) {
        if (!db.inTransaction(h -> store.delete(h, env, id))) throw notFound(id);
    }

    // ---- role permissions

    public ApplicationPermission addPermission(String env, String roleId, JsonNode body) {
        return db.inTransaction(h -> {
            role(h, env, roleId);
            Validation v = new Validation();
            ObjectNode doc = Shapes.ID_REF.read(body, v);
            String permissionId = Shapes.validText(doc, v, "id");
            ApplicationPermission p = null;
            if (permissionId != null) {
                p = permissions.find(h, env, permissionId).orElse(null);
                if (p == null) {
                    v.add(ErrorDetail.invalid(
                            "id", "'id' does not name an application permission of this environment."));
                } else if (store.holds(h, env, roleId, permissionId)) {
                    v.add(ErrorDetail.unique("id", "The role already holds this permission."));
                }
            }
            v.throwIfAny();
            UniqueViolations.translate(
                    () -> store.addPermission(h, env, roleId, permissionId, System.currentTimeMillis()),
                    () -> Shapes.uniqueness("id", "The role already holds this permission."),
                    () -> ApiException.notFound("Application Role", roleId));
            return p;
        });
    }

    public Page<ApplicationPermission> permissions(String env, String roleId, PageRequest page) {
        return db.withHandle(h -> {
            role(h, env, roleId);
            return store.permissions(h, env, roleId, page);
        });
    }

    public void removePermission(String env, String roleId, String permissionId) {
        db.useTransaction(h -> {
            role(h, env, roleId);
            if (!store.removePermission(h, env, roleId, permissionId)) {
                throw ApiException.notFound("Application Role Permission", permissionId);
            }
        });
    }

    /** The reverse view: who holds the role. */
    public Page<UserApplicationRole> assignments(String env, String roleId, PageRequest page) {
        return db.withHandle(h -> {
            role(h, env, roleId);
            return assignments.forRole(h, env, roleId, page);
        });
    }

    private ApplicationRole validate(Handle h, String env, JsonNode body, ApplicationRole current) {
        Validation v = new Validation();
        ObjectNode doc = Shapes.ROLE.read(body, v);
        String name = Shapes.validText(doc, v, "name");
        if (name != null && store.nameTaken(h, env, name, current == null ? null : current.id())) {
            v.add(ErrorDetail.unique("name", message(name)));
        }
        v.throwIfAny();
        name = doc.get("name").asText();
        String description =
                doc.hasNonNull("description") ? doc.get("description").asText() : null;
        long now = System.currentTimeMillis();
        return current == null
                ? new ApplicationRole(Ids.newId(), env, name, description, now, now)
                : new ApplicationRole(current.id(), env, name, description, current.createdAt(), now);
    }

    private ApplicationRole role(Handle h, String env, String id) {
        return store.find(h, env, id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Application Role", id);
    }

    private static ApiException duplicate(String name) {
        return Shapes.uniqueness("name", message(name));
    }

    private static String message(String name) {
        return "An application role named '" + name + "' already exists.";
    }
}
