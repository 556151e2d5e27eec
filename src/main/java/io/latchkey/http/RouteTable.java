package io.latchkey.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routes of the server, declared once (see {@code app.Routes}). */
public final class RouteTable {
    /**
     * One route. {@code oauthErrors}: the route is an OAuth endpoint (RFC 6749/7662/7009, OIDC userinfo) whose
     * malformed requests are answered {@code {"error": "invalid_request"}}, not with PingOne's error body.
     */
    public record Route(String method, String path, Guard guard, Handler handler, boolean oauthErrors) {}

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Cors> corsByPath = new LinkedHashMap<>();
    private final Map<String, Cors> corsByPrefix = new LinkedHashMap<>();

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

    /** Replaces the handler of each route {@code which} selects with {@code around(route)} (the audit log's wrapper). */
    public RouteTable around(
            java.util.function.Predicate<Route> which, java.util.function.Function<Route, Handler> around) {
        routes.replaceAll(
                r -> which.test(r) ? new Route(r.method(), r.path(), r.guard(), around.apply(r), r.oauthErrors()) : r);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The cross-origin policy of {@code path} (every method of it, and its preflight): see {@link Cors}. A path
     * without one answers no cross-origin request and no preflight.
     */
    public RouteTable cors(String path, Cors policy) {
        corsByPath.put(path, policy);
        return this;
    }

    /** The cross-origin policy of every path starting with {@code prefix} that {@link #cors} does not name. */
    public RouteTable corsUnder(String prefix, Cors policy) {
        corsByPrefix.put(prefix, policy);
        return this;
    }

    /** The cross-origin policy of {@code path}, or null. */
    public Cors corsOf(String path) {
        Cors exact = corsByPath.get(path);
        if (exact != null) return exact;
        for (var e : corsByPrefix.entrySet()) if (path.startsWith(e.getKey())) return e.getValue();
        return null;
    }

    /** The paths {@link #cors} names. */
    public List<String> corsPaths() {
        return List.copyOf(corsByPath.keySet());
    }
}
