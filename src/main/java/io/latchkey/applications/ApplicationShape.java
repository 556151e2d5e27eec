package io.latchkey.applications;

import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The accepted body of an OpenID Connect application: PingOne's {@code ApplicationOIDC} (the common
 * {@code Application} part plus the OIDC settings). Field by field checks only; the rules that tie fields
 * together (what a type allows, grant and response types, ...) are in {@link ApplicationTypeRules}.
 */
final class ApplicationShape {
    private ApplicationShape() {}

    static final List<String> SUPPORTED_TYPES =
            List.of("WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE");
    private static final Set<String> PINGONE_PROTOCOLS = Set.of("OPENID_CONNECT", "SAML", "WS_FED", "EXTERNAL_LINK");
    private static final Set<String> PINGONE_TYPES = Set.of(
            "WEB_APP",
            "NATIVE_APP",
            "SINGLE_PAGE_APP",
            "WORKER",
            "SERVICE",
            "CUSTOM_APP",
            "PING_ONE_SELF_SERVICE",
            "PING_ONE_ADMIN_CONSOLE",
            "PING_ONE_PORTAL",
            "TEMPLATE_APP",
            "PORTAL_LINK_APP");

    private static final Shape ICON = Shape.of()
            .string("id", f -> f.required().maxLength(256))
            .string("href", f -> f.required().maxLength(2048).check(ApplicationShape::absoluteUrl));

    private static final Shape ACCESS_CONTROL = Shape.of()
            .object("role", Shape.of().string("type", f -> f.required().oneOf("ADMIN_USERS_ONLY")), f -> {})
            .object(
                    "group",
                    Shape.of()
                            .string("type", f -> f.required().oneOf("ANY_GROUP", "ALL_GROUPS"))
                            .objectArray(
                                    "groups",
                                    Shape.of().string("id", f -> f.required().maxLength(256)),
                                    f -> f.required().items(1, 1000).unique()),
                    f -> {});

    private static final Shape CORS = Shape.of()
            .string("behavior", f -> f.required().oneOf("ALLOW_NO_ORIGINS", "ALLOW_SPECIFIC_ORIGINS"))
            .stringArray("origins", f -> f.items(0, 20).unique().maxLength(2048).check(ApplicationShape::corsOrigin));

    static final Shape OIDC = Shape.of()
            // Application (common part)
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            // Ping documents enabled=false when omitted, although its OpenAPI description lists it as required.
            .bool("enabled", f -> f.defaultValue(false))
            .string("protocol", f -> f.required().check(ApplicationShape::protocol))
            .string("type", f -> f.required().check(ApplicationShape::type))
            .string("loginPageUrl", f -> f.maxLength(2048).check(ApplicationShape::absoluteUrl))
            .bool("hiddenFromAppPortal", f -> f.defaultValue(false))
            .object("icon", ICON, f -> {})
            .object("accessControl", ACCESS_CONTROL, f -> {})
            // ApplicationOIDC
            .string("tokenEndpointAuthMethod", f -> f.required().oneOf(TokenSettings.TokenEndpointAuthMethod.class))
            .stringArray(
                    "grantTypes",
                    f -> f.unique()
                            .oneOf(
                                    "AUTHORIZATION_CODE",
                                    "IMPLICIT",
                                    "REFRESH_TOKEN",
                                    "CLIENT_CREDENTIALS",
                                    "DEVICE_CODE",
                                    "TOKEN_EXCHANGE",
                                    "CIBA"))
            .stringArray("responseTypes", f -> f.unique().oneOf("TOKEN", "ID_TOKEN", "CODE"))
            .stringArray(
                    "redirectUris",
                    f -> f.items(0, 100).unique().maxLength(2048).check(ApplicationShape::redirectUri))
            .stringArray(
                    "postLogoutRedirectUris",
                    f -> f.items(0, 100).unique().maxLength(2048).check(ApplicationShape::postLogoutRedirectUri))
            .bool("allowWildcardInRedirectUris", f -> f.defaultValue(false))
            .string("homePageUrl", f -> f.maxLength(2048).check(ApplicationShape::absoluteUrl))
            .string("initiateLoginUri", f -> f.maxLength(2048).check(ApplicationShape::absoluteUrl))
            .string("targetLinkUri", f -> f.maxLength(2048).check(ApplicationShape::absoluteUri))
            .string(
                    "pkceEnforcement",
                    f -> f.oneOf(TokenSettings.PkceEnforcement.class)
                            .defaultValue(TokenSettings.DEFAULT_PKCE_ENFORCEMENT.name()))
            .integer(
                    "refreshTokenDuration",
                    f -> f.range(60, 2147483647L)
                            .defaultValue(TokenSettings.DEFAULT_REFRESH_TOKEN_DURATION.toSeconds()))
            .integer("refreshTokenRollingDuration", f -> f.range(60, 2147483647L))
            .integer("refreshTokenRollingGracePeriodDuration", f -> f.range(0, 86400))
            .string("refreshTokenType", f -> f.oneOf("JSON_WEB_TOKEN", "OPAQUE_TOKEN"))
            .bool(
                    "additionalRefreshTokenReplayProtectionEnabled",
                    f -> f.defaultValue(TokenSettings.DEFAULT_REFRESH_TOKEN_REPLAY_PROTECTION))
            .string(
                    "parRequirement",
                    f -> f.oneOf("REQUIRED", "OPTIONAL").defaultValue(TokenSettings.DEFAULT_PAR_REQUIREMENT))
            .integer("parTimeout", f -> f.range(1, 600).defaultValue(TokenSettings.DEFAULT_PAR_TIMEOUT.toSeconds()))
            .integer("deviceTimeout", f -> f.range(1, 3600))
            .integer("devicePollingInterval", f -> f.range(1, 60))
            .string("devicePathId", f -> f.pattern("^[a-zA-Z0-9_-]{1,50}$"))
            .string("deviceCustomVerificationUri", f -> f.maxLength(2048).check(ApplicationShape::absoluteUrl))
            .bool("idpSignoff", f -> f.defaultValue(false))
            .bool("opSessionCheckEnabled", f -> f.defaultValue(false))
            .bool(
                    "requestScopesForMultipleResourcesEnabled",
                    f -> f.defaultValue(TokenSettings.DEFAULT_MULTIPLE_RESOURCES_ENABLED))
            .bool(
                    "requireSignedRequestObject",
                    f -> f.defaultValue(TokenSettings.DEFAULT_REQUIRE_SIGNED_REQUEST_OBJECT))
            .bool(
                    "supportUnsignedRequestObject",
                    f -> f.defaultValue(TokenSettings.DEFAULT_SUPPORT_UNSIGNED_REQUEST_OBJECT))
            .bool("includeX5t", f -> f.defaultValue(false))
            .string("jwks", f -> f.maxLength(65536))
            .string("jwksUrl", f -> f.maxLength(2048).check(ApplicationShape::jwksUrl))
            .object("corsSettings", CORS, f -> {})
            .object(
                    "signing",
                    Shape.of()
                            .object(
                                    "keyRotationPolicy",
                                    Shape.of().string("id", f -> f.required().maxLength(256)),
                                    f -> f.required()),
                    f -> {})
            .any("mobile")
            .any("kerberos")
            .any("template")
            .stringArray("tags", f -> f.unique().oneOf("PING_FED_CONNECTION_INTEGRATION"))
            // POST only, never stored: whether a new WORKER gets the roles of the caller (default true).
            .bool("assignActorRoles", f -> {})
            // Import of an external client id/secret: feature-flagged in PingOne, not offered by Latchkey.
            .any("clientId")
            .any("clientSecret");

    private static void protocol(String value, Validation v) {
        if (value.equals("OPENID_CONNECT")) return;
        String message = PINGONE_PROTOCOLS.contains(value)
                ? "Latchkey serves OPENID_CONNECT applications only; " + value + " applications are not supported."
                : "'protocol' must be OPENID_CONNECT.";
        v.add(new ErrorDetail("INVALID_VALUE", null, message, Map.of("allowedValues", List.of("OPENID_CONNECT"))));
    }

    private static void type(String value, Validation v) {
        if (SUPPORTED_TYPES.contains(value)) return;
        String message = PINGONE_TYPES.contains(value)
                ? "Latchkey does not support applications of type " + value + "; use one of "
                        + String.join(", ", SUPPORTED_TYPES) + "."
                : "'type' must be one of " + String.join(", ", SUPPORTED_TYPES) + ".";
        v.add(new ErrorDetail("INVALID_VALUE", null, message, Map.of("allowedValues", SUPPORTED_TYPES)));
    }

    /**
     * A redirect URI (RFC 6749 §3.1.2, OAuth 2.0 Security BCP): absolute, no fragment, never a script or data
     * URI (any case, any leading blanks); http(s) URIs need a host; custom schemes of native apps are fine.
     * Wildcards are checked by {@link ApplicationTypeRules} (they depend on allowWildcardInRedirectUris).
     */
    static void redirectUri(String value, Validation v) {
        callbackUri(value, v, "redirect URI");
    }

    static void postLogoutRedirectUri(String value, Validation v) {
        callbackUri(value, v, "post-logout redirect URI");
    }

    private static void callbackUri(String value, Validation v, String what) {
        if (dangerousScheme(value)) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not allowed as a " + what + "."));
            return;
        }
        if (value.indexOf('#') >= 0) {
            v.add(ErrorDetail.invalid(null, "A " + what + " must not contain a fragment: '" + value + "'."));
            return;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                v.add(ErrorDetail.invalid(null, "A " + what + " must be an absolute URI: '" + value + "'."));
            } else if (isHttp(uri)
                    && (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty())) {
                v.add(ErrorDetail.invalid(null, "A " + what + " must name a host: '" + value + "'."));
            }
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URI."));
        }
    }

    /** {@code javascript:}, {@code data:} and {@code vbscript:} in any case, after any blanks or control characters. */
    static boolean dangerousScheme(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) <= ' ') i++;
        StringBuilder scheme = new StringBuilder();
        for (; i < value.length() && value.charAt(i) != ':'; i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') continue; // browsers drop these inside a scheme
            scheme.append(c);
        }
        String s = scheme.toString().toLowerCase(Locale.ROOT);
        return i < value.length() && (s.equals("javascript") || s.equals("data") || s.equals("vbscript"));
    }

    /** An absolute http(s) URL with a host. */
    static void absoluteUrl(String value, Validation v) {
        try {
            URI uri = new URI(value);
            if (!isHttp(uri)
                    || uri.getRawAuthority() == null
                    || uri.getRawAuthority().isEmpty()) {
                v.add(ErrorDetail.invalid(null, "'" + value + "' must be an absolute http or https URL."));
            }
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URL."));
        }
    }

    /** Any absolute URI but a script or data one (a target link may use a native app's scheme). */
    static void absoluteUri(String value, Validation v) {
        if (dangerousScheme(value)) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not allowed here."));
            return;
        }
        try {
            if (!new URI(value).isAbsolute())
                v.add(ErrorDetail.invalid(null, "'" + value + "' must be an absolute URI."));
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URI."));
        }
    }

    static void httpsUrl(String value, Validation v) {
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
                v.add(ErrorDetail.invalid(null, "'" + value + "' must be an https URL."));
            }
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URL."));
        }
    }

    /**
     * PingOne: "supports https:// only". Latchkey also takes plain http to a loopback host (localhost, 127.0.0.1,
     * [::1]), for development and tests: a superset, so whatever PingOne accepts is accepted.
     */
    static void jwksUrl(String value, Validation v) {
        try {
            URI uri = new URI(value);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if ("http".equalsIgnoreCase(uri.getScheme()) && loopback && uri.getRawUserInfo() == null) return;
        } catch (URISyntaxException e) {
            // reported by httpsUrl
        }
        httpsUrl(value, v);
    }

    /** A CORS origin: http(s), a host (a leading {@code *.} wildcard allowed), an optional port, no path. */
    static void corsOrigin(String value, Validation v) {
        String candidate = value.replaceFirst("^(https?://)\\*\\.", "$1wildcard.");
        try {
            URI uri = new URI(candidate);
            boolean ok = isHttp(uri)
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (!ok)
                v.add(ErrorDetail.invalid(null, "'" + value + "' must be an http or https origin without a path."));
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid origin."));
        }
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }
}
