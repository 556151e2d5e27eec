package io.latchkey.app;

import static io.latchkey.access.Permission.*;

import io.latchkey.activities.ManagementActivities;
import io.latchkey.http.Cors;
import io.latchkey.http.Guard;
import io.latchkey.http.RouteTable;
import io.latchkey.managementauth.ManagementAccess;

/** THE route table: the whole PingOne surface Latchkey serves, in one place. */
final class Routes {
    private Routes() {}

    /**
     * The management port's table: the probes and the metrics, without credentials. It is meant for the cluster's
     * network only (kubelet, Prometheus), never for the public.
     */
    static RouteTable management(Apis a) {
        RouteTable t = new RouteTable();
        t.get("/health/live", a.health()::live);
        t.add("HEAD", "/health/live", Guard.NONE, a.health()::live);
        t.get("/health/ready", a.health()::ready);
        t.add("HEAD", "/health/ready", Guard.NONE, a.health()::ready);
        t.get("/metrics", a.metrics()::scrape);
        return t;
    }

    /**
     * @param interactive the per-address request limit of the endpoints that create or advance sign-on state
     * @param audit records every management write (every /v1 route but GETs) in the audit log
     */
    static RouteTable build(Apis a, ManagementAccess access, Guard interactive, ManagementActivities audit) {
        RouteTable t = new RouteTable();

        // ---- Health probes (health/): no guard at all — probes carry no credentials and must never be throttled
        // HEAD is declared apart: for a GET route without one, Javalin answers HEAD itself without running the handler,
        // so a HEAD probe would be UP with the database gone.
        t.get("/health/live", a.health()::live);
        t.add("HEAD", "/health/live", Guard.NONE, a.health()::live);
        t.get("/health/ready", a.health()::ready);
        t.add("HEAD", "/health/ready", Guard.NONE, a.health()::ready);
        // Metrics (metrics/): node-wide figures over every environment, so on this port only for a management token
        // holding Environment read over the whole organization (the bootstrap admin's roles). Prometheus scrapes the
        // management port instead, where they need no credentials.
        t.get("/metrics", access.require(ENVIRONMENT_READ), a.metrics()::scrape);

        // ---- Auth API: /{envId}/as/... Only the browser-facing steps are limited; token, par, introspect, jwks,
        // discovery, userinfo and revoke serve other servers at thousands of requests a second.
        t.get("/{envId}/as/.well-known/openid-configuration", a.discovery()::configuration);
        t.get("/{envId}/as/jwks", a.discovery()::jwks);
        t.oauth("POST", "/{envId}/as/token", a.token()::token);
        t.get("/{envId}/as/authorize", interactive, a.authorize()::authorize);
        t.post("/{envId}/as/authorize", interactive, a.authorize()::authorize);
        t.oauth("POST", "/{envId}/as/par", a.pushedAuthorization()::push);
        t.get("/{envId}/as/resume", interactive, a.resume()::resume);
        t.oauth("POST", "/{envId}/as/introspect", a.introspect()::introspect);
        t.oauth("GET", "/{envId}/as/userinfo", a.userinfo()::userinfo);
        t.oauth("POST", "/{envId}/as/userinfo", a.userinfo()::userinfo);
        t.oauth("POST", "/{envId}/as/revoke", a.revoke()::revoke);
        t.get("/{envId}/as/signoff", a.signoff()::signoff);
        t.post("/{envId}/as/signoff", a.signoff()::signoff);

        // ---- Flows API and the hosted sign-on page (which applies the interactive limit itself, to answer in HTML)
        t.get("/{envId}/flows/{flowId}", interactive, a.flows()::get);
        t.post("/{envId}/flows/{flowId}", interactive, a.flows()::post);
        t.get("/{envId}/signon", a.signOnPage()::page);
        t.post("/{envId}/signon", a.signOnPage()::submit);
        t.get("/{envId}/signon/signon.css", a.signOnPage()::stylesheet);
        t.get("/{envId}/signon/signon.js", a.signOnPage()::script);

        // ---- Device authorization grant (RFC 8628). The verification page applies the interactive limit itself.
        t.oauth("POST", "/{envId}/as/device_authorization", a.deviceAuthorization()::authorize);
        // GET /device starts a device grant flow and redirects to the sign-on page, as PingOne does.
        t.get("/{envId}/device", a.deviceVerification()::start);
        t.get("/{envId}/device/{appIdentifier}", a.deviceVerification()::start);

        // ---- Management API: /v1/...
        t.post("/v1/environments", access.require(ENVIRONMENTS_CREATE), a.environments()::create);
        t.get("/v1/environments", access.requireSomewhere(ENVIRONMENT_READ), a.environments()::list);
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
        String appAttributes = apps + "/{appId}/attributes";
        t.post(appAttributes, access.require(APPLICATIONS_WRITE), a.applicationAttributes()::create);
        t.get(appAttributes, access.require(APPLICATIONS_READ), a.applicationAttributes()::list);
        t.get(appAttributes + "/{attrMappingId}", access.require(APPLICATIONS_READ), a.applicationAttributes()::get);
        t.put(
                appAttributes + "/{attrMappingId}",
                access.require(APPLICATIONS_WRITE),
                a.applicationAttributes()::replace);
        t.delete(
                appAttributes + "/{attrMappingId}",
                access.require(APPLICATIONS_WRITE),
                a.applicationAttributes()::delete);
        String sopAssignments = apps + "/{appId}/signOnPolicyAssignments";
        t.post(sopAssignments, access.require(APPLICATIONS_WRITE), a.signOnPolicyAssignments()::create);
        t.get(sopAssignments, access.require(APPLICATIONS_READ), a.signOnPolicyAssignments()::list);
        t.get(sopAssignments + "/{assignmentId}", access.require(APPLICATIONS_READ), a.signOnPolicyAssignments()::get);
        t.put(
                sopAssignments + "/{assignmentId}",
                access.require(APPLICATIONS_WRITE),
                a.signOnPolicyAssignments()::replace);
        t.delete(
                sopAssignments + "/{assignmentId}",
                access.require(APPLICATIONS_WRITE),
                a.signOnPolicyAssignments()::delete);
        String roleAssignments = apps + "/{appId}/roleAssignments";
        t.post(roleAssignments, access.require(APPLICATIONS_WRITE), a.roleAssignments()::create);
        t.get(roleAssignments, access.require(APPLICATIONS_READ), a.roleAssignments()::list);
        t.get(roleAssignments + "/{assignmentId}", access.require(APPLICATIONS_READ), a.roleAssignments()::get);
        t.delete(roleAssignments + "/{assignmentId}", access.require(APPLICATIONS_WRITE), a.roleAssignments()::delete);
        t.get("/v1/roles", access.requireAnyRole(), a.roles()::list);
        t.get("/v1/roles/{roleId}", access.requireAnyRole(), a.roles()::get);

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
        t.delete(
                res + "/{resourceId}/scopes/{scopeId}", access.require(APPLICATIONS_WRITE), a.resources()::deleteScope);
        t.post(res + "/{resourceId}/attributes", access.require(APPLICATIONS_WRITE), a.resources()::createAttribute);
        t.get(res + "/{resourceId}/attributes", access.require(APPLICATIONS_READ), a.resources()::listAttributes);
        t.get(
                res + "/{resourceId}/attributes/{attributeId}",
                access.require(APPLICATIONS_READ),
                a.resources()::getAttribute);
        t.put(
                res + "/{resourceId}/attributes/{attributeId}",
                access.require(APPLICATIONS_WRITE),
                a.resources()::replaceAttribute);
        t.delete(
                res + "/{resourceId}/attributes/{attributeId}",
                access.require(APPLICATIONS_WRITE),
                a.resources()::deleteAttribute);

        String sop = "/v1/environments/{envId}/signOnPolicies";
        t.post(sop, access.require(CONFIGURATION_WRITE), a.signOnPolicies()::create);
        t.get(sop, access.require(CONFIGURATION_READ), a.signOnPolicies()::list);
        t.get(sop + "/{policyId}", access.require(CONFIGURATION_READ), a.signOnPolicies()::get);
        t.put(sop + "/{policyId}", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::replace);
        t.delete(sop + "/{policyId}", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::delete);
        t.post(sop + "/{policyId}/actions", access.require(CONFIGURATION_WRITE), a.signOnPolicies()::createAction);
        t.get(sop + "/{policyId}/actions", access.require(CONFIGURATION_READ), a.signOnPolicies()::listActions);
        t.get(
                sop + "/{policyId}/actions/{actionId}",
                access.require(CONFIGURATION_READ),
                a.signOnPolicies()::getAction);
        t.put(
                sop + "/{policyId}/actions/{actionId}",
                access.require(CONFIGURATION_WRITE),
                a.signOnPolicies()::replaceAction);
        t.delete(
                sop + "/{policyId}/actions/{actionId}",
                access.require(CONFIGURATION_WRITE),
                a.signOnPolicies()::deleteAction);

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
        String devices = users + "/{userId}/devices";
        t.post(devices, access.require(IDENTITIES_WRITE), a.devices()::post);
        t.get(devices, access.require(IDENTITIES_READ), a.devices()::list);
        t.delete(devices, access.require(IDENTITIES_WRITE), a.devices()::deleteOrder);
        t.get(devices + "/{deviceId}", access.require(IDENTITIES_READ), a.devices()::get);
        t.post(devices + "/{deviceId}", access.require(IDENTITIES_WRITE), a.devices()::action);
        t.delete(devices + "/{deviceId}", access.require(IDENTITIES_WRITE), a.devices()::delete);
        t.put(devices + "/{deviceId}/nickname", access.require(IDENTITIES_WRITE), a.devices()::putNickname);
        String userSessions = users + "/{userId}/sessions";
        t.get(userSessions, access.require(IDENTITIES_READ), a.userSessions()::list);
        t.get(userSessions + "/{sessionId}", access.require(IDENTITIES_READ), a.userSessions()::get);
        t.delete(userSessions + "/{sessionId}", access.require(IDENTITIES_WRITE), a.userSessions()::delete);
        String userRoles = users + "/{userId}/roleAssignments";
        t.post(userRoles, access.require(IDENTITIES_WRITE), a.userRoleAssignments()::create);
        t.get(userRoles, access.require(IDENTITIES_READ), a.userRoleAssignments()::list);
        t.get(userRoles + "/{assignmentId}", access.require(IDENTITIES_READ), a.userRoleAssignments()::get);
        t.delete(userRoles + "/{assignmentId}", access.require(IDENTITIES_WRITE), a.userRoleAssignments()::delete);
        String policies = "/v1/environments/{envId}/passwordPolicies";
        t.get(policies, access.require(CONFIGURATION_READ), a.passwordPolicies()::list);
        t.post(policies, access.require(CONFIGURATION_WRITE), a.passwordPolicies()::create);
        t.get(policies + "/{policyId}", access.require(CONFIGURATION_READ), a.passwordPolicies()::get);
        t.put(policies + "/{policyId}", access.require(CONFIGURATION_WRITE), a.passwordPolicies()::replace);
        t.delete(policies + "/{policyId}", access.require(CONFIGURATION_WRITE), a.passwordPolicies()::delete);

        // ---- signing keys and their certificates (keys/); rotation = make another key the default
        String keys = "/v1/environments/{envId}/keys";
        t.post(keys, access.require(CONFIGURATION_WRITE), a.keys()::create);
        t.get(keys, access.require(CONFIGURATION_READ), a.keys()::list);
        t.get(keys + "/{keyId}", access.require(CONFIGURATION_READ), a.keys()::get);
        t.put(keys + "/{keyId}", access.require(CONFIGURATION_WRITE), a.keys()::update);
        t.delete(keys + "/{keyId}", access.require(CONFIGURATION_WRITE), a.keys()::delete);
        // ---- key rotation policies (keys/): keys that rotate on a schedule, for the applications that name them
        String krps = "/v1/environments/{envId}/keyRotationPolicies";
        t.post(krps, access.require(CONFIGURATION_WRITE), a.keyRotationPolicies()::create);
        t.get(krps, access.require(CONFIGURATION_READ), a.keyRotationPolicies()::list);
        t.get(krps + "/{keyRotationPolicyId}", access.require(CONFIGURATION_READ), a.keyRotationPolicies()::get);
        t.put(krps + "/{keyRotationPolicyId}", access.require(CONFIGURATION_WRITE), a.keyRotationPolicies()::replace);
        t.delete(krps + "/{keyRotationPolicyId}", access.require(CONFIGURATION_WRITE), a.keyRotationPolicies()::delete);

        // ---- MFA (mfa/): environment settings, MFA (device authentication) and FIDO2 policies, users' mfaEnabled
        {
            String mfaEnv = "/v1/environments/{envId}";
            t.get(mfaEnv + "/mfaSettings", access.require(CONFIGURATION_READ), a.mfaSettings()::get);
            t.put(mfaEnv + "/mfaSettings", access.require(CONFIGURATION_WRITE), a.mfaSettings()::replace);
            t.delete(mfaEnv + "/mfaSettings", access.require(CONFIGURATION_WRITE), a.mfaSettings()::reset);
            String dap = mfaEnv + "/deviceAuthenticationPolicies";
            var daps = a.deviceAuthenticationPolicies();
            t.post(dap, access.require(CONFIGURATION_WRITE), daps::create);
            t.get(dap, access.require(CONFIGURATION_READ), daps::list);
            t.get(dap + "/{policyId}", access.require(CONFIGURATION_READ), daps::get);
            t.put(dap + "/{policyId}", access.require(CONFIGURATION_WRITE), daps::replace);
            t.delete(dap + "/{policyId}", access.require(CONFIGURATION_WRITE), daps::delete);
            String fido2 = mfaEnv + "/fido2Policies";
            var fido2s = a.fido2Policies();
            t.post(fido2, access.require(CONFIGURATION_WRITE), fido2s::create);
            t.get(fido2, access.require(CONFIGURATION_READ), fido2s::list);
            t.get(fido2 + "/{policyId}", access.require(CONFIGURATION_READ), fido2s::get);
            t.put(fido2 + "/{policyId}", access.require(CONFIGURATION_WRITE), fido2s::replace);
            t.delete(fido2 + "/{policyId}", access.require(CONFIGURATION_WRITE), fido2s::delete);
            t.get(mfaEnv + "/users/{userId}/mfaEnabled", access.require(IDENTITIES_READ), a.users()::getMfaEnabled);
            t.put(mfaEnv + "/users/{userId}/mfaEnabled", access.require(IDENTITIES_WRITE), a.users()::putMfaEnabled);
        }

        // ---- MFA-only API (mfa/authentications): called by servers with a worker's token, authorized as /v1 is
        {
            String da = "/{envId}/deviceAuthentications";
            t.post(da, access.require(IDENTITIES_WRITE), a.deviceAuthentications()::start);
            t.get(da + "/{deviceAuthenticationId}", access.require(IDENTITIES_READ), a.deviceAuthentications()::get);
            t.post(da + "/{deviceAuthenticationId}", access.require(IDENTITIES_WRITE), a.deviceAuthentications()::step);
        }

        // ---- User schema and custom attributes (schemas/): read by identity, configuration and application admins
        {
            var reader = access.requireAny(IDENTITIES_READ, CONFIGURATION_READ, APPLICATIONS_READ);
            String schemas = "/v1/environments/{envId}/schemas";
            String attributes = schemas + "/{schemaId}/attributes";
            t.get(schemas, reader, a.schemas()::list);
            t.get(schemas + "/{schemaId}", reader, a.schemas()::get);
            t.get(attributes, reader, a.schemas()::listAttributes);
            t.post(attributes, access.require(CONFIGURATION_WRITE), a.schemas()::createAttribute);
            t.get(attributes + "/{attributeId}", reader, a.schemas()::getAttribute);
            t.put(attributes + "/{attributeId}", access.require(CONFIGURATION_WRITE), a.schemas()::replaceAttribute);
            t.patch(attributes + "/{attributeId}", access.require(CONFIGURATION_WRITE), a.schemas()::patchAttribute);
            t.delete(attributes + "/{attributeId}", access.require(CONFIGURATION_WRITE), a.schemas()::deleteAttribute);
        }

        // ---- groups (groups/): CRUD, users' memberships, nesting (the path group joins the body group)
        {
            String groups = "/v1/environments/{envId}/groups";
            t.post(groups, access.require(IDENTITIES_WRITE), a.groups()::create);
            t.get(groups, access.require(IDENTITIES_READ), a.groups()::list);
            t.get(groups + "/{groupId}", access.require(IDENTITIES_READ), a.groups()::get);
            t.put(groups + "/{groupId}", access.require(IDENTITIES_WRITE), a.groups()::replace);
            t.delete(groups + "/{groupId}", access.require(IDENTITIES_WRITE), a.groups()::delete);
            var gm = a.groupMemberships();
            String nestings = groups + "/{groupId}/memberOfGroups";
            t.post(nestings, access.require(IDENTITIES_WRITE), gm::nest);
            t.get(nestings, access.require(IDENTITIES_READ), gm::listNestings);
            t.get(nestings + "/{parentGroupId}", access.require(IDENTITIES_READ), gm::getNesting);
            t.delete(nestings + "/{parentGroupId}", access.require(IDENTITIES_WRITE), gm::unnest);
            String memberOf = "/v1/environments/{envId}/users/{userId}/memberOfGroups";
            t.post(memberOf, access.require(IDENTITIES_WRITE), gm::addUser);
            t.get(memberOf, access.require(IDENTITIES_READ), gm::listOfUser);
            t.get(memberOf + "/{groupId}", access.require(IDENTITIES_READ), gm::getOfUser);
            t.delete(memberOf + "/{groupId}", access.require(IDENTITIES_WRITE), gm::removeUser);
            // Administrator roles of groups (access/), held by every member, directly or through nesting.
            var gr = a.groupRoleAssignments();
            String groupRoles = groups + "/{groupId}/roleAssignments";
            t.post(groupRoles, access.require(IDENTITIES_WRITE), gr::create);
            t.get(groupRoles, access.require(IDENTITIES_READ), gr::list);
            t.get(groupRoles + "/{assignmentId}", access.require(IDENTITIES_READ), gr::get);
            t.delete(groupRoles + "/{assignmentId}", access.require(IDENTITIES_WRITE), gr::delete);
        }

        // ---- PingOne Authorize application permissions (applicationpermissions/) — own block, own names
        {
            var authz = a.applicationPermissions();
            String authzEnv = "/v1/environments/{envId}";
            String authzResources = authzEnv + "/resources/{resourceId}/applicationResources";
            t.post(authzResources, access.require(APPLICATIONS_WRITE), authz::createApplicationResource);
            t.get(authzResources, access.require(APPLICATIONS_READ), authz::listApplicationResources);
            t.get(
                    authzResources + "/{applicationResourceId}",
                    access.require(APPLICATIONS_READ),
                    authz::getApplicationResource);
            t.put(
                    authzResources + "/{applicationResourceId}",
                    access.require(APPLICATIONS_WRITE),
                    authz::replaceApplicationResource);
            t.delete(
                    authzResources + "/{applicationResourceId}",
                    access.require(APPLICATIONS_WRITE),
                    authz::deleteApplicationResource);
            t.get(
                    authzEnv + "/resources/{resourceId}/applicationPermissions",
                    access.require(APPLICATIONS_READ),
                    authz::listResourcePermissions);
            t.get(
                    authzEnv + "/applicationResources",
                    access.require(APPLICATIONS_READ),
                    authz::listAllApplicationResources);
            t.get(
                    authzEnv + "/applicationResources/{applicationResourceId}",
                    access.require(APPLICATIONS_READ),
                    authz::getAnyApplicationResource);
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
            t.delete(
                    authzRoles + "/{roleId}/permissions/{permissionId}",
                    access.require(APPLICATIONS_WRITE),
                    authz::removeRolePermission);
            t.get(authzRoles + "/{roleId}/assignments", access.require(APPLICATIONS_READ), authz::listRoleAssignments);
            String authzUserRoles = authzEnv + "/users/{userId}/applicationRoles";
            t.post(authzUserRoles, access.require(IDENTITIES_WRITE), authz::assignUserRole);
            t.get(authzUserRoles, access.require(IDENTITIES_READ), authz::listUserRoles);
            t.delete(authzUserRoles + "/{roleId}", access.require(IDENTITIES_WRITE), authz::removeUserRole);
        }

        // ---- Audit activities (activities/, docs/activities.md): read by identity and configuration admins. POST
        // searches (the filter in the body keeps its values out of URLs); it is not itself audited.
        {
            String activities = "/v1/environments/{envId}/activities";
            var reader = access.requireAny(IDENTITIES_READ, CONFIGURATION_READ);
            t.get(activities, reader, a.activities()::list);
            t.post(activities, reader, a.activities()::search);
            t.get(activities + "/{activityId}", reader, a.activities()::get);
        }
        t.around(
                r -> ManagementActivities.audits(r.method(), r.path()),
                r -> audit.around(r.method(), r.path(), r.handler()));

        // ---- Cross-origin requests (docs/applications.md, "Cross-origin requests (corsSettings)")
        t.cors("/{envId}/as/.well-known/openid-configuration", Cors.anyOrigin());
        t.cors("/{envId}/as/jwks", Cors.anyOrigin());
        t.cors("/{envId}/as/userinfo", Cors.anyOrigin()); // the access token is the credential
        var origins = a.clientOrigins(); // the application's corsSettings
        t.cors("/{envId}/as/token", Cors.byApplication(origins::tokenEndpoint));
        t.cors("/{envId}/as/introspect", Cors.byApplication(origins::tokenEndpoint));
        // The client authenticates at these as at the token endpoint: the same origin rule.
        t.cors("/{envId}/as/par", Cors.byApplication(origins::tokenEndpoint));
        t.cors("/{envId}/as/device_authorization", Cors.byApplication(origins::tokenEndpoint));
        t.cors("/{envId}/as/revoke", Cors.byApplication(origins::revocation));
        t.cors("/{envId}/as/authorize", Cors.byApplicationWithCookies(origins::authorization));
        t.cors("/{envId}/as/resume", Cors.byApplicationWithCookies(origins::flow));
        t.cors("/{envId}/as/signoff", Cors.byApplicationWithCookies(origins::signoff));
        t.cors("/{envId}/flows/{flowId}", Cors.byApplicationWithCookies(origins::flow));
        t.corsUnder("/v1/", Cors.anyOrigin()); // bearer tokens only: PingOne trusts every origin with them

        return t;
    }
}
