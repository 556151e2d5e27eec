package io.latchkey.oauth;

import com.nimbusds.jwt.JWTParser;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.applications.CorsSettings;
import io.latchkey.flows.FlowService;
import io.latchkey.http.Cors.Verdict;
import io.latchkey.http.Exchange;
import io.latchkey.storage.Ids;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Which origins may read the Auth API's answers about an application: its {@code corsSettings}, for the application
 * the request names (see the table in docs/applications.md, "Cross-origin requests (corsSettings)"). Each method is
 * an {@link io.latchkey.http.Cors.Origins} for one kind of endpoint. The application is only named here, never
 * authenticated: the endpoint itself does that, and all a false name can win is reading the answer to one's own
 * request.
 *
 * <p>Without {@code corsSettings}, PingOne allows "CORS requests from any origin except for operations that expose
 * sensitive information (e.g. /as/authorize and /as/token)" (its management API description,
 * {@code ApplicationCorsSettings}); Latchkey counts as sensitive every endpoint that issues or reveals tokens or rides
 * on the browser's session, and only {@code /as/revoke} as not.
 */
public final class ClientOrigins {
    private final ApplicationService applications;
    private final FlowService flows;

    public ClientOrigins(ApplicationService applications, FlowService flows) {
        this.applications = applications;
        this.flows = flows;
    }

    /** {@code /as/token}, {@code /as/introspect}: the client of the form or of the Authorization header. */
    public Verdict tokenEndpoint(Exchange x, String origin) {
        return decide(x, clientOfTokenRequest(x), origin, true);
    }

    /** {@code /as/revoke}: as the token endpoint, but reveals nothing, so it answers any origin by default. */
    public Verdict revocation(Exchange x, String origin) {
        return decide(x, clientOfTokenRequest(x), origin, false);
    }

    /** {@code /as/authorize}: the {@code client_id} of the query (or of the form, for POST). */
    public Verdict authorization(Exchange x, String origin) {
        return decide(x, parameter(x, "client_id"), origin, true);
    }

    /** {@code /as/signoff}: its {@code client_id}, or the audience of its {@code id_token_hint}. */
    public Verdict signoff(Exchange x, String origin) {
        String client = parameter(x, "client_id");
        if (client == null) client = audience(parameter(x, "id_token_hint"));
        return decide(x, client, origin, true);
    }

    /** {@code /flows/{flowId}} and {@code /as/resume?flowId=}: the application the flow signs on to. */
    public Verdict flow(Exchange x, String origin) {
        String flowId = x.pathParamOrNull("flowId");
        if (flowId == null) flowId = x.query("flowId");
        if (flowId == null) return Verdict.UNKNOWN;
        String env = x.pathParam("envId");
        return flows.applicationOf(env, flowId)
                .map(app -> decide(x, app, origin, true))
                .orElse(Verdict.REFUSED);
    }

    private Verdict decide(Exchange x, String clientId, String origin, boolean sensitive) {
        if (clientId == null) return Verdict.UNKNOWN;
        String env = x.pathParam("envId");
        if (!Ids.isUuid(env) || !Ids.isUuid(clientId)) return Verdict.REFUSED;
        Application app =
                applications.find(env, clientId).filter(Application::enabled).orElse(null);
        if (app == null) return Verdict.REFUSED;
        CorsSettings settings = app.corsSettings();
        boolean allowed = switch (settings.behavior()) {
            case OMITTED -> !sensitive;
            case ALLOW_NO_ORIGINS -> false;
            case ALLOW_SPECIFIC_ORIGINS -> settings.lists(origin);
        };
        return allowed ? Verdict.ALLOWED : Verdict.REFUSED;
    }

    /** A query parameter, or (POST) a form parameter; a preflight has only its query. */
    private static String parameter(Exchange x, String name) {
        String method = x.method().toUpperCase(Locale.ROOT);
        if (method.equals("GET") || method.equals("OPTIONS")) return x.query(name);
        if (!"application/x-www-form-urlencoded".equals(x.contentType())) return null;
        List<String> values = x.form().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code client_id}, the user of HTTP Basic, or the subject of {@code client_assertion}; null on a preflight. */
    private static String clientOfTokenRequest(Exchange x) {
        String id = parameter(x, "client_id");
        if (id != null || "OPTIONS".equalsIgnoreCase(x.method())) return id;
        String authorization = x.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) return URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String assertion = parameter(x, "client_assertion");
        if (assertion != null) {
            try {
                return JWTParser.parse(assertion).getJWTClaimsSet().getSubject();
            } catch (java.text.ParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String audience(String idToken) {
        if (idToken == null) return null;
        try {
            List<String> aud = JWTParser.parse(idToken).getJWTClaimsSet().getAudience();
            return aud == null || aud.isEmpty() ? null : aud.get(0);
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
