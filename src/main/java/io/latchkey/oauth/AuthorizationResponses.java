package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.flows.Flow;
import io.latchkey.http.ApiException;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.users.User;
import io.latchkey.users.UserService;

/**
 * The authorization response for a completed sign-on: a code bound to the authorization request and to the sign-on's
 * session. Issued by {@code /as/resume} after a flow, and by {@code /as/authorize} when the browser's live session
 * answers at once (SSO); {@link AuthorizeResponder#deliverCode} hands it to the client.
 */
public final class AuthorizationResponses {
    private final SessionService sessions;
    private final AuthorizationCodes codes;
    private final UserService users;

    public AuthorizationResponses(SessionService sessions, AuthorizationCodes codes, UserService users) {
        this.sessions = sessions;
        this.codes = codes;
        this.users = users;
    }

    /**
     * A code issued for {@code request}, answered by the completed {@code flow}.
     *
     * @param user the signed-on user, shown in a {@code pi.flow} answer; null in the other response modes
     */
    public record IssuedCode(AuthorizeRequest request, String code, Flow flow, User user, String applicationName) {}

    /** The code for a completed flow, for the request the flow was started with. */
    public IssuedCode forCompletedFlow(String env, Application app, Flow f) {
        return forCompletedFlow(env, app, f, AuthorizeRequest.fromJson(f.request()));
    }

    /** The code for a completed flow, for {@code request} (the one the flow was started with, still at hand). */
    public IssuedCode forCompletedFlow(String env, Application app, Flow f, AuthorizeRequest request) {
        SignOnSession s = sessions.byId(env, f.sessionId())
                .orElseThrow(() -> ApiException.invalidRequest("The session of this flow has ended."));
        String code = codes.issue(env, app.id(), f.userId(), request,
                new TokenGrant.SignOn(s.id(), s.authTime(), s.acr(), s.amr()));
        // Only the pi.flow answer shows the user: the redirecting modes need not read it.
        User user = request.responseMode() == ResponseMode.PI_FLOW ? users.get(env, f.userId()) : null;
        return new IssuedCode(request, code, f, user, app.name());
    }
}
