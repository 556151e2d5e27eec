package io.latchkey.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request (when turned on): method, path, status, duration, the request's transaction id and the route
 * template. Never the query string, a header or a body: they carry codes, tokens and passwords. The path is the raw
 * one, still percent-encoded, so it cannot break a line; ids in it (of flows, users) are no secret. In JSON logs the
 * same facts are also key-value pairs.
 */
public final class AccessLog {
    /** The logger's name: operators can route or silence it apart from the rest. */
    public static final String LOGGER = "latchkey.access";

    private static final int PATH_MAX = 1000;
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    void write(String method, String path, int status, long nanos, String transactionId, String route) {
        if (!log.isInfoEnabled()) return;
        String shown = path.length() > PATH_MAX ? path.substring(0, PATH_MAX) + "..." : path;
        double millis = nanos / 1_000_000.0;
        log.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("path", shown)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", Math.round(millis * 10) / 10.0)
                .addKeyValue("transactionId", transactionId)
                .addKeyValue("route", route)
                .log("{} {} {} {} ms {}", method, shown, status, String.format("%.1f", millis), transactionId);
    }
}
