package io.latchkey.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;

/** One check of a probe, as MicroProfile Health (Keycloak's {@code /health}) writes it; {@code reason} when DOWN. */
record Check(String name, boolean up, String reason) {
    static Check up(String name) {
        return new Check(name, true, null);
    }

    static Check down(String name, String reason) {
        return new Check(name, false, reason);
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object().put("name", name).put("status", up ? "UP" : "DOWN");
        if (reason != null) o.putObject("data").put("reason", reason);
        return o;
    }
}
