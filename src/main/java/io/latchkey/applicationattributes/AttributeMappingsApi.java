package io.latchkey.applicationattributes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import java.util.Map;

/** HTTP adapter of {@code /v1/environments/{envId}/applications/{appId}/attributes}. */
public final class AttributeMappingsApi {
    private final AttributeMappingService mappings;

    public AttributeMappingsApi(AttributeMappingService mappings) {
        this.mappings = mappings;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        AttributeMapping m = mappings.create(env, x.pathParam("appId"), x.json());
        x.created(render(x.links(), m, Map.of()));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        AttributeMappingService.Mappings all = mappings.list(env, app);
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/applications/" + app + "/attributes",
                "attributes",
                all.all().stream()
                        .map(m -> render(x.links(), m, all.scopeNames()))
                        .toList()));
    }

    public void get(Exchange x) {
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        AttributeMapping m = mappings.get(env, app, x.pathParam("attrMappingId"));
        x.ok(render(x.links(), m, scopeNamesFor(m, env)));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        String env = x.pathParam("envId");
        String app = x.pathParam("appId");
        AttributeMapping m = mappings.replace(env, app, x.pathParam("attrMappingId"), x.json());
        x.ok(render(x.links(), m, scopeNamesFor(m, env)));
    }

    public void delete(Exchange x) {
        mappings.delete(x.pathParam("envId"), x.pathParam("appId"), x.pathParam("attrMappingId"));
        x.noContent();
    }

    /** A SCOPE mapping shows its scope's id, which needs the {@code openid} resource's scopes. */
    private Map<String, String> scopeNamesFor(AttributeMapping m, String env) {
        return m.type() == MappingType.SCOPE ? mappings.openidScopes(env) : Map.of();
    }

    /**
     * PingOne's {@code ApplicationAttributeMapping}. {@code oidcScopes}: a CUSTOM mapping's own (absent when null), a
     * SCOPE mapping's scope id.
     */
    static ObjectNode render(Links links, AttributeMapping m, Map<String, String> scopeNames) {
        String app = links.environment(m.environmentId()) + "/applications/" + m.applicationId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", app + "/attributes/" + m.id())
                        .rel("application", app)
                        .node());
        n.put("id", m.id());
        n.set("application", Json.idRef(m.applicationId()));
        n.put("name", m.name());
        n.put("value", m.value());
        n.put("required", m.required());
        n.put("mappingType", m.type().name());
        n.put("idToken", m.idToken());
        n.put("userInfo", m.userInfo());
        if (m.oidcScopes() != null) {
            m.oidcScopes().forEach(n.putArray("oidcScopes")::add);
        } else if (m.type() == MappingType.SCOPE) {
            scopeNames.entrySet().stream()
                    .filter(e -> e.getValue().equals(m.scope()))
                    .findFirst()
                    .ifPresent(e -> n.putArray("oidcScopes").add(e.getKey()));
        }
        n.put("createdAt", Json.time(m.createdAt()));
        n.put("updatedAt", Json.time(m.updatedAt()));
        return n;
    }
}
