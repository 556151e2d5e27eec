package io.latchkey.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sign-on policies of an environment.
 * <ul>
 * <li>{@code name}: required, unique in the environment ignoring case; letters, digits, {@code _ . -} and spaces,
 * or an absolute URI when it contains {@code :}.</li>
 * <li>Exactly one default: {@code default: true} (on POST or PUT) makes a policy the default and the previous one
 * not. The default stays the default until another one is made default: PUT without {@code default} keeps it,
 * {@code default: false} on it is refused, and it cannot be deleted.</li>
 * <li>A policy assigned to applications cannot be deleted until those assignments are removed.</li>
 * <li>Deleting a policy deletes its actions.</li>
 * </ul>
 */
public final class SignOnPolicyService {
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_. -]+$");

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256).check(SignOnPolicyService::name))
            .string("description", f -> f.maxLength(1024))
            .bool("default", Shape.optional());

    private final Database db;
    private final SignOnPolicyStore store = new SignOnPolicyStore();

    public SignOnPolicyService(Database db) {
        this.db = db;
    }

    public SignOnPolicy create(String env, JsonNode body) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        String name = doc.path("name").asText(null);
        boolean makeDefault = doc.path("default").asBoolean(false);
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Database.requireEnvironment(h, env);
                    if (makeDefault) store.lockAll(h, env);
                    if (name != null && store.idByName(h, env, name).isPresent()) v.add(duplicate(name));
                    v.throwIfAny();
                    long now = System.currentTimeMillis();
                    SignOnPolicy p = new SignOnPolicy(Ids.newId(), env, name, makeDefault, stored(doc), now, now);
                    if (makeDefault) store.clearDefaultExcept(h, env, p.id(), now);
                    store.insert(h, p);
                    return p;
                },
                () -> ApiException.invalidData(duplicate(name)));
    }

    public SignOnPolicy get(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id))
                .orElseThrow(() -> ApiException.notFound("Sign-on policy", id));
    }

    public List<SignOnPolicy> list(String env) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env);
        });
    }

    public SignOnPolicy replace(String env, String id, JsonNode body) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        String name = doc.path("name").asText(null);
        return db.inTransactionOrIfDuplicate(
                h -> {
                    store.lockAll(h, env);
                    SignOnPolicy current =
                            store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Sign-on policy", id));
                    if (name != null) {
                        store.idByName(h, env, name)
                                .filter(other -> !other.equals(id))
                                .ifPresent(other -> v.add(duplicate(name)));
                    }
                    JsonNode requested = doc.get("default");
                    boolean makeDefault = requested != null && requested.asBoolean();
                    if (current.isDefault() && requested != null && !requested.asBoolean()) {
                        v.add(ErrorDetail.invalid(
                                "default",
                                "This is the environment's default sign-on policy; make another"
                                        + " policy the default instead of setting 'default' to false."));
                    }
                    v.throwIfAny();
                    long now = System.currentTimeMillis();
                    SignOnPolicy next = new SignOnPolicy(
                            id, env, name, current.isDefault() || makeDefault, stored(doc), current.createdAt(), now);
                    if (makeDefault) store.clearDefaultExcept(h, env, id, now);
                    store.update(h, next);
                    return next;
                },
                () -> ApiException.invalidData(duplicate(name)));
    }

    /** Deletes a policy that is neither the default nor assigned to an application; its actions go with it. */
    public void delete(String env, String id) {
        try {
            db.useTransaction(h -> {
                store.lockAll(h, env);
                SignOnPolicy p = store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Sign-on policy", id));
                if (p.isDefault()) {
                    throw ApiException.invalidData(new ErrorDetail(
                            "CONSTRAINT_VIOLATION",
                            null,
                            "The default sign-on policy cannot be deleted; make another policy the default first."));
                }
                List<SignOnPolicyStore.Assignee> assignees = store.assignees(h, env, id);
                if (!assignees.isEmpty()) throw assigned(p, assignees);
                store.delete(h, env, id);
            });
        } catch (RuntimeException e) {
            // An assignment made between the check and the delete: the foreign key refuses, say so the same way.
            if (Database.isForeignKeyViolation(e)) {
                SignOnPolicy p = get(env, id);
                throw assigned(p, db.withHandle(h -> store.assignees(h, env, id)));
            }
            throw e;
        }
    }

    private static ApiException assigned(SignOnPolicy p, List<SignOnPolicyStore.Assignee> assignees) {
        StringBuilder names = new StringBuilder();
        for (SignOnPolicyStore.Assignee a : assignees) {
            if (!names.isEmpty()) names.append(", ");
            names.append('\'')
                    .append(a.applicationName())
                    .append("' (")
                    .append(a.applicationId())
                    .append(')');
        }
        return ApiException.invalidData(new ErrorDetail(
                "CONSTRAINT_VIOLATION",
                null,
                "The sign-on policy '" + p.name() + "' is assigned to " + assignees.size()
                        + (assignees.size() == 1 ? " application: " : " applications: ") + names
                        + ". Remove those sign-on policy assignments first.",
                Map.of(
                        "referencedValues",
                        assignees.stream()
                                .map(SignOnPolicyStore.Assignee::applicationId)
                                .toList())));
    }

    /** {@code ^[a-zA-Z0-9_. -]+$}, or an absolute URI when the name contains a colon. */
    static void name(String value, Validation v) {
        if (value.isBlank()) return;
        if (value.contains(":")) {
            try {
                if (!new URI(value).isAbsolute()) throw new URISyntaxException(value, "not absolute");
            } catch (URISyntaxException e) {
                v.add(ErrorDetail.invalid(null, "A sign-on policy name that contains ':' must be an absolute URI."));
            }
        } else if (!NAME.matcher(value).matches()) {
            v.add(new ErrorDetail(
                    "INVALID_VALUE",
                    null,
                    "A sign-on policy name may hold letters, digits, '_', '.', '-' and spaces (or be an absolute URI).",
                    Map.of("allowedPattern", NAME.pattern())));
        }
    }

    private static ObjectNode stored(ObjectNode doc) {
        ObjectNode out = Json.object();
        if (doc.has("description")) out.set("description", doc.get("description"));
        return out;
    }

    private static ErrorDetail duplicate(String name) {
        return ErrorDetail.unique("name", "A sign-on policy named '" + name + "' already exists in this environment.");
    }
}
