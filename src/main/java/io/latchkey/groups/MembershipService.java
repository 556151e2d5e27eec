package io.latchkey.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Shape;
import io.latchkey.storage.Database;
import io.latchkey.storage.UniqueViolations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Users' memberships ({@code /users/{id}/memberOfGroups}) and groups' nestings ({@code /groups/{id}/memberOfGroups}:
 * the path group becomes a member of the body group). Rules: a population group takes only users (and nested groups)
 * of its population; an environment group takes any; a nesting that would close a cycle is refused; only DIRECT
 * memberships can be removed. Users of a nested group are INDIRECT members of every group above it.
 */
public final class MembershipService {
    private static final Shape BODY = Shape.of().string("id", f -> f.required().maxLength(36));

    private static final FilterSql FILTER = new FilterSql(Map.of(
            "id",
            FilterSql.Column.exact("g.id", Set.of("eq")),
            "name",
            FilterSql.Column.text("g.name_lower", Set.of("eq", "sw")),
            "type",
            FilterSql.Column.exact("(case when x.direct = 1 then 'DIRECT' else 'INDIRECT' end)", Set.of("eq"))));

    private final Database db;
    private final GroupService groups;
    private final MembershipStore store = new MembershipStore();
    private final NestingStore nestings = new NestingStore();

    public MembershipService(Database db, GroupService groups) {
        this.db = db;
        this.groups = groups;
    }

    // ---------------------------------------------------------------- users in groups

    public Membership addUser(String env, String userId, JsonNode body) {
        String groupId = BODY.read(body).get("id").asText();
        return UniqueViolations.translateResult(
                () -> db.inTransaction(h -> {
                    String population = store.lockUser(h, env, userId).orElseThrow(() -> userNotFound(h, env, userId));
                    Group g = groups.find(h, env, groupId).orElseThrow(() -> unknownGroup(groupId));
                    if (g.populationId() != null && !g.populationId().equals(population)) {
                        throw ApiException.invalidData(ErrorDetail.invalid(
                                "id",
                                "The group belongs to another population than the user's: a population group takes"
                                        + " only users of its population."));
                    }
                    if (store.find(h, env, userId, groupId)
                            .filter(Membership::direct)
                            .isPresent()) throw alreadyMember(groupId);
                    store.insert(h, env, groupId, userId);
                    return new Membership(g, true);
                }),
                () -> alreadyMember(groupId));
    }

    public Page<Membership> listOfUser(String env, String userId, String filter, PageRequest page) {
        FilterSql.Where where = filter == null ? null : FILTER.translate(filter);
        return db.withHandle(h -> {
            requireUser(h, env, userId);
            return store.list(h, env, userId, where, page);
        });
    }

    public Membership getOfUser(String env, String userId, String groupId) {
        return db.withHandle(h -> {
            requireUser(h, env, userId);
            return store.find(h, env, userId, groupId).orElseThrow(() -> notAMember(groupId));
        });
    }

    public void removeUser(String env, String userId, String groupId) {
        db.useTransaction(h -> {
            requireUser(h, env, userId);
            Membership m = store.find(h, env, userId, groupId).orElseThrow(() -> notAMember(groupId));
            if (!m.direct()) {
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "id",
                        "The user is an INDIRECT member of the group (through a nested group); only DIRECT"
                                + " memberships can be removed."));
            }
            store.delete(h, groupId, userId);
        });
    }

    // ---------------------------------------------------------------- groups in groups

    /** {@code groupId} becomes a member of the body's group. */
    public Group nest(String env, String groupId, JsonNode body) {
        String parentId = BODY.read(body).get("id").asText();
        return db.inTransaction(h -> {
            GroupWriteLock.lock(h, db, env);
            Group g = groups.find(h, env, groupId).orElseThrow(() -> GroupService.notFound(groupId));
            Group parent = groups.find(h, env, parentId).orElseThrow(() -> unknownGroup(parentId));
            if (parent.populationId() != null && !parent.populationId().equals(g.populationId())) {
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "id",
                        "A population group can only hold groups of its own population (its members would join"
                                + " another population's group)."));
            }
            if (nestings.isWithin(h, parentId, groupId)) {
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "id",
                        groupId.equals(parentId)
                                ? "A group cannot be a member of itself."
                                : "The group already contains that group (directly or through nested groups): the"
                                        + " nesting would make a cycle."));
            }
            if (nestings.exists(h, groupId, parentId)) {
                throw ApiException.invalidData(
                        ErrorDetail.unique("id", "The group is already a member of group '" + parentId + "'."));
            }
            nestings.insert(h, env, groupId, parentId);
            nestings.rebuild(h, env);
            return parent;
        });
    }

    /** The groups {@code groupId} is directly a member of. */
    public List<Group> parentsOf(String env, String groupId) {
        return db.withHandle(h -> {
            groups.find(h, env, groupId).orElseThrow(() -> GroupService.notFound(groupId));
            return nestings.parents(h, groupId).stream()
                    .map(id -> groups.find(h, env, id).orElseThrow())
                    .toList();
        });
    }

    public Group getNesting(String env, String groupId, String parentId) {
        return db.withHandle(h -> {
            groups.find(h, env, groupId).orElseThrow(() -> GroupService.notFound(groupId));
            if (!nestings.exists(h, groupId, parentId)) throw notNested(parentId);
            return groups.find(h, env, parentId).orElseThrow(() -> notNested(parentId));
        });
    }

    public void unnest(String env, String groupId, String parentId) {
        db.useTransaction(h -> {
            GroupWriteLock.lock(h, db, env);
            groups.find(h, env, groupId).orElseThrow(() -> GroupService.notFound(groupId));
            if (!nestings.delete(h, groupId, parentId)) throw notNested(parentId);
            nestings.rebuild(h, env);
        });
    }

    // ---------------------------------------------------------------- helpers

    private void requireUser(Handle h, String env, String userId) {
        if (!store.userExists(h, env, userId)) throw userNotFound(h, env, userId);
    }

    private static ApiException userNotFound(Handle h, String env, String userId) {
        Database.requireEnvironment(h, env);
        return ApiException.notFound("User", userId);
    }

    private static ApiException unknownGroup(String id) {
        return ApiException.invalidData(
                ErrorDetail.invalid("id", "No group with ID '" + id + "' exists in the environment."));
    }

    private static ApiException alreadyMember(String groupId) {
        return ApiException.invalidData(
                ErrorDetail.unique("id", "The user is already a DIRECT member of group '" + groupId + "'."));
    }

    private static ApiException notAMember(String groupId) {
        return ApiException.notFound("Group membership", groupId);
    }

    private static ApiException notNested(String parentId) {
        return ApiException.notFound("Group nesting", parentId);
    }
}
