package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import io.latchkey.http.Json;
import io.latchkey.http.OAuthException;
import io.latchkey.resources.ResourceSecrets;
import io.latchkey.storage.Database;
import java.util.Optional;

/**
 * Custom resources acting as introspection clients: {@code client_id} is the resource id, the secret its resource
 * secret, sent the way its {@code introspectEndpointAuthMethod} says.
 */
public final class ResourceClients {
    /** A resource that authenticated, with the audience its tokens carry. */
    public record ResourceClient(String id, String audience) {}

    private final Database db;
    private final ResourceSecrets secrets;

    public ResourceClients(Database db, ResourceSecrets secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    private record Row(String id, String audience, String method) {}

    /** Empty when {@code clientId} is not a custom resource of the environment (then it is an application). */
    public Optional<ResourceClient> authenticate(String env, String clientId, ClientAuthentication auth) {
        Optional<Row> row = db.withHandle(h -> h.createQuery(
                        "select id, audience, doc from resources where environment_id = :env and id = :id and type = 'CUSTOM'")
                .bind("env", env).bind("id", clientId)
                .map((rs, c) -> new Row(rs.getString("id"), rs.getString("audience"),
                        Json.parseObject(rs.getString("doc")).path("introspectEndpointAuthMethod").asText("CLIENT_SECRET_BASIC")))
                .findFirst());
        if (row.isEmpty()) return Optional.empty();
        Row r = row.get();
        boolean ok = switch (r.method()) {
            case "NONE" -> true;
            case "CLIENT_SECRET_BASIC" -> auth instanceof ClientSecretBasic b && secrets.matches(env, r.id(), b.getClientSecret().getValue());
            case "CLIENT_SECRET_POST" -> auth instanceof ClientSecretPost p && secrets.matches(env, r.id(), p.getClientSecret().getValue());
            default -> false;
        };
        if (!ok) throw OAuthException.invalidClient("Client authentication failed.");
        return Optional.of(new ResourceClient(r.id(), r.audience()));
    }
}
