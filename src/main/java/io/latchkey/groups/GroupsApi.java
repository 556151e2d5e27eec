package io.latchkey.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;
import java.util.Set;

/** HTTP adapter of {@code /v1/environments/{envId}/groups}. */
public final class GroupsApi {
    private final GroupService service;

    public GroupsApi(GroupService service) {
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
                x.links().environment(env) + "/groups",
                "groups",
                service.list(env, filter, page),
                c -> c.group().id(),
                c -> render(x.links(), c),
                page,
                filter));
    }

    public void get(Exchange x) {
        boolean total = Includes.parse("include", x.queryParams().get("include"), Set.of("totalMemberCounts"))
                .contains("totalMemberCounts");
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("groupId"), total)));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.pathParam("groupId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("groupId"));
        x.noContent();
    }

    static ObjectNode render(Links links, GroupService.Counted c) {
        ObjectNode n = render(links, c.group());
        n.putObject("directMemberCounts").put("users", c.directUsers());
        if (c.totalUsers() != null) n.putObject("totalMemberCounts").put("users", c.totalUsers());
        return n;
    }

    /** A group without its counts (as embedded in a membership). */
    static ObjectNode render(Links links, Group g) {
        String env = links.environment(g.environmentId());
        ObjectNode n = Json.object();
        Links.Hal hal = links.hal().rel("self", env + "/groups/" + g.id()).rel("environment", env);
        if (g.populationId() != null) hal.rel("population", env + "/populations/" + g.populationId());
        n.set("_links", hal.node());
        n.put("id", g.id());
        n.set("environment", Json.idRef(g.environmentId()));
        n.put("name", g.name());
        n.put("displayName", g.name());
        if (g.populationId() != null) n.set("population", Json.idRef(g.populationId()));
        if (g.externalId() != null) n.put("externalId", g.externalId());
        n.setAll(g.doc().deepCopy());
        n.put("createdAt", Json.time(g.createdAt()));
        n.put("updatedAt", Json.time(g.updatedAt()));
        return n;
    }
}
