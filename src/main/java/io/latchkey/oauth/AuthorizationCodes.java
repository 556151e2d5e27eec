package io.latchkey.oauth;

import io.latchkey.crypto.Secrets;
import io.latchkey.storage.Database;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Authorization codes: random, single use, short-lived, stored only as hashes. */
public final class AuthorizationCodes {
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final Database db;

    public AuthorizationCodes(Database db) {
        this.db = db;
    }

    /** What a code stands for: the authorization request it answers, and the sign-on. */
    public record Code(
            String environmentId,
            String applicationId,
            String grantId,
            String userId,
            AuthorizeRequest request,
            TokenGrant.SignOn signOn,
            long expiresAt,
            Long usedAt) {}

    /**
     * Issues a code; returns its raw value (only ever shown to the client).
     *
     * @param grantId the authorization grant it starts: every token it leads to (and, in a hybrid flow, the tokens
     *                issued beside it) belongs to it
     */
    public String issue(
            String env,
            String applicationId,
            String userId,
            AuthorizeRequest request,
            TokenGrant.SignOn signOn,
            String grantId) {
        String code = Secrets.token();
        long now = System.currentTimeMillis();
        db.withHandle(h -> h.createUpdate("""
                insert into authorization_codes (code_hash, environment_id, application_id, grant_id, user_id, session_id,
                                                 request, auth_time, acr, amr, created_at, expires_at)
                values (:hash, :env, :app, :grant, :user, :session, :request, :authTime, :acr, :amr, :now, :expires)""")
                .bind("hash", Secrets.hash(code))
                .bind("env", env)
                .bind("app", applicationId)
                .bind("grant", grantId)
                .bind("user", userId)
                .bind("session", signOn.sessionId())
                .bind("request", request.toJson())
                .bind("authTime", signOn.authTime())
                .bind("acr", signOn.acr())
                .bind("amr", String.join(" ", signOn.amr()))
                .bind("now", now)
                .bind("expires", now + LIFETIME.toMillis())
                .execute());
        return code;
    }

    public Optional<Code> find(String env, String code) {
        if (code == null || code.length() > 256) return Optional.empty();
        return db.withHandle(h -> h.createQuery(
                        "select * from authorization_codes where environment_id = :env and code_hash = :hash")
                .bind("env", env)
                .bind("hash", Secrets.hash(code))
                .map((rs, c) -> new Code(
                        rs.getString("environment_id"),
                        rs.getString("application_id"),
                        rs.getString("grant_id"),
                        rs.getString("user_id"),
                        AuthorizeRequest.fromJson(rs.getString("request")),
                        new TokenGrant.SignOn(
                                rs.getString("session_id"),
                                rs.getLong("auth_time"),
                                rs.getString("acr"),
                                Arrays.asList(rs.getString("amr").split(" "))),
                        rs.getLong("expires_at"),
                        (Long) rs.getObject("used_at", Long.class)))
                .findFirst());
    }

    /** Marks the code used, in the grant's transaction; false when it had been used already (a replay). */
    public boolean markUsed(Handle h, String env, String code) {
        return h.createUpdate("""
                update authorization_codes set used_at = :now where environment_id = :env and code_hash = :hash and used_at is null""")
                        .bind("now", System.currentTimeMillis())
                        .bind("env", env)
                        .bind("hash", Secrets.hash(code))
                        .execute()
                == 1;
    }
}
