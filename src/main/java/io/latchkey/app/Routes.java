package io.latchkey.app;

import static io.latchkey.access.Permission.*;

import io.latchkey.access.ManagementAccess;
import io.latchkey.http.RouteTable;

/** THE route table: the whole PingOne surface Latchkey serves, in one place. */
final class Routes {
    private Routes() {}

    static RouteTable build(Apis a, ManagementAccess access) {
        RouteTable t = new RouteTable();

        // ---- Auth API: /{envId}/as/...
        t.get("/{envId}/as/.well-known/openid-configuration", a.discovery()::configuration);
        t.get("/{envId}/as/jwks", a.discovery()::jwks);
        t.post("/{envId}/as/token", a.token()::token);

        // ---- Management API: /v1/...
        t.post("/v1/environments", access.require(ENVIRONMENTS_CREATE), a.environments()::create);
        t.get("/v1/environments", access.require(ENVIRONMENT_READ), a.environments()::list);
        t.get("/v1/environments/{envId}", access.require(ENVIRONMENT_READ), a.environments()::get);
        t.put("/v1/environments/{envId}", access.require(ENVIRONMENT_WRITE), a.environments()::replace);
        t.delete("/v1/environments/{envId}", access.require(ENVIRONMENT_WRITE), a.environments()::delete);

        String apps = "/v1/environments/{envId}/applications";
        t.post(apps, access.require(APPLICATIONS_WRITE), a.applications()::create);
        t.get(apps, access.require(APPLICATIONS_READ), a.applications()::list);
        t.get(apps + "/{appId}", access.require(APPLICATIONS_READ), a.applications()::get);
        t.put(apps + "/{appId}", access.require(APPLICATIONS_WRITE), a.applications()::replace);
        t.delete(apps + "/{appId}", access.require(APPLICATIONS_WRITE), a.applications()::delete);
        t.get(apps + "/{appId}/secret", access.require(APPLICATIONS_WRITE), a.applications()::getSecret);
        t.post(apps + "/{appId}/secret", access.require(APPLICATIONS_WRITE), a.applications()::rotateSecret);
        t.delete(apps + "/{appId}/secret", access.require(APPLICATIONS_WRITE), a.applications()::deletePreviousSecret);

        // ---- identity: populations, users, passwords, password policies
        String pops = "/v1/environments/{envId}/populations";
        t.post(pops, access.require(IDENTITIES_WRITE), a.populations()::create);
        t.get(pops, access.require(IDENTITIES_READ), a.populations()::list);
        t.get(pops + "/{populationId}", access.require(IDENTITIES_READ), a.populations()::get);
        t.put(pops + "/{populationId}", access.require(IDENTITIES_WRITE), a.populations()::replace);
        t.delete(pops + "/{populationId}", access.require(IDENTITIES_WRITE), a.populations()::delete);
        String users = "/v1/environments/{envId}/users";
        t.post(users, access.require(IDENTITIES_WRITE), a.users()::create);
        t.get(users, access.require(IDENTITIES_READ), a.users()::list);
        t.get(users + "/{userId}", access.require(IDENTITIES_READ), a.users()::get);
        t.post(users + "/{userId}", access.require(IDENTITIES_WRITE), a.users()::account);
        t.put(users + "/{userId}", access.require(IDENTITIES_WRITE), a.users()::replace);
        t.patch(users + "/{userId}", access.require(IDENTITIES_WRITE), a.users()::patch);
        t.delete(users + "/{userId}", access.require(IDENTITIES_WRITE), a.users()::delete);
        t.get(users + "/{userId}/enabled", access.require(IDENTITIES_READ), a.users()::getEnabled);
        t.put(users + "/{userId}/enabled", access.require(IDENTITIES_WRITE), a.users()::putEnabled);
        t.get(users + "/{userId}/population", access.require(IDENTITIES_READ), a.users()::getPopulation);
        t.put(users + "/{userId}/population", access.require(IDENTITIES_WRITE), a.users()::putPopulation);
        t.get(users + "/{userId}/password", access.require(IDENTITIES_READ), a.userPasswords()::get);
        t.put(users + "/{userId}/password", access.require(IDENTITIES_WRITE), a.userPasswords()::put);
        t.post(users + "/{userId}/password", access.require(IDENTITIES_WRITE), a.userPasswords()::post);
        String policies = "/v1/environments/{envId}/passwordPolicies";
        t.get(policies, access.require(CONFIGURATION_READ), a.passwordPolicies()::list);
        t.post(policies, access.require(CONFIGURATION_WRITE), a.passwordPolicies()::create);
        t.get(policies + "/{policyId}", access.require(CONFIGURATION_READ), a.passwordPolicies()::get);
        t.put(policies + "/{policyId}", access.require(CONFIGURATION_WRITE), a.passwordPolicies()::replace);
        t.delete(policies + "/{policyId}", access.require(CONFIGURATION_WRITE), a.passwordPolicies()::delete);
        return t;
    }
}
