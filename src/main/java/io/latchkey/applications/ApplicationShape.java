package io.latchkey.applications;

import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The accepted body of an OpenID Connect application (PingOne's {@code ApplicationOIDC}). */
final class ApplicationShape {
    private ApplicationShape() {}

    static final Shape OIDC = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            .bool("enabled", f -> f.required())
            .string("protocol", f -> f.required().oneOf("OPENID_CONNECT"))
            .string("type", f -> f.required().oneOf("WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE"))
            .string("loginPageUrl", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .bool("hiddenFromAppPortal", f -> {})
            .any("icon")
            .any("accessControl")
            .string("tokenEndpointAuthMethod", f -> f
                    .oneOf("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "PRIVATE_KEY_JWT", "CLIENT_SECRET_JWT"))
            .stringArray("grantTypes", f -> f.unique().oneOf("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN",
                    "CLIENT_CREDENTIALS", "DEVICE_CODE", "TOKEN_EXCHANGE", "CIBA"))
            .stringArray("responseTypes", f -> f.unique().oneOf("TOKEN", "ID_TOKEN", "CODE"))
            .stringArray("redirectUris", f -> f.unique().maxLength(2048).check(ApplicationShape::redirectUri))
            .stringArray("postLogoutRedirectUris", f -> f.unique().maxLength(2048).check(ApplicationShape::redirectUri))
            .bool("allowWildcardInRedirectUris", f -> {})
            .string("homePageUrl", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .string("initiateLoginUri", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .string("targetLinkUri", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .string("pkceEnforcement", f -> f.oneOf("OPTIONAL", "REQUIRED", "S256_REQUIRED").defaultValue("OPTIONAL"))
            .integer("refreshTokenDuration", f -> f.range(60, 2147483647L).defaultValue(2592000))
            .integer("refreshTokenRollingDuration", f -> f.range(60, 2147483647L))
            .integer("refreshTokenRollingGracePeriodDuration", f -> f.range(0, 86400))
            .string("refreshTokenType", f -> f.oneOf("JSON_WEB_TOKEN", "OPAQUE_TOKEN"))
            .bool("additionalRefreshTokenReplayProtectionEnabled", f -> f.defaultValue(true))
            .string("parRequirement", f -> f.oneOf("REQUIRED", "OPTIONAL").defaultValue("OPTIONAL"))
            .integer("parTimeout", f -> f.range(1, 600).defaultValue(60))
            .integer("deviceTimeout", f -> f.range(1, 3600))
            .integer("devicePollingInterval", f -> f.range(1, 60))
            .string("devicePathId", f -> f.pattern("^[a-zA-Z0-9_-]{1,50}$"))
            .string("deviceCustomVerificationUri", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .bool("idpSignoff", f -> {})
            .bool("opSessionCheckEnabled", f -> f.defaultValue(false))
            .bool("requestScopesForMultipleResourcesEnabled", f -> f.defaultValue(false))
            .bool("requireSignedRequestObject", f -> {})
            .bool("supportUnsignedRequestObject", f -> {})
            .bool("includeX5t", f -> {})
            .string("jwks", f -> f.maxLength(65536))
            .string("jwksUrl", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .any("corsSettings")
            .any("signing")
            .any("mobile")
            .stringArray("tags", f -> f.oneOf("PING_FED_CONNECTION_INTEGRATION"));

    /** Redirect URIs: absolute, no fragment, never a script or data URI (RFC 6749 §3.1.2, OAuth security BCP). */
    static void redirectUri(String value, Validation v) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("data:") || lower.startsWith("vbscript:")) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not allowed as a redirect URI."));
            return;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) v.add(ErrorDetail.invalid(null, "'" + value + "' must be an absolute URI."));
            else if (uri.getRawFragment() != null || value.contains("#")) {
                v.add(ErrorDetail.invalid(null, "'" + value + "' must not contain a fragment."));
            }
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URI."));
        }
    }

    static void absoluteUri(String value, Validation v) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || scheme.equals("javascript") || scheme.equals("data")) {
                v.add(ErrorDetail.invalid(null, "'" + value + "' must be an absolute URL."));
            }
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URL."));
        }
    }
}
