package io.latchkey.oauth;

import static io.latchkey.applications.TokenSettings.TokenEndpointAuthMethod.*;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationSecretService;
import io.latchkey.applications.ApplicationService;
import io.latchkey.applications.TokenSettings.TokenEndpointAuthMethod;
import io.latchkey.http.Links;
import io.latchkey.http.OAuthException;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import java.util.Map;

/**
 * Authenticates the client of a token-endpoint call with the method its application is registered for
 * ({@code tokenEndpointAuthMethod}); any other method, an unknown client or a wrong secret is
 * {@code invalid_client}, with the same answer for each so that nothing is learned from it.
 */
public final class ClientAuthenticator {
    private final ApplicationService applications;
    private final ApplicationSecretService secrets;
    private final ClientAssertions assertions;

    public ClientAuthenticator(
            ApplicationService applications, ApplicationSecretService secrets, Database db, Links links) {
        this.applications = applications;
        this.secrets = secrets;
        this.assertions = new ClientAssertions(secrets, db, links);
    }

    /** The client keys and secrets checks, shared with request objects (one cache of fetched key sets). */
    ClientAssertions assertions() {
        return assertions;
    }

    /** @param params the request's form parameters, as {@link OAuthRequest#parameters} decoded them */
    public Application authenticate(String env, HTTPRequest request, Map<String, List<String>> params) {
        return authenticate(env, request, params, false);
    }

    /**
     * With {@code eitherSecretMethod}, an app registered for CLIENT_SECRET_BASIC or CLIENT_SECRET_POST may use either:
     * PingOne's own workflow introspects with the secret in the body whatever the app's method.
     */
    public Application authenticate(
            String env, HTTPRequest request, Map<String, List<String>> params, boolean eitherSecretMethod) {
        if (request.getAuthorization() != null
                && (params.containsKey("client_secret") || params.containsKey("client_assertion"))) {
            // RFC 6749 section 2.3: one authentication method per request; which one would count is anyone's guess.
            throw OAuthException.invalidRequest("The request uses more than one client authentication method.");
        }
        ClientAuthentication auth;
        try {
            auth = ClientAuthentication.parse(request);
        } catch (ParseException e) {
            throw OAuthException.invalidClient("Client authentication failed: " + e.getMessage());
        }
        if (auth == null) return publicClient(env, params);
        if (!Ids.isUuid(auth.getClientID().getValue())) throw failed(env);
        Application app = applications
                .find(env, auth.getClientID().getValue())
                .filter(Application::enabled)
                .orElseThrow(() -> failed(env));
        TokenEndpointAuthMethod registered = app.tokenSettings().tokenEndpointAuthMethod();
        boolean ok = switch (auth) {
            case ClientSecretBasic b ->
                (registered == CLIENT_SECRET_BASIC || eitherSecretMethod && registered == CLIENT_SECRET_POST)
                        && secrets.matches(env, app.id(), b.getClientSecret().getValue());
            case ClientSecretPost p ->
                (registered == CLIENT_SECRET_POST || eitherSecretMethod && registered == CLIENT_SECRET_BASIC)
                        && secrets.matches(env, app.id(), p.getClientSecret().getValue());
            case ClientSecretJWT j -> registered == CLIENT_SECRET_JWT && assertions.verify(app, j);
            case PrivateKeyJWT j -> registered == PRIVATE_KEY_JWT && assertions.verify(app, j);
            default -> false;
        };
        if (!ok) throw failed();
        return app;
    }

    private Application publicClient(String env, Map<String, List<String>> params) {
        String clientId = MultivaluedMapUtils.getFirstValue(params, "client_id");
        if (clientId == null) throw OAuthException.invalidClient("Client authentication is required.");
        // Client ids are UUIDs: anything else is unknown, and never reaches the database (PostgreSQL refuses U+0000).
        if (!Ids.isUuid(clientId)) throw failed(env);
        Application app =
                applications.find(env, clientId).filter(Application::enabled).orElseThrow(() -> failed(env));
        if (app.tokenSettings().tokenEndpointAuthMethod() != NONE) throw failed();
        return app;
    }

    /**
     * No such client in {@code env}: when the environment itself is unknown, say so (a wrong issuer URL is the likely
     * mistake, not the application). Still {@code invalid_client}, the endpoint's answer for a client it cannot find.
     */
    private OAuthException failed(String env) {
        if (!applications.environmentExists(env)) return unknownEnvironment(env);
        return failed();
    }

    /** The answer of an OAuth endpoint under an environment that does not exist. */
    static OAuthException unknownEnvironment(String env) {
        return OAuthException.invalidClient("The environment '" + env + "' is unknown: check the issuer URL.");
    }

    private static OAuthException failed() {
        return OAuthException.invalidClient("Client authentication failed.");
    }
}
