package io.latchkey.applicationpermissions;

import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code application_permissions}, read with their application resource's name and parent. */
final class ApplicationPermissionStore {
    /** Selects permissions joined to their application resource; callers append conditions on {@code p.} / {@code ar.}. */
    static final String SELECT = """
            select p.id, p.environment_id, p.application_resource_id, p.action, p.description, p.created_at, p.updated_at,
                   ar.name as ar_name, ar.resource_id as ar_resource_id
            from application_permissions p join application_resources ar on ar.id = p.application_resource_id
            """;

    void insert(Handle h, ApplicationPermission p) {
        h.createUpdate("""
                insert into application_permissions (id, environment_id, application_resource_id, action, description,
                    created_at, updated_at)
                values (:id, :env, :ar, :action, :description, :createdAt, :updatedAt)""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("ar", p.applicationResourceId())
                .bind("action", p.action())
                .bind("description", p.description())
                .bind("createdAt", p.createdAt())
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    void update(Handle h, ApplicationPermission p) {
        h.createUpdate("""
                update application_permissions set action = :action, description = :description, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("action", p.action())
                .bind("description", p.description())
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    Optional<ApplicationPermission> find(Handle h, String env, String id) {
        return h.createQuery(SELECT + " where p.environment_id = :env and p.id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    boolean actionTaken(Handle h, String applicationResourceId, String action, String exceptId) {
        return h.createQuery("""
                select count(*) from application_permissions where application_resource_id = :ar and action = :action
                and id <> :except""")
                        .bind("ar", applicationResourceId)
                        .bind("action", action)
                        .bind("except", exceptId == null ? "" : exceptId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    Page<ApplicationPermission> listUnder(Handle h, String env, String applicationResourceId, PageRequest page) {
        return KeysetPage.query(
                h,
                SELECT + " where p.environment_id = :env and p.application_resource_id = :ar",
                "p.id",
                "select count(*) from application_permissions where environment_id = :env and application_resource_id = :ar",
                Map.of("env", env, "ar", applicationResourceId),
                page,
                (rs, ctx) -> row(rs));
    }

    /** Every permission of every application resource of the resource {@code resourceId}. */
    Page<ApplicationPermission> listForResource(Handle h, String env, String resourceId, PageRequest page) {
        return KeysetPage.query(
                h,
                SELECT + " where p.environment_id = :env and ar.resource_id = :resource",
                "p.id",
                """
                        select count(*) from application_permissions p join application_resources ar
                        on ar.id = p.application_resource_id where p.environment_id = :env and ar.resource_id = :resource""",
                Map.of("env", env, "resource", resourceId),
                page,
                (rs, ctx) -> row(rs));
    }

    /** Deletes it and removes it from every role (cascade), in the caller's transaction. */
    boolean delete(Handle h, String env, String applicationResourceId, String id) {
        return h.createUpdate("""
                delete from application_permissions where environment_id = :env and application_resource_id = :ar and id = :id""")
                        .bind("env", env)
                        .bind("ar", applicationResourceId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    static ApplicationPermission row(ResultSet rs) throws SQLException {
        return new ApplicationPermission(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("application_resource_id"),
                rs.getString("ar_name"),
                rs.getString("ar_resource_id"),
                rs.getString("action"),
                rs.getString("description"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
