package io.latchkey.sessions;

import io.latchkey.activities.ActivityDraft;
import io.latchkey.activities.ActivityLog;
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
    /** PingOne keeps at most 10 sessions per user, expired ones included; the oldest goes first. */
    public static final int KEPT_PER_USER = 10;
    /** A session used again within this long keeps its {@code activeAt}: SSO answers do not each cost a write. */
    static final long ACTIVITY_RESOLUTION_MILLIS = 60_000;

    private static final int USER_AGENT_MAX = 512;
    private static final int REMOTE_IP_MAX = 64;
    /** The single-sign-on session cookie, as PingOne names it; set when a sign-on completes. */
    public static final String COOKIE = "ST";

    private final Database db;
    private final ActivityLog activities;

    /** @param activities records {@code SESSION.CREATED} and {@code SESSION.DELETED} (sign-off) in their transactions */
    public SessionService(Database db, ActivityLog activities) {
        this.db = db;
        this.activities = activities;
    }

    /** A new session and the raw cookie value to hand to the browser. */
    public record Created(SignOnSession session, String cookieValue) {}

    /** @param acr the name of the sign-on policy the user completed; null when the environment has none */
    public Created create(Handle h, String env, String userId, List<String> amr, String acr) {
        String token = Secrets.token();
        long now = System.currentTimeMillis();
        SignOnSession s = new SignOnSession(
                Ids.newId(), env, userId, amr, acr, now, now, now + LIFETIME.toMillis(), now, null, null);
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
        dropBeyondKept(h, env, userId);
        activities.record(h, sessionActivity(env, "SESSION.CREATED", userId, s.id()));
        return new Created(s, token);
    }

    /**
     * Keeps the user's {@link #KEPT_PER_USER} newest live or expired sessions and forgets the rest, with the ended
     * ones (signed off or deleted), which nothing shows or accepts any more. Done at creation, in its transaction, so
     * the limit holds whatever reads the sessions.
     */
    private static void dropBeyondKept(Handle h, String env, String userId) {
        List<String> kept = h.createQuery("""
                        select id from signon_sessions
                        where environment_id = :env and user_id = :user and ended_at is null
                        order by created_at desc, id desc
                        limit :kept""")
                .bind("env", env)
                .bind("user", userId)
                .bind("kept", KEPT_PER_USER)
                .mapTo(String.class)
                .list();
        h.createUpdate("""
                        delete from signon_sessions
                        where environment_id = :env and user_id = :user and id not in (<kept>)""")
                .bind("env", env)
                .bind("user", userId)
                .bindList("kept", kept)
                .execute();
    }

    /**
     * Records where the sign-on that created session {@code id} came from. Written once the sign-on has answered,
     * outside its transaction: the flow step that completes a sign-on does not know the request's headers.
     */
    public void recordOrigin(String env, String id, String remoteIp, String userAgent) {
        db.withHandle(h -> h.createUpdate("""
                        update signon_sessions set remote_ip = :ip, user_agent = :ua
                        where environment_id = :env and id = :id""")
                .bind("ip", cut(remoteIp, REMOTE_IP_MAX))
                .bind("ua", cut(userAgent, USER_AGENT_MAX))
                .bind("env", env)
                .bind("id", id)
                .execute());
    }

    /** The session answered a sign-on again (SSO): its {@code activeAt} moves, at most once a minute. */
    public void touch(String env, String id) {
        long now = System.currentTimeMillis();
        db.withHandle(h -> h.createUpdate("""
                        update signon_sessions set last_used_at = :now
                        where environment_id = :env and id = :id and last_used_at < :since""")
                .bind("now", now)
                .bind("since", now - ACTIVITY_RESOLUTION_MILLIS)
                .bind("env", env)
                .bind("id", id)
                .execute());
    }

    /** The sessions of a user that were not ended (live or expired), newest first. */
    public List<SignOnSession> ofUser(String env, String userId) {
        return db.withHandle(h -> h.createQuery("""
                        select * from signon_sessions
                        where environment_id = :env and user_id = :user and ended_at is null
                        order by created_at desc, id desc""")
                .bind("env", env)
                .bind("user", userId)
                .map((rs, c) -> row(rs))
                .list());
    }

    /** One session of a user that was not ended, live or expired. */
    public Optional<SignOnSession> ofUser(String env, String userId, String id) {
        return db.withHandle(h -> h.createQuery("""
                        select * from signon_sessions
                        where environment_id = :env and user_id = :user and id = :id and ended_at is null""")
                .bind("env", env)
                .bind("user", userId)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst());
    }

    /**
     * Ends a session of a user; false when there is none (or it had ended). Its cookie answers no process any more,
     * since every process looks the cookie up in the database.
     */
    public boolean endOfUser(String env, String userId, String id) {
        return db.withHandle(h -> h.createUpdate("""
                                update signon_sessions set ended_at = :now
                                where environment_id = :env and user_id = :user and id = :id and ended_at is null""")
                        .bind("now", System.currentTimeMillis())
                        .bind("env", env)
                        .bind("user", userId)
                        .bind("id", id)
                        .execute())
                > 0;
    }

    private static String cut(String value, int max) {
        if (value == null) return null;
        // Control characters (a NUL, which PostgreSQL refuses) have no place in an address or a User-Agent.
        String clean = value.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty()) return null;
        return clean.length() <= max ? clean : clean.substring(0, max);
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
                rs.getLong("expires_at"),
                rs.getLong("last_used_at"),
                rs.getString("remote_ip"),
                rs.getString("user_agent"));
    }

    /** Ends a session (sign-off); tokens already issued stay valid until they expire, as in PingOne. */
    public void end(String env, String sessionId) {
        db.inTransaction(h -> {
            Optional<String> userId = h.createQuery("""
                            select user_id from signon_sessions
                            where environment_id = :env and id = :id and ended_at is null""")
                    .bind("env", env)
                    .bind("id", sessionId)
                    .mapTo(String.class)
                    .findFirst();
            // Only the request that ends it records it (two sign-offs at once: one activity).
            boolean ended = userId.isPresent()
                    && h.createUpdate("""
                                    update signon_sessions set ended_at = :now
                                    where environment_id = :env and id = :id and ended_at is null""")
                                    .bind("now", System.currentTimeMillis())
                                    .bind("env", env)
                                    .bind("id", sessionId)
                                    .execute()
                            == 1;
            if (ended) activities.record(h, sessionActivity(env, "SESSION.DELETED", userId.get(), sessionId));
            return null;
        });
    }

    /** The user is both who acted (signed on or off) and whose session it is. */
    private static ActivityDraft sessionActivity(String env, String type, String userId, String sessionId) {
        return ActivityDraft.of(env, type).byUser(userId, null).on("SESSION", sessionId, null);
    }
}
