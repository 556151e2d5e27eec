package io.latchkey.app;

import io.latchkey.applications.ApplicationsApi;
import io.latchkey.environments.EnvironmentsApi;
import io.latchkey.oauth.DiscoveryEndpoint;
import io.latchkey.oauth.TokenEndpoint;
import io.latchkey.passwords.PasswordPoliciesApi;
import io.latchkey.passwords.UserPasswordsApi;
import io.latchkey.populations.PopulationsApi;
import io.latchkey.users.UsersApi;

/** Every HTTP adapter, built by {@link Latchkey} and wired to paths by {@link Routes}. */
record Apis(
        DiscoveryEndpoint discovery,
        TokenEndpoint token,
        EnvironmentsApi environments,
        ApplicationsApi applications,
        PopulationsApi populations,
        UsersApi users,
        UserPasswordsApi userPasswords,
        PasswordPoliciesApi passwordPolicies) {}
