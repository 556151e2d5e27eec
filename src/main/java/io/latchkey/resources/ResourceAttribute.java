package io.latchkey.resources;

/**
 * One claim a resource puts into its tokens. {@code type}: CORE (required, cannot be deleted: {@code sub} of a
 * custom resource), PREDEFINED (the standard OpenID Connect claims of the {@code openid} resource; cannot be
 * deleted, can be re-mapped) or CUSTOM (created over the API). {@code idToken} and {@code userInfo} apply to the
 * {@code openid} resource only and are null elsewhere. {@code required} (custom resources only): an access token whose
 * value for it is empty is refused rather than issued without the claim (PingOne's "Required" check box).
 */
public record ResourceAttribute(
        String id,
        String environmentId,
        String resourceId,
        String name,
        String type,
        String value,
        Boolean idToken,
        Boolean userInfo,
        boolean required,
        long createdAt,
        long updatedAt) {
    public static final String CORE = "CORE";
    public static final String PREDEFINED = "PREDEFINED";
    public static final String CUSTOM = "CUSTOM";

    /** The view the token issuer works with. */
    public Attribute claim() {
        return new Attribute(name, value, idToken == null || idToken, userInfo == null || userInfo, required);
    }
}
