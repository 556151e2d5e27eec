package io.latchkey.environments;

import io.latchkey.passwords.BuiltInPasswordPolicies;
import io.latchkey.policies.DefaultSignOnPolicy;
import io.latchkey.populations.DefaultPopulation;
import io.latchkey.resources.BuiltInResources;
import org.jdbi.v3.core.Handle;

/**
 * What PingOne puts in a new environment, written in the transaction that creates it. Its signing key comes with
 * its first use ({@code keys.SigningKeyService}).
 */
public final class EnvironmentDefaults {
    private EnvironmentDefaults() {}

    public static void create(Handle h, String env) {
        String standardPolicy = BuiltInPasswordPolicies.create(h, env);
        DefaultPopulation.create(h, env, standardPolicy);
        BuiltInResources.create(h, env);
        DefaultSignOnPolicy.create(h, env);
    }
}
