package io.latchkey.http;

/**
 * An RFC 6749 error of the Auth API ({@code /as/*}): {@code {error, error_description}}, with the
 * {@code WWW-Authenticate} challenge its answer carries.
 */
public class OAuthException extends RuntimeException {
    /** Which {@code WWW-Authenticate} header goes with the error; {@link ErrorMapper} writes it. */
    public enum Challenge {
        NONE,
        /** Client authentication failed at token, introspect or revoke (RFC 6749 §5.2): {@code Basic realm=...}. */
        BASIC,
        /** No access token came at all (RFC 6750 §3.1: then no error information): {@code Bearer realm=...}. */
        BEARER,
        /** An access token was refused (RFC 6750 §3): {@code Bearer error=..., error_description=...}. */
        BEARER_ERROR
    }

    private final int status;
    private final String error;
    private final Challenge challenge;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, Challenge.NONE);
    }

    public OAuthException(int status, String error, String description, Challenge challenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.challenge = challenge;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public Challenge challenge() {
        return challenge;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description, Challenge.BASIC);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description);
    }

    /** A protected resource (userinfo) was called without any access token. */
    public static OAuthException bearerTokenRequired(String description) {
        return new OAuthException(401, "invalid_token", description, Challenge.BEARER);
    }

    /** The access token is malformed, unknown, expired or revoked. */
    public static OAuthException invalidToken(String description) {
        return new OAuthException(401, "invalid_token", description, Challenge.BEARER_ERROR);
    }

    /** The access token is good but does not allow this request (RFC 6750 §3.1). */
    public static OAuthException insufficientScope(String description) {
        return new OAuthException(403, "insufficient_scope", description, Challenge.BEARER_ERROR);
    }
}
