package io.latchkey.applicationpermissions;

import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code application_roles} and {@code application_role_permissions}; scoped to one environment. */
final class ApplicationRoleStore {

    void insert(Handle h, ApplicationRole r) {
        h.createUpdate("""
                insert into application_roles (id, environment_id, name, description, created_at, updated_at)
                values (:id, :env, :name, :description, :createdAt, :updatedAt)""")
                .bind("id", r.id())
                .bind("env", r.environmentId())
                .bind("name", r.name())
                .bind("description", r.description())
                .bind("createdAt", r.createdAt())
                .bind("updatedAt", r.updatedAt())
                .execute();
    }

    void update(Handle h, ApplicationRole r) {
        h.createUpdate("""
                update application_roles set name = :name, description = :description, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", r.id())
                .bind("env", r.environmentId())
                .bind("name", r.name())
                .bind("description", r.description())
                .bind("updatedAt", r.updatedAt())
                .execute();
    }

    Optional<ApplicationRole> find(Handle h, String env, String id) {
        return h.createQuery("select * from application_roles where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> row(rs, ""))
                .findFirst();
    }

    boolean nameTaken(Handle h, String env, String name, String exceptId) {
        return h.createQuery(
                                "select count(*) from application_roles where environment_id = :env and name = :name and id <> :except")
                        .bind("env", env)
                        .bind("name", name)
                        .bind("except", exceptId == null ? "" : exceptId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    Page<ApplicationRole> list(Handle h, String env, PageRequest page) {
        return KeysetPage.query(
                h,
                "select * from application_roles where environment_id = :env",
                "id",
                "select count(*) from application_roles where environment_id = :env",
                Map.of("env", env),
                page,
                (rs, ctx) -> row(rs, ""));
    }

    /** Deletes the role, its permission entries and its user assignments (cascades), in the caller's transaction. */
    boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from application_roles where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    // ---- the permissions a role holds

    void addPermission(Handle h, String env, String roleId, String permissionId, long now) {
        h.createUpdate("""
                insert into application_role_permissions (environment_id, role_id, permission_id, created_at)
                values (:env, :role, :permission, :now)""")
                .bind("env", env)
                .bind("role", roleId)
                .bind("permission", permissionId)
                .bind("now", now)
                .execute();
    }

    boolean holds(Handle h, String env, String roleId, String permissionId) {
        return h.createQuery("""
                select count(*) from application_role_permissions
                where environment_id = :env and role_id = :role and permission_id = :permission""")
                        .bind("env", env)
                        .bind("role", roleId)
                        .bind("permission", permissionId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    Page<ApplicationPermission> permissions(Handle h, String env, String roleId, PageRequest page) {
        return KeysetPage.query(
                h,
                ApplicationPermissionStore.SELECT
                        + " join application_role_permissions rp on rp.permission_id = p.id"
                        + " where rp.environment_id = :env and rp.role_id = :role",
                "p.id",
                "select count(*) from application_role_permissions where environment_id = :env and role_id = :role",
                Map.of("env", env, "role", roleId),
                page,
                (rs, ctx) -> ApplicationPermissionStore.row(rs));
    }

    boolean removePermission(Handle h, String env, String roleId, String permissionId) {
        return h.createUpdate("""
                delete from application_role_permissions
                where environment_id = :env and role_id = :role and permission_id = :permission""")
                        .bind("env", env)
                        .bind("role", roleId)
                        .bind("permission", permissionId)
                        .execute()
                > 0;
    }

    static ApplicationRole row(ResultSet rs, String prefix) throws SQLException {
        return new ApplicationRole(
                rs.getString(prefix + "id"),
                rs.getString(prefix + "environment_id"),
                rs.getString(prefix + "name"),
                rs.getString(prefix + "description"),
                rs.getLong(prefix + "created_at"),
                rs.getLong(prefix + "updated_at"));
    }
}
