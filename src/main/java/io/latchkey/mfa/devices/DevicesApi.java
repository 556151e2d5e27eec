package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import java.util.List;

/**
 * HTTP adapter of {@code /v1/environments/{envId}/users/{userId}/devices}: create, list, read, delete; activate and
 * resend the activation code ({@code POST .../devices/{id}} with PingOne's media types); nickname; set and remove
 * the order ({@code POST} / {@code DELETE .../devices} with PingOne's media types).
 */
public final class DevicesApi {
    public static final String JSON = "application/json";
    public static final String ACTIVATE = "application/vnd.pingidentity.device.activate+json";
    public static final String SEND_ACTIVATION_CODE = "application/vnd.pingidentity.device.sendActivationCode+json";
    public static final String REORDER = "application/vnd.pingidentity.devices.reorder+json";
    public static final String REMOVE_ORDER = "application/vnd.pingidentity.devices.order.remove+json";

    private final DeviceService service;

    public DevicesApi(DeviceService service) {
        this.service = service;
    }

    /** POST .../devices: a new device ({@code application/json}) or the order ({@code devices.reorder+json}). */
    public void post(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        if (x.requireContentType(JSON, REORDER).equals(JSON)) {
            // 200, not 201: PingOne's pages and its MFA OpenAPI description answer a new device with 200 OK.
            x.ok(render(x.links(), service.create(env, user, x.json())));
        } else {
            x.ok(collection(x.links(), env, user, service.reorder(env, user, x.json())));
        }
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        x.ok(collection(x.links(), env, user, service.list(env, user)));
    }

    /** DELETE .../devices removes the order; it needs {@code devices.order.remove+json}, so it is never a slip. */
    public void deleteOrder(Exchange x) {
        x.requireContentType(REMOVE_ORDER);
        service.clearOrder(x.pathParam("envId"), x.pathParam("userId"));
        x.noContent();
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("userId"), x.pathParam("deviceId"))));
    }

    /** POST .../devices/{id}: activate with a code, or send a new activation code. */
    public void action(Exchange x) {
        String env = x.pathParam("envId");
        String user = x.pathParam("userId");
        String id = x.pathParam("deviceId");
        if (x.requireContentType(ACTIVATE, SEND_ACTIVATION_CODE).equals(ACTIVATE)) {
            x.ok(render(x.links(), service.activate(env, user, id, x.json())));
        } else {
            service.sendActivationCode(env, user, id);
            // 200 with the device: the MFA description declares only 200 for a POST to a device.
            x.ok(render(x.links(), service.get(env, user, id)));
        }
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("userId"), x.pathParam("deviceId"));
        x.noContent();
    }

    public void putNickname(Exchange x) {
        x.requireContentType(JSON);
        x.ok(render(
                x.links(),
                service.setNickname(x.pathParam("envId"), x.pathParam("userId"), x.pathParam("deviceId"), x.json())));
    }

    private static ObjectNode collection(Links links, String env, String user, List<DeviceService.View> views) {
        return CollectionBodies.of(
                links.environment(env) + "/users/" + user + "/devices",
                "devices",
                views.stream().map(v -> render(links, v)).toList());
    }

    static ObjectNode render(Links links, DeviceService.View v) {
        Device d = v.device();
        String env = links.environment(d.environmentId());
        String userUrl = env + "/users/" + d.userId();
        String self = userUrl + "/devices/" + d.id();
        Links.Hal hal = links.hal().rel("self", self).rel("environment", env).rel("user", userUrl);
        if (d.status() == DeviceStatus.ACTIVATION_REQUIRED) hal.rel("device.activate", self);
        ObjectNode n = Json.object();
        n.set("_links", hal.node());
        n.put("id", d.id());
        n.set("environment", Json.idRef(d.environmentId()));
        n.set("user", Json.idRef(d.userId()));
        n.put("type", d.type().name());
        n.put("status", d.status().name());
        if (d.nickname() != null) n.put("nickname", d.nickname());
        if (d.email() != null) n.put("email", d.email());
        if (d.phone() != null) n.put("phone", d.phone());
        if (d.policyId() != null) n.set("policy", Json.idRef(d.policyId()));
        if (v.secret() != null) {
            n.put("secret", v.secret());
            n.put("keyUri", v.keyUri());
        }
        // A JSON string, as PingOne gives it: the options for navigator.credentials.create().
        if (v.creationOptions() != null) n.put("publicKeyCredentialCreationOptions", v.creationOptions());
        if (d.lockedAt(v.now())) {
            n.putObject("lock").put("status", "LOCKED").put("expiresAt", Json.time(d.lockedUntil()));
        }
        n.put("createdAt", Json.time(d.createdAt()));
        n.put("updatedAt", Json.time(d.updatedAt()));
        return n;
    }
}
