package io.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.http.Cookies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Html;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.storage.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /{envId}/as/signoff} (OpenID Connect RP-Initiated Logout 1.0): ends the browser's session (in
 * the database: on every node) and, when the request names its application ({@code id_token_hint}, or
 * {@code client_id}), returns to one of that application's registered {@code post_logout_redirect_uri}s with
 * {@code state}. A hint must be an ID token of this environment for an enabled application, about the signed-on user.
 */
public final class SignoffEndpoint {
    private final AccessTokenVerifier verifier;
    private final ApplicationService applications;
    private final SessionService sessions;
    private final Database db;

    public SignoffEndpoint(
            AccessTokenVerifier verifier, ApplicationService applications, SessionService sessions, Database db) {
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
        String clientId = first(params, "client_id");
        String postLogout = first(params, "post_logout_redirect_uri");
        String state = first(params, "state");
        Optional<SignOnSession> session = sessions.fromCookie(env, x.cookie(SessionService.COOKIE));
        Application app = null;
        String hintedSession = null;
        if (hint != null) {
            // PingOne: an ID token of this environment (expired ones included, OIDC RP-Initiated Logout §2), for an
            // existing, enabled application, about the session's user.
            JWTClaimsSet claims = verifier.verifySignature(env, hint).orElse(null);
            app = claims == null
                            || claims.getAudience() == null
                            || claims.getAudience().isEmpty()
                    ? null
                    : applications
                            .find(env, claims.getAudience().get(0))
                            .filter(Application::enabled)
                            .orElse(null);
            if (app == null) {
                refuse(x, "The id_token_hint is not a valid ID token of an enabled application of this environment.");
                return;
            }
            if (clientId != null && !clientId.equals(app.id())) {
                refuse(x, "The client_id is not the application the id_token_hint was issued to.");
                return;
            }
            Object sid = claims.getClaim("sid");
            // An application may map sub to another user attribute: an ID token of this very session names its user.
            if (session.isPresent()
                    && !session.get().userId().equals(claims.getSubject())
                    && !session.get().id().equals(sid)) {
                refuse(x, "The id_token_hint is about another user than the one signed on.");
                return;
            }
            hintedSession = sid == null ? null : sid.toString();
        } else if (clientId != null) {
            // §2: without a hint, client_id names the application whose post-logout URIs apply.
            app = applications.find(env, clientId).filter(Application::enabled).orElse(null);
            if (app == null) {
                refuse(x, "The client_id is not an enabled application of this environment.");
                return;
            }
        }
        if (postLogout != null && (app == null || !app.postLogoutRedirectUris().contains(postLogout))) {
            refuse(
                    x,
                    "The post_logout_redirect_uri is not registered for the application named by id_token_hint or client_id.");
            return;
        }
        session.ifPresent(s -> sessions.end(env, s.id()));
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
        x.html(
                200,
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width, initial-scale=1\"><title>Signed off</title></head><body><main><h1>"
                        + Html.escape("You are signed off.") + "</h1></main></body></html>");
    }

    /** Nothing is ended: the request could be anyone's, and its redirect URI unproven. */
    private static void refuse(Exchange x, String description) {
        AuthorizeResponder.errorPage(x, 400, "invalid_request", description);
    }

    private static String first(Map<String, java.util.List<String>> params, String name) {
        var v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
