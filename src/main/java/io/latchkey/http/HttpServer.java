package io.latchkey.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves a {@link RouteTable} with Javalin on virtual threads; maps every failure through {@link ErrorMapper}.
 * {@link #start} binds the port while the rest of the server may still be starting; requests wait until {@link #open}.
 */
public final class HttpServer {
    private static final String HANDLED = "latchkey.routed";
    /** PingOne's correlation headers, accepted and echoed on every answer (a new id when the request has none). */
    static final List<String> EXTERNAL_IDS = List.of("X-Ping-External-Transaction-ID", "X-Ping-External-Session-ID");

    private static final int EXTERNAL_ID_MAX = 100;
    /** Acceptor, selectors and Jetty's housekeeping: requests do not take these. */
    /** Enough for the gate's requests, those waiting at it, and Jetty's acceptor and selectors. */
    private static final int MAX_THREADS = 64;
    /** Requests running at once, per core: see {@link RequestGate}. */
    private static final int RUNNING_PER_CORE = 4;

    private final RequestGate gate = RequestGate.perCore(RUNNING_PER_CORE);

    private static final Pattern EXTERNAL_ID_REFUSED = Pattern.compile("[^A-Za-z0-9._:-]");
    private final Javalin javalin;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    public HttpServer(RouteTable table, Links links, int port) {
        this(table, links, port, null);
    }

    /** As above; with {@code tls} (null: plain HTTP) the port serves HTTPS, see {@link TlsEdge}. */
    public HttpServer(RouteTable table, Links links, int port, TlsEdge tls) {
        this(table, links, port, tls, null, null);
    }

    /**
     * As above, measured and logged.
     *
     * @param metrics   counts and times every request by route template and status; null: not measured
     * @param accessLog writes a line per request; null: none
     */
    public HttpServer(
            RouteTable table, Links links, int port, TlsEdge tls, RequestMetrics metrics, AccessLog accessLog) {
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = false;
            config.jetty.threadPool = threadPool();
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Exchange.MAX_BODY_BYTES;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.port = port;
            if (tls != null) tls.configure(config.jetty, port, links);
            // Redirects carry the client's state and an error description in Location: room for them (8 KB default).
            config.jetty.modifyHttpConfiguration(http -> http.setResponseHeaderSize(64 * 1024));
            // Drain in-flight requests on stop (SIGTERM) instead of cutting them.
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setStopAtShutdown(false);
                server.setErrorHandler(new JsonErrorHandler());
            });
            config.routes.before(ctx -> {
                for (String name : EXTERNAL_IDS) ctx.header(name, externalId(ctx.header(name)));
            });
            Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
            for (RouteTable.Route r : table.routes()) {
                methodsByPath
                        .computeIfAbsent(r.path(), p -> new LinkedHashSet<>())
                        .add(r.method());
                Cors cors = table.corsOf(r.path());
                Served served = new Served(r.path(), metrics == null ? null : metrics.route(r.method(), r.path()));
                // Probes and scrapes never queue behind the load they are there to observe.
                boolean gated = !r.path().startsWith("/health/") && !r.path().equals("/metrics");
                config.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), ctx -> {
                    ctx.attribute(HANDLED, served);
                    Exchange x = new Exchange(ctx, links);
                    try {
                        opened.join();
                        x.requireReadable();
                        if (gated) {
                            gate.run(
                                    y -> {
                                        r.guard().check(y);
                                        r.handler().handle(y);
                                    },
                                    x);
                        } else {
                            r.guard().check(x);
                            r.handler().handle(x);
                        }
                    } catch (Exception | StackOverflowError e) {
                        ErrorMapper.write(x, r.oauthErrors() ? ErrorMapper.asOAuth(e) : e);
                    }
                    if (cors != null) cors.answer(x);
                });
            }
            for (String path : table.corsPaths()) {
                if (!methodsByPath.containsKey(path)) {
                    throw new IllegalArgumentException("A CORS policy names a path no route serves: " + path);
                }
            }
            // Preflights: answered from the route table alone, before any guard (they carry no credentials).
            methodsByPath.forEach((path, methods) -> {
                Cors cors = table.corsOf(path);
                if (cors == null || methods.contains("OPTIONS")) return;
                Served served = new Served(path, metrics == null ? null : metrics.route("OPTIONS", path));
                config.routes.addHttpHandler(HandlerType.OPTIONS, path, ctx -> {
                    ctx.attribute(HANDLED, served);
                    Exchange x = new Exchange(ctx, links);
                    try {
                        opened.join();
                        cors.preflight(x, methods);
                    } catch (RuntimeException e) {
                        ErrorMapper.write(x, e);
                    }
                });
            });
            if (metrics != null || accessLog != null) {
                // After the answer is written: every request Javalin saw, matched or not, with its final status.
                config.requestLogger.http((ctx, millis) -> {
                    long nanos = (long) (millis * 1_000_000);
                    Served served = ctx.attribute(HANDLED);
                    int status = ctx.statusCode();
                    String method = ctx.method().name();
                    if (metrics != null) {
                        RequestMetrics.Route timers = served != null ? served.timers() : metrics.unmatched(method);
                        timers.record(status, nanos);
                    }
                    if (accessLog != null) {
                        accessLog.write(
                                method,
                                ctx.path(),
                                status,
                                nanos,
                                ctx.res().getHeader(EXTERNAL_IDS.getFirst()),
                                served != null ? served.template() : RequestMetrics.UNMATCHED);
                    }
                });
            }
            config.routes.error(404, ctx -> {
                // Only for paths no route matched: a route's own 404 already has its body.
                if (ctx.attribute(HANDLED) == null) answerWhenOpen(new Exchange(ctx, links), ApiException.notFound());
            });
            config.routes.error(
                    405,
                    ctx -> answerWhenOpen(
                            new Exchange(ctx, links),
                            new ApiException(
                                    405,
                                    "METHOD_NOT_ALLOWED",
                                    "The request could not be completed. The method "
                                            + ctx.method().name() + " is not supported for this resource.",
                                    List.of())));
        });
    }

    /**
     * Platform threads for Jetty and the requests: the OS preempts them, so a burst of CPU-bound work (RS256 signing,
     * Argon2) cannot keep the selector or a waiting request off the cores, as it did on virtual threads, which run until
     * they block (client_credentials p99 at saturation 250 ms there). The {@link RequestGate} keeps the number running
     * small and in arrival order; requests beyond the pool's threads wait in Jetty's queue, also in order.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 4, 60_000);
        pool.setName("latchkey-http");
        return pool;
    }

    /** What a request matched: its route's template and timers (null when not measured). */
    private record Served(String template, RequestMetrics.Route timers) {}

    /** As PingOne: at most 100 characters, anything but letters, digits and {@code . _ : -} becomes {@code _}. */
    static String externalId(String given) {
        if (given == null || given.isBlank()) return CorrelationIds.next();
        String kept = given.length() > EXTERNAL_ID_MAX ? given.substring(0, EXTERNAL_ID_MAX) : given;
        return EXTERNAL_ID_REFUSED.matcher(kept).replaceAll("_");
    }

    private void answerWhenOpen(Exchange x, ApiException answer) {
        try {
            opened.join();
            ErrorMapper.write(x, answer);
        } catch (RuntimeException e) {
            ErrorMapper.write(x, e);
        }
    }

    /** Binds the port and accepts connections; their requests wait until {@link #open}. */
    public void start() {
        javalin.start();
    }

    /** Lets requests through: everything they need is ready. */
    public void open() {
        opened.complete(null);
    }

    /** Stops without ever having opened: waiting requests are answered with an error. */
    public void abort() {
        opened.completeExceptionally(new IllegalStateException("The server failed to start."));
        stop();
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
    }
}
