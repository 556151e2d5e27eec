package io.latchkey.hardening;

import static io.latchkey.hardening.J.obj;
import static io.latchkey.hardening.PathAndHeaderFamilies.enc;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.hardening.Campaign.Probe;
import io.latchkey.hardening.LiveRoutes.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Auth API without an admin token: hostile form bodies of the OAuth endpoints, hostile authorize, token,
 * introspection, revocation, userinfo and sign-off requests, and flows driven as a browser drives them (with the
 * {@code ST-FLOW} cookie): NUL in flow ids and usernames, broken step bodies, hostile sign-on page posts.
 */
final class AuthFamilies {
    static final String CHECK = "application/vnd.pingidentity.usernamePassword.check+json";
    static final String FORGOT = "application/vnd.pingidentity.password.forgot+json";
    static final String REGISTER = "application/vnd.pingidentity.user.register+json";

    private final Campaign c;
    private final World w;
    private final BrowserlessFlow flows;
    /** The flow the browser-driven families use, renewed whenever a step moved it on. */
    private BrowserlessFlow.Started flow;

    AuthFamilies(Campaign c) {
        this.c = c;
        this.w = c.w;
        this.flows = new BrowserlessFlow(w);
    }

    static byte[] form(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(enc(k) + "=" + enc(v)));
        return String.join("&", parts).getBytes(StandardCharsets.UTF_8);
    }

    /** The form with {@code param}'s value replaced by {@code raw} (sent as is, not encoded). */
    private static String formWith(Map<String, String> params, String param, String raw) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(enc(k) + "=" + (k.equals(param) ? raw : enc(v))));
        return String.join("&", parts);
    }

    private BrowserlessFlow.Started flow() {
        if (flow == null) renew();
        return flow;
    }

    private void renew() {
        flow = flows.start();
        c.rebase();
    }

    private String env() {
        return "/" + w.env;
    }

    // ---- hostile form bodies (token, authorize, introspect, revoke, userinfo, signoff; the sign-on page)

    /** A form target: route, target, headers, valid params; whether any request to it must be refused. */
    private record FormTarget(
            Route route,
            Supplier<String> path,
            String authorization,
            Supplier<String> cookie,
            Function<String, Map<String, String>> template,
            boolean allRefused,
            boolean garbageRefused) {}

    void forms(Route r, World.FormSpec spec) {
        boolean garbageRefused = !r.path().endsWith("/as/signoff");
        forms(new FormTarget(
                r, () -> w.fill(r.path()), spec.authorization(), () -> null, spec.template(), false, garbageRefused));
    }

    private Wire.Request formRequest(FormTarget t, String contentType, byte[] body) {
        Wire.Request req = new Wire.Request(t.route.method(), t.path.get());
        if (t.authorization != null) req.header("Authorization", t.authorization);
        String cookie = t.cookie.get();
        if (cookie != null) req.header("Cookie", cookie);
        return req.body(contentType, body);
    }

    private Probe formProbe(FormTarget t, String kind, String body, boolean refused) {
        Probe p = new Probe(t.route, kind, formRequest(t, World.FORM, body.getBytes(StandardCharsets.UTF_8)));
        if (!refused && !t.allRefused) p.tolerate();
        if (t.cookie.get() != null) p.afterChange(a -> renew());
        return p;
    }

    private void forms(FormTarget t) {
        Map<String, String> template = t.template.apply(c.u());
        for (String param : template.keySet()) {
            Map<String, String> f = t.template.apply(c.u());
            String v = enc(f.get(param));
            c.run(formProbe(
                            t,
                            "form value with undecodable percent-encoding (%ZZ)",
                            formWith(f, param, v + "%ZZ"),
                            false)
                    .where(param));
            c.run(formProbe(t, "form value with NUL (%00)", formWith(f, param, v + "%00x"), false)
                    .where(param));
            c.run(formProbe(t, "form value of 900 KB", formWith(f, param, "x".repeat(900_000)), false)
                    .where(param));
            c.run(formProbe(t, "form value of 128 × İ", formWith(f, param, enc("İ".repeat(128))), false)
                    .where(param));
            c.run(formProbe(t, "form value with non-BMP characters", formWith(f, param, enc("😀𝄞")), false)
                    .where(param));
            c.run(formProbe(t, "form parameter twice", formWith(f, param, v) + "&" + enc(param) + "=other", false)
                    .where(param));
            c.run(formProbe(
                            t,
                            "form parameter without '='",
                            formWith(f, param, v).replace(enc(param) + "=" + v, enc(param)),
                            false)
                    .where(param));
        }
        for (String garbage : List.of("%ZZ", "&&&", "=&=", ";;;", "%00=%00")) {
            c.run(formProbe(t, "form body '" + garbage + "'", garbage, t.garbageRefused));
        }
        String valid = new String(form(t.template.apply(c.u())), StandardCharsets.UTF_8);
        record Ct(String kind, String value, byte[] body, boolean refused) {}
        for (Ct ct : List.of(
                new Ct(
                        "JSON where a form is expected",
                        World.JSON,
                        J.write(obj("a", "b")).getBytes(StandardCharsets.UTF_8),
                        true),
                new Ct("form without Content-Type", null, valid.getBytes(StandardCharsets.UTF_8), true),
                new Ct("form with Content-Type text/plain", "text/plain", valid.getBytes(StandardCharsets.UTF_8), true),
                new Ct(
                        "form with unknown charset (utf-9)",
                        World.FORM + "; charset=utf-9",
                        valid.getBytes(StandardCharsets.UTF_8),
                        true),
                new Ct("form with Content-Type ;;;", ";;;", valid.getBytes(StandardCharsets.UTF_8), true),
                new Ct(
                        "form with charset=iso-8859-1",
                        World.FORM + "; charset=iso-8859-1",
                        valid.getBytes(StandardCharsets.UTF_8),
                        false))) {
            Probe p = new Probe(t.route, ct.kind, formRequest(t, ct.value, ct.body));
            if (!ct.refused && !t.allRefused) p.tolerate();
            if (t.cookie.get() != null) p.afterChange(a -> renew());
            c.run(p);
        }
    }

    // ---- authorize

    void authorize(Route get) {
        String base = env() + "/as/authorize";
        String client = "response_type=code&client_id=" + w.webApp + "&redirect_uri=" + enc(World.REDIRECT_URI);
        List<String[]> refused = List.of(
                new String[] {"authorize without parameters", ""},
                new String[] {
                    "authorize with client_id NUL",
                    "response_type=code&client_id=%00&redirect_uri=" + enc(World.REDIRECT_URI)
                },
                new String[] {
                    "authorize with client_id not a UUID",
                    "response_type=code&client_id=nope&redirect_uri=" + enc(World.REDIRECT_URI)
                },
                new String[] {
                    "authorize with client_id of 5,000 characters", "response_type=code&client_id=" + "7".repeat(5_000)
                },
                new String[] {"authorize with client_id undecodable (%ZZ)", "response_type=code&client_id=%ZZ"},
                new String[] {
                    "authorize with redirect_uri NUL", "response_type=code&client_id=" + w.webApp + "&redirect_uri=%00"
                },
                new String[] {
                    "authorize with an unregistered redirect_uri",
                    "response_type=code&client_id=" + w.webApp + "&redirect_uri=" + enc("https://evil.example.com/cb")
                },
                new String[] {
                    "authorize with response_type garbage",
                    client.replace("response_type=code", "response_type=%00garbage") + "&scope=openid"
                },
                new String[] {"authorize with scope NUL", client + "&scope=openid%00profile"},
                new String[] {"authorize with scope of 128 × İ", client + "&scope=" + enc("İ".repeat(128))},
                new String[] {
                    "authorize with code_challenge_method garbage",
                    client + "&scope=openid&code_challenge=abc&code_challenge_method=%00"
                },
                new String[] {"authorize with prompt garbage", client + "&scope=openid&prompt=%00"},
                new String[] {"authorize with max_age 99999999999", client + "&scope=openid&max_age=99999999999"},
                new String[] {"authorize with max_age -1", client + "&scope=openid&max_age=-1"},
                new String[] {"authorize with response_mode garbage", client + "&scope=openid&response_mode=%00"},
                new String[] {"authorize with response_type twice", client + "&response_type=token&scope=openid"});
        for (String[] q : refused) c.run(new Probe(get, q[0], new Wire.Request("GET", base + "?" + q[1])));
        List<String[]> odd = List.of(
                new String[] {"authorize with state NUL", client + "&scope=openid&response_mode=pi.flow&state=a%00b"},
                new String[] {
                    "authorize with login_hint NUL", client + "&scope=openid&response_mode=pi.flow&login_hint=a%00b"
                },
                new String[] {
                    "authorize with nonce of 5,000 characters",
                    client + "&scope=openid&response_mode=pi.flow&nonce=" + "n".repeat(5_000)
                },
                new String[] {
                    "authorize with state of 128 × İ",
                    client + "&scope=openid&response_mode=pi.flow&state=" + enc("İ".repeat(128))
                },
                new String[] {
                    "authorize with state undecodable (%ZZ)", client + "&scope=openid&response_mode=pi.flow&state=%ZZ"
                },
                new String[] {
                    "authorize with a garbage ST-FLOW and ST cookie", client + "&scope=openid&response_mode=pi.flow"
                });
        for (String[] q : odd) {
            Wire.Request req = new Wire.Request("GET", base + "?" + q[1]);
            if (q[0].contains("cookie")) req.header("Cookie", "ST-FLOW=" + "g".repeat(43) + "; ST=garbage%00");
            c.run(new Probe(get, q[0], req).tolerate());
        }
    }

    // ---- token, introspect, revoke, userinfo, signoff

    void token(Route r) {
        String path = env() + "/as/token";
        String worker = World.basic(w.worker, w.workerSecret);
        String web = World.basic(w.webApp, w.webAppSecret);
        record T(String kind, String auth, String body) {}
        for (T t : List.of(
                new T("token without client authentication", null, "grant_type=client_credentials"),
                new T(
                        "token with Basic credentials holding NUL",
                        "Basic " + b64("a\u0000b:c"),
                        "grant_type=client_credentials"),
                new T(
                        "token with Basic credentials without a colon",
                        "Basic " + b64("no-colon"),
                        "grant_type=client_credentials"),
                new T(
                        "token with Basic credentials of 5,000 characters",
                        "Basic " + b64("7".repeat(5_000) + ":x"),
                        "grant_type=client_credentials"),
                new T("token with a wrong secret", World.basic(w.worker, "wrong"), "grant_type=client_credentials"),
                new T("token with grant_type NUL", worker, "grant_type=%00"),
                new T(
                        "token with grant_type twice",
                        worker,
                        "grant_type=client_credentials&grant_type=authorization_code"),
                new T(
                        "token with an authorization code NUL",
                        web,
                        "grant_type=authorization_code&code=%00&redirect_uri=" + enc(World.REDIRECT_URI)),
                new T(
                        "token with an authorization code of garbage",
                        web,
                        "grant_type=authorization_code&code=garbage&redirect_uri=" + enc(World.REDIRECT_URI)),
                new T("token with a refresh token NUL", web, "grant_type=refresh_token&refresh_token=%00"),
                new T(
                        "token with a refresh token of 5,000 characters",
                        web,
                        "grant_type=refresh_token&refresh_token=" + "r".repeat(5_000)),
                new T("token with a scope NUL", worker, "grant_type=client_credentials&scope=a%00b"),
                new T(
                        "token with a client assertion of garbage",
                        null,
                        "grant_type=client_credentials&client_id=" + w.worker + "&client_assertion_type="
                                + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                                + "&client_assertion=a.b.c"),
                new T(
                        "token with client_id NUL in the body",
                        null,
                        "grant_type=client_credentials&client_id=%00&client_secret=x"),
                new T(
                        "token with client_secret_post and Basic at once",
                        worker,
                        "grant_type=client_credentials&client_id=" + w.worker + "&client_secret="
                                + enc(w.workerSecret)))) {
            Wire.Request req = new Wire.Request("POST", path);
            if (t.auth != null) req.header("Authorization", t.auth);
            c.run(new Probe(r, t.kind, req.body(World.FORM, t.body)));
        }
    }

    /** Pushed authorization requests: every one of these is refused with an OAuth error, never stored. */
    void pushedAuthorization(Route r) {
        String path = w.fill(r.path());
        String web = World.basic(w.webApp, w.webAppSecret);
        String valid = "response_type=code&scope=openid&redirect_uri=" + enc(World.REDIRECT_URI);
        record T(String kind, String auth, String body) {}
        for (T t : List.of(
                new T("par without client authentication", null, valid),
                new T("par with a wrong secret", World.basic(w.webApp, "wrong"), valid),
                new T("par with client_id NUL in the body", null, valid + "&client_id=%00"),
                new T("par with another client_id than the authenticated one", web, valid + "&client_id=" + w.worker),
                new T(
                        "par with a request_uri",
                        web,
                        valid + "&request_uri=" + enc("urn:ietf:params:oauth:request_uri:x")),
                new T("par with a request object of garbage", web, valid + "&request=a.b.c"),
                new T(
                        "par with an unregistered redirect_uri",
                        web,
                        "response_type=code&scope=openid&redirect_uri=" + enc("https://attacker.example.com/cb")),
                new T(
                        "par with response_type NUL",
                        web,
                        "response_type=%00&scope=openid&redirect_uri=" + enc(World.REDIRECT_URI)))) {
            Wire.Request req = new Wire.Request("POST", path);
            if (t.auth != null) req.header("Authorization", t.auth);
            c.run(new Probe(r, t.kind, req.body(World.FORM, t.body)));
        }
    }

    void introspectAndRevoke(Route r) {
        String path = w.fill(r.path());
        String web = World.basic(w.webApp, w.webAppSecret);
        c.run(new Probe(
                r, "without client authentication", new Wire.Request("POST", path).body(World.FORM, "token=abc")));
        c.run(new Probe(
                r,
                "without a token",
                new Wire.Request("POST", path).header("Authorization", web).body(World.FORM, "")));
        c.run(new Probe(
                        r,
                        "token NUL",
                        new Wire.Request("POST", path)
                                .header("Authorization", web)
                                .body(World.FORM, "token=%00"))
                .tolerate());
        c.run(new Probe(
                        r,
                        "token of 20 KB",
                        new Wire.Request("POST", path)
                                .header("Authorization", web)
                                .body(World.FORM, "token=" + "e".repeat(20_000)))
                .tolerate());
        c.run(new Probe(
                        r,
                        "token_type_hint garbage",
                        new Wire.Request("POST", path)
                                .header("Authorization", web)
                                .body(World.FORM, "token=abc&token_type_hint=%00"))
                .tolerate());
    }

    void userinfo(Route r) {
        String path = env() + "/as/userinfo";
        if (r.method().equals("POST")) {
            c.run(new Probe(
                    r,
                    "access_token NUL in the form",
                    new Wire.Request("POST", path).body(World.FORM, "access_token=%00")));
            c.run(new Probe(
                    r,
                    "access_token in the form and the header",
                    new Wire.Request("POST", path)
                            .header("Authorization", "Bearer a.b.c")
                            .body(World.FORM, "access_token=d.e.f")));
        }
        c.run(new Probe(
                r,
                "a management token from another environment",
                new Wire.Request(r.method(), path).header("Authorization", "Bearer " + w.token)));
        c.run(new Probe(
                r,
                "a JWT with alg none",
                new Wire.Request(r.method(), path)
                        .header(
                                "Authorization",
                                "Bearer " + b64url("{\"alg\":\"none\"}") + "."
                                        + b64url("{\"sub\":\"x\",\"scope\":\"openid\"}") + ".")));
    }

    void signoff(Route r) {
        String path = env() + "/as/signoff";
        for (String[] q : List.of(
                new String[] {"id_token_hint garbage", "id_token_hint=a.b.c"},
                new String[] {"id_token_hint NUL", "id_token_hint=%00"},
                new String[] {"id_token_hint of 5,000 characters", "id_token_hint=" + "h".repeat(5_000)},
                new String[] {
                    "an unregistered post_logout_redirect_uri",
                    "post_logout_redirect_uri=" + enc("https://evil.example.com/")
                },
                new String[] {"post_logout_redirect_uri NUL", "post_logout_redirect_uri=%00"})) {
            Wire.Request req = r.method().equals("GET")
                    ? new Wire.Request("GET", path + "?" + q[1])
                    : new Wire.Request("POST", path).body(World.FORM, q[1]);
            c.run(new Probe(r, q[0], req));
        }
    }

    // ---- flows as a browser drives them

    void resume(Route r) {
        String path = env() + "/as/resume";
        for (String[] q : List.of(
                new String[] {"resume with flowId NUL (%00)", "?flowId=%00"},
                new String[] {"resume without flowId", ""},
                new String[] {"resume with an empty flowId", "?flowId="},
                new String[] {"resume with flowId not a UUID", "?flowId=nope"},
                new String[] {"resume with flowId of 5,000 characters", "?flowId=" + "7".repeat(5_000)},
                new String[] {"resume with flowId undecodable (%ZZ)", "?flowId=%ZZ"},
                new String[] {"resume with flowId twice", "?flowId=" + flow().id() + "&flowId=%00"})) {
            c.run(new Probe(r, q[0], new Wire.Request("GET", path + q[1]).header("Cookie", flow().cookieHeader())));
        }
        String target = path + "?flowId=" + flow().id();
        c.run(new Probe(r, "resume without the ST-FLOW cookie", new Wire.Request("GET", target)));
        c.run(new Probe(
                r,
                "resume of a flow that is not complete",
                new Wire.Request("GET", target).header("Cookie", flow().cookieHeader())));
        c.run(new Probe(
                r,
                "resume with another browser's ST-FLOW",
                new Wire.Request("GET", target).header("Cookie", "ST-FLOW=" + "g".repeat(43))));
        c.run(new Probe(
                r,
                "resume with an ST-FLOW of 6 KB",
                new Wire.Request("GET", target).header("Cookie", "ST-FLOW=" + "g".repeat(6_000))));
        c.run(new Probe(
                r,
                "resume with an ST-FLOW holding NUL",
                new Wire.Request("GET", target)
                        .rawHeader(("Cookie: ST-FLOW=" + flow().cookie() + "\u0000")
                                .getBytes(StandardCharsets.ISO_8859_1))));
    }

    void signOnPage(Route get) {
        String path = env() + "/signon";
        for (String[] q : List.of(
                new String[] {"sign-on page with flowId NUL (%00)", "?flowId=%00"},
                new String[] {"sign-on page without flowId", ""},
                new String[] {"sign-on page with flowId not a UUID", "?flowId=nope"},
                new String[] {"sign-on page with flowId of 5,000 characters", "?flowId=" + "7".repeat(5_000)},
                new String[] {"sign-on page with flowId undecodable (%ZZ)", "?flowId=%ZZ"})) {
            c.run(new Probe(get, q[0], new Wire.Request("GET", path + q[1]).header("Cookie", flow().cookieHeader())));
        }
        c.run(new Probe(
                get,
                "sign-on page without the ST-FLOW cookie",
                new Wire.Request("GET", path + "?flowId=" + flow().id())));
        c.run(new Probe(
                        get,
                        "sign-on page with view garbage",
                        new Wire.Request("GET", path + "?flowId=" + flow().id() + "&view=%00")
                                .header("Cookie", flow().cookieHeader()))
                .tolerate());
    }

    /** The sign-on page's form posts, as the page's own forms send them, with hostile values. */
    void signOnPosts(Route post) {
        forms(new FormTarget(
                post,
                () -> env() + "/signon?flowId=" + flow().id(),
                null,
                () -> flow().cookieHeader(),
                u -> World.map(
                        "action", "usernamePassword.check", "username", "nobody-" + u, "password", "Wr0ng-Pass-" + u),
                true,
                true));
        for (String[] f : List.of(
                new String[] {"sign-on page post with action NUL", "action=%00&username=a&password=b"},
                new String[] {"sign-on page post without action", "username=a&password=b"},
                new String[] {
                    "sign-on page post: password.forgot with username NUL", "action=password.forgot&username=a%00b"
                },
                new String[] {
                    "sign-on page post: user.register with username NUL",
                    "action=user.register&username=a%00b&email=a%40b.c&password=x"
                })) {
            Probe p = new Probe(
                    post,
                    f[0],
                    new Wire.Request("POST", env() + "/signon?flowId=" + flow().id())
                            .header("Cookie", flow().cookieHeader())
                            .body(World.FORM, f[1]));
            c.run(p.afterChange(a -> renew()));
        }
        c.run(new Probe(
                post,
                "sign-on page post with flowId NUL",
                new Wire.Request("POST", env() + "/signon?flowId=%00")
                        .header("Cookie", flow().cookieHeader())
                        .body(World.FORM, "action=usernamePassword.check&username=a&password=b")));
    }

    void flowReads(Route get) {
        String path = env() + "/flows/";
        c.run(new Probe(
                get,
                "flow id NUL (%00) with the browser's cookie",
                new Wire.Request("GET", path + "%00").header("Cookie", flow().cookieHeader())));
        c.run(new Probe(
                get,
                "flow id not a UUID with the browser's cookie",
                new Wire.Request("GET", path + "nope").header("Cookie", flow().cookieHeader())));
        c.run(new Probe(get, "flow without the ST-FLOW cookie", new Wire.Request("GET", path + flow().id())));
        c.run(new Probe(
                get,
                "flow with another browser's ST-FLOW",
                new Wire.Request("GET", path + flow().id()).header("Cookie", "ST-FLOW=" + "g".repeat(43))));
        c.run(new Probe(
                get,
                "flow with an ST-FLOW of 6 KB",
                new Wire.Request("GET", path + flow().id()).header("Cookie", "ST-FLOW=" + "g".repeat(6_000))));
        c.run(new Probe(
                get,
                "flow with an ST-FLOW holding NUL",
                new Wire.Request("GET", path + flow().id())
                        .rawHeader(("Cookie: ST-FLOW=" + flow().cookie() + "\u0000")
                                .getBytes(StandardCharsets.ISO_8859_1))));
        c.run(new Probe(
                        get,
                        "flow with two ST-FLOW cookies",
                        new Wire.Request("GET", path + flow().id())
                                .header("Cookie", "ST-FLOW=" + "g".repeat(43) + "; " + flow().cookieHeader()))
                .tolerate());
    }

    /** Step bodies posted to a live flow with its browser's cookie: the JSON body families on each step. */
    void flowSteps(Route post, BodyFamilies bodies) {
        String path = env() + "/flows/";
        c.run(new Probe(
                        post,
                        "step with an unknown content type",
                        new Wire.Request("POST", path + flow().id())
                                .header("Cookie", flow().cookieHeader())
                                .body("application/vnd.pingidentity.nosuch+json", "{}"))
                .afterChange(a -> renew()));
        c.run(new Probe(
                post,
                "step to flow id NUL (%00)",
                new Wire.Request("POST", path + "%00")
                        .header("Cookie", flow().cookieHeader())
                        .body(CHECK, "{\"username\":\"a\",\"password\":\"b\"}")));

        BodyFamilies.Target check =
                step(post, CHECK, u -> obj("username", "nobody-" + u, "password", "Wr0ng-Pass-" + u));
        check.allRefused = true; // no such user: nothing may sign on, whatever the values
        bodies.all(check);

        BodyFamilies.Target forgot = step(post, FORGOT, u -> obj("username", "nobody-" + u));
        bodies.brokenJson(forgot);
        bodies.fields(forgot);

        BodyFamilies.Target register = step(
                post,
                REGISTER,
                u -> obj(
                        "username",
                        "camp-r-" + u,
                        "email",
                        "camp-r-" + u + "@example.com",
                        "password",
                        "Pw-" + u + "-Kx9!vTq#2mWz",
                        "name",
                        obj("given", "Reg", "family", "Istrant")));
        register.afterChange = a -> {
            JsonNode body = J.parseOrNull(a.body());
            String user = body == null
                    ? null
                    : body.path("_embedded").path("user").path("id").asText(null);
            if (user != null)
                c.send(new Wire.Request("DELETE", "/v1/environments/" + w.env + "/users/" + user)
                        .header("Authorization", "Bearer " + w.token));
            renew();
        };
        bodies.brokenJson(register);
        bodies.fields(register);
    }

    private BodyFamilies.Target step(
            Route post, String contentType, Function<String, com.fasterxml.jackson.databind.node.ObjectNode> template) {
        BodyFamilies.Target t = new BodyFamilies.Target(
                post,
                () -> env() + "/flows/" + flow().id(),
                contentType,
                template,
                req -> req.header("Cookie", flow().cookieHeader()));
        t.afterChange = a -> renew();
        return t;
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String s) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
