package io.latchkey.mfa.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import io.latchkey.http.Shape;
import io.latchkey.storage.Database;
import org.jdbi.v3.core.Handle;

/**
 * An environment's MFA settings. Until written they are PingOne's defaults, computed rather than stored, so every
 * environment (old or new, on any process) has them without a set-up step. PUT replaces them: a section left out
 * goes back to its default (only {@code pairing} is required, as in PingOne's schema). DELETE resets them.
 * Defaults and ranges where PingOne is silent: docs/mfa.md.
 */
public final class MfaSettingsService {
    static final Shape SHAPE = Shape.of()
            .object(
                    "pairing",
                    Shape.of()
                            .integer("maxAllowedDevices", f -> f.required().range(1, 15))
                            .string("pairingKeyFormat", f -> f.required().oneOf("NUMERIC", "ALPHANUMERIC")),
                    f -> f.required())
            .object(
                    "lockout",
                    Shape.of()
                            .integer("failureCount", f -> f.required().range(1, 100))
                            .integer("durationSeconds", f -> f.range(1, 86_400).defaultValue(600)),
                    f -> f.defaultNode(Json.object().put("failureCount", 5).put("durationSeconds", 600)))
            .object(
                    "authentication",
                    Shape.of()
                            .string("deviceSelection", f -> f.required().oneOf("DEFAULT_TO_FIRST", "PROMPT_TO_SELECT")),
                    f -> f.defaultNode(Json.object().put("deviceSelection", "DEFAULT_TO_FIRST")))
            .object(
                    "phoneExtensions",
                    Shape.of().bool("enabled", f -> f.defaultValue(false)),
                    f -> f.defaultNode(Json.object().put("enabled", false)))
            .object(
                    "users",
                    Shape.of().bool("mfaEnabled", f -> f.defaultValue(false)),
                    f -> f.defaultNode(Json.object().put("mfaEnabled", false)));

    /** PingOne's defaults: the shape's defaults under the default pairing. */
    static final ObjectNode DEFAULTS = SHAPE.read(Json.object()
            .set("pairing", Json.object().put("maxAllowedDevices", 5).put("pairingKeyFormat", "ALPHANUMERIC")));

    private final Database db;
    private final MfaSettingsStore store = new MfaSettingsStore();

    public MfaSettingsService(Database db) {
        this.db = db;
    }

    public MfaSettings get(String env) {
        return db.withHandle(h -> get(h, env));
    }

    /** The settings, read in the caller's transaction (for other features: pairing limits, new users). */
    public MfaSettings get(Handle h, String env) {
        Database.requireEnvironment(h, env);
        return store.find(h, env)
                .map(r -> new MfaSettings(env, r.doc(), r.updatedAt()))
                .orElseGet(() -> new MfaSettings(env, DEFAULTS.deepCopy(), null));
    }

    public MfaSettings replace(String env, JsonNode body) {
        ObjectNode doc = SHAPE.read(body);
        return db.inTransaction(h -> {
            Database.requireEnvironment(h, env);
            long now = System.currentTimeMillis();
            store.upsert(h, env, doc, now);
            return new MfaSettings(env, doc, now);
        });
    }

    /** DELETE: back to PingOne's defaults. */
    public void reset(String env) {
        db.useTransaction(h -> {
            Database.requireEnvironment(h, env);
            store.delete(h, env);
        });
    }
}
