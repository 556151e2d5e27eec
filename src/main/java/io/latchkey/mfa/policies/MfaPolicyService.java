package io.latchkey.mfa.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Validation;
import io.latchkey.mfa.policies.MfaPolicy.Kind;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Map;

/**
 * Device authentication (MFA) policies and FIDO2 policies of an environment. The rules are the same for both kinds:
 * <ul>
 * <li>{@code name}: required, unique per kind in the environment ignoring case.</li>
 * <li>Exactly one default per kind, made at the environment's first MFA use ({@link DefaultMfaPolicies}).
 * {@code default: true} (POST or PUT) moves the default; PUT without {@code default} keeps it; {@code default:
 * false} on the default is refused; the default cannot be deleted.</li>
 * <li>A device authentication policy's {@code fido2.fido2PolicyId} names a FIDO2 policy of the environment (absent:
 * the default one); a FIDO2 policy so named cannot be deleted.</li>
 * </ul>
 * Every write locks the kind's rows of the environment first, so concurrent writes run one after the other.
 */
public final class MfaPolicyService {
    private final Database db;
    private final String defaultRelyingPartyId;
    private final MfaPolicyStore store = new MfaPolicyStore();

    /** @param defaultRelyingPartyId the WebAuthn relying party of the default FIDO2 policy (the public host name) */
    public MfaPolicyService(Database db, String defaultRelyingPartyId) {
        this.db = db;
        this.defaultRelyingPartyId = defaultRelyingPartyId;
    }

    public List<MfaPolicy> list(Kind kind, String env) {
        ensureDefaults(env);
        return db.withHandle(h -> store.list(h, kind, env));
    }

    public MfaPolicy get(Kind kind, String env, String id) {
        ensureDefaults(env);
        return db.withHandle(h -> store.find(h, kind, env, id)).orElseThrow(() -> notFound(kind, id));
    }

    /** The policy {@code id} of the environment, if there is one (for the sign-on and device features). */
    public java.util.Optional<MfaPolicy> find(Kind kind, String env, String id) {
        if (id == null || !io.latchkey.storage.Ids.isUuid(id)) return java.util.Optional.empty();
        ensureDefaults(env);
        return db.withHandle(h -> store.find(h, kind, env, id));
    }

    /** The environment's default policy of {@code kind} (for the sign-on and device features). */
    public MfaPolicy defaultPolicy(Kind kind, String env) {
        ensureDefaults(env);
        return db.withHandle(h -> store.findDefault(h, kind, env))
                .orElseThrow(() -> new IllegalStateException("No default " + kind.noun));
    }

    public MfaPolicy create(Kind kind, String env, JsonNode body) {
        ensureDefaults(env);
        Validation v = new Validation();
        ObjectNode doc = read(kind, body, v);
        String name = doc.path("name").asText(null);
        boolean makeDefault = doc.path("default").asBoolean(false);
        return db.inTransactionOrIfDuplicate(
                h -> {
                    store.lockAll(h, kind, env);
                    if (name != null && store.idByName(h, kind, env, name).isPresent()) v.add(duplicate(kind, name));
                    String fido2 = fido2Reference(h, kind, env, doc, v);
                    v.throwIfAny();
                    long now = System.currentTimeMillis();
                    MfaPolicy p =
                            new MfaPolicy(kind, Ids.newId(), env, name, makeDefault, fido2, stored(doc), now, now);
                    if (makeDefault) store.clearDefaultExcept(h, kind, env, p.id(), now);
                    store.insert(h, p);
                    return p;
                },
                () -> ApiException.invalidData(duplicate(kind, name)),
                () -> ApiException.invalidData(fido2Gone()));
    }

    public MfaPolicy replace(Kind kind, String env, String id, JsonNode body) {
        ensureDefaults(env);
        Validation v = new Validation();
        ObjectNode doc = read(kind, body, v);
        String name = doc.path("name").asText(null);
        return db.inTransactionOrIfDuplicate(
                h -> {
                    store.lockAll(h, kind, env);
                    MfaPolicy current = store.find(h, kind, env, id).orElseThrow(() -> notFound(kind, id));
                    if (name != null) {
                        store.idByName(h, kind, env, name)
                                .filter(other -> !other.equals(id))
                                .ifPresent(other -> v.add(duplicate(kind, name)));
                    }
                    JsonNode requested = doc.get("default");
                    if (current.isDefault() && requested != null && !requested.asBoolean()) {
                        v.add(ErrorDetail.invalid(
                                "default",
                                "This is the environment's default " + kind.noun + "; make another " + kind.noun
                                        + " the default instead of setting 'default' to false."));
                    }
                    String fido2 = fido2Reference(h, kind, env, doc, v);
                    v.throwIfAny();
                    boolean makeDefault = requested != null && requested.asBoolean();
                    long now = System.currentTimeMillis();
                    MfaPolicy next = current.with(name, current.isDefault() || makeDefault, fido2, stored(doc), now);
                    if (makeDefault) store.clearDefaultExcept(h, kind, env, id, now);
                    store.update(h, next);
                    return next;
                },
                () -> ApiException.invalidData(duplicate(kind, name)),
                () -> ApiException.invalidData(fido2Gone()));
    }

    /** Deletes a policy that is not the default (and, for a FIDO2 policy, that no MFA policy names). */
    public void delete(Kind kind, String env, String id) {
        ensureDefaults(env);
        db.useTransaction(h -> {
            store.lockAll(h, kind, env);
            MfaPolicy p = store.find(h, kind, env, id).orElseThrow(() -> notFound(kind, id));
            if (p.isDefault()) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The default " + kind.noun + " cannot be deleted; make another " + kind.noun
                                + " the default first."));
            }
            if (kind == Kind.DEVICE_AUTHENTICATION) {
                List<String> signOnPolicies = store.signOnPoliciesNaming(h, env, id);
                if (!signOnPolicies.isEmpty()) {
                    throw ApiException.invalidData(new ErrorDetail(
                            "CONSTRAINT_VIOLATION",
                            null,
                            "The MFA policy is used by the MULTI_FACTOR_AUTHENTICATION action of the sign-on"
                                    + " policies " + String.join(", ", signOnPolicies)
                                    + "; change those actions first."));
                }
            }
            if (kind == Kind.FIDO2) {
                List<String> users = store.namingFido2Policy(h, env, id);
                if (!users.isEmpty()) {
                    throw ApiException.invalidData(new ErrorDetail(
                            "CONSTRAINT_VIOLATION",
                            null,
                            "The FIDO2 policy '" + p.name() + "' is used by " + users.size()
                                    + " MFA polic" + (users.size() == 1 ? "y" : "ies")
                                    + "; point their 'fido2.fido2PolicyId' elsewhere first.",
                            Map.of("referencedValues", users)));
                }
            }
            store.delete(h, kind, env, id);
        });
    }

    /**
     * Creates the environment's default policies unless they exist; 404 for an unknown environment. Its own
     * transaction, so that losing the creation race to another process costs nothing but a retry-free read.
     */
    private void ensureDefaults(String env) {
        boolean created = db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.defaultsCreated(h, env);
        });
        if (created) return;
        try {
            db.useTransaction(h -> DefaultMfaPolicies.ensure(h, store, env, defaultRelyingPartyId));
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) throw e; // another process created them meanwhile
        }
    }

    private static ObjectNode read(Kind kind, JsonNode body, Validation v) {
        return kind == Kind.FIDO2 ? Fido2PolicyShape.read(body, v) : DeviceAuthenticationPolicyShape.read(body, v);
    }

    /** The FIDO2 policy id a device authentication policy names, checked and taken out of {@code doc}. */
    private String fido2Reference(org.jdbi.v3.core.Handle h, Kind kind, String env, ObjectNode doc, Validation v) {
        if (kind != Kind.DEVICE_AUTHENTICATION || !(doc.get("fido2") instanceof ObjectNode fido2)) return null;
        JsonNode id = fido2.remove("fido2PolicyId");
        if (id == null) return null;
        if (store.find(h, Kind.FIDO2, env, id.asText()).isEmpty()) {
            v.add(ErrorDetail.invalid(
                    "fido2.fido2PolicyId", "No FIDO2 policy with ID '" + id.asText() + "' exists in the environment."));
        }
        return id.asText();
    }

    private static ObjectNode stored(ObjectNode doc) {
        ObjectNode out = doc.deepCopy();
        out.remove("name");
        out.remove("default");
        out.remove("forSignOnPolicy");
        return out;
    }

    private static ErrorDetail duplicate(Kind kind, String name) {
        return ErrorDetail.unique(
                "name", "A " + kind.noun + " named '" + name + "' already exists in this environment.");
    }

    private static ErrorDetail fido2Gone() {
        return ErrorDetail.invalid("fido2.fido2PolicyId", "The FIDO2 policy was deleted meanwhile.");
    }

    private static ApiException notFound(Kind kind, String id) {
        return ApiException.notFound(kind.noun.substring(0, 1).toUpperCase() + kind.noun.substring(1), id);
    }
}
