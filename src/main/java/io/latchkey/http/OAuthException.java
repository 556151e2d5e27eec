package io.latchkey.http;

/** An RFC 6749 error of the Auth API ({@code /as/*}): {@code {error, error_description}}. */
public class OAuthException extends RuntimeException {
    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }
    public String error() { return error; }
    public String description() { return getMessage(); }

    public static OAuthException invalidRequest(String description) { return new OAuthException(400, "invalid_request", description); }
    public static OAuthException invalidClient(String description) { return new OAuthException(401, "invalid_client", description); }
    public static OAuthException invalidGrant(String description) { return new OAuthException(400, "invalid_grant", description); }
    public static OAuthException unauthorizedClient(String description) { return new OAuthException(400, "unauthorized_client", description); }
    public static OAuthException unsupportedGrantType(String description) { return new OAuthException(400, "unsupported_grant_type", description); }
    public static OAuthException invalidScope(String description) { return new OAuthException(400, "invalid_scope", description); }
    public static OAuthException invalidToken(String description) { return new OAuthException(401, "invalid_token", description); }
}
