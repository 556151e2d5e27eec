package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The settings the Auth API follows for an application's token requests and tokens, parsed from its settings once,
 * when the application is loaded. Every default is a constant here and nowhere else: {@link ApplicationShape} fills
 * the same constants into a new application, and the ones it does not fill (older rows, optional settings) are
 * applied by {@link #from}.
 *
 * @param refreshTokenRollingDuration how long a refresh token family lives from the sign-on, however often it is
 *                                    rotated; null when the application sets no such limit
 * @param refreshTokenGracePeriod     how long after its rotation a refresh token may still be used without counting
 *                                    as a replay
 * @param refreshTokenReplayProtection whether the replay of a rotated refresh token revokes its whole family
 * @param parRequired                 whether authorization requests must be pushed first ({@code parRequirement})
 * @param parTimeout                  how long a pushed authorization request's {@code request_uri} can be used
 */
public record TokenSettings(
        TokenEndpointAuthMethod tokenEndpointAuthMethod,
        PkceEnforcement pkceEnforcement,
        boolean multipleResourcesEnabled,
        Duration refreshTokenDuration,
        Duration refreshTokenRollingDuration,
        Duration refreshTokenGracePeriod,
        boolean refreshTokenReplayProtection,
        boolean requireSignedRequestObject,
        boolean supportUnsignedRequestObject,
        boolean parRequired,
        Duration parTimeout) {

    /** How a client authenticates at the token endpoint; in the order PingOne lists them. */
    public enum TokenEndpointAuthMethod {
        NONE,
        CLIENT_SECRET_BASIC,
        CLIENT_SECRET_POST,
        PRIVATE_KEY_JWT,
        CLIENT_SECRET_JWT;

        /** Whether the application gets a client secret (every method but NONE keeps one, as in PingOne). */
        public boolean keepsSecret() {
            return this != NONE;
        }
    }

    /** Whether an authorization request must carry a PKCE code challenge, and of which method. */
    public enum PkceEnforcement {
        OPTIONAL,
        REQUIRED,
        S256_REQUIRED
    }

    /** Only for rows without a method: the shape requires one on every create and replace. */
    static final TokenEndpointAuthMethod DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD = TokenEndpointAuthMethod.NONE;

    static final PkceEnforcement DEFAULT_PKCE_ENFORCEMENT = PkceEnforcement.OPTIONAL;
    static final boolean DEFAULT_MULTIPLE_RESOURCES_ENABLED = false;
    /** 30 days, PingOne's default. */
    static final Duration DEFAULT_REFRESH_TOKEN_DURATION = Duration.ofSeconds(2592000);

    static final Duration DEFAULT_REFRESH_TOKEN_GRACE_PERIOD = Duration.ZERO;
    static final boolean DEFAULT_REFRESH_TOKEN_REPLAY_PROTECTION = true;
    static final boolean DEFAULT_REQUIRE_SIGNED_REQUEST_OBJECT = false;
    static final boolean DEFAULT_SUPPORT_UNSIGNED_REQUEST_OBJECT = false;
    /** PingOne's default, OPTIONAL; REQUIRED is the other value. */
    static final String DEFAULT_PAR_REQUIREMENT = "OPTIONAL";
    /** 60 seconds, PingOne's default (1 to 600). */
    static final Duration DEFAULT_PAR_TIMEOUT = Duration.ofSeconds(60);

    /** The settings of {@code doc}, an application's validated settings (its stored document). */
    static TokenSettings from(JsonNode doc) {
        JsonNode method = doc.path("tokenEndpointAuthMethod");
        JsonNode pkce = doc.path("pkceEnforcement");
        JsonNode rolling = doc.path("refreshTokenRollingDuration");
        return new TokenSettings(
                method.isTextual()
                        ? TokenEndpointAuthMethod.valueOf(method.asText())
                        : DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD,
                pkce.isTextual() ? PkceEnforcement.valueOf(pkce.asText()) : DEFAULT_PKCE_ENFORCEMENT,
                doc.path("requestScopesForMultipleResourcesEnabled").asBoolean(DEFAULT_MULTIPLE_RESOURCES_ENABLED),
                seconds(doc.path("refreshTokenDuration"), DEFAULT_REFRESH_TOKEN_DURATION),
                rolling.isNumber() ? Duration.ofSeconds(rolling.asLong()) : null,
                seconds(doc.path("refreshTokenRollingGracePeriodDuration"), DEFAULT_REFRESH_TOKEN_GRACE_PERIOD),
                doc.path("additionalRefreshTokenReplayProtectionEnabled")
                        .asBoolean(DEFAULT_REFRESH_TOKEN_REPLAY_PROTECTION),
                doc.path("requireSignedRequestObject").asBoolean(DEFAULT_REQUIRE_SIGNED_REQUEST_OBJECT),
                doc.path("supportUnsignedRequestObject").asBoolean(DEFAULT_SUPPORT_UNSIGNED_REQUEST_OBJECT),
                doc.path("parRequirement").asText(DEFAULT_PAR_REQUIREMENT).equals("REQUIRED"),
                seconds(doc.path("parTimeout"), DEFAULT_PAR_TIMEOUT));
    }

    private static Duration seconds(JsonNode n, Duration orElse) {
        return n.isNumber() ? Duration.ofSeconds(n.asLong()) : orElse;
    }
}
