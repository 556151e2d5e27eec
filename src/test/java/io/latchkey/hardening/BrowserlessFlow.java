package io.latchkey.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** A sign-on flow started the way a browser-less client starts one, with the browser cookie that binds it. */
final class BrowserlessFlow {
    /** A started flow: its id and the {@code ST-FLOW} cookie of the browser that started it. */
    record Started(String id, String cookie) {
        String cookieHeader() {
            return "ST-FLOW=" + cookie;
        }
    }

    private final World w;
    private final Wire wire;

    BrowserlessFlow(World w) {
        this.w = w;
        URI base = URI.create(w.server.baseUrl());
        this.wire = new Wire(base.getHost(), base.getPort());
    }

    Started start() {
        String target = "/" + w.env + "/as/authorize?response_type=code&client_id=" + w.webApp + "&redirect_uri="
                + java.net.URLEncoder.encode(World.REDIRECT_URI, java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=openid&response_mode=pi.flow&state=campaign";
        Wire.Answer a = wire.send(new Wire.Request("GET", target));
        JsonNode body = J.parseOrNull(a.body());
        if (a.status() != 200 || body == null || !body.path("id").isTextual()) {
            throw new AssertionError("Could not start a flow: " + a.summary());
        }
        List<String> cookies = a.headers().getOrDefault("set-cookie", List.of());
        for (String c : cookies) {
            if (c.startsWith("ST-FLOW=")) return new Started(body.get("id").asText(), c.substring(8, c.indexOf(';')));
        }
        throw new AssertionError("authorize set no ST-FLOW cookie: " + cookies);
    }

    /** Signs {@code username} on in a new flow: the user gets a session (as from a browser), which the campaign reads. */
    void signOn(String username, String password) {
        Started f = start();
        Wire.Answer a = wire.send(new Wire.Request("POST", "/" + w.env + "/flows/" + f.id())
                .header("Cookie", f.cookieHeader())
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .body(
                        "application/vnd.pingidentity.usernamePassword.check+json",
                        J.write(J.obj("username", username, "password", password))));
        if (a.status() != 200) throw new AssertionError("Could not sign on: " + a.summary());
    }
}
