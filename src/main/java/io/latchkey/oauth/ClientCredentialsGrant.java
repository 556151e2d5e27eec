package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
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
    private final ScopeResolver scopeResolver;
    private final TokenGenerator tokens;

    public ClientCredentialsGrant(ScopeResolver scopeResolver, TokenGenerator tokens) {
        this.scopeResolver = scopeResolver;
        this.tokens = tokens;
    }

    public ObjectNode issue(Application app, String scopeParam) {
        if (!app.grantTypes().contains("CLIENT_CREDENTIALS")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the client_credentials grant.");
        }
        List<String> requested = scopeParam == null || scopeParam.isBlank()
                ? List.of()
                : List.of(scopeParam.trim().split("\\s+"));
        Set<String> audiences = new LinkedHashSet<>();
        if (app.type().equals("WORKER")) audiences.add(BuiltInResources.PINGONE_API_AUDIENCE);
        ScopeResolver.Resolved resolved = new ScopeResolver.Resolved(List.of(), List.of(), List.of(), false);
        if (!requested.isEmpty()) {
            resolved = scopeResolver.resolve(
                    app.environmentId(),
                    app.id(),
                    requested,
                    app.tokenSettings().multipleResourcesEnabled());
            if (resolved.openid()
                    || resolved.granted().stream()
                            .anyMatch(g -> g.resourceType().equals("OPENID_CONNECT"))) {
                throw OAuthException.invalidScope(
                        "OpenID Connect scopes describe a user; an application's own token cannot carry them.");
            }
            audiences.addAll(resolved.audiences());
        }
        if (audiences.isEmpty())
            throw OAuthException.invalidScope("No scope was requested and none is granted by default.");
        ScopeResolver.Resolved forToken =
                new ScopeResolver.Resolved(resolved.scopes(), resolved.granted(), List.copyOf(audiences), false);
        TokenGrant grant = TokenGrant.forClient(app, forToken)
                .withRequest(new TokenGrant.RequestData("client_credentials", scopeParam, null, null));
        return tokens.respond(grant, TokenGenerator.Spend.NOTHING).orElseThrow();
    }
}
