package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.flows.Flow;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.FlowView;
import io.latchkey.http.ApiException;
import io.latchkey.http.Exchange;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.users.UserService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /{envId}/as/resume?flowId=}: turns a completed flow into an authorization code for the client. */
public final class ResumeEndpoint {
    private final FlowService flows;
    private final ApplicationService applications;
    private final SessionService sessions;
    private final AuthorizationCodes codes;
    private final UserService users;

    public ResumeEndpoint(FlowService flows, ApplicationService applications, SessionService sessions,
                          AuthorizationCodes codes, UserService users) {
        this.flows = flows;
        this.applications = applications;
        this.sessions = sessions;
        this.codes = codes;
        this.users = users;
    }

    public void resume(Exchange x) {
        String env = x.pathParam("envId");
        String flowId = x.query("flowId");
        if (flowId == null || flowId.isBlank()) throw ApiException.invalidRequest("The flowId parameter is required.");
        Flow f = flows.consume(env, flowId, x.cookie(FlowService.BROWSER_COOKIE));
        Application app = applications.find(env, f.applicationId()).filter(Application::enabled)
                .orElseThrow(() -> ApiException.invalidRequest("The application is no longer enabled."));
        deliverCode(x, env, f, app);
    }

    /** Issues the code for a completed flow and hands it to the client in the request's response mode. */
    void deliverCode(Exchange x, String env, Flow f, Application app) {
        AuthorizeRequest request = AuthorizeRequest.fromJson(f.request());
        SignOnSession s = sessions.byId(env, f.sessionId())
                .orElseThrow(() -> ApiException.invalidRequest("The session of this flow has ended."));
        String code = codes.issue(env, app.id(), f.userId(), s.id(), request, s.authTime(), s.amr());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("state", request.state());
        if (request.responseMode() == ResponseMode.PI_FLOW) {
            ObjectNode body = FlowView.render(x.links(), f, List.of(), users.get(env, f.userId()), app.name(), null);
            ObjectNode authorizeResponse = body.putObject("authorizeResponse");
            p.forEach((k, v) -> { if (v != null) authorizeResponse.put(k, v); });
            x.header("Cache-Control", "no-store");
            x.ok(body);
            return;
        }
        AuthorizeResponder.deliver(x, request.redirectUri(), request.responseMode(), p);
    }
}
