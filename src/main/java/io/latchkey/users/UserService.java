package io.latchkey.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.passwords.PasswordService;
import io.latchkey.populations.PopulationService;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Users of an environment: every rule about creating, importing, changing, locking and deleting them.
 * {@code username} is unique in the environment regardless of case. A user without a population goes to the
 * environment's default population.
 *
 * <p>{@code email} is optional. PingOne's OpenAPI description lists it as required, but PingOne itself creates
 * users without one (anonymised users, users provisioned by username only, self-registration forms without an
 * email field), and code written against it does so; refusing them would break that code while accepting them
 * breaks nothing. A present email must look like one.
 */
public final class UserService {
    private static final Shape ENABLED = Shape.of().bool("enabled", f -> f.required());
    private static final Shape MFA_ENABLED = Shape.of().bool("mfaEnabled", f -> f.required());
    private static final Shape POPULATION =
            Shape.of().string("id", f -> f.required().maxLength(36));

    private final Database db;
    private final PopulationService populations;
    private final PasswordService passwords;
    private final Predicate<String> mfaForNewUsers;
    private final CustomAttributes custom;
    private final UserStore store = new UserStore();

    public UserService(Database db, PopulationService populations, PasswordService passwords) {
        this(db, populations, passwords, env -> false);
    }

    /**
     * @param mfaForNewUsers whether a new user of the environment gets {@code mfaEnabled: true} when its creation does
     *                       not say ({@code mfaSettings.users.mfaEnabled})
     */
    public UserService(
            Database db, PopulationService populations, PasswordService passwords, Predicate<String> mfaForNewUsers) {
        this(db, populations, passwords, mfaForNewUsers, CustomAttributes.NONE);
    }

    /** @param custom the environment's custom attributes: validated on writes, shown on reads, filterable */
    public UserService(
            Database db,
            PopulationService populations,
            PasswordService passwords,
            Predicate<String> mfaForNewUsers,
            CustomAttributes custom) {
        this.db = db;
        this.populations = populations;
        this.passwords = passwords;
        this.mfaForNewUsers = mfaForNewUsers;
        this.custom = custom;
    }

    // ---------------------------------------------------------------- reading

    public User get(String env, String id) {
        return find(env, id).orElseThrow(() -> notFound(id));
    }

    public Optional<User> find(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id).map(u -> withCustom(h, u)));
    }

    /** The user with this username, compared without regard to case. */
    public Optional<User> findByUsername(String env, String username) {
        if (username == null) return Optional.empty();
        return db.withHandle(h -> store.findByUsername(h, env, username).map(u -> withCustom(h, u)));
    }

    /** The groups of user {@code id}, directly or through nested groups, by name (404 if the user is unknown). */
    public java.util.List<io.latchkey.groups.UserGroups.Ref> groupsOf(String env, String id) {
        return db.withHandle(h -> {
            if (store.find(h, env, id).isEmpty()) throw notFound(id);
            return io.latchkey.groups.UserGroups.of(h, env, id);
        });
    }

    /** A page of users, optionally filtered (SCIM filter, see {@link UserFilter}). */
    public Page<User> list(String env, String filter, PageRequest page) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            FilterSql.Where where = filter == null
                    ? null
                    : UserFilter.with(custom.filterColumns(h, env)).translate(filter);
            Page<User> users = store.list(h, env, where, page);
            Map<String, ObjectNode> values =
                    custom.valuesOf(h, env, users.items().stream().map(User::id).toList());
            if (values.isEmpty()) return users;
            return new Page<>(
                    users.items().stream()
                            .map(u -> withDoc(u, values.get(u.id())))
                            .toList(),
                    users.count(),
                    users.hasMore());
        });
    }

    /** The user as the API shows it: the stored profile with the values of the enabled custom attributes. */
    private User withCustom(Handle h, User u) {
        return withDoc(
                u,
                custom.valuesOf(h, u.environmentId(), java.util.List.of(u.id())).get(u.id()));
    }

    private static User withDoc(User u, ObjectNode customValues) {
        if (customValues == null || customValues.isEmpty()) return u;
        ObjectNode doc = u.doc().deepCopy();
        doc.setAll(customValues);
        return new User(
                u.id(),
                u.environmentId(),
                u.populationId(),
                u.username(),
                u.email(),
                u.enabled(),
                doc,
                u.account(),
                u.mfaEnabled(),
                u.emailVerified(),
                u.lifecycleStatus(),
                u.lastSignOnAt(),
                u.lastSignOnIp(),
                u.createdAt(),
                u.updatedAt());
    }

    // ---------------------------------------------------------------- creating

    /**
     * POST /users. With {@code importing} (the {@code user.import+json} content type) {@code lifecycle.status} and
     * {@code emailVerified} may be set. A {@code password.value} may be cleartext (checked against the policy) or
     * pre-encoded (any supported format, not checked), and is stored in the same transaction as the user.
     */
    public User create(String env, JsonNode body, boolean importing) {
        return create(env, body, importing, null, true, false);
    }

    /**
     * Self-registration: validates {@code body} (username, email, password, name, ...) like POST /users and
     * creates the user with the password in one transaction. {@code password} may be a string or
     * {@code {"value": ...}}; it is required, in clear, and checked against the population's policy (errors on
     * {@code password}). {@code populationId} null means the default population. Population, enabled state,
     * lifecycle and MFA cannot be chosen by the registering user.
     */
    public User register(String env, String populationId, JsonNode body) {
        ObjectNode b = body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
        JsonNode pw = b.get("password");
        if (pw != null && pw.isTextual()) b.putObject("password").put("value", pw.asText());
        for (String field : new String[] {"population", "enabled", "mfaEnabled", "lifecycle", "emailVerified"})
            b.remove(field);
        if (b.has("password") && b.get("password").isObject()) ((ObjectNode) b.get("password")).remove("forceChange");
        return create(env, b, false, populationId, false, true);
    }

    /** A validated creation request; the password is hashed after validation, outside any transaction. */
    private record NewUser(
            ObjectNode profile, ObjectNode extra, ObjectNode custom, String populationId, String password) {}

    private User create(
            String env,
            JsonNode body,
            boolean importing,
            String forcedPopulation,
            boolean allowPreEncoded,
            boolean passwordRequired) {
        NewUser n = db.withHandle(h -> validateNew(h, env, body, forcedPopulation, allowPreEncoded, passwordRequired));
        String encoded = n.password() == null ? null : passwords.encode(n.password(), allowPreEncoded);
        User u = newUser(env, n, importing, () -> mfaForNewUsers.test(env));
        return uniqueUsername(() -> db.inTransaction(h -> {
            insert(h, env, u, n, encoded);
            return withDoc(u, n.custom());
        }));
    }

    private User newUser(String env, NewUser n, boolean importing, java.util.function.BooleanSupplier mfaByDefault) {
        long now = System.currentTimeMillis();
        ObjectNode extra = n.extra();
        String lifecycle = importing ? extra.path("lifecycle").path("status").asText("ACCOUNT_OK") : "ACCOUNT_OK";
        return new User(
                Ids.newId(),
                env,
                n.populationId(),
                n.profile().get("username").asText(),
                n.profile().path("email").asText(null),
                extra.path("enabled").asBoolean(true),
                n.profile(),
                new User.Account(null, null),
                extra.has("mfaEnabled") ? extra.get("mfaEnabled").asBoolean() : mfaByDefault.getAsBoolean(),
                importing && extra.path("emailVerified").asBoolean(false),
                lifecycle,
                null,
                null,
                now,
                now);
    }

    private void insert(Handle h, String env, User u, NewUser n, String encoded) {
        if (!populations.lockForUserWrite(h, env, u.populationId())) {
            throw ApiException.invalidData(ErrorDetail.invalid("population.id", "The population no longer exists."));
        }
        store.insert(h, u);
        custom.write(h, env, u.id(), n.custom());
        if (encoded != null) {
            passwords.store(
                    h,
                    env,
                    u.id(),
                    u.populationId(),
                    encoded,
                    n.extra().path("password").path("forceChange").asBoolean(false),
                    false);
        }
    }

    /** What became of one body of an import batch: the user created, or why it was refused (nothing written). */
    public record ImportOutcome(User user, java.util.List<ErrorDetail> problems) {}

    /**
     * Bulk import ({@code latchkey import-users}): each body is validated as {@code POST /users} with the
     * {@code user.import+json} content type (so lifecycle and emailVerified may be set; a password may be pre-encoded
     * in any supported format, or in clear, then checked against the policy and hashed). The valid ones are written in
     * one transaction, so a batch costs one commit; a refused body writes nothing and does not stop the others. A
     * username taken twice in one batch is refused the second time, as it would be one request after another.
     *
     * @param populationId the population of every user; null means each body's own, or the default one
     */
    public java.util.List<ImportOutcome> importBatch(
            String env, String populationId, java.util.List<? extends JsonNode> bodies) {
        try {
            return db.inTransaction(h -> importInto(h, env, populationId, bodies));
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) throw e;
            // A username written meanwhile by someone else: one transaction per body, so only that one is refused.
            java.util.List<ImportOutcome> outcomes = new java.util.ArrayList<>();
            for (JsonNode body : bodies) {
                try {
                    outcomes.addAll(db.inTransaction(h -> importInto(h, env, populationId, java.util.List.of(body))));
                } catch (RuntimeException again) {
                    if (!Database.isUniqueViolation(again)) throw again;
                    outcomes.add(new ImportOutcome(
                            null,
                            java.util.List.of(
                                    ErrorDetail.unique("username", "A user with this username already exists."))));
                }
            }
            return outcomes;
        }
    }

    private java.util.List<ImportOutcome> importInto(
            Handle h, String env, String populationId, java.util.List<? extends JsonNode> bodies) {
        Database.requireEnvironment(h, env);
        java.util.List<ImportOutcome> outcomes = new java.util.ArrayList<>();
        boolean mfaByDefault = mfaForNewUsers.test(env);
        BatchLookups batch = new BatchLookups();
        java.util.List<User> accepted = new java.util.ArrayList<>();
        java.util.List<PasswordService.NewPassword> newPasswords = new java.util.ArrayList<>();
        java.util.Map<String, ObjectNode> customValues = new java.util.LinkedHashMap<>();
        for (JsonNode body : bodies) {
            NewUser n;
            try {
                n = validateNew(h, env, body, populationId, true, false, batch);
            } catch (ApiException e) {
                outcomes.add(new ImportOutcome(
                        null,
                        e.details().isEmpty()
                                ? java.util.List.of(new ErrorDetail(e.code(), null, e.getMessage()))
                                : e.details()));
                continue;
            }
            User u = newUser(env, n, true, () -> mfaByDefault);
            batch.usernames.add(u.username().toLowerCase(java.util.Locale.ROOT));
            accepted.add(u);
            if (!n.custom().isEmpty()) customValues.put(u.id(), n.custom());
            if (n.password() != null)
                newPasswords.add(new PasswordService.NewPassword(
                        u.id(),
                        u.populationId(),
                        passwords.encode(n.password(), true),
                        n.extra().path("password").path("forceChange").asBoolean(false)));
            outcomes.add(new ImportOutcome(u, java.util.List.of()));
        }
        // Held to the end of the transaction, so that no population goes away under its new users.
        for (String population :
                accepted.stream().map(User::populationId).distinct().sorted().toList()) {
            if (!populations.lockForUserWrite(h, env, population))
                throw ApiException.invalidData(
                        ErrorDetail.invalid("population.id", "The population no longer exists."));
        }
        store.insertAll(h, accepted);
        customValues.forEach((id, values) -> custom.write(h, env, id, values));
        passwords.storeForNewUsers(h, env, newPasswords);
        return outcomes;
    }

    private NewUser validateNew(
            Handle h,
            String env,
            JsonNode body,
            String forcedPopulation,
            boolean allowPreEncoded,
            boolean passwordRequired) {
        return validateNew(h, env, body, forcedPopulation, allowPreEncoded, passwordRequired, null);
    }

    /**
     * What an import batch looks up once rather than per user: the environment (checked once), its populations and
     * the usernames the batch has taken so far (its users are inserted together at its end).
     */
    private static final class BatchLookups {
        final java.util.Map<String, Boolean> populations = new java.util.HashMap<>();
        final java.util.Set<String> usernames = new java.util.HashSet<>();
        String defaultPopulation;
    }

    private NewUser validateNew(
            Handle h,
            String env,
            JsonNode body,
            String forcedPopulation,
            boolean allowPreEncoded,
            boolean passwordRequired,
            BatchLookups batch) {
        if (batch == null) Database.requireEnvironment(h, env);
        Validation v = new Validation();
        ObjectNode profile = UserShape.PROFILE.read(body, v);
        ObjectNode extra = UserShape.EXTRA.read(body, v);
        ObjectNode customValues = custom.read(h, env, null, body, v);
        String populationId = forcedPopulation != null
                ? forcedPopulation
                : extra.path("population").path("id").asText(null);
        boolean populationOk = true;
        if (populationId == null) {
            if (batch == null)
                populationId = populations.defaultPopulation(h, env).id();
            else if (batch.defaultPopulation != null) populationId = batch.defaultPopulation;
            else
                populationId = batch.defaultPopulation =
                        populations.defaultPopulation(h, env).id();
        } else if (batch != null
                ? !batch.populations.computeIfAbsent(populationId, id -> populations.exists(h, env, id))
                : !populations.exists(h, env, populationId)) {
            v.add(ErrorDetail.invalid(
                    "population.id", "No population with ID '" + populationId + "' exists in the environment."));
            populationOk = false;
        }
        if (profile.has("username")) {
            String username = profile.get("username").asText();
            if (batch != null && batch.usernames.contains(username.toLowerCase(java.util.Locale.ROOT)))
                v.add(usernameTaken(username));
            else store.idByUsername(h, env, username).ifPresent(other -> v.add(usernameTaken(username)));
        }
        String password = extra.path("password").path("value").asText(null);
        if (passwordRequired && body != null && !body.has("password")) v.add(ErrorDetail.required("password"));
        // An over-long value is already refused by the shape; checking it against the policy would only burn CPU.
        if (password != null && populationOk && password.length() <= UserShape.MAX_PASSWORD_VALUE) {
            v.details()
                    .addAll(passwords.check(
                            h, env, populationId, null, profile, password, "password", allowPreEncoded, null));
        }
        v.throwIfAny();
        return new NewUser(profile, extra, customValues, populationId, password);
    }

    // ---------------------------------------------------------------- changing

    /**
     * PUT: replaces the profile (omitted attributes are cleared). {@code enabled} changes only when given;
     * {@code mfaEnabled}, {@code password} and {@code lifecycle} are not changed here (as in PingOne); a
     * different {@code population.id} is refused: moving users is {@code PUT /users/{id}/population}.
     */
    public User replace(String env, String id, JsonNode body) {
        return uniqueUsername(() -> db.inTransaction(h -> {
            User current = store.find(h, env, id).orElseThrow(() -> notFound(id));
            return update(h, current, body, body);
        }));
    }

    /** PATCH: a JSON merge patch of the profile ({@code null} clears an attribute); otherwise as PUT. */
    public User patch(String env, String id, JsonNode body) {
        return uniqueUsername(() -> db.inTransaction(h -> {
            User current = store.find(h, env, id).orElseThrow(() -> notFound(id));
            if (body == null || !body.isObject()) {
                throw ApiException.invalidData(ErrorDetail.invalid("body", "The request body must be a JSON object."));
            }
            User shown = withCustom(h, current);
            return update(h, current, mergePatch(shown.doc().deepCopy(), body), body);
        }));
    }

    private User update(Handle h, User current, JsonNode profileSource, JsonNode body) {
        Validation v = new Validation();
        ObjectNode profile = UserShape.PROFILE.read(profileSource, v);
        ObjectNode extra = UserShape.EXTRA.read(body, v);
        ObjectNode customValues = custom.read(h, current.environmentId(), current.id(), profileSource, v);
        String population = extra.path("population").path("id").asText(null);
        if (population != null && !population.equals(current.populationId())) {
            v.add(ErrorDetail.invalid(
                    "population.id",
                    "A user's population is changed with PUT /users/{userID}/population, not with this request."));
        }
        if (profile.has("username")) {
            String username = profile.get("username").asText();
            store.idByUsername(h, current.environmentId(), username)
                    .filter(other -> !other.equals(current.id()))
                    .ifPresent(other -> v.add(usernameTaken(username)));
        }
        v.throwIfAny();
        User next = new User(
                current.id(),
                current.environmentId(),
                current.populationId(),
                profile.get("username").asText(),
                profile.path("email").asText(null),
                extra.path("enabled").asBoolean(current.enabled()),
                profile,
                current.account(),
                current.mfaEnabled(),
                current.emailVerified(),
                current.lifecycleStatus(),
                current.lastSignOnAt(),
                current.lastSignOnIp(),
                current.createdAt(),
                System.currentTimeMillis());
        store.update(h, next);
        custom.write(h, next.environmentId(), next.id(), customValues);
        return withDoc(next, customValues);
    }

    /** RFC 7396: objects merge recursively, {@code null} removes, anything else replaces. */
    static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode existing) {
                mergePatch(existing, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
        return target;
    }

    /** {@code PUT /users/{id}/enabled}. */
    public User setEnabled(String env, String id, JsonNode body) {
        boolean enabled = ENABLED.read(body).get("enabled").asBoolean();
        return change(env, id, u -> with(u, u.populationId(), enabled, u.account()));
    }

    /** {@code PUT /users/{id}/mfaEnabled}: the only way to change it after creation, as in PingOne. */
    public User setMfaEnabled(String env, String id, JsonNode body) {
        boolean mfaEnabled = MFA_ENABLED.read(body).get("mfaEnabled").asBoolean();
        return change(
                env,
                id,
                u -> u.mfaEnabled() == mfaEnabled
                        ? u
                        : new User(
                                u.id(),
                                u.environmentId(),
                                u.populationId(),
                                u.username(),
                                u.email(),
                                u.enabled(),
                                u.doc(),
                                u.account(),
                                mfaEnabled,
                                u.emailVerified(),
                                u.lifecycleStatus(),
                                u.lastSignOnAt(),
                                u.lastSignOnIp(),
                                u.createdAt(),
                                System.currentTimeMillis()));
    }

    /** {@code PUT /users/{id}/population}: moves the user (its password policy may change with it). */
    public User setPopulation(String env, String id, JsonNode body) {
        String populationId = POPULATION.read(body).get("id").asText();
        return db.inTransaction(h -> {
            User u = store.find(h, env, id).orElseThrow(() -> notFound(id));
            if (!populations.lockForUserWrite(h, env, populationId)) {
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "id", "No population with ID '" + populationId + "' exists in the environment."));
            }
            User next = with(u, populationId, u.enabled(), u.account());
            store.update(h, next);
            // A population group only holds users of its population.
            if (!populationId.equals(u.populationId()))
                io.latchkey.groups.UserGroups.userMoved(h, env, id, populationId);
            return withCustom(h, next);
        });
    }

    /** account.lock: locked until an administrator unlocks (no automatic unlock). */
    public User lock(String env, String id) {
        return change(
                env,
                id,
                u -> u.account().adminLockedAt() != null
                        ? u
                        : with(
                                u,
                                u.populationId(),
                                u.enabled(),
                                new User.Account(
                                        System.currentTimeMillis(), u.account().passwordLockedUntil())));
    }

    /** account.unlock: ends an administrator's lock and a failed-password lockout, and resets the failure count. */
    public User unlock(String env, String id) {
        return db.inTransaction(h -> {
            User u = store.find(h, env, id).orElseThrow(() -> notFound(id));
            passwords.unlock(h, env, id);
            User next = with(u, u.populationId(), u.enabled(), new User.Account(null, null));
            store.update(h, next);
            return withCustom(h, next);
        });
    }

    private User change(String env, String id, java.util.function.UnaryOperator<User> f) {
        return db.inTransaction(h -> {
            store.lockForUpdate(h, env, id);
            User u = store.find(h, env, id).orElseThrow(() -> notFound(id));
            User next = f.apply(u);
            if (next != u) store.update(h, next);
            return withCustom(h, next);
        });
    }

    private static User with(User u, String populationId, boolean enabled, User.Account account) {
        return new User(
                u.id(),
                u.environmentId(),
                populationId,
                u.username(),
                u.email(),
                enabled,
                u.doc(),
                account,
                u.mfaEnabled(),
                u.emailVerified(),
                u.lifecycleStatus(),
                u.lastSignOnAt(),
                u.lastSignOnIp(),
                u.createdAt(),
                System.currentTimeMillis());
    }

    /** Deletes the user and, by cascade, its password, history and recovery codes. */
    public void delete(String env, String id) {
        boolean deleted = db.inTransaction(h -> {
            // Administrator roles the user held go with the user (they have no foreign key to users).
            io.latchkey.access.RoleAssignmentService.removeHeldBy(h, env, id);
            return store.delete(h, env, id);
        });
        if (!deleted) throw notFound(id);
    }

    /** Records a successful sign-on ({@code lastSignOn} of the user). */
    public void recordSignOn(String env, String id, String remoteIp) {
        db.useTransaction(h -> store.recordSignOn(h, env, id, System.currentTimeMillis(), remoteIp));
    }

    // ---------------------------------------------------------------- helpers

    private static ErrorDetail usernameTaken(String username) {
        return ErrorDetail.unique("username", "A user with username '" + username + "' already exists.");
    }

    /** Maps a unique-key race on (environment, username) to the same error the check gives. */
    private static User uniqueUsername(Supplier<User> work) {
        return UniqueViolations.translateResult(
                work,
                () -> ApiException.invalidData(
                        ErrorDetail.unique("username", "A user with this username already exists.")));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("User", id);
    }
}
