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
import io.latchkey.users.User;
import io.latchkey.users.UserService;

/**
 * Guards the management API: the caller presents a bearer access token issued by one of our environments to
 * an enabled application, and that application — or, for a user's token from a WORKER application, that user — must
 * hold a role granting the operation's permission over the environment in the path (or over the organization).
 */
public final class ManagementAccess {
    private final AccessTokenVerifier verifier;
    private final ApplicationService applications;
    private final RoleAssignmentService roles;
    private final UserService users;

    public ManagementAccess(
            AccessTokenVerifier verifier,
            ApplicationService applications,
            RoleAssignmentService roles,
            UserService users) {
        this.verifier = verifier;
        this.applications = applications;
        this.roles = roles;
        this.users = users;
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
        if (!(clientId instanceof String id)) throw ApiException.invalidToken();
        String env = token.environmentId();
        Application app =
                applications.find(env, id).filter(Application::enabled).orElseThrow(ApiException::invalidToken);
        String subject = claims.getSubject();
        // The application's own (client_credentials) token carries the application's roles.
        if (id.equals(subject)) return new Caller(env, id, roles.rolesHeldBy(env, id));
        // A user's token carries the user's roles only when a WORKER got it (PingOne: a worker's user-based grants
        // use the user's role assignments); other applications' user tokens are for self-service, not
        // administration. Read at every call, as an application's are: a removed role or user counts at once.
        if (subject == null || !app.type().equals("WORKER")) throw ApiException.invalidToken();
        users.find(env, subject).filter(User::enabled).orElseThrow(ApiException::invalidToken);
        // The user's roles include those of every group they are in, directly or through nesting.
        return new Caller(env, id, subject, roles.rolesOfUser(env, subject));
    }
}
