package io.latchkey.passwords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code user_passwords}, {@code password_history} and {@code password_recovery}, and the few columns of
 * {@code users} the password rules need (read here so that this package does not depend on {@code users}).
 */
public final class PasswordStore {

    /** The user as the password rules see it. {@code adminLockedAt} is set while account.lock holds. */
    public record Subject(
            String id,
            String environmentId,
            String populationId,
            boolean enabled,
            Long adminLockedAt,
            ObjectNode profile) {}

    /** The current password and its lockout counter. */
    public record Current(
            String hash, long changedAt, boolean forceChange, boolean setByUser, int failedCount, Long lockedUntil) {}

    public Optional<Subject> subject(Handle h, String env, String userId) {
        return h.createQuery(
                        "select id, environment_id, population_id, enabled, locked_at, doc from users where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", userId)
                .map((rs, c) -> new Subject(
                        rs.getString("id"),
                        rs.getString("environment_id"),
                        rs.getString("population_id"),
                        rs.getBoolean("enabled"),
                        (Long) rs.getObject("locked_at", Long.class),
                        Json.parseObject(rs.getString("doc"))))
                .findFirst();
    }

    public Optional<Current> current(Handle h, String env, String userId, boolean forUpdate) {
        return h.createQuery("select * from user_passwords where environment_id = :env and user_id = :id"
                        + (forUpdate ? " for update" : ""))
                .bind("env", env)
                .bind("id", userId)
                .map((rs, c) -> new Current(
                        rs.getString("hash"),
                        rs.getLong("changed_at"),
                        rs.getBoolean("force_change"),
                        rs.getBoolean("set_by_user"),
                        rs.getInt("failed_count"),
                        (Long) rs.getObject("locked_until", Long.class)))
                .findFirst();
    }

    /** Replaces the current password (the lockout counter starts again). */
    public void put(
            Handle h, String env, String userId, String hash, long now, boolean forceChange, boolean setByUser) {
        int updated = h.createUpdate("""
                update user_passwords set hash = :hash, changed_at = :now, force_change = :force, set_by_user = :byUser,
                failed_count = 0, locked_until = null where environment_id = :env and user_id = :id""")
                .bind("hash", hash)
                .bind("now", now)
                .bind("force", forceChange)
                .bind("byUser", setByUser)
                .bind("env", env)
                .bind("id", userId)
                .execute();
        if (updated == 0) {
            h.createUpdate("""
                    insert into user_passwords (user_id, environment_id, hash, changed_at, force_change, set_by_user, failed_count, locked_until)
                    values (:id, :env, :hash, :now, :force, :byUser, 0, null)""")
                    .bind("hash", hash)
                    .bind("now", now)
                    .bind("force", forceChange)
                    .bind("byUser", setByUser)
                    .bind("env", env)
                    .bind("id", userId)
                    .execute();
        }
    }

    /** First passwords of new users (no row yet), as one JDBC batch. */
    public void insertAll(Handle h, String env, List<PasswordService.NewPassword> passwords, long now) {
        if (passwords.isEmpty()) return;
        var batch = h.prepareBatch("""
                insert into user_passwords (user_id, environment_id, hash, changed_at, force_change, set_by_user, failed_count, locked_until)
                values (:id, :env, :hash, :now, :force, false, 0, null)""");
        for (PasswordService.NewPassword p : passwords) {
            batch.bind("id", p.userId())
                    .bind("env", env)
                    .bind("hash", p.encoded())
                    .bind("now", now)
                    .bind("force", p.forceChange())
                    .add();
        }
        batch.execute();
    }

    public void rehash(Handle h, String env, String userId, String hash) {
        h.createUpdate("update user_passwords set hash = :hash where environment_id = :env and user_id = :id")
                .bind("hash", hash)
                .bind("env", env)
                .bind("id", userId)
                .execute();
    }

    public void setCounter(Handle h, String env, String userId, int failedCount, Long lockedUntil) {
        h.createUpdate(
                        "update user_passwords set failed_count = :n, locked_until = :until where environment_id = :env and user_id = :id")
                .bind("n", failedCount)
                .bind("until", lockedUntil)
                .bind("env", env)
                .bind("id", userId)
                .execute();
    }

    public void forceChange(Handle h, String env, String userId, boolean force) {
        h.createUpdate("update user_passwords set force_change = :force where environment_id = :env and user_id = :id")
                .bind("force", force)
                .bind("env", env)
                .bind("id", userId)
                .execute();
    }

    // ---- history

    /** Hashes of earlier passwords, newest first, created after {@code since}. */
    public List<String> history(Handle h, String env, String userId, long since, int limit) {
        return h.createQuery("""
                select hash from password_history where environment_id = :env and user_id = :id and created_at >= :since
                order by created_at desc, id desc limit :limit""")
                .bind("env", env)
                .bind("id", userId)
                .bind("since", since)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    public void addHistory(Handle h, String env, String userId, String hash, long now) {
        h.createUpdate(
                        "insert into password_history (id, user_id, environment_id, hash, created_at) values (:id, :user, :env, :hash, :now)")
                .bind("id", Ids.newId())
                .bind("user", userId)
                .bind("env", env)
                .bind("hash", hash)
                .bind("now", now)
                .execute();
    }

    /** Keeps the newest {@code keep} history entries of the user. */
    public void trimHistory(Handle h, String env, String userId, int keep) {
        List<String> ids = h.createQuery("""
                select id from password_history where environment_id = :env and user_id = :user order by created_at desc, id desc""")
                .bind("env", env)
                .bind("user", userId)
                .mapTo(String.class)
                .list();
        if (ids.size() <= keep) return;
        h.createUpdate("delete from password_history where environment_id = :env and id in (<ids>)")
                .bind("env", env)
                .bindList("ids", ids.subList(keep, ids.size()))
                .execute();
    }

    // ---- recovery codes

    public record Recovery(String codeHash, long expiresAt, int attempts) {}

    public void putRecovery(Handle h, String env, String userId, String codeHash, long expiresAt) {
        h.createUpdate("delete from password_recovery where environment_id = :env and user_id = :id")
                .bind("env", env)
                .bind("id", userId)
                .execute();
        h.createUpdate(
                        "insert into password_recovery (user_id, environment_id, code_hash, expires_at, attempts) values (:id, :env, :hash, :exp, 0)")
                .bind("id", userId)
                .bind("env", env)
                .bind("hash", codeHash)
                .bind("exp", expiresAt)
                .execute();
    }

    public Optional<Recovery> recovery(Handle h, String env, String userId) {
        return h.createQuery("select * from password_recovery where environment_id = :env and user_id = :id for update")
                .bind("env", env)
                .bind("id", userId)
                .map((rs, c) ->
                        new Recovery(rs.getString("code_hash"), rs.getLong("expires_at"), rs.getInt("attempts")))
                .findFirst();
    }

    public void recoveryAttempt(Handle h, String env, String userId, int attempts) {
        h.createUpdate("update password_recovery set attempts = :n where environment_id = :env and user_id = :id")
                .bind("n", attempts)
                .bind("env", env)
                .bind("id", userId)
                .execute();
    }

    public void deleteRecovery(Handle h, String env, String userId) {
        h.createUpdate("delete from password_recovery where environment_id = :env and user_id = :id")
                .bind("env", env)
                .bind("id", userId)
                .execute();
    }
}
