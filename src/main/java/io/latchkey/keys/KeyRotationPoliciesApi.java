package io.latchkey.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/keyRotationPolicies}. No key material is part of any answer. */
public final class KeyRotationPoliciesApi {
    private final KeyRotationPolicyService service;

    public KeyRotationPoliciesApi(KeyRotationPolicyService service) {
        this.service = service;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/keyRotationPolicies",
                "keyRotationPolicies",
                service.list(env).stream().map(p -> render(x.links(), p)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("keyRotationPolicyId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.pathParam("keyRotationPolicyId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("keyRotationPolicyId"));
        x.noContent();
    }

    static ObjectNode render(Links links, KeyRotationPolicy p) {
        String env = links.environment(p.environmentId());
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", env + "/keyRotationPolicies/" + p.id())
                        .rel("environment", env)
                        .node());
        n.put("id", p.id());
        n.set("environment", Json.idRef(p.environmentId()));
        n.put("name", p.name());
        n.put("usageType", p.usageType());
        n.put("dn", p.dn());
        n.put("algorithm", p.algorithm());
        n.put("keyLength", p.keyLength());
        n.put("validityPeriod", p.validityPeriod());
        n.put("signatureAlgorithm", p.signatureAlgorithm());
        n.put("rotationPeriod", p.rotationPeriod());
        n.put("currentKeyId", p.currentKeyId());
        n.put("nextKeyId", p.nextKeyId());
        n.put("rotatedAt", Json.time(p.rotatedAt()));
        return n;
    }
}
