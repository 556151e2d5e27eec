package io.latchkey.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/**
 * HTTP adapter of {@code /v1/environments/{envId}/resources} and its {@code scopes}, {@code attributes} and
 * {@code secret}.
 */
public final class ResourcesApi {
    private final ResourceService resources;
    private final ResourceScopeService scopes;
    private final ResourceAttributeService attributes;
    private final ResourceSecretService secrets;

    public ResourcesApi(
            ResourceService resources,
            ResourceScopeService scopes,
            ResourceAttributeService attributes,
            ResourceSecretService secrets) {
        this.resources = resources;
        this.scopes = scopes;
        this.attributes = attributes;
        this.secrets = secrets;
    }

    // ---- resources

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), resources.create(x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        String filter = x.query("filter");
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/resources",
                "resources",
                resources.list(env, filter, page),
                Resource::id,
                r -> render(x.links(), r),
                page,
                filter));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), resources.get(x.pathParam("envId"), x.pathParam("resourceId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), resources.replace(x.pathParam("envId"), x.pathParam("resourceId"), x.json())));
    }

    public void delete(Exchange x) {
        resources.delete(x.pathParam("envId"), x.pathParam("resourceId"));
        x.noContent();
    }

    // ---- secret

    public void getSecret(Exchange x) {
        String env = x.pathParam("envId");
        x.ok(renderSecret(env, secrets.read(env, x.pathParam("resourceId"))));
    }

    public void rotateSecret(Exchange x) {
        String env = x.pathParam("envId");
        var body = x.body().length == 0 ? null : json(x);
        x.ok(renderSecret(env, secrets.rotate(env, x.pathParam("resourceId"), body)));
    }

    public void deletePreviousSecret(Exchange x) {
        secrets.dropPrevious(x.pathParam("envId"), x.pathParam("resourceId"));
        x.noContent();
    }

    private static JsonNode json(Exchange x) {
        x.requireContentType("application/json");
        return x.json();
    }

    // ---- scopes

    public void createScope(Exchange x) {
        x.requireContentType("application/json");
        x.created(renderScope(x.links(), scopes.create(x.pathParam("envId"), x.pathParam("resourceId"), x.json())));
    }

    public void listScopes(Exchange x) {
        String env = x.pathParam("envId");
        String resource = x.pathParam("resourceId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/resources/" + resource + "/scopes",
                "scopes",
                scopes.list(env, resource).stream()
                        .map(s -> renderScope(x.links(), s))
                        .toList()));
    }

    public void getScope(Exchange x) {
        x.ok(renderScope(
                x.links(), scopes.get(x.pathParam("envId"), x.pathParam("resourceId"), x.pathParam("scopeId"))));
    }

    public void replaceScope(Exchange x) {
        x.requireContentType("application/json");
        x.ok(renderScope(
                x.links(),
                scopes.replace(x.pathParam("envId"), x.pathParam("resourceId"), x.pathParam("scopeId"), x.json())));
    }

    public void deleteScope(Exchange x) {
        scopes.delete(x.pathParam("envId"), x.pathParam("resourceId"), x.pathParam("scopeId"));
        x.noContent();
    }

    // ---- attributes

    public void createAttribute(Exchange x) {
        x.requireContentType("application/json");
        x.created(renderAttribute(
                x.links(), attributes.create(x.pathParam("envId"), x.pathParam("resourceId"), x.json())));
    }

    public void listAttributes(Exchange x) {
        String env = x.pathParam("envId");
        String resource = x.pathParam("resourceId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/resources/" + resource + "/attributes",
                "attributes",
                attributes.list(env, resource).stream()
                        .map(a -> renderAttribute(x.links(), a))
                        .toList()));
    }

    public void getAttribute(Exchange x) {
        x.ok(renderAttribute(
                x.links(),
                attributes.get(x.pathParam("envId"), x.pathParam("resourceId"), x.pathParam("attributeId"))));
    }

    public void replaceAttribute(Exchange x) {
        x.requireContentType("application/json");
        x.ok(renderAttribute(
                x.links(),
                attributes.replace(
                        x.pathParam("envId"), x.pathParam("resourceId"), x.pathParam("attributeId"), x.json())));
    }

    public void deleteAttribute(Exchange x) {
        attributes.delete(x.pathParam("envId"), x.pathParam("resourceId"), x.pathParam("attributeId"));
        x.noContent();
    }

    // ---- rendering

    public static ObjectNode render(Links links, Resource r) {
        String self = links.environment(r.environmentId()) + "/resources/" + r.id();
        Links.Hal hal = links.hal()
                .rel("self", self)
                .rel("environment", links.environment(r.environmentId()))
                .rel("scopes", self + "/scopes")
                .rel("attributes", self + "/attributes");
        if (r.isCustom())
            hal.rel("secret", self + "/secret").rel("applicationResources", self + "/applicationResources");
        ObjectNode n = Json.object();
        n.set("_links", hal.node());
        n.put("id", r.id());
        n.set("environment", Json.idRef(r.environmentId()));
        n.put("name", r.name());
        n.put("type", r.type());
        n.put("audience", r.audience());
        if (r.doc().hasNonNull("description")) n.set("description", r.doc().get("description"));
        n.put("createdAt", Json.time(r.createdAt()));
        n.put("updatedAt", Json.time(r.updatedAt()));
        n.put("accessTokenValiditySeconds", r.accessTokenValiditySeconds());
        if (r.isCustom()) {
            n.put("introspectEndpointAuthMethod", r.introspectEndpointAuthMethod());
            n.putObject("applicationPermissionsSettings").put("claimEnabled", r.permissionsClaimEnabled());
        }
        return n;
    }

    static ObjectNode renderSecret(String env, ResourceSecretService.Secret s) {
        ObjectNode n = Json.object();
        n.set("environment", Json.idRef(env));
        n.put("secret", s.secret());
        if (s.previous() != null) {
            n.putObject("previous").put("secret", s.previous()).put("expiresAt", Json.time(s.previousExpiresAt()));
        }
        return n;
    }

    static ObjectNode renderScope(Links links, ResourceScope s) {
        String resource = links.environment(s.environmentId()) + "/resources/" + s.resourceId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", resource + "/scopes/" + s.id())
                        .rel("environment", links.environment(s.environmentId()))
                        .rel("resource", resource)
                        .node());
        n.put("id", s.id());
        n.set("environment", Json.idRef(s.environmentId()));
        n.set("resource", Json.idRef(s.resourceId()));
        n.put("name", s.name());
        if (s.doc().hasNonNull("description")) n.set("description", s.doc().get("description"));
        if (s.doc().has("schemaAttributes")) n.set("schemaAttributes", s.doc().get("schemaAttributes"));
        if (!s.mappedClaims().isEmpty()) s.mappedClaims().forEach(n.putArray("mappedClaims")::add);
        n.put("createdAt", Json.time(s.createdAt()));
        n.put("updatedAt", Json.time(s.updatedAt()));
        return n;
    }

    static ObjectNode renderAttribute(Links links, ResourceAttribute a) {
        String resource = links.environment(a.environmentId()) + "/resources/" + a.resourceId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", resource + "/attributes/" + a.id())
                        .rel("environment", links.environment(a.environmentId()))
                        .rel("resource", resource)
                        .node());
        n.put("id", a.id());
        n.set("environment", Json.idRef(a.environmentId()));
        n.set("resource", Json.idRef(a.resourceId()));
        n.put("name", a.name());
        n.put("value", a.value());
        n.put("type", a.type());
        if (a.idToken() != null) n.put("idToken", a.idToken());
        if (a.userInfo() != null) n.put("userInfo", a.userInfo());
        if (a.required()) n.put("required", true);
        return n;
    }
}
