package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.applications.Application;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.OAuthException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{envId}/as/device_authorization} (RFC 8628 §3.1): authenticates the client as the token endpoint does,
 * then answers the device code, the user code and where the user enters it.
 */
public final class DeviceAuthorizationEndpoint {
    private final ClientAuthenticator clients;
    private final DeviceAuthorizationService devices;

    public DeviceAuthorizationEndpoint(ClientAuthenticator clients, DeviceAuthorizationService devices) {
        this.clients = clients;
        this.devices = devices;
    }

    public void authorize(Exchange x) {
        String env = x.pathParam("envId");
        if (!"application/x-www-form-urlencoded".equals(x.contentType())) {
            throw OAuthException.invalidRequest(
                    "The device authorization request must be application/x-www-form-urlencoded.");
        }
        Map<String, List<String>> params = OAuthRequest.parameters(x);
        Application app = clients.authenticate(env, OAuthRequest.of(x), params);
        DeviceAuthorizationService.Started started =
                devices.start(app, MultivaluedMapUtils.getFirstValue(params, "scope"));
        String verification = verificationUri(x.links(), app);
        ObjectNode body = Json.object();
        body.put("device_code", started.deviceCode());
        body.put("user_code", started.userCode());
        body.put("verification_uri", verification);
        body.put(
                "verification_uri_complete",
                verification + (verification.contains("?") ? "&" : "?") + "user_code="
                        + URLEncoder.encode(started.userCode(), StandardCharsets.UTF_8));
        body.put(
                "expires_in",
                Math.max(0, (started.authorization().expiresAt() - System.currentTimeMillis() + 500) / 1000));
        body.put("interval", started.authorization().intervalSeconds());
        x.header("Cache-Control", "no-store");
        x.header("Pragma", "no-cache");
        x.ok(body);
    }

    /**
     * Where the user goes: the application's {@code deviceCustomVerificationUri} when it has one, else the
     * verification page, under the application's {@code devicePathId} when it has one (as PingOne answers).
     */
    static String verificationUri(Links links, Application app) {
        String custom = app.doc().path("deviceCustomVerificationUri").asText("");
        if (!custom.isEmpty()) return custom;
        String pathId = app.doc().path("devicePathId").asText("");
        return links.url("/" + app.environmentId() + "/device" + (pathId.isEmpty() ? "" : "/" + pathId));
    }
}
