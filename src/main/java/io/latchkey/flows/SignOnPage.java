package io.latchkey.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Exchange;
import io.latchkey.http.Guard;
import io.latchkey.http.Html;
import io.latchkey.http.Json;
import io.latchkey.http.RequestLimited;
import io.latchkey.sessions.SessionService;
import io.latchkey.throttle.ClientAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Latchkey's hosted sign-on page, {@code /{envId}/signon/?flowId=}. Plain HTML forms that post back here; each post
 * becomes the same flows-API step a client would send, so the page works without JavaScript. {@code signon.js}
 * enhances it: it posts the steps to the flows API itself and shows errors inline without a reload.
 * <p>
 * The page applies the interactive request limit itself (not as a route guard) so that a limited browser gets a page
 * saying so rather than JSON.
 */
public final class SignOnPage {
    /** A user code as {@code /{envId}/device} passes it on: XXXX-XXXX. */
    private static final Pattern USER_CODE = Pattern.compile("^[A-Z]{4}-[A-Z]{4}$");

    private final FlowService flows;
    private final FlowApi flowApi;
    private final Guard requestLimit;
    private final ClientAddresses clients;
    private final String css;
    private final String js;

    public SignOnPage(FlowService flows, FlowApi flowApi, Guard requestLimit, ClientAddresses clients) {
        this.flows = flows;
        this.flowApi = flowApi;
        this.requestLimit = requestLimit;
        this.clients = clients;
        this.css = resource("/signon/signon.css");
        this.js = resource("/signon/signon.js");
    }

    public void page(Exchange x) {
        if (limited(x)) return;
        String env = x.pathParam("envId");
        String flowId = x.query("flowId");
        Flow f;
        try {
            f = flows.read(env, flowId == null ? "" : flowId, x.cookie(FlowService.BROWSER_COOKIE));
        } catch (ApiException e) {
            x.html(
                    e.status(),
                    page(
                            env,
                            "Sign on",
                            "<p class=\"error\" role=\"alert\">"
                                    + Html.escape(
                                            e.status() == 401
                                                    ? "This sign-on was started in another browser. Start again from the application."
                                                    : "This sign-on has expired or does not exist. Start again from the application.")
                                    + "</p>"));
            return;
        }
        // verification_uri_complete's code, carried here by /{envId}/device: pre-fills the code form.
        render(x, f, x.query("view"), List.of(), 200, carriedUserCode(x));
    }

    /** A form post from the page: turned into the flow step its {@code action} names. */
    public void submit(Exchange x) {
        if (limited(x)) return;
        String env = x.pathParam("envId");
        String flowId = x.query("flowId");
        Map<String, List<String>> form = x.form();
        String actionRel = first(form, "action");
        FlowAction action = null;
        for (FlowAction a : FlowAction.values()) if (a.rel().equals(actionRel)) action = a;
        ObjectNode body = Json.object();
        form.forEach((k, v) -> {
            if (!k.equals("action") && !v.isEmpty()) body.put(k, v.get(0));
        });
        if (action == FlowAction.USER_REGISTER) {
            moveToObject(body, "given", "name");
            moveToObject(body, "family", "name");
        }
        if (action == FlowAction.DEVICE_SELECT) moveToObject(body, "deviceId", "device", "id");
        if (action == FlowAction.DEVICE_AUTH_GRANT_CONSENT && body.has("accept")) {
            // The form's "true" / "false" is the JSON boolean the step takes; anything else stays a string (refused).
            String accept = body.get("accept").asText();
            if (accept.equals("true") || accept.equals("false")) body.put("accept", Boolean.parseBoolean(accept));
        }
        try {
            FlowService.Outcome outcome = flows.act(
                    flows.read(env, flowId, x.cookie(FlowService.BROWSER_COOKIE)),
                    action == null ? "application/x-unknown" : action.contentType(),
                    body,
                    clients.of(x),
                    x.cookie(SessionService.COOKIE));
            flowApi.setSessionCookie(x, env, outcome);
            Flow f = outcome.flow();
            if (f.status() == FlowStatus.COMPLETED && !f.deviceGrant()) {
                x.redirect(FlowView.resumeUrl(x.links(), env, f.id()));
            } else {
                x.text(303, "text/plain", "");
                x.header("Location", FlowView.signOnPageUrl(x.links(), env, f.id()) + carry(carriedUserCode(x)));
            }
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 404) {
                x.html(
                        e.status(),
                        page(
                                env,
                                "Sign on",
                                "<p class=\"error\" role=\"alert\">"
                                        + Html.escape(
                                                "This sign-on has expired or was started elsewhere. Start again from the application.")
                                        + "</p>"));
                return;
            }
            Flow f = flows.read(env, flowId, x.cookie(FlowService.BROWSER_COOKIE));
            String view = action == FlowAction.PASSWORD_FORGOT
                    ? "forgot"
                    : action == FlowAction.USER_REGISTER ? "register" : null;
            if (e instanceof RequestLimited r) x.header("Retry-After", Long.toString(r.retryAfterSeconds()));
            render(
                    x,
                    f,
                    view,
                    e.details().isEmpty() ? List.of(new ErrorDetail(e.code(), null, e.getMessage())) : e.details(),
                    e instanceof RequestLimited ? 429 : 400,
                    first(form, "userCode") != null ? first(form, "userCode") : carriedUserCode(x));
        }
    }

    /** Over the interactive request limit: a 429 page that reads nothing (the limit exists to make these cheap). */
    private boolean limited(Exchange x) {
        try {
            requestLimit.check(x);
            return false;
        } catch (RequestLimited e) {
            x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            x.header("Cache-Control", "no-store");
            x.html(
                    429,
                    page(
                            x.pathParam("envId"),
                            "Sign on",
                            "<p class=\"error\" role=\"alert\" data-code=\"" + e.code() + "\">"
                                    + Html.escape(e.getMessage()) + "</p>"));
            return true;
        }
    }

    public void stylesheet(Exchange x) {
        x.header("Cache-Control", "public, max-age=3600");
        x.text(200, "text/css; charset=utf-8", css);
    }

    public void script(Exchange x) {
        x.header("Cache-Control", "public, max-age=3600");
        x.text(200, "text/javascript; charset=utf-8", js);
    }

    private void render(Exchange x, Flow f, String view, List<ErrorDetail> errors, int status, String userCode) {
        String env = f.environmentId();
        ObjectNode flow = flowApi.render(x, f);
        String appName = flow.path("_embedded").path("application").path("name").asText("");
        List<FlowAction> offered = flows.offered(f);
        StringBuilder main = new StringBuilder();
        main.append("<p class=\"app\">").append(Html.escape(appName)).append("</p>");
        main.append(errorBlock(errors));
        String post = "/" + env + "/signon/?flowId=" + f.id() + carry(carriedUserCode(x));
        String title;
        switch (f.status()) {
            case USERNAME_PASSWORD_REQUIRED -> {
                if ("forgot".equals(view) && offered.contains(FlowAction.PASSWORD_FORGOT)) {
                    title = "Forgot password";
                    main.append(form(
                            post,
                            FlowAction.PASSWORD_FORGOT,
                            "Send recovery code",
                            field("username", "Username", "text", "username", true)));
                    main.append(linkTo(env, f, null, "Back to sign on"));
                } else if ("register".equals(view) && offered.contains(FlowAction.USER_REGISTER)) {
                    title = "Register";
                    main.append(form(
                            post,
                            FlowAction.USER_REGISTER,
                            "Register",
                            field("username", "Username", "text", "username", true)
                                    + field("email", "Email", "email", "email", true)
                                    + field("given", "First name", "text", "given-name", false)
                                    + field("family", "Last name", "text", "family-name", false)
                                    + field("password", "Password", "password", "new-password", true)));
                    main.append(linkTo(env, f, null, "Back to sign on"));
                } else {
                    title = "Sign on";
                    main.append(form(
                            post,
                            FlowAction.USERNAME_PASSWORD_CHECK,
                            "Sign On",
                            field("username", "Username", "text", "username", true)
                                    + field("password", "Password", "password", "current-password", true)));
                    if (offered.contains(FlowAction.PASSWORD_FORGOT))
                        main.append(linkTo(env, f, "forgot", "Forgot password?"));
                    if (offered.contains(FlowAction.USER_REGISTER))
                        main.append(linkTo(env, f, "register", "No account? Register"));
                }
            }
            case MUST_CHANGE_PASSWORD -> {
                title = "Change password";
                main.append("<p>Your password must be changed before you continue.</p>");
                main.append(policyHint(flow.path("_embedded").path("passwordPolicy")));
                main.append(form(
                        post,
                        FlowAction.PASSWORD_RESET,
                        "Change password",
                        field("currentPassword", "Current password", "password", "current-password", true)
                                + field("newPassword", "New password", "password", "new-password", true)));
            }
            case RECOVERY_CODE_REQUIRED -> {
                title = "Recover password";
                main.append(
                        "<p>If the account exists, a recovery code was sent to it. Enter it with a new password.</p>");
                main.append(policyHint(flow.path("_embedded").path("passwordPolicy")));
                main.append(form(
                        post,
                        FlowAction.PASSWORD_RECOVER,
                        "Set new password",
                        field("recoveryCode", "Recovery code", "text", "one-time-code", true)
                                + field("newPassword", "New password", "password", "new-password", true)));
                main.append(form(post, FlowAction.PASSWORD_SEND_RECOVERY_CODE, "Send a new code", ""));
            }
            case DEVICE_SELECTION_REQUIRED -> {
                title = "Verify it's you";
                main.append("<p>Choose how to confirm your sign-on.</p>");
                for (MultiFactor.Device d : MfaStep.offered(f)) main.append(deviceForm(post, d, describe(d), null));
            }
            case OTP_REQUIRED -> {
                title = "Enter your passcode";
                MultiFactor.Device selected = MfaStep.selected(f)
                        .flatMap(id -> MfaStep.offered(f).stream()
                                .filter(d -> d.id().equals(id))
                                .findFirst())
                        .orElse(null);
                main.append("<p id=\"otp-hint\">")
                        .append(Html.escape(
                                selected == null || selected.type().equals("TOTP")
                                        ? "Enter the passcode your authenticator app shows."
                                        : "We sent a passcode: " + describe(selected) + "."))
                        .append("</p>");
                main.append(form(
                        post,
                        FlowAction.OTP_CHECK,
                        "Verify",
                        "<label for=\"otp\">Passcode</label>"
                                + "<input id=\"otp\" name=\"otp\" type=\"text\" inputmode=\"numeric\""
                                + " autocomplete=\"one-time-code\" spellcheck=\"false\" required"
                                + " aria-describedby=\"otp-hint\">"));
                if (selected != null && !selected.type().equals("TOTP"))
                    main.append(deviceForm(post, selected, "Send a new passcode", "secondary"));
                for (MultiFactor.Device d : MfaStep.offered(f))
                    if (selected == null || !d.id().equals(selected.id()))
                        main.append(deviceForm(post, d, "Use instead: " + describe(d), "secondary"));
            }
            case ASSERTION_REQUIRED -> {
                title = "Use your passkey";
                String selectedId = MfaStep.selected(f).orElse("");
                main.append("<p id=\"fido2-hint\">Confirm it's you with your passkey or security key.</p>");
                // The one step that needs a script: WebAuthn has no form. The script reveals the button (with the
                // options in a data attribute: no inline script under the page's CSP) and hides this notice.
                main.append("<p id=\"fido2-needs-script\" class=\"notice\">Passkeys and security keys need"
                        + " JavaScript, which is off or not supported in this browser."
                        + (MfaStep.offered(f).size() > 1 ? " Choose another way below." : "")
                        + "</p>");
                main.append("<button type=\"button\" id=\"use-passkey\" hidden aria-describedby=\"fido2-hint\""
                        + " data-content-type=\"" + FlowAction.ASSERTION_CHECK.contentType() + "\""
                        + " data-request-options=\""
                        + Html.escape(MfaStep.assertionOptions(f).orElse("")) + "\">"
                        + "Use your passkey or security key</button>");
                for (MultiFactor.Device d : MfaStep.offered(f))
                    if (!d.id().equals(selectedId))
                        main.append(deviceForm(post, d, "Use instead: " + describe(d), "secondary"));
            }
            case DAG_USER_CODE_REQUIRED -> {
                title = "Connect a device";
                main.append("<p>Enter the code shown on your device.</p>");
                main.append(form(
                        post,
                        FlowAction.DEVICE_AUTH_GRANT_USER_CODE_VERIFY,
                        "Continue",
                        "<label for=\"userCode\">Code</label>"
                                + "<input id=\"userCode\" name=\"userCode\" type=\"text\" autocomplete=\"off\""
                                + " autocapitalize=\"characters\" spellcheck=\"false\" required value=\""
                                + Html.escape(userCode == null || userCode.length() > 64 ? "" : userCode) + "\">"));
            }
            case DAG_CONSENT_REQUIRED -> {
                title = "Connect a device";
                main.append("<p>Signed on as <strong id=\"username\">")
                        .append(Html.escape(flow.path("_embedded")
                                .path("user")
                                .path("username")
                                .asText("")))
                        .append("</strong>.</p>");
                main.append("<p>Allow this device to access your account with these scopes?</p><ul id=\"scopes\">");
                for (String scope : FlowService.deviceScopes(f))
                    main.append("<li>").append(Html.escape(scope)).append("</li>");
                main.append("</ul>");
                main.append(consentForm(post, true, "Allow", ""));
                main.append(consentForm(post, false, "Deny", " class=\"secondary\""));
            }
            case COMPLETED -> {
                if (f.deviceGrant()) {
                    title = "Device connected";
                    main.append("<p id=\"message\">You have allowed ")
                            .append(Html.escape(appName))
                            .append(". You can return to your device.</p>");
                    break;
                }
                title = "Signed on";
                main.append("<p><a href=\"")
                        .append(Html.escape(FlowView.resumeUrl(x.links(), env, f.id())))
                        .append("\">Continue</a></p>");
            }
            case FAILED -> {
                title = f.deviceGrant() ? "Device not connected" : "Sign on";
                if ("NO_USABLE_DEVICES"
                        .equals(f.data().path("error").path("code").asText())) {
                    main.append("<p class=\"error\" role=\"alert\" data-code=\"NO_USABLE_DEVICES\">"
                            + "This sign-on needs a second factor, and your account has no device set up for it."
                            + " Contact your administrator.</p>");
                    break;
                }
                main.append(
                        f.deviceGrant()
                                ? "<p id=\"message\">You have denied " + Html.escape(appName)
                                        + " access. You can close this page.</p>"
                                : "<p class=\"error\" role=\"alert\">This sign-on cannot continue. Start again from the application.</p>");
            }
            default -> {
                title = "Sign on";
                main.append(
                        "<p class=\"error\" role=\"alert\">This sign-on cannot continue. Start again from the application.</p>");
            }
        }
        x.header("Cache-Control", "no-store");
        x.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        x.header("X-Frame-Options", "DENY");
        x.html(
                status,
                page(
                        env,
                        title,
                        "<h1>" + Html.escape(title) + "</h1>" + main,
                        f.id(),
                        f.status().name()));
    }

    private static String errorBlock(List<ErrorDetail> errors) {
        StringBuilder sb =
                new StringBuilder("<div id=\"errors\" class=\"errors\" role=\"alert\" aria-live=\"assertive\">");
        for (ErrorDetail d : errors)
            sb.append("<p class=\"error\" data-code=\"")
                    .append(Html.escape(d.code()))
                    .append("\">")
                    .append(Html.escape(message(d)))
                    .append("</p>");
        return sb.append("</div>").toString();
    }

    /** Messages people understand; the detail codes stay available to scripts as {@code data-code}. */
    static String message(ErrorDetail d) {
        return switch (d.code() == null ? "" : d.code()) {
            case "INVALID_CREDENTIALS" -> "The username or password you entered is incorrect.";
            case "INVALID_OTP" -> "That passcode is not right, or it has expired.";
            case "QUOTA_EXCEEDED" -> "Too many wrong passcodes: this device cannot be used for now.";
            case "PASSWORD_LOCKED_OUT" ->
                "Too many failed attempts: the account is locked."
                        + (d.innerError() != null && d.innerError().get("secondsUntilUnlock") != null
                                ? " Try again in "
                                        + Math.max(
                                                1, ((Number) d.innerError().get("secondsUntilUnlock")).longValue() / 60)
                                        + " minute(s)."
                                : "");
            default -> d.message();
        };
    }

    private static String policyHint(JsonNode policy) {
        if (policy == null || !policy.isObject()) return "";
        StringBuilder sb = new StringBuilder("<ul class=\"policy\" aria-label=\"Password requirements\">");
        if (policy.has("length"))
            sb.append("<li>")
                    .append(policy.path("length").path("min").asInt())
                    .append(" to ")
                    .append(policy.path("length").path("max").asInt())
                    .append(" characters</li>");
        if (policy.has("minCharacters"))
            sb.append("<li>At least one upper-case letter, lower-case letter, digit and special character</li>");
        if (policy.has("maxRepeatedCharacters"))
            sb.append("<li>No character more than ")
                    .append(policy.get("maxRepeatedCharacters").asInt())
                    .append(" times in a row</li>");
        if (policy.has("minUniqueCharacters"))
            sb.append("<li>At least ")
                    .append(policy.get("minUniqueCharacters").asInt())
                    .append(" different characters</li>");
        if (policy.path("excludesCommonlyUsed").asBoolean(false)) sb.append("<li>Not a commonly used password</li>");
        return sb.append("</ul>").toString();
    }

    private static String form(String post, FlowAction action, String button, String fields) {
        return "<form method=\"post\" action=\"" + Html.escape(post) + "\" data-content-type=\"" + action.contentType()
                + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action.rel() + "\">" + fields
                + "<button type=\"submit\">" + Html.escape(button) + "</button></form>";
    }

    /**
     * The user code {@code verification_uri_complete} carried here (through {@code /{envId}/device}, which sends only
     * a well-formed one): kept in the page's URLs until the code form has used it. Null when none or malformed.
     */
    private static String carriedUserCode(Exchange x) {
        String code = x.query("user_code");
        return code != null && USER_CODE.matcher(code).matches() ? code : null;
    }

    private static String carry(String userCode) {
        return userCode == null ? "" : "&user_code=" + userCode;
    }

    /** A button that selects an MFA device (its own form, so it works without a script). */
    private static String deviceForm(String post, MultiFactor.Device d, String button, String buttonClass) {
        FlowAction action = FlowAction.DEVICE_SELECT;
        return "<form method=\"post\" action=\"" + Html.escape(post) + "\" data-content-type=\"" + action.contentType()
                + "\"><input type=\"hidden\" name=\"action\" value=\"" + action.rel() + "\">"
                + "<input type=\"hidden\" name=\"deviceId\" value=\"" + Html.escape(d.id())
                + "\" data-path=\"device.id\">"
                + "<button type=\"submit\" data-device-type=\"" + Html.escape(d.type()) + "\""
                + (buttonClass == null ? "" : " class=\"" + buttonClass + "\"") + ">" + Html.escape(button)
                + "</button></form>";
    }

    /** How a device is named to its user: the method, and the masked address it reaches. */
    private static String describe(MultiFactor.Device d) {
        return switch (d.type()) {
            case "EMAIL" -> "Email to " + (d.masked() == null ? "your address" : d.masked());
            case "SMS" -> "Text message to " + (d.masked() == null ? "your phone" : d.masked());
            case "VOICE" -> "Voice call to " + (d.masked() == null ? "your phone" : d.masked());
            case "TOTP" -> "Authenticator app";
            case "FIDO2" -> "Passkey or security key";
            default -> d.type();
        };
    }

    /** One of the two answers to a device's request: each its own form, so either works without a script. */
    private static String consentForm(String post, boolean accept, String button, String buttonAttributes) {
        FlowAction action = FlowAction.DEVICE_AUTH_GRANT_CONSENT;
        return "<form method=\"post\" action=\"" + Html.escape(post) + "\" data-content-type=\"" + action.contentType()
                + "\"><input type=\"hidden\" name=\"action\" value=\"" + action.rel() + "\">"
                + "<input type=\"hidden\" name=\"accept\" value=\"" + accept + "\" data-type=\"boolean\">"
                + "<button type=\"submit\" id=\"" + (accept ? "allow" : "deny") + "\"" + buttonAttributes + ">"
                + Html.escape(button) + "</button></form>";
    }

    private static String field(String name, String label, String type, String autocomplete, boolean required) {
        return "<label for=\"" + name + "\">" + Html.escape(label) + "</label>"
                + "<input id=\"" + name + "\" name=\"" + name + "\" type=\"" + type + "\" autocomplete=\""
                + autocomplete + "\""
                + (required ? " required" : "") + ">";
    }

    private static String linkTo(String env, Flow f, String view, String text) {
        return "<p><a href=\"/" + Html.escape(env) + "/signon/?flowId=" + Html.escape(f.id())
                + (view == null ? "" : "&amp;view=" + view) + "\">" + Html.escape(text) + "</a></p>";
    }

    private static String page(String env, String title, String main) {
        return page(env, title, main, "", "");
    }

    private static String page(String env, String title, String main, String flowId, String status) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/" + Html.escape(env) + "/signon/signon.css\"></head>"
                + "<body><main data-flow-id=\"" + Html.escape(flowId) + "\" data-status=\"" + Html.escape(status)
                + "\" data-env=\"" + Html.escape(env) + "\">" + main + "</main>"
                + "<script src=\"/" + Html.escape(env) + "/signon/signon.js\" defer></script></body></html>";
    }

    private static void moveToObject(ObjectNode body, String field, String object) {
        moveToObject(body, field, object, field);
    }

    /** The form's flat {@code field} becomes {@code object.name} of the JSON step. */
    private static void moveToObject(ObjectNode body, String field, String object, String name) {
        if (body.has(field)) {
            ((ObjectNode) body.with(object)).put(name, body.remove(field).asText());
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String resource(String path) {
        try (InputStream in = SignOnPage.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("Missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
