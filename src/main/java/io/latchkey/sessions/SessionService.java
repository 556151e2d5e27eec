package io.latchkey.sessions;

import io.latchkey.crypto.Secrets;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Browser sessions (the {@code ST} cookie). The cookie value is a random token; only its hash is stored, so a
 * database read does not yield a usable session. A new value is issued at every sign-on (no session fixation).
 */
public final class SessionService {
    /** PingOne keeps a session for 30 days after sign-on. */
    public static final Duration LIFETIME = Duration.ofDays(30);
    /** The single-sign-on session cookie, as PingOne names it; set when a sign-on completes. */
    public static final String COOKIE = "ST";

    private final Database db;

    public SessionService(Database db) {
        this.db = db;
    }

    /** A new session and the raw cookie value to hand to the browser. */
    public record Created(SignOnSession session, String cookieValue) {}

    /** @param acr the name of the sign-on policy the user completed; null when the environment has none */
    public Created create(Handle h, String env, String userId, List<String> amr, String acr) {
        String token = Secrets.token();
        long now = System.currentTimeMillis();
        SignOnSession s = new SignOnSession(Ids.newId(), env, userId, amr, acr, now, now, now + LIFETIME.toMillis());
        h.createUpdate("""
                insert into signon_sessions (id, environment_id, token_hash, user_id, amr, acr, auth_time, created_at,
                                             last_used_at, expires_at)
                values (:id, :env, :hash, :user, :amr, :acr, :authTime, :now, :now, :expires)""")
                .bind("id", s.id())
                .bind("env", env)
                .bind("hash", Secrets.hash(token))
                .bind("user", userId)
                .bind("amr", String.join(" ", amr))
                .bind("acr", acr)
                .bind("authTime", now)
                .bind("now", now)
                .bind("expires", s.expiresAt())
                .execute();
        return new Created(s, token);
    }

    /** The live session a cookie value belongs to, if any. */
    public Optional<SignOnSession> fromCookie(String env, String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 128) return Optional.empty();
        return db.withHandle(h -> h.createQuery("""
                        select * from signon_sessions where environment_id = :env and token_hash = :hash
                        and ended_at is null and expires_at > :now""")
                .bind("env", env)
                .bind("hash", Secrets.hash(cookieValue))
                .bind("now", System.currentTimeMillis())
                .map((rs, c) -> row(rs))
                .findFirst());
    }

    public Optional<SignOnSession> byId(String env, String id) {
        return db.withHandle(h -> h.createQuery("""
                        select * from signon_sessions where environment_id = :env and id = :id and ended_at is null and expires_at > :now""")
                .bind("env", env)
                .bind("id", id)
                .bind("now", System.currentTimeMillis())
                .map((rs, c) -> row(rs))
                .findFirst());
    }

    private static SignOnSession row(ResultSet rs) throws SQLException {
        return new SignOnSession(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("user_id"),
                Arrays.asList(rs.getString("amr").split(" ")),
                rs.getString("acr"),
                rs.getLong("auth_time"),
                rs.getLong("created_at"),
                rs.getLong("expires_at"));
    }

    /** Ends a session (sign-off); tokens already issued stay valid until they expire, as in PingOne. */
    public void end(String env, String sessionId) {
        db.withHandle(h -> h.createUpdate(
                        "update signon_sessions set ended_at = :now where environment_id = :env and id = :id")
                .bind("now", System.currentTimeMillis())
                .bind("env", env)
                .bind("id", sessionId)
                .execute());
    }
}
