package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.crypto.Secrets;
import io.latchkey.flows.Flow;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.FlowStatus;
import io.latchkey.flows.FlowView;
import io.latchkey.http.ApiException;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Guard;
import io.latchkey.http.Html;
import io.latchkey.http.Links;
import io.latchkey.http.RequestLimited;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.storage.Ids;
import io.latchkey.throttle.ClientAddresses;
import io.latchkey.throttle.FailedCheckLimit;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The device verification page, {@code /{envId}/device[/{appIdentifier}]} (RFC 8628 §3.3; PingOne's path, where
 * {@code appIdentifier} is the application's id or {@code devicePathId}). Plain HTML forms, no script:
 *
 * <ol>
 *   <li>the user enters the user code (or arrives with it in {@code ?user_code=}, from
 *       {@code verification_uri_complete}), which is checked under the failed-check limit;
 *   <li>a sign-on flow starts for the code's application (or is complete at once when the browser has a session) and
 *       the browser goes through the hosted sign-on page; {@code /as/resume} sends it back here with the flow;
 *   <li>the user allows or denies the device ({@code ?flowId=}): the flow is consumed and the decision written to the
 *       device authorization, with the sign-on it came from.
 * </ol>
 *
 * Every form post needs the browser's {@code ST-FLOW} cookie (SameSite=Lax: a cross-site post does not carry it) and
 * a field derived from it, so no other site can post a code or a decision for the user. The page applies the
 * interactive request limit itself, as the sign-on page does, to answer a limited browser in HTML.
 */
public final class DeviceVerificationPage {
    private static final Pattern APP_IDENTIFIER = Pattern.compile("^[a-zA-Z0-9_-]{1,50}$");
    private static final String WRONG_CODE =
            "That code is not valid or has expired. Check the code shown on your device and try again.";

    private final DeviceAuthorizationService devices;
    private final FlowService flows;
    private final SessionService sessions;
    private final UserService users;
    private final ApplicationService applications;
    private final Guard requestLimit;
    private final ClientAddresses clients;
    private final FailedCheckLimit failedChecks;

    public DeviceVerificationPage(
            DeviceAuthorizationService devices,
            FlowService flows,
            SessionService sessions,
            UserService users,
            ApplicationService applications,
            Guard requestLimit,
            ClientAddresses clients,
            FailedCheckLimit failedChecks) {
        this.devices = devices;
        this.flows = flows;
        this.sessions = sessions;
        this.users = users;
        this.applications = applications;
        this.requestLimit = requestLimit;
        this.clients = clients;
        this.failedChecks = failedChecks;
    }

    /** Where {@code /as/resume} sends the browser once the flow of a device authorization is complete. */
    static String consentUrl(Links links, String env, String flowId) {
        return links.url("/" + env + "/device?flowId=" + flowId);
    }

    /** {@code GET}: the code form, or with {@code ?flowId=} the decision form. */
    public void page(Exchange x) {
        if (limited(x)) return;
        String env = x.pathParam("envId");
        if (!devices.environmentExists(env)) {
            message(x, env, 404, "Connect a device", "There is no such page.");
            return;
        }
        String appIdentifier = appIdentifier(x);
        if (appIdentifier == null) return;
        String browser = browser(x);
        String flowId = x.query("flowId");
        if (flowId != null) {
            consentPage(x, env, flowId, browser, null, 200);
            return;
        }
        codePage(x, env, appIdentifier, browser, x.query("user_code"), null, 200);
    }

    /** {@code POST}: a user code, or with {@code ?flowId=} the user's decision. */
    public void submit(Exchange x) {
        if (limited(x)) return;
        String env = x.pathParam("envId");
        if (!devices.environmentExists(env)) {
            message(x, env, 404, "Connect a device", "There is no such page.");
            return;
        }
        String appIdentifier = appIdentifier(x);
        if (appIdentifier == null) return;
        Map<String, List<String>> form = x.form();
        String sent = x.cookie(FlowService.BROWSER_COOKIE);
        String flowId = x.query("flowId");
        if (sent == null || !Secrets.constantTimeEquals(csrf(sent), first(form, "csrf"))) {
            String browser = browser(x);
            String message = "This page has expired. Please try again.";
            if (flowId != null) consentPage(x, env, flowId, browser, message, 400);
            else codePage(x, env, appIdentifier, browser, first(form, "user_code"), message, 400);
            return;
        }
        if (flowId != null) decide(x, env, flowId, sent, first(form, "decision"));
        else enterCode(x, env, appIdentifier, sent, first(form, "user_code"));
    }

    private void enterCode(Exchange x, String env, String appIdentifier, String browser, String typed) {
        FailedCheckLimit.Taken taken;
        try {
            // Per address only: a user code names no account, and a shared key would let anyone lock everyone out.
            taken = failedChecks.take(clients.of(x), env, null);
        } catch (RequestLimited e) {
            x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            codePage(x, env, appIdentifier, browser, typed, e.getMessage(), 429);
            return;
        }
        Optional<DeviceAuthorization> found = devices.pendingByUserCode(env, typed);
        Optional<Application> app = found.flatMap(d -> applications.find(env, d.applicationId()))
                .filter(Application::enabled)
                .filter(a -> appIdentifier.isEmpty()
                        || a.id().equals(appIdentifier)
                        || appIdentifier.equals(a.doc().path("devicePathId").asText("")));
        if (app.isEmpty()) {
            codePage(x, env, appIdentifier, browser, typed, WRONG_CODE, 400);
            return;
        }
        taken.giveBack();
        String request = DeviceAuthorizationService.flowRequest(found.get().id());
        Optional<SignOnSession> session = sessions.fromCookie(env, x.cookie(SessionService.COOKIE))
                .filter(s -> users.find(env, s.userId()).filter(User::enabled).isPresent());
        if (session.isPresent()) {
            Flow f = flows.startCompleted(
                    env,
                    app.get().id(),
                    request,
                    browser,
                    session.get().userId(),
                    session.get().id());
            redirect(x, consentUrl(x.links(), env, f.id()));
        } else {
            Flow f = flows.start(env, app.get().id(), request, List.of(), browser);
            redirect(x, FlowView.signOnPageUrl(x.links(), env, f.id()));
        }
    }

    private void decide(Exchange x, String env, String flowId, String browser, String decision) {
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            consentPage(x, env, flowId, browser, "Choose Allow or Deny.", 400);
            return;
        }
        Pending p = pending(env, flowId, browser);
        if (p.problem() != null) {
            message(x, env, p.status(), "Connect a device", p.problem());
            return;
        }
        Flow f;
        try {
            f = flows.consume(env, flowId, browser);
        } catch (ApiException e) {
            message(x, env, 400, "Connect a device", "This request was already answered.");
            return;
        }
        boolean allow = decision.equals("allow");
        TokenGrant.SignOn signOn = null;
        if (allow) {
            Optional<SignOnSession> s = sessions.byId(env, f.sessionId());
            if (s.isEmpty()) {
                message(x, env, 400, "Connect a device", "Your sign-on has ended. Start again from your device.");
                return;
            }
            signOn = new TokenGrant.SignOn(
                    s.get().id(), s.get().authTime(), s.get().acr(), s.get().amr());
        }
        if (!devices.decide(env, p.authorization().id(), allow, f.userId(), signOn)) {
            message(
                    x,
                    env,
                    400,
                    "Connect a device",
                    "This code has expired or was already used. Start again from your device.");
            return;
        }
        message(
                x,
                env,
                200,
                allow ? "Device connected" : "Device not connected",
                allow
                        ? "You have allowed " + p.app().name() + ". You can return to your device."
                        : "You have denied " + p.app().name() + " access. You can close this page.");
    }

    /** A completed device flow of this browser, with its pending authorization and application; else why not. */
    private record Pending(Flow flow, DeviceAuthorization authorization, Application app, int status, String problem) {
        static Pending refused(int status, String problem) {
            return new Pending(null, null, null, status, problem);
        }
    }

    private Pending pending(String env, String flowId, String browser) {
        if (!Ids.isUuid(flowId)) {
            return Pending.refused(404, "This request has expired or does not exist. Start again from your device.");
        }
        Flow f;
        try {
            f = flows.read(env, flowId, browser);
        } catch (ApiException e) {
            return Pending.refused(
                    e.status(),
                    e.status() == 401
                            ? "This request was started in another browser. Start again from your device."
                            : "This request has expired or does not exist. Start again from your device.");
        }
        Optional<DeviceAuthorization> d =
                DeviceAuthorizationService.ofFlowRequest(f.request()).flatMap(id -> devices.find(env, id));
        if (d.isEmpty() || f.status() != FlowStatus.COMPLETED) {
            return Pending.refused(400, "This request cannot continue. Start again from your device.");
        }
        if (d.get().status() != DeviceAuthorization.Status.PENDING || d.get().expired(System.currentTimeMillis())) {
            return Pending.refused(400, "This code has expired or was already used. Start again from your device.");
        }
        Optional<Application> app =
                applications.find(env, d.get().applicationId()).filter(Application::enabled);
        if (app.isEmpty()) return Pending.refused(400, "The application is no longer enabled.");
        return new Pending(f, d.get(), app.get(), 200, null);
    }

    private void consentPage(Exchange x, String env, String flowId, String browser, String error, int status) {
        Pending p = pending(env, flowId, browser);
        if (p.problem() != null) {
            message(x, env, p.status(), "Connect a device", p.problem());
            return;
        }
        String username = users.find(env, p.flow().userId()).map(User::username).orElse("");
        StringBuilder main = new StringBuilder("<h1>Connect a device</h1>");
        main.append(errorBlock(error));
        main.append("<p class=\"app\">").append(Html.escape(p.app().name())).append("</p>");
        main.append("<p>Signed on as <strong id=\"username\">")
                .append(Html.escape(username))
                .append("</strong>.</p>");
        main.append("<p>Allow this device to access your account with these scopes?</p><ul id=\"scopes\">");
        for (String scope : p.authorization().scopes())
            main.append("<li>").append(Html.escape(scope)).append("</li>");
        main.append("</ul>");
        main.append("<form method=\"post\" action=\"")
                .append(Html.escape("/" + env + "/device?flowId=" + p.flow().id()))
                .append("\">")
                .append(hidden("csrf", csrf(browser)))
                .append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>")
                .append("</form>");
        html(x, env, status, "Connect a device", main.toString());
    }

    private void codePage(
            Exchange x, String env, String appIdentifier, String browser, String userCode, String error, int status) {
        String action = "/" + env + "/device" + (appIdentifier.isEmpty() ? "" : "/" + appIdentifier);
        String value = userCode == null || userCode.length() > 64 ? "" : userCode;
        String main = "<h1>Connect a device</h1>" + errorBlock(error)
                + "<p>Enter the code shown on your device.</p>"
                + "<form method=\"post\" action=\"" + Html.escape(action) + "\">" + hidden("csrf", csrf(browser))
                + "<label for=\"user_code\">Code</label>"
                + "<input id=\"user_code\" name=\"user_code\" type=\"text\" autocomplete=\"off\" autocapitalize=\"characters\""
                + " spellcheck=\"false\" required value=\"" + Html.escape(value) + "\">"
                + "<button type=\"submit\">Continue</button></form>";
        html(x, env, status, "Connect a device", main);
    }

    private void message(Exchange x, String env, int status, String title, String text) {
        html(
                x,
                env,
                status,
                title,
                "<h1>" + Html.escape(title) + "</h1><p id=\"message\""
                        + (status >= 400 ? " class=\"error\" role=\"alert\"" : "") + ">" + Html.escape(text) + "</p>");
    }

    /** The browser's flow cookie, set now when it has none: every form of the page is bound to it. */
    private static String browser(Exchange x) {
        String browser = x.cookie(FlowService.BROWSER_COOKIE);
        if (browser == null || browser.length() != 43) {
            browser = Secrets.token();
            String env = x.pathParam("envId");
            x.setCookie(Cookies.set(
                    FlowService.BROWSER_COOKIE, browser, "/" + env, x.links().secure(), 3600));
        }
        return browser;
    }

    /** What the forms carry beside the cookie: derived from it, so that only a page this browser was served has it. */
    private static String csrf(String browser) {
        return Secrets.hash("device-verification\n" + browser);
    }

    /** The path's application identifier ("" when none); null (with a 404 page written) when it names no device app. */
    private String appIdentifier(Exchange x) {
        String id = x.pathParamOrNull("appIdentifier");
        if (id == null) return "";
        if (APP_IDENTIFIER.matcher(id).matches()
                && devices.application(x.pathParam("envId"), id).isPresent()) return id;
        message(x, x.pathParam("envId"), 404, "Connect a device", "There is no such application.");
        return null;
    }

    /** Over the interactive request limit: a 429 page that reads nothing. */
    private boolean limited(Exchange x) {
        try {
            requestLimit.check(x);
            return false;
        } catch (RequestLimited e) {
            x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            message(x, x.pathParam("envId"), 429, "Connect a device", e.getMessage());
            return true;
        }
    }

    private static void redirect(Exchange x, String location) {
        x.header("Cache-Control", "no-store");
        x.text(303, "text/plain", "");
        x.header("Location", location);
    }

    private static void html(Exchange x, String env, int status, String title, String main) {
        x.header("Cache-Control", "no-store");
        x.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        x.header("X-Frame-Options", "DENY");
        x.header("Referrer-Policy", "no-referrer");
        x.html(
                status,
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>" + Html.escape(title) + "</title>"
                        + (Ids.isUuid(env) ? "<link rel=\"stylesheet\" href=\"/" + env + "/signon/signon.css\">" : "")
                        + "</head>"
                        + "<body><main>" + main + "</main></body></html>");
    }

    private static String errorBlock(String error) {
        return "<div id=\"errors\" class=\"errors\" role=\"alert\" aria-live=\"assertive\">"
                + (error == null ? "" : "<p class=\"error\">" + Html.escape(error) + "</p>") + "</div>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
