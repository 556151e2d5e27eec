package io.latchkey.resources;

import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code resources}; every query is scoped to one environment. */
public final class ResourceStore {
    /** The sealed secrets of a resource (opened only by {@link ResourceSecretService}). */
    public record SecretRow(String secretEnc, String previousSecretEnc, Long previousExpiresAt) {}

    public void insert(Handle h, Resource r, String secretEnc) {
        h.createUpdate("""
                insert into resources (id, environment_id, name, type, audience, doc, secret_enc, created_at, updated_at)
                values (:id, :env, :name, :type, :audience, :doc, :secret, :createdAt, :updatedAt)""")
                .bind("id", r.id())
                .bind("env", r.environmentId())
                .bind("name", r.name())
                .bind("type", r.type())
                .bind("audience", r.audience())
                .bind("doc", Json.write(r.doc()))
                .bind("secret", secretEnc)
                .bind("createdAt", r.createdAt())
                .bind("updatedAt", r.updatedAt())
                .execute();
    }

    /** Writes audience and settings; name and type never change. */
    public void update(Handle h, Resource r) {
        h.createUpdate("""
                update resources set audience = :audience, doc = :doc, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", r.id())
                .bind("env", r.environmentId())
                .bind("audience", r.audience())
                .bind("doc", Json.write(r.doc()))
                .bind("updatedAt", r.updatedAt())
                .execute();
    }

    public Optional<Resource> find(Handle h, String env, String id) {
        return h.createQuery("select * from resources where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** Locks the row for the rest of the transaction (rotation, deletion). */
    public Optional<Resource> findForUpdate(Handle h, String env, String id) {
        return h.createQuery("select * from resources where environment_id = :env and id = :id for update")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, String env, String name) {
        return h.createQuery("select id from resources where environment_id = :env and name = :name")
                .bind("env", env)
                .bind("name", name)
                .mapTo(String.class)
                .findFirst();
    }

    public Page<Resource> list(Handle h, String env, FilterSql.Where where, PageRequest page) {
        String condition = "environment_id = :env" + (where == null ? "" : " and " + where.sql());
        return KeysetPage.query(
                h,
                "select * from resources where " + condition,
                "id",
                "select count(*) from resources where " + condition,
                q -> {
                    q.bind("env", env);
                    if (where != null) q.bindMap(where.params());
                },
                page,
                (rs, ctx) -> row(rs));
    }

    /** Deletes the resource; its scopes, attributes and grants go with it (foreign keys cascade). */
    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from resources where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    public Optional<SecretRow> secrets(Handle h, String env, String id) {
        return h.createQuery("""
                select secret_enc, previous_secret_enc, previous_secret_expires_at from resources
                where environment_id = :env and id = :id""")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> new SecretRow(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class)))
                .findFirst();
    }

    public void updateSecrets(Handle h, String env, String id, SecretRow s) {
        h.createUpdate("""
                update resources set secret_enc = :secret, previous_secret_enc = :previous,
                       previous_secret_expires_at = :expires
                where environment_id = :env and id = :id""")
                .bind("env", env)
                .bind("id", id)
                .bind("secret", s.secretEnc())
                .bind("previous", s.previousSecretEnc())
                .bind("expires", s.previousExpiresAt())
                .execute();
    }

    static Resource row(ResultSet rs) throws SQLException {
        return new Resource(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getString("audience"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
