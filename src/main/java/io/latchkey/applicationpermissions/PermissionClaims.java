package io.latchkey.applicationpermissions;

import io.latchkey.claims.ComputedUserAttributes;
import io.latchkey.claims.ReservedClaimNames;
import io.latchkey.http.Json;
import io.latchkey.http.OAuthException;
import io.latchkey.oauth.ClaimContributor;
import io.latchkey.oauth.TokenGrant;
import io.latchkey.resources.Resource;
import io.latchkey.resources.ResourceLookup;
import io.latchkey.storage.Database;
import io.latchkey.users.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The claims a user's tokens get from their resources, computed when the token is issued (nothing cached, so a
 * change to roles, permissions or attributes shows in the next token and never in one already issued).
 * <ul>
 * <li>Access token, for each CUSTOM resource the token's scopes belong to: the resource's attributes, evaluated
 *     for the user (see {@link ClaimValues}); and, when the resource has
 *     {@code applicationPermissionsSettings.claimEnabled: true}, {@code p1.permissions}: the sorted, de-duplicated
 *     keys ({@code "<applicationResourceName>:<action>"}) of every permission under that resource held by any
 *     application role of the user (an empty array when there are none). With several custom resources (an app with
 *     {@code requestScopesForMultipleResourcesEnabled}) the keys of all claim-enabled ones are merged, and on a
 *     clash of attribute names the first resource (in scope order) wins.</li>
 * <li>ID token and userinfo: the CUSTOM attributes of the {@code openid} resource whose
 *     {@code idToken} (resp. {@code userInfo}) flag is on (default on). Its PREDEFINED attributes (the standard
 *     OpenID Connect claims) are released per scope by the token code itself.</li>
 * <li>Reserved claim names ({@link ReservedClaimNames}: {@code sub}, {@code aud}, {@code scope}, ..., {@code p1.*}) never
 *     reach a token from an attribute: the token generator drops them (the management API refuses them; rows stored
 *     before a name was reserved may still hold one); an empty user value leaves the claim out.</li>
 * <li>Expressions over the token request ({@code ${context.requestData.*}}, {@code ${context.appConfig.*}}) are
 *     evaluated for every access token, an application's own included: {@code grantType} and {@code scope} always,
 *     the {@code subjectToken} and {@code actorToken} claims in a token exchange (null in any other grant). An
 *     application's own token has no user: its {@code ${user.*}} values are empty, and it has no
 *     {@code p1.permissions}.</li>
 * <li>A resource's CORE {@code sub} attribute mapped to an expression (PingOne's
 *     {@code ${#root.context.requestData.subjectToken.sub}}) gives the access token's {@code sub} when it yields a
 *     value; mapped to a user attribute it is ignored, as before: {@code sub} is the user's id.</li>
 * <li>An attribute marked {@code required} whose value is empty refuses the token: {@code invalid_request}, as
 *     PingOne answers "is configured as required for the Access token but does not have a value".</li>
 * </ul>
 */
public final class PermissionClaims implements ClaimContributor {
    public static final String PERMISSIONS_CLAIM = "p1.permissions";

    private final Database db;
    private final Supplier<String> organizationId;
    private final ResourceLookup resources = new ResourceLookup();
    private final ComputedUserAttributes computed;

    public PermissionClaims(Database db, Supplier<String> organizationId) {
        this(db, organizationId, ComputedUserAttributes.NONE);
    }

    /** @param computed user attributes expressions may read beside the profile ({@code memberOfGroupNames}, ...) */
    public PermissionClaims(Database db, Supplier<String> organizationId, ComputedUserAttributes computed) {
        this.db = db;
        this.organizationId = organizationId;
        this.computed = computed;
    }

    @Override
    public void accessToken(TokenGrant grant, Map<String, Object> out) {
        List<String> resources = new ArrayList<>(grant.scopes().customResourceIds());
        if (resources.isEmpty()) return;
        String env = grant.environmentId();
        User user = grant.user();
        Map<String, Object> context = context(grant);
        db.withHandle(h -> {
            List<AttributeRow> attributes = attributes(h, env, resources);
            attributes.sort(Comparator.comparingInt((AttributeRow a) -> resources.indexOf(a.resourceId()))
                    .thenComparing(AttributeRow::name));
            for (AttributeRow a : attributes) {
                if (a.type().equals("CORE") && a.name().equals("sub")) subject(out, a, user, context);
                else put(out, a, user, context);
            }
            List<String> claimEnabled = grant.forUser() ? claimEnabled(h, env, resources) : List.of();
            if (!claimEnabled.isEmpty()) out.put(PERMISSIONS_CLAIM, permissionKeys(h, env, user.id(), claimEnabled));
            return null;
        });
    }

    @Override
    public boolean replacesSubject() {
        return true;
    }

    /** {@code context} of attribute expressions: the token request and the application's configuration. */
    private Map<String, Object> context(TokenGrant grant) {
        TokenGrant.RequestData r = grant.request();
        Map<String, Object> requestData = new HashMap<>();
        if (r != null) {
            requestData.put("grantType", r.grantType());
            requestData.put("scope", r.scope());
            requestData.put("subjectToken", r.subjectToken());
            requestData.put("actorToken", r.actorToken());
        }
        Map<String, Object> appConfig = new HashMap<>();
        appConfig.put("clientId", grant.app().id());
        appConfig.put("envId", grant.environmentId());
        appConfig.put("orgId", organizationId.get());
        appConfig.put(
                "tokenEndpointAuthMethod",
                grant.app().doc().path("tokenEndpointAuthMethod").asText(null));
        return Map.of("requestData", requestData, "appConfig", appConfig);
    }

    /** The CORE {@code sub}: replaces the token's own only when mapped to an expression that yields a string. */
    private void subject(Map<String, Object> out, AttributeRow a, User user, Map<String, Object> context) {
        if (out.containsKey("sub")) return; // an earlier resource's mapping
        String value = a.value();
        if (value == null || !value.startsWith("${") || userPlaceholder(value)) return;
        Optional<Object> sub =
                ClaimValues.evaluate(value, user, context, computed).filter(String.class::isInstance);
        if (sub.isPresent()) out.put("sub", sub.get());
        else if (a.required()) throw missing(a);
    }

    private static boolean userPlaceholder(String value) {
        return value.matches(
                "\\$\\{user\\.[A-Za-z0-9_.]+}|\\$\\{#datetime\\.toUnixTimestamp\\(user\\.[A-Za-z0-9_.]+\\)}");
    }

    private static OAuthException missing(AttributeRow a) {
        return OAuthException.invalidRequest(
                a.name() + " is configured as required for the Access token but does not have a value.");
    }

    @Override
    public void idToken(TokenGrant grant, Map<String, Object> out) {
        openidClaims(grant.environmentId(), grant.user(), true, out);
    }

    @Override
    public void userinfo(String env, User user, Set<String> scopes, Set<String> requested, Map<String, Object> out) {
        openidClaims(env, user, false, out);
    }

    @Override
    public Set<String> reservedNamesItSets() {
        return Set.of(PERMISSIONS_CLAIM);
    }

    private void openidClaims(String env, User user, boolean forIdToken, Map<String, Object> out) {
        List<AttributeRow> attributes = db.withHandle(h -> h.createQuery("""
                        select a.resource_id, a.name, a.type, a.doc from resource_attributes a
                        join resources r on r.id = a.resource_id
                        where a.environment_id = :env and r.environment_id = :env and r.type = 'OPENID_CONNECT'
                        and a.type = 'CUSTOM' order by a.name""")
                .bind("env", env)
                .map((rs, ctx) -> new AttributeRow(
                        rs.getString("resource_id"), rs.getString("name"), rs.getString("type"), rs.getString("doc")))
                .list());
        for (AttributeRow a : attributes) {
            var doc = Json.parseObject(a.doc());
            if (doc.path(forIdToken ? "idToken" : "userInfo").asBoolean(true)) put(out, a, user);
        }
    }

    /** The sorted, de-duplicated permission keys a user holds under the given resources. */
    private static List<String> permissionKeys(Handle h, String env, String userId, List<String> resourceIds) {
        List<String> keys = h.createQuery("""
                        select ar.name, p.action from user_application_roles ua
                        join application_role_permissions rp on rp.role_id = ua.role_id
                        join application_permissions p on p.id = rp.permission_id
                        join application_resources ar on ar.id = p.application_resource_id
                        where ua.environment_id = :env and ua.user_id = :user and ar.resource_id in (<resources>)""")
                .bind("env", env)
                .bind("user", userId)
                .bindList("resources", resourceIds)
                .map((rs, ctx) -> rs.getString(1) + ":" + rs.getString(2))
                .list();
        return List.copyOf(new TreeSet<>(keys));
    }

    private List<String> claimEnabled(Handle h, String env, List<String> resourceIds) {
        return resourceIds.stream()
                .filter(id -> resources
                        .find(h, env, id)
                        .filter(Resource::permissionsClaimEnabled)
                        .isPresent())
                .toList();
    }

    private static List<AttributeRow> attributes(Handle h, String env, List<String> resourceIds) {
        return new ArrayList<>(h.createQuery("""
                        select resource_id, name, type, doc from resource_attributes
                        where environment_id = :env and resource_id in (<resources>)""")
                .bind("env", env)
                .bindList("resources", resourceIds)
                .map((rs, ctx) -> new AttributeRow(
                        rs.getString("resource_id"), rs.getString("name"), rs.getString("type"), rs.getString("doc")))
                .list());
    }

    private void put(Map<String, Object> out, AttributeRow a, User user) {
        put(out, a, user, null);
    }

    private void put(Map<String, Object> out, AttributeRow a, User user, Map<String, Object> context) {
        // The generator drops reserved names too; here they must not take a name from a later resource's attribute.
        if (ReservedClaimNames.isReserved(a.name()) || out.containsKey(a.name())) return;
        Optional<Object> value = ClaimValues.evaluate(a.value(), user, context, computed);
        if (value.isPresent()) out.put(a.name(), value.get());
        else if (a.required()) throw missing(a);
    }

    private record AttributeRow(String resourceId, String name, String type, String doc) {
        String value() {
            return Json.parseObject(doc).path("value").asText(null);
        }

        boolean required() {
            return Json.parseObject(doc).path("required").asBoolean(false);
        }
    }
}
