package io.latchkey.populations;

import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import org.jdbi.v3.core.Handle;

/** The population a new environment starts with, where users without a population go. */
public final class DefaultPopulation {
    public static final String NAME = "Default";

    private DefaultPopulation() {}

    public static String create(Handle h, String env, String passwordPolicyId) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        h.createUpdate("""
                insert into populations (id, environment_id, name, name_lower, is_default, password_policy_id, doc, created_at, updated_at)
                values (:id, :env, :name, :lower, true, :policy, :doc, :now, :now)""")
                .bind("id", id)
                .bind("env", env)
                .bind("name", NAME)
                .bind("lower", NAME.toLowerCase())
                .bind("policy", passwordPolicyId)
                .bind("doc", Json.write(Json.object().put("description", "The environment's default population")))
                .bind("now", now)
                .execute();
        return id;
    }
}
