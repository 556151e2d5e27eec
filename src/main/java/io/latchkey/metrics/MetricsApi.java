package io.latchkey.metrics;

import io.latchkey.http.Exchange;

/**
 * {@code GET /metrics}: every meter in Prometheus' text format. The route table decides who may read it (anyone on
 * the management port, a management token's holder on the main port).
 */
public final class MetricsApi {
    /** Prometheus' text exposition format 0.0.4, which every Prometheus version scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;

    public MetricsApi(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    public void scrape(Exchange x) {
        x.header("Cache-Control", "no-store");
        x.text(200, CONTENT_TYPE, metrics.scrape());
    }
}
