package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.http.OAuthException;
import io.latchkey.users.User;
import io.latchkey.users.UserService;

/**
 * {@code grant_type=urn:ietf:params:oauth:grant-type:device_code} (RFC 8628 §3.4): the device polls with its device
 * code until the user has decided on the verification page. Until then the answer is {@code authorization_pending}
 * ({@code slow_down} when polled faster than the interval, which then grows by 5 s), {@code access_denied} when the
 * user denied, {@code expired_token} past {@code deviceTimeout}. Once approved, the tokens describe the user's sign-on
 * on the page; the scopes asked for at {@code /as/device_authorization} are resolved again (a grant removed since is
 * refused). The device code is spent in the transaction that stores the tokens, so a second poll is
 * {@code invalid_grant}.
 */
public final class DeviceCodeGrant {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    private final DeviceAuthorizationService devices;
    private final UserService users;
    private final ScopeResolver scopes;
    private final TokenGenerator tokens;

    public DeviceCodeGrant(
            DeviceAuthorizationService devices, UserService users, ScopeResolver scopes, TokenGenerator tokens) {
        this.devices = devices;
        this.users = users;
        this.scopes = scopes;
        this.tokens = tokens;
    }

    public ObjectNode issue(Application app, String deviceCode) {
        if (!app.grantTypes().contains("DEVICE_CODE")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the device_code grant.");
        }
        if (deviceCode == null || deviceCode.isBlank()) throw OAuthException.invalidRequest("Missing device_code.");
        String env = app.environmentId();
        DeviceAuthorization d = devices.poll(app, deviceCode);
        User user = users.find(env, d.userId())
                .filter(User::enabled)
                .orElseThrow(() -> OAuthException.invalidGrant("The user can no longer sign on."));
        ScopeResolver.Resolved resolved =
                scopes.resolve(env, app.id(), d.scopes(), app.tokenSettings().multipleResourcesEnabled());
        TokenGrant grant = new TokenGrant(
                        app, user, d.signOn(), resolved, d.grantId(), null, null, RequestedClaims.NONE)
                .withRequest(TokenGrant.RequestData.of(GRANT_TYPE));
        return tokens.respond(grant, h -> devices.spend(h, env, d.id()))
                .orElseThrow(() -> OAuthException.invalidGrant("The device code was already used."));
    }
}
