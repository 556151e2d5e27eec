package io.latchkey.oauth;

import io.latchkey.activities.ActivityDraft;
import io.latchkey.activities.ActivityLog;
import io.latchkey.storage.Database;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What has been revoked before it expired: single access tokens (by jti) and whole grant families (every token
 * issued from one authorization code, e.g. when the code is replayed).
 */
public final class TokenRevocations {
    private final Database db;
    private final ActivityLog activities;

    public TokenRevocations(Database db, ActivityLog activities) {
        this.db = db;
        this.activities = activities;
    }

    /**
     * The audit activity {@code TOKEN.ISSUED} of tokens for a user (or of a grant that spent a code or refresh token),
     * in the transaction that records them. An application's own token (client_credentials) writes nothing, and so
     * is not audited: its path stays free of writes (see docs/activities.md).
     */
    void recordIssued(Handle h, TokenGrant grant) {
        ActivityDraft a = ActivityDraft.of(grant.environmentId(), "TOKEN.ISSUED")
                .byClient(grant.app().id())
                .on("APPLICATION", grant.app().id(), grant.app().name());
        if (grant.forUser()) a = a.byUser(grant.user().id(), grant.user().username());
        activities.record(h, a);
    }

    private void recordRevoked(Handle h, String env, String clientId, String why) {
        ActivityDraft a = ActivityDraft.of(env, "TOKEN.REVOKED").byClient(clientId);
        activities.record(h, (why == null ? a : a.withDescription(why)).on("APPLICATION", clientId, null));
    }

    /**
     * Remembers which family a user access token belongs to, and the claims the claims parameter asked userinfo for
     * with it.
     */
    public void recordAccessToken(
            Handle h, String env, String jti, String grantId, long expiresAt, Set<String> userinfoClaims) {
        h.createUpdate("""
                        insert into access_token_grants (jti, environment_id, grant_id, expires_at, userinfo_claims)
                        values (:jti, :env, :grant, :exp, :claims)""")
                .bind("jti", jti)
                .bind("env", env)
                .bind("grant", grantId)
                .bind("exp", expiresAt)
                .bind("claims", userinfoClaims.isEmpty() ? null : String.join(" ", userinfoClaims))
                .execute();
    }

    /** The claims the claims parameter asked userinfo for with the access token {@code jti}; empty when none. */
    public Set<String> userinfoClaims(String env, String jti) {
        return db.withHandle(h -> h.createQuery(
                        "select userinfo_claims from access_token_grants where environment_id = :env and jti = :jti")
                .bind("env", env)
                .bind("jti", jti)
                .mapTo(String.class)
                .findFirst()
                .map(RequestedClaims::words)
                .orElse(Set.of()));
    }

    /** Revokes one access token at the request of {@code clientId}, the application it was issued to. */
    public void revokeAccessToken(String env, String jti, long expiresAt, String clientId) {
        db.useTransaction(h -> {
            insertRevoked(h, env, jti, expiresAt);
            recordRevoked(h, env, clientId, null);
        });
    }

    /**
     * Revokes every access and refresh token of a grant family, issued to {@code clientId}; {@code why} (a replay)
     * goes into the audit activity, null when the application asked.
     */
    public void revokeFamily(String env, String grantId, String clientId, String why) {
        long farFuture = System.currentTimeMillis() + 400L * 24 * 3600 * 1000;
        db.useTransaction(h -> {
            insertRevoked(h, env, grantId, farFuture);
            recordRevoked(h, env, clientId, why);
            h.createUpdate(
                            "update refresh_tokens set revoked_at = :now where environment_id = :env and grant_id = :grant and revoked_at is null")
                    .bind("now", System.currentTimeMillis())
                    .bind("env", env)
                    .bind("grant", grantId)
                    .execute();
        });
    }

    public boolean isRevoked(String env, String jti) {
        return db.withHandle(h -> h.createQuery("""
                select count(*) from revoked_tokens where environment_id = :env and (id = :jti
                  or id in (select grant_id from access_token_grants where environment_id = :env and jti = :jti))""")
                        .bind("env", env)
                        .bind("jti", jti)
                        .mapTo(Long.class)
                        .one()
                > 0);
    }

    /** Idempotent, also when two requests revoke the same token at once (no check-then-insert race). */
    private static void insertRevoked(Handle h, String env, String id, long expiresAt) {
        h.createUpdate(
                        "insert into revoked_tokens (id, environment_id, expires_at) values (:id, :env, :exp) on conflict do nothing")
                .bind("id", id)
                .bind("env", env)
                .bind("exp", expiresAt)
                .execute();
    }
}
