package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.grants.GrantLookup;
import io.latchkey.grants.GrantedScope;
import io.latchkey.http.Json;
import io.latchkey.http.OAuthException;
import io.latchkey.resources.BuiltInResources;
import io.latchkey.storage.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code grant_type=client_credentials}: a token for the application itself. A WORKER's token always carries
 * the PingOne API audience (it is how it calls the management API); requested scopes must have been granted.
 */
public final class ClientCredentialsGrant {
    private static final long WORKER_TOKEN_SECONDS = 3600;

    private final Database db;
    private final TokenIssuer issuer;
    private final GrantLookup grants = new GrantLookup();

    public ClientCredentialsGrant(Database db, TokenIssuer issuer) {
        this.db = db;
        this.issuer = issuer;
    }

    public ObjectNode issue(Application app, String scopeParam) {
        if (!app.grantTypes().contains("CLIENT_CREDENTIALS")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the client_credentials grant.");
        }
        List<String> requested = scopeParam == null || scopeParam.isBlank() ? List.of()
                : List.of(scopeParam.trim().split("\\s+"));
        List<GrantedScope> granted = db.withHandle(h -> grants.scopesOf(h, app.environmentId(), app.id()))
                .stream().filter(g -> !g.resourceType().equals("OPENID_CONNECT")).toList();
        Set<String> audiences = new LinkedHashSet<>();
        List<String> scopes = new ArrayList<>();
        long lifetime = WORKER_TOKEN_SECONDS;
        if (app.type().equals("WORKER")) audiences.add(BuiltInResources.PINGONE_API_AUDIENCE);
        Set<String> resources = new LinkedHashSet<>();
        for (String name : requested) {
            GrantedScope g = granted.stream().filter(s -> s.scopeName().equals(name)).findFirst()
                    .orElseThrow(() -> OAuthException.invalidScope("The scope '" + name + "' has not been granted to the application."));
            scopes.add(name);
            audiences.add(g.audience());
            if (resources.add(g.resourceId())) lifetime = resources.size() == 1 ? g.accessTokenValiditySeconds()
                    : Math.min(lifetime, g.accessTokenValiditySeconds());
        }
        boolean multiple = app.doc().path("requestScopesForMultipleResourcesEnabled").asBoolean(false);
        if (resources.size() > 1 && !multiple) {
            throw OAuthException.invalidScope("The scopes requested belong to more than one resource.");
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
