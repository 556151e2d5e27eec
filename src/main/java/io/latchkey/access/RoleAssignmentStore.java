package io.latchkey.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code role_assignments}: which built-in role a user or application holds, over what scope. */
public final class RoleAssignmentStore {
    public record Row(
            String id,
            String environmentId,
            String subjectType,
            String subjectId,
            String roleId,
            String scopeType,
            String scopeId,
            long createdAt) {}

    public void insert(Handle h, Row r) {
        h.createUpdate("""
                insert into role_assignments (id, environment_id, subject_type, subject_id, role_id, scope_type, scope_id, created_at)
                values (:id, :environmentId, :subjectType, :subjectId, :roleId, :scopeType, :scopeId, :createdAt)""").bindMethods(r).execute();
    }

    public List<Row> forSubject(Handle h, String environmentId, String subjectId) {
        return h.createQuery(
                        "select * from role_assignments where environment_id = :env and subject_id = :subject order by id")
                .bind("env", environmentId)
                .bind("subject", subjectId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    public Optional<Row> find(Handle h, String environmentId, String subjectId, String id) {
        return h.createQuery(
                        "select * from role_assignments where environment_id = :env and subject_id = :subject and id = :id")
                .bind("env", environmentId)
                .bind("subject", subjectId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public boolean holds(Handle h, String subjectId, String roleId, String scopeType, String scopeId) {
        return h.createQuery("""
                select count(*) from role_assignments
                where subject_id = :subject and role_id = :role and scope_type = :scopeType and scope_id = :scopeId""")
                        .bind("subject", subjectId)
                        .bind("role", roleId)
                        .bind("scopeType", scopeType)
                        .bind("scopeId", scopeId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    /** Every assignment a deleted user or application held. */
    public int deleteForSubject(Handle h, String environmentId, String subjectId) {
        return h.createUpdate("delete from role_assignments where environment_id = :env and subject_id = :subject")
                .bind("env", environmentId)
                .bind("subject", subjectId)
                .execute();
    }

    /**
     * Every assignment scoped to a deleted object (an environment, population or application), whichever
     * environment its subject lives in.
     */
    public int deleteByScope(Handle h, String scopeType, String scopeId) {
        return h.createUpdate("delete from role_assignments where scope_type = :type and scope_id = :id")
                .bind("type", scopeType)
                .bind("id", scopeId)
                .execute();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                rs.getString("role_id"),
                rs.getString("scope_type"),
                rs.getString("scope_id"),
                rs.getLong("created_at"));
    }

    public int delete(Handle h, String environmentId, String subjectId, String id) {
        return h.createUpdate(
                        "delete from role_assignments where environment_id = :env and subject_id = :subject and id = :id")
                .bind("env", environmentId)
                .bind("subject", subjectId)
                .bind("id", id)
                .execute();
    }
}
