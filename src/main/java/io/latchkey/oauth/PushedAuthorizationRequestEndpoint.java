package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.OAuthException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{envId}/as/par} (RFC 9126): the client authenticates as at the token endpoint, pushes the parameters
 * of an authorization request, which are checked as {@code /as/authorize} checks them and stored, and gets back a
 * {@code request_uri} standing for them, usable once at {@code /as/authorize} within the application's
 * {@code parTimeout}. Every refusal is a JSON error, never a redirect.
 */
public final class PushedAuthorizationRequestEndpoint {
    private final ClientAuthenticator clients;
    private final AuthorizeRequestParser parser;

    public PushedAuthorizationRequestEndpoint(ClientAuthenticator clients, AuthorizeRequestParser parser) {
        this.clients = clients;
        this.parser = parser;
    }

    public void push(Exchange x) {
        String env = x.pathParam("envId");
        if (!"application/x-www-form-urlencoded".equals(x.contentType())) {
            throw OAuthException.invalidRequest(
                    "The pushed authorization request must be application/x-www-form-urlencoded.");
        }
        Map<String, List<String>> body = OAuthRequest.parameters(x);
        Application client = clients.authenticate(env, OAuthRequest.of(x), body);
        Map<String, List<String>> params = parser.checkPushed(env, client, body);
        Duration lifetime = client.tokenSettings().parTimeout();
        String requestUri = parser.pushedRequests().push(env, client.id(), params, lifetime);
        ObjectNode response = Json.object();
        response.put("request_uri", requestUri);
        response.put("expires_in", lifetime.toSeconds());
        x.header("Cache-Control", "no-store");
        x.header("Pragma", "no-cache");
        x.created(response);
    }
}
