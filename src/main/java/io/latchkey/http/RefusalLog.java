package io.latchkey.http;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log line of a request refused for the client's own doing (4xx), as DESIGN.md rule 3 asks: the id its body
 * quotes, the codes, the method and the path, so the answer a client reports can be found.
 * <p>
 * At DEBUG, not INFO (the default level): the client got the whole story in the body already, and a scan, a
 * guessing attack or a throttled flood would otherwise write a line per request, filling disks and burying the
 * ERROR lines of real failures. Turn the {@code io.latchkey.http.ErrorMapper} logger to DEBUG to see them.
 * <p>
 * Never logged, since any of them can hold a secret: a message or a target (they can quote input), the query
 * string, a body, a header value.
 */
final class RefusalLog {
    /** ErrorMapper's logger: every answer's log line comes from one logger an operator can turn up. */
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private static final int MAX_LENGTH = 200;

    private RefusalLog() {}

    /** A PingOne-style refusal, {@code {id, code, message, details}}. */
    static void refused(String id, ApiException e, String method, String path) {
        if (!log.isDebugEnabled()) return;
        log.debug(
                "Refused {}: {} {}{} on {} {}",
                id,
                e.status(),
                e.code(),
                detailCodes(e),
                loggable(method),
                loggable(path));
    }

    /** A request that HTTP could not parse, so it has no method or path. */
    static void refusedUnparsed(String id, ApiException e) {
        log.debug(
                "Refused {}: {} {}{} on a request that could not be parsed", id, e.status(), e.code(), detailCodes(e));
    }

    private static String detailCodes(ApiException e) {
        return e.details().isEmpty()
                ? ""
                : e.details().stream().map(ErrorDetail::code).collect(Collectors.joining(", ", " [", "]"));
    }

    /** An OAuth-style refusal, {@code {error, error_description}}: it has no id, so its error code stands in. */
    static void refused(OAuthException e, String method, String path) {
        log.debug("Refused: {} {} on {} {}", e.status(), e.error(), loggable(method), loggable(path));
    }

    /** The client's text made safe for one log line: cut short, anything but printable ASCII as {@code _}. */
    static String loggable(String text) {
        if (text == null) return "-";
        String cut = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
        StringBuilder sb = new StringBuilder(cut.length());
        cut.chars().forEach(c -> sb.append(c >= 0x20 && c <= 0x7e ? (char) c : '_'));
        return sb.toString();
    }
}
