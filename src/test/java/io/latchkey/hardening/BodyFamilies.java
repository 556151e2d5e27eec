package io.latchkey.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.hardening.Bodies.Node;
import io.latchkey.hardening.Campaign.Probe;
import io.latchkey.hardening.LiveRoutes.Route;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hostile JSON bodies and content types, built from each route's valid body: broken JSON, JSON that is not an
 * object, every field given a wrong type, every string field given NUL, 900 KB, an emoji, a lone surrogate, 128 "İ"
 * (U+0130, whose lower case is two characters) and as many "İ" as the field may hold.
 */
final class BodyFamilies {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Long enough for any field; the 400 it gets tells the field's maximum ({@code innerError.rangeMaximumValue}). */
    static final int PROBE_LENGTH = 5_000;

    private final Campaign c;

    BodyFamilies(Campaign c) {
        this.c = c;
    }

    /** Where a body goes and how: the route, its target, its content type and valid body, what follows a change. */
    static final class Target {
        final Route route;
        final Supplier<String> path;
        final String contentType;
        final Function<String, ObjectNode> template;
        final Consumer<Wire.Request> decorate;
        boolean emptyBodyOk;
        /** Every request to it must be refused, whatever the value (e.g. a sign-on as a user who does not exist). */
        boolean allRefused;

        Set<String> countedOnRefusal = Set.of();
        Consumer<Wire.Answer> afterChange;

        Target(
                Route route,
                Supplier<String> path,
                String contentType,
                Function<String, ObjectNode> template,
                Consumer<Wire.Request> decorate) {
            this.route = route;
            this.path = path;
            this.contentType = contentType;
            this.template = template;
            this.decorate = decorate;
        }

        String label() {
            return contentType.equals(World.JSON) ? "" : " [" + contentType + "]";
        }
    }

    /** The management API's target for one of a route's bodies; a PUT/PATCH is put back by sending the valid body. */
    Target management(Route r, World.JsonSpec spec) {
        World w = c.w;
        Target t = new Target(
                r,
                () -> w.fill(r.path()),
                spec.contentType,
                spec.template,
                req -> req.header("Authorization", "Bearer " + w.token));
        t.emptyBodyOk = spec.emptyBodyOk;
        t.countedOnRefusal = spec.countedOnRefusal;
        if (spec.restore != null) {
            t.afterChange = a -> spec.restore.run();
        } else if (r.method().equals("PUT") || r.method().equals("PATCH")) {
            t.afterChange = a -> {
                Wire.Request back =
                        request(t, J.write(spec.template.apply(c.u())).getBytes(StandardCharsets.UTF_8), t.contentType);
                Wire.Answer put = c.send(back);
                if (put.status() / 100 != 2)
                    c.coverage(r, "could not put the valid body back after an accepted change: " + put.summary());
            };
        }
        return t;
    }

    Wire.Request request(Target t, byte[] body, String contentType) {
        Wire.Request req = new Wire.Request(t.route.method(), t.path.get());
        t.decorate.accept(req);
        return req.body(contentType, body);
    }

    private Probe probe(Target t, String kind, byte[] body) {
        Probe p = new Probe(t.route, kind + t.label(), request(t, body, t.contentType));
        p.countedOnRefusal = t.countedOnRefusal;
        p.afterChange = t.afterChange;
        return p;
    }

    private Probe probe(Target t, String kind, String body) {
        return probe(t, kind, body.getBytes(StandardCharsets.UTF_8));
    }

    private Probe probe(Target t, String kind, JsonNode body, Bodies.Splices splices) {
        return probe(t, kind, splices == null ? J.write(body).getBytes(StandardCharsets.UTF_8) : splices.write(body));
    }

    private Probe tolerant(Probe p, Target t) {
        return t.allRefused ? p : p.tolerate();
    }

    // ---- whole bodies

    void brokenJson(Target t) {
        String valid = J.write(t.template.apply(c.u()));
        ObjectNode template = t.template.apply(c.u());
        String firstField =
                template.fieldNames().hasNext() ? template.fieldNames().next() : "name";
        c.run(probe(t, "JSON truncated", valid.substring(0, valid.length() - 1)));
        c.run(probe(t, "JSON truncated ({\"name\":\"a\")", "{\"name\":\"a\""));
        c.run(probe(t, "JSON with trailing data", valid + " trailing"));
        c.run(probe(t, "JSON with a second object after it", valid + J.write(t.template.apply(c.u()))));
        c.run(probe(t, "JSON nested 10,000 deep (unclosed)", "[".repeat(10_000)));
        c.run(probe(
                t,
                "JSON nested 10,000 deep in a field",
                "{\"" + firstField + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        Probe empty = probe(t, "empty body", new byte[0]);
        if (t.emptyBodyOk) empty.tolerate();
        c.run(empty);
        for (String notObject : List.of("[]", "\"x\"", "null", "123", "true"))
            c.run(probe(t, "JSON " + notObject + " instead of an object", notObject));
        c.run(tolerant(probe(t, "JSON {}", "{}"), t));
        c.run(probe(
                t,
                "JSON with a duplicate key",
                "{\"" + firstField + "\":" + J.write(template.get(firstField)) + "," + valid.substring(1)));
        c.run(probe(t, "JSON with a comment", "/* comment */" + valid));
        c.run(probe(t, "JSON with single quotes", valid.replace('"', '\'')));
        c.run(probe(t, "JSON with a trailing comma", valid.substring(0, valid.length() - 1) + ",}"));
        c.run(probe(t, "JSON with NaN", valid.substring(0, valid.length() - 1) + ",\"campaignNumber\":NaN}"));
        c.run(tolerant(probe(t, "JSON after a byte order mark", "\uFEFF" + valid), t));
        Node firstString = Bodies.nodes(template).stream()
                .filter(n -> n.value().isTextual())
                .findFirst()
                .orElse(null);
        if (firstString != null) {
            Bodies.Splices s = new Bodies.Splices();
            ObjectNode body = Bodies.with(
                    template, firstString.steps(), s.bytesInString("bad", new byte[] {(byte) 0xC3, (byte) 0x28}));
            c.run(probe(t, "JSON with bytes that are not UTF-8", body, s).where(firstString.path()));
        }
    }

    // ---- fields

    /**
     * Every field wrong at once, one round per kind of wrong value (each field must be named in details[]); on any
     * failure the round is repeated field by field, to say which. Then each string field alone with the odd values.
     */
    void fields(Target t) {
        List<Node> nodes = Bodies.nodes(t.template.apply("0"));
        List<Node> scalars = nodes.stream().filter(n -> !n.isContainer()).toList();
        List<Node> strings = scalars.stream().filter(n -> n.value().isTextual()).toList();
        List<Node> numbers = scalars.stream().filter(n -> n.value().isNumber()).toList();
        List<String> rounds = List.of(
                "wrong type: a number for strings, a string for numbers and booleans",
                "wrong type: a boolean for strings and numbers, a number for booleans",
                "wrong type: an array for every field",
                "wrong type: an object for every field");
        for (int round = 0; round < rounds.size(); round++) {
            final int k = round;
            allAtOnce(
                    t, rounds.get(k), scalars, n -> Bodies.wrongTypes(n.value()).get(k), null, false);
        }
        if (!numbers.isEmpty()) {
            for (String[] raw : List.of(
                    new String[] {"number 1e400", "1e400"},
                    new String[] {"number 99999999999999999999", "99999999999999999999"},
                    new String[] {"fraction 1.5 for an integer", "1.5"})) {
                Bodies.Splices s = new Bodies.Splices();
                allAtOnce(t, raw[0], numbers, n -> s.token(raw[1]), s, false);
            }
        }
        if (!strings.isEmpty()) {
            allAtOnce(
                    t,
                    "NUL (\\u0000) in every string",
                    strings,
                    n -> F.textNode(n.value().asText() + "\u0000x"),
                    null,
                    true);
        }
        for (Node n : nodes) {
            if (n.isContainer()) {
                for (JsonNode wrong : Bodies.wrongContainers(n.value())) {
                    c.run(probe(
                                    t,
                                    "wrong type (" + J.write(wrong) + " for "
                                            + (n.value().isObject() ? "an object" : "a list") + ")",
                                    Bodies.with(t.template.apply(c.u()), n.steps(), wrong),
                                    null)
                            .where(n.path())
                            .targets(List.of(n.path())));
                }
            }
            c.run(tolerant(
                    probe(t, "null", Bodies.with(t.template.apply(c.u()), n.steps(), null), null)
                            .where(n.path()),
                    t));
        }
        for (Node n : strings) oddStrings(t, n);
    }

    /** One round: every node in {@code nodes} given its wrong value; field by field again when that fails. */
    private void allAtOnce(
            Target t,
            String kind,
            List<Node> nodes,
            Function<Node, JsonNode> wrong,
            Bodies.Splices splices,
            boolean valueProblem) {
        if (nodes.isEmpty()) return;
        Map<List<Object>, JsonNode> all = new LinkedHashMap<>();
        for (Node n : nodes) all.put(n.steps(), wrong.apply(n));
        Probe p = probe(t, kind + ", all fields at once", Bodies.with(t.template.apply(c.u()), all), splices);
        named(p, t, nodes.stream().map(Node::path).toList(), valueProblem);
        p.quietTargets = true;
        Campaign.Result r = c.run(p);
        if (!r.failed() && r.missing().isEmpty()) return;
        // Field by field: all of them after a failure, else those the 400 did not name (one bad field, e.g. the type of
        // a sign-on action, can keep the others from being looked at).
        for (Node n : nodes) {
            if (!r.failed() && !r.missing().contains(n.path())) continue;
            c.run(named(
                    probe(t, kind, Bodies.with(t.template.apply(c.u()), n.steps(), wrong.apply(n)), splices)
                            .where(n.path()),
                    t,
                    List.of(n.path()),
                    valueProblem));
        }
    }

    /**
     * The fields a 400 must name. A value problem (NUL, too long) on a target where everything is refused anyway (a
     * sign-on as nobody) may be reported as the failed sign-on it also is: then any target will do.
     */
    private static Probe named(Probe p, Target t, List<String> fields, boolean valueProblem) {
        return t.allRefused && valueProblem ? p.anyTarget() : p.targets(fields);
    }

    /** The odd values of one string field, each alone. */
    private void oddStrings(Target t, Node n) {
        String valid = n.value().asText();
        Function<JsonNode, ObjectNode> body = v -> Bodies.with(t.template.apply(c.u()), n.steps(), v);
        Campaign.Result probe = c.run(tolerant(
                probe(
                                t,
                                "string of " + PROBE_LENGTH + " characters",
                                body.apply(F.textNode(pad(valid, 'A', PROBE_LENGTH))),
                                null)
                        .where(n.path()),
                t));
        Integer max = maximum(probe.answer(), n.path());
        // 50,000 characters first, timed; when slow, 100,000: where the work grows faster than the input, 900 KB would
        // tie
        // up a core for minutes (and the server's stop after the campaign would wait for it), so it is not sent.
        Timed fifty = timed(t, n, body, 50_000);
        Timed hundred = fifty.millis > 50 ? timed(t, n, body, 100_000) : null;
        if (hundred != null && hundred.millis > 250)
            hundred = timed(t, n, body, 100_000); // once more: not just a busy moment
        if (hundred != null && hundred.millis > 250) {
            c.fail(
                    hundred.probe,
                    "the work grows faster than the input: " + fifty.millis + " ms for 50,000 characters, "
                            + hundred.millis + " ms for 100,000 (900 KB not sent: it would tie up a core for minutes)",
                    hundred.answer,
                    null);
        } else {
            c.run(named(
                    probe(t, "string of 900 KB", body.apply(F.textNode("x".repeat(900_000))), null)
                            .where(n.path()),
                    t,
                    List.of(n.path()),
                    true));
        }
        String u = c.u();
        c.run(tolerant(
                probe(t, "emoji (non-BMP characters)", body.apply(F.textNode("😀𝄞" + u)), null)
                        .where(n.path()),
                t));
        Bodies.Splices s = new Bodies.Splices();
        c.run(tolerant(
                probe(t, "lone surrogate (\\ud800)", body.apply(s.escapeInString("camp" + u, "\\ud800", "")), s)
                        .where(n.path()),
                t));
        String dotted = "İ".repeat(128);
        c.run(tolerant(
                probe(t, "128 × İ (U+0130, lower case longer)", body.apply(F.textNode(dotted)), null)
                        .where(n.path()),
                t));
        if (max != null && max != 128 && max <= PROBE_LENGTH) {
            Campaign.Result full = c.run(tolerant(
                    probe(t, "İ up to the field's maximum (" + max + ")", body.apply(F.textNode("İ".repeat(max))), null)
                            .where(n.path()),
                    t));
            if (!full.accepted() && valid.length() < max) {
                c.run(tolerant(
                        probe(
                                        t,
                                        "valid value filled up with İ to the maximum (" + max + ")",
                                        body.apply(F.textNode(valid + "İ".repeat(max - valid.length()))),
                                        null)
                                .where(n.path()),
                        t));
            }
        }
        if (max == null || max >= 1_100) {
            c.run(tolerant(
                    probe(
                                    t,
                                    "valid value padded to 1,100 characters",
                                    body.apply(F.textNode(pad(valid, 'A', 1_100))),
                                    null)
                            .where(n.path()),
                    t));
        }
    }

    private record Timed(Probe probe, Wire.Answer answer, long millis) {}

    /** Sends a string of {@code length} characters to the field; how long the answer took. */
    private Timed timed(Target t, Node n, Function<JsonNode, ObjectNode> body, int length) {
        Probe p = named(
                probe(
                                t,
                                "string of " + String.format("%,d", length) + " characters",
                                body.apply(F.textNode("x".repeat(length))),
                                null)
                        .where(n.path()),
                t,
                List.of(n.path()),
                true);
        long start = System.currentTimeMillis();
        Wire.Answer a = c.run(p).answer();
        return new Timed(p, a, System.currentTimeMillis() - start);
    }

    /** {@code valid} followed by {@code with} up to at least {@code length}, the padding a multiple of 4 (base64 stays base64). */
    static String pad(String valid, char with, int length) {
        int add = Math.max(0, length - valid.length());
        add += (4 - add % 4) % 4;
        return valid + String.valueOf(with).repeat(add);
    }

    /** The maximum length a 400 tells for {@code field}, if it does. */
    private static Integer maximum(Wire.Answer a, String field) {
        if (a.status() != 400) return null;
        JsonNode body = J.parseOrNull(a.body());
        if (body == null) return null;
        for (JsonNode d : body.path("details")) {
            if (field.equals(d.path("target").asText())
                    && d.path("innerError").path("rangeMaximumValue").canConvertToInt()) {
                return d.path("innerError").path("rangeMaximumValue").asInt();
            }
        }
        return null;
    }

    // ---- content types

    /** The valid body with every wrong content type: none, text/plain, form, garbage, unknown and foreign charsets. */
    void contentTypes(Target t) {
        byte[] body = J.write(t.template.apply(c.u())).getBytes(StandardCharsets.UTF_8);
        Supplier<byte[]> fresh = () -> J.write(t.template.apply(c.u())).getBytes(StandardCharsets.UTF_8);
        record Ct(String kind, String value, boolean refused) {}
        List<Ct> cts = List.of(
                new Ct("no Content-Type", null, true),
                new Ct("Content-Type text/plain", "text/plain", true),
                new Ct("Content-Type with unknown charset (utf-9)", t.contentType + "; charset=utf-9", true),
                new Ct("Content-Type with charset=iso-8859-1", t.contentType + "; charset=iso-8859-1", false),
                new Ct("form Content-Type for a JSON body", World.FORM, true),
                new Ct("Content-Type ;;;", ";;;", true),
                new Ct("Content-Type with an empty charset", t.contentType + "; charset=", false));
        for (Ct ct : cts) {
            Wire.Request req = new Wire.Request(t.route.method(), t.path.get());
            t.decorate.accept(req);
            req.body(ct.value, fresh.get());
            Probe p = new Probe(t.route, ct.kind + t.label(), req);
            p.countedOnRefusal = t.countedOnRefusal;
            p.afterChange = t.afterChange;
            if (!ct.refused && !t.allRefused) p.tolerate();
            c.run(p);
        }
        Wire.Request form = new Wire.Request(t.route.method(), t.path.get());
        t.decorate.accept(form);
        form.body(World.FORM, "name=camp" + c.u() + "&description=x");
        Probe pf = new Probe(t.route, "form body where JSON is expected" + t.label(), form);
        pf.afterChange = t.afterChange;
        c.run(pf);
        Wire.Request twice = new Wire.Request(t.route.method(), t.path.get());
        t.decorate.accept(twice);
        twice.header("Content-Type", t.contentType).header("Content-Type", "text/plain").body = body;
        Probe pd = new Probe(t.route, "two Content-Type headers" + t.label(), twice);
        pd.afterChange = t.afterChange;
        pd.countedOnRefusal = t.countedOnRefusal;
        if (!t.allRefused) pd.tolerate();
        c.run(pd);
    }

    /** A route that takes a content type and no body (lock): wrong content types must not act. */
    void contentTypeOnly(Route r, String contentType) {
        World w = c.w;
        for (String[] ct : List.of(
                new String[] {"no Content-Type", null},
                new String[] {"Content-Type text/plain", "text/plain"},
                new String[] {"Content-Type with unknown charset (utf-9)", contentType + "; charset=utf-9"},
                new String[] {"Content-Type ;;;", ";;;"},
                new String[] {"Content-Type application/json", World.JSON})) {
            Wire.Request req =
                    new Wire.Request(r.method(), w.fill(r.path())).header("Authorization", "Bearer " + w.token);
            req.body(ct[1], "{}");
            c.run(new Probe(r, ct[0], req));
        }
    }

    /** Every family for one target. */
    void all(Target t) {
        brokenJson(t);
        fields(t);
        contentTypes(t);
    }
}
