package io.latchkey.policies;

import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code sign_on_policies}; every query is scoped to one environment. */
public final class SignOnPolicyStore {
    /** An application a policy is assigned to. */
    public record Assignee(String applicationId, String applicationName) {}

    public void insert(Handle h, SignOnPolicy p) {
        h.createUpdate("""
                insert into sign_on_policies (id, environment_id, name, name_lower, is_default, doc, created_at, updated_at)
                values (:id, :env, :name, :lower, :isDefault, :doc, :createdAt, :updatedAt)""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("isDefault", p.isDefault())
                .bind("doc", Json.write(p.doc()))
                .bind("createdAt", p.createdAt())
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    public void update(Handle h, SignOnPolicy p) {
        h.createUpdate("""
                update sign_on_policies set name = :name, name_lower = :lower, is_default = :isDefault, doc = :doc,
                       updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("isDefault", p.isDefault())
                .bind("doc", Json.write(p.doc()))
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    /**
     * Locks every policy of the environment until the transaction ends. Taken first by every write that moves
     * or removes the default, so that two such writes run one after the other and exactly one default remains.
     */
    public void lockAll(Handle h, String env) {
        h.createQuery("select id from sign_on_policies where environment_id = :env order by id for update")
                .bind("env", env)
                .mapTo(String.class)
                .list();
    }

    /** Makes every other policy of the environment not the default. */
    public void clearDefaultExcept(Handle h, String env, String id, long now) {
        h.createUpdate("""
                update sign_on_policies set is_default = false, updated_at = :now
                where environment_id = :env and is_default = true and id <> :id""").bind("env", env).bind("id", id).bind("now", now).execute();
    }

    public Optional<SignOnPolicy> find(Handle h, String env, String id) {
        return h.createQuery("select * from sign_on_policies where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public Optional<SignOnPolicy> findDefault(Handle h, String env) {
        return h.createQuery(
                        "select * from sign_on_policies where environment_id = :env and is_default = true order by id")
                .bind("env", env)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, String env, String name) {
        return h.createQuery("select id from sign_on_policies where environment_id = :env and name_lower = :lower")
                .bind("env", env)
                .bind("lower", name.toLowerCase(Locale.ROOT))
                .mapTo(String.class)
                .findFirst();
    }

    public List<SignOnPolicy> list(Handle h, String env) {
        return h.createQuery("select * from sign_on_policies where environment_id = :env order by id")
                .bind("env", env)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /** The policies assigned to an application, by assignment priority (lowest first). */
    public List<SignOnPolicy> assignedTo(Handle h, String env, String applicationId) {
        return h.createQuery("""
                select p.* from sign_on_policy_assignments a
                join sign_on_policies p on p.id = a.policy_id
                where a.environment_id = :env and p.environment_id = :env and a.application_id = :app
                order by a.priority, a.id""")
                .bind("env", env)
                .bind("app", applicationId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /** The applications a policy is assigned to. */
    public List<Assignee> assignees(Handle h, String env, String policyId) {
        return h.createQuery("""
                select distinct app.id, app.name from sign_on_policy_assignments a
                join applications app on app.id = a.application_id
                where a.environment_id = :env and a.policy_id = :policy
                order by app.id""")
                .bind("env", env)
                .bind("policy", policyId)
                .map((rs, ctx) -> new Assignee(rs.getString(1), rs.getString(2)))
                .list();
    }

    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from sign_on_policies where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static SignOnPolicy row(ResultSet rs) throws SQLException {
        return new SignOnPolicy(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getBoolean("is_default"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
