package io.latchkey.passwords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.Shape;

/**
 * HTTP adapter of {@code /v1/environments/{envId}/users/{userId}/password}: read the state, set (PUT, or POST as
 * an alias, with {@code password.set+json}), change one's own ({@code password.reset+json}) and recover with a
 * code ({@code POST}, {@code password.recover+json}).
 */
public final class UserPasswordsApi {
    public static final String SET = "application/vnd.pingidentity.password.set+json";
    public static final String RESET = "application/vnd.pingidentity.password.reset+json";
    public static final String RECOVER = "application/vnd.pingidentity.password.recover+json";

    private static final Shape SET_SHAPE = Shape.of()
            .string("value", f -> f.required().maxLength(4096))
            .bool("forceChange", f -> f.defaultValue(false))
            .bool("bypassPolicy", f -> f.defaultValue(false));
    private static final Shape RESET_SHAPE = Shape.of()
            .string("currentPassword", f -> f.required().maxLength(4096))
            .string("newPassword", f -> f.required().maxLength(4096));
    private static final Shape RECOVER_SHAPE = Shape.of()
            .string("recoveryCode", f -> f.required().maxLength(64))
            .string("newPassword", f -> f.required().maxLength(4096));

    private final PasswordService service;

    public UserPasswordsApi(PasswordService service) {
        this.service = service;
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.state(x.pathParam("envId"), x.pathParam("userId"))));
    }

    public void put(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        String type = x.requireContentType(SET, RESET);
        if (type.equals(SET)) {
            set(x, env, user);
        } else {
            ObjectNode b = RESET_SHAPE.read(x.json());
            service.change(
                    env,
                    user,
                    b.get("currentPassword").asText(),
                    b.get("newPassword").asText());
            x.ok(render(x.links(), service.state(env, user)));
        }
    }

    public void post(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        String type = x.requireContentType(SET, RECOVER);
        if (type.equals(SET)) {
            set(x, env, user);
        } else {
            ObjectNode b = RECOVER_SHAPE.read(x.json());
            service.recover(
                    env,
                    user,
                    b.get("recoveryCode").asText(),
                    b.get("newPassword").asText());
            x.ok(render(x.links(), service.state(env, user)));
        }
    }

    private void set(Exchange x, String env, String user) {
        ObjectNode b = SET_SHAPE.read(x.json());
        x.ok(render(
                x.links(),
                service.set(
                        env,
                        user,
                        b.get("value").asText(),
                        b.get("forceChange").asBoolean(),
                        b.get("bypassPolicy").asBoolean())));
    }

    static ObjectNode render(Links links, PasswordState s) {
        String userUrl = links.environment(s.environmentId()) + "/users/" + s.userId();
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", userUrl + "/password")
                        .rel("environment", links.environment(s.environmentId()))
                        .rel("user", userUrl)
                        .rel(
                                "passwordPolicy",
                                links.environment(s.environmentId()) + "/passwordPolicies/" + s.passwordPolicyId())
                        .node());
        n.set("environment", Json.idRef(s.environmentId()));
        n.set("user", Json.idRef(s.userId()));
        n.set("passwordPolicy", Json.idRef(s.passwordPolicyId()));
        n.put("status", s.status());
        if (s.lastChangedAt() != null) n.put("lastChangedAt", Json.time(s.lastChangedAt()));
        if (s.secondsUntilUnlock() != null) n.put("secondsUntilUnlock", s.secondsUntilUnlock());
        return n;
    }
}
