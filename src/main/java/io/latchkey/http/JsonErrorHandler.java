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
    private static final String BAD_MESSAGE_PATH = "/badMessage";

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
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // A request Jetty could not parse comes as a stand-in, "BAD /badMessage": it has no method or path to log.
        String path = request.getHttpURI().getPath();
        boolean parsed = !BAD_MESSAGE_PATH.equals(path);
        response.write(
                true,
                ByteBuffer.wrap(body(status, parsed ? request.getMethod() : null, parsed ? path : null)),
                callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, null, null));
    }

    /** The body, logged under its id; {@code method} and {@code path} are null for a request that was not parsed. */
    private static byte[] body(int status, String method, String path) {
        ApiException e = switch (status) {
            case 404 -> ApiException.notFound();
            case 500 -> new ApiException(500, "UNEXPECTED_ERROR", "An unexpected error occurred.", List.of());
            default ->
                new ApiException(
                        status,
                        "INVALID_REQUEST",
                        "The request could not be completed. The HTTP request is malformed or too large.",
                        List.of());
        };
        String id = CorrelationIds.next();
        // A 500 here is Jetty's own failure, which Jetty logs (without our id); only the client's refusals are ours.
        if (status < 500 && path == null) RefusalLog.refusedUnparsed(id, e);
        else if (status < 500) RefusalLog.refused(id, e, method, path);
        return Json.write(ErrorMapper.body(id, e)).getBytes(StandardCharsets.UTF_8);
    }
}
