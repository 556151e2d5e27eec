package io.latchkey.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A resource (an API that access tokens are issued for): the built-in {@code openid} (OPENID_CONNECT) and
 * {@code PingOne API} (PINGONE_API), or a CUSTOM one. {@code audience} becomes the token's {@code aud}.
 * {@code doc} holds the validated settings no query needs: {@code description}, {@code accessTokenValiditySeconds},
 * {@code introspectEndpointAuthMethod} and {@code applicationPermissionsSettings} (the last two for CUSTOM only).
 */
public record Resource(
        String id,
        String environmentId,
        String name,
        String type,
        String audience,
        ObjectNode doc,
        long createdAt,
        long updatedAt) {
    public static final String CUSTOM = "CUSTOM";
    public static final String OPENID_CONNECT = "OPENID_CONNECT";
    public static final String PINGONE_API = "PINGONE_API";

    public boolean isCustom() {
        return CUSTOM.equals(type);
    }

    public boolean isOpenId() {
        return OPENID_CONNECT.equals(type);
    }

    public boolean isPingOneApi() {
        return PINGONE_API.equals(type);
    }

    public int accessTokenValiditySeconds() {
        return doc.path("accessTokenValiditySeconds").asInt(3600);
    }

    /** How the resource authenticates at {@code /as/introspect}: NONE, CLIENT_SECRET_BASIC or CLIENT_SECRET_POST. */
    public String introspectEndpointAuthMethod() {
        return doc.path("introspectEndpointAuthMethod").asText("CLIENT_SECRET_BASIC");
    }

    /** Whether access tokens for this resource carry {@code p1.permissions}. */
    public boolean permissionsClaimEnabled() {
        return doc.path("applicationPermissionsSettings").path("claimEnabled").asBoolean(false);
    }
}
