package io.latchkey.hardening;

import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import io.latchkey.app.Latchkey;
import io.latchkey.http.HttpServer;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routes a running server really serves: read from its Javalin router, which {@code HttpServer} filled from the
 * one {@code RouteTable} that {@code app.Routes.build} returns. Nothing is copied by hand, so a route added to the
 * table is in the campaign the day it is added.
 *
 * <p>Neither {@link Latchkey} nor {@link HttpServer} exposes its router; the two private fields are found by type (not
 * by name) so that a rename does not break this, and a missing one fails loudly instead of yielding an empty list.
 */
final class LiveRoutes {
    /** One served route: the method and the path pattern exactly as declared in the route table. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        /** The management API, and the MFA-only API, which takes the same bearer tokens. */
        boolean isManagement() {
            return path.startsWith("/v1/") || path.contains("/deviceAuthentications");
        }

        /** Path parameter names in order, e.g. {@code [envId, appId]}. */
        List<String> params() {
            List<String> out = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (segment.startsWith("{") && segment.endsWith("}"))
                    out.add(segment.substring(1, segment.length() - 1));
            }
            return out;
        }
    }

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private LiveRoutes() {}

    /**
     * The CORS preflights the server answers ({@code OPTIONS}, one per path with a cross-origin policy): answered by
     * the HTTP layer from the route table, not by a feature, so the campaign probes them apart
     * ({@link PathAndHeaderFamilies#preflight}).
     */
    static List<Route> preflights(Latchkey server) {
        List<Route> routes = new ArrayList<>();
        for (ParsedEndpoint e : javalin(server).unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.name().equals("OPTIONS")) routes.add(new Route("OPTIONS", e.endpoint.path));
        }
        routes.sort(Comparator.comparing(Route::path));
        return routes;
    }

    private static Javalin javalin(Latchkey server) {
        return fieldOfType(fieldOfType(server, HttpServer.class), Javalin.class);
    }

    static List<Route> of(Latchkey server) {
        List<Route> routes = new ArrayList<>();
        for (ParsedEndpoint e : javalin(server).unsafe.internalRouter.allHttpHandlers()) {
            if (!e.endpoint.method.isHttpMethod()) continue;
            String method = e.endpoint.method.name();
            if (method.equals("OPTIONS")) continue; // see preflights
            if (!METHODS.contains(method)) {
                throw new AssertionError("The route table serves " + method + " " + e.endpoint.path
                        + ": the campaign knows no hostile requests for that method yet; teach it one.");
            }
            routes.add(new Route(method, e.endpoint.path));
        }
        if (routes.size() < 10)
            throw new AssertionError("Only " + routes.size() + " routes found in the server: " + routes);
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }

    private static <T> T fieldOfType(Object owner, Class<T> type) {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (type.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        return type.cast(f.get(owner));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new AssertionError("Cannot read " + c.getName() + "." + f.getName(), e);
                    }
                }
            }
        }
        throw new AssertionError(owner.getClass().getName() + " has no field of type " + type.getName()
                + ": LiveRoutes must learn the new way from Latchkey to its route table.");
    }
}
