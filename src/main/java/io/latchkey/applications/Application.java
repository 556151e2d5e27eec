package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An application (OAuth client). {@code id} is its OAuth {@code client_id}, as in PingOne. {@code doc} holds the
 * validated protocol settings (grant types, redirect URIs, ...) as the management API shows them;
 * {@code tokenSettings} is the part of them the Auth API follows, parsed once.
 */
public record Application(
        String id,
        String environmentId,
        String name,
        String protocol,
        String type,
        boolean enabled,
        ObjectNode doc,
        TokenSettings tokenSettings,
        long createdAt,
        long updatedAt) {

    /** How the store and the service make one, so that the token settings are always those of {@code doc}. */
    Application(
            String id,
            String environmentId,
            String name,
            String protocol,
            String type,
            boolean enabled,
            ObjectNode doc,
            long createdAt,
            long updatedAt) {
        this(id, environmentId, name, protocol, type, enabled, doc, TokenSettings.from(doc), createdAt, updatedAt);
    }

    public List<String> grantTypes() {
        return strings(doc.path("grantTypes"));
    }

    public List<String> responseTypes() {
        return strings(doc.path("responseTypes"));
    }

    public List<String> redirectUris() {
        return strings(doc.path("redirectUris"));
    }

    /** Whether {@code uri} is one of {@link #redirectUris}, or matches one holding a wildcard ({@link RedirectUris}). */
    public boolean acceptsRedirectUri(String uri) {
        boolean wildcards = doc.path("allowWildcardInRedirectUris").asBoolean(false);
        return uri != null && redirectUris().stream().anyMatch(r -> RedirectUris.matches(r, uri, wildcards));
    }

    /** Which origins a browser may call the Auth API from for this application. */
    public CorsSettings corsSettings() {
        return CorsSettings.from(doc);
    }

    /**
     * The key rotation policy whose CURRENT key signs this application's tokens ({@code signing.keyRotationPolicy.id});
     * empty: the environment's default key signs them.
     */
    public Optional<String> keyRotationPolicyId() {
        return Optional.ofNullable(
                doc.path("signing").path("keyRotationPolicy").path("id").asText(null));
    }

    public List<String> postLogoutRedirectUris() {
        return strings(doc.path("postLogoutRedirectUris"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
