package io.latchkey.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code signing_keys}: the public JWK and certificate in clear, the private JWK sealed by the master key. */
public final class SigningKeyStore {
    public record Row(
            String id,
            String environmentId,
            String algorithm,
            String publicJwk,
            String privateKeyEnc,
            boolean isDefault,
            long createdAt,
            long expiresAt,
            String name,
            String subjectDn,
            String issuerDn,
            Long serialNumber,
            long startsAt,
            String usageType,
            String certificate,
            String rotationPolicyId) {
        /** A key of a key rotation policy: not the environment's, not listed by the keys API. */
        boolean ownedByPolicy() {
            return rotationPolicyId != null;
        }
    }

    /** What the token path needs to know of an environment's keys: which exist, and which is the default. */
    record Entry(String id, boolean isDefault) {}

    void insert(Handle h, Row r) {
        h.createUpdate("""
                insert into signing_keys (id, environment_id, algorithm, public_jwk, private_key_enc, is_default,
                    created_at, expires_at, name, subject_dn, issuer_dn, serial_number, starts_at, usage_type, certificate,
                    rotation_policy_id)
                values (:id, :environmentId, :algorithm, :publicJwk, :privateKeyEnc, :isDefault,
                    :createdAt, :expiresAt, :name, :subjectDn, :issuerDn, :serialNumber, :startsAt, :usageType, :certificate,
                    :rotationPolicyId)""").bindMethods(r).execute();
    }

    /** Locks the environment's row (serialising changes of its default key); false when it does not exist. */
    boolean lockEnvironment(Handle h, String environmentId) {
        return h.createQuery("select id from environments where id = :env for update")
                .bind("env", environmentId)
                .mapTo(String.class)
                .findFirst()
                .isPresent();
    }

    Optional<Row> findDefault(Handle h, String environmentId) {
        return h.createQuery(
                        "select * from signing_keys where environment_id = :env and is_default order by created_at desc")
                .bind("env", environmentId)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** A key by id from any environment (a token's {@code kid} names no environment). */
    Optional<Row> find(Handle h, String id) {
        return h.createQuery("select * from signing_keys where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** An environment key of the keys API (a policy's keys are the policy's: not found here). */
    Optional<Row> find(Handle h, String environmentId, String id) {
        return h.createQuery(
                        "select * from signing_keys where environment_id = :env and id = :id and rotation_policy_id is null")
                .bind("env", environmentId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    List<Row> list(Handle h, String environmentId) {
        return h.createQuery("select * from signing_keys where environment_id = :env order by created_at, id")
                .bind("env", environmentId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    List<Entry> entries(Handle h, String environmentId) {
        return h.createQuery("select id, is_default from signing_keys where environment_id = :env")
                .bind("env", environmentId)
                .map((rs, ctx) -> new Entry(rs.getString("id"), rs.getBoolean("is_default")))
                .list();
    }

    /** Makes {@code id} the environment's one default key. */
    void makeDefault(Handle h, String environmentId, String id) {
        h.createUpdate("update signing_keys set is_default = (id = :id) where environment_id = :env")
                .bind("env", environmentId)
                .bind("id", id)
                .execute();
    }

    /** Deletes a key a rotation policy no longer keeps. */
    void deletePolicyKey(Handle h, String policyId, String id) {
        h.createUpdate("delete from signing_keys where rotation_policy_id = :policy and id = :id")
                .bind("policy", policyId)
                .bind("id", id)
                .execute();
    }

    void delete(Handle h, String environmentId, String id) {
        h.createUpdate("delete from signing_keys where environment_id = :env and id = :id")
                .bind("env", environmentId)
                .bind("id", id)
                .execute();
    }

    /** Stores the certificate made for a key from before V69, unless another request or process did first. */
    void setCertificate(Handle h, String id, String certificate, long serialNumber) {
        h.createUpdate("""
                update signing_keys set certificate = :cert, serial_number = :serial
                 where id = :id and certificate is null""")
                .bind("id", id)
                .bind("cert", certificate)
                .bind("serial", serialNumber)
                .execute();
    }

    private static Row row(ResultSet rs) throws SQLException {
        long serial = rs.getLong("serial_number");
        Long serialNumber = rs.wasNull() ? null : serial;
        return new Row(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("algorithm"),
                rs.getString("public_jwk"),
                rs.getString("private_key_enc"),
                rs.getBoolean("is_default"),
                rs.getLong("created_at"),
                rs.getLong("expires_at"),
                rs.getString("name"),
                rs.getString("subject_dn"),
                rs.getString("issuer_dn"),
                serialNumber,
                rs.getLong("starts_at"),
                rs.getString("usage_type"),
                rs.getString("certificate"),
                rs.getString("rotation_policy_id"));
    }
}
