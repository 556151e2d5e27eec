package io.latchkey.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code http_server_requests_seconds}: how many requests, and how long they took, by method, route template (never
 * the raw path, which holds ids) and status. Labels stay bounded: a request no route matched counts as
 * {@value #UNMATCHED}, with its method only if it is a standard one. The hot path looks nothing up by name: each route
 * holds its timers in an array indexed by status, made the first time a status occurs.
 */
public final class RequestMetrics {
    static final String NAME = "http.server.requests";
    static final String UNMATCHED = "UNMATCHED";
    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    /** Latencies the histogram counts: Prometheus computes quantiles and SLO ratios from them. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Map<String, Route> unmatched = new HashMap<>();
    private final Route unmatchedOther;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String m : STANDARD_METHODS) unmatched.put(m, new Route(m, UNMATCHED));
        this.unmatchedOther = new Route("OTHER", UNMATCHED);
    }

    /** The timers of one route of the table. */
    Route route(String method, String template) {
        return new Route(method, template);
    }

    /** The timers of requests no route matched (404, 405, and HEAD of a GET route, which Javalin answers itself). */
    Route unmatched(String method) {
        return unmatched.getOrDefault(method, unmatchedOther);
    }

    final class Route {
        private static final int STATUSES = 600;
        private final String method;
        private final String uri;
        private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(STATUSES);

        private Route(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        void record(int status, long nanos) {
            int i = status > 0 && status < STATUSES ? status : 0;
            Timer t = byStatus.get(i);
            if (t == null) {
                // Rare: once per route and status. Micrometer returns the same timer to a racing second caller.
                t = Timer.builder(NAME)
                        .tag("method", method)
                        .tag("uri", uri)
                        .tag("status", i == 0 ? "OTHER" : Integer.toString(i))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry);
                byStatus.set(i, t);
            }
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
