package io.latchkey.applications;

import io.latchkey.storage.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code sign_on_policy_assignments}; every query is scoped to one environment. */
public final class SignOnPolicyAssignmentStore {

    public void insert(Handle h, SignOnPolicyAssignment a) {
        h.createUpdate("""
                insert into sign_on_policy_assignments (id, environment_id, application_id, policy_id, priority, created_at, updated_at)
                values (:id, :env, :app, :policy, :priority, :createdAt, :updatedAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("app", a.applicationId())
                .bind("policy", a.policyId())
                .bind("priority", a.priority())
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public void update(Handle h, SignOnPolicyAssignment a) {
        h.createUpdate("""
                update sign_on_policy_assignments set policy_id = :policy, priority = :priority, updated_at = :updatedAt
                where environment_id = :env and application_id = :app and id = :id""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("app", a.applicationId())
                .bind("policy", a.policyId())
                .bind("priority", a.priority())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public Optional<SignOnPolicyAssignment> find(Handle h, String env, String appId, String id) {
        if (!Ids.isUuid(id)) return Optional.empty();
        return h.createQuery("""
                select * from sign_on_policy_assignments where environment_id = :env and application_id = :app and id = :id""")
                .bind("env", env)
                .bind("app", appId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** An application's assignments in evaluation order. */
    public List<SignOnPolicyAssignment> list(Handle h, String env, String appId) {
        return h.createQuery("""
                select * from sign_on_policy_assignments where environment_id = :env and application_id = :app
                order by priority, id""")
                .bind("env", env)
                .bind("app", appId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    public boolean delete(Handle h, String env, String appId, String id) {
        if (!Ids.isUuid(id)) return false;
        return h.createUpdate(
                                "delete from sign_on_policy_assignments where environment_id = :env and application_id = :app and id = :id")
                        .bind("env", env)
                        .bind("app", appId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static SignOnPolicyAssignment row(ResultSet rs) throws SQLException {
        return new SignOnPolicyAssignment(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("application_id"),
                rs.getString("policy_id"),
                rs.getInt("priority"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
