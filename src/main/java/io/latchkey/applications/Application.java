package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An application (OAuth client). {@code id} is its OAuth {@code client_id}, as in PingOne. {@code doc} holds the
 * validated protocol settings (grant types, redirect URIs, ...).
 */
public record Application(String id, String environmentId, String name, String protocol, String type, boolean enabled,
                          ObjectNode doc, long createdAt, long updatedAt) {

    public String tokenEndpointAuthMethod() { return doc.path("tokenEndpointAuthMethod").asText("NONE"); }

    public List<String> grantTypes() { return strings(doc.path("grantTypes")); }

    public List<String> responseTypes() { return strings(doc.path("responseTypes")); }

    public List<String> redirectUris() { return strings(doc.path("redirectUris")); }

    public List<String> postLogoutRedirectUris() { return strings(doc.path("postLogoutRedirectUris")); }

    public String pkceEnforcement() { return doc.path("pkceEnforcement").asText("OPTIONAL"); }

    /** Whether one token may carry scopes of several custom resources. */
    public boolean multipleResourcesEnabled() { return doc.path("requestScopesForMultipleResourcesEnabled").asBoolean(false); }

    public boolean hasSecret() {
        String m = tokenEndpointAuthMethod();
        return m.equals("CLIENT_SECRET_BASIC") || m.equals("CLIENT_SECRET_POST") || m.equals("CLIENT_SECRET_JWT");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
