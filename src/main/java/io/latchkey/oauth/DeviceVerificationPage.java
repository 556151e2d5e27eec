package io.latchkey.oauth;

import io.latchkey.crypto.Secrets;
import io.latchkey.flows.Flow;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.FlowView;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Guard;
import io.latchkey.http.Html;
import io.latchkey.http.RequestLimited;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.storage.Ids;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /{envId}/device[/{appIdentifier}]}, the verification URI of the device authorization grant (RFC 8628
 * §3.3), as PingOne answers it: it starts a sign-on flow for the device grant and redirects (302) to the hosted
 * sign-on page with {@code ?flowId=}. The flow then runs PingOne's statuses (sign on unless the browser has a session,
 * {@code DAG_USER_CODE_REQUIRED}, {@code DAG_CONSENT_REQUIRED}), which the hosted page renders as forms and a custom
 * sign-on UI drives through the flows API. {@code appIdentifier} is the application's id or {@code devicePathId}:
 * the flow runs that application's sign-on policy and accepts only its codes; without it, the environment's default
 * policy and any application's code. A well-formed {@code ?user_code=} (from {@code verification_uri_complete}) goes
 * on to the page, which pre-fills its code field with it; the flow itself never stores the code.
 * <p>
 * The page applies the interactive request limit itself, as the sign-on page does, to answer a limited browser in HTML.
 */
public final class DeviceVerificationPage {
    private static final Pattern APP_IDENTIFIER = Pattern.compile("^[a-zA-Z0-9_-]{1,50}$");

    private final DeviceAuthorizationService devices;
    private final FlowService flows;
    private final SessionService sessions;
    private final UserService users;
    private final Guard requestLimit;

    public DeviceVerificationPage(
            DeviceAuthorizationService devices,
            FlowService flows,
            SessionService sessions,
            UserService users,
            Guard requestLimit) {
        this.devices = devices;
        this.flows = flows;
        this.sessions = sessions;
        this.users = users;
        this.requestLimit = requestLimit;
    }

    public void start(Exchange x) {
        if (limited(x)) return;
        String env = x.pathParam("envId");
        if (!devices.environmentExists(env)) {
            message(x, env, 404, "There is no such page.");
            return;
        }
        String identifier = x.pathParamOrNull("appIdentifier");
        String appId = null;
        if (identifier != null) {
            Optional<String> app = APP_IDENTIFIER.matcher(identifier).matches()
                    ? devices.application(env, identifier)
                            .filter(a -> a.grantTypes().contains("DEVICE_CODE"))
                            .map(a -> a.id())
                    : Optional.empty();
            if (app.isEmpty()) {
                message(x, env, 404, "There is no such application.");
                return;
            }
            appId = app.get();
        }
        Optional<SignOnSession> session = sessions.fromCookie(env, x.cookie(SessionService.COOKIE))
                .filter(s -> users.find(env, s.userId()).filter(User::enabled).isPresent());
        Flow f = flows.startDeviceGrant(
                env,
                appId,
                browser(x),
                session.map(SignOnSession::userId).orElse(null),
                session.map(SignOnSession::id).orElse(null));
        String location = FlowView.signOnPageUrl(x.links(), env, f.id());
        Optional<String> userCode = DeviceAuthorizationService.normalize(x.query("user_code"));
        if (userCode.isPresent()) {
            location += "&user_code="
                    + URLEncoder.encode(DeviceAuthorizationService.display(userCode.get()), StandardCharsets.UTF_8);
        }
        x.header("Cache-Control", "no-store");
        x.redirect(location);
    }

    /** The browser's flow cookie, set now when it has none: the flow is bound to it. */
    private static String browser(Exchange x) {
        String browser = x.cookie(FlowService.BROWSER_COOKIE);
        if (browser == null || browser.length() != 43) {
            browser = Secrets.token();
            x.setCookie(Cookies.set(
                    FlowService.BROWSER_COOKIE,
                    browser,
                    "/" + x.pathParam("envId"),
                    x.links().secure(),
                    3600));
        }
        return browser;
    }

    /** Over the interactive request limit: a 429 page that reads nothing. */
    private boolean limited(Exchange x) {
        try {
            requestLimit.check(x);
            return false;
        } catch (RequestLimited e) {
            x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            message(x, x.pathParam("envId"), 429, e.getMessage());
            return true;
        }
    }

    private static void message(Exchange x, String env, int status, String text) {
        x.header("Cache-Control", "no-store");
        x.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        x.header("X-Frame-Options", "DENY");
        x.html(
                status,
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>Connect a device</title>"
                        + (Ids.isUuid(env) ? "<link rel=\"stylesheet\" href=\"/" + env + "/signon/signon.css\">" : "")
                        + "</head><body><main><h1>Connect a device</h1><p id=\"message\" class=\"error\" role=\"alert\">"
                        + Html.escape(text) + "</p></main></body></html>");
    }
}
