package io.latchkey.http;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, as a value: carries the HTTP status and PingOne's error body parts.
 * Thrown by services and mapped to {@code {id, code, message, details}} in exactly one place.
 */
public class ApiException extends RuntimeException {
    public static final String INVALID_DATA_MESSAGE =
            "The request could not be completed. One or more validation errors were in the request.";
    public static final String NOT_FOUND_MESSAGE =
            "The request could not be completed. The requested resource was not found.";

    private final int status;
    private final String code;
    private final List<ErrorDetail> details;

    public ApiException(int status, String code, String message, List<ErrorDetail> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ErrorDetail> details() {
        return details;
    }

    public static ApiException invalidData(List<ErrorDetail> details) {
        return new ApiException(400, "INVALID_DATA", INVALID_DATA_MESSAGE, details);
    }

    public static ApiException invalidData(ErrorDetail detail) {
        return invalidData(List.of(detail));
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(400, "INVALID_REQUEST", message, List.of());
    }

    public static ApiException notFound() {
        return new ApiException(404, "NOT_FOUND", NOT_FOUND_MESSAGE, List.of());
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "NOT_FOUND", "Unable to find " + what + " with ID: '" + id + "'", List.of());
    }

    public static ApiException invalidToken() {
        return new ApiException(
                401,
                "ACCESS_FAILED",
                "The request could not be completed. You do not have access to this resource.",
                List.of(new ErrorDetail(
                        "INVALID_TOKEN",
                        "Authorization",
                        "The authorization token is either missing or invalid, or it has expired.")));
    }

    public static ApiException insufficientPermissions() {
        return new ApiException(
                403,
                "ACCESS_FAILED",
                "The request could not be completed. You do not have access to this resource.",
                List.of(new ErrorDetail(
                        "INSUFFICIENT_PERMISSIONS",
                        null,
                        "You do not have the required permissions to perform this operation.")));
    }

    /**
     * A content type the operation does not take: the answer names the ones it does, so a client need not guess
     * (PingOne's body; the detail lists them as {@code allowedValues}, as PingOne's INVALID_VALUE details do).
     */
    public static ApiException unsupportedMediaType(String contentType, List<String> accepted) {
        return unsupportedMediaType(contentType, "this operation", accepted);
    }

    /** As {@link #unsupportedMediaType(String, List)}, for a refusal by {@code what} (e.g. "the flow in status X"). */
    public static ApiException unsupportedMediaType(String contentType, String what, List<String> accepted) {
        String said = "Content type '" + (contentType == null ? "(none)" : contentType) + "' is not supported by "
                + what + ". "
                + (accepted.isEmpty()
                        ? "It accepts none now."
                        : "Use " + (accepted.size() == 1 ? "" : "one of ") + String.join(", ", accepted) + ".");
        return new ApiException(
                415,
                "INVALID_REQUEST",
                "The request could not be completed. " + said,
                List.of(new ErrorDetail("INVALID_VALUE", "Content-Type", said, Map.of("allowedValues", accepted))));
    }

    /** A charset the server cannot decode: the content type may be right, its charset is not. */
    public static ApiException unsupportedCharset(String contentType, String charset) {
        String said =
                "The charset '" + charset + "' of content type '" + contentType + "' is not supported. Use UTF-8.";
        return new ApiException(
                415,
                "INVALID_REQUEST",
                "The request could not be completed. " + said,
                List.of(new ErrorDetail(
                        "INVALID_VALUE", "Content-Type", said, Map.of("allowedValues", List.of("UTF-8")))));
    }
}
