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

        // ---- PingOne Authorize application permissions (authorize/) — own block, own names
        {
            var authz = a.applicationPermissions();
            String authzEnv = "/v1/environments/{envId}";
            String authzResources = authzEnv + "/resources/{resourceId}/applicationResources";
            t.post(authzResources, access.require(APPLICATIONS_WRITE), authz::createApplicationResource);
            t.get(authzResources, access.require(APPLICATIONS_READ), authz::listApplicationResources);
            t.get(authzResources + "/{applicationResourceId}", access.require(APPLICATIONS_READ), authz::getApplicationResource);
            t.put(authzResources + "/{applicationResourceId}", access.require(APPLICATIONS_WRITE), authz::replaceApplicationResource);
            t.delete(authzResources + "/{applicationResourceId}", access.require(APPLICATIONS_WRITE), authz::deleteApplicationResource);
            t.get(authzEnv + "/resources/{resourceId}/applicationPermissions", access.require(APPLICATIONS_READ), authz::listResourcePermissions);
            t.get(authzEnv + "/applicationResources", access.require(APPLICATIONS_READ), authz::listAllApplicationResources);
            t.get(authzEnv + "/applicationResources/{applicationResourceId}", access.require(APPLICATIONS_READ), authz::getAnyApplicationResource);
            String authzPermissions = authzEnv + "/applicationResources/{applicationResourceId}/permissions";
            t.post(authzPermissions, access.require(APPLICATIONS_WRITE), authz::createPermission);
            t.get(authzPermissions, access.require(APPLICATIONS_READ), authz::listPermissions);
            t.get(authzPermissions + "/{permissionId}", access.require(APPLICATIONS_READ), authz::getPermission);
            t.put(authzPermissions + "/{permissionId}", access.require(APPLICATIONS_WRITE), authz::replacePermission);
            t.delete(authzPermissions + "/{permissionId}", access.require(APPLICATIONS_WRITE), authz::deletePermission);
            String authzRoles = authzEnv + "/applicationRoles";
            t.post(authzRoles, access.require(APPLICATIONS_WRITE), authz::createRole);
            t.get(authzRoles, access.require(APPLICATIONS_READ), authz::listRoles);
            t.get(authzRoles + "/{roleId}", access.require(APPLICATIONS_READ), authz::getRole);
            t.put(authzRoles + "/{roleId}", access.require(APPLICATIONS_WRITE), authz::replaceRole);
            t.delete(authzRoles + "/{roleId}", access.require(APPLICATIONS_WRITE), authz::deleteRole);
            t.post(authzRoles + "/{roleId}/permissions", access.require(APPLICATIONS_WRITE), authz::addRolePermission);
            t.get(authzRoles + "/{roleId}/permissions", access.require(APPLICATIONS_READ), authz::listRolePermissions);
            t.delete(authzRoles + "/{roleId}/permissions/{permissionId}", access.require(APPLICATIONS_WRITE), authz::removeRolePermission);
            t.get(authzRoles + "/{roleId}/assignments", access.require(APPLICATIONS_READ), authz::listRoleAssignments);
            String authzUserRoles = authzEnv + "/users/{userId}/applicationRoles";
            t.post(authzUserRoles, access.require(IDENTITIES_WRITE), authz::assignUserRole);
            t.get(authzUserRoles, access.require(IDENTITIES_READ), authz::listUserRoles);
            t.delete(authzUserRoles + "/{roleId}", access.require(IDENTITIES_WRITE), authz::removeUserRole);
        }

        return t;
    }
}
