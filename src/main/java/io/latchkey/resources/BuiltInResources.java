package io.latchkey.resources;

import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The resources PingOne puts in every environment: {@code openid} (type OPENID_CONNECT) with the standard
 * OpenID Connect scopes, and {@code PingOne API} (type PINGONE_API), the audience of management tokens.
 */
public final class BuiltInResources {
    public static final String OPENID_NAME = "openid";
    public static final String PINGONE_API_NAME = "PingOne API";
    /** PingOne's management audience; kept as is so that client code checking it works unchanged. */
    public static final String PINGONE_API_AUDIENCE = "https://api.pingone.com";
    public static final List<String> OPENID_SCOPES = List.of("openid", "profile", "email", "address", "phone", "offline_access");

    private BuiltInResources() {}

    public static void create(Handle h, String env) {
        String openid = insertResource(h, env, OPENID_NAME, "OPENID_CONNECT", OPENID_NAME, 3600);
        for (String scope : OPENID_SCOPES) insertScope(h, env, openid, scope, description(scope));
        insertResource(h, env, PINGONE_API_NAME, "PINGONE_API", PINGONE_API_AUDIENCE, 3600);
    }

    private static String description(String scope) {
        return switch (scope) {
            case "openid" -> "Signals an OpenID Connect request.";
            case "offline_access" -> "Asks for a refresh token.";
            default -> "Gives access to the user's " + scope + " claims.";
        };
    }

    private static String insertResource(Handle h, String env, String name, String type, String audience, int validity) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        var doc = Json.object();
        doc.put("accessTokenValiditySeconds", validity);
        h.createUpdate("""
                insert into resources (id, environment_id, name, type, audience, doc, created_at, updated_at)
                values (:id, :env, :name, :type, :audience, :doc, :now, :now)""")
                .bind("id", id).bind("env", env).bind("name", name).bind("type", type).bind("audience", audience)
                .bind("doc", Json.write(doc)).bind("now", now).execute();
        return id;
    }

    private static void insertScope(Handle h, String env, String resourceId, String name, String description) {
        long now = System.currentTimeMillis();
        h.createUpdate("""
                insert into resource_scopes (id, environment_id, resource_id, name, doc, created_at, updated_at)
                values (:id, :env, :resource, :name, :doc, :now, :now)""")
                .bind("id", Ids.newId()).bind("env", env).bind("resource", resourceId).bind("name", name)
                .bind("doc", Json.write(Json.object().put("description", description))).bind("now", now).execute();
    }
}
