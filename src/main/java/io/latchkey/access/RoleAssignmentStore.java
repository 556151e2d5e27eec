package io.latchkey.access;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** Rows of {@code role_assignments}: which built-in role a user or application holds, over what scope. */
public final class RoleAssignmentStore {
    public record Row(String id, String environmentId, String subjectType, String subjectId, String roleId,
                      String scopeType, String scopeId, long createdAt) {}

    public void insert(Handle h, Row r) {
        h.createUpdate("""
                insert into role_assignments (id, environment_id, subject_type, subject_id, role_id, scope_type, scope_id, created_at)
                values (:id, :environmentId, :subjectType, :subjectId, :roleId, :scopeType, :scopeId, :createdAt)""")
                .bindMethods(r).execute();
    }

    public List<Row> forSubject(Handle h, String environmentId, String subjectId) {
        return h.createQuery("select * from role_assignments where environment_id = :env and subject_id = :subject order by id")
                .bind("env", environmentId).bind("subject", subjectId)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("environment_id"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("role_id"), rs.getString("scope_type"),
                        rs.getString("scope_id"), rs.getLong("created_at")))
                .list();
    }

    public int delete(Handle h, String environmentId, String subjectId, String id) {
        return h.createUpdate("delete from role_assignments where environment_id = :env and subject_id = :subject and id = :id")
                .bind("env", environmentId).bind("subject", subjectId).bind("id", id).execute();
    }
}
