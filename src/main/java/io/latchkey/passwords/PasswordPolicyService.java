package io.latchkey.passwords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Password policies: the built-in Standard, Passphrase and Basic ones every environment gets, and custom ones.
 * Exactly one policy is the environment's default (it applies to populations that name none).
 */
public final class PasswordPolicyService {
    /** The only keys {@code minCharacters} may have. */
    public static final List<String> CHARSETS = List.of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", "~!@#$%^&*()-_=+[]{}|;:,.<>/?");
    /** Latchkey's cap on {@code history.count}: each kept password costs one Argon2 check per change. */
    public static final int MAX_HISTORY = 20;

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            .bool("default", Shape.optional())
            .bool("excludesCommonlyUsed", f -> f.required())
            .bool("excludesProfileData", f -> f.required())
            .bool("notSimilarToCurrent", f -> f.required())
            .object(
                    "history",
                    Shape.of()
                            .integer("count", f -> f.required().range(1, MAX_HISTORY))
                            .integer("retentionDays", f -> f.required().range(1, 36_500)),
                    Shape.optional())
            .object(
                    "length",
                    Shape.of()
                            .integer("min", f -> f.range(8, 32).defaultValue(8))
                            .integer("max", f -> f.range(8, 255).defaultValue(255)),
                    Shape.optional())
            .object(
                    "lockout",
                    Shape.of()
                            .integer("failureCount", f -> f.required().range(1, 1000))
                            .integer("durationSeconds", f -> f.required().range(1, 31_536_000)),
                    Shape.optional())
            .integer("maxAgeDays", f -> f.range(1, 36_500))
            .integer("minAgeDays", f -> f.range(1, 36_500))
            .integer("maxRepeatedCharacters", f -> f.range(1, 255))
            .integer("minUniqueCharacters", f -> f.range(1, 255))
            .integer("minComplexity", f -> f.range(1, 1_000_000))
            .object(
                    "minCharacters",
                    Shape.of()
                            .integer(CHARSETS.get(0), f -> f.range(1, 255))
                            .integer(CHARSETS.get(1), f -> f.range(1, 255))
                            .integer(CHARSETS.get(2), f -> f.range(1, 255))
                            .integer(CHARSETS.get(3), f -> f.range(1, 255)),
                    Shape.optional())
            // Stored and returned; Latchkey does not enforce the sequence rules yet.
            .object(
                    "alphabetSequenceRule",
                    Shape.of().integer("maxLength", f -> f.required().range(2, 3)),
                    Shape.optional())
            .object(
                    "numberSequenceRule",
                    Shape.of().integer("maxLength", f -> f.required().range(2, 3)),
                    Shape.optional())
            .object(
                    "shiftedNumberRowSequenceRule",
                    Shape.of().integer("maxLength", f -> f.required().range(3, 3)),
                    Shape.optional())
            .object(
                    "qwertySequenceRule",
                    Shape.of().integer("maxLength", f -> f.required().range(3, 3)),
                    Shape.optional());

    private static final FilterSql FILTER = new FilterSql(Map.of(
            "name", FilterSql.Column.text("name_lower", Set.of("eq", "sw")),
            "id", FilterSql.Column.exact("id", Set.of("eq"))));

    private final Database db;
    private final PasswordPolicyStore store = new PasswordPolicyStore();

    public PasswordPolicyService(Database db) {
        this.db = db;
    }

    /** A policy together with the number of populations that name it. */
    public record Counted(PasswordPolicy policy, long populationCount) {}

    public Counted get(String env, String id) {
        return db.withHandle(h -> {
            PasswordPolicy p = store.find(h, env, id).orElseThrow(() -> notFound(id));
            return new Counted(p, store.populationCounts(h, env).getOrDefault(id, 0L));
        });
    }

    public Optional<PasswordPolicy> find(Handle h, String env, String id) {
        return store.find(h, env, id);
    }

    public Page<Counted> list(String env, String filter, PageRequest page) {
        FilterSql.Where where = filter == null ? null : FILTER.translate(filter);
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            Page<PasswordPolicy> p = store.list(h, env, where, page);
            Map<String, Long> counts = store.populationCounts(h, env);
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
            PasswordPolicy p = validate(h, env, Ids.newId(), body, null);
            store.insert(h, p);
            if (p.isDefault()) store.clearDefaultExcept(h, env, p.id());
            return new Counted(p, 0);
        });
    }

    /** PUT: replaces the rules. An omitted {@code default} keeps the current value (exactly one default exists). */
    public Counted replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            store.lockAll(h, env);
            PasswordPolicy current = store.find(h, env, id).orElseThrow(() -> notFound(id));
            PasswordPolicy next = validate(h, env, id, body, current);
            store.update(h, next);
            if (next.isDefault()) store.clearDefaultExcept(h, env, id);
            return new Counted(next, store.populationCounts(h, env).getOrDefault(id, 0L));
        });
    }

    /** Deletes a custom policy that is neither the default nor named by a population. */
    public void delete(String env, String id) {
        db.useTransaction(h -> {
            store.lockAll(h, env);
            PasswordPolicy p = store.find(h, env, id).orElseThrow(() -> notFound(id));
            Validation v = new Validation();
            if (p.builtIn()) {
                v.add(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The built-in password policy '" + p.name() + "' cannot be deleted."));
            } else if (p.isDefault()) {
                v.add(
                        new ErrorDetail(
                                "CONSTRAINT_VIOLATION",
                                null,
                                "The environment's default password policy cannot be deleted; make another policy the default first."));
            }
            long populations = store.populationCounts(h, env).getOrDefault(id, 0L);
            if (populations > 0) {
                v.add(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The password policy is used by " + populations
                                + " population(s); assign them another policy first."));
            }
            v.throwIfAny();
            store.delete(h, env, id);
        });
    }

    /** The policy that applies to a population: its own, else the environment's default. */
    public PasswordPolicy effective(Handle h, String env, String populationId) {
        String own = populationId == null
                ? null
                : h.createQuery("select password_policy_id from populations where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", populationId)
                        .mapTo(String.class)
                        .findFirst()
                        .orElse(null);
        if (own != null) {
            Optional<PasswordPolicy> p = store.find(h, env, own);
            if (p.isPresent()) return p.get();
        }
        return store.findDefault(h, env)
                .orElseThrow(() -> new IllegalStateException("Environment " + env + " has no default password policy"));
    }

    private PasswordPolicy validate(Handle h, String env, String id, JsonNode body, PasswordPolicy current) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        JsonNode rawChars = body == null ? null : body.get("minCharacters");
        if (rawChars != null && rawChars.isObject()) {
            rawChars.fieldNames().forEachRemaining(k -> {
                if (!CHARSETS.contains(k)) {
                    v.add(new ErrorDetail(
                            "INVALID_VALUE",
                            "minCharacters",
                            "'minCharacters' keys must be one of the four character sets.",
                            Map.of("allowedValues", CHARSETS)));
                }
            });
        }
        JsonNode length = doc.path("length");
        if (length.isObject() && length.path("min").asInt() > length.path("max").asInt()) {
            v.add(ErrorDetail.invalid("length.min", "'length.min' must not exceed 'length.max'."));
        }
        if (doc.has("maxAgeDays")
                && doc.get("maxAgeDays").asInt() <= doc.path("minAgeDays").asInt(0) + 21) {
            v.add(ErrorDetail.invalid("maxAgeDays", "'maxAgeDays' must be greater than 'minAgeDays' + 21."));
        }
        if (doc.has("name")) {
            store.idByName(h, env, doc.get("name").asText())
                    .filter(other -> !other.equals(id))
                    .ifPresent(other -> v.add(ErrorDetail.unique(
                            "name",
                            "A password policy named '" + doc.get("name").asText() + "' already exists.")));
        }
        boolean isDefault =
                doc.has("default") ? doc.get("default").asBoolean() : current != null && current.isDefault();
        if (current != null && current.isDefault() && !isDefault) {
            v.add(ErrorDetail.invalid(
                    "default",
                    "The environment must keep a default password policy: make another policy the default instead."));
        }
        v.throwIfAny();
        doc.remove("default");
        String name = doc.remove("name").asText();
        long now = System.currentTimeMillis();
        return new PasswordPolicy(
                id,
                env,
                name,
                isDefault,
                current != null && current.builtIn(),
                doc,
                current == null ? now : current.createdAt(),
                now);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Password Policy", id);
    }
}
