package io.latchkey.mfa.authentications;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.flows.MultiFactor;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/**
 * HTTP adapter of {@code /{envId}/deviceAuthentications}: start ({@code application/json}, 201), read, and the steps
 * ({@code POST .../{id}} with PingOne's media types {@code device.select+json} and {@code otp.check+json}).
 */
public final class DeviceAuthenticationsApi {
    public static final String JSON = "application/json";
    public static final String DEVICE_SELECT = "application/vnd.pingidentity.device.select+json";
    public static final String OTP_CHECK = "application/vnd.pingidentity.otp.check+json";

    private final DeviceAuthenticationService service;

    public DeviceAuthenticationsApi(DeviceAuthenticationService service) {
        this.service = service;
    }

    public void start(Exchange x) {
        x.requireContentType(JSON);
        x.created(render(x.links(), service.start(x.pathParam("envId"), x.json())));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("deviceAuthenticationId"))));
    }

    public void step(Exchange x) {
        String env = x.pathParam("envId");
        String id = x.pathParam("deviceAuthenticationId");
        String type = x.requireContentType(DEVICE_SELECT, OTP_CHECK);
        DeviceAuthentication a = type.equals(DEVICE_SELECT)
                ? service.select(env, id, type, x.json())
                : service.checkOtp(env, id, type, x.json());
        x.ok(render(x.links(), a));
    }

    /** The transaction as PingOne shows it: the steps it takes now as {@code _links}, devices masked. */
    static ObjectNode render(Links links, DeviceAuthentication a) {
        String self = links.url("/" + a.environmentId() + "/deviceAuthentications/" + a.id());
        Links.Hal hal = links.hal().rel("self", self);
        if (a.status() == DeviceAuthenticationStatus.DEVICE_SELECTION_REQUIRED
                || a.status() == DeviceAuthenticationStatus.OTP_REQUIRED && a.canSelectAgain()) {
            hal.rel("device.select", self);
        }
        if (a.status() == DeviceAuthenticationStatus.OTP_REQUIRED) hal.rel("otp.check", self);
        ObjectNode n = Json.object();
        n.set("_links", hal.node());
        ArrayNode devices = n.putObject("_embedded").putArray("devices");
        for (MultiFactor.Device d : a.devices()) {
            ObjectNode e =
                    devices.addObject().put("id", d.id()).put("type", d.type()).put("status", "ACTIVE");
            if (d.masked() != null) e.put(d.type().equals("EMAIL") ? "email" : "phone", d.masked());
        }
        n.put("id", a.id());
        n.set("environment", Json.idRef(a.environmentId()));
        n.put("status", a.status().name());
        n.set("user", Json.idRef(a.userId()));
        if (a.policyId() != null) n.set("policy", Json.idRef(a.policyId()));
        if (a.selectedDeviceId() != null) n.set("selectedDevice", Json.idRef(a.selectedDeviceId()));
        if (a.errorCode() != null) {
            n.putObject("error").put("code", a.errorCode()).put("message", a.errorMessage());
        }
        n.put("createdAt", Json.time(a.createdAt()));
        n.put("updatedAt", Json.time(a.updatedAt()));
        n.put("expiresAt", Json.time(a.expiresAt()));
        return n;
    }
}
