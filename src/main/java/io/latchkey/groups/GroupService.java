package io.latchkey.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.ScimFilter;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.populations.PopulationService;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Groups: a name (case-insensitive) unique among the environment groups and within a population, a population group
 * never sharing its name with an environment group; an immutable population; an optional {@code userFilter}
 * (a SCIM filter, checked and kept); free {@code customData}. Deleting a group removes its memberships and
 * nestings.
 */
public final class GroupService {
    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().length(1, 256))
            .string("description", f -> f.maxLength(1024))
            .ref("population", Shape.optional())
            .string("userFilter", f -> f.length(1, ScimFilter.MAX_LENGTH))
            .string("externalId", f -> f.length(1, 1024))
            .any("customData");

    /** Free data, but not unbounded: the size PingOne allows a user's whole profile. */
    static final int MAX_CUSTOM_DATA = 16 * 1024;

    private static final FilterSql FILTER = new FilterSql(Map.of(
            "id", FilterSql.Column.exact("id", Set.of("eq")),
            "name", FilterSql.Column.text("name_lower", Set.of("eq", "sw")),
            "population.id", FilterSql.Column.exact("population_id", Set.of("eq")),
            "externalId", FilterSql.Column.exact("external_id", Set.of("eq"))));

    private final Database db;
    private final PopulationService populations;
    private final GroupStore store = new GroupStore();
    private final NestingStore nestings = new NestingStore();

    public GroupService(Database db, PopulationService populations) {
        this.db = db;
        this.populations = populations;
    }

    /** A group with its number of direct members and, when asked for, of all its members. */
    public record Counted(Group group, long directUsers, Long totalUsers) {}

    public Counted get(String env, String id, boolean withTotal) {
        return db.withHandle(h -> {
            Group g = store.find(h, env, id).orElseThrow(() -> notFound(id));
            return counted(h, g, withTotal);
        });
    }

    public Page<Counted> list(String env, String filter, PageRequest page) {
        FilterSql.Where where = filter == null ? null : FILTER.translate(filter);
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            Page<Group> p = store.list(h, env, where, page);
            Map<String, Long> counts =
                    store.directCounts(h, p.items().stream().map(Group::id).toList());
            return new Page<>(
                    p.items().stream()
                            .map(g -> new Counted(g, counts.getOrDefault(g.id(), 0L), null))
                            .toList(),
                    p.count(),
                    p.hasMore());
        });
    }

    public Counted create(String env, JsonNode body) {
        return db.inTransaction(h -> {
            GroupWriteLock.lock(h, db, env);
            Group g = validate(h, env, Ids.newId(), body, null);
            store.insert(h, g);
            nestings.addSelf(h, env, g.id());
            return new Counted(g, 0, null);
        });
    }

    /** PUT: replaces the attributes; the population cannot change (an omitted one keeps the current). */
    public Counted replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            GroupWriteLock.lock(h, db, env);
            Group current = store.find(h, env, id).orElseThrow(() -> notFound(id));
            Group next = validate(h, env, id, body, current);
            store.update(h, next);
            return counted(h, next, false);
        });
    }

    public void delete(String env, String id) {
        db.useTransaction(h -> {
            GroupWriteLock.lock(h, db, env);
            if (!store.delete(h, env, id)) throw notFound(id);
            // Its administrator roles go with it: no member holds them from the next call on.
            RoleAssignmentService.removeHeldBy(h, env, id);
            // Paths that went through the group are gone with it.
            nestings.rebuild(h, env);
        });
    }

    /** The group {@code id} of {@code env}, read in the caller's transaction. */
    java.util.Optional<Group> find(Handle h, String env, String id) {
        return store.find(h, env, id);
    }

    private Counted counted(Handle h, Group g, boolean withTotal) {
        long direct = store.directCounts(h, List.of(g.id())).getOrDefault(g.id(), 0L);
        return new Counted(g, direct, withTotal ? store.totalCount(h, g.id()) : null);
    }

    private Group validate(Handle h, String env, String id, JsonNode body, Group current) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        JsonNode customData = doc.get("customData");
        if (customData != null && !customData.isObject())
            v.add(ErrorDetail.invalid("customData", "'customData' must be a JSON object."));
        else if (customData != null && Json.write(customData).length() > MAX_CUSTOM_DATA) {
            v.add(new ErrorDetail(
                    "SIZE_LIMIT_EXCEEDED",
                    "customData",
                    "'customData' must be at most " + MAX_CUSTOM_DATA + " characters long as JSON.",
                    Map.of("rangeMaximumValue", MAX_CUSTOM_DATA)));
        }
        if (doc.has("userFilter")) {
            try {
                ScimFilter.parse(doc.get("userFilter").asText());
            } catch (ApiException e) {
                v.add(ErrorDetail.invalid(
                        "userFilter",
                        "'userFilter' is not a SCIM filter: "
                                + e.details().getFirst().message()));
            }
        }
        String populationId = doc.path("population").path("id").asText(null);
        if (current != null) {
            if (populationId != null && !populationId.equals(current.populationId())) {
                v.add(ErrorDetail.invalid(
                        "population.id", "A group's population cannot be changed; create a new group instead."));
            }
            populationId = current.populationId();
        } else if (populationId != null && !populations.exists(h, env, populationId)) {
            v.add(ErrorDetail.invalid(
                    "population.id", "No population with ID '" + populationId + "' exists in the environment."));
        }
        if (doc.has("name")) {
            String name = doc.get("name").asText();
            store.nameClash(h, env, populationId, name, id).ifPresent(other -> v.add(nameTaken(name, other)));
        }
        v.throwIfAny();
        String name = doc.remove("name").asText();
        doc.remove("population");
        JsonNode externalId = doc.remove("externalId");
        long now = System.currentTimeMillis();
        return new Group(
                id,
                env,
                populationId,
                name,
                externalId == null ? null : externalId.asText(),
                doc,
                current == null ? now : current.createdAt(),
                now);
    }

    private static ErrorDetail nameTaken(String name, Group other) {
        String where = other.populationId() == null ? "an environment group" : "a group of the same population";
        return ErrorDetail.unique(
                "name",
                "The name '" + name + "' is already used by " + where
                        + " (a population group cannot share a name with an environment group).");
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("Group", id);
    }
}
