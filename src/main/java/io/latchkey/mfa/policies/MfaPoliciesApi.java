package io.latchkey.mfa.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.mfa.policies.MfaPolicy.Kind;

/**
 * HTTP adapter of {@code /v1/environments/{envId}/deviceAuthenticationPolicies} and {@code .../fido2Policies}: one
 * instance per kind, the policy id in the path parameter {@code policyId}.
 */
public final class MfaPoliciesApi {
    private final MfaPolicyService service;
    private final Kind kind;

    public MfaPoliciesApi(MfaPolicyService service, Kind kind) {
        this.service = service;
        this.kind = kind;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(kind, x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/" + kind.collection(),
                kind.collection(),
                service.list(kind, env).stream().map(p -> render(x.links(), p)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(kind, x.pathParam("envId"), x.pathParam("policyId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(kind, x.pathParam("envId"), x.pathParam("policyId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(kind, x.pathParam("envId"), x.pathParam("policyId"));
        x.noContent();
    }

    static ObjectNode render(Links links, MfaPolicy p) {
        String env = links.environment(p.environmentId());
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", env + "/" + p.kind().collection() + "/" + p.id())
                        .rel("environment", env)
                        .node());
        n.put("id", p.id());
        n.set("environment", Json.idRef(p.environmentId()));
        n.put("name", p.name());
        n.put("default", p.isDefault());
        if (p.kind() == Kind.DEVICE_AUTHENTICATION) n.put("forSignOnPolicy", false);
        ObjectNode doc = p.doc().deepCopy();
        if (p.fido2PolicyId() != null && doc.get("fido2") instanceof ObjectNode fido2) {
            fido2.put("fido2PolicyId", p.fido2PolicyId());
        }
        n.setAll(doc);
        n.put("createdAt", Json.time(p.createdAt()));
        n.put("updatedAt", Json.time(p.updatedAt()));
        return n;
    }
}
