package io.latchkey.applications;

import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.Ids;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code applications}; every query is scoped to one environment. Ids are UUIDs: anything else is
 * simply not found, without a query (PostgreSQL refuses U+0000 in text, which would otherwise be a 500).
 */
public final class ApplicationStore {
    /** The sealed secrets of an application (decrypted only by {@link ApplicationSecretService}). */
    public record SecretRow(String secretEnc, String previousSecretEnc, Long previousExpiresAt) {}

    public void insert(Handle h, Application a, String secretEnc) {
        h.createUpdate("""
                insert into applications (id, environment_id, name, protocol, type, enabled, doc, secret_enc, created_at, updated_at)
                values (:id, :env, :name, :protocol, :type, :enabled, :doc, :secret, :createdAt, :updatedAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("name", a.name())
                .bind("protocol", a.protocol())
                .bind("type", a.type())
                .bind("enabled", a.enabled())
                .bind("doc", Json.write(a.doc()))
                .bind("secret", secretEnc)
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public void update(Handle h, Application a) {
        h.createUpdate("""
                update applications set name = :name, type = :type, enabled = :enabled, doc = :doc, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("name", a.name())
                .bind("type", a.type())
                .bind("enabled", a.enabled())
                .bind("doc", Json.write(a.doc()))
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    /** The application whose {@code devicePathId} is {@code pathId} (unique in practice; the oldest if not). */
    public Optional<Application> findByDevicePathId(Handle h, String env, String pathId) {
        if (!Ids.isUuid(env) || pathId == null || !pathId.matches("[a-zA-Z0-9_-]{1,50}")) return Optional.empty();
        // A coarse filter in SQL (the one dialect has no JSON path both databases share), the exact one here.
        return h
                .createQuery("""
                        select * from applications where environment_id = :env and doc like :pattern
                        order by created_at, id""")
                .bind("env", env)
                .bind("pattern", "%" + pathId + "%")
                .map((rs, ctx) -> row(rs))
                .stream()
                .filter(a -> pathId.equals(a.doc().path("devicePathId").asText(null)))
                .findFirst();
    }

    /** The ids of the applications whose {@code signing.keyRotationPolicy.id} is {@code policyId}, oldest first. */
    public List<String> usingKeyRotationPolicy(Handle h, String env, String policyId) {
        if (!Ids.isUuid(env) || !Ids.isUuid(policyId)) return List.of();
        // Coarse in SQL, exact here, as for devicePathId.
        return h
                .createQuery("""
                        select * from applications where environment_id = :env and doc like :pattern
                        order by created_at, id""")
                .bind("env", env)
                .bind("pattern", "%" + policyId + "%")
                .map((rs, ctx) -> row(rs))
                .stream()
                .filter(a -> a.keyRotationPolicyId().filter(policyId::equals).isPresent())
                .map(Application::id)
                .toList();
    }

    public Optional<Application> find(Handle h, String env, String id) {
        if (!Ids.isUuid(env) || !Ids.isUuid(id)) return Optional.empty();
        // Ids are stored in lower case; a client may send its client_id in either case (a UUID is case-insensitive).
        return h.createQuery("select * from applications where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id.toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public Page<Application> list(Handle h, String env, PageRequest page) {
        return KeysetPage.query(
                h,
                "select * from applications where environment_id = :env",
                "id",
                "select count(*) from applications where environment_id = :env",
                q -> q.bind("env", env),
                page,
                (rs, ctx) -> row(rs));
    }

    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from applications where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    public Optional<SecretRow> secrets(Handle h, String env, String id) {
        if (!Ids.isUuid(env) || !Ids.isUuid(id)) return Optional.empty();
        return h.createQuery("""
                select secret_enc, previous_secret_enc, previous_secret_expires_at from applications
                where environment_id = :env and id = :id""")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> new SecretRow(rs.getString(1), rs.getString(2), (Long) rs.getObject(3, Long.class)))
                .findFirst();
    }

    /** Replaces the secrets; the previous secret's last use is reset with it. */
    public void updateSecrets(Handle h, String env, String id, SecretRow s) {
        h.createUpdate("""
                update applications set secret_enc = :secret, previous_secret_enc = :previous, previous_secret_expires_at = :expires,
                       previous_secret_last_used = null
                where environment_id = :env and id = :id""")
                .bind("env", env)
                .bind("id", id)
                .bind("secret", s.secretEnc())
                .bind("previous", s.previousSecretEnc())
                .bind("expires", s.previousExpiresAt())
                .execute();
    }

    /** When the previous secret was last presented, if ever since the last rotation. */
    public Optional<Long> previousSecretLastUsed(Handle h, String env, String id) {
        return h.createQuery(
                        "select previous_secret_last_used from applications where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> (Long) rs.getObject(1, Long.class))
                .findFirst()
                .flatMap(Optional::ofNullable);
    }

    public void markPreviousSecretUsed(Handle h, String env, String id, long at) {
        h.createUpdate(
                        "update applications set previous_secret_last_used = :at where environment_id = :env and id = :id")
                .bind("at", at)
                .bind("env", env)
                .bind("id", id)
                .execute();
    }

    private static Application row(ResultSet rs) throws SQLException {
        return new Application(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getString("protocol"),
                rs.getString("type"),
                rs.getBoolean("enabled"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
