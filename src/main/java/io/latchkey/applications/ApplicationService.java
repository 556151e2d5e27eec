package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.Caller;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Validation;
import io.latchkey.keys.KeyRotationPolicyService;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.RecentReads;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Applications of an environment: every rule about creating, changing and deleting them. */
public final class ApplicationService {

    private final Database db;
    private final SecretBox box;
    private final ApplicationStore store = new ApplicationStore();
    /** By "env/id": every token, introspection and management request reads its client application. */
    private final RecentReads.Reads<String, Application> recent;

    public ApplicationService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
        this.recent = db.recentReads().cache(10_000);
    }

    public Application create(String env, JsonNode body) {
        return create(env, body, null);
    }

    /**
     * POST: a new application. As in PingOne, a new WORKER gets the role assignments of the caller that
     * creates it unless the body says {@code "assignActorRoles": false}.
     */
    public Application create(String env, JsonNode body, Caller actor) {
        requireEnvironment(env);
        Validated v = validate(Ids.newId(), env, body, null);
        Application app = v.app();
        String secret = app.tokenSettings().tokenEndpointAuthMethod().keepsSecret()
                ? box.encrypt(Secrets.random(Secrets.CLIENT_SECRET_LENGTH))
                : null;
        db.useTransaction(h -> {
            requireKeyRotationPolicy(h, app);
            store.insert(h, app, secret);
            if (app.type().equals("WORKER") && v.assignActorRoles() && actor != null) {
                RoleAssignmentService.assign(h, env, app.id(), actor.grants());
            }
        });
        return app;
    }

    /** Creates a WORKER application with a given id and secret (the bootstrap administrator). */
    public Application createWorker(Handle h, String env, String id, String name, String secret) {
        ObjectNode body = Json.object();
        body.put("name", name)
                .put("enabled", true)
                .put("protocol", "OPENID_CONNECT")
                .put("type", "WORKER")
                .put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.putArray("grantTypes").add("CLIENT_CREDENTIALS");
        Application app = validate(id, env, body, null).app();
        store.insert(h, app, box.encrypt(secret));
        return app;
    }

    public Application get(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id)).orElseThrow(() -> ApiException.notFound("Application", id));
    }

    /**
     * The application, as read at most {@link RecentReads#BOUND} ago (changes through this process show at once):
     * for the hot paths (client authentication, authorize). {@link #get} reads the database.
     */
    public Optional<Application> find(String env, String id) {
        return recent.get(env + "/" + id, () -> db.withHandle(h -> store.find(h, env, id)));
    }

    public Page<Application> list(String env, PageRequest page) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env, page);
        });
    }

    /**
     * PUT: replaces every writable attribute (omitted ones are cleared or defaulted). The type and protocol
     * cannot change; {@code refreshTokenRollingDuration}, once set, cannot be cleared (PingOne), so omitting it
     * keeps it. Moving to {@code NONE} drops the secret; moving away from it creates one.
     */
    public Application replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            Application current = store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Application", id));
            Application next = validate(id, env, body, current).app();
            requireKeyRotationPolicy(h, next);
            store.update(h, next);
            boolean hasSecret = store.secrets(h, env, id)
                            .map(ApplicationStore.SecretRow::secretEnc)
                            .orElse(null)
                    != null;
            boolean needsSecret = next.tokenSettings().tokenEndpointAuthMethod().keepsSecret();
            if (needsSecret && !hasSecret) {
                store.updateSecrets(
                        h,
                        env,
                        id,
                        new ApplicationStore.SecretRow(
                                box.encrypt(Secrets.random(Secrets.CLIENT_SECRET_LENGTH)), null, null));
            } else if (!needsSecret && hasSecret) {
                store.updateSecrets(h, env, id, new ApplicationStore.SecretRow(null, null, null));
            }
            return next;
        });
    }

    /**
     * Deletes the application with everything that hangs off it, in one transaction: grants, sign-on policy
     * assignments (foreign-key cascades), its role assignments and the role assignments scoped to it.
     */
    public void delete(String env, String id) {
        boolean deleted = db.inTransaction(h -> {
            if (store.find(h, env, id).isEmpty()) return false;
            RoleAssignmentService.removeHeldBy(h, env, id);
            RoleAssignmentService.removeScopedTo(h, "APPLICATION", id);
            return store.delete(h, env, id);
        });
        if (!deleted) throw ApiException.notFound("Application", id);
    }

    /** The applications of {@code env} that use key rotation policy {@code policyId} (the keys API asks). */
    public static List<String> usingKeyRotationPolicy(Handle h, String env, String policyId) {
        return new ApplicationStore().usingKeyRotationPolicy(h, env, policyId);
    }

    /**
     * An application may name a key rotation policy of its environment only. The policy stays locked until the
     * application is stored, so that a concurrent deletion of the policy cannot leave it naming none.
     */
    private static void requireKeyRotationPolicy(Handle h, Application app) {
        app.keyRotationPolicyId().ifPresent(policy -> {
            if (!KeyRotationPolicyService.lockForUse(h, app.environmentId(), policy))
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "signing.keyRotationPolicy.id",
                        "No key rotation policy with id '" + policy + "' exists in the environment."));
        });
    }

    /** Whether environment {@code env} exists: for the Auth API to say so rather than blame the application. */
    public boolean environmentExists(String env) {
        return db.withHandle(h -> Database.environmentExists(h, env));
    }

    private void requireEnvironment(String env) {
        if (!environmentExists(env)) throw ApiException.notFound("Environment", env);
    }

    private record Validated(Application app, boolean assignActorRoles) {}

    private Validated validate(String id, String env, JsonNode body, Application current) {
        Validation v = new Validation();
        ObjectNode doc = ApplicationShape.OIDC.read(body, v);
        if (current != null) {
            if (doc.has("type") && !doc.get("type").asText().equals(current.type())) {
                v.add(ErrorDetail.invalid(
                        "type",
                        "The type of an application cannot be changed (it is " + current.type()
                                + "); create a new application instead."));
            }
            // Omitted or null: PingOne does not let refreshTokenRollingDuration be cleared once set.
            JsonNode rolling = current.doc().get("refreshTokenRollingDuration");
            if (!doc.has("refreshTokenRollingDuration") && rolling != null)
                doc.set("refreshTokenRollingDuration", rolling);
        }
        // The 30-day default of refreshTokenDuration yields to a shorter rolling duration instead of breaking it.
        JsonNode givenDuration = body == null ? null : body.path("refreshTokenDuration");
        if (givenDuration != null && (givenDuration.isMissingNode() || givenDuration.isNull())) {
            JsonNode rolling = doc.get("refreshTokenRollingDuration");
            if (rolling != null && doc.path("refreshTokenDuration").asLong() > rolling.asLong()) {
                doc.put("refreshTokenDuration", rolling.asLong());
            }
        }
        if (doc.has("type")) ApplicationTypeRules.apply(doc.get("type").asText(), doc, v);
        // A UUID in either case names the same policy: kept as ids are stored, in lower case.
        if (doc.path("signing").path("keyRotationPolicy").path("id").isTextual()) {
            ObjectNode krp = (ObjectNode) doc.get("signing").get("keyRotationPolicy");
            krp.put("id", krp.get("id").asText().toLowerCase(Locale.ROOT));
        }
        v.throwIfAny();
        long now = System.currentTimeMillis();
        boolean assignActorRoles =
                current == null && doc.path("assignActorRoles").asBoolean(true);
        doc.remove("assignActorRoles");
        String name = doc.remove("name").asText();
        String protocol = doc.remove("protocol").asText();
        String type = doc.remove("type").asText();
        boolean enabled = doc.remove("enabled").asBoolean();
        return new Validated(
                new Application(
                        id, env, name, protocol, type, enabled, doc, current == null ? now : current.createdAt(), now),
                assignActorRoles);
    }
}
