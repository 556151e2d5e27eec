package io.latchkey.policies;

import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import org.jdbi.v3.core.Handle;

/** {@code Single_Factor}: the environment's default sign-on policy, one LOGIN action. */
public final class DefaultSignOnPolicy {
    public static final String NAME = "Single_Factor";

    private DefaultSignOnPolicy() {}

    public static String create(Handle h, String env) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        h.createUpdate("""
                insert into sign_on_policies (id, environment_id, name, name_lower, is_default, doc, created_at, updated_at)
                values (:id, :env, :name, :lower, true, :doc, :now, :now)""")
                .bind("id", id)
                .bind("env", env)
                .bind("name", NAME)
                .bind("lower", NAME.toLowerCase())
                .bind(
                        "doc",
                        Json.write(Json.object()
                                .put("description", "A sign-on policy that requires username and password")))
                .bind("now", now)
                .execute();
        var action = Json.object();
        action.putObject("recovery").put("enabled", true);
        action.putObject("registration").put("enabled", false).put("confirmIdentityProviderAttributes", false);
        h.createUpdate("""
                insert into sign_on_policy_actions (id, environment_id, policy_id, priority, type, doc, created_at, updated_at)
                values (:id, :env, :policy, 1, 'LOGIN', :doc, :now, :now)""")
                .bind("id", Ids.newId())
                .bind("env", env)
                .bind("policy", id)
                .bind("doc", Json.write(action))
                .bind("now", now)
                .execute();
        return id;
    }
}
