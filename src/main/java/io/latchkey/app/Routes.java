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

        String res = "/v1/environments/{envId}/resources";
        t.post(res, access.require(APPLICATIONS_WRITE), a.resources()::create);
        t.get(res, access.require(APPLICATIONS_READ), a.resources()::list);
        t.get(res + "/{resourceId}", access.require(APPLICATIONS_READ), a.resources()::get);
        t.put(res + "/{resourceId}", access.require(APPLICATIONS_WRITE), a.resources()::replace);
        t.delete(res + "/{resourceId}", access.require(APPLICATIONS_WRITE), a.resources()::delete);
        t.get(res + "/{resourceId}/secret", access.require(APPLICATIONS_WRITE), a.resources()::getSecret);
        t.post(res + "/{resourceId}/secret", access.require(APPLICATIONS_WRITE), a.resources()::rotateSecret);
        t.delete(res + "/{resourceId}/secret", access.require(APPLICATIONS_WRITE), a.resources()::deletePreviousSecret);
        t.post(res + "/{resourceId}/scopes", access.require(APPLICATIONS_WRITE), a.resources()::createScope);
        t.get(res + "/{resourceId}/scopes", access.require(APPLICATIONS_READ), a.resources()::listScopes);
        t.get(res + "/{resourceId}/scopes/{scopeId}", access.require(APPLICATIONS_READ), a.resources()::getScope);
        t.put(res + "/{resourceId}/scopes/{scopeId}", access.require(APPLICATIONS_WRITE), a.resources()::replaceScope);
        t.delete(res + "/{resourceId}/scopes/{scopeId}", access.require(APPLICATIONS_WRITE), a.resources()::deleteScope);
        t.post(res + "/{resourceId}/attributes", access.require(APPLICATIONS_WRITE), a.resources()::createAttribute);
        t.get(res + "/{resourceId}/attributes", access.require(APPLICATIONS_READ), a.resources()::listAttributes);
        t.get(res + "/{resourceId}/attributes/{attributeId}", access.require(APPLICATIONS_READ), a.resources()::getAttribute);
        t.put(res + "/{resourceId}/attributes/{attributeId}", access.require(APPLICATIONS_WRITE), a.resources()::replaceAttribute);
        t.delete(res + "/{resourceId}/attributes/{attributeId}", access.require(APPLICATIONS_WRITE), a.resources()::deleteAttribute);

        String sop = "/v1/environments/{envId}/signOnPolicies";
        t.post(sop, access.require(CONFIGURATION_WRITE), a.signOnPolicies()::create);
        t.get(sop, access.require(CONFIGURATION_READ), a.signOnPolicies()::list);
        t.get(sop + "/{policyId}", access.require(CONFIGURATION_READ), a.signOnPolicies()::get);
        t.put(sop + "/{policyId}", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::replace);
        t.delete(sop + "/{policyId}", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::delete);
        t.post(sop + "/{policyId}/actions", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::createAction);
        t.get(sop + "/{policyId}/actions", access.require(CONFIGURATION_READ), a.signOnPolicies()::listActions);
        t.get(sop + "/{policyId}/actions/{actionId}", access.require(CONFIGURATION_READ), a.signOnPolicies()::getAction);
        t.put(sop + "/{policyId}/actions/{actionId}", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::replaceAction);
        t.delete(sop + "/{policyId}/actions/{actionId}", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::deleteAction);
        return t;
    }
}
