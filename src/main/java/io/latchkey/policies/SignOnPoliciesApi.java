package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/signOnPolicies} and their {@code actions}. */
public final class SignOnPoliciesApi {
    private final SignOnPolicyService policies;
    private final SignOnPolicyActionService actions;

    public SignOnPoliciesApi(SignOnPolicyService policies, SignOnPolicyActionService actions) {
        this.policies = policies;
        this.actions = actions;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), policies.create(x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/signOnPolicies",
                "signOnPolicies",
                policies.list(env).stream().map(p -> render(x.links(), p)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), policies.get(x.pathParam("envId"), x.pathParam("policyId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), policies.replace(x.pathParam("envId"), x.pathParam("policyId"), x.json())));
    }

    public void delete(Exchange x) {
        policies.delete(x.pathParam("envId"), x.pathParam("policyId"));
        x.noContent();
    }

    public void createAction(Exchange x) {
        x.requireContentType("application/json");
        x.created(renderAction(x.links(), actions.create(x.pathParam("envId"), x.pathParam("policyId"), x.json())));
    }

    public void listActions(Exchange x) {
        String env = x.pathParam("envId");
        String policy = x.pathParam("policyId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/signOnPolicies/" + policy + "/actions",
                "actions",
                actions.list(env, policy).stream()
                        .map(a -> renderAction(x.links(), a))
                        .toList()));
    }

    public void getAction(Exchange x) {
        x.ok(renderAction(
                x.links(), actions.get(x.pathParam("envId"), x.pathParam("policyId"), x.pathParam("actionId"))));
    }

    public void replaceAction(Exchange x) {
        x.requireContentType("application/json");
        x.ok(renderAction(
                x.links(),
                actions.replace(x.pathParam("envId"), x.pathParam("policyId"), x.pathParam("actionId"), x.json())));
    }

    public void deleteAction(Exchange x) {
        actions.delete(x.pathParam("envId"), x.pathParam("policyId"), x.pathParam("actionId"));
        x.noContent();
    }

    static ObjectNode render(Links links, SignOnPolicy p) {
        String self = links.environment(p.environmentId()) + "/signOnPolicies/" + p.id();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self)
                        .rel("environment", links.environment(p.environmentId()))
                        .rel("actions", self + "/actions")
                        .node());
        n.put("id", p.id());
        n.set("environment", Json.idRef(p.environmentId()));
        n.put("name", p.name());
        if (p.doc().hasNonNull("description")) n.set("description", p.doc().get("description"));
        n.put("default", p.isDefault());
        n.put("createdAt", Json.time(p.createdAt()));
        n.put("updatedAt", Json.time(p.updatedAt()));
        return n;
    }

    static ObjectNode renderAction(Links links, SignOnPolicyAction a) {
        String policy = links.environment(a.environmentId()) + "/signOnPolicies/" + a.policyId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", policy + "/actions/" + a.id())
                        .rel("environment", links.environment(a.environmentId()))
                        .rel("signOnPolicy", policy)
                        .node());
        n.put("id", a.id());
        n.set("environment", Json.idRef(a.environmentId()));
        n.set("signOnPolicy", Json.idRef(a.policyId()));
        n.put("priority", a.priority());
        n.put("type", a.type());
        n.setAll(a.doc().deepCopy());
        return n;
    }
}
