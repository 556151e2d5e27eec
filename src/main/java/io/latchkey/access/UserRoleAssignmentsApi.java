package io.latchkey.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/users/{userId}/roleAssignments} (no PUT, as in PingOne). */
public final class UserRoleAssignmentsApi {
    private final UserRoleAssignmentService service;
    private final RoleAssignmentService assignments;

    public UserRoleAssignmentsApi(UserRoleAssignmentService service, RoleAssignmentService assignments) {
        this.service = service;
        this.assignments = assignments;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        Caller caller = x.attribute(Caller.class);
        x.created(render(x.links(), caller, user, service.create(env, user, x.json(), caller)));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        Caller caller = x.attribute(Caller.class);
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/users/" + user + "/roleAssignments",
                "roleAssignments",
                service.list(env, user).stream()
                        .map(r -> render(x.links(), caller, user, r))
                        .toList()));
    }

    public void get(Exchange x) {
        String user = x.pathParam("userId");
        x.ok(render(
                x.links(),
                x.attribute(Caller.class),
                user,
                service.get(x.pathParam("envId"), user, x.pathParam("assignmentId"))));
    }

    public void delete(Exchange x) {
        service.delete(
                x.pathParam("envId"), x.pathParam("userId"), x.pathParam("assignmentId"), x.attribute(Caller.class));
        x.noContent();
    }

    /** An assignment the user inherits from a group names it ({@code group.id}) and is read only here. */
    private ObjectNode render(Links links, Caller caller, String userId, RoleAssignmentStore.Row r) {
        String user = links.environment(r.environmentId()) + "/users/" + userId;
        boolean inherited = r.subjectType().equals("GROUP");
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", user + "/roleAssignments/" + r.id())
                        .rel("environment", links.environment(r.environmentId()))
                        .rel("user", user)
                        .rel("role", links.management("/roles/" + r.roleId()))
                        .node());
        n.put("id", r.id());
        n.set("environment", Json.idRef(r.environmentId()));
        n.set("role", Json.idRef(r.roleId()));
        n.putObject("scope").put("id", r.scopeId()).put("type", r.scopeType());
        if (inherited) n.set("group", Json.idRef(r.subjectId()));
        n.put("readOnly", inherited || !assignments.canManage(caller, r));
        return n;
    }
}
