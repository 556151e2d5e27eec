package io.latchkey.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import java.util.List;
import java.util.Set;

/**
 * HTTP adapter of {@code /users/{userId}/memberOfGroups} (GroupMembership) and {@code /groups/{groupId}/memberOfGroups}
 * (GroupNesting; listed under {@code groupMemberships}, the key PingOne's clients read).
 */
public final class GroupMembershipsApi {
    private final MembershipService service;

    public GroupMembershipsApi(MembershipService service) {
        this.service = service;
    }

    // ---- users

    public void addUser(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        x.created(render(x.links(), env, user, service.addUser(env, user, x.json()), false));
    }

    public void listOfUser(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        boolean expand = expandGroup(x);
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        String filter = x.query("filter");
        Page<Membership> memberships = service.listOfUser(env, user, filter, page);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/users/" + user + "/memberOfGroups",
                "groupMemberships",
                memberships,
                m -> m.group().id(),
                m -> render(x.links(), env, user, m, expand),
                page,
                filter));
    }

    public void getOfUser(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        boolean expand = expandGroup(x);
        x.ok(render(x.links(), env, user, service.getOfUser(env, user, x.pathParam("groupId")), expand));
    }

    public void removeUser(Exchange x) {
        service.removeUser(x.pathParam("envId"), x.pathParam("userId"), x.pathParam("groupId"));
        x.noContent();
    }

    private static boolean expandGroup(Exchange x) {
        return Includes.parse("expand", x.queryParams().get("expand"), Set.of("group"))
                .contains("group");
    }

    static ObjectNode render(Links links, String env, String userId, Membership m, boolean expand) {
        String base = links.environment(env);
        Group g = m.group();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", base + "/users/" + userId + "/memberOfGroups/" + g.id())
                        .rel("user", base + "/users/" + userId)
                        .rel("group", base + "/groups/" + g.id())
                        .node());
        n.put("id", g.id());
        n.set("environment", Json.idRef(env));
        n.put("name", g.name());
        n.put("type", m.type());
        if (expand) n.putObject("_embedded").set("group", GroupsApi.render(links, g));
        return n;
    }

    // ---- groups

    public void nest(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        String group = x.pathParam("groupId");
        x.created(renderNesting(x.links(), env, group, service.nest(env, group, x.json())));
    }

    public void listNestings(Exchange x) {
        String env = x.pathParam("envId");
        String group = x.pathParam("groupId");
        List<ObjectNode> items = service.parentsOf(env, group).stream()
                .map(p -> renderNesting(x.links(), env, group, p))
                .toList();
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/groups/" + group + "/memberOfGroups", "groupMemberships", items));
    }

    public void getNesting(Exchange x) {
        String env = x.pathParam("envId");
        String group = x.pathParam("groupId");
        x.ok(renderNesting(x.links(), env, group, service.getNesting(env, group, x.pathParam("parentGroupId"))));
    }

    public void unnest(Exchange x) {
        service.unnest(x.pathParam("envId"), x.pathParam("groupId"), x.pathParam("parentGroupId"));
        x.noContent();
    }

    static ObjectNode renderNesting(Links links, String env, String groupId, Group parent) {
        String base = links.environment(env);
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", base + "/groups/" + groupId + "/memberOfGroups/" + parent.id())
                        .rel("group", base + "/groups/" + parent.id())
                        .node());
        n.put("id", parent.id());
        n.put("type", "DIRECT");
        return n;
    }
}
