package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.latchkey.applications.Application;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /{envId}/as/introspect} (RFC 7662). The caller is the application the token was issued to, or a
 * resource the token is for (its audience); anything else sees {@code active: false}.
 */
public final class IntrospectEndpoint {
    private final ClientAuthenticator applications;
    private final ResourceClients resources;
    private final AccessTokenVerifier verifier;
    private final RefreshTokens refreshTokens;

    public IntrospectEndpoint(
            ClientAuthenticator applications,
            ResourceClients resources,
            AccessTokenVerifier verifier,
            RefreshTokens refreshTokens) {
        this.applications = applications;
        this.resources = resources;
        this.verifier = verifier;
        this.refreshTokens = refreshTokens;
    }

    public void introspect(Exchange x) {
        String env = x.pathParam("envId");
        if (!"application/x-www-form-urlencoded".equals(x.contentType())) {
            throw OAuthException.invalidRequest("The request must be application/x-www-form-urlencoded.");
        }
        HTTPRequest request = OAuthRequest.of(x);
        Map<String, List<String>> params = OAuthRequest.parameters(x);
        String token = MultivaluedMapUtils.getFirstValue(params, "token");
        ClientAuthentication auth;
        try {
            auth = ClientAuthentication.parse(request);
        } catch (ParseException e) {
            throw OAuthException.invalidClient("Client authentication failed.");
        }
        String clientId =
                auth != null ? auth.getClientID().getValue() : MultivaluedMapUtils.getFirstValue(params, "client_id");
        if (clientId == null) throw OAuthException.invalidClient("Client authentication is required.");
        Optional<ResourceClients.ResourceClient> resource = resources.authenticate(env, clientId, auth);
        Application app = resource.isPresent() ? null : applications.authenticate(env, request, params, true);
        if (token == null || token.isBlank()) throw OAuthException.invalidRequest("Missing token.");
        x.header("Cache-Control", "no-store");
        x.ok(answer(
                env, token, MultivaluedMapUtils.getFirstValue(params, "token_type_hint"), app, resource.orElse(null)));
    }

    private ObjectNode answer(
            String env, String token, String hint, Application app, ResourceClients.ResourceClient resource) {
        Optional<JWTClaimsSet> claims = "refresh_token".equals(hint) ? Optional.empty() : verifier.verify(env, token);
        if (claims.isPresent()) {
            JWTClaimsSet c = claims.get();
            boolean allowed = resource != null
                    ? c.getAudience() != null && c.getAudience().contains(resource.audience())
                    : app.id().equals(claimText(c, "client_id"));
            if (!allowed) return inactive();
            ObjectNode body = Json.MAPPER.valueToTree(TokenSigner.accessTokenJson(c));
            ObjectNode out = Json.object();
            out.put("active", true);
            out.setAll(body);
            out.put("token_type", "Bearer");
            return out;
        }
        if (app == null) return inactive();
        return refreshTokens
                .find(env, token)
                .filter(r -> r.applicationId().equals(app.id())
                        && r.revokedAt() == null
                        && r.usedAt() == null
                        && r.expiresAt() > System.currentTimeMillis())
                .map(r -> {
                    ObjectNode out = Json.object();
                    out.put("active", true);
                    out.put("token_type", "refresh_token");
                    out.put("client_id", r.applicationId());
                    out.put("sub", r.userId());
                    out.put("scope", String.join(" ", r.scopes()));
                    out.put("iat", r.createdAt() / 1000);
                    out.put("exp", r.expiresAt() / 1000);
                    out.put("env", r.environmentId());
                    return out;
                })
                .orElseGet(IntrospectEndpoint::inactive);
    }

    private static String claimText(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v == null ? null : v.toString();
    }

    private static ObjectNode inactive() {
        return Json.object().put("active", false);
    }
}
