package io.latchkey.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.hardening.Campaign.Probe;
import io.latchkey.hardening.LiveRoutes.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hostile path ids, query strings and headers, sent to every route of the table. */
final class PathAndHeaderFamilies {
    private final Campaign c;
    private final World w;
    /** What the server said about its lists (for the summary: a campaign that found no filtering list is suspect). */
    int filtering;

    int paging;

    PathAndHeaderFamilies(Campaign c) {
        this.c = c;
        this.w = c.w;
    }

    private static boolean isStatic(Route r) {
        return Campaign.styleOf(r) == Campaign.Style.ANY;
    }

    /** Is a DELETE, or a body-less action (lock): any request to it with a valid id and token would act. */
    private boolean acts(Route r) {
        return r.method().equals("DELETE") || w.contentTypeOnly.containsKey(r.toString());
    }

    // ---- path ids

    /**
     * Each path parameter in turn made hostile, the others real: not a UUID, 5,000 characters; the last one also with
     * an encoded NUL, an encoded slash and undecodable percent-encoding. Writes carry their valid body, so that only
     * the id is wrong.
     */
    void pathIds(Route r) {
        List<String> params = r.params();
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            List<String[]> values = new java.util.ArrayList<>(List.of(
                    new String[] {"path id not a UUID", "not-a-uuid"},
                    new String[] {"path id of 5,000 characters", "7".repeat(5_000)}));
            if (i == params.size() - 1) {
                values.add(new String[] {"path id with NUL (%00)", "a%00b"});
                values.add(new String[] {"path id with an encoded slash (%2F)", "a%2Fb"});
                values.add(new String[] {"path id with undecodable percent-encoding (%ZZ)", "a%ZZb"});
            }
            for (String[] v : values) {
                Probe p = new Probe(r, v[0], c.withValidBody(r, c.request(r, w.fill(r.path(), param, v[1]))))
                        .where(param);
                if (isStatic(r)) p.tolerate();
                c.run(p);
            }
        }
        if (!Campaign.writes(r)) c.checkUnchanged(r, "path ids");
    }

    // ---- CORS preflights

    /**
     * Hostile CORS preflights ({@code OPTIONS}): hostile path ids, origins (the string {@code null}, 5,000
     * characters, NUL, non-ASCII bytes), requested methods and query strings (an undecodable or NUL
     * {@code client_id}, a 5,000-character {@code flowId}). A preflight reads the route table (and, for an
     * application's endpoints, the application): it may answer 204 with or without the allow headers, or refuse, but
     * never fail, and it changes nothing.
     */
    void preflight(Route r) {
        String target = w.fill(r.path());
        List<Probe> probes = new java.util.ArrayList<>();
        for (String param : r.params()) {
            for (String hostile : List.of("not-a-uuid", "7".repeat(5_000), "a%00b", "a%ZZb")) {
                probes.add(new Probe(
                                r, "preflight with a hostile path id", preflight(r, w.fill(r.path(), param, hostile)))
                        .where(param));
            }
        }
        probes.add(
                new Probe(r, "preflight from Origin null", preflightFrom(target).header("Origin", "null")));
        probes.add(new Probe(
                r,
                "preflight from an Origin of 5,000 characters",
                preflightFrom(target).header("Origin", "https://" + "a".repeat(5_000) + ".example.com")));
        probes.add(new Probe(
                r,
                "preflight from an Origin with NUL",
                preflightFrom(target)
                        .rawHeader("Origin: https://a\u0000b.example.com".getBytes(StandardCharsets.ISO_8859_1))));
        probes.add(new Probe(
                r,
                "preflight from an Origin with non-ASCII bytes",
                preflightFrom(target).rawHeader("Origin: https://é😀İ.example.com".getBytes(StandardCharsets.UTF_8))));
        probes.add(new Probe(
                r,
                "preflight for an odd method",
                new Wire.Request("OPTIONS", target)
                        .header("Origin", "https://spa.example.com")
                        .header("Access-Control-Request-Method", "G\"ET, " + "X".repeat(3_000))));
        for (String query : List.of("?client_id=%ZZ", "?client_id=a%00b", "?flowId=" + "f".repeat(5_000))) {
            probes.add(new Probe(r, "preflight with query " + Text.cut(query, 30), preflight(r, target + query)));
        }
        for (Probe p : probes) c.run(p.tolerate());
    }

    /** A preflight from {@code https://spa.example.com}. */
    private static Wire.Request preflight(Route r, String target) {
        return preflightFrom(target).header("Origin", "https://spa.example.com");
    }

    /** A preflight whose Origin the caller adds. */
    private static Wire.Request preflightFrom(String target) {
        return new Wire.Request("OPTIONS", target)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type");
    }

    // ---- headers

    /** Bad credentials everywhere; on the management API and the token-checking endpoints they must be refused. */
    void authorization(Route r) {
        String nulToken = "Authorization: Bearer ab\u0000cd";
        List<String[]> values = List.of(
                new String[] {"Authorization: Bearer garbage", "Bearer not.a.token"},
                new String[] {"Authorization: Bearer of 20 KB", "Bearer " + "e".repeat(20_000)},
                new String[] {"Authorization: Basic !!!", "Basic !!!"},
                new String[] {"Authorization: Bearer with nothing after it", "Bearer "},
                new String[] {"Authorization: Bearer with NUL", null});
        boolean checksCredentials = r.isManagement()
                || r.path().endsWith("/as/token")
                || r.path().endsWith("/as/device_authorization")
                || r.path().endsWith("/as/par")
                || r.path().endsWith("/as/introspect")
                || r.path().endsWith("/as/revoke")
                || r.path().endsWith("/as/userinfo");
        for (String[] v : values) {
            Wire.Request req = new Wire.Request(r.method(), w.fill(r.path()));
            if (v[1] != null) req.header("Authorization", v[1]);
            else req.rawHeader(nulToken.getBytes(StandardCharsets.ISO_8859_1));
            c.withValidBody(r, req);
            Probe p = new Probe(r, v[0], req);
            if (!checksCredentials) p.tolerate();
            c.run(p);
        }
        if (!Campaign.writes(r)) c.checkUnchanged(r, "authorization");
    }

    /**
     * Odd headers with a valid token: correlation ids with non-ASCII bytes and NUL, a huge cookie (also ST-FLOW), an
     * unknown charset on a request without a body. Writes get a truncated body (so that nothing is written on
     * purpose); routes that would act on a bare request are left out.
     */
    void oddHeaders(Route r) {
        if (acts(r)) return;
        String target = w.fill(r.path());
        byte[] utf8Id =
                ("X-Ping-External-Transaction-ID: <script>é😀İ" + "é".repeat(300)).getBytes(StandardCharsets.UTF_8);
        byte[] nulId = "X-Ping-External-Session-ID: a\u0000b".getBytes(StandardCharsets.ISO_8859_1);
        String bigCookie = "ST-FLOW=" + "f".repeat(3_000) + "; ST=" + "s".repeat(3_000);
        String hugeCookie = "ST-FLOW=" + "f".repeat(20_000);
        boolean write = !Campaign.isRead(r);
        record Odd(String kind, Wire.Request req, boolean refused) {}
        List<Odd> odds = List.of(
                new Odd(
                        "X-Ping-External-Transaction-ID with non-ASCII bytes, 300+ chars",
                        c.request(r, target).rawHeader(utf8Id),
                        false),
                new Odd(
                        "X-Ping-External-Session-ID with NUL",
                        c.request(r, target).rawHeader(nulId),
                        false),
                new Odd("Cookie of 6 KB (ST-FLOW, ST)", c.request(r, target).header("Cookie", bigCookie), false),
                new Odd("Cookie of 20 KB (ST-FLOW)", c.request(r, target).header("Cookie", hugeCookie), true),
                new Odd(
                        "Content-Type with unknown charset on a request without body",
                        c.request(r, target).header("Content-Type", "application/json; charset=utf-9"),
                        false),
                new Odd(
                        "Content-Type with unknown charset on a request with a query string",
                        c.request(r, target + "?limit=1").header("Content-Type", "application/json; charset=utf-9"),
                        false));
        for (Odd o : odds) {
            if (write && !o.kind.startsWith("Content-Type")) o.req.body(World.JSON, "{\"name\":\"a\"");
            Probe p = new Probe(r, o.kind, o.req);
            if (!o.refused && !write) p.tolerate();
            if (write && o.kind.startsWith("Content-Type")) p.tolerate(); // no body at all: refused or a default
            if (isStatic(r)) p.tolerate();
            c.run(p);
        }
        if (!Campaign.writes(r)) c.checkUnchanged(r, "odd headers");
    }

    // ---- query strings

    /**
     * Undecodable percent-encoding and NUL on every read; on lists that filter, hostile filters; on lists that page,
     * hostile paging; on every list, garbage {@code expand} and {@code order}. Which lists filter and page is asked of
     * the server (a filter on an unknown attribute; {@code limit=1} on a list of several).
     */
    void query(Route r) {
        if (!Campaign.isRead(r) || isStatic(r)) return;
        String base = w.fill(r.path());
        c.run(new Probe(r, "query with undecodable percent-encoding (filter=%ZZ)", c.request(r, base + "?filter=%ZZ")));
        boolean list = r.isManagement() && !r.path().endsWith("}");
        boolean filters = list && filters(r, base);
        if (filters) filtering++;
        Probe nul = new Probe(
                r, "filter with NUL (%00)", c.request(r, base + "?filter=" + enc("name eq \"a") + "%00" + enc("b\"")));
        if (!filters) nul.tolerate();
        c.run(nul);
        if (list) {
            List<String[]> hostile = List.of(
                    new String[] {"filter with unbalanced quote", "name eq \"unbalanced"},
                    new String[] {"filter with unbalanced parenthesis", "(name eq \"a\""},
                    new String[] {"filter with a stray closing parenthesis", "name eq \"a\")"},
                    new String[] {"filter on an unknown attribute", "nosuchattribute eq \"x\""},
                    new String[] {"filter with an unknown operator", "name zz \"x\""},
                    new String[] {"filter without a value", "name eq"},
                    new String[] {"filter nested 40 deep", "not(".repeat(40) + "name eq \"a\"" + ")".repeat(40)},
                    new String[] {"filter of 10,000 characters", "name eq \"" + "q".repeat(10_000) + "\""});
            for (String[] h : hostile) {
                if (!filters && !h[0].contains("unknown attribute") && !h[0].contains("10,000")) continue;
                Probe p = new Probe(r, h[0], c.request(r, base + "?filter=" + enc(h[1]))).where("filter");
                if (filters) p.targets(List.of("filter"));
                else p.tolerate();
                c.run(p);
            }
            boolean pages = pages(r, base);
            if (pages) paging++;
            List<String[]> paging = List.of(
                    new String[] {"limit=-1", "limit=-1"},
                    new String[] {"limit=0", "limit=0"},
                    new String[] {"limit=99999999999", "limit=99999999999"},
                    new String[] {"limit=abc", "limit=abc"},
                    new String[] {"cursor=garbage", "cursor=garbage!!"},
                    new String[] {"cursor of a NUL", "cursor=AA"});
            for (String[] q : paging) {
                Probe p = new Probe(r, q[0], c.request(r, base + "?" + q[1])).where(q[1].replaceFirst("=.*", ""));
                if (pages) p.targets(List.of(q[1].replaceFirst("=.*", "")));
                else p.tolerate();
                c.run(p);
            }
            c.run(new Probe(r, "expand=garbage", c.request(r, base + "?expand=" + enc("garbage,,%$"))).tolerate());
            c.run(new Probe(r, "order=garbage", c.request(r, base + "?order=" + enc("-nosuchattribute;drop")))
                    .tolerate());
        }
        if (!Campaign.writes(r)) c.checkUnchanged(r, "query");
    }

    /** Whether the list filters: an unknown attribute is refused, or an id that matches nothing empties the list. */
    private boolean filters(Route r, String base) {
        Wire.Answer unknown = c.run(new Probe(
                                r,
                                "probe: filter on an unknown attribute",
                                c.request(r, base + "?filter=" + enc("nosuchattribute eq \"x\"")))
                        .tolerate())
                .answer();
        if (unknown.status() == 400) return true;
        JsonNode all = J.parseOrNull(c.run(new Probe(r, "probe: the list", c.request(r, base)).tolerate())
                .answer()
                .body());
        JsonNode none = J.parseOrNull(c.run(new Probe(
                                r,
                                "probe: filter on an id matching nothing",
                                c.request(r, base + "?filter=" + enc("id eq \"00000000-0000-4000-8000-000000000000\"")))
                        .tolerate())
                .answer()
                .body());
        return all != null
                && none != null
                && all.path("count").asInt(0) > 0
                && none.path("count").asInt(-1) == 0;
    }

    /**
     * Whether the list pages: {@code limit=1} on a list of several gives one and a next link, or (a list of one) a limit
     * out of range is refused.
     */
    private boolean pages(Route r, String base) {
        JsonNode one = J.parseOrNull(c.run(new Probe(r, "probe: limit=1", c.request(r, base + "?limit=1")).tolerate())
                .answer()
                .body());
        if (one != null
                && (one.path("_links").has("next")
                        || one.path("size").asInt(-1) == 1 && one.path("count").asInt(0) > 1)) {
            return true;
        }
        return c.run(new Probe(r, "probe: limit=0", c.request(r, base + "?limit=0")).tolerate())
                        .answer()
                        .status()
                == 400;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
