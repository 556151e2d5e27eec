package io.latchkey.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a path with an encoded NUL or ambiguous segment, headers or
 * a URI too large): PingOne's JSON error body instead of Jetty's HTML page, and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes an error body only for GET, POST and HEAD; a refused PUT, PATCH or DELETE deserves one too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        ApiException e = switch (status) {
            case 404 -> ApiException.notFound();
            case 500 -> new ApiException(500, "UNEXPECTED_ERROR", "An unexpected error occurred.", List.of());
            default -> new ApiException(status, "INVALID_REQUEST",
                    "The request could not be completed. The HTTP request is malformed or too large.", List.of());
        };
        return Json.write(ErrorMapper.body(CorrelationIds.next(), e)).getBytes(StandardCharsets.UTF_8);
    }
}
