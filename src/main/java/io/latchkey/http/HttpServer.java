package io.latchkey.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.List;
import org.eclipse.jetty.server.Server;

/** Serves a {@link RouteTable} with Javalin on virtual threads; maps every failure through {@link ErrorMapper}. */
public final class HttpServer {
    private static final String HANDLED = "latchkey.routed";
    private final Javalin javalin;

    public HttpServer(RouteTable table, Links links, int port) {
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Exchange.MAX_BODY_BYTES;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.port = port;
            // Drain in-flight requests on stop (SIGTERM) instead of cutting them.
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setStopAtShutdown(false);
                server.setErrorHandler(new JsonErrorHandler());
            });
            for (RouteTable.Route r : table.routes()) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), ctx -> {
                    ctx.attribute(HANDLED, Boolean.TRUE);
                    Exchange x = new Exchange(ctx, links);
                    try {
                        r.guard().check(x);
                        r.handler().handle(x);
                    } catch (Exception | StackOverflowError e) {
                        ErrorMapper.write(x, e);
                    }
                });
            }
            config.routes.error(404, ctx -> {
                // Only for paths no route matched: a route's own 404 already has its body.
                if (ctx.attribute(HANDLED) == null) ErrorMapper.write(new Exchange(ctx, links), ApiException.notFound());
            });
            config.routes.error(405, ctx -> ErrorMapper.write(new Exchange(ctx, links),
                    new ApiException(405, "METHOD_NOT_ALLOWED",
                            "The request could not be completed. The method " + ctx.method().name()
                                    + " is not supported for this resource.", List.of())));
        });
    }

    public void start() { javalin.start(); }

    public int port() { return javalin.port(); }

    public void stop() { javalin.stop(); }

    Server jetty() { return javalin.jettyServer().server(); }
}
