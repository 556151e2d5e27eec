package io.latchkey.managementauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.access.Caller;
import io.latchkey.access.Permission;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.http.ApiException;
import io.latchkey.http.Guard;
import io.latchkey.oauth.AccessTokenVerifier;
import io.latchkey.resources.BuiltInResources;
import java.util.List;

/**
 * Guards the management API: the caller presents a bearer access token issued by one of our environments to
 * an enabled application, and that application must hold a role granting the operation's permission over the
 * environment in the path (or over the organization).
 */
public final class ManagementAccess {
    private final AccessTokenVerifier verifier;
    private final ApplicationService applications;
    private final RoleAssignmentService roles;

    public ManagementAccess(
            AccessTokenVerifier verifier, ApplicationService applications, RoleAssignmentService roles) {
        this.verifier = verifier;
        this.applications = applications;
        this.roles = roles;
    }

    /** A guard that lets the call through only with {@code permission} over the path's {@code envId}. */
    public Guard require(Permission permission) {
        return x -> {
            Caller caller = authenticate(x.header("Authorization"));
            String env = x.pathParamOrNull("envId");
            if (!caller.may(permission, env)) throw ApiException.insufficientPermissions();
            x.attribute(Caller.class, caller);
        };
    }

    /** A guard that lets the call through with any one of {@code permissions} over the path's {@code envId}. */
    public Guard requireAny(Permission... permissions) {
        return x -> {
            Caller caller = authenticate(x.header("Authorization"));
            String env = x.pathParamOrNull("envId");
            boolean allowed = false;
            for (Permission p : permissions) allowed |= caller.may(p, env);
            if (!allowed) throw ApiException.insufficientPermissions();
            x.attribute(Caller.class, caller);
        };
    }

    /**
     * A guard for collections that span environments ({@code GET /v1/environments}): the caller needs
     * {@code permission} over the organization or over at least one environment; the service then shows only what
     * the caller may see.
     */
    public Guard requireSomewhere(Permission permission) {
        return x -> {
            Caller caller = authenticate(x.header("Authorization"));
            if (!caller.maySomewhere(permission)) throw ApiException.insufficientPermissions();
            x.attribute(Caller.class, caller);
        };
    }

    /** Any caller holding at least one role may read the role catalog (it names no environment). */
    public Guard requireAnyRole() {
        return x -> {
            Caller caller = authenticate(x.header("Authorization"));
            if (caller.grants().isEmpty()) throw ApiException.insufficientPermissions();
            x.attribute(Caller.class, caller);
        };
    }

    private Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            throw ApiException.invalidToken();
        AccessTokenVerifier.Verified token = verifier.verifyAnyEnvironment(
                        authorization.substring(7).trim())
                .orElseThrow(ApiException::invalidToken);
        JWTClaimsSet claims = token.claims();
        if (claims.getAudience() == null || !claims.getAudience().contains(BuiltInResources.PINGONE_API_AUDIENCE)) {
            throw ApiException.invalidToken();
        }
        Object clientId = claims.getClaim("client_id");
        // Only the application's own (client_credentials) tokens carry its roles; user tokens do not.
        if (!(clientId instanceof String id) || !id.equals(claims.getSubject())) throw ApiException.invalidToken();
        return new Caller(token.environmentId(), id, grants(token.environmentId(), id));
    }

    /** The roles of an enabled application; a disabled or deleted application has none. */
    private List<Caller.Grant> grants(String env, String clientId) {
        boolean enabled =
                applications.find(env, clientId).map(Application::enabled).orElse(false);
        if (!enabled) throw ApiException.invalidToken();
        return roles.rolesHeldBy(env, clientId);
    }
}
