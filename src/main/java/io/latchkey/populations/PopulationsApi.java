package io.latchkey.populations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/** HTTP adapter of {@code /v1/environments/{envId}/populations}. */
public final class PopulationsApi {
    private final PopulationService service;

    public PopulationsApi(PopulationService service) {
        this.service = service;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        String filter = x.query("filter");
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/populations",
                "populations",
                service.list(env, filter, page),
                c -> c.population().id(),
                c -> render(x.links(), c),
                page,
                filter));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("populationId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.pathParam("populationId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("populationId"));
        x.noContent();
    }

    static ObjectNode render(Links links, PopulationService.Counted c) {
        Population p = c.population();
        String env = links.environment(p.environmentId());
        ObjectNode n = Json.object();
        Links.Hal hal = links.hal().rel("self", env + "/populations/" + p.id()).rel("environment", env);
        if (p.passwordPolicyId() != null) hal.rel("passwordPolicy", env + "/passwordPolicies/" + p.passwordPolicyId());
        n.set("_links", hal.node());
        n.put("id", p.id());
        n.set("environment", Json.idRef(p.environmentId()));
        n.put("name", p.name());
        n.setAll(p.doc().deepCopy());
        n.put("default", p.isDefault());
        if (p.passwordPolicyId() != null) n.set("passwordPolicy", Json.idRef(p.passwordPolicyId()));
        n.put("userCount", c.userCount());
        n.put("createdAt", Json.time(p.createdAt()));
        n.put("updatedAt", Json.time(p.updatedAt()));
        return n;
    }
}
