package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import io.latchkey.http.OAuthException;
import io.latchkey.resources.Resource;
import io.latchkey.resources.ResourceSecretService;
import io.latchkey.resources.ResourceService;
import java.util.Optional;

/**
 * Custom resources acting as introspection clients: {@code client_id} is the resource id, the secret its resource
 * secret, sent the way its {@code introspectEndpointAuthMethod} says.
 */
public final class ResourceClients {
    /** A resource that authenticated, with the audience its tokens carry. */
    public record ResourceClient(String id, String audience) {}

    private final ResourceService resources;
    private final ResourceSecretService secrets;

    public ResourceClients(ResourceService resources, ResourceSecretService secrets) {
        this.resources = resources;
        this.secrets = secrets;
    }

    /** Empty when {@code clientId} is not a custom resource of the environment (then it is an application). */
    public Optional<ResourceClient> authenticate(String env, String clientId, ClientAuthentication auth) {
        Optional<Resource> resource = resources.find(env, clientId).filter(Resource::isCustom);
        if (resource.isEmpty()) return Optional.empty();
        Resource r = resource.get();
        boolean ok = switch (r.introspectEndpointAuthMethod()) {
            case "NONE" -> true;
            case "CLIENT_SECRET_BASIC" ->
                auth instanceof ClientSecretBasic b
                        && secrets.matches(env, r.id(), b.getClientSecret().getValue());
            case "CLIENT_SECRET_POST" ->
                auth instanceof ClientSecretPost p
                        && secrets.matches(env, r.id(), p.getClientSecret().getValue());
            default -> false;
        };
        if (!ok) throw OAuthException.invalidClient("Client authentication failed.");
        return Optional.of(new ResourceClient(r.id(), r.audience()));
    }
}
