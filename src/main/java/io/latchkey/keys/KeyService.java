package io.latchkey.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules of PingOne's keys API ({@code /v1/environments/{envId}/keys}) for signing keys: generate one (RSA
 * 2048/3072/4096 or EC P-256/P-384, with its self-signed certificate), make it the default (rotation), delete a
 * key that is not the default. Every change reaches the token path of this node at once and of every other node
 * within {@link SigningKeyService#FRESHNESS}.
 */
public final class KeyService {
    static final List<String> USAGE_TYPES = List.of("ENCRYPTION", "SIGNING", "SSL/TLS", "ISSUANCE", "OUTBOUND_MTLS");
    private static final int MAX_VALIDITY_DAYS = 365 * 100;

    private static final Shape CREATE = Shape.of()
            .string("name", f -> f.required().length(1, 256))
            .string("algorithm", f -> f.required().oneOf("RSA", "EC"))
            .integer("keyLength", f -> f.required())
            .string(
                    "signatureAlgorithm",
                    f -> f.required()
                            .oneOf(
                                    "SHA256withRSA",
                                    "SHA384withRSA",
                                    "SHA512withRSA",
                                    "SHA256withECDSA",
                                    "SHA384withECDSA",
                                    "SHA512withECDSA"))
            .string("subjectDN", f -> f.required().length(1, 1024))
            .string("issuerDN", f -> f.length(1, 1024))
            .integer("serialNumber", f -> f.min(1))
            .integer("validityPeriod", f -> f.required().range(1, MAX_VALIDITY_DAYS))
            .string("usageType", f -> f.required().oneOf(USAGE_TYPES.toArray(String[]::new)))
            .bool("default", f -> f.defaultValue(false));

    private static final Shape UPDATE = Shape.of()
            .bool("default", f -> f.required())
            .string("usageType", f -> f.required().oneOf(USAGE_TYPES.toArray(String[]::new)))
            .string("issuerDN", f -> f.length(1, 1024));

    /** A key as the API shows it. */
    record Key(SigningKeyStore.Row row, String keyType, int keyLength, String signatureAlgorithm, KeyStatus status) {
        int validityDays() {
            return (int) Math.round((row.expiresAt() - row.startsAt())
                    / (double) Duration.ofDays(1).toMillis());
        }
    }

    private final Database db;
    private final SigningKeyService signingKeys;
    private final SigningKeyStore store = new SigningKeyStore();

    public KeyService(Database db, SigningKeyService signingKeys) {
        this.db = db;
        this.signingKeys = signingKeys;
    }

    public Key create(String env, JsonNode body) {
        Validation v = new Validation();
        ObjectNode in = CREATE.read(body, v);
        KeyMaker.Spec spec = spec(in, v);
        v.throwIfAny();
        db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return null;
        });
        // Generated before the transaction (an RSA 4096 key takes seconds): the lock is held for the write only.
        SigningKeyStore.Row row = signingKeys.maker().make(Ids.newId(), env, spec, false);
        boolean asked = in.path("default").asBoolean();
        db.useTransaction(h -> {
            if (!store.lockEnvironment(h, env)) throw ApiException.notFound("Environment", env);
            // An environment without keys yet (made at first use) takes its first key as the default.
            boolean makeDefault = asked || store.findDefault(h, env).isEmpty();
            store.insert(h, row);
            if (makeDefault) store.makeDefault(h, env, row.id());
        });
        signingKeys.forgetList(env);
        return get(env, row.id());
    }

    public List<Key> list(String env) {
        return db
                .withHandle(h -> {
                    Database.requireEnvironment(h, env);
                    return store.list(h, env);
                })
                .stream()
                .filter(r -> !r.ownedByPolicy())
                .map(this::view)
                .toList();
    }

    public Key get(String env, String id) {
        return view(find(env, id));
    }

    /** The key's certificate (base64 DER), for the certificate exports. */
    public String certificate(String env, String id) {
        return view(find(env, id)).row().certificate();
    }

    /**
     * PUT accepts PingOne's {@code {default, usageType, issuerDN?}}. {@code default: true} makes the key the one
     * new tokens are signed with (the rotation); the previous default stays published while valid.
     */
    public Key update(String env, String id, JsonNode body) {
        Validation v = new Validation();
        ObjectNode in = UPDATE.read(body, v);
        v.throwIfAny();
        boolean makeDefault = in.get("default").asBoolean();
        db.useTransaction(h -> {
            store.lockEnvironment(h, env);
            SigningKeyStore.Row row = store.find(h, env, id).orElseThrow(() -> notFound(id));
            if (!in.get("usageType").asText().equals(row.usageType()))
                v.add(ErrorDetail.invalid("usageType", "The usageType of a key cannot be changed."));
            String issuer = row.issuerDn() != null ? row.issuerDn() : row.subjectDn();
            if (in.has("issuerDN") && !in.get("issuerDN").asText().equals(issuer))
                v.add(ErrorDetail.invalid(
                        "issuerDN",
                        "The issuerDN is part of the key's self-signed certificate; it cannot be changed."));
            if (!makeDefault && row.isDefault())
                v.add(ErrorDetail.invalid(
                        "default",
                        "The environment must keep a default signing key: make another key the default instead."));
            KeyStatus status = KeyStatus.of(row.startsAt(), row.expiresAt(), System.currentTimeMillis());
            if (makeDefault && !row.isDefault() && !status.published())
                v.add(ErrorDetail.invalid("default", "A key whose status is " + status + " cannot be the default."));
            v.throwIfAny();
            if (makeDefault && !row.isDefault()) store.makeDefault(h, env, id);
        });
        signingKeys.forgetList(env);
        return get(env, id);
    }

    /**
     * Deletes a key that is not the default. Tokens it signed stop verifying (introspection, userinfo, the
     * management API): at once on this node, within {@link SigningKeyService#FRESHNESS} on the others.
     */
    public void delete(String env, String id) {
        db.useTransaction(h -> {
            store.lockEnvironment(h, env);
            SigningKeyStore.Row row = store.find(h, env, id).orElseThrow(() -> notFound(id));
            if (row.isDefault())
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The default signing key cannot be deleted; make another key the default first."));
            store.delete(h, env, id);
        });
        signingKeys.forgetList(env);
    }

    private SigningKeyStore.Row find(String env, String id) {
        if (!Ids.isUuid(id)) throw notFound(id);
        return db.withHandle(h -> store.find(h, env, id)).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("key", id);
    }

    private static KeyMaker.Spec spec(ObjectNode in, Validation v) {
        if (in.has("usageType") && !in.get("usageType").asText().equals("SIGNING"))
            v.add(ErrorDetail.invalid("usageType", "Latchkey makes SIGNING keys only; usageType must be SIGNING."));
        for (String dn : List.of("subjectDN", "issuerDN")) {
            if (in.has(dn)
                    && !SelfSignedCertificates.isDistinguishedName(in.get(dn).asText()))
                v.add(ErrorDetail.invalid(dn, "'" + dn + "' must be a distinguished name such as CN=Example,O=Org."));
        }
        if (!in.has("algorithm") || !in.has("signatureAlgorithm") || !in.has("keyLength")) return null;
        String keyType = in.get("algorithm").asText();
        var algorithm =
                SigningAlgorithm.of(keyType, in.get("signatureAlgorithm").asText());
        if (algorithm.isEmpty()) {
            v.add(ErrorDetail.invalid(
                    "signatureAlgorithm",
                    "A " + keyType + " key signs with one of "
                            + String.join(", ", SigningAlgorithm.signatureAlgorithms(keyType)) + "."));
            return null;
        }
        int keyLength = (int) Math.min(Integer.MAX_VALUE, in.get("keyLength").asLong());
        if (!algorithm.get().keyLengths.contains(keyLength)) {
            v.add(ErrorDetail.invalid(
                    "keyLength",
                    "A " + keyType + " key with " + algorithm.get().signatureAlgorithm + " has a keyLength of "
                            + algorithm.get().keyLengths.stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", "))
                            + "."));
            return null;
        }
        if (!v.ok()) return null;
        return new KeyMaker.Spec(
                in.get("name").asText(),
                algorithm.get(),
                keyLength,
                in.get("subjectDN").asText(),
                in.has("issuerDN") ? in.get("issuerDN").asText() : null,
                in.has("serialNumber") ? in.get("serialNumber").asLong() : null,
                (int) in.get("validityPeriod").asLong());
    }

    /** The key as shown, with the certificate made first for a key from before V69. */
    private Key view(SigningKeyStore.Row stored) {
        SigningKeyStore.Row row = stored;
        if (stored.certificate() == null) {
            KeyMaker.Certificate c = signingKeys.maker().certificateOf(stored, signingKeys.unseal(stored));
            db.useTransaction(h -> store.setCertificate(h, stored.id(), c.base64Der(), c.serialNumber()));
            row = db.withHandle(h -> store.find(h, stored.environmentId(), stored.id()))
                    .orElse(stored);
        }
        SigningAlgorithm alg = SigningAlgorithm.ofJws(row.algorithm());
        return new Key(
                row,
                alg.keyType,
                keyLength(row),
                alg.signatureAlgorithm,
                KeyStatus.of(row.startsAt(), row.expiresAt(), System.currentTimeMillis()));
    }

    private static int keyLength(SigningKeyStore.Row row) {
        try {
            JWK jwk = JWK.parse(row.publicJwk());
            if (jwk instanceof ECKey ec)
                return ec.getCurve().toECParameterSpec().getCurve().getField().getFieldSize();
            return ((RSAKey) jwk).size();
        } catch (ParseException e) {
            throw new IllegalStateException("Stored public key " + row.id() + " is unreadable", e);
        }
    }
}
