package io.latchkey.http;

import java.util.ArrayList;
import java.util.List;

/** The routes of the server, declared once (see {@code app.Routes}). */
public final class RouteTable {
    /**
     * One route. {@code oauthErrors}: the route is an OAuth endpoint (RFC 6749/7662/7009, OIDC userinfo) whose
     * malformed requests are answered {@code {"error": "invalid_request"}}, not with PingOne's error body.
     */
    public record Route(String method, String path, Guard guard, Handler handler, boolean oauthErrors) {}

    private final List<Route> routes = new ArrayList<>();

    public RouteTable get(String path, Handler h) {
        return add("GET", path, Guard.NONE, h);
    }

    public RouteTable post(String path, Handler h) {
        return add("POST", path, Guard.NONE, h);
    }

    public RouteTable get(String path, Guard g, Handler h) {
        return add("GET", path, g, h);
    }

    public RouteTable post(String path, Guard g, Handler h) {
        return add("POST", path, g, h);
    }

    public RouteTable put(String path, Guard g, Handler h) {
        return add("PUT", path, g, h);
    }

    public RouteTable patch(String path, Guard g, Handler h) {
        return add("PATCH", path, g, h);
    }

    public RouteTable delete(String path, Guard g, Handler h) {
        return add("DELETE", path, g, h);
    }

    /** An OAuth endpoint: see {@link Route#oauthErrors}. */
    public RouteTable oauth(String method, String path, Handler h) {
        routes.add(new Route(method, path, Guard.NONE, h, true));
        return this;
    }

    public RouteTable add(String method, String path, Guard guard, Handler handler) {
        routes.add(new Route(method, path, guard, handler, false));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
