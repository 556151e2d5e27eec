package io.latchkey.http;

import java.util.Map;

/** One problem found in a request: PingOne's {@code details[]} entry. */
public record ErrorDetail(String code, String target, String message, Map<String, Object> innerError) {

    public ErrorDetail(String code, String target, String message) {
        this(code, target, message, null);
    }

    public static ErrorDetail required(String target) {
        return new ErrorDetail("REQUIRED_VALUE", target, "A value is required for '" + target + "'.");
    }

    public static ErrorDetail invalid(String target, String message) {
        return new ErrorDetail("INVALID_VALUE", target, message);
    }

    public static ErrorDetail unique(String target, String message) {
        return new ErrorDetail("UNIQUENESS_VIOLATION", target, message);
    }
}
