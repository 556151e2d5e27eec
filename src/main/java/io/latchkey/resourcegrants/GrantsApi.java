package io.latchkey.resourcegrants;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/applications/{appId}/grants}. */
public final class GrantsApi {
    private final GrantService service;

    public GrantsApi(GrantService service) {
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
                x.links().environment(env) + "/applications/" + app + "/grants",
                "grants",
                service.list(env, app).stream().map(g -> render(x.links(), g)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("grantId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(
                x.links(),
                service.replace(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("grantId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("grantId"));
        x.noContent();
    }

    /** {@code ApplicationResourceGrant}: the schema has no {@code environment} member, so none is written. */
    static ObjectNode render(Links links, Grant g) {
        String env = links.environment(g.environmentId());
        String app = env + "/applications/" + g.applicationId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", app + "/grants/" + g.id())
                        .rel("environment", env)
                        .rel("application", app)
                        .rel("resource", env + "/resources/" + g.resourceId())
                        .node());
        n.put("id", g.id());
        n.set("application", Json.idRef(g.applicationId()));
        n.set("resource", Json.idRef(g.resourceId()));
        ArrayNode scopes = n.putArray("scopes");
        g.scopeIds().forEach(s -> scopes.add(Json.idRef(s)));
        n.put("createdAt", Json.time(g.createdAt()));
        n.put("updatedAt", Json.time(g.updatedAt()));
        return n;
    }
}
