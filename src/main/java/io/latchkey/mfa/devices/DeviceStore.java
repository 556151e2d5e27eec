package io.latchkey.mfa.devices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code mfa_devices}, plus the few columns of {@code users} and {@code environments} devices need (read
 * here, as {@code passwords.PasswordStore} does, so that this package does not depend on {@code users}).
 */
final class DeviceStore {
    /** Active devices in their order first (explicit, then by activation), then the ones waiting for activation. */
    private static final String ORDER = " order by position nulls last, activated_at nulls last, created_at, id";

    /** The user's username, locking the user's row so that concurrent creates count each other's devices. */
    Optional<String> lockUser(Handle h, String env, String userId) {
        return h.createQuery("select username from users where environment_id = :env and id = :id for update")
                .bind("env", env)
                .bind("id", userId)
                .mapTo(String.class)
                .findFirst();
    }

    Optional<String> username(Handle h, String env, String userId) {
        return h.createQuery("select username from users where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", userId)
                .mapTo(String.class)
                .findFirst();
    }

    Optional<String> environmentName(Handle h, String env) {
        return h.createQuery("select name from environments where id = :env")
                .bind("env", env)
                .mapTo(String.class)
                .findFirst();
    }

    int count(Handle h, String env, String userId) {
        return h.createQuery("select count(*) from mfa_devices where environment_id = :env and user_id = :user")
                .bind("env", env)
                .bind("user", userId)
                .mapTo(Integer.class)
                .one();
    }

    /** Whether a FIDO2 credential of the environment has this ID already. */
    boolean credentialInUse(Handle h, String env, String credentialId) {
        return h.createQuery(
                                "select count(*) from mfa_devices where environment_id = :env and fido2_credential_id = :id")
                        .bind("env", env)
                        .bind("id", credentialId)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    void insert(Handle h, Device d) {
        var insert = h.createUpdate("""
                insert into mfa_devices (id, environment_id, user_id, type, status, nickname, email, phone, policy_id,
                    secret_enc, last_totp_step, otp_hash, otp_expires_at, failed_count, locked_until, position,
                    created_at, updated_at, activated_at, fido2_options, fido2_credential_id, fido2_credential,
                    fido2_sign_count, fido2_backup_eligible, fido2_attachment, fido2_rp_id)
                values (:id, :env, :user, :type, :status, :nickname, :email, :phone, :policy, :secret, :step, :otp,
                    :otpExpires, :failed, :locked, :position, :created, :updated, :activated, :fOptions, :fId, :fCred,
                    :fCount, :fBackup, :fAttachment, :fRp)""")
                .bind("id", d.id())
                .bind("env", d.environmentId())
                .bind("user", d.userId())
                .bind("type", d.type().name())
                .bind("status", d.status().name())
                .bind("nickname", d.nickname())
                .bind("email", d.email())
                .bind("phone", d.phone())
                .bind("policy", d.policyId())
                .bind("secret", d.secretEnc())
                .bind("step", d.lastTotpStep())
                .bind("otp", d.otpHash())
                .bind("otpExpires", d.otpExpiresAt())
                .bind("failed", d.failedCount())
                .bind("locked", d.lockedUntil())
                .bind("position", d.position())
                .bind("created", d.createdAt())
                .bind("updated", d.updatedAt())
                .bind("activated", d.activatedAt());
        bindFido2(insert, d.fido2()).execute();
    }

    /** Writes what a device's life changes: status, nickname, code, counters, lock, TOTP step, times. */
    void update(Handle h, Device d) {
        var update = h.createUpdate("""
                update mfa_devices set status = :status, nickname = :nickname, last_totp_step = :step, otp_hash = :otp,
                    otp_expires_at = :otpExpires, failed_count = :failed, locked_until = :locked, updated_at = :updated,
                    activated_at = :activated, fido2_options = :fOptions, fido2_credential_id = :fId,
                    fido2_credential = :fCred, fido2_sign_count = :fCount, fido2_backup_eligible = :fBackup,
                    fido2_attachment = :fAttachment, fido2_rp_id = :fRp
                where environment_id = :env and user_id = :user and id = :id""")
                .bind("status", d.status().name())
                .bind("nickname", d.nickname())
                .bind("step", d.lastTotpStep())
                .bind("otp", d.otpHash())
                .bind("otpExpires", d.otpExpiresAt())
                .bind("failed", d.failedCount())
                .bind("locked", d.lockedUntil())
                .bind("updated", d.updatedAt())
                .bind("activated", d.activatedAt())
                .bind("env", d.environmentId())
                .bind("user", d.userId())
                .bind("id", d.id());
        bindFido2(update, d.fido2()).execute();
    }

    private static org.jdbi.v3.core.statement.Update bindFido2(org.jdbi.v3.core.statement.Update u, Fido2Credential f) {
        return u.bind("fOptions", f == null ? null : f.creationOptions())
                .bind("fId", f == null ? null : f.credentialId())
                .bind("fCred", f == null ? null : f.attestedCredentialData())
                .bind("fCount", f == null ? null : f.signCount())
                .bind("fBackup", f == null ? null : f.backupEligible())
                .bind("fAttachment", f == null ? null : f.attachment())
                .bind("fRp", f == null ? null : f.rpId());
    }

    Optional<Device> find(Handle h, String env, String userId, String id, boolean forUpdate) {
        return h.createQuery("select * from mfa_devices where environment_id = :env and user_id = :user and id = :id"
                        + (forUpdate ? " for update" : ""))
                .bind("env", env)
                .bind("user", userId)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    List<Device> list(Handle h, String env, String userId) {
        return h.createQuery("select * from mfa_devices where environment_id = :env and user_id = :user" + ORDER)
                .bind("env", env)
                .bind("user", userId)
                .map((rs, c) -> row(rs))
                .list();
    }

    boolean delete(Handle h, String env, String userId, String id) {
        return h.createUpdate("delete from mfa_devices where environment_id = :env and user_id = :user and id = :id")
                        .bind("env", env)
                        .bind("user", userId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** Gives {@code ids} the places 0, 1, ... and every other device of the user no place. */
    void setOrder(Handle h, String env, String userId, List<String> ids, long now) {
        clearOrder(h, env, userId, now);
        for (int i = 0; i < ids.size(); i++) {
            h.createUpdate("update mfa_devices set position = :p, updated_at = :now"
                            + " where environment_id = :env and user_id = :user and id = :id")
                    .bind("p", i)
                    .bind("now", now)
                    .bind("env", env)
                    .bind("user", userId)
                    .bind("id", ids.get(i))
                    .execute();
        }
    }

    void clearOrder(Handle h, String env, String userId, long now) {
        h.createUpdate("update mfa_devices set position = null, updated_at = :now"
                        + " where environment_id = :env and user_id = :user and position is not null")
                .bind("now", now)
                .bind("env", env)
                .bind("user", userId)
                .execute();
    }

    private static Device row(ResultSet rs) throws SQLException {
        return new Device(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("user_id"),
                DeviceType.valueOf(rs.getString("type")),
                DeviceStatus.valueOf(rs.getString("status")),
                rs.getString("nickname"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("policy_id"),
                rs.getString("secret_enc"),
                rs.getObject("last_totp_step", Long.class),
                rs.getString("otp_hash"),
                rs.getObject("otp_expires_at", Long.class),
                rs.getInt("failed_count"),
                rs.getObject("locked_until", Long.class),
                rs.getObject("position", Integer.class),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                rs.getObject("activated_at", Long.class),
                fido2(rs));
    }

    private static Fido2Credential fido2(ResultSet rs) throws SQLException {
        String options = rs.getString("fido2_options");
        String credentialId = rs.getString("fido2_credential_id");
        if (options == null && credentialId == null) return null;
        return new Fido2Credential(
                options,
                credentialId,
                rs.getString("fido2_credential"),
                rs.getLong("fido2_sign_count"),
                rs.getBoolean("fido2_backup_eligible"),
                rs.getString("fido2_attachment"),
                rs.getString("fido2_rp_id"));
    }
}
