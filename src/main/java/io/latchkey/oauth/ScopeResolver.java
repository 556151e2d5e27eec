package io.latchkey.oauth;

import io.latchkey.http.OAuthException;
import io.latchkey.resourcegrants.GrantLookup;
import io.latchkey.resourcegrants.GrantedScope;
import io.latchkey.storage.Database;
import io.latchkey.storage.RecentReads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which requested scopes a user token may carry: each must have been granted to the application
 * ({@code openid} itself is always allowed: it only says "this is OpenID Connect"), and they may span the OpenID
 * Connect resource plus one custom resource, unless the app enables {@code requestScopesForMultipleResourcesEnabled}.
 */
public final class ScopeResolver {
    private final Database db;
    private final GrantLookup grants = new GrantLookup();
    /** What each application was granted, by "env/appId": read for every token and authorization request. */
    private final RecentReads.Reads<String, List<GrantedScope>> granted;

    public ScopeResolver(Database db) {
        this.db = db;
        this.granted = db.recentReads().cache(10_000);
    }

    /**
     * The outcome: scopes in request order, the resources they belong to and the token's audiences. How long the
     * token lives is the token generator's decision ({@link TokenLifetimes}), from these resources.
     */
    public record Resolved(List<String> scopes, List<GrantedScope> granted, List<String> audiences, boolean openid) {
        /** Ids of the custom resources the token is for. */
        public Set<String> customResourceIds() {
            Set<String> ids = new LinkedHashSet<>();
            for (GrantedScope g : granted) if (g.resourceType().equals("CUSTOM")) ids.add(g.resourceId());
            return ids;
        }
    }

    public Resolved resolve(String env, String applicationId, List<String> requested, boolean multipleResources) {
        // As granted at most RecentReads.BOUND ago (a change through this process shows at once).
        List<GrantedScope> available = granted.get(
                        env + "/" + applicationId,
                        () -> Optional.of(List.copyOf(db.withHandle(h -> grants.scopesOf(h, env, applicationId)))))
                .orElseThrow();
        List<String> scopes = new ArrayList<>();
        List<GrantedScope> granted = new ArrayList<>();
        Map<String, GrantedScope> resources = new LinkedHashMap<>();
        boolean openid = false;
        for (String name : requested) {
            if (scopes.contains(name)) continue;
            if (name.equals("openid")) {
                openid = true;
                scopes.add(name);
                continue;
            }
            GrantedScope g = available.stream()
                    .filter(s -> s.scopeName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> OAuthException.invalidScope(
                            "The scope '" + name + "' has not been granted to the application."));
            scopes.add(name);
            granted.add(g);
            resources.putIfAbsent(g.resourceId(), g);
        }
        long custom = resources.values().stream()
                .filter(g -> !g.resourceType().equals("OPENID_CONNECT"))
                .count();
        if (custom > 1 && !multipleResources) {
            throw OAuthException.invalidScope("The requested scopes belong to more than one custom resource.");
        }
        if (scopes.isEmpty()) throw OAuthException.invalidScope("No scope was requested.");
        List<String> audiences = new ArrayList<>();
        for (GrantedScope g : resources.values()) {
            if (!g.resourceType().equals("OPENID_CONNECT")) audiences.add(g.audience());
        }
        // Only OpenID Connect scopes: the token is for the userinfo endpoint, i.e. the openid resource.
        if (audiences.isEmpty()) audiences.add(io.latchkey.resources.BuiltInResources.OPENID_NAME);
        return new Resolved(List.copyOf(scopes), List.copyOf(granted), List.copyOf(audiences), openid);
    }
}
