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
 * Permissions of application resources: {@code action} is required and unique within its application resource;
 * the key {@code "<applicationResourceName>:<action>"} is derived when read. Deleting a permission takes it out of
 * every role in the same statement (cascade).
 */
public final class ApplicationPermissionService {
    private final Database db;
    private final ApplicationPermissionStore store = new ApplicationPermissionStore();
    private final ApplicationResourceStore applicationResources = new ApplicationResourceStore();

    public ApplicationPermissionService(Database db) {
        this.db = db;
    }

    public ApplicationPermission create(String env, String applicationResourceId, JsonNode body) {
        return db.inTransaction(h -> {
            ApplicationResource parent = parent(h, env, applicationResourceId);
            ApplicationPermission p = validate(h, parent, body, null);
            UniqueViolations.translate(
                    () -> store.insert(h, p), () -> duplicate(p.action()), () -> notFoundParent(applicationResourceId));
            return p;
        });
    }

    /** PUT: replaces {@code action} and {@code description} (an omitted description is cleared). */
    public ApplicationPermission replace(String env, String applicationResourceId, String id, JsonNode body) {
        return db.inTransaction(h -> {
            ApplicationResource parent = parent(h, env, applicationResourceId);
            ApplicationPermission current = find(h, env, applicationResourceId, id);
            ApplicationPermission next = validate(h, parent, body, current);
            UniqueViolations.translate(() -> store.update(h, next), () -> duplicate(next.action()));
            return next;
        });
    }

    public ApplicationPermission get(String env, String applicationResourceId, String id) {
        return db.withHandle(h -> {
            parent(h, env, applicationResourceId);
            return find(h, env, applicationResourceId, id);
        });
    }

    public Page<ApplicationPermission> list(String env, String applicationResourceId, PageRequest page) {
        return db.withHandle(h -> {
            parent(h, env, applicationResourceId);
            return store.listUnder(h, env, applicationResourceId, page);
        });
    }

    /** Every permission under the resource {@code resourceId} (an empty list for built-in resources). */
    public Page<ApplicationPermission> listForResource(String env, String resourceId, PageRequest page) {
        return db.withHandle(h -> {
            if (applicationResources.parent(h, env, resourceId).isEmpty())
                throw ApiException.notFound("Resource", resourceId);
            return store.listForResource(h, env, resourceId, page);
        });
    }

    public void delete(String env, String applicationResourceId, String id) {
        db.useTransaction(h -> {
            parent(h, env, applicationResourceId);
            if (!store.delete(h, env, applicationResourceId, id)) throw notFound(id);
        });
    }

    private ApplicationPermission validate(
            Handle h, ApplicationResource parent, JsonNode body, ApplicationPermission current) {
        Validation v = new Validation();
        ObjectNode doc = Shapes.PERMISSION.read(body, v);
        String action = Shapes.validText(doc, v, "action");
        if (action != null && store.actionTaken(h, parent.id(), action, current == null ? null : current.id())) {
            v.add(ErrorDetail.unique("action", message(action)));
        }
        v.throwIfAny();
        action = doc.get("action").asText();
        String description =
                doc.hasNonNull("description") ? doc.get("description").asText() : null;
        long now = System.currentTimeMillis();
        return new ApplicationPermission(
                current == null ? Ids.newId() : current.id(),
                parent.environmentId(),
                parent.id(),
                parent.name(),
                parent.resourceId(),
                action,
                description,
                current == null ? now : current.createdAt(),
                now);
    }

    private ApplicationResource parent(Handle h, String env, String applicationResourceId) {
        return applicationResources
                .find(h, env, applicationResourceId)
                .orElseThrow(() -> notFoundParent(applicationResourceId));
    }

    private ApplicationPermission find(Handle h, String env, String applicationResourceId, String id) {
        return store.find(h, env, id)
                .filter(p -> p.applicationResourceId().equals(applicationResourceId))
                .orElseThrow(() -> notFound(id));
    }

    private static ApiException notFoundParent(String id) {
        return ApiException.notFound("Application Resource", id);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Application Permission", id);
    }

    private static ApiException duplicate(String action) {
        return Shapes.uniqueness("action", message(action));
    }

    private static String message(String action) {
        return "A permission with action '" + action + "' already exists on this application resource.";
    }
}
