package io.latchkey.applicationpermissions;

import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code application_resources}; every query is scoped to one environment. */
final class ApplicationResourceStore {
    /** The resource (resource server) an application resource hangs off. */
    record Parent(String id, String name, String type) {
        boolean custom() {
            return "CUSTOM".equals(type);
        }
    }

    Optional<Parent> parent(Handle h, String env, String resourceId) {
        return h.createQuery("select id, name, type from resources where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", resourceId)
                .map((rs, ctx) -> new Parent(rs.getString("id"), rs.getString("name"), rs.getString("type")))
                .findFirst();
    }

    void insert(Handle h, ApplicationResource a) {
        h.createUpdate("""
                insert into application_resources (id, environment_id, resource_id, name, description, created_at, updated_at)
                values (:id, :env, :resource, :name, :description, :createdAt, :updatedAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("resource", a.resourceId())
                .bind("name", a.name())
                .bind("description", a.description())
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    void update(Handle h, ApplicationResource a) {
        h.createUpdate("""
                update application_resources set name = :name, description = :description, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("name", a.name())
                .bind("description", a.description())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    Optional<ApplicationResource> find(Handle h, String env, String id) {
        return h.createQuery("select * from application_resources where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** The application resource {@code id} if it hangs off {@code resourceId}. */
    Optional<ApplicationResource> find(Handle h, String env, String resourceId, String id) {
        return find(h, env, id).filter(a -> a.resourceId().equals(resourceId));
    }

    boolean nameTaken(Handle h, String resourceId, String name, String exceptId) {
        return h.createQuery("""
                select count(*) from application_resources where resource_id = :resource and name = :name
                and id <> :except""")
                        .bind("resource", resourceId)
                        .bind("name", name)
                        .bind("except", exceptId == null ? "" : exceptId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    Page<ApplicationResource> listUnder(Handle h, String env, String resourceId, PageRequest page) {
        return KeysetPage.query(
                h,
                "select * from application_resources where environment_id = :env and resource_id = :resource",
                "id",
                "select count(*) from application_resources where environment_id = :env and resource_id = :resource",
                Map.of("env", env, "resource", resourceId),
                page,
                (rs, ctx) -> row(rs));
    }

    Page<ApplicationResource> list(Handle h, String env, PageRequest page) {
        return KeysetPage.query(
                h,
                "select * from application_resources where environment_id = :env",
                "id",
                "select count(*) from application_resources where environment_id = :env",
                Map.of("env", env),
                page,
                (rs, ctx) -> row(rs));
    }

    /** Deletes it with its permissions, their places in roles (cascades), in the caller's transaction. */
    boolean delete(Handle h, String env, String resourceId, String id) {
        return h.createUpdate(
                                "delete from application_resources where environment_id = :env and resource_id = :resource and id = :id")
                        .bind("env", env)
                        .bind("resource", resourceId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static ApplicationResource row(ResultSet rs) throws SQLException {
        return new ApplicationResource(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("resource_id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
