package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.flows.Flow;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.FlowStatus;
import io.latchkey.flows.FlowView;
import io.latchkey.http.ApiException;
import io.latchkey.http.Exchange;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /{envId}/as/resume?flowId=}: turns a completed flow into an authorization code for the client. */
public final class ResumeEndpoint {
    private final FlowService flows;
    private final ApplicationService applications;
    private final AuthorizationResponses responses;

    public ResumeEndpoint(FlowService flows, ApplicationService applications, AuthorizationResponses responses) {
        this.flows = flows;
        this.applications = applications;
        this.responses = responses;
    }

    public void resume(Exchange x) {
        String env = x.pathParam("envId");
        String flowId = x.query("flowId");
        if (flowId == null || flowId.isBlank()) throw ApiException.invalidRequest("The flowId parameter is required.");
        String browser = x.cookie(FlowService.BROWSER_COOKIE);
        // A device grant flow ends with the user's decision, not with a code: the sign-on page shows where it stands.
        if (flows.read(env, flowId, browser).deviceGrant()) {
            x.redirect(FlowView.signOnPageUrl(x.links(), env, flowId));
            return;
        }
        Flow f = flows.consume(env, flowId, browser);
        if (f.status() == FlowStatus.FAILED) {
            // The sign-on could not finish (e.g. MFA without a usable device): the client learns it was refused.
            AuthorizeRequest request = AuthorizeRequest.fromJson(f.request());
            Map<String, String> p = new LinkedHashMap<>();
            p.put("error", "access_denied");
            p.put("error_description", f.data().path("error").path("message").asText("The sign-on failed."));
            p.put("state", request.state());
            AuthorizeResponder.deliver(x, request.redirectUri(), request.responseMode(), p);
            return;
        }
        Application app = applications
                .find(env, f.applicationId())
                .filter(Application::enabled)
                .orElseThrow(() -> ApiException.invalidRequest("The application is no longer enabled."));
        AuthorizeResponder.deliver(x, responses.forCompletedFlow(env, app, f));
    }
}
