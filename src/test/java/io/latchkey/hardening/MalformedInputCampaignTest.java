package io.latchkey.hardening;

import io.latchkey.hardening.LiveRoutes.Route;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A malformed-input campaign against every route of the route table (read from the running server, so a new route
 * is in it from the day it is added), on each database: hostile path ids, headers, query strings, JSON and form
 * bodies and content types, and flows driven with NUL in their ids and usernames. Each answer must be a refusal in the
 * route's error format (or, for odd but valid input, an acceptance), never a 5xx, and a refusal must leave every row
 * of the database as it was. See {@link Campaign} for the checks.
 *
 * <p>Failures are collected, not thrown: the one assertion at the end lists all of them, grouped by probable cause,
 * with the request, the answer and the server's exception (the list is also written to
 * {@code target/malformed-input-campaign-<db>.txt}).
 *
 * <p>The campaign runs on a private server (its data is all the campaign's, so every table can be compared) and
 * sends its requests one at a time over plain sockets.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: hostile values reach SQL and every table is compared (NUL, U+0130 were 500s
// on PostgreSQL)
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class MalformedInputCampaignTest {
    @Parameter
    Db db;

    @Test
    void everyRouteRefusesMalformedInputCleanlyAndChangesNothing() throws IOException {
        String only = System.getProperty("latchkey.campaign.db"); // -Dlatchkey.campaign.db=H2 runs one database only
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equalsIgnoreCase(db.name()));
        long started = System.nanoTime();
        Timing timing = new Timing();
        Findings findings = new Findings("Malformed-input campaign on " + db);
        int requests;
        int routeCount;
        String costs;
        String lists;
        TestServer server = TestServer.start(db);
        try (ServerLog log = new ServerLog()) {
            List<Route> routes = LiveRoutes.of(server.latchkey());
            routeCount = routes.size();
            World w = new World(server);
            Campaign c = new Campaign(w, findings, log);
            timing.lap("set-up", c);
            coverage(c, w, routes);
            List<Route> reachable = routes.stream()
                    .filter(r -> r.params().stream().allMatch(p -> w.idFor(r.path(), p) != null))
                    .toList();

            PathAndHeaderFamilies generic = new PathAndHeaderFamilies(c);
            for (Route r : reachable) generic.pathIds(r);
            timing.lap("path ids", c);
            for (Route r : reachable) generic.authorization(r);
            timing.lap("authorization", c);
            for (Route r : reachable) generic.oddHeaders(r);
            timing.lap("odd headers", c);
            for (Route r : reachable) generic.query(r);
            timing.lap("query", c);
            for (Route r : LiveRoutes.preflights(server.latchkey())) generic.preflight(r);
            timing.lap("preflights", c);
            lists = generic.filtering + " lists filter, " + generic.paging + " page";

            BodyFamilies bodies = new BodyFamilies(c);
            for (Route r : reachable) {
                for (World.JsonSpec spec : w.jsonSpecs.getOrDefault(r.toString(), List.of()))
                    bodies.all(bodies.management(r, spec));
                String contentTypeOnly = w.contentTypeOnly.get(r.toString());
                if (contentTypeOnly != null) bodies.contentTypeOnly(r, contentTypeOnly);
            }

            timing.lap("bodies", c);
            w.refreshSecrets();
            AuthFamilies auth = new AuthFamilies(c);
            for (Route r : reachable) {
                World.FormSpec form = w.formSpecs.get(r.toString());
                if (form != null) auth.forms(r, form);
                String p = r.path();
                int second = p.indexOf('/', 1); // none in a one-segment path such as /metrics
                switch (r.method() + " " + (second < 0 ? p : p.substring(second))) {
                    case "GET /as/authorize" -> auth.authorize(r);
                    case "POST /as/token" -> auth.token(r);
                    case "POST /as/par" -> auth.pushedAuthorization(r);
                    case "POST /as/introspect", "POST /as/revoke" -> auth.introspectAndRevoke(r);
                    case "GET /as/userinfo", "POST /as/userinfo" -> auth.userinfo(r);
                    case "GET /as/signoff", "POST /as/signoff" -> auth.signoff(r);
                    case "GET /as/resume" -> auth.resume(r);
                    case "GET /signon" -> auth.signOnPage(r);
                    case "POST /signon" -> auth.signOnPosts(r);
                    case "GET /flows/{flowId}" -> {
                        auth.flowReads(r);
                        c.checkUnchanged(r, "flows");
                    }
                    case "POST /flows/{flowId}" -> auth.flowSteps(r, bodies);
                    default -> {}
                }
            }
            timing.lap("auth API", c);
            requests = c.requestsSent();
            costs = c.costs();
        } finally {
            try {
                server.close();
            } catch (RuntimeException e) {
                // Jetty drains for 10 s, then gives up: some request was still running (it should have been answered).
                findings.add(new Findings.Finding(
                        "(server)",
                        "stop after the campaign",
                        null,
                        "the server did not stop within its drain time: a request was still being handled",
                        "-",
                        e.toString(),
                        null));
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String summary = "Malformed-input campaign on " + db + ": " + routeCount + " routes (" + lists + "), "
                + requests + " hostile requests, " + seconds + " s (" + timing + "; " + costs + "), " + findings.size()
                + " failure(s)";
        System.out.println(summary);
        if (!findings.isEmpty()) {
            String report = findings.report();
            Path file =
                    Path.of("target", "malformed-input-campaign-" + db.name().toLowerCase() + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary + "\n\n" + report, StandardCharsets.UTF_8);
            throw new AssertionError(summary + " (also in " + file + ")\n" + report);
        }
    }

    /** Where the time goes, family by family (the campaign has a budget: it runs in CI next to everything else). */
    private static final class Timing {
        private final StringBuilder laps = new StringBuilder();
        private long last = System.nanoTime();
        private int lastRequests;

        void lap(String name, Campaign c) {
            long now = System.nanoTime();
            if (laps.length() > 0) laps.append(", ");
            laps.append(name)
                    .append(' ')
                    .append((now - last) / 1_000_000)
                    .append(" ms/")
                    .append(c.requestsSent() - lastRequests);
            last = now;
            lastRequests = c.requestsSent();
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    /**
     * What the campaign cannot reach is a failure too: a path parameter it has no id for, a route that takes a body
     * it has no valid body for, a body for a route the server no longer serves.
     */
    private static void coverage(Campaign c, World w, List<Route> routes) {
        Set<String> served = new LinkedHashSet<>();
        for (Route r : routes) {
            served.add(r.toString());
            for (String p : r.params()) {
                if (w.idFor(r.path(), p) == null)
                    c.coverage(r, "no real id for path parameter {" + p + "}: teach World.idFor");
            }
            boolean takesBody = r.method().equals("POST")
                    || r.method().equals("PUT")
                    || r.method().equals("PATCH");
            String key = r.toString();
            if (takesBody
                    && !w.jsonSpecs.containsKey(key)
                    && !w.formSpecs.containsKey(key)
                    && !w.contentTypeOnly.containsKey(key)
                    && !w.flowRoutes.contains(key)) {
                c.coverage(r, "takes a body, but the campaign has no valid body for it: add one to World.defineSpecs");
            }
        }
        Set<String> known = new LinkedHashSet<>(w.jsonSpecs.keySet());
        known.addAll(w.formSpecs.keySet());
        known.addAll(w.contentTypeOnly.keySet());
        known.addAll(w.flowRoutes);
        for (String k : known) {
            if (!served.contains(k)) {
                String[] mp = k.split(" ", 2);
                c.coverage(
                        new Route(mp[0], mp[1]),
                        "the campaign has a body for this route, but the server does not serve it");
            }
        }
    }
}
