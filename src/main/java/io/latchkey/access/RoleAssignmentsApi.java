package io.latchkey.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/**
 * HTTP adapter of {@code /v1/environments/{envId}/applications/{appId}/roleAssignments} and of
 * {@code …/groups/{groupId}/roleAssignments} (no PUT for groups, as for users): one adapter per kind of subject.
 */
public final class RoleAssignmentsApi {
    private final SubjectRoleAssignments service;
    private final RoleAssignmentService rules;
    /** The subject's path parameter, its collection's path segment and its {@code _links} relation. */
    private final String pathParam;

    private final String segment;
    private final String rel;

    private RoleAssignmentsApi(
            SubjectRoleAssignments service, RoleAssignmentService rules, String pathParam, String segment, String rel) {
        this.service = service;
        this.rules = rules;
        this.pathParam = pathParam;
        this.segment = segment;
        this.rel = rel;
    }

    public static RoleAssignmentsApi forApplications(RoleAssignmentService service) {
        return new RoleAssignmentsApi(service, service, "appId", "applications", "application");
    }

    public static RoleAssignmentsApi forGroups(GroupRoleAssignmentService service, RoleAssignmentService rules) {
        return new RoleAssignmentsApi(service, rules, "groupId", "groups", "group");
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        String subject = x.pathParam(pathParam);
        Caller caller = x.attribute(Caller.class);
        x.created(render(x.links(), caller, service.create(env, subject, x.json(), caller)));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String subject = x.pathParam(pathParam);
        Caller caller = x.attribute(Caller.class);
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/" + segment + "/" + subject + "/roleAssignments",
                "roleAssignments",
                service.list(env, subject).stream()
                        .map(r -> render(x.links(), caller, r))
                        .toList()));
    }

    public void get(Exchange x) {
        x.ok(render(
                x.links(),
                x.attribute(Caller.class),
                service.get(x.pathParam("envId"), x.pathParam(pathParam), x.pathParam("assignmentId"))));
    }

    public void delete(Exchange x) {
        service.delete(
                x.pathParam("envId"), x.pathParam(pathParam), x.pathParam("assignmentId"), x.attribute(Caller.class));
        x.noContent();
    }

    private ObjectNode render(Links links, Caller caller, RoleAssignmentStore.Row r) {
        String subject = links.environment(r.environmentId()) + "/" + segment + "/" + r.subjectId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", subject + "/roleAssignments/" + r.id())
                        .rel("environment", links.environment(r.environmentId()))
                        .rel(rel, subject)
                        .rel("role", links.management("/roles/" + r.roleId()))
                        .node());
        n.put("id", r.id());
        n.set("environment", Json.idRef(r.environmentId()));
        n.set("role", Json.idRef(r.roleId()));
        n.putObject("scope").put("id", r.scopeId()).put("type", r.scopeType());
        n.put("readOnly", !rules.canManage(caller, r));
        return n;
    }
}
