package io.latchkey.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.passwords.PasswordService;
import io.latchkey.sessions.SessionService;
import io.latchkey.throttle.ClientAddresses;
import io.latchkey.users.UserService;

/** HTTP adapter of {@code /{envId}/flows/{flowId}}: read a flow, post a step to it. */
public final class FlowApi {
    private final FlowService flows;
    private final ApplicationService applications;
    private final UserService users;
    private final PasswordService passwords;
    private final ClientAddresses clients;

    public FlowApi(
            FlowService flows,
            ApplicationService applications,
            UserService users,
            PasswordService passwords,
            ClientAddresses clients) {
        this.flows = flows;
        this.applications = applications;
        this.users = users;
        this.passwords = passwords;
        this.clients = clients;
    }

    public void get(Exchange x) {
        String env = x.pathParam("envId");
        Flow f = flows.read(env, x.pathParam("flowId"), x.cookie(FlowService.BROWSER_COOKIE));
        x.header("Cache-Control", "no-store");
        x.ok(render(x, f));
    }

    public void post(Exchange x) {
        String env = x.pathParam("envId");
        String contentType = x.contentType();
        // Read the flow first: an unknown flow or a foreign browser is answered before the body is looked at.
        Flow f = flows.read(env, x.pathParam("flowId"), x.cookie(FlowService.BROWSER_COOKIE));
        JsonNode body = x.body().length == 0 ? null : x.json();
        FlowService.Outcome outcome = flows.act(f, contentType, body, clients.of(x), x.cookie(SessionService.COOKIE));
        setSessionCookie(x, env, outcome);
        x.header("Cache-Control", "no-store");
        x.ok(render(x, outcome.flow()));
    }

    /**
     * A step that completed the sign-on started a session: the browser gets its cookie, and the session keeps the
     * address and User-Agent it signed on from (PingOne's {@code lastSignOn.remoteIp}, browser, operating system).
     */
    void setSessionCookie(Exchange x, String env, FlowService.Outcome outcome) {
        if (outcome.sessionCookie() == null) return;
        flows.recordSignOnOrigin(outcome, clients.of(x), x.header("User-Agent"));
        x.setCookie(Cookies.set(
                SessionService.COOKIE,
                outcome.sessionCookie(),
                "/" + env,
                x.links().secure(),
                SessionService.LIFETIME.toSeconds()));
    }

    /** The flow object, with the user, the application name and, while a new password is asked for, the policy. */
    public ObjectNode render(Exchange x, Flow f) {
        String env = f.environmentId();
        // A device flow started without an appIdentifier has no application until its user code is verified.
        String appName = f.applicationId() == null
                ? ""
                : applications
                        .find(env, f.applicationId())
                        .map(Application::name)
                        .orElse("");
        var user = f.userId() == null ? null : users.get(env, f.userId());
        ObjectNode policy =
                f.status() == FlowStatus.MUST_CHANGE_PASSWORD || f.status() == FlowStatus.RECOVERY_CODE_REQUIRED
                        ? policyFor(env, f)
                        : null;
        return FlowView.render(x.links(), f, flows.offered(f), user, appName, policy);
    }

    private ObjectNode policyFor(String env, Flow f) {
        String userId = f.userId() != null
                ? f.userId()
                : f.data().path("recoveryUserId").asText(null);
        return userId == null ? null : passwords.policyFor(env, userId);
    }
}
