package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.http.Json;
import io.latchkey.http.OAuthException;
import io.latchkey.resources.BuiltInResources;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code grant_type=client_credentials}: a token for the application itself. A WORKER's token always carries
 * the PingOne API audience (it is how it calls the management API); requested scopes follow the rules of user
 * tokens ({@link ScopeResolver}), except that OpenID Connect scopes, which describe a user, are refused.
 */
public final class ClientCredentialsGrant {
    private static final long WORKER_TOKEN_SECONDS = 3600;

    private final ScopeResolver scopeResolver;
    private final TokenIssuer issuer;

    public ClientCredentialsGrant(ScopeResolver scopeResolver, TokenIssuer issuer) {
        this.scopeResolver = scopeResolver;
        this.issuer = issuer;
    }

    public ObjectNode issue(Application app, String scopeParam) {
        if (!app.grantTypes().contains("CLIENT_CREDENTIALS")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the client_credentials grant.");
        }
        List<String> requested = scopeParam == null || scopeParam.isBlank() ? List.of()
                : List.of(scopeParam.trim().split("\\s+"));
        Set<String> audiences = new LinkedHashSet<>();
        if (app.type().equals("WORKER")) audiences.add(BuiltInResources.PINGONE_API_AUDIENCE);
        List<String> scopes = List.of();
        long lifetime = WORKER_TOKEN_SECONDS;
        if (!requested.isEmpty()) {
            ScopeResolver.Resolved resolved = scopeResolver.resolve(app.environmentId(), app.id(), requested,
                    app.tokenSettings().multipleResourcesEnabled());
            if (resolved.openid() || resolved.granted().stream().anyMatch(g -> g.resourceType().equals("OPENID_CONNECT"))) {
                throw OAuthException.invalidScope("OpenID Connect scopes describe a user; an application's own token cannot carry them.");
            }
            scopes = resolved.scopes();
            audiences.addAll(resolved.audiences());
            lifetime = resolved.lifetimeSeconds();
        }
        if (audiences.isEmpty()) throw OAuthException.invalidScope("No scope was requested and none is granted by default.");
        TokenIssuer.Issued t = issuer.accessToken(new TokenIssuer.AccessTokenSpec(app.environmentId(), app.id(), null,
                List.copyOf(audiences), scopes, lifetime, null, null, null, null, null));
        ObjectNode body = Json.object();
        body.put("access_token", t.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", t.expiresIn());
        if (!scopes.isEmpty()) body.put("scope", String.join(" ", scopes));
        return body;
    }
}
