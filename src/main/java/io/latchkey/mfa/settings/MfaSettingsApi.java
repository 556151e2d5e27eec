package io.latchkey.mfa.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/mfaSettings}. */
public final class MfaSettingsApi {
    private final MfaSettingsService service;

    public MfaSettingsApi(MfaSettingsService service) {
        this.service = service;
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.json())));
    }

    public void reset(Exchange x) {
        service.reset(x.pathParam("envId"));
        x.noContent();
    }

    static ObjectNode render(Links links, MfaSettings s) {
        String env = links.environment(s.environmentId());
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", env + "/mfaSettings")
                        .rel("environment", env)
                        .node());
        n.set("environment", Json.idRef(s.environmentId()));
        n.setAll(s.doc().deepCopy());
        if (s.updatedAt() != null) n.put("updatedAt", Json.time(s.updatedAt()));
        return n;
    }
}
