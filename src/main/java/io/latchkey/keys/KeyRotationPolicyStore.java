package io.latchkey.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code key_rotation_policies}; their keys are rows of {@code signing_keys} ({@link SigningKeyStore}). */
final class KeyRotationPolicyStore {

    void insert(Handle h, KeyRotationPolicy p) {
        h.createUpdate("""
                insert into key_rotation_policies (id, environment_id, name, dn, algorithm, key_length,
                    signature_algorithm, usage_type, rotation_period, validity_period, current_key_id, next_key_id,
                    previous_key_id, rotated_at, created_at)
                values (:id, :environmentId, :name, :dn, :algorithm, :keyLength, :signatureAlgorithm, :usageType,
                    :rotationPeriod, :validityPeriod, :currentKeyId, :nextKeyId, :previousKeyId, :rotatedAt, :createdAt)""").bindMethods(p).execute();
    }

    /** PUT: the specification and schedule; the keys and {@code rotatedAt} are the policy's own. */
    void updateSpec(Handle h, KeyRotationPolicy p) {
        h.createUpdate("""
                update key_rotation_policies set name = :name, dn = :dn, algorithm = :algorithm,
                    key_length = :keyLength, signature_algorithm = :signatureAlgorithm, usage_type = :usageType,
                    rotation_period = :rotationPeriod, validity_period = :validityPeriod
                 where environment_id = :environmentId and id = :id""").bindMethods(p).execute();
    }

    Optional<KeyRotationPolicy> find(Handle h, String environmentId, String id) {
        return h.createQuery("select * from key_rotation_policies where environment_id = :env and id = :id")
                .bind("env", environmentId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** The policy, its row locked until the transaction ends: serialises its deletion with its first use by an app. */
    Optional<KeyRotationPolicy> lock(Handle h, String environmentId, String id) {
        return h.createQuery("select * from key_rotation_policies where environment_id = :env and id = :id for update")
                .bind("env", environmentId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    List<KeyRotationPolicy> list(Handle h, String environmentId) {
        return h.createQuery("select * from key_rotation_policies where environment_id = :env order by created_at, id")
                .bind("env", environmentId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /**
     * Policies that may be due: rotated at least the shortest period (30 days) ago; each one's own period is checked
     * by the caller (an integer of days times milliseconds overflows PostgreSQL's integer arithmetic).
     */
    List<KeyRotationPolicy> possiblyDue(Handle h, long rotatedBefore) {
        return h.createQuery("select * from key_rotation_policies where rotated_at <= :before")
                .bind("before", rotatedBefore)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /**
     * The rotation, as a conditional update: NEXT becomes CURRENT, CURRENT becomes the previous, {@code newNext} the
     * NEXT. Only if the policy still has the keys it was read with, so that of several processes rotating at once
     * exactly one does it (the others' updates find the row changed, after waiting for its lock). True when done.
     */
    boolean rotate(Handle h, KeyRotationPolicy read, String newNext, long now) {
        return h.createUpdate("""
                        update key_rotation_policies
                           set previous_key_id = current_key_id, current_key_id = next_key_id,
                               next_key_id = :newNext, rotated_at = :now
                         where id = :id and current_key_id = :current and next_key_id = :next""")
                        .bind("newNext", newNext)
                        .bind("now", now)
                        .bind("id", read.id())
                        .bind("current", read.currentKeyId())
                        .bind("next", read.nextKeyId())
                        .execute()
                == 1;
    }

    void delete(Handle h, String environmentId, String id) {
        h.createUpdate("delete from key_rotation_policies where environment_id = :env and id = :id")
                .bind("env", environmentId)
                .bind("id", id)
                .execute();
    }

    private static KeyRotationPolicy row(ResultSet rs) throws SQLException {
        return new KeyRotationPolicy(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getString("dn"),
                rs.getString("algorithm"),
                rs.getInt("key_length"),
                rs.getString("signature_algorithm"),
                rs.getString("usage_type"),
                rs.getInt("rotation_period"),
                rs.getInt("validity_period"),
                rs.getString("current_key_id"),
                rs.getString("next_key_id"),
                rs.getString("previous_key_id"),
                rs.getLong("rotated_at"),
                rs.getLong("created_at"));
    }
}
