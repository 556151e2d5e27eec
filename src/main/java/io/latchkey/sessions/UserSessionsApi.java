package io.latchkey.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/users/{userId}/sessions}. */
public final class UserSessionsApi {
    private final UserSessions sessions;

    public UserSessionsApi(UserSessions sessions) {
        this.sessions = sessions;
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/users/" + user + "/sessions",
                "sessions",
                sessions.list(env, user).stream().map(s -> render(x.links(), s)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), sessions.get(x.pathParam("envId"), x.pathParam("userId"), x.pathParam("sessionId"))));
    }

    public void delete(Exchange x) {
        sessions.delete(x.pathParam("envId"), x.pathParam("userId"), x.pathParam("sessionId"));
        x.noContent();
    }

    static ObjectNode render(Links links, SignOnSession s) {
        String user = links.environment(s.environmentId()) + "/users/" + s.userId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", user + "/sessions/" + s.id())
                        .rel("environment", links.environment(s.environmentId()))
                        .rel("user", user)
                        .node());
        n.put("id", s.id());
        n.set("environment", Json.idRef(s.environmentId()));
        n.set("user", Json.idRef(s.userId()));
        n.put("createdAt", Json.time(s.createdAt()));
        n.put("activeAt", Json.time(s.lastUsedAt()));
        n.put("expiresAt", Json.time(s.expiresAt()));
        ObjectNode lastSignOn = n.putObject("lastSignOn");
        lastSignOn.put("at", Json.time(s.authTime()));
        if (s.remoteIp() != null) lastSignOn.put("remoteIp", s.remoteIp());
        s.amr().forEach(lastSignOn.putArray("authenticators")::add);
        ObjectNode with = lastSignOn.putObject("withAuthenticator");
        s.amr().forEach(a -> with.putObject(a).put("at", Json.time(s.authTime())));
        UserAgent ua = UserAgent.parse(s.userAgent());
        if (ua.browserName() != null) {
            ObjectNode browser = n.putObject("browser").put("name", ua.browserName());
            if (ua.browserVersion() != null) browser.put("version", ua.browserVersion());
        }
        if (ua.osName() != null) {
            ObjectNode os = n.putObject("operatingSystem").put("name", ua.osName());
            if (ua.osVersion() != null) os.put("version", ua.osVersion());
        }
        if (ua.deviceType() != null) n.putObject("device").put("type", ua.deviceType());
        if (s.remoteIp() != null) {
            n.putArray("locations")
                    .addObject()
                    .put("at", Json.time(s.authTime()))
                    .put("remoteIp", s.remoteIp());
        }
        return n;
    }
}
