package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.applications.Application;
import io.latchkey.http.Exchange;
import io.latchkey.http.OAuthException;
import java.util.List;
import java.util.Map;

/** {@code POST /{envId}/as/token}: authenticates the client, then hands the request to its grant. */
public final class TokenEndpoint {
    private final ClientAuthenticator clients;
    private final ClientCredentialsGrant clientCredentials;
    private final AuthorizationCodeGrant authorizationCode;
    private final RefreshTokenGrant refreshToken;
    private final TokenExchangeGrant tokenExchange;
    private final DeviceCodeGrant deviceCode;
    private final TokenMetrics metrics;

    public TokenEndpoint(
            ClientAuthenticator clients,
            ClientCredentialsGrant clientCredentials,
            AuthorizationCodeGrant authorizationCode,
            RefreshTokenGrant refreshToken,
            TokenExchangeGrant tokenExchange,
            DeviceCodeGrant deviceCode,
            TokenMetrics metrics) {
        this.clients = clients;
        this.clientCredentials = clientCredentials;
        this.authorizationCode = authorizationCode;
        this.refreshToken = refreshToken;
        this.tokenExchange = tokenExchange;
        this.deviceCode = deviceCode;
        this.metrics = metrics;
    }

    public void token(Exchange x) {
        String env = x.pathParam("envId");
        String ct = x.contentType();
        if (!"application/x-www-form-urlencoded".equals(ct)) {
            throw OAuthException.invalidRequest("The token request must be application/x-www-form-urlencoded.");
        }
        HTTPRequest request = OAuthRequest.of(x);
        Map<String, List<String>> params = OAuthRequest.parameters(x);
        String grantType = MultivaluedMapUtils.getFirstValue(params, "grant_type");
        if (grantType == null) throw OAuthException.invalidRequest("Missing grant_type.");
        Application client = clients.authenticate(env, request, params);
        ObjectNode response = switch (grantType) {
            case "client_credentials" ->
                clientCredentials.issue(client, MultivaluedMapUtils.getFirstValue(params, "scope"));
            case "authorization_code" ->
                authorizationCode.issue(
                        client,
                        MultivaluedMapUtils.getFirstValue(params, "code"),
                        MultivaluedMapUtils.getFirstValue(params, "redirect_uri"),
                        MultivaluedMapUtils.getFirstValue(params, "code_verifier"));
            case "refresh_token" ->
                refreshToken.issue(
                        client,
                        MultivaluedMapUtils.getFirstValue(params, "refresh_token"),
                        MultivaluedMapUtils.getFirstValue(params, "scope"));
            case TokenExchangeGrant.GRANT_TYPE ->
                tokenExchange.issue(
                        client,
                        new TokenExchangeGrant.Request(
                                MultivaluedMapUtils.getFirstValue(params, "subject_token"),
                                MultivaluedMapUtils.getFirstValue(params, "subject_token_type"),
                                MultivaluedMapUtils.getFirstValue(params, "actor_token"),
                                MultivaluedMapUtils.getFirstValue(params, "actor_token_type"),
                                MultivaluedMapUtils.getFirstValue(params, "requested_token_type"),
                                MultivaluedMapUtils.getFirstValue(params, "scope"),
                                params.get("audience"),
                                params.get("resource")));
            case DeviceCodeGrant.GRANT_TYPE ->
                deviceCode.issue(client, MultivaluedMapUtils.getFirstValue(params, "device_code"));
            default -> throw OAuthException.unsupportedGrantType("Unsupported grant_type '" + grantType + "'.");
        };
        metrics.issued(grantType);
        x.header("Cache-Control", "no-store");
        x.header("Pragma", "no-cache");
        x.ok(response);
    }
}
