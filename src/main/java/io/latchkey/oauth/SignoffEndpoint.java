package io.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Html;
import io.latchkey.sessions.SessionService;
import io.latchkey.storage.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|POST /{envId}/as/signoff} (OpenID Connect RP-Initiated Logout): ends the browser's session and, when
 * the request proves which application it comes from ({@code id_token_hint}), returns to one of its registered
 * {@code post_logout_redirect_uri}s.
 */
public final class SignoffEndpoint {
    private final AccessTokenVerifier verifier;
    private final ApplicationService applications;
    private final SessionService sessions;
    private final Database db;

    public SignoffEndpoint(AccessTokenVerifier verifier, ApplicationService applications, SessionService sessions, Database db) {
        this.db = db;
        this.verifier = verifier;
        this.applications = applications;
        this.sessions = sessions;
    }

    public void signoff(Exchange x) {
        String env = x.pathParam("envId");
        if (!db.withHandle(h -> Database.environmentExists(h, env))) {
            AuthorizeResponder.errorPage(x, 404, "not_found", "There is no such environment.");
            return;
        }
        var params = x.form();
        String hint = first(params, "id_token_hint");
        String postLogout = first(params, "post_logout_redirect_uri");
        String state = first(params, "state");
        Application app = null;
        String hintedSession = null;
        if (hint != null) {
            JWTClaimsSet claims = verifier.verifySignature(env, hint).orElse(null);
            if (claims == null || claims.getAudience() == null || claims.getAudience().isEmpty()) {
                AuthorizeResponder.errorPage(x, 400, "invalid_request", "The id_token_hint is not a valid ID token of this environment.");
                return;
            }
            app = applications.find(env, claims.getAudience().get(0)).orElse(null);
            Object sid = claims.getClaim("sid");
            hintedSession = sid == null ? null : sid.toString();
        }
        if (postLogout != null && (app == null || !app.postLogoutRedirectUris().contains(postLogout))) {
            AuthorizeResponder.errorPage(x, 400, "invalid_request",
                    "The post_logout_redirect_uri is not registered for the application named by id_token_hint.");
            return;
        }
        sessions.fromCookie(env, x.cookie(SessionService.COOKIE)).ifPresent(s -> sessions.end(env, s.id()));
        if (hintedSession != null) sessions.end(env, hintedSession);
        x.setCookie(Cookies.clear(SessionService.COOKIE, "/" + env, x.links().secure()));
        x.header("Cache-Control", "no-store");
        if (postLogout != null) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("state", state);
            if (state == null) x.redirect(postLogout);
            else AuthorizeResponder.deliver(x, postLogout, ResponseMode.QUERY, p);
            return;
        }
        x.html(200, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>Signed off</title></head><body><main><h1>"
                + Html.escape("You are signed off.") + "</h1></main></body></html>");
    }

    private static String first(Map<String, java.util.List<String>> params, String name) {
        var v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
