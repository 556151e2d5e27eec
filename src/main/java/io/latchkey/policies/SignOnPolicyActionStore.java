package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code sign_on_policy_actions}; every query is scoped to one environment and one policy. */
public final class SignOnPolicyActionStore {

    public void insert(Handle h, SignOnPolicyAction a) {
        h.createUpdate("""
                insert into sign_on_policy_actions (id, environment_id, policy_id, priority, type, doc,
                                                    registration_population_id, created_at, updated_at)
                values (:id, :env, :policy, :priority, :type, :doc, :population, :createdAt, :updatedAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("policy", a.policyId())
                .bind("priority", a.priority())
                .bind("type", a.type())
                .bind("doc", Json.write(a.doc()))
                .bind("population", a.registrationPopulationId())
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public void update(Handle h, SignOnPolicyAction a) {
        h.createUpdate("""
                update sign_on_policy_actions set priority = :priority, type = :type, doc = :doc,
                       registration_population_id = :population, updated_at = :updatedAt
                where environment_id = :env and policy_id = :policy and id = :id""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("policy", a.policyId())
                .bind("priority", a.priority())
                .bind("type", a.type())
                .bind("doc", Json.write(a.doc()))
                .bind("population", a.registrationPopulationId())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public Optional<SignOnPolicyAction> find(Handle h, String env, String policyId, String id) {
        return h.createQuery("""
                select * from sign_on_policy_actions where environment_id = :env and policy_id = :policy and id = :id""")
                .bind("env", env)
                .bind("policy", policyId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    /** The action holding {@code priority} in the policy, if any. */
    public Optional<String> idByPriority(Handle h, String env, String policyId, int priority) {
        return h.createQuery("""
                select id from sign_on_policy_actions
                where environment_id = :env and policy_id = :policy and priority = :priority""")
                .bind("env", env)
                .bind("policy", policyId)
                .bind("priority", priority)
                .mapTo(String.class)
                .findFirst();
    }

    /** The actions of a policy in the order they run (priority, lowest first). */
    public List<SignOnPolicyAction> list(Handle h, String env, String policyId) {
        return h.createQuery("""
                select * from sign_on_policy_actions where environment_id = :env and policy_id = :policy
                order by priority, id""")
                .bind("env", env)
                .bind("policy", policyId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    public long count(Handle h, String env, String policyId) {
        return h.createQuery(
                        "select count(*) from sign_on_policy_actions where environment_id = :env and policy_id = :policy")
                .bind("env", env)
                .bind("policy", policyId)
                .mapTo(Long.class)
                .one();
    }

    public boolean delete(Handle h, String env, String policyId, String id) {
        return h.createUpdate("""
                delete from sign_on_policy_actions where environment_id = :env and policy_id = :policy and id = :id""")
                        .bind("env", env)
                        .bind("policy", policyId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** Names of the policies whose actions register new users into the population. */
    public List<String> policiesRegisteringInto(Handle h, String env, String populationId) {
        return h.createQuery("""
                select distinct p.name from sign_on_policy_actions a join sign_on_policies p on p.id = a.policy_id
                where a.environment_id = :env and a.registration_population_id = :population order by p.name""")
                .bind("env", env)
                .bind("population", populationId)
                .mapTo(String.class)
                .list();
    }

    private static SignOnPolicyAction row(ResultSet rs) throws SQLException {
        ObjectNode doc = Json.parseObject(rs.getString("doc"));
        String population = rs.getString("registration_population_id");
        // The column is the truth: when the population was deleted (SET NULL), registration into it is off.
        if (population == null && doc.path("registration").has("population")) {
            ObjectNode registration = (ObjectNode) doc.get("registration");
            registration.remove("population");
            registration.put("enabled", false);
        }
        return new SignOnPolicyAction(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("policy_id"),
                rs.getInt("priority"),
                rs.getString("type"),
                doc,
                population,
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
