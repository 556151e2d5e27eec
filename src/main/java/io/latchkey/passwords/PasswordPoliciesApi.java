package io.latchkey.passwords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/** HTTP adapter of {@code /v1/environments/{envId}/passwordPolicies}. */
public final class PasswordPoliciesApi {
    private final PasswordPolicyService service;

    public PasswordPoliciesApi(PasswordPolicyService service) {
        this.service = service;
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        String filter = x.query("filter");
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/passwordPolicies",
                "passwordPolicies",
                service.list(env, filter, page),
                c -> c.policy().id(),
                c -> render(x.links(), c),
                page,
                filter));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("policyId"))));
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json())));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.pathParam("policyId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("policyId"));
        x.noContent();
    }

    static ObjectNode render(Links links, PasswordPolicyService.Counted c) {
        PasswordPolicy p = c.policy();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", links.environment(p.environmentId()) + "/passwordPolicies/" + p.id())
                        .rel("environment", links.environment(p.environmentId()))
                        .node());
        n.setAll(p.json());
        n.put("populationCount", c.populationCount());
        return n;
    }
}
