package io.latchkey.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PingOne's key rotation policies ({@code /v1/environments/{envId}/keyRotationPolicies}): a policy owns a CURRENT
 * key, which signs the tokens of the applications that name it in {@code signing.keyRotationPolicy.id}, and a NEXT
 * key, published ahead of use. Every {@code rotationPeriod} days the NEXT key becomes CURRENT, a new NEXT is made and
 * the former CURRENT stays published until the next rotation (at least 30 days, longer than any token lives), then
 * is deleted. See docs/signing-keys.md.
 */
public final class KeyRotationPolicyService {
    private static final Logger log = LoggerFactory.getLogger(KeyRotationPolicyService.class);

    /** PingOne: "The minimum value is 30 days"; also the longest an access token lives (2,592,000 s). */
    static final int MIN_ROTATION_DAYS = 30;

    static final int DEFAULT_ROTATION_DAYS = 90;
    static final int DEFAULT_VALIDITY_DAYS = 365;
    private static final int MAX_VALIDITY_DAYS = 365 * 100;

    /** Who uses a policy: the applications (their ids) that name it, read inside the caller's transaction. */
    @FunctionalInterface
    public interface Users {
        List<String> applicationsUsing(Handle h, String environmentId, String policyId);
    }

    /** PingOne's {@code KeyRotationPolicy}; {@code subjectDN} is taken for {@code dn} (the Terraform provider's name). */
    private static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().length(1, 256))
            .string("dn", f -> f.length(1, 1024))
            .string("subjectDN", f -> f.length(1, 1024))
            .string("algorithm", f -> f.required().oneOf("RSA"))
            .integer("keyLength", f -> f.required())
            .string("signatureAlgorithm", f -> f.required().oneOf("SHA256withRSA"))
            .string("usageType", f -> f.required().oneOf("SIGNING"))
            .integer("rotationPeriod", f -> f.min(MIN_ROTATION_DAYS).defaultValue(DEFAULT_ROTATION_DAYS))
            .integer("validityPeriod", f -> f.range(2, MAX_VALIDITY_DAYS).defaultValue(DEFAULT_VALIDITY_DAYS));

    private final Database db;
    private final SigningKeyService signingKeys;
    private final Users users;
    private final KeyRotationPolicyStore store = new KeyRotationPolicyStore();
    private final SigningKeyStore keys = new SigningKeyStore();

    public KeyRotationPolicyService(Database db, SigningKeyService signingKeys, Users users) {
        this.db = db;
        this.signingKeys = signingKeys;
        this.users = users;
    }

    /**
     * Whether policy {@code id} exists in the environment, locking it until the caller's transaction ends: an
     * application that names a policy calls this in the transaction that stores it, so a concurrent deletion of the
     * policy either sees the application or happens first (and then the application is refused).
     */
    public static boolean lockForUse(Handle h, String environmentId, String id) {
        return Ids.isUuid(id)
                && new KeyRotationPolicyStore().lock(h, environmentId, id).isPresent();
    }

    /** POST: the policy with its CURRENT and NEXT keys, made now ({@code rotatedAt} = now). */
    public KeyRotationPolicy create(String env, JsonNode body) {
        Spec spec = validate(body);
        db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return null;
        });
        String id = Ids.newId();
        // Generated before the transaction: RSA 4096 takes seconds.
        SigningKeyStore.Row current = signingKeys.maker().make(Ids.newId(), env, spec.keySpec(), false, id);
        SigningKeyStore.Row next = signingKeys.maker().make(Ids.newId(), env, spec.keySpec(), false, id);
        long now = System.currentTimeMillis();
        KeyRotationPolicy p = spec.policy(id, env, current.id(), next.id(), null, now, now);
        db.useTransaction(h -> {
            if (!keys.lockEnvironment(h, env)) throw ApiException.notFound("Environment", env);
            store.insert(h, p);
            keys.insert(h, current);
            keys.insert(h, next);
        });
        signingKeys.forgetPolicy(env, id);
        return p;
    }

    public List<KeyRotationPolicy> list(String env) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env);
        });
    }

    public KeyRotationPolicy get(String env, String id) {
        if (!Ids.isUuid(id)) throw notFound(id);
        return db.withHandle(h -> store.find(h, env, id)).orElseThrow(() -> notFound(id));
    }

    /**
     * PUT: replaces the specification and the schedule. The keys made already keep theirs (a certificate does not
     * change); the next key made follows the new one. A shorter {@code rotationPeriod} may make the policy due at
     * once: it rotates at the next housekeeping pass.
     */
    public KeyRotationPolicy replace(String env, String id, JsonNode body) {
        if (!Ids.isUuid(id)) throw notFound(id);
        Spec spec = validate(body);
        return db.inTransaction(h -> {
            KeyRotationPolicy old = store.lock(h, env, id).orElseThrow(() -> notFound(id));
            KeyRotationPolicy p = spec.policy(
                    id,
                    env,
                    old.currentKeyId(),
                    old.nextKeyId(),
                    old.previousKeyId(),
                    old.rotatedAt(),
                    old.createdAt());
            store.updateSpec(h, p);
            return p;
        });
    }

    /**
     * Deletes the policy and its keys (their tokens stop verifying), unless an application uses it: PingOne refuses
     * that too, the application must first be moved to another policy or to none.
     */
    public void delete(String env, String id) {
        if (!Ids.isUuid(id)) throw notFound(id);
        db.useTransaction(h -> {
            store.lock(h, env, id).orElseThrow(() -> notFound(id));
            List<String> apps = users.applicationsUsing(h, env, id);
            if (!apps.isEmpty())
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The key rotation policy is in use by " + apps.size() + " application(s) ("
                                + String.join(", ", apps.stream().limit(5).toList())
                                + "); set their signing.keyRotationPolicy to another policy or remove it first."));
            store.delete(h, env, id);
        });
        signingKeys.forgetPolicy(env, id);
    }

    /**
     * The housekeeping sweep: rotates every policy whose {@code rotatedAt + rotationPeriod} has passed, exactly once
     * however many processes sweep at the same time. Returns how many keys it deleted (each rotation after the first
     * deletes the key that was CURRENT two rotations ago).
     */
    public int rotateDue() {
        long now = System.currentTimeMillis();
        List<KeyRotationPolicy> candidates = db.withHandle(h ->
                store.possiblyDue(h, now - Duration.ofDays(MIN_ROTATION_DAYS).toMillis()));
        int deleted = 0;
        for (KeyRotationPolicy p : candidates) {
            if (p.dueAt() > now) continue;
            try {
                deleted += rotate(p, now);
            } catch (RuntimeException e) {
                log.warn("Rotation of key rotation policy {} failed: {}", p.id(), e.getMessage());
            }
        }
        return deleted;
    }

    /** Rotates {@code p} as read; 0 or 1 keys deleted, 0 also when another process rotated it first. */
    private int rotate(KeyRotationPolicy p, long now) {
        SigningKeyStore.Row newNext =
                signingKeys.maker().make(Ids.newId(), p.environmentId(), p.keySpec(), false, p.id());
        Integer deleted = db.inTransaction(h -> {
            if (!store.rotate(h, p, newNext.id(), now)) return null;
            keys.insert(h, newNext);
            if (p.previousKeyId() == null) return 0;
            keys.deletePolicyKey(h, p.id(), p.previousKeyId());
            return 1;
        });
        if (deleted == null) return 0;
        signingKeys.forgetPolicy(p.environmentId(), p.id());
        log.info(
                "Key rotation policy {} of environment {} rotated: key {} signs now",
                p.id(),
                p.environmentId(),
                p.nextKeyId());
        return deleted;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("keyRotationPolicy", id);
    }

    /** A validated body: what a policy is to be. */
    private record Spec(
            String name, String dn, int keyLength, String usageType, int rotationPeriod, int validityPeriod) {
        KeyMaker.Spec keySpec() {
            return new KeyMaker.Spec(name, SigningAlgorithm.RS256, keyLength, dn, null, null, validityPeriod);
        }

        KeyRotationPolicy policy(
                String id, String env, String current, String next, String previous, long rotatedAt, long createdAt) {
            return new KeyRotationPolicy(
                    id,
                    env,
                    name,
                    dn,
                    "RSA",
                    keyLength,
                    "SHA256withRSA",
                    usageType,
                    rotationPeriod,
                    validityPeriod,
                    current,
                    next,
                    previous,
                    rotatedAt,
                    createdAt);
        }
    }

    private static Spec validate(JsonNode body) {
        Validation v = new Validation();
        ObjectNode in = SHAPE.read(body, v);
        String dn = in.has("dn") ? in.get("dn").asText() : null;
        String subjectDn = in.has("subjectDN") ? in.get("subjectDN").asText() : null;
        if (dn == null && subjectDn == null) v.add(ErrorDetail.required("dn"));
        else if (dn != null && subjectDn != null && !dn.equals(subjectDn))
            v.add(ErrorDetail.invalid("subjectDN", "'subjectDN' is another name for 'dn': give one, or both equal."));
        String name = dn != null ? dn : subjectDn;
        String target = dn != null ? "dn" : "subjectDN";
        if (name != null && !SelfSignedCertificates.isDistinguishedName(name))
            v.add(ErrorDetail.invalid(
                    target, "'" + target + "' must be a distinguished name such as CN=Example,O=Org."));
        if (in.has("keyLength")
                && !SigningAlgorithm.RS256.keyLengths.contains(
                        (int) Math.min(Integer.MAX_VALUE, in.get("keyLength").asLong())))
            v.add(ErrorDetail.invalid(
                    "keyLength", "An RSA key of a key rotation policy has a keyLength of 2048, 3072 or 4096."));
        if (in.has("rotationPeriod")
                && in.has("validityPeriod")
                && in.get("rotationPeriod").asLong() >= in.get("validityPeriod").asLong())
            v.add(ErrorDetail.invalid(
                    "rotationPeriod",
                    "'rotationPeriod' must be less than 'validityPeriod' ("
                            + in.get("validityPeriod").asLong() + " days)."));
        v.throwIfAny();
        return new Spec(
                in.get("name").asText(),
                name,
                in.get("keyLength").asInt(),
                in.get("usageType").asText(),
                (int) in.get("rotationPeriod").asLong(),
                (int) in.get("validityPeriod").asLong());
    }
}
