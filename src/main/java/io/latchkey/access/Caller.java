package io.latchkey.access;

import java.util.List;

/**
 * Who is calling the management API: the application a bearer token was issued to, with its roles, and the user the
 * token is for ({@code userId}; null for an application's own token).
 */
public record Caller(String environmentId, String clientId, String userId, List<Grant> grants) {

    public Caller(String environmentId, String clientId, List<Grant> grants) {
        this(environmentId, clientId, null, grants);
    }

    /** One role held over one scope. */
    public record Grant(BuiltInRole role, String scopeType, String scopeId) {}

    /** Whether the caller may do {@code p} in environment {@code environmentId} (null: organization level). */
    public boolean may(Permission p, String environmentId) {
        for (Grant g : grants) {
            if (!g.role().permissions().contains(p)) continue;
            if (g.scopeType().equals("ORGANIZATION")) return true;
            if (environmentId != null
                    && g.scopeType().equals("ENVIRONMENT")
                    && g.scopeId().equals(environmentId)) return true;
        }
        return false;
    }

    /** Whether the caller holds {@code p} over the organization or over at least one environment. */
    public boolean maySomewhere(Permission p) {
        return grants.stream()
                .anyMatch(g -> g.role().permissions().contains(p)
                        && (g.scopeType().equals("ORGANIZATION")
                                || g.scopeType().equals("ENVIRONMENT")));
    }

    /** Whether the caller holds any role over the whole organization. */
    public boolean organizationWide() {
        return grants.stream().anyMatch(g -> g.scopeType().equals("ORGANIZATION"));
    }

    /** The environments the caller holds a role in (besides organization-wide roles). */
    public List<String> environmentIds() {
        return grants.stream()
                .filter(g -> g.scopeType().equals("ENVIRONMENT"))
                .map(Grant::scopeId)
                .distinct()
                .toList();
    }
}
