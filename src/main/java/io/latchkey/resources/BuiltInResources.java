package io.latchkey.resources;

import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The resources PingOne puts in every environment: {@code openid} (type OPENID_CONNECT) with the standard
 * OpenID Connect scopes and claims, and {@code PingOne API} (type PINGONE_API), the audience of management tokens.
 */
public final class BuiltInResources {
    public static final String OPENID_NAME = "openid";
    public static final String PINGONE_API_NAME = "PingOne API";
    /** PingOne's management audience; kept as is so that client code checking it works unchanged. */
    public static final String PINGONE_API_AUDIENCE = "https://api.pingone.com";

    public static final List<String> OPENID_SCOPES =
            List.of("openid", "profile", "email", "address", "phone", "offline_access");

    /**
     * The PREDEFINED attributes of the {@code openid} resource: claim name, its default mapping (PingOne's
     * defaults; an empty value leaves the claim out until it is mapped) and the OpenID Connect scope that
     * releases it (OpenID Connect Core §5.4).
     */
    public record PredefinedClaim(String name, String defaultValue, String scope) {}

    public static final List<PredefinedClaim> OPENID_CLAIMS = List.of(
            new PredefinedClaim("name", "${user.name.formatted}", "profile"),
            new PredefinedClaim("given_name", "${user.name.given}", "profile"),
            new PredefinedClaim("family_name", "${user.name.family}", "profile"),
            new PredefinedClaim("middle_name", "${user.name.middle}", "profile"),
            new PredefinedClaim("nickname", "${user.nickname}", "profile"),
            new PredefinedClaim("preferred_username", "${user.username}", "profile"),
            new PredefinedClaim("profile", "", "profile"),
            new PredefinedClaim("picture", "${user.photo.href}", "profile"),
            new PredefinedClaim("website", "", "profile"),
            new PredefinedClaim("gender", "", "profile"),
            new PredefinedClaim("birthdate", "", "profile"),
            new PredefinedClaim("zoneinfo", "${user.timezone}", "profile"),
            new PredefinedClaim("locale", "${user.locale}", "profile"),
            new PredefinedClaim("updated_at", "${#datetime.toUnixTimestamp(user.updatedAt)}", "profile"),
            new PredefinedClaim("email", "${user.email}", "email"),
            new PredefinedClaim("email_verified", "", "email"),
            new PredefinedClaim("address.street_address", "${user.address.streetAddress}", "address"),
            new PredefinedClaim("address.locality", "${user.address.locality}", "address"),
            new PredefinedClaim("address.region", "${user.address.region}", "address"),
            new PredefinedClaim("address.postal_code", "${user.address.postalCode}", "address"),
            new PredefinedClaim("address.country", "${user.address.countryCode}", "address"),
            new PredefinedClaim("address.formatted", "", "address"),
            new PredefinedClaim("phone_number", "${user.primaryPhone}", "phone"),
            new PredefinedClaim("phone_number_verified", "", "phone"));

    /** Predefined claim name → the scope that releases it. */
    public static final Map<String, String> OPENID_CLAIM_SCOPES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        OPENID_CLAIMS.forEach(c -> m.put(c.name(), c.scope()));
        OPENID_CLAIM_SCOPES = java.util.Collections.unmodifiableMap(m);
    }

    private BuiltInResources() {}

    public static void create(Handle h, String env) {
        long now = System.currentTimeMillis();
        String openid = insertResource(h, env, OPENID_NAME, "OPENID_CONNECT", OPENID_NAME, 3600);
        for (String scope : OPENID_SCOPES) insertScope(h, env, openid, scope, description(scope));
        PreparedBatch claims = h.prepareBatch("""
                insert into resource_attributes (id, environment_id, resource_id, name, type, doc, created_at, updated_at)
                values (:id, :env, :resource, :name, 'PREDEFINED', :doc, :now, :now)""");
        for (PredefinedClaim c : OPENID_CLAIMS) {
            claims.bind("id", Ids.newId())
                    .bind("env", env)
                    .bind("resource", openid)
                    .bind("name", c.name())
                    .bind(
                            "doc",
                            Json.write(Json.object()
                                    .put("value", c.defaultValue())
                                    .put("idToken", true)
                                    .put("userInfo", true)))
                    .bind("now", now)
                    .add();
        }
        claims.execute();
        insertResource(h, env, PINGONE_API_NAME, "PINGONE_API", PINGONE_API_AUDIENCE, 3600);
    }

    /** The {@code accessTokenValiditySeconds} of the environment's built-in resource of {@code type}. */
    public static Optional<Integer> accessTokenValiditySeconds(Handle h, String env, String type) {
        return h.createQuery("select doc from resources where environment_id = :env and type = :type")
                .bind("env", env)
                .bind("type", type)
                .mapTo(String.class)
                .findFirst()
                .map(doc ->
                        Json.parseObject(doc).path("accessTokenValiditySeconds").asInt(3600));
    }

    private static String description(String scope) {
        return switch (scope) {
            case "openid" -> "Signals an OpenID Connect request.";
            case "offline_access" -> "Asks for a refresh token.";
            default -> "Gives access to the user's " + scope + " claims.";
        };
    }

    private static String insertResource(
            Handle h, String env, String name, String type, String audience, int validity) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        var doc = Json.object();
        doc.put("accessTokenValiditySeconds", validity);
        h.createUpdate("""
                insert into resources (id, environment_id, name, type, audience, doc, created_at, updated_at)
                values (:id, :env, :name, :type, :audience, :doc, :now, :now)""")
                .bind("id", id)
                .bind("env", env)
                .bind("name", name)
                .bind("type", type)
                .bind("audience", audience)
                .bind("doc", Json.write(doc))
                .bind("now", now)
                .execute();
        return id;
    }

    private static void insertScope(Handle h, String env, String resourceId, String name, String description) {
        long now = System.currentTimeMillis();
        h.createUpdate("""
                insert into resource_scopes (id, environment_id, resource_id, name, doc, created_at, updated_at)
                values (:id, :env, :resource, :name, :doc, :now, :now)""")
                .bind("id", Ids.newId())
                .bind("env", env)
                .bind("resource", resourceId)
                .bind("name", name)
                .bind("doc", Json.write(Json.object().put("description", description)))
                .bind("now", now)
                .execute();
    }
}
