package io.latchkey.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/groups/{groupId}/roleAssignments} (no PUT, as for users). */
public final class GroupRoleAssignmentsApi {
    private final GroupRoleAssignmentService service;
    private final RoleAssignmentService assignments;

    public GroupRoleAssignmentsApi(GroupRoleAssignmentService service, RoleAssignmentService assignments) {
        this.service = service;
        this.assignments = assignments;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        String group = x.pathParam("groupId");
        Caller caller = x.attribute(Caller.class);
        x.created(render(x.links(), caller, service.create(env, group, x.json(), caller)));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String group = x.pathParam("groupId");
        Caller caller = x.attribute(Caller.class);
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/groups/" + group + "/roleAssignments",
                "roleAssignments",
                service.list(env, group).stream()
                        .map(r -> render(x.links(), caller, r))
                        .toList()));
    }

    public void get(Exchange x) {
        x.ok(render(
                x.links(),
                x.attribute(Caller.class),
                service.get(x.pathParam("envId"), x.pathParam("groupId"), x.pathParam("assignmentId"))));
    }

    public void delete(Exchange x) {
        service.delete(
                x.pathParam("envId"), x.pathParam("groupId"), x.pathParam("assignmentId"), x.attribute(Caller.class));
        x.noContent();
    }

    private ObjectNode render(Links links, Caller caller, RoleAssignmentStore.Row r) {
        String group = links.environment(r.environmentId()) + "/groups/" + r.subjectId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", group + "/roleAssignments/" + r.id())
                        .rel("environment", links.environment(r.environmentId()))
                        .rel("group", group)
                        .rel("role", links.management("/roles/" + r.roleId()))
                        .node());
        n.put("id", r.id());
        n.set("environment", Json.idRef(r.environmentId()));
        n.set("role", Json.idRef(r.roleId()));
        n.putObject("scope").put("id", r.scopeId()).put("type", r.scopeType());
        n.put("readOnly", !assignments.canManage(caller, r));
        return n;
    }
}
