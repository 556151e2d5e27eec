package io.latchkey.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.latchkey.crypto.SecretBox;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each environment's RS256 signing keys. Keys are immutable once written, so decrypted keys are cached by id
 * for the life of the process: every process sees the same key for an id.
 */
public final class SigningKeyService {
    private static final Duration LIFETIME = Duration.ofDays(365 * 5);

    private final Database db;
    private final SecretBox box;
    private final SigningKeyStore store = new SigningKeyStore();
    private final Map<String, SigningKey> byId = new ConcurrentHashMap<>();
    private final Map<String, String> defaultIdByEnvironment = new ConcurrentHashMap<>();

    public SigningKeyService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /**
     * The key new tokens of the environment are signed with. An environment gets its first key when it first needs
     * one (a token, its JWKS), not when it is created: generating an RSA key takes 0.1-0.5 s of CPU, which made
     * every environment creation that slow, and most test environments never sign anything.
     */
    public SigningKey signingKey(String environmentId) {
        String id = defaultIdByEnvironment.get(environmentId);
        if (id != null) return byId(id).orElseThrow();
        SigningKeyStore.Row row = db.withHandle(h -> store.findDefault(h, environmentId))
                .or(() -> createFirst(environmentId))
                .orElseThrow(() -> new IllegalStateException("Environment " + environmentId + " does not exist"));
        SigningKey key = cache(row);
        defaultIdByEnvironment.put(environmentId, key.id());
        return key;
    }

    /**
     * Creates the environment's first key, unless another request or process did meanwhile: the environment's row is
     * locked while looking, so concurrent first uses on any number of nodes end with one key, and all sign with it.
     * Empty when the environment does not exist.
     */
    private Optional<SigningKeyStore.Row> createFirst(String environmentId) {
        String id = Ids.newId();
        RSAKey key;
        try {
            // Generated before the transaction: the lock is held for the look and the insert, not for the maths.
            key = new RSAKeyGenerator(2048)
                    .keyID(id)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
        return db.inTransaction(h -> {
            boolean exists = h.createQuery("select id from environments where id = :env for update")
                    .bind("env", environmentId)
                    .mapTo(String.class)
                    .findFirst()
                    .isPresent();
            if (!exists) return Optional.empty();
            Optional<SigningKeyStore.Row> existing = store.findDefault(h, environmentId);
            if (existing.isPresent()) return existing;
            long now = System.currentTimeMillis();
            SigningKeyStore.Row row = new SigningKeyStore.Row(
                    id,
                    environmentId,
                    "RS256",
                    key.toPublicJWK().toJSONString(),
                    box.encrypt(key.toJSONString()),
                    true,
                    now,
                    now + LIFETIME.toMillis());
            store.insert(h, row);
            return Optional.of(row);
        });
    }

    /** A key by its id ({@code kid}), from any environment. */
    public Optional<SigningKey> byId(String id) {
        // A kid comes from a token anyone can forge: no kid (a null map key) or one that is not our id never
        // reaches the cache or the database.
        if (id == null || !Ids.isUuid(id)) return Optional.empty();
        SigningKey cached = byId.get(id);
        if (cached != null) return Optional.of(cached);
        return db.withHandle(h -> store.find(h, id)).map(this::cache);
    }

    /** The public keys of the environment as a JWK set. */
    public JWKSet publicKeys(String environmentId) {
        List<SigningKeyStore.Row> rows = db.withHandle(h -> store.list(h, environmentId));
        if (rows.isEmpty() && createFirst(environmentId).isPresent())
            rows = db.withHandle(h -> store.list(h, environmentId));
        return new JWKSet(rows.stream()
                .map(r -> {
                    try {
                        return (com.nimbusds.jose.jwk.JWK) RSAKey.parse(r.publicJwk());
                    } catch (ParseException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList());
    }

    /** Forgets cached keys of a deleted environment. */
    public void forget(String environmentId) {
        defaultIdByEnvironment.remove(environmentId);
        byId.values().removeIf(k -> k.environmentId().equals(environmentId));
    }

    private SigningKey cache(SigningKeyStore.Row row) {
        return byId.computeIfAbsent(row.id(), id -> {
            try {
                RSAKey key = RSAKey.parse(box.decrypt(row.privateKeyEnc()));
                return new SigningKey(
                        row.id(), row.environmentId(), key, row.isDefault(), row.createdAt(), row.expiresAt());
            } catch (ParseException e) {
                throw new IllegalStateException("Stored signing key " + row.id() + " is unreadable", e);
            }
        });
    }
}
