package io.latchkey.app;

/**
 * What operators watch the server with.
 *
 * @param managementPort the port that serves {@code /health/*} and {@code /metrics} without credentials; null: none
 *                       (0 picks a free one, for tests)
 * @param accessLog      whether every request is logged (method, path without query, status, duration, id)
 */
public record Operations(Integer managementPort, boolean accessLog) {
    public static final Operations DEFAULTS = new Operations(null, false);
}
