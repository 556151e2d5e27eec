package io.latchkey.populations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.passwords.PasswordPolicyLookup;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Populations: unique names (case-insensitive), exactly one default (where users without a population go), an
 * optional password policy. A population that still has users cannot be deleted.
 */
public final class PopulationService {
    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            .bool("default", Shape.optional())
            .ref("passwordPolicy", Shape.optional())
            .ref("theme", Shape.optional())
            .string("preferredLanguage", f -> f.maxLength(256))
            .stringArray(
                    "alternativeIdentifiers",
                    f -> f.maxLength(256).items(0, 100).unique());

    private static final FilterSql FILTER = new FilterSql(Map.of(
            "name", FilterSql.Column.text("name_lower", Set.of("eq", "sw")),
            "id", FilterSql.Column.exact("id", Set.of("eq"))));

    private final Database db;
    private final PopulationStore store = new PopulationStore();
    private final PasswordPolicyLookup policies = new PasswordPolicyLookup();

    public PopulationService(Database db) {
        this.db = db;
    }

    /**
     * Locks population {@code id} of {@code env} in the caller's transaction, so that writing a user into it is
     * serialised with its deletion; false if it is gone.
     */
    public boolean lockForUserWrite(Handle h, String env, String id) {
        return store.lockOne(h, env, id);
    }

    /** Whether population {@code id} exists in {@code env}, read in the caller's transaction. */
    public boolean exists(Handle h, String env, String id) {
        return store.find(h, env, id).isPresent();
    }

    /** A population with its number of users. */
    public record Counted(Population population, long userCount) {}

    public Counted get(String env, String id) {
        return db.withHandle(h -> {
            Population p = store.find(h, env, id).orElseThrow(() -> notFound(id));
            return new Counted(p, store.userCount(h, env, id));
        });
    }

    public Page<Counted> list(String env, String filter, PageRequest page) {
        FilterSql.Where where = filter == null ? null : FILTER.translate(filter);
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            Page<Population> p = store.list(h, env, where, page);
            Map<String, Long> counts = store.userCounts(
                    h, env, p.items().stream().map(Population::id).toList());
            return new Page<>(
                    p.items().stream()
                            .map(x -> new Counted(x, counts.getOrDefault(x.id(), 0L)))
                            .toList(),
                    p.count(),
                    p.hasMore());
        });
    }

    public Counted create(String env, JsonNode body) {
        return db.inTransaction(h -> {
            Database.requireEnvironment(h, env);
            store.lockAll(h, env);
            Population p = validate(h, env, Ids.newId(), body, null);
            store.insert(h, p);
            if (p.isDefault()) store.clearDefaultExcept(h, env, p.id());
            return new Counted(p, 0);
        });
    }

    /**
     * PUT: replaces the attributes. {@code default: true} moves the default here; {@code default: false} on the
     * default population is refused (there must be one); an omitted {@code default} keeps the current value.
     */
    public Counted replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            store.lockAll(h, env);
            Population current = store.find(h, env, id).orElseThrow(() -> notFound(id));
            Population next = validate(h, env, id, body, current);
            store.update(h, next);
            if (next.isDefault()) store.clearDefaultExcept(h, env, id);
            return new Counted(next, store.userCount(h, env, id));
        });
    }

    /**
     * Deletes a population without users that is not the default. The population rows are locked first and
     * user writes lock the row of their population, so no user can be added while this runs.
     */
    public void delete(String env, String id) {
        db.useTransaction(h -> {
            store.lockAll(h, env);
            Population p = store.find(h, env, id).orElseThrow(() -> notFound(id));
            Validation v = new Validation();
            long users = store.userCount(h, env, id);
            if (users > 0) {
                v.add(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The population still has " + users + " user(s); move or delete them first."));
            }
            if (p.isDefault()) {
                v.add(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The default population cannot be deleted; make another population the default first."));
            }
            v.throwIfAny();
            // Roles held over this population go with it.
            io.latchkey.access.RoleAssignmentService.removeScopedTo(h, "POPULATION", id);
            // Its groups go with it (a foreign key cascade), and so do the roles they hold.
            io.latchkey.access.RoleAssignmentService.removeHeldByGroupsOf(h, id);
            store.delete(h, env, id);
        });
    }

    /** The environment's default population (every environment has one). */
    public Population defaultPopulation(Handle h, String env) {
        return store.findDefault(h, env).orElseThrow(() -> ApiException.notFound("Environment", env));
    }

    private Population validate(Handle h, String env, String id, JsonNode body, Population current) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        if (doc.has("name")) {
            String name = doc.get("name").asText();
            store.idByName(h, env, name)
                    .filter(other -> !other.equals(id))
                    .ifPresent(other ->
                            v.add(ErrorDetail.unique("name", "A population named '" + name + "' already exists.")));
        }
        String policyId = doc.path("passwordPolicy").path("id").asText(null);
        if (policyId != null && policies.find(h, env, policyId).isEmpty()) {
            v.add(ErrorDetail.invalid(
                    "passwordPolicy.id", "No password policy with ID '" + policyId + "' exists in the environment."));
        }
        boolean isDefault =
                doc.has("default") ? doc.get("default").asBoolean() : current != null && current.isDefault();
        if (current != null && current.isDefault() && !isDefault) {
            v.add(ErrorDetail.invalid(
                    "default",
                    "The environment must keep a default population: make another population the default instead."));
        }
        v.throwIfAny();
        String name = doc.remove("name").asText();
        doc.remove("default");
        doc.remove("passwordPolicy");
        long now = System.currentTimeMillis();
        return new Population(
                id, env, name, isDefault, policyId, doc, current == null ? now : current.createdAt(), now);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Population", id);
    }
}
