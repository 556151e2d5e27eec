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
 * Application resources: the protected features of an application, each the child of one CUSTOM resource.
 * <ul>
 * <li>{@code name} is required and unique among the application resources of the same resource.</li>
 * <li>Only CUSTOM resources hold them: POST or PUT under {@code openid} or {@code PingOne API} is
 *     400 INVALID_DATA / CONSTRAINT_VIOLATION (target {@code resource}); their lists are simply empty.</li>
 * <li>Deleting one removes its permissions from every role in the same statement (cascade).</li>
 * </ul>
 */
public final class ApplicationResourceService {
    private final Database db;
    private final ApplicationResourceStore store = new ApplicationResourceStore();

    public ApplicationResourceService(Database db) {
        this.db = db;
    }

    public ApplicationResource create(String env, String resourceId, JsonNode body) {
        return db.inTransaction(h -> {
            ApplicationResource a = validate(h, env, resourceId, body, null);
            UniqueViolations.translate(() -> store.insert(h, a), () -> duplicate(a.name()));
            return a;
        });
    }

    /** PUT: replaces {@code name} and {@code description} (an omitted description is cleared). */
    public ApplicationResource replace(String env, String resourceId, String id, JsonNode body) {
        return db.inTransaction(h -> {
            ApplicationResource current = store.find(h, env, resourceId, id).orElseThrow(() -> notFound(id));
            ApplicationResource next = validate(h, env, resourceId, body, current);
            UniqueViolations.translate(() -> store.update(h, next), () -> duplicate(next.name()));
            return next;
        });
    }

    public ApplicationResource get(String env, String resourceId, String id) {
        return db.withHandle(h -> {
            parent(h, env, resourceId);
            return store.find(h, env, resourceId, id).orElseThrow(() -> notFound(id));
        });
    }

    /** The environment-wide, read-only view ({@code /applicationResources/{id}}). */
    public ApplicationResource get(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id)).orElseThrow(() -> notFound(id));
    }

    public Page<ApplicationResource> list(String env, String resourceId, PageRequest page) {
        return db.withHandle(h -> {
            parent(h, env, resourceId);
            return store.listUnder(h, env, resourceId, page);
        });
    }

    public Page<ApplicationResource> list(String env, PageRequest page) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env, page);
        });
    }

    public void delete(String env, String resourceId, String id) {
        db.useTransaction(h -> {
            parent(h, env, resourceId);
            if (!store.delete(h, env, resourceId, id)) throw notFound(id);
        });
    }

    private ApplicationResource validate(
            Handle h, String env, String resourceId, JsonNode body, ApplicationResource current) {
        ApplicationResourceStore.Parent parent = parent(h, env, resourceId);
        Validation v = new Validation();
        ObjectNode doc = Shapes.APPLICATION_RESOURCE.read(body, v);
        if (!parent.custom()) {
            v.add(new ErrorDetail(
                    "CONSTRAINT_VIOLATION",
                    "resource",
                    "Application resources can only be added to CUSTOM resources; '" + parent.name() + "' is "
                            + parent.type() + "."));
        }
        String name = Shapes.validText(doc, v, "name");
        if (name != null && store.nameTaken(h, resourceId, name, current == null ? null : current.id())) {
            v.add(ErrorDetail.unique("name", message(name)));
        }
        v.throwIfAny();
        name = doc.get("name").asText();
        long now = System.currentTimeMillis();
        String description =
                doc.hasNonNull("description") ? doc.get("description").asText() : null;
        return current == null
                ? new ApplicationResource(Ids.newId(), env, resourceId, name, description, now, now)
                : new ApplicationResource(current.id(), env, resourceId, name, description, current.createdAt(), now);
    }

    private ApplicationResourceStore.Parent parent(Handle h, String env, String resourceId) {
        return store.parent(h, env, resourceId).orElseThrow(() -> ApiException.notFound("Resource", resourceId));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Application Resource", id);
    }

    private static ApiException duplicate(String name) {
        return Shapes.uniqueness("name", message(name));
    }

    private static String message(String name) {
        return "An application resource named '" + name + "' already exists on this resource.";
    }
}
