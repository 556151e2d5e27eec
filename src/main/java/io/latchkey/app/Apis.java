package io.latchkey.app;

import io.latchkey.applications.ApplicationsApi;
import io.latchkey.environments.EnvironmentsApi;
import io.latchkey.oauth.DiscoveryEndpoint;
import io.latchkey.oauth.TokenEndpoint;
import io.latchkey.policies.SignOnPoliciesApi;
import io.latchkey.resources.ResourcesApi;

/** Every HTTP adapter, built by {@link Latchkey} and wired to paths by {@link Routes}. */
record Apis(
        DiscoveryEndpoint discovery,
        TokenEndpoint token,
        EnvironmentsApi environments,
        ApplicationsApi applications,
        ResourcesApi resources,
        SignOnPoliciesApi signOnPolicies) {}
