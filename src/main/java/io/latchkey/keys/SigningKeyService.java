package io.latchkey.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.latchkey.crypto.SecretBox;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The token path's view of each environment's signing keys, without a database read per token.
 *
 * <p>A key never changes once written, so its unsealed signer and verifier are cached by id for the life of the
 * process. What can change is which keys exist and which is the default (the keys API on any node): each process
 * keeps, per environment, that list as it read it, and reads it again when it is older than {@link #FRESHNESS}.
 * So a new default key signs, and a deleted key stops verifying, on every node within {@code FRESHNESS} plus one
 * query (at once on the node that made the change). One request refreshes an old list; the others meanwhile use
 * the old one rather than all querying at once.
 */
public final class SigningKeyService {
    /** How long a node may go on using an environment's list of keys before reading it again. */
    public static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final Database db;
    private final SecretBox box;
    private final KeyMaker maker;
    private final SigningKeyStore store = new SigningKeyStore();
    private final Map<String, SigningKey> byId = new ConcurrentHashMap<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    /** By rotation policy id: the id of its CURRENT key (null: no such policy), as read at {@code readAt}. */
    private final Map<String, PolicySnapshot> policies = new ConcurrentHashMap<>();

    private record PolicySnapshot(String currentId, long readAt, AtomicBoolean refreshing) {
        boolean fresh(long now) {
            return now - readAt < FRESHNESS.toMillis();
        }
    }

    /** An environment's keys as last read: their ids and the default's. */
    private record Snapshot(String defaultId, Set<String> ids, long readAt, AtomicBoolean refreshing) {
        boolean fresh(long now) {
            return now - readAt < FRESHNESS.toMillis();
        }
    }

    public SigningKeyService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
        this.maker = new KeyMaker(box);
    }

    /**
     * The key new tokens of the environment are signed with. An environment gets its first key when it first needs
     * one (a token, its JWKS), not when it is created: generating an RSA key takes 0.1-0.5 s of CPU, which made
     * every environment creation that slow, and most test environments never sign anything.
     */
    public SigningKey signingKey(String environmentId) {
        Snapshot s = snapshot(environmentId);
        if (s.defaultId() == null) {
            if (createFirst(environmentId).isEmpty())
                throw new IllegalStateException("Environment " + environmentId + " does not exist");
            forgetList(environmentId);
            s = snapshot(environmentId);
        }
        String id = s.defaultId();
        return cached(id)
                .or(() -> db.withHandle(h -> store.find(h, id)).map(this::cache))
                .orElseThrow(() -> new IllegalStateException("Default signing key " + id + " vanished"));
    }

    /**
     * The CURRENT key of rotation policy {@code policyId} of the environment: what the tokens of an application that
     * uses the policy are signed with. Which key is CURRENT is read again when older than {@link #FRESHNESS}, as the
     * environment's default is, so a rotation on another node signs here within that bound. The environment's
     * default key when the policy does not exist (an application is refused a policy that does not exist, and a policy
     * in use cannot be deleted: this is only a guard).
     */
    public SigningKey policyKey(String environmentId, String policyId) {
        if (!Ids.isUuid(policyId)) return signingKey(environmentId);
        String id = policySnapshot(environmentId, policyId).currentId();
        if (id == null) return signingKey(environmentId);
        return cached(id)
                .or(() -> db.withHandle(h -> store.find(h, id)).map(this::cache))
                .orElseGet(() -> signingKey(environmentId));
    }

    /** After a change of a policy's keys on this node (creation, rotation, deletion): read them again. */
    void forgetPolicy(String environmentId, String policyId) {
        policies.remove(policyId);
        snapshots.remove(environmentId);
    }

    private PolicySnapshot policySnapshot(String environmentId, String policyId) {
        long now = System.currentTimeMillis();
        PolicySnapshot s = policies.get(policyId);
        if (s != null && (s.fresh(now) || !s.refreshing().compareAndSet(false, true))) return s;
        try {
            String current = db.withHandle(h -> h.createQuery(
                            "select current_key_id from key_rotation_policies where id = :id and environment_id = :env")
                    .bind("id", policyId)
                    .bind("env", environmentId)
                    .mapTo(String.class)
                    .findFirst()
                    .orElse(null));
            PolicySnapshot read = new PolicySnapshot(current, now, new AtomicBoolean());
            policies.put(policyId, read);
            return read;
        } finally {
            if (s != null) s.refreshing().set(false);
        }
    }

    /**
     * A key by its id ({@code kid}), from any environment, while it exists (as of at most {@link #FRESHNESS} ago).
     */
    public Optional<SigningKey> byId(String id) {
        // A kid comes from a token anyone can forge: no kid (a null map key) or one that is not our id never
        // reaches the cache or the database.
        if (id == null || !Ids.isUuid(id)) return Optional.empty();
        Optional<SigningKey> key =
                cached(id).or(() -> db.withHandle(h -> store.find(h, id)).map(this::cache));
        if (key.isEmpty()) return key;
        String env = key.get().environmentId();
        // A key missing from the list may be newer than the list (made on another node a moment ago): read again.
        if (snapshot(env).ids().contains(id) || reread(env).ids().contains(id)) return key;
        byId.remove(id);
        return Optional.empty();
    }

    /**
     * The public keys of the environment's JWKS: every signing key in its validity period, the default first. A
     * rotated-out key stays while it is valid, so tokens it signed still verify until they expire.
     */
    public JWKSet publicKeys(String environmentId) {
        return new JWKSet(published(environmentId).stream()
                .map(SigningKeyService::publicJwk)
                .toList());
    }

    /**
     * The JWS algorithms of the published keys, the default's first: what discovery's
     * {@code id_token_signing_alg_values_supported} says. RS256 before the environment's first key (its first key
     * will be RS256).
     */
    public List<String> algorithms(String environmentId) {
        List<SigningKeyStore.Row> rows = db.withHandle(h -> store.list(h, environmentId));
        Set<String> algs = new LinkedHashSet<>();
        rows.stream().filter(SigningKeyStore.Row::isDefault).forEach(r -> algs.add(r.algorithm()));
        publishable(rows).forEach(r -> algs.add(r.algorithm()));
        if (algs.isEmpty()) algs.add(JWSAlgorithm.RS256.getName());
        return List.copyOf(algs);
    }

    /** Forgets cached keys of a deleted environment. */
    public void forget(String environmentId) {
        snapshots.remove(environmentId);
        policies.clear();
        byId.values().removeIf(k -> k.environmentId().equals(environmentId));
    }

    /** After a change on this node: the next token reads the list again. */
    void forgetList(String environmentId) {
        snapshots.remove(environmentId);
    }

    KeyMaker maker() {
        return maker;
    }

    /** The private JWK of a stored key. */
    JWK unseal(SigningKeyStore.Row row) {
        try {
            return JWK.parse(box.decrypt(row.privateKeyEnc()));
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + row.id() + " is unreadable", e);
        }
    }

    private List<SigningKeyStore.Row> published(String environmentId) {
        List<SigningKeyStore.Row> rows = db.withHandle(h -> store.list(h, environmentId));
        // A policy's keys are no default: an environment with only those still gets its first key here.
        if (rows.stream().noneMatch(SigningKeyStore.Row::isDefault)
                && createFirst(environmentId).isPresent()) {
            forgetList(environmentId);
            rows = db.withHandle(h -> store.list(h, environmentId));
        }
        List<SigningKeyStore.Row> out = new ArrayList<>();
        rows.stream().filter(SigningKeyStore.Row::isDefault).forEach(out::add);
        publishable(rows).stream().filter(r -> !r.isDefault()).forEach(out::add);
        return out;
    }

    private static List<SigningKeyStore.Row> publishable(List<SigningKeyStore.Row> rows) {
        long now = System.currentTimeMillis();
        return rows.stream()
                .filter(r -> "SIGNING".equals(r.usageType()))
                // A policy's keys are published while the policy keeps them (NEXT, CURRENT, the previous CURRENT),
                // whatever their certificate says: PingOne only asks rotationPeriod < validityPeriod, so a key may
                // outlive its certificate while it still signs or its tokens are still valid.
                .filter(r -> r.ownedByPolicy()
                        || KeyStatus.of(r.startsAt(), r.expiresAt(), now).published())
                .toList();
    }

    private static JWK publicJwk(SigningKeyStore.Row r) {
        try {
            return JWK.parse(r.publicJwk());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private Snapshot snapshot(String environmentId) {
        long now = System.currentTimeMillis();
        Snapshot s = snapshots.get(environmentId);
        if (s != null && (s.fresh(now) || !s.refreshing().compareAndSet(false, true))) return s;
        try {
            return read(environmentId, now);
        } finally {
            if (s != null) s.refreshing().set(false);
        }
    }

    private Snapshot reread(String environmentId) {
        return read(environmentId, System.currentTimeMillis());
    }

    private Snapshot read(String environmentId, long now) {
        List<SigningKeyStore.Entry> entries = db.withHandle(h -> store.entries(h, environmentId));
        Set<String> ids = new java.util.HashSet<>();
        String defaultId = null;
        for (SigningKeyStore.Entry e : entries) {
            ids.add(e.id());
            if (e.isDefault()) defaultId = e.id();
        }
        Snapshot read = new Snapshot(defaultId, Set.copyOf(ids), now, new AtomicBoolean());
        // An empty list is not kept: the environment's first key is about to be made, or it does not exist.
        if (defaultId != null) snapshots.put(environmentId, read);
        return read;
    }

    /**
     * Creates the environment's first key, unless another request or process did meanwhile: the environment's row is
     * locked while looking, so concurrent first uses on any number of nodes end with one key, and all sign with it.
     * Empty when the environment does not exist.
     */
    private Optional<SigningKeyStore.Row> createFirst(String environmentId) {
        // Generated before the transaction: the lock is held for the look and the insert, not for the maths.
        SigningKeyStore.Row row = maker.make(Ids.newId(), environmentId, KeyMaker.firstKey(environmentId), true);
        return db.inTransaction(h -> {
            if (!store.lockEnvironment(h, environmentId)) return Optional.empty();
            Optional<SigningKeyStore.Row> existing = store.findDefault(h, environmentId);
            if (existing.isPresent()) return existing;
            store.insert(h, row);
            return Optional.of(row);
        });
    }

    private Optional<SigningKey> cached(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private SigningKey cache(SigningKeyStore.Row row) {
        return byId.computeIfAbsent(
                row.id(),
                id -> SigningKey.of(id, row.environmentId(), JWSAlgorithm.parse(row.algorithm()), unseal(row)));
    }
}
