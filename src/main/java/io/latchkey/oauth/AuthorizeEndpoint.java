package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.crypto.Secrets;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.FlowView;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.http.OAuthException;
import io.latchkey.sessions.SessionService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|POST /{envId}/as/authorize}: parses the request ({@link AuthorizeRequestParser}), lets
 * {@link AuthorizeService} decide between SSO and a sign-on flow, and writes the answer.
 */
public final class AuthorizeEndpoint {
    private final AuthorizeRequestParser parser;
    private final AuthorizeService authorizations;

    public AuthorizeEndpoint(AuthorizeRequestParser parser, AuthorizeService authorizations) {
        this.parser = parser;
        this.authorizations = authorizations;
    }

    public void authorize(Exchange x) {
        String env = x.pathParam("envId");
        switch (parser.parse(env, x.form())) {
            case AuthorizeRequestParser.RefusedOnPage r ->
                AuthorizeResponder.errorPage(x, 400, r.error(), r.description());
            case AuthorizeRequestParser.RefusedToClient r ->
                redirectError(x, r.redirectUri(), r.mode(), r.state(), r.error(), r.description());
            case AuthorizeRequestParser.Accepted a -> answer(x, env, a.app(), a.request());
        }
    }

    private void answer(Exchange x, String env, Application app, AuthorizeRequest request) {
        String browser = x.cookie(FlowService.BROWSER_COOKIE);
        if (browser == null || browser.length() != 43) {
            browser = Secrets.token();
        }
        AuthorizeService.Decision decision;
        try {
            decision = authorizations.decide(env, app, request, x.cookie(SessionService.COOKIE), browser);
        } catch (OAuthException e) {
            redirectError(
                    x, request.redirectUri(), request.responseMode(), request.state(), e.error(), e.description());
            return;
        }
        x.setCookie(Cookies.set(
                FlowService.BROWSER_COOKIE, browser, "/" + env, x.links().secure(), 3600));
        switch (decision) {
            case AuthorizeService.Answered a -> AuthorizeResponder.deliver(x, a.response());
            case AuthorizeService.FlowStarted f
            when request.responseMode() == ResponseMode.PI_FLOW ->
                x.ok(FlowView.render(x.links(), f.flow(), f.offered(), f.user(), app.name(), null));
            case AuthorizeService.FlowStarted f ->
                x.redirect(FlowView.signOnPageUrl(x.links(), env, f.flow().id()));
        }
    }

    private static void redirectError(
            Exchange x, String redirectUri, ResponseMode mode, String state, String error, String description) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", error);
        p.put("error_description", description);
        p.put("state", state);
        AuthorizeResponder.deliver(x, redirectUri, mode, p);
    }
}
