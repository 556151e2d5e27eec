package io.latchkey.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into response bodies, each with its log line: unexpected ones under the body's
 * id at ERROR, the client's own mistakes (4xx) at DEBUG ({@link RefusalLog}).
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void write(Exchange x, Throwable failure) {
        switch (failure) {
            case RequestLimited e -> {
                x.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                refuse(x, e);
            }
            case ApiException e -> refuse(x, e);
            case OAuthException e -> {
                RefusalLog.refused(e, x.method(), x.path());
                ObjectNode body = Json.object();
                body.put("error", e.error());
                if (e.description() != null) body.put("error_description", e.description());
                String challenge = challenge(e, x.path());
                if (challenge != null) x.header("WWW-Authenticate", challenge);
                x.header("Cache-Control", "no-store");
                x.json(e.status(), body);
            }
            default -> {
                String id = CorrelationIds.next();
                if (isValueTheDatabaseRefuses(failure)) {
                    // Validation should have caught it (a field without a length or character rule): still the
                    // client's input, so a 400 that changed nothing (the transaction rolled back), and a warning.
                    log.warn(
                            "Input refused by the database {} on {} {}: {}",
                            id,
                            x.method(),
                            x.path(),
                            FailureSummary.of(failure));
                    x.json(
                            400,
                            body(
                                    id,
                                    ApiException.invalidData(
                                            new ErrorDetail(
                                                    "INVALID_VALUE",
                                                    "body",
                                                    "A value in the request is too long or holds characters that cannot be stored."))));
                    return;
                }
                // Only what cannot hold a secret reaches the log: never a message (a driver's message can quote
                // the value that failed, e.g. an imported password hash) and never bound values or the body.
                log.error(
                        "Unexpected error {} (transaction {}) on {} {}: {}",
                        id,
                        x.responseHeader(HttpServer.EXTERNAL_IDS.get(0)),
                        x.method(),
                        x.path(),
                        FailureSummary.of(failure));
                x.json(
                        500,
                        body(
                                id,
                                new ApiException(
                                        500,
                                        "UNEXPECTED_ERROR",
                                        "An unexpected error occurred. Quote id " + id + " when reporting it.",
                                        java.util.List.of())));
            }
        }
    }

    private static void refuse(Exchange x, ApiException e) {
        String id = CorrelationIds.next();
        RefusalLog.refused(id, e, x.method(), x.path());
        x.json(e.status(), body(id, e));
    }

    /**
     * A failure as an OAuth endpoint answers it: a request refused before the endpoint could read it (a 400 or 415
     * of PingOne's kind) becomes {@code invalid_request}; everything else is unchanged.
     */
    static Throwable asOAuth(Throwable failure) {
        if (failure instanceof ApiException e && (e.status() == 400 || e.status() == 415)) {
            String detail =
                    e.details().isEmpty() ? e.getMessage() : e.details().get(0).message();
            return OAuthException.invalidRequest(detail);
        }
        return failure;
    }

    /** The {@code WWW-Authenticate} value an OAuth error answers with, or null; the realm is the endpoint's path. */
    static String challenge(OAuthException e, String realm) {
        return switch (e.challenge()) {
            case NONE -> null;
            case BASIC -> "Basic realm=" + quoted(realm);
            case BEARER -> "Bearer realm=" + quoted(realm);
            case BEARER_ERROR ->
                "Bearer error=" + quoted(e.error())
                        + (e.description() == null ? "" : ", error_description=" + quoted(e.description()));
        };
    }

    /** A quoted-string of only what RFC 6750 §3 allows inside one (printable ASCII but {@code "} and {@code \}). */
    private static String quoted(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        value.chars().forEach(c -> sb.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '_'));
        return sb.append('"').toString();
    }

    /**
     * SQLStates of values the database cannot store: 22001 too long for its column, 22021 and 22P05 characters
     * the encoding cannot hold (NUL), 54000 a value too large for its index.
     */
    private static boolean isValueTheDatabaseRefuses(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && e.getSQLState() != null) {
                return switch (e.getSQLState()) {
                    case "22001", "22021", "22P05", "54000" -> true;
                    default -> false;
                };
            }
        }
        return false;
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
                if (d.innerError() != null && !d.innerError().isEmpty())
                    n.set("innerError", Json.MAPPER.valueToTree(d.innerError()));
            }
        }
        return body;
    }
}
