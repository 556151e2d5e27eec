package io.latchkey.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code role_assignments}: which built-in role a user, group or application holds, over what scope. A user
 * also holds the roles of every group they are in, directly or through nesting: read here over the groups feature's
 * {@code group_members} and {@code group_closure} tables (the groups feature builds on this one, so it cannot be
 * asked), with the same index-backed join as its own membership reads.
 */
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

    /** Assignments a user holds itself or inherits from a group, in the caller's environment. */
    private static final String OF_USER = """
            select * from role_assignments where environment_id = :env and (subject_id = :user
              or subject_type = 'GROUP' and subject_id in (select c.ancestor_id from group_members m
                join group_closure c on c.descendant_id = m.group_id where m.user_id = :user))""";

    /** The user's own assignments and those of every group they are in (subject type GROUP), in id order. */
    public List<Row> forUser(Handle h, String environmentId, String userId) {
        return h.createQuery(OF_USER + " order by id")
                .bind("env", environmentId)
                .bind("user", userId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /** Assignment {@code id} when the user holds it itself or inherits it from a group. */
    public Optional<Row> findForUser(Handle h, String environmentId, String userId, String id) {
        return h.createQuery(OF_USER + " and id = :id")
                .bind("env", environmentId)
                .bind("user", userId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
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

    /** Every assignment held by a group of population {@code populationId} (its groups go with it). */
    public int deleteHeldByGroupsOfPopulation(Handle h, String populationId) {
        return h.createUpdate("""
                delete from role_assignments where subject_type = 'GROUP'
                and subject_id in (select id from identity_groups where population_id = :p)""").bind("p", populationId).execute();
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
