package io.latchkey.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Role assignments of WORKER applications ({@code /applications/{id}/roleAssignments}) and the rule that
 * keeps administrators from handing out more than they hold: a caller may assign, remove, or read the
 * secret of an application holding, a role over a scope only when the roles the caller holds over that
 * scope (or over a scope containing it) give every permission of that role.
 */
public final class RoleAssignmentService implements SubjectRoleAssignments {
    private static final Shape SHAPE = Shape.of()
            .ref("role", f -> f.required())
            .object(
                    "scope",
                    Shape.of()
                            .string("id", f -> f.required().maxLength(256))
                            .string(
                                    "type",
                                    f -> f.required()
                                            .oneOf("ORGANIZATION", "ENVIRONMENT", "POPULATION", "APPLICATION")),
                    f -> f.required());

    private static final RoleAssignmentStore STORE = new RoleAssignmentStore();

    private final Database db;
    private final Supplier<String> organizationId;
    private final RoleAssignmentStore store = STORE;
    private final RoleStore roles = new RoleStore();

    /** {@code organizationId} is asked for only when needed: during start-up it waits for the database. */
    public RoleAssignmentService(Database db, Supplier<String> organizationId) {
        this.db = db;
        this.organizationId = organizationId;
    }

    /** The built-in roles {@code subjectId} of {@code env} holds, each over its scope; what a management call may do. */
    public List<Caller.Grant> rolesHeldBy(String env, String subjectId) {
        List<Caller.Grant> out = new ArrayList<>();
        for (RoleAssignmentStore.Row r : db.withHandle(h -> store.forSubject(h, env, subjectId))) {
            BuiltInRole.byId(r.roleId()).ifPresent(role -> out.add(new Caller.Grant(role, r.scopeType(), r.scopeId())));
        }
        return out;
    }

    /**
     * The roles user {@code userId} of {@code env} holds: their own and those of every group they are in, directly or
     * through nesting, read at every call so that leaving a group, un-nesting or deleting it counts at once.
     */
    public List<Caller.Grant> rolesOfUser(String env, String userId) {
        List<Caller.Grant> out = new ArrayList<>();
        for (RoleAssignmentStore.Row r : db.withHandle(h -> store.forUser(h, env, userId))) {
            BuiltInRole.byId(r.roleId()).ifPresent(role -> out.add(new Caller.Grant(role, r.scopeType(), r.scopeId())));
        }
        return out;
    }

    /**
     * Gives application {@code appId} of {@code env} each of {@code roles}, in the caller's transaction: a new WORKER
     * takes over the roles of the caller creating it, and the bootstrap administrator gets its roles.
     */
    public static void assign(Handle h, String env, String appId, Collection<Caller.Grant> roles) {
        long now = System.currentTimeMillis();
        roles.stream()
                .distinct()
                .forEach(g -> STORE.insert(
                        h,
                        new RoleAssignmentStore.Row(
                                Ids.newId(),
                                env,
                                "APPLICATION",
                                appId,
                                g.role().id(),
                                g.scopeType(),
                                g.scopeId(),
                                now)));
    }

    /** Removes, in the caller's transaction, every assignment a deleted user, group or application of {@code env} held. */
    public static void removeHeldBy(Handle h, String env, String subjectId) {
        STORE.deleteForSubject(h, env, subjectId);
    }

    /** Removes, in the caller's transaction, every assignment held by a group of a population about to be deleted. */
    public static void removeHeldByGroupsOf(Handle h, String populationId) {
        STORE.deleteHeldByGroupsOfPopulation(h, populationId);
    }

    /**
     * Removes, in the caller's transaction, every assignment scoped to a deleted environment, population or
     * application, whichever environment its subject lives in.
     */
    public static void removeScopedTo(Handle h, String scopeType, String scopeId) {
        STORE.deleteByScope(h, scopeType, scopeId);
    }

    public List<RoleStore.Role> roles() {
        return db.withHandle(roles::list);
    }

    public RoleStore.Role role(String id) {
        return (Ids.isUuid(id) ? db.withHandle(h -> roles.find(h, id)) : Optional.<RoleStore.Role>empty())
                .orElseThrow(() -> ApiException.notFound("Role", id));
    }

    /** The assignments of an application of {@code env} (none for types other than WORKER). */
    @Override
    public List<RoleAssignmentStore.Row> list(String env, String appId) {
        return db.withHandle(h -> {
            requireApplication(h, env, appId);
            return store.forSubject(h, env, appId);
        });
    }

    @Override
    public RoleAssignmentStore.Row get(String env, String appId, String id) {
        return db.withHandle(h -> {
            requireApplication(h, env, appId);
            return (Ids.isUuid(id) ? store.find(h, env, appId, id) : Optional.<RoleAssignmentStore.Row>empty())
                    .orElseThrow(() -> ApiException.notFound("Role Assignment", id));
        });
    }

    @Override
    public RoleAssignmentStore.Row create(String env, String appId, JsonNode body, Caller actor) {
        return db.inTransaction(h -> {
            String type = requireApplication(h, env, appId);
            Validation v = new Validation();
            ObjectNode in = SHAPE.read(body, v);
            v.throwIfAny();
            if (!type.equals("WORKER")) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        "application",
                        "Only WORKER applications can be assigned roles; this application is a " + type + "."));
            }
            return assign(h, env, "APPLICATION", appId, in, actor);
        });
    }

    /** Removes an assignment; the application's next management call no longer has it. */
    @Override
    public void delete(String env, String appId, String id, Caller actor) {
        db.useTransaction(h -> {
            requireApplication(h, env, appId);
            unassign(h, env, appId, id, actor);
        });
    }

    /** The request body of a role assignment, read by PingOne's shape; every problem reported at once. */
    static ObjectNode read(JsonNode body) {
        Validation v = new Validation();
        ObjectNode in = SHAPE.read(body, v);
        v.throwIfAny();
        return in;
    }

    /**
     * Gives subject {@code subjectId} (an application, user or group of {@code env}, already checked) the role over the
     * scope that {@code in} names, in the caller's transaction: the role must exist and suit the scope's type, the
     * scope must exist, {@code actor} must cover the role over that scope, and the subject must not hold it already.
     */
    RoleAssignmentStore.Row assign(
            Handle h, String env, String subjectType, String subjectId, ObjectNode in, Caller actor) {
        String roleId = in.get("role").get("id").asText();
        String scopeType = in.get("scope").get("type").asText();
        String scopeId = in.get("scope").get("id").asText();
        RoleStore.Role role = (Ids.isUuid(roleId) ? roles.find(h, roleId) : Optional.<RoleStore.Role>empty())
                .orElseThrow(() -> ApiException.invalidData(
                        ErrorDetail.invalid("role.id", "There is no role with id '" + roleId + "'.")));
        if (!role.applicableTo().contains(scopeType)) {
            throw ApiException.invalidData(new ErrorDetail(
                    "INVALID_VALUE",
                    "scope",
                    "Incompatible role and scope combination. Role: " + roleId + " / Scope: " + scopeType,
                    Map.of("allowedValues", role.applicableTo())));
        }
        if (!scopeExists(h, scopeType, scopeId)) {
            throw ApiException.invalidData(ErrorDetail.invalid(
                    "scope.id",
                    "There is no " + scopeType.toLowerCase() + " with id '" + scopeId + "'"
                            + (scopeType.equals("ORGANIZATION")
                                    ? " (the organization is " + organizationId.get() + ")."
                                    : ".")));
        }
        BuiltInRole builtIn = role.builtIn()
                .orElseThrow(() -> ApiException.invalidData(
                        ErrorDetail.invalid("role.id", "The role '" + roleId + "' cannot be assigned.")));
        if (!covers(h, actor, builtIn, scopeType, scopeId)) throw cannotGrant();
        if (store.holds(h, subjectId, roleId, scopeType, scopeId)) throw alreadyHeld(subjectType);
        RoleAssignmentStore.Row row = new RoleAssignmentStore.Row(
                Ids.newId(), env, subjectType, subjectId, roleId, scopeType, scopeId, System.currentTimeMillis());
        UniqueViolations.translate(() -> store.insert(h, row), () -> alreadyHeld(subjectType));
        return row;
    }

    /** Removes assignment {@code id} of subject {@code subjectId}, which {@code actor} must cover; 404 when none. */
    void unassign(Handle h, String env, String subjectId, String id, Caller actor) {
        RoleAssignmentStore.Row row = (Ids.isUuid(id)
                        ? store.find(h, env, subjectId, id)
                        : Optional.<RoleAssignmentStore.Row>empty())
                .orElseThrow(() -> ApiException.notFound("Role Assignment", id));
        BuiltInRole role = BuiltInRole.byId(row.roleId()).orElse(null);
        if (role == null || !covers(h, actor, role, row.scopeType(), row.scopeId())) throw cannotGrant();
        store.delete(h, env, subjectId, id);
    }

    /** Whether {@code actor} may remove {@code row} (PingOne's {@code readOnly} is the opposite). */
    public boolean canManage(Caller actor, RoleAssignmentStore.Row row) {
        Optional<BuiltInRole> role = BuiltInRole.byId(row.roleId());
        return role.isPresent() && db.withHandle(h -> covers(h, actor, role.get(), row.scopeType(), row.scopeId()));
    }

    /**
     * Refuses (403) unless {@code actor} covers every role assignment of the application: PingOne lets only
     * such an actor read or rotate its secret, since the secret is worth all of its roles.
     */
    public void requireCoversAssignmentsOf(Caller actor, String env, String appId) {
        db.useTransaction(h -> {
            for (RoleAssignmentStore.Row r : store.forSubject(h, env, appId)) {
                Optional<BuiltInRole> role = BuiltInRole.byId(r.roleId());
                if (role.isEmpty() || !covers(h, actor, role.get(), r.scopeType(), r.scopeId())) {
                    throw new ApiException(
                            403,
                            "ACCESS_FAILED",
                            "The request could not be completed. You do not have access to this resource.",
                            List.of(new ErrorDetail(
                                    "INSUFFICIENT_PERMISSIONS",
                                    null,
                                    "The application holds roles you do not hold; only an administrator holding all of them "
                                            + "can read or change its secret.")));
                }
            }
        });
    }

    /**
     * Whether the roles {@code actor} holds over the target scope, or over one containing it (the organization
     * contains everything, an environment contains its populations and applications), give every permission
     * of {@code role}.
     */
    boolean covers(Handle h, Caller actor, BuiltInRole role, String scopeType, String scopeId) {
        if (actor == null) return false;
        String containingEnvironment = switch (scopeType) {
            case "ENVIRONMENT" -> scopeId;
            case "POPULATION" -> environmentOf(h, "populations", scopeId);
            case "APPLICATION" -> environmentOf(h, "applications", scopeId);
            default -> null;
        };
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        for (Caller.Grant g : actor.grants()) {
            boolean applies = g.scopeType().equals("ORGANIZATION")
                    || g.scopeType().equals(scopeType) && g.scopeId().equals(scopeId)
                    || g.scopeType().equals("ENVIRONMENT") && g.scopeId().equals(containingEnvironment);
            if (applies) held.addAll(g.role().permissions());
        }
        return held.containsAll(role.permissions());
    }

    private boolean scopeExists(Handle h, String scopeType, String scopeId) {
        if (!Ids.isUuid(scopeId)) return false;
        return switch (scopeType) {
            case "ORGANIZATION" -> organizationId.get().equals(scopeId);
            case "ENVIRONMENT" -> count(h, "select count(*) from environments where id = :id", scopeId) > 0;
            case "POPULATION" -> count(h, "select count(*) from populations where id = :id", scopeId) > 0;
            case "APPLICATION" -> count(h, "select count(*) from applications where id = :id", scopeId) > 0;
            default -> false;
        };
    }

    private static String environmentOf(Handle h, String table, String id) {
        if (!Ids.isUuid(id)) return null;
        return h.createQuery("select environment_id from " + table + " where id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findFirst()
                .orElse(null);
    }

    private static long count(Handle h, String sql, String id) {
        return h.createQuery(sql).bind("id", id).mapTo(Long.class).one();
    }

    /** The application's type; 404 when it is not an application of {@code env}. */
    private static String requireApplication(Handle h, String env, String appId) {
        if (!Ids.isUuid(env) || !Ids.isUuid(appId)) throw ApiException.notFound("Application", appId);
        return h.createQuery("select type from applications where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", appId)
                .mapTo(String.class)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Application", appId));
    }

    private static ApiException cannotGrant() {
        return new ApiException(
                403,
                "ACCESS_FAILED",
                "The request could not be completed. You do not have access to this resource.",
                List.of(new ErrorDetail(
                        "INSUFFICIENT_PERMISSIONS",
                        null,
                        "You can assign or remove only roles whose permissions you hold over the same scope.")));
    }

    private static ApiException alreadyHeld(String subjectType) {
        return ApiException.invalidData(ErrorDetail.unique(
                "role.id",
                "The " + subjectType.toLowerCase(java.util.Locale.ROOT) + " already holds this role over this scope."));
    }
}
