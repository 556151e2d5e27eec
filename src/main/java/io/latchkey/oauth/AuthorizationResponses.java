package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.flows.Flow;
import io.latchkey.http.ApiException;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.storage.Ids;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authorization response for a completed sign-on: what the request's {@code response_type} asks for — a code
 * bound to the request and the sign-on's session, tokens (implicit), or both (hybrid). Issued by {@code /as/resume}
 * after a flow, and by {@code /as/authorize} when the browser's live session answers at once (SSO);
 * {@link AuthorizeResponder#deliver(io.latchkey.http.Exchange, Issued)} hands it to the client.
 */
public final class AuthorizationResponses {
    private final SessionService sessions;
    private final AuthorizationCodes codes;
    private final UserService users;
    private final ScopeResolver scopes;
    private final TokenGenerator tokens;
    private final TokenMetrics metrics;

    public AuthorizationResponses(
            SessionService sessions,
            AuthorizationCodes codes,
            UserService users,
            ScopeResolver scopes,
            TokenGenerator tokens,
            TokenMetrics metrics) {
        this.sessions = sessions;
        this.codes = codes;
        this.users = users;
        this.scopes = scopes;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    /**
     * An authorization response for {@code request}, answered by the completed {@code flow}.
     *
     * @param params what goes to the client: {@code code}, {@code access_token}, {@code id_token}, ... and
     *               {@code state}, in that order
     * @param user   the signed-on user, shown in a {@code pi.flow} answer; null in the other response modes
     */
    public record Issued(
            AuthorizeRequest request, Map<String, String> params, Flow flow, User user, String applicationName) {}

    /** The response for a completed flow, for the request the flow was started with. */
    public Issued forCompletedFlow(String env, Application app, Flow f) {
        return forCompletedFlow(env, app, f, AuthorizeRequest.fromJson(f.request()));
    }

    /** The response for a completed flow, for {@code request} (the one the flow was started with, still at hand). */
    public Issued forCompletedFlow(String env, Application app, Flow f, AuthorizeRequest request) {
        SignOnSession s = sessions.byId(env, f.sessionId())
                .orElseThrow(() -> ApiException.invalidRequest("The session of this flow has ended."));
        TokenGrant.SignOn signOn = new TokenGrant.SignOn(s.id(), s.authTime(), s.acr(), s.amr());
        String grantId = Ids.newId();
        Map<String, String> params = new LinkedHashMap<>();
        String code = null;
        if (request.wantsCode()) {
            code = codes.issue(env, app.id(), f.userId(), request, signOn, grantId);
            params.put("code", code);
        }
        User user = null;
        if (request.wantsAccessToken() || request.wantsIdToken()) {
            user = users.get(env, f.userId());
            ScopeResolver.Resolved granted = request.grantedScopes() != null
                    ? request.grantedScopes()
                    : scopes.resolve(
                            env, app.id(), request.scopes(), app.tokenSettings().multipleResourcesEnabled());
            TokenGrant grant = new TokenGrant(
                            app, user, signOn, granted, grantId, request.nonce(), null, request.requestedClaims())
                    .withRequest(TokenGrant.RequestData.of("implicit"));
            params.putAll(
                    tokens.authorizationResponse(grant, code, request.wantsAccessToken(), request.wantsIdToken()));
            if (request.wantsAccessToken()) metrics.issued(TokenMetrics.IMPLICIT);
        }
        if (request.state() != null) params.put("state", request.state());
        // Only the pi.flow answer shows the user: the redirecting modes need not read it.
        if (request.responseMode() != ResponseMode.PI_FLOW) user = null;
        else if (user == null) user = users.get(env, f.userId());
        return new Issued(request, params, f, user, app.name());
    }
}
