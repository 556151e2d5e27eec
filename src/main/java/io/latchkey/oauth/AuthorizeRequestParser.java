package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import com.nimbusds.openid.connect.sdk.OIDCResponseTypeValue;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.http.Links;
import io.latchkey.http.OAuthException;
import io.latchkey.storage.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and checks the parameters of {@code /as/authorize} into an {@link AuthorizeRequest}, once. The checks are
 * ordered: first the client and its redirect URI (a failure gets an error page, never a redirect to a URI not proven
 * to be the client's), then everything else (a failure is redirected to the client, with {@code state}). A request
 * pushed to {@code /as/par} is checked here too ({@link #checkPushed}), and its {@code request_uri} at authorize
 * stands for the parameters it held (RFC 9126).
 */
public final class AuthorizeRequestParser {
    /** The longest value of any one authorize parameter (a state, a nonce, a redirect URI as registered). */
    static final int LONGEST_PARAMETER = 2048;
    /** The longest request object (a signed JWT of the request's parameters, a claims request among them). */
    static final int LONGEST_REQUEST_OBJECT = 16384;
    /** How a client authenticates at /as/par: never part of the request that is stored. */
    private static final List<String> CLIENT_AUTHENTICATION =
            List.of("client_secret", "client_assertion", "client_assertion_type");

    private final ApplicationService applications;
    private final ScopeResolver scopes;
    private final RequestObjects requestObjects;
    private final PushedAuthorizationRequestStore pushedRequests;

    public AuthorizeRequestParser(
            ApplicationService applications,
            ScopeResolver scopes,
            ClientAuthenticator clients,
            Links links,
            Database db) {
        this.applications = applications;
        this.scopes = scopes;
        this.requestObjects = new RequestObjects(clients.assertions(), links);
        this.pushedRequests = new PushedAuthorizationRequestStore(db);
    }

    /** The store of pushed requests, shared with {@link PushedAuthorizationRequestEndpoint}. */
    PushedAuthorizationRequestStore pushedRequests() {
        return pushedRequests;
    }

    /** What the parameters came to. */
    public sealed interface Parsed {}

    /** A valid request from {@code app}. */
    public record Accepted(Application app, AuthorizeRequest request) implements Parsed {}

    /** Refused before the client and its redirect URI are proven: answered with an error page (400). */
    public record RefusedOnPage(String error, String description) implements Parsed {}

    /** Refused once the redirect URI is proven the client's: the error goes back to it. */
    public record RefusedToClient(String redirectUri, ResponseMode mode, String state, String error, String description)
            implements Parsed {}

    public Parsed parse(String env, Map<String, List<String>> query) {
        Optional<RefusedOnPage> tooLong = tooLong(query);
        if (tooLong.isPresent()) return tooLong.get();
        String clientId = MultivaluedMapUtils.getFirstValue(query, "client_id");
        Optional<Application> app = applications.find(env, clientId);
        if (app.isEmpty() || !app.get().enabled()) {
            if (!applications.environmentExists(env)) {
                return new RefusedOnPage("invalid_client", "The environment '" + env + "' is unknown.");
            }
            return new RefusedOnPage("invalid_client", "The application is unknown or disabled.");
        }
        String requestUri = MultivaluedMapUtils.getFirstValue(query, "request_uri");
        boolean wasPushed = PushedAuthorizationRequestStore.isOurs(requestUri);
        Map<String, List<String>> params;
        if (wasPushed) {
            // RFC 9126 §4: the pushed parameters, checked at /as/par, are the request; the query's others are not.
            PushedOrRefused p = pushed(env, app.get(), requestUri);
            if (p.refused() != null) return p.refused();
            params = p.parameters();
        } else {
            try {
                params = requestObjects.apply(app.get(), query);
            } catch (OAuthException e) {
                // Only a redirect URI of the request itself, proven the client's, may hear about it.
                String redirectUri = MultivaluedMapUtils.getFirstValue(query, "redirect_uri");
                if (!app.get().acceptsRedirectUri(redirectUri)) return new RefusedOnPage(e.error(), e.description());
                return new RefusedToClient(
                        redirectUri,
                        mode(query).orElse(defaultMode(query)),
                        MultivaluedMapUtils.getFirstValue(query, "state"),
                        e.error(),
                        e.description());
            }
            if (params != query && (tooLong = tooLong(params)).isPresent()) return tooLong.get();
        }
        String redirectUri = MultivaluedMapUtils.getFirstValue(params, "redirect_uri");
        if (!app.get().acceptsRedirectUri(redirectUri)) {
            return new RefusedOnPage(
                    "invalid_request", "The redirect_uri is missing or is not registered for the application.");
        }
        String state = MultivaluedMapUtils.getFirstValue(params, "state");
        Optional<ResponseMode> mode = mode(params);
        if (mode.isEmpty()) {
            return new RefusedToClient(
                    redirectUri, defaultMode(params), state, "invalid_request", "Unsupported response_mode.");
        }
        if (!wasPushed && app.get().tokenSettings().parRequired()) {
            return new RefusedToClient(
                    redirectUri,
                    mode.get(),
                    state,
                    "invalid_request",
                    "This application requires pushed authorization requests: push the request to /as/par first.");
        }
        try {
            return new Accepted(app.get(), check(env, app.get(), params, redirectUri, mode.get(), state));
        } catch (OAuthException e) {
            return new RefusedToClient(redirectUri, mode.get(), state, e.error(), e.description());
        }
    }

    /** The parameters a pushed request holds, or why they cannot be used; exactly one of them. */
    private record PushedOrRefused(Map<String, List<String>> parameters, Parsed refused) {}

    /**
     * Spends the pushed request {@code requestUri} names. An unknown one, or another application's, is refused on the
     * error page (nothing proves a redirect URI); an expired or spent one of this application's is refused to the
     * redirect URI it was pushed with, which was proven the application's when it was pushed.
     */
    private PushedOrRefused pushed(String env, Application app, String requestUri) {
        Optional<PushedAuthorizationRequestStore.Pushed> found = pushedRequests.find(env, requestUri);
        if (found.isEmpty() || !found.get().applicationId().equals(app.id())) {
            return new PushedOrRefused(
                    null,
                    new RefusedOnPage(
                            "invalid_request_uri",
                            "The request_uri is unknown, or was pushed by another application."));
        }
        Map<String, List<String>> params = found.get().parameters();
        if (pushedRequests.spend(env, requestUri)) return new PushedOrRefused(params, null);
        String description = found.get().usedAt() == null && found.get().expiresAt() <= System.currentTimeMillis()
                ? "The request_uri has expired."
                : "The request_uri has been used already.";
        String redirectUri = MultivaluedMapUtils.getFirstValue(params, "redirect_uri");
        if (!app.acceptsRedirectUri(redirectUri)) {
            return new PushedOrRefused(null, new RefusedOnPage("invalid_request_uri", description));
        }
        return new PushedOrRefused(
                null,
                new RefusedToClient(
                        redirectUri,
                        mode(params).orElse(defaultMode(params)),
                        MultivaluedMapUtils.getFirstValue(params, "state"),
                        "invalid_request_uri",
                        description));
    }

    /**
     * Checks a request pushed to {@code /as/par} by {@code app} (already authenticated) exactly as {@link #parse}
     * checks one at {@code /as/authorize}, and returns the parameters to store: a request object's applied, the
     * client authentication's removed, {@code client_id} the authenticated client's.
     *
     * @throws OAuthException every refusal, as the JSON error the pushing client reads (400)
     */
    Map<String, List<String>> checkPushed(String env, Application app, Map<String, List<String>> body) {
        // RFC 9126 §2.1: a pushed request cannot itself refer to one.
        if (body.containsKey("request_uri")) {
            throw OAuthException.invalidRequest("The request_uri parameter cannot be pushed.");
        }
        Optional<RefusedOnPage> tooLong = tooLong(body);
        if (tooLong.isPresent())
            throw OAuthException.invalidRequest(tooLong.get().description());
        String clientId = MultivaluedMapUtils.getFirstValue(body, "client_id");
        if (clientId != null && !clientId.equals(app.id())) {
            throw OAuthException.invalidRequest("The client_id is not the authenticated client's.");
        }
        Map<String, List<String>> query = new LinkedHashMap<>(body);
        CLIENT_AUTHENTICATION.forEach(query::remove);
        query.put("client_id", List.of(app.id()));
        Map<String, List<String>> params = requestObjects.apply(app, query);
        if (params != query) {
            if (params.containsKey("request_uri")) {
                throw new OAuthException(
                        400, "invalid_request_object", "The request object cannot hold a request_uri.");
            }
            tooLong = tooLong(params);
            if (tooLong.isPresent())
                throw OAuthException.invalidRequest(tooLong.get().description());
        }
        String redirectUri = MultivaluedMapUtils.getFirstValue(params, "redirect_uri");
        if (!app.acceptsRedirectUri(redirectUri)) {
            throw OAuthException.invalidRequest(
                    "The redirect_uri is missing or is not registered for the application.");
        }
        ResponseMode mode = mode(params).orElseThrow(() -> OAuthException.invalidRequest("Unsupported response_mode."));
        check(env, app, params, redirectUri, mode, MultivaluedMapUtils.getFirstValue(params, "state"));
        return params;
    }

    /** Values travel back in the redirect's Location header, which has a size limit of its own; a request object does not. */
    private static Optional<RefusedOnPage> tooLong(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            int limit = p.getKey().equals("request") ? LONGEST_REQUEST_OBJECT : LONGEST_PARAMETER;
            if (p.getValue().stream().anyMatch(v -> v.length() > limit)) {
                return Optional.of(new RefusedOnPage(
                        "invalid_request",
                        "The parameter '" + abbreviated(p.getKey()) + "' is longer than " + limit + " characters."));
            }
        }
        return Optional.empty();
    }

    private static Optional<ResponseMode> mode(Map<String, List<String>> params) {
        String modeParam = MultivaluedMapUtils.getFirstValue(params, "response_mode");
        return modeParam == null ? Optional.of(defaultMode(params)) : ResponseMode.parse(modeParam);
    }

    private static ResponseMode defaultMode(Map<String, List<String>> params) {
        return ResponseMode.defaultFor(MultivaluedMapUtils.getFirstValue(params, "response_type"));
    }

    /** Every check after the client and its redirect URI are known. */
    private AuthorizeRequest check(
            String env,
            Application app,
            Map<String, List<String>> params,
            String redirectUri,
            ResponseMode mode,
            String state) {
        // OIDC Core 6.2: request objects by reference are not fetched (a URL of the client's choosing would be
        // fetched by the server); signing on without the values inside them would be silently wrong.
        if (params.containsKey("request_uri")) {
            throw new OAuthException(400, "request_uri_not_supported", "The request_uri parameter is not supported.");
        }
        AuthorizationRequest parsed;
        try {
            parsed = AuthorizationRequest.parse(params);
        } catch (ParseException e) {
            String error = e.getErrorObject() != null && e.getErrorObject().getCode() != null
                    ? e.getErrorObject().getCode()
                    : "invalid_request";
            throw new OAuthException(400, error, e.getMessage());
        }
        ResponseType responseType = parsed.getResponseType();
        checkResponseType(app, responseType, mode);
        List<String> requested =
                parsed.getScope() == null ? List.of() : parsed.getScope().toStringList();
        String nonce = MultivaluedMapUtils.getFirstValue(params, "nonce");
        if (responseType.contains(OIDCResponseTypeValue.ID_TOKEN)) {
            // OIDC Core 3.2.2.1, 3.3.2.11: an ID token from the authorization endpoint needs openid, and a nonce to
            // bind it to the browser's session.
            if (!requested.contains("openid"))
                throw OAuthException.invalidRequest("response_type id_token needs the openid scope.");
            if (nonce == null || nonce.isEmpty())
                throw OAuthException.invalidRequest("A nonce is required with response_type id_token.");
        }
        ScopeResolver.Resolved granted =
                scopes.resolve(env, app.id(), requested, app.tokenSettings().multipleResourcesEnabled());

        String challenge = parsed.getCodeChallenge() == null
                ? null
                : parsed.getCodeChallenge().getValue();
        CodeChallengeMethod method = parsed.getCodeChallengeMethod();
        if (challenge != null && method == null) method = CodeChallengeMethod.PLAIN;
        switch (app.tokenSettings().pkceEnforcement()) {
            case REQUIRED -> {
                if (challenge == null) throw OAuthException.invalidRequest("A code_challenge is required.");
            }
            case S256_REQUIRED -> {
                if (challenge == null || !CodeChallengeMethod.S256.equals(method)) {
                    throw OAuthException.invalidRequest(
                            "A code_challenge with code_challenge_method=S256 is required.");
                }
            }
            case OPTIONAL -> {}
        }
        if (method != null && !CodeChallengeMethod.S256.equals(method) && !CodeChallengeMethod.PLAIN.equals(method)) {
            throw OAuthException.invalidRequest("Unsupported code_challenge_method.");
        }
        String promptParam = MultivaluedMapUtils.getFirstValue(params, "prompt");
        Set<AuthorizeRequest.Prompt> prompt = promptParam == null
                ? Set.of()
                : AuthorizeRequest.Prompt.parseAll(promptParam)
                        .orElseThrow(() -> OAuthException.invalidRequest("Unsupported prompt '" + promptParam + "'."));
        String maxAge = MultivaluedMapUtils.getFirstValue(params, "max_age");
        if (maxAge != null && !maxAge.matches("\\d{1,9}"))
            throw OAuthException.invalidRequest("max_age must be a number of seconds.");

        // OIDC Core 3.1.2.1: space-separated, in order of preference. They name sign-on policies (PingOne).
        String acr = MultivaluedMapUtils.getFirstValue(params, "acr_values");
        List<String> acrValues =
                acr == null || acr.isBlank() ? List.of() : List.of(acr.trim().split(" +"));

        return new AuthorizeRequest(
                app.id(),
                redirectUri,
                responseType,
                mode,
                state,
                granted.scopes(),
                granted,
                nonce,
                prompt,
                maxAge == null ? null : Long.parseLong(maxAge),
                MultivaluedMapUtils.getFirstValue(params, "login_hint"),
                acrValues,
                RequestedClaims.parse(
                        MultivaluedMapUtils.getFirstValue(params, "claims"), responseType.equals(ResponseType.IDTOKEN)),
                challenge == null ? null : new AuthorizeRequest.Pkce(challenge, method));
    }

    /** The response types PingOne accepts (its discovery document's list), by the grant types they need. */
    static final List<ResponseType> SUPPORTED = List.of(
            ResponseType.CODE,
            ResponseType.IDTOKEN,
            ResponseType.IDTOKEN_TOKEN,
            ResponseType.TOKEN,
            ResponseType.CODE_IDTOKEN,
            ResponseType.CODE_TOKEN,
            ResponseType.CODE_IDTOKEN_TOKEN);

    /**
     * The response type must be one Latchkey answers, allowed to the application (each of its parts among the app's
     * {@code responseTypes}; a code needs AUTHORIZATION_CODE, a token from the authorization endpoint IMPLICIT),
     * and never delivered in the query when it carries a token (Multiple Response Types §3).
     */
    private static void checkResponseType(Application app, ResponseType responseType, ResponseMode mode) {
        if (!SUPPORTED.contains(responseType)) {
            throw new OAuthException(
                    400, "unsupported_response_type", "Unsupported response_type '" + responseType + "'.");
        }
        boolean code = responseType.contains(ResponseType.Value.CODE);
        boolean implicit = responseType.contains(ResponseType.Value.TOKEN)
                || responseType.contains(OIDCResponseTypeValue.ID_TOKEN);
        if (code
                && !(app.grantTypes().contains("AUTHORIZATION_CODE")
                        && app.responseTypes().contains("CODE"))) {
            throw OAuthException.unauthorizedClient("The application may not use the authorization code flow.");
        }
        if (implicit && !app.grantTypes().contains("IMPLICIT")) {
            throw OAuthException.unauthorizedClient(
                    "The application may not receive tokens from the authorization endpoint.");
        }
        if (responseType.contains(ResponseType.Value.TOKEN)
                        && !app.responseTypes().contains("TOKEN")
                || responseType.contains(OIDCResponseTypeValue.ID_TOKEN)
                        && !app.responseTypes().contains("ID_TOKEN")) {
            throw new OAuthException(
                    400,
                    "unsupported_response_type",
                    "The application does not allow response_type '" + responseType + "'.");
        }
        if (implicit && mode == ResponseMode.QUERY) {
            throw OAuthException.invalidRequest(
                    "Tokens are never returned in the query: use the fragment or form_post.");
        }
    }

    private static String abbreviated(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
