package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.flows.Flow;
import io.latchkey.flows.FlowAction;
import io.latchkey.flows.FlowService;
import io.latchkey.http.OAuthException;
import io.latchkey.policies.SignOnPolicyLookup;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /as/authorize} does with a valid request: the browser's live session answers at once (SSO) unless the
 * request asks for a new sign-on ({@code prompt=login}), a more recent one ({@code max_age}) or one under another
 * sign-on policy ({@code acr_values} naming a policy of the application other than the session's); otherwise a
 * sign-on flow starts, bound to the browser, under the policy {@code acr_values} select.
 */
public final class AuthorizeService {
    private final SessionService sessions;
    private final FlowService flows;
    private final UserService users;
    private final SignOnPolicyLookup policies;
    private final AuthorizationResponses responses;

    public AuthorizeService(
            SessionService sessions,
            FlowService flows,
            UserService users,
            SignOnPolicyLookup policies,
            AuthorizationResponses responses) {
        this.sessions = sessions;
        this.flows = flows;
        this.users = users;
        this.policies = policies;
        this.responses = responses;
    }

    /** What the browser is answered with. */
    public sealed interface Decision {}

    /**
     * A flow to show (pi.flow) or to send the browser through (the sign-on page). With SSO in pi.flow it is already
     * COMPLETED, for {@code user}, and the client resumes it; otherwise {@code user} is null.
     */
    public record FlowStarted(Flow flow, List<FlowAction> offered, User user) implements Decision {}

    /** SSO in a redirecting response mode: the authorization response, at once. */
    public record Answered(AuthorizationResponses.Issued response) implements Decision {}

    /**
     * @param sessionCookie the browser's session cookie, if it sent one
     * @param browserToken  the browser's flow cookie value, new or sent, which the flow is bound to
     * @throws OAuthException {@code login_required} for {@code prompt=none} without a session that answers
     */
    public Decision decide(
            String env, Application app, AuthorizeRequest request, String sessionCookie, String browserToken) {
        Optional<SignOnSession> session = request.prompts(AuthorizeRequest.Prompt.LOGIN)
                ? Optional.empty()
                : sessions.fromCookie(env, sessionCookie).filter(s -> userCanSignOn(env, s.userId()));
        if (request.maxAgeSeconds() != null) {
            long maxAgeMillis = request.maxAgeSeconds() * 1000;
            session = session.filter(s -> System.currentTimeMillis() - s.authTime() <= maxAgeMillis);
        }
        session = session.filter(s -> policies.satisfies(env, app.id(), request.acrValues(), s.acr()));
        if (session.isEmpty() && request.prompts(AuthorizeRequest.Prompt.NONE)) {
            throw new OAuthException(400, "login_required", "The user is not signed on.");
        }
        if (session.isEmpty()) {
            Flow f = flows.start(env, app.id(), request.toJson(), request.acrValues(), browserToken);
            return new FlowStarted(f, flows.offered(f), null);
        }
        SignOnSession s = session.get();
        sessions.touch(env, s.id());
        // A completed flow even when the code is issued at once: in pi.flow the client resumes it, as after a sign-on.
        Flow f = flows.startCompleted(env, app.id(), request.toJson(), browserToken, s.userId(), s.id());
        if (request.responseMode() == ResponseMode.PI_FLOW)
            return new FlowStarted(f, List.of(), users.get(env, s.userId()));
        return new Answered(responses.forCompletedFlow(env, app, f, request));
    }

    private boolean userCanSignOn(String env, String userId) {
        return users.find(env, userId).filter(User::enabled).isPresent();
    }
}
