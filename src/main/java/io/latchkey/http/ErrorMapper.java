package io.latchkey.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns failures into response bodies; unexpected ones are logged under the body's id. */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void write(Exchange x, Throwable failure) {
        switch (failure) {
            case RequestLimited e -> {
                x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                x.json(e.status(), body(UUID.randomUUID().toString(), e));
            }
            case ApiException e -> x.json(e.status(), body(UUID.randomUUID().toString(), e));
            case OAuthException e -> {
                ObjectNode body = Json.object();
                body.put("error", e.error());
                if (e.description() != null) body.put("error_description", e.description());
                if (e.status() == 401) x.header("WWW-Authenticate", "Basic realm=\"" + x.path() + "\"");
                x.header("Cache-Control", "no-store");
                x.json(e.status(), body);
            }
            default -> {
                String id = UUID.randomUUID().toString();
                // The cause (which may hold SQL or internals) goes to the log only, under the id the client sees.
                log.error("Unexpected error {} on {} {}", id, x.method(), x.path(), failure);
                x.json(500, body(id, new ApiException(500, "UNEXPECTED_ERROR",
                        "An unexpected error occurred. Quote id " + id + " when reporting it.", java.util.List.of())));
            }
        }
    }

    static ObjectNode body(String id, ApiException e) {
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("code", e.code());
        body.put("message", e.getMessage());
        if (!e.details().isEmpty()) {
            ArrayNode details = body.putArray("details");
            for (ErrorDetail d : e.details()) {
                ObjectNode n = details.addObject();
                n.put("code", d.code());
                if (d.target() != null) n.put("target", d.target());
                n.put("message", d.message());
                if (d.innerError() != null && !d.innerError().isEmpty()) n.set("innerError", Json.MAPPER.valueToTree(d.innerError()));
            }
        }
        return body;
    }
}
