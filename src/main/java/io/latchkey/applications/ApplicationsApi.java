package io.latchkey.applications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Collections;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/** HTTP adapter of {@code /v1/environments/{envId}/applications}. */
public final class ApplicationsApi {
    private final ApplicationService service;
    private final ApplicationSecrets secrets;

    public ApplicationsApi(ApplicationService service, ApplicationSecrets secrets) {
        this.service = service;
        this.secrets = secrets;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        x.ok(Collections.page(x.links().environment(env) + "/applications", "applications", service.list(env, page),
                Application::id, a -> render(x.links(), a), page, null));
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

    public void getSecret(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        x.ok(renderSecret(x.links(), env, app, secrets.read(env, app)));
    }

    public void rotateSecret(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        service.get(env, app);
        var body = x.body().length == 0 ? null : x.json();
        x.ok(renderSecret(x.links(), env, app, secrets.rotate(env, app, body)));
    }

    public void deletePreviousSecret(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        service.get(env, app);
        secrets.dropPrevious(env, app);
        x.noContent();
    }

    static ObjectNode renderSecret(Links links, String env, String appId, ApplicationSecrets.Secret s) {
        ObjectNode n = Json.object();
        n.set("_links", links.hal().rel("self", links.environment(env) + "/applications/" + appId + "/secret")
                .rel("application", links.environment(env) + "/applications/" + appId).node());
        n.set("environment", Json.idRef(env));
        n.put("secret", s.secret());
        if (s.previous() != null) {
            n.putObject("previous").put("secret", s.previous()).put("expiresAt", Json.time(s.previousExpiresAt()));
        }
        return n;
    }

    public static ObjectNode render(Links links, Application a) {
        String self = links.environment(a.environmentId()) + "/applications/" + a.id();
        ObjectNode n = Json.object();
        Links.Hal hal = links.hal().rel("self", self).rel("environment", links.environment(a.environmentId()))
                .rel("attributes", self + "/attributes").rel("grants", self + "/grants")
                .rel("signOnPolicyAssignments", self + "/signOnPolicyAssignments");
        if (a.hasSecret() || a.tokenEndpointAuthMethod().equals("PRIVATE_KEY_JWT")) hal.rel("secret", self + "/secret");
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
