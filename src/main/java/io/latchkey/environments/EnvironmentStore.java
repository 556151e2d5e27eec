package io.latchkey.environments;

import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Rows of {@code environments}. */
public final class EnvironmentStore {

    public void insert(Handle h, Environment e) {
        h.createUpdate("""
                insert into environments (id, name, name_lower, region, type, doc, created_at, updated_at)
                values (:id, :name, :lower, :region, :type, :doc, :createdAt, :updatedAt)""")
                .bind("id", e.id())
                .bind("name", e.name())
                .bind("lower", e.name().toLowerCase(Locale.ROOT))
                .bind("region", e.region())
                .bind("type", e.type())
                .bind("doc", Json.write(e.doc()))
                .bind("createdAt", e.createdAt())
                .bind("updatedAt", e.updatedAt())
                .execute();
    }

    public void update(Handle h, Environment e) {
        h.createUpdate("""
                update environments set name = :name, name_lower = :lower, type = :type, doc = :doc, updated_at = :updatedAt
                where id = :id""")
                .bind("id", e.id())
                .bind("name", e.name())
                .bind("lower", e.name().toLowerCase(Locale.ROOT))
                .bind("type", e.type())
                .bind("doc", Json.write(e.doc()))
                .bind("updatedAt", e.updatedAt())
                .execute();
    }

    public Optional<Environment> find(Handle h, String id) {
        return h.createQuery("select * from environments where id = :id")
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, String name) {
        return h.createQuery("select id from environments where name_lower = :lower")
                .bind("lower", name.toLowerCase(Locale.ROOT))
                .mapTo(String.class)
                .findFirst();
    }

    public boolean any(Handle h) {
        return h.createQuery("select count(*) from environments")
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    /**
     * A page of environments matching {@code where} (may be null) and, when {@code visible} is not null, only
     * those ids.
     */
    public Page<Environment> list(Handle h, FilterSql.Where where, List<String> visible, PageRequest page) {
        String condition = (where == null ? "1 = 1" : where.sql())
                + (visible == null ? "" : visible.isEmpty() ? " and 1 = 0" : " and id in (<visible>)");
        return KeysetPage.query(
                h,
                "select * from environments where " + condition,
                "id",
                "select count(*) from environments where " + condition,
                q -> bind(q, where, visible),
                page,
                (rs, c) -> row(rs));
    }

    private static void bind(Query q, FilterSql.Where where, List<String> visible) {
        if (where != null) q.bindMap(where.params());
        if (visible != null && !visible.isEmpty()) q.bindList("visible", visible);
    }

    /** Deletes the environment and, by cascade, everything in it. */
    public boolean delete(Handle h, String id) {
        return h.createUpdate("delete from environments where id = :id")
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static Environment row(ResultSet rs) throws SQLException {
        return new Environment(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("region"),
                rs.getString("type"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
