package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.crypto.Secrets;
import io.latchkey.flows.Flow;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.FlowView;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.http.OAuthException;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET|POST /{envId}/as/authorize}. Ordered checks: first the client and its redirect URI (failures get an
 * error page, never a redirect), then everything else (failures are redirected to the client with {@code state}).
 * Then either the browser's live session answers at once (SSO), or a flow starts.
 */
public final class AuthorizeEndpoint {
    private final ApplicationService applications;
    private final ScopeResolver scopes;
    private final SessionService sessions;
    private final FlowService flows;
    private final UserService users;
    private final AuthorizationResponses responses;

    public AuthorizeEndpoint(ApplicationService applications, ScopeResolver scopes, SessionService sessions, FlowService flows,
                             UserService users, AuthorizationResponses responses) {
        this.applications = applications;
        this.scopes = scopes;
        this.sessions = sessions;
        this.flows = flows;
        this.users = users;
        this.responses = responses;
    }

    /** The longest value of any one authorize parameter (a state, a nonce, a redirect URI as registered). */
    static final int LONGEST_PARAMETER = 2048;

    public void authorize(Exchange x) {
        String env = x.pathParam("envId");
        Map<String, List<String>> params = x.form();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            // Values travel back in the redirect's Location header, which has a size limit of its own.
            if (p.getValue().stream().anyMatch(v -> v.length() > LONGEST_PARAMETER)) {
                AuthorizeResponder.errorPage(x, 400, "invalid_request",
                        "The parameter '" + abbreviated(p.getKey()) + "' is longer than " + LONGEST_PARAMETER + " characters.");
                return;
            }
        }
        String clientId = MultivaluedMapUtils.getFirstValue(params, "client_id");
        String redirectUri = MultivaluedMapUtils.getFirstValue(params, "redirect_uri");
        Optional<Application> app = applications.find(env, clientId);
        if (app.isEmpty() || !app.get().enabled()) {
            AuthorizeResponder.errorPage(x, 400, "invalid_client", "The application is unknown or disabled.");
            return;
        }
        if (redirectUri == null || !app.get().redirectUris().contains(redirectUri)) {
            AuthorizeResponder.errorPage(x, 400, "invalid_request",
                    "The redirect_uri is missing or is not registered for the application.");
            return;
        }
        String state = MultivaluedMapUtils.getFirstValue(params, "state");
        String modeParam = MultivaluedMapUtils.getFirstValue(params, "response_mode");
        Optional<ResponseMode> parsedMode = modeParam == null ? Optional.of(ResponseMode.DEFAULT) : ResponseMode.parse(modeParam);
        if (parsedMode.isEmpty()) {
            redirectError(x, redirectUri, ResponseMode.DEFAULT, state, "invalid_request", "Unsupported response_mode.");
            return;
        }
        ResponseMode mode = parsedMode.get();
        try {
            AuthorizeRequest request = validate(env, app.get(), params, redirectUri, mode, state);
            proceed(x, env, app.get(), request);
        } catch (OAuthException e) {
            redirectError(x, redirectUri, mode, state, e.error(), e.description());
        }
    }

    /** Every check after the client is known. */
    private AuthorizeRequest validate(String env, Application app, Map<String, List<String>> params, String redirectUri,
                                      ResponseMode mode, String state) {
        AuthorizationRequest parsed;
        try {
            parsed = AuthorizationRequest.parse(params);
        } catch (ParseException e) {
            String error = e.getErrorObject() != null && e.getErrorObject().getCode() != null ? e.getErrorObject().getCode() : "invalid_request";
            throw new OAuthException(400, error, e.getMessage());
        }
        if (!parsed.getResponseType().equals(ResponseType.CODE)) {
            throw new OAuthException(400, "unsupported_response_type", "Only response_type=code is supported.");
        }
        if (!app.grantTypes().contains("AUTHORIZATION_CODE") || !app.responseTypes().contains("CODE")) {
            throw OAuthException.unauthorizedClient("The application may not use the authorization code flow.");
        }
        List<String> requested = parsed.getScope() == null ? List.of() : parsed.getScope().toStringList();
        ScopeResolver.Resolved resolved = scopes.resolve(env, app.id(), requested,
                app.tokenSettings().multipleResourcesEnabled());

        String challenge = parsed.getCodeChallenge() == null ? null : parsed.getCodeChallenge().getValue();
        CodeChallengeMethod method = parsed.getCodeChallengeMethod();
        if (challenge != null && method == null) method = CodeChallengeMethod.PLAIN;
        switch (app.tokenSettings().pkceEnforcement()) {
            case REQUIRED -> { if (challenge == null) throw OAuthException.invalidRequest("A code_challenge is required."); }
            case S256_REQUIRED -> {
                if (challenge == null || !CodeChallengeMethod.S256.equals(method)) {
                    throw OAuthException.invalidRequest("A code_challenge with code_challenge_method=S256 is required.");
                }
            }
            case OPTIONAL -> { }
        }
        if (method != null && !CodeChallengeMethod.S256.equals(method) && !CodeChallengeMethod.PLAIN.equals(method)) {
            throw OAuthException.invalidRequest("Unsupported code_challenge_method.");
        }
        String promptParam = MultivaluedMapUtils.getFirstValue(params, "prompt");
        Set<AuthorizeRequest.Prompt> prompt = promptParam == null ? Set.of() : AuthorizeRequest.Prompt.parseAll(promptParam)
                .orElseThrow(() -> OAuthException.invalidRequest("Unsupported prompt '" + promptParam + "'."));
        String maxAge = MultivaluedMapUtils.getFirstValue(params, "max_age");
        if (maxAge != null && !maxAge.matches("\\d{1,9}")) throw OAuthException.invalidRequest("max_age must be a number of seconds.");

        return new AuthorizeRequest(app.id(), redirectUri, mode, state, resolved.scopes(), resolved,
                MultivaluedMapUtils.getFirstValue(params, "nonce"), prompt, maxAge == null ? null : Long.parseLong(maxAge),
                MultivaluedMapUtils.getFirstValue(params, "login_hint"),
                challenge == null ? null : new AuthorizeRequest.Pkce(challenge, method));
    }

    private void proceed(Exchange x, String env, Application app, AuthorizeRequest request) {
        Optional<SignOnSession> session = request.prompts(AuthorizeRequest.Prompt.LOGIN) ? Optional.empty()
                : sessions.fromCookie(env, x.cookie(SessionService.COOKIE)).filter(s -> userCanSignOn(env, s.userId()));
        if (request.maxAgeSeconds() != null) {
            long maxAgeMillis = request.maxAgeSeconds() * 1000;
            session = session.filter(s -> System.currentTimeMillis() - s.authTime() <= maxAgeMillis);
        }
        if (session.isEmpty() && request.prompts(AuthorizeRequest.Prompt.NONE)) {
            throw new OAuthException(400, "login_required", "The user is not signed on.");
        }
        String browser = x.cookie(FlowService.BROWSER_COOKIE);
        if (browser == null || browser.length() != 43) {
            browser = Secrets.token();
        }
        x.setCookie(Cookies.set(FlowService.BROWSER_COOKIE, browser, "/" + env, x.links().secure(), 3600));
        boolean piFlow = request.responseMode() == ResponseMode.PI_FLOW;
        if (session.isPresent()) {
            SignOnSession s = session.get();
            Flow f = flows.startCompleted(env, app.id(), request.toJson(), browser, s.userId(), s.id());
            if (piFlow) {
                x.ok(FlowView.render(x.links(), f, List.of(), users.get(env, s.userId()), app.name(), null));
            } else {
                AuthorizeResponder.deliverCode(x, responses.forCompletedFlow(env, app, f, request));
            }
            return;
        }
        Flow f = flows.start(env, app.id(), request.toJson(), browser);
        if (piFlow) {
            x.ok(FlowView.render(x.links(), f, flows.offered(f), null, app.name(), null));
        } else {
            x.redirect(FlowView.signOnPageUrl(x.links(), env, f.id()));
        }
    }

    private boolean userCanSignOn(String env, String userId) {
        return users.find(env, userId).filter(User::enabled).isPresent();
    }

    private static void redirectError(Exchange x, String redirectUri, ResponseMode mode, String state, String error,
                                      String description) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", error);
        p.put("error_description", description);
        p.put("state", state);
        AuthorizeResponder.deliver(x, redirectUri, mode, p);
    }

    private static String abbreviated(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
