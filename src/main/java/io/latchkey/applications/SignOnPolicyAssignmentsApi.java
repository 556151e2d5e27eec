package io.latchkey.applications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments}. */
public final class SignOnPolicyAssignmentsApi {
    private final SignOnPolicyAssignmentService service;

    public SignOnPolicyAssignmentsApi(SignOnPolicyAssignmentService service) {
        this.service = service;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.pathParam("appId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/applications/" + app + "/signOnPolicyAssignments",
                "signOnPolicyAssignments",
                service.list(env, app).stream().map(a -> render(x.links(), a)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("assignmentId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(
                x.links(),
                service.replace(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("assignmentId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("assignmentId"));
        x.noContent();
    }

    /** {@code SignOnPolicyAssignment}: the schema has no createdAt/updatedAt, so none are written. */
    static ObjectNode render(Links links, SignOnPolicyAssignment a) {
        String env = links.environment(a.environmentId());
        String app = env + "/applications/" + a.applicationId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", app + "/signOnPolicyAssignments/" + a.id())
                        .rel("environment", env)
                        .rel("application", app)
                        .rel("signOnPolicy", env + "/signOnPolicies/" + a.policyId())
                        .node());
        n.put("id", a.id());
        n.set("environment", Json.idRef(a.environmentId()));
        n.set("application", Json.idRef(a.applicationId()));
        n.set("signOnPolicy", Json.idRef(a.policyId()));
        n.put("priority", a.priority());
        return n;
    }
}
