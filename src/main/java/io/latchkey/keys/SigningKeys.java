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
import org.jdbi.v3.core.Handle;

/**
 * Each environment's RS256 signing keys. Keys are immutable once written, so decrypted keys are cached by id
 * for the life of the process: every process sees the same key for an id.
 */
public final class SigningKeys {
    private static final Duration LIFETIME = Duration.ofDays(365 * 5);

    private final Database db;
    private final SecretBox box;
    private final SigningKeyStore store = new SigningKeyStore();
    private final Map<String, SigningKey> byId = new ConcurrentHashMap<>();
    private final Map<String, String> defaultIdByEnvironment = new ConcurrentHashMap<>();

    public SigningKeys(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /** Creates the environment's default RS256 key inside the caller's transaction. */
    public void createDefault(Handle h, String environmentId) {
        String id = Ids.newId();
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(id).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            long now = System.currentTimeMillis();
            store.insert(h, new SigningKeyStore.Row(id, environmentId, "RS256", key.toPublicJWK().toJSONString(),
                    box.encrypt(key.toJSONString()), true, now, now + LIFETIME.toMillis()));
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** The key new tokens of the environment are signed with. */
    public SigningKey signingKey(String environmentId) {
        String id = defaultIdByEnvironment.get(environmentId);
        if (id != null) return byId(id).orElseThrow();
        SigningKeyStore.Row row = db.withHandle(h -> store.findDefault(h, environmentId))
                .orElseThrow(() -> new IllegalStateException("Environment " + environmentId + " has no signing key"));
        SigningKey key = cache(row);
        defaultIdByEnvironment.put(environmentId, key.id());
        return key;
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
        return new JWKSet(rows.stream().map(r -> {
            try {
                return (com.nimbusds.jose.jwk.JWK) RSAKey.parse(r.publicJwk());
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
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
                return new SigningKey(row.id(), row.environmentId(), key, row.isDefault(), row.createdAt(), row.expiresAt());
            } catch (ParseException e) {
                throw new IllegalStateException("Stored signing key " + row.id() + " is unreadable", e);
            }
        });
    }
}
