package io.latchkey.applicationpermissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/**
 * HTTP adapter of PingOne Authorize's application permissions: application resources, their permissions,
 * application roles with their permissions and assignments, and users' application roles.
 *
 * <p>Each body carries exactly the fields of PingOne's schema for it: the management description for the objects
 * served under {@code /resources} and {@code /users} ({@code ResourceApplicationResource},
 * {@code ResourceApplicationPermission}, {@code UserApplicationRoleAssignment}: no {@code _links}, no timestamps), the
 * authorize description for the others ({@code ApplicationRole}, {@code ApplicationRolePermission},
 * {@code ApplicationRoleAssignment}: with {@code _links}). The environment-wide view of application resources and
 * the permissions of an application resource render the same objects the same way.
 */
public final class ApplicationPermissionsApi {
    private static final int MAX_LIMIT = 1000;

    private final ApplicationResourceService applicationResources;
    private final ApplicationPermissionService permissions;
    private final ApplicationRoleService roles;
    private final UserApplicationRoleService userRoles;

    public ApplicationPermissionsApi(
            ApplicationResourceService applicationResources,
            ApplicationPermissionService permissions,
            ApplicationRoleService roles,
            UserApplicationRoleService userRoles) {
        this.applicationResources = applicationResources;
        this.permissions = permissions;
        this.roles = roles;
        this.userRoles = userRoles;
    }

    // ---- /resources/{resourceId}/applicationResources

    public void createApplicationResource(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), applicationResources.create(env(x), x.pathParam("resourceId"), x.json())));
    }

    public void listApplicationResources(Exchange x) {
        String env = env(x);
        String resource = x.pathParam("resourceId");
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/resources/" + resource + "/applicationResources",
                "resources",
                applicationResources.list(env, resource, page),
                ApplicationResource::id,
                a -> render(x.links(), a),
                page,
                null));
    }

    public void getApplicationResource(Exchange x) {
        x.ok(render(
                x.links(),
                applicationResources.get(env(x), x.pathParam("resourceId"), x.pathParam("applicationResourceId"))));
    }

    public void replaceApplicationResource(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(
                x.links(),
                applicationResources.replace(
                        env(x), x.pathParam("resourceId"), x.pathParam("applicationResourceId"), x.json())));
    }

    public void deleteApplicationResource(Exchange x) {
        applicationResources.delete(env(x), x.pathParam("resourceId"), x.pathParam("applicationResourceId"));
        x.noContent();
    }

    public void listResourcePermissions(Exchange x) {
        String env = env(x);
        String resource = x.pathParam("resourceId");
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/resources/" + resource + "/applicationPermissions",
                "permissions",
                permissions.listForResource(env, resource, page),
                ApplicationPermission::id,
                p -> render(x.links(), p),
                page,
                null));
    }

    // ---- /applicationResources (read-only view across the environment)

    public void listAllApplicationResources(Exchange x) {
        String env = env(x);
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/applicationResources",
                "resources",
                applicationResources.list(env, page),
                ApplicationResource::id,
                a -> render(x.links(), a),
                page,
                null));
    }

    public void getAnyApplicationResource(Exchange x) {
        x.ok(render(x.links(), applicationResources.get(env(x), x.pathParam("applicationResourceId"))));
    }

    // ---- /applicationResources/{applicationResourceId}/permissions

    public void createPermission(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), permissions.create(env(x), x.pathParam("applicationResourceId"), x.json())));
    }

    public void listPermissions(Exchange x) {
        String env = env(x);
        String ar = x.pathParam("applicationResourceId");
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/applicationResources/" + ar + "/permissions",
                "permissions",
                permissions.list(env, ar, page),
                ApplicationPermission::id,
                p -> render(x.links(), p),
                page,
                null));
    }

    public void getPermission(Exchange x) {
        x.ok(render(
                x.links(), permissions.get(env(x), x.pathParam("applicationResourceId"), x.pathParam("permissionId"))));
    }

    public void replacePermission(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(
                x.links(),
                permissions.replace(
                        env(x), x.pathParam("applicationResourceId"), x.pathParam("permissionId"), x.json())));
    }

    public void deletePermission(Exchange x) {
        permissions.delete(env(x), x.pathParam("applicationResourceId"), x.pathParam("permissionId"));
        x.noContent();
    }

    // ---- /applicationRoles

    public void createRole(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), roles.create(env(x), x.json())));
    }

    public void listRoles(Exchange x) {
        String env = env(x);
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/applicationRoles",
                "roles",
                roles.list(env, page),
                ApplicationRole::id,
                r -> render(x.links(), r),
                page,
                null));
    }

    public void getRole(Exchange x) {
        x.ok(render(x.links(), roles.get(env(x), x.pathParam("roleId"))));
    }

    public void replaceRole(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), roles.replace(env(x), x.pathParam("roleId"), x.json())));
    }

    public void deleteRole(Exchange x) {
        roles.delete(env(x), x.pathParam("roleId"));
        x.noContent();
    }

    public void addRolePermission(Exchange x) {
        x.requireContentType("application/json");
        String role = x.pathParam("roleId");
        x.created(renderRolePermission(x.links(), role, roles.addPermission(env(x), role, x.json())));
    }

    public void listRolePermissions(Exchange x) {
        String env = env(x);
        String role = x.pathParam("roleId");
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/applicationRoles/" + role + "/permissions",
                "permissions",
                roles.permissions(env, role, page),
                ApplicationPermission::id,
                p -> renderRolePermission(x.links(), role, p),
                page,
                null));
    }

    public void removeRolePermission(Exchange x) {
        roles.removePermission(env(x), x.pathParam("roleId"), x.pathParam("permissionId"));
        x.noContent();
    }

    public void listRoleAssignments(Exchange x) {
        String env = env(x);
        String role = x.pathParam("roleId");
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/applicationRoles/" + role + "/assignments",
                "assignments",
                roles.assignments(env, role, page),
                UserApplicationRole::id,
                a -> renderAssignment(x.links(), a),
                page,
                null));
    }

    // ---- /users/{userId}/applicationRoles

    public void assignUserRole(Exchange x) {
        x.requireContentType("application/json");
        x.created(renderUserRole(x.links(), userRoles.assign(env(x), x.pathParam("userId"), x.json())));
    }

    public void listUserRoles(Exchange x) {
        String env = env(x);
        String user = x.pathParam("userId");
        PageRequest page = page(x);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/users/" + user + "/applicationRoles",
                "roles",
                userRoles.list(env, user, page),
                a -> a.role().id(),
                a -> renderUserRole(x.links(), a),
                page,
                null));
    }

    public void removeUserRole(Exchange x) {
        userRoles.remove(env(x), x.pathParam("userId"), x.pathParam("roleId"));
        x.noContent();
    }

    // ---- rendering

    private static String env(Exchange x) {
        return x.pathParam("envId");
    }

    private static PageRequest page(Exchange x) {
        return PageRequest.of(x.query("limit"), x.query("cursor"), MAX_LIMIT);
    }

    static ObjectNode render(Links links, ApplicationResource a) {
        ObjectNode n = Json.object();
        n.put("id", a.id());
        n.put("name", a.name());
        if (a.description() != null) n.put("description", a.description());
        n.putObject("parent").put("type", "PING_ONE_RESOURCE").put("id", a.resourceId());
        return n;
    }

    static ObjectNode render(Links links, ApplicationPermission p) {
        ObjectNode n = Json.object();
        n.put("id", p.id());
        n.put("action", p.action());
        if (p.description() != null) n.put("description", p.description());
        n.put("key", p.key());
        n.putObject("resource").put("id", p.applicationResourceId()).put("name", p.applicationResourceName());
        ObjectNode server = n.putObject("resourceServer").put("id", p.resourceId());
        server.set("environment", Json.idRef(p.environmentId()));
        return n;
    }

    static ObjectNode render(Links links, ApplicationRole r) {
        String envUrl = links.environment(r.environmentId());
        String self = envUrl + "/applicationRoles/" + r.id();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self)
                        .rel("environment", envUrl)
                        .rel("permissions", self + "/permissions")
                        .rel("assignments", self + "/assignments")
                        .node());
        n.put("id", r.id());
        n.put("name", r.name());
        if (r.description() != null) n.put("description", r.description());
        return n;
    }

    /** A permission as an entry of a role: PingOne's ApplicationRolePermission ({@code id} is the permission's). */
    static ObjectNode renderRolePermission(Links links, String roleId, ApplicationPermission p) {
        String envUrl = links.environment(p.environmentId());
        String role = envUrl + "/applicationRoles/" + roleId;
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", role + "/permissions/" + p.id())
                        .rel("environment", envUrl)
                        .rel("applicationRole", role)
                        .rel(
                                "permission",
                                envUrl + "/applicationResources/" + p.applicationResourceId() + "/permissions/"
                                        + p.id())
                        .node());
        n.set("environment", Json.idRef(p.environmentId()));
        n.put("id", p.id());
        n.put("key", p.key());
        n.put("action", p.action());
        if (p.description() != null) n.put("description", p.description());
        n.putObject("resource").put("id", p.applicationResourceId()).put("name", p.applicationResourceName());
        return n;
    }

    /** A role as held by a user: PingOne's UserApplicationRoleAssignment ({@code id} is the role's). */
    static ObjectNode renderUserRole(Links links, UserApplicationRole a) {
        ObjectNode n = Json.object();
        n.set("environment", Json.idRef(a.environmentId()));
        n.put("id", a.role().id());
        n.put("name", a.role().name());
        if (a.role().description() != null) n.put("description", a.role().description());
        return n;
    }

    /** A holder of a role, seen from the role: PingOne's ApplicationRoleAssignment ({@code id} is the assignment's). */
    static ObjectNode renderAssignment(Links links, UserApplicationRole a) {
        String envUrl = links.environment(a.environmentId());
        String user = envUrl + "/users/" + a.userId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", user + "/applicationRoles/" + a.role().id())
                        .rel("environment", envUrl)
                        .rel("user", user)
                        .rel(
                                "applicationRole",
                                envUrl + "/applicationRoles/" + a.role().id())
                        .node());
        n.put("id", a.id());
        n.putObject("role").put("id", a.role().id()).put("name", a.role().name());
        n.putObject("subject").put("id", a.userId()).put("type", "USER");
        return n;
    }
}
