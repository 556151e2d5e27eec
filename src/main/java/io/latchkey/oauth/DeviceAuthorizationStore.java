package io.latchkey.oauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code device_authorizations}. Every change is a conditional update on the state it expects, so that two
 * nodes answering the same device or the same user never both win.
 */
final class DeviceAuthorizationStore {

    void insert(Handle h, DeviceAuthorization d, String deviceCodeHash, String userCodeHash, long createdAt) {
        h.createUpdate("""
                insert into device_authorizations (id, environment_id, application_id, device_code_hash, user_code_hash,
                                                   scopes, status, interval_seconds, grant_id, created_at, expires_at)
                values (:id, :env, :app, :deviceHash, :userHash, :scopes, :status, :interval, :grant, :now, :expires)""")
                .bind("id", d.id())
                .bind("env", d.environmentId())
                .bind("app", d.applicationId())
                .bind("deviceHash", deviceCodeHash)
                .bind("userHash", userCodeHash)
                .bind("scopes", String.join(" ", d.scopes()))
                .bind("status", d.status().name())
                .bind("interval", d.intervalSeconds())
                .bind("grant", d.grantId())
                .bind("now", createdAt)
                .bind("expires", d.expiresAt())
                .execute();
    }

    Optional<DeviceAuthorization> byDeviceCode(Handle h, String env, String deviceCodeHash) {
        return h.createQuery(
                        "select * from device_authorizations where environment_id = :env and device_code_hash = :hash")
                .bind("env", env)
                .bind("hash", deviceCodeHash)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    Optional<DeviceAuthorization> byUserCode(Handle h, String env, String userCodeHash) {
        return h.createQuery(
                        "select * from device_authorizations where environment_id = :env and user_code_hash = :hash")
                .bind("env", env)
                .bind("hash", userCodeHash)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    Optional<DeviceAuthorization> byId(Handle h, String env, String id) {
        return h.createQuery("select * from device_authorizations where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    /** Records a poll of a pending row if it keeps to the interval; false when it came too early. */
    boolean pollOnPace(Handle h, String env, String id, long now) {
        return h.createUpdate("""
                update device_authorizations set last_polled_at = :now
                where environment_id = :env and id = :id and status = 'PENDING'
                  and (last_polled_at is null or last_polled_at + interval_seconds * 1000 <= :now)""")
                        .bind("now", now)
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                == 1;
    }

    /** A poll that came too early: the interval grows by {@code seconds} (RFC 8628 §3.5). */
    void slowDown(Handle h, String env, String id, long now, int seconds) {
        h.createUpdate("""
                update device_authorizations set last_polled_at = :now, interval_seconds = interval_seconds + :more
                where environment_id = :env and id = :id and status = 'PENDING'""")
                .bind("now", now)
                .bind("more", seconds)
                .bind("env", env)
                .bind("id", id)
                .execute();
    }

    /** The user's decision on a pending, unexpired row; false when it was decided already or has expired. */
    boolean decide(
            Handle h,
            String env,
            String id,
            DeviceAuthorization.Status status,
            String userId,
            TokenGrant.SignOn signOn,
            long now) {
        return h.createUpdate("""
                update device_authorizations set status = :status, user_id = :user, session_id = :session,
                                                 auth_time = :authTime, acr = :acr, amr = :amr, decided_at = :now
                where environment_id = :env and id = :id and status = 'PENDING' and expires_at > :now""")
                        .bind("status", status.name())
                        .bind("user", userId)
                        .bind("session", signOn == null ? null : signOn.sessionId())
                        .bind("authTime", signOn == null ? null : signOn.authTime())
                        .bind("acr", signOn == null ? null : signOn.acr())
                        .bind("amr", signOn == null ? null : String.join(" ", signOn.amr()))
                        .bind("now", now)
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                == 1;
    }

    /** Spends an approved row, in the transaction that writes its tokens; false when it was spent already. */
    boolean spend(Handle h, String env, String id, long now) {
        return h.createUpdate("""
                update device_authorizations set used_at = :now
                where environment_id = :env and id = :id and status = 'APPROVED' and used_at is null""")
                        .bind("now", now)
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                == 1;
    }

    private static DeviceAuthorization row(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        String amr = rs.getString("amr");
        Long authTime = rs.getObject("auth_time", Long.class);
        TokenGrant.SignOn signOn = authTime == null
                ? null
                : new TokenGrant.SignOn(
                        rs.getString("session_id"),
                        authTime,
                        rs.getString("acr"),
                        amr == null || amr.isEmpty() ? List.of() : Arrays.asList(amr.split(" ")));
        return new DeviceAuthorization(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("application_id"),
                scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")),
                DeviceAuthorization.Status.valueOf(rs.getString("status")),
                rs.getInt("interval_seconds"),
                rs.getString("grant_id"),
                rs.getString("user_id"),
                signOn,
                rs.getLong("expires_at"),
                rs.getObject("used_at", Long.class));
    }
}
