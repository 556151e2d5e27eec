package io.latchkey.app;

import static io.latchkey.access.Permission.*;

import io.latchkey.access.ManagementAccess;
import io.latchkey.access.RolesApi;
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
        t.get("/{envId}/as/authorize", a.authorize()::authorize);
        t.post("/{envId}/as/authorize", a.authorize()::authorize);
        t.get("/{envId}/as/resume", a.resume()::resume);
        t.post("/{envId}/as/introspect", a.introspect()::introspect);
        t.get("/{envId}/as/userinfo", a.userinfo()::userinfo);
        t.post("/{envId}/as/userinfo", a.userinfo()::userinfo);
        t.post("/{envId}/as/revoke", a.revoke()::revoke);
        t.get("/{envId}/as/signoff", a.signoff()::signoff);
        t.post("/{envId}/as/signoff", a.signoff()::signoff);

        // ---- Flows API and the hosted sign-on page
        t.get("/{envId}/flows/{flowId}", a.flows()::get);
        t.post("/{envId}/flows/{flowId}", a.flows()::post);
        t.get("/{envId}/signon", a.signOnPage()::page);
        t.post("/{envId}/signon", a.signOnPage()::submit);
        t.get("/{envId}/signon/signon.css", a.signOnPage()::stylesheet);
        t.get("/{envId}/signon/signon.js", a.signOnPage()::script);

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
        String grants = apps + "/{appId}/grants";
        t.post(grants, access.require(APPLICATIONS_WRITE), a.grants()::create);
        t.get(grants, access.require(APPLICATIONS_READ), a.grants()::list);
        t.get(grants + "/{grantId}", access.require(APPLICATIONS_READ), a.grants()::get);
        t.put(grants + "/{grantId}", access.require(APPLICATIONS_WRITE), a.grants()::replace);
        t.delete(grants + "/{grantId}", access.require(APPLICATIONS_WRITE), a.grants()::delete);
        String sopAssignments = apps + "/{appId}/signOnPolicyAssignments";
        t.post(sopAssignments, access.require(APPLICATIONS_WRITE), a.signOnPolicyAssignments()::create);
        t.get(sopAssignments, access.require(APPLICATIONS_READ), a.signOnPolicyAssignments()::list);
        t.get(sopAssignments + "/{assignmentId}", access.require(APPLICATIONS_READ), a.signOnPolicyAssignments()::get);
        t.put(sopAssignments + "/{assignmentId}", access.require(APPLICATIONS_WRITE), a.signOnPolicyAssignments()::replace);
        t.delete(sopAssignments + "/{assignmentId}", access.require(APPLICATIONS_WRITE), a.signOnPolicyAssignments()::delete);
        String roleAssignments = apps + "/{appId}/roleAssignments";
        t.post(roleAssignments, access.require(APPLICATIONS_WRITE), a.roleAssignments()::create);
        t.get(roleAssignments, access.require(APPLICATIONS_READ), a.roleAssignments()::list);
        t.get(roleAssignments + "/{assignmentId}", access.require(APPLICATIONS_READ), a.roleAssignments()::get);
        t.delete(roleAssignments + "/{assignmentId}", access.require(APPLICATIONS_WRITE), a.roleAssignments()::delete);
        t.get("/v1/roles", RolesApi.anyRole(access), a.roles()::list);
        t.get("/v1/roles/{roleId}", RolesApi.anyRole(access), a.roles()::get);
        return t;
    }
}
