package io.latchkey.resourcegrants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.ApplicationLookup;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Grants of an application ({@code /applications/{id}/grants}): which scopes of which resource it may ask
 * for. The resource must be one of the environment's; every scope must belong to that resource; an
 * application holds one grant per resource (a second one for the same resource is a UNIQUENESS_VIOLATION
 * on {@code resource.id}: change the first one with PUT instead).
 */
public final class GrantService {
    private static final ApplicationLookup APPLICATIONS = new ApplicationLookup();
    private static final Shape SHAPE = Shape.of()
            .ref("resource", f -> f.required())
            .objectArray(
                    "scopes",
                    Shape.of().string("id", f -> f.required().maxLength(256)),
                    f -> f.required().unique());

    private final Database db;
    private final GrantStore store = new GrantStore();

    public GrantService(Database db) {
        this.db = db;
    }

    public List<Grant> list(String env, String appId) {
        return db.withHandle(h -> {
            requireApplication(h, env, appId);
            return store.list(h, env, appId);
        });
    }

    public Grant get(String env, String appId, String id) {
        return db.withHandle(h -> {
            requireApplication(h, env, appId);
            return store.find(h, env, appId, id).orElseThrow(() -> ApiException.notFound("Grant", id));
        });
    }

    public Grant create(String env, String appId, JsonNode body) {
        return db.inTransaction(h -> {
            requireApplication(h, env, appId);
            long now = System.currentTimeMillis();
            Grant g = validate(h, env, appId, Ids.newId(), body, now, now);
            UniqueViolations.translate(() -> store.insert(h, g), () -> duplicate(g.resourceId()));
            return g;
        });
    }

    /** PUT: replaces the resource and the scopes. */
    public Grant replace(String env, String appId, String id, JsonNode body) {
        return db.inTransaction(h -> {
            requireApplication(h, env, appId);
            Grant current = store.find(h, env, appId, id).orElseThrow(() -> ApiException.notFound("Grant", id));
            Grant g = validate(h, env, appId, id, body, current.createdAt(), System.currentTimeMillis());
            UniqueViolations.translate(() -> store.update(h, g), () -> duplicate(g.resourceId()));
            return g;
        });
    }

    public void delete(String env, String appId, String id) {
        boolean deleted = db.inTransaction(h -> {
            requireApplication(h, env, appId);
            return store.delete(h, env, appId, id);
        });
        if (!deleted) throw ApiException.notFound("Grant", id);
    }

    private Grant validate(
            Handle h, String env, String appId, String id, JsonNode body, long createdAt, long updatedAt) {
        Validation v = new Validation();
        ObjectNode in = SHAPE.read(body, v);
        if (in.has("scopes") && in.get("scopes").isEmpty()) {
            v.add(new ErrorDetail("EMPTY_VALUE", "scopes", "A grant needs at least one scope."));
        }
        v.throwIfAny();
        String resourceId = in.get("resource").get("id").asText();
        if (!resourceExists(h, env, resourceId)) {
            throw ApiException.invalidData(ErrorDetail.invalid(
                    "resource.id", "There is no resource with id '" + resourceId + "' in this environment."));
        }
        List<String> scopes = new ArrayList<>();
        in.get("scopes").forEach(s -> scopes.add(s.get("id").asText()));
        Set<String> ofResource = scopesOf(h, env, resourceId); // ids that are not UUIDs are simply not among them
        for (int i = 0; i < scopes.size(); i++) {
            if (!ofResource.contains(scopes.get(i))) {
                v.add(new ErrorDetail(
                        "INVALID_VALUE",
                        "scopes[" + i + "].id",
                        "The scope '" + scopes.get(i) + "' is not a scope of resource '" + resourceId + "'.",
                        Map.of("referencedValues", List.of(scopes.get(i)))));
            }
        }
        v.throwIfAny();
        store.idForResource(h, env, appId, resourceId)
                .filter(other -> !other.equals(id))
                .ifPresent(other -> {
                    throw duplicate(resourceId);
                });
        return new Grant(id, env, appId, resourceId, List.copyOf(scopes), createdAt, updatedAt);
    }

    private static boolean resourceExists(Handle h, String env, String id) {
        return Ids.isUuid(id)
                && h.createQuery("select count(*) from resources where environment_id = :env and id = :id")
                                .bind("env", env)
                                .bind("id", id)
                                .mapTo(Long.class)
                                .one()
                        > 0;
    }

    private static Set<String> scopesOf(Handle h, String env, String resourceId) {
        return h
                .createQuery("select id from resource_scopes where environment_id = :env and resource_id = :resource")
                .bind("env", env)
                .bind("resource", resourceId)
                .mapTo(String.class)
                .stream()
                .collect(Collectors.toSet());
    }

    private static void requireApplication(Handle h, String env, String appId) {
        APPLICATIONS.find(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
    }

    private static ApiException duplicate(String resourceId) {
        return ApiException.invalidData(ErrorDetail.unique(
                "resource.id",
                "The application already has a grant for resource '" + resourceId + "'; change that grant instead."));
    }
}
