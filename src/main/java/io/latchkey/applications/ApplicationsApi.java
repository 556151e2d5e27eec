package io.latchkey.applications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.Caller;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/** HTTP adapter of {@code /v1/environments/{envId}/applications}. */
public final class ApplicationsApi {
    private final ApplicationService service;
    private final ApplicationSecretService secrets;
    private final RoleAssignmentService roles;

    public ApplicationsApi(ApplicationService service, ApplicationSecretService secrets, RoleAssignmentService roles) {
        this.service = service;
        this.secrets = secrets;
        this.roles = roles;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json(), x.attribute(Caller.class))));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/applications",
                "applications",
                service.list(env, page),
                Application::id,
                a -> render(x.links(), a),
                page,
                null));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("appId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.pathParam("appId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("appId"));
        x.noContent();
    }

    /** The secret is worth every role the application holds: only a caller holding them all may see or change it. */
    private String secretOwner(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        service.get(env, app);
        roles.requireCoversAssignmentsOf(x.attribute(Caller.class), env, app);
        return app;
    }

    public void getSecret(Exchange x) {
        String app = secretOwner(x);
        String env = x.pathParam("envId");
        x.ok(renderSecret(x.links(), env, app, secrets.read(env, app)));
    }

    public void rotateSecret(Exchange x) {
        String app = secretOwner(x);
        String env = x.pathParam("envId");
        var body = x.body().length == 0 ? null : json(x);
        x.ok(renderSecret(x.links(), env, app, secrets.rotate(env, app, body)));
    }

    public void deletePreviousSecret(Exchange x) {
        String app = secretOwner(x);
        secrets.dropPrevious(x.pathParam("envId"), app);
        x.noContent();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Exchange x) {
        x.requireContentType("application/json");
        return x.json();
    }

    static ObjectNode renderSecret(Links links, String env, String appId, ApplicationSecretService.Secret s) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", links.environment(env) + "/applications/" + appId + "/secret")
                        .rel("application", links.environment(env) + "/applications/" + appId)
                        .node());
        n.set("environment", Json.idRef(env));
        n.put("secret", s.secret());
        if (s.previous() != null) {
            ObjectNode previous = n.putObject("previous")
                    .put("secret", s.previous())
                    .put("expiresAt", Json.time(s.previousExpiresAt()));
            if (s.previousLastUsed() != null) previous.put("lastUsed", Json.time(s.previousLastUsed()));
        }
        return n;
    }

    public static ObjectNode render(Links links, Application a) {
        String self = links.environment(a.environmentId()) + "/applications/" + a.id();
        ObjectNode n = Json.object();
        Links.Hal hal = links.hal()
                .rel("self", self)
                .rel("environment", links.environment(a.environmentId()))
                .rel("attributes", self + "/attributes")
                .rel("grants", self + "/grants")
                .rel("signOnPolicyAssignments", self + "/signOnPolicyAssignments");
        if (a.tokenSettings().tokenEndpointAuthMethod().keepsSecret()) hal.rel("secret", self + "/secret");
        if (a.type().equals("WORKER")) hal.rel("roleAssignments", self + "/roleAssignments");
        n.set("_links", hal.node());
        n.set("environment", Json.idRef(a.environmentId()));
        n.put("id", a.id());
        n.put("name", a.name());
        n.put("enabled", a.enabled());
        n.put("protocol", a.protocol());
        n.put("type", a.type());
        n.put("createdAt", Json.time(a.createdAt()));
        n.put("updatedAt", Json.time(a.updatedAt()));
        n.setAll(a.doc().deepCopy());
        return n;
    }
}
