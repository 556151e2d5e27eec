package io.latchkey.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.hardening.LiveRoutes.Route;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The machinery of the campaign: sends one hostile request, checks the answer and the data, files what is wrong.
 * The families of hostile requests ({@link PathAndHeaderFamilies}, {@link BodyFamilies}, {@link AuthFamilies}) build
 * on it.
 *
 * <p>What every answer must satisfy:
 * <ul>
 *   <li>an answer at all, and never a 5xx (the server's exception for it is looked up in its log);</li>
 *   <li>a malformed request ({@link Expect#REJECT}) is refused: 4xx, or an OAuth error redirect; an odd but possibly
 *       valid one ({@link Expect#TOLERATE}: an emoji, a name of 128 × "İ", ...) may also be accepted. A query that
 *       cannot be percent-decoded ({@code %ZZ}) is malformed on every route, whether or not the route reads it: the
 *       server cannot know what the client meant;</li>
 *   <li>a refusal has the route's error body: PingOne's {@code {id, code, message, details[]}} on the Platform API,
 *       the flows API and wherever the HTTP layer answers before any route; OAuth's {@code {error}} on the token,
 *       introspection, revocation and userinfo endpoints; an HTML page on the hosted pages (and on authorize also
 *       OAuth's {@code {error}}, which {@code response_mode=pi.flow} answers with); and no internals (stack frames,
 *       SQL, driver names) in any of them;</li>
 *   <li>when the problem is a field, {@code details[]} name it as {@code target};</li>
 *   <li>a refused request changed no row of the database (every table, compared after each request that can
 *       write; after each route's batch of reads);</li>
 *   <li>the answer comes within {@link #SLOW_MILLIS}, and the correlation ids it echoes are sanitized.</li>
 * </ul>
 * An accepted request is undone (a created object deleted, a replaced one put back) so that the next starts from the
 * same world.
 */
final class Campaign {
    enum Expect {
        REJECT,
        TOLERATE
    }

    enum Style {
        PINGONE,
        OAUTH,
        HTML,
        AUTHORIZE,
        ANY
    }

    /** An answer slower than this is a finding of its own (the work grows with the input: a way to tie up the server). */
    static final long SLOW_MILLIS = 4_000;

    private static final Pattern SANE_EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final List<String> INTERNALS = List.of(
            "Exception",
            "\tat ",
            "at io.latchkey",
            "io.javalin",
            "org.eclipse.jetty",
            "org.h2",
            "org.postgresql",
            "PSQL",
            "SQLState",
            "jdbi",
            "java.lang.",
            "java.util.");

    final World w;
    final Findings findings;
    final ServerLog log;
    private final Wire wire;
    private final Snapshot.Reader snapshots;
    private Snapshot last;
    private int unique;
    private int sent;
    private long wireNanos;
    private long snapshotNanos;

    Campaign(World w, Findings findings, ServerLog log) {
        this.w = w;
        this.findings = findings;
        this.log = log;
        URI base = URI.create(w.server.baseUrl());
        this.wire = new Wire(base.getHost(), base.getPort());
        this.snapshots = new Snapshot.Reader(w.server.latchkey().database());
        this.last = snapshots.read();
    }

    int requestsSent() {
        return sent;
    }

    /** Where the time went: sending and waiting, reading the database. */
    String costs() {
        return "waiting for answers " + wireNanos / 1_000_000 + " ms, comparing data " + snapshotNanos / 1_000_000
                + " ms (rows: " + last.size() + ")";
    }

    private Snapshot snapshot() {
        long t = System.nanoTime();
        Snapshot s = snapshots.read();
        snapshotNanos += System.nanoTime() - t;
        return s;
    }

    /** A request that is not a probe (setting up, putting back): sent, not checked. */
    Wire.Answer send(Wire.Request r) {
        return wire.send(r);
    }

    /** A fresh suffix for names that must be unique. */
    String u() {
        return String.valueOf(++unique);
    }

    /** One hostile request and what its answer must be. */
    static final class Probe {
        final Route route;
        final String kind;
        final Wire.Request request;
        String where;
        Expect expect = Expect.REJECT;
        /** The details targets a 400 must name (the fields made bad). */
        List<String> targets = List.of();
        /** Whether a 400 must at least name some target (a field is bad, but which one it names may vary). */
        boolean anyTarget;
        /** Missing targets are returned in the result instead of filed (the caller asks field by field). */
        boolean quietTargets;
        /** Whether the request may write: the data is compared right after it. */
        boolean writes;
        /** Tables a refusal may change (a failed attempt counted), put back by {@link #afterChange}. */
        Set<String> countedOnRefusal = Set.of();
        /** Run after the request changed data (accepted, or a counted refusal): puts the world back. */
        Consumer<Wire.Answer> afterChange;

        Probe(Route route, String kind, Wire.Request request) {
            this.route = route;
            this.kind = kind;
            this.request = request;
            this.writes = writes(route);
        }

        Probe where(String w) {
            where = w;
            return this;
        }

        Probe tolerate() {
            expect = Expect.TOLERATE;
            return this;
        }

        Probe targets(List<String> t) {
            targets = t;
            return this;
        }

        Probe anyTarget() {
            anyTarget = true;
            return this;
        }

        Probe afterChange(Consumer<Wire.Answer> c) {
            afterChange = c;
            return this;
        }
    }

    /** What became of a probe; {@code missing}: targets a quiet probe's 400 did not name. */
    record Result(Wire.Answer answer, boolean accepted, boolean failed, List<String> missing) {}

    static boolean writes(Route r) {
        String p = r.path();
        return !isRead(r)
                || p.endsWith("/as/authorize")
                || p.endsWith("/as/resume")
                || p.endsWith("/as/signoff")
                || p.endsWith("/signon")
                // As PingOne's, the device verification URI starts a sign-on flow.
                || p.endsWith("/device")
                || p.endsWith("/device/{appIdentifier}");
    }

    /** GET, and HEAD, which answers as GET does without a body. */
    static boolean isRead(Route r) {
        return r.method().equals("GET") || r.method().equals("HEAD");
    }

    static Style styleOf(Route r) {
        String p = r.path();
        if (p.startsWith("/v1/")) return Style.PINGONE;
        if (p.endsWith("/as/token")
                || p.endsWith("/as/device_authorization")
                || p.endsWith("/as/par")
                || p.endsWith("/as/introspect")
                || p.endsWith("/as/revoke")
                || p.endsWith("/as/userinfo")) {
            return Style.OAUTH;
        }
        if (p.endsWith("/as/authorize")) return Style.AUTHORIZE;
        if (p.endsWith("/as/signoff") || p.endsWith("/signon")) return Style.HTML;
        if (p.endsWith("/device") || p.endsWith("/device/{appIdentifier}")) return Style.HTML;
        if (p.endsWith(".css") || p.endsWith(".js")) return Style.ANY;
        return Style.PINGONE; // the flows API, resume, jwks, discovery
    }

    Result run(Probe p) {
        sent++;
        long since = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Wire.Answer a = wire.send(p.request);
        wireNanos += System.nanoTime() - t0;
        long took = System.currentTimeMillis() - since;
        int before = findings.size();
        missing = List.of();
        if (took > SLOW_MILLIS) {
            fail(
                    p,
                    "slow answer (" + took / 1000.0 + " s" + (a.status() < 0 ? ", none at all" : "") + ")",
                    a,
                    log.causeOf(null, since));
        }
        boolean accepted =
                a.status() >= 200 && a.status() < 300 || a.status() >= 300 && a.status() < 400 && !errorRedirect(a);
        if (a.status() < 0) {
            fail(p, "no HTTP answer", a, null);
        } else if (a.status() >= 500) {
            ServerLog.Cause cause = log.causeOf(errorId(a), since);
            fail(
                    p,
                    "answered " + a.status(),
                    a,
                    Objects.requireNonNullElse(
                            cause,
                            new ServerLog.Cause(
                                    "(nothing in the server log) " + Text.cut(a.text(), 120),
                                    "(nothing in the server log)")));
        } else if (accepted) {
            if (p.expect == Expect.REJECT) fail(p, "malformed input accepted (" + a.status() + ")", a, null);
        } else {
            checkRefusal(p, a);
        }
        checkExternalIds(p, a);
        if (p.writes) settle(p, a, accepted);
        return new Result(a, accepted, findings.size() > before, missing);
    }

    private List<String> missing = List.of();

    /** After a request that may write: compare the data; put the world back when the request changed it. */
    private void settle(Probe p, Wire.Answer a, boolean accepted) {
        Snapshot now = snapshot();
        Set<String> changed = now.changedTables(last);
        if (!accepted && changed.contains("activities") && now.onlyFailedActivitiesAdded(last))
            changed.remove("activities");
        if (changed.isEmpty()) {
            last = now;
            return;
        }
        if (!accepted && !p.countedOnRefusal.containsAll(changed)) {
            fail(
                    p,
                    (a.status() >= 500 ? "failed" : "refused") + ", yet changed the data: " + now.differenceFrom(last),
                    a,
                    null);
        }
        if (accepted && a.status() == 201) deleteCreated(p, a);
        if (p.afterChange != null) p.afterChange.accept(a);
        last = snapshot();
    }

    /** Re-reads the data as the new baseline (after setting something up on purpose). */
    void rebase() {
        last = snapshot();
    }

    /** For reads: the data must be what it was before the route's batch. */
    void checkUnchanged(Route route, String family) {
        Snapshot now = snapshot();
        String diff = now.differenceFrom(last);
        if (!diff.isEmpty()) {
            findings.add(new Findings.Finding(
                    route.toString(),
                    family,
                    null,
                    "reads changed the data: " + diff,
                    "(one of the family's GET requests)",
                    "-",
                    null));
        }
        last = now;
    }

    /** A 201's new object, deleted again (its self link, else the request's path plus its id). */
    private void deleteCreated(Probe p, Wire.Answer a) {
        JsonNode body = J.parseOrNull(a.body());
        if (body == null) return;
        String path = null;
        String href = body.path("_links").path("self").path("href").asText(null);
        if (href != null) path = URI.create(href).getRawPath();
        else if (body.path("id").isTextual())
            path = p.request.target.replaceFirst("\\?.*", "") + "/"
                    + body.get("id").asText();
        if (path != null && path.startsWith("/v1/")) {
            wire.send(new Wire.Request("DELETE", path).header("Authorization", "Bearer " + w.token));
        }
    }

    private static boolean errorRedirect(Wire.Answer a) {
        String location = a.header("location");
        return location != null && (location.contains("error=") || location.contains("error%3D"));
    }

    private static String errorId(Wire.Answer a) {
        JsonNode body = J.parseOrNull(a.body());
        return body != null && body.path("id").isTextual() ? body.get("id").asText() : null;
    }

    private void checkRefusal(Probe p, Wire.Answer a) {
        if (a.status() >= 300 && a.status() < 400) return; // an OAuth error redirect to the client: no body to check
        String text = a.text();
        for (String internal : INTERNALS) {
            if (text.contains(internal)) {
                fail(p, "error answer shows internals ('" + internal + "')", a, null);
                break;
            }
        }
        if (p.route.method().equals("HEAD")) return; // no body by definition: the status is the refusal
        JsonNode body = J.parseOrNull(a.body());
        boolean pingOne = body != null
                && body.path("id").isTextual()
                && body.path("code").isTextual()
                && body.path("message").isTextual();
        switch (styleOf(p.route)) {
            case PINGONE -> {
                if (!pingOne) fail(p, "error body is not PingOne's {id, code, message}", a, null);
                else checkDetails(p, a, body);
            }
            case OAUTH -> {
                if (!(body != null && body.path("error").isTextual()) && !pingOne) {
                    fail(p, "error body is neither OAuth's {error} nor PingOne's {id, code, message}", a, null);
                }
            }
            case HTML -> {
                if (!html(a) && !pingOne)
                    fail(p, "error answer is neither an HTML page nor PingOne's {id, code, message}", a, null);
            }
            case AUTHORIZE -> {
                // An error page, or (response_mode=pi.flow) the OAuth error as JSON; PingOne's where HTTP itself
                // refuses.
                if (!html(a) && !pingOne && !(body != null && body.path("error").isTextual())) {
                    fail(
                            p,
                            "error answer is neither an HTML error page, nor OAuth's {error}, nor PingOne's {id, code, message}",
                            a,
                            null);
                }
            }
            case ANY -> {}
        }
    }

    private static boolean html(Wire.Answer a) {
        return a.contentType().startsWith("text/html") && a.text().contains("<html");
    }

    private void checkDetails(Probe p, Wire.Answer a, JsonNode body) {
        JsonNode details = body.get("details");
        if (details != null) {
            boolean wellFormed = details.isArray();
            if (wellFormed) {
                for (JsonNode d : details) {
                    wellFormed &= d.isObject()
                            && d.path("code").isTextual()
                            && d.path("message").isTextual()
                            && (!d.has("target") || d.get("target").isTextual());
                }
            }
            if (!wellFormed) fail(p, "details[] is not a list of {code, target?, message}", a, null);
        }
        if (a.status() != 400) return;
        List<String> named = details == null || !details.isArray()
                ? List.of()
                : java.util.stream.StreamSupport.stream(details.spliterator(), false)
                        .map(d -> d.path("target").asText(""))
                        .filter(t -> !t.isEmpty())
                        .toList();
        if (p.anyTarget && named.isEmpty()) fail(p, "details[] name no target, though a field is bad", a, null);
        if (p.targets.isEmpty()) return;
        List<String> notNamed = p.targets.stream()
                .filter(t -> named.stream().noneMatch(n -> sameField(n, t)))
                .toList();
        if (p.quietTargets) {
            missing = notNamed;
        } else if (!notNamed.isEmpty()) {
            fail(
                    p,
                    "details[] do not name " + (notNamed.size() == 1 ? "the target " : "the targets ") + notNamed
                            + " (named: " + named + ")",
                    a,
                    null);
        }
    }

    /** A detail's target names a field when it is the field, a field under it, or the object or list it is in. */
    static boolean sameField(String named, String field) {
        return named.equals(field)
                || field.startsWith(named + ".")
                || field.startsWith(named + "[")
                || named.startsWith(field + ".")
                || named.startsWith(field + "[");
    }

    private void checkExternalIds(Probe p, Wire.Answer a) {
        for (String h : List.of("x-ping-external-transaction-id", "x-ping-external-session-id")) {
            String v = a.header(h);
            if (v != null && !SANE_EXTERNAL_ID.matcher(v).matches()) {
                fail(p, "echoes " + h + " unsanitized: '" + Text.cut(Text.visible(v), 120) + "'", a, null);
            }
        }
    }

    void fail(Probe p, String problem, Wire.Answer a, ServerLog.Cause serverCause) {
        findings.add(new Findings.Finding(
                p.route.toString(), p.kind, p.where, problem, p.request.summary(), a.summary(), serverCause));
    }

    /** A problem of the campaign's own coverage (a route it cannot reach), filed like a failure. */
    void coverage(Route route, String problem) {
        findings.add(new Findings.Finding(route.toString(), "coverage", null, problem, "-", "-", null));
    }

    // ---- requests

    /** A request to {@code target} with the route's method; on the management API with the admin token. */
    Wire.Request request(Route r, String target) {
        Wire.Request req = new Wire.Request(r.method(), target);
        if (r.isManagement()) req.header("Authorization", "Bearer " + w.token);
        return req;
    }

    /** Adds the route's valid body (the first known), if it takes one, so that only the hostile part is wrong. */
    Wire.Request withValidBody(Route r, Wire.Request req) {
        List<World.JsonSpec> specs = w.jsonSpecs.get(r.toString());
        if (specs != null) {
            World.JsonSpec s = specs.get(0);
            return req.body(s.contentType, J.write(s.template.apply(u())));
        }
        World.FormSpec f = w.formSpecs.get(r.toString());
        if (f != null) {
            if (f.authorization() != null && req.header("Authorization") == null)
                req.header("Authorization", f.authorization());
            return req.body(World.FORM, AuthFamilies.form(f.template().apply(u())));
        }
        String ct = w.contentTypeOnly.get(r.toString());
        if (ct != null) return req.body(ct, "{}");
        return req;
    }
}
