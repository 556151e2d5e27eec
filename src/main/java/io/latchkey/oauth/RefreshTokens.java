package io.latchkey.oauth;

import io.latchkey.crypto.Secrets;
import io.latchkey.storage.Database;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Opaque refresh tokens, stored only as hashes. Each use rotates the token; a grant id ties every token issued from
 * one authorization code together (the family) so that a replay can revoke them all.
 */
public final class RefreshTokens {
    private final Database db;

    public RefreshTokens(Database db) {
        this.db = db;
    }

    public record Row(
            String environmentId,
            String applicationId,
            String grantId,
            String userId,
            String sessionId,
            List<String> scopes,
            long authTime,
            String acr,
            List<String> amr,
            long createdAt,
            long expiresAt,
            Long familyExpiresAt,
            Long usedAt,
            Long revokedAt,
            RequestedClaims requestedClaims) {}

    public String issue(Handle h, Row r) {
        String token = Secrets.token();
        h.createUpdate("""
                insert into refresh_tokens (token_hash, environment_id, application_id, grant_id, user_id, session_id, scopes,
                                            auth_time, acr, amr, created_at, expires_at, family_expires_at,
                                            requested_claims)
                values (:hash, :env, :app, :grant, :user, :session, :scopes, :authTime, :acr, :amr, :createdAt, :expiresAt,
                        :familyExpiresAt, :requestedClaims)""")
                .bind("hash", Secrets.hash(token))
                .bind("env", r.environmentId())
                .bind("app", r.applicationId())
                .bind("grant", r.grantId())
                .bind("user", r.userId())
                .bind("session", r.sessionId())
                .bind("scopes", String.join(" ", r.scopes()))
                .bind("authTime", r.authTime())
                .bind("acr", r.acr())
                .bind("amr", String.join(" ", r.amr()))
                .bind("createdAt", r.createdAt())
                .bind("expiresAt", r.expiresAt())
                .bind("familyExpiresAt", r.familyExpiresAt())
                .bind("requestedClaims", r.requestedClaims().stored())
                .execute();
        return token;
    }

    public Optional<Row> find(String env, String token) {
        if (token == null || token.length() > 256) return Optional.empty();
        return db.withHandle(h -> h.createQuery(
                        "select * from refresh_tokens where environment_id = :env and token_hash = :hash")
                .bind("env", env)
                .bind("hash", Secrets.hash(token))
                .map((rs, c) -> new Row(
                        rs.getString("environment_id"),
                        rs.getString("application_id"),
                        rs.getString("grant_id"),
                        rs.getString("user_id"),
                        rs.getString("session_id"),
                        Arrays.asList(rs.getString("scopes").split(" ")),
                        rs.getLong("auth_time"),
                        rs.getString("acr"),
                        Arrays.asList(rs.getString("amr").split(" ")),
                        rs.getLong("created_at"),
                        rs.getLong("expires_at"),
                        (Long) rs.getObject("family_expires_at", Long.class),
                        (Long) rs.getObject("used_at", Long.class),
                        (Long) rs.getObject("revoked_at", Long.class),
                        RequestedClaims.fromStored(rs.getString("requested_claims"))))
                .findFirst());
    }

    /** Marks the token used (rotation); false when it had been used already. */
    public boolean markUsed(Handle h, String env, String token) {
        return h.createUpdate(
                                "update refresh_tokens set used_at = :now where environment_id = :env and token_hash = :hash and used_at is null")
                        .bind("now", System.currentTimeMillis())
                        .bind("env", env)
                        .bind("hash", Secrets.hash(token))
                        .execute()
                == 1;
    }
}
