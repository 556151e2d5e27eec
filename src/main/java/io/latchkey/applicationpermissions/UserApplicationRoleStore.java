package io.latchkey.applicationpermissions;

import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code user_application_roles}, read with their role; scoped to one environment. */
final class UserApplicationRoleStore {
    private static final String SELECT = """
            select ua.id as ua_id, ua.environment_id as ua_environment_id, ua.user_id, ua.created_at as ua_created_at,
                   r.id as r_id, r.environment_id as r_environment_id, r.name as r_name, r.description as r_description,
                   r.created_at as r_created_at, r.updated_at as r_updated_at
            from user_application_roles ua join application_roles r on r.id = ua.role_id
            """;

    void insert(Handle h, String id, String env, String userId, String roleId, long now) {
        h.createUpdate("""
                insert into user_application_roles (id, environment_id, user_id, role_id, created_at)
                values (:id, :env, :user, :role, :now)""")
                .bind("id", id)
                .bind("env", env)
                .bind("user", userId)
                .bind("role", roleId)
                .bind("now", now)
                .execute();
    }

    Optional<UserApplicationRole> find(Handle h, String env, String userId, String roleId) {
        return h.createQuery(SELECT + " where ua.environment_id = :env and ua.user_id = :user and ua.role_id = :role")
                .bind("env", env)
                .bind("user", userId)
                .bind("role", roleId)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    Page<UserApplicationRole> forUser(Handle h, String env, String userId, PageRequest page) {
        return KeysetPage.query(
                h,
                SELECT + " where ua.environment_id = :env and ua.user_id = :user",
                "r.id",
                "select count(*) from user_application_roles where environment_id = :env and user_id = :user",
                Map.of("env", env, "user", userId),
                page,
                (rs, ctx) -> row(rs));
    }

    Page<UserApplicationRole> forRole(Handle h, String env, String roleId, PageRequest page) {
        return KeysetPage.query(
                h,
                SELECT + " where ua.environment_id = :env and ua.role_id = :role",
                "ua.id",
                "select count(*) from user_application_roles where environment_id = :env and role_id = :role",
                Map.of("env", env, "role", roleId),
                page,
                (rs, ctx) -> row(rs));
    }

    boolean delete(Handle h, String env, String userId, String roleId) {
        return h.createUpdate(
                                "delete from user_application_roles where environment_id = :env and user_id = :user and role_id = :role")
                        .bind("env", env)
                        .bind("user", userId)
                        .bind("role", roleId)
                        .execute()
                > 0;
    }

    private static UserApplicationRole row(ResultSet rs) throws SQLException {
        return new UserApplicationRole(
                rs.getString("ua_id"),
                rs.getString("ua_environment_id"),
                rs.getString("user_id"),
                ApplicationRoleStore.row(rs, "r_"),
                rs.getLong("ua_created_at"));
    }
}
