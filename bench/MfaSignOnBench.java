import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Benchmark (not a test): one browser-less sign-on with a password and a TOTP code, end to end over real HTTP against a
 * Latchkey started in this JVM on H2 (a temp dir): authorize -> usernamePassword.check -> otp.check -> resume -> token.
 * Each run is a new "browser" (its own cookies) and a new user (a TOTP code is accepted once per 30-second step, so one
 * user could sign on only once per step); users are made over the management API beforehand, with the default Argon2id
 * cost, so every run verifies one real password hash. The same sign-on without MFA (users with mfaEnabled false) runs
 * alongside, alternating, as the baseline. Prints the median and p90 of each, and the median of each step.
 *
 * <p>Usage: {@code java -cp <classpath> bench/MfaSignOnBench.java [runs]} (default 50; 5 warm-up runs each first)
 */
public class MfaSignOnBench {
    static final String REDIRECT = "https://client.example.com/cb";
    static final String PASSWORD = "Bench-passw0rd!" + UUID.randomUUID();
    static final String[] STEPS = {"authorize", "password", "otp.check", "resume", "token"};

    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static String base;
    static String token;
    static String env;
    static String clientId;
    static String clientSecret;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmUp = 5;
        Path dir = Files.createTempDirectory("latchkey-bench-");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String adminEnv = UUID.randomUUID().toString();
        String adminId = UUID.randomUUID().toString();
        String adminSecret = "bench-" + UUID.randomUUID();
        Config config = Config.defaults(dir).withPort(0).withMasterKey(Base64.getEncoder().encodeToString(key))
                .withAdmin(adminEnv, adminId, adminSecret);
        try (Latchkey server = Latchkey.start(config, new PrintStream(new ByteArrayOutputStream()))) {
            base = server.baseUrl();
            token = Json.parse(send(form(base + "/" + adminEnv + "/as/token", adminId, adminSecret,
                    "grant_type=client_credentials"), 200)).path("access_token").asText();
            setUp();
            List<String[]> mfaUsers = new ArrayList<>();
            List<String> plainUsers = new ArrayList<>();
            for (int i = 0; i < runs + warmUp; i++) {
                mfaUsers.add(mfaUser());
                plainUsers.add(user(false));
            }
            long[][] mfa = new long[runs][];
            long[][] plain = new long[runs][];
            for (int i = 0; i < runs + warmUp; i++) {
                long[] m = signOn(mfaUsers.get(i)[0], mfaUsers.get(i)[1]);
                long[] p = signOn(plainUsers.get(i), null);
                if (i >= warmUp) {
                    mfa[i - warmUp] = m;
                    plain[i - warmUp] = p;
                }
            }
            report("password + TOTP", mfa);
            report("password only  ", plain);
        }
    }

    /** An environment with a web app, an MFA policy with TOTP on, and the default sign-on policy running MFA. */
    static void setUp() throws Exception {
        env = Json.parse(send(json("POST", base + "/v1/environments",
                "{\"name\":\"bench-" + UUID.randomUUID() + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}"), 201))
                .path("id").asText();
        String v1 = base + "/v1/environments/" + env;
        JsonNode app = Json.parse(send(json("POST", v1 + "/applications", """
                {"name": "bench-app", "enabled": true, "protocol": "OPENID_CONNECT", "type": "WEB_APP",
                 "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"],
                 "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "redirectUris": ["%s"]}""".formatted(REDIRECT)), 201));
        clientId = app.path("id").asText();
        clientSecret = Json.parse(send(get(v1 + "/applications/" + clientId + "/secret"), 200)).path("secret").asText();
        String openid = null;
        for (JsonNode r : Json.parse(send(get(v1 + "/resources"), 200)).path("_embedded").path("resources")) {
            if (r.path("type").asText().equals("OPENID_CONNECT")) openid = r.path("id").asText();
        }
        String profile = null;
        for (JsonNode s : Json.parse(send(get(v1 + "/resources/" + openid + "/scopes"), 200))
                .path("_embedded").path("scopes")) {
            if (s.path("name").asText().equals("profile")) profile = s.path("id").asText();
        }
        send(json("POST", v1 + "/applications/" + clientId + "/grants",
                "{\"resource\": {\"id\": \"" + openid + "\"}, \"scopes\": [{\"id\": \"" + profile + "\"}]}"), 201);
        String offline = """
                {"enabled": true, "otp": {"failure": {"count": 3, "coolDown": {"duration": 0, "timeUnit": "MINUTES"}},
                 "lifeTime": {"duration": 30, "timeUnit": "MINUTES"}, "otpLength": 6}}""";
        String policy = Json.parse(send(json("POST", v1 + "/deviceAuthenticationPolicies", """
                {"name": "bench-mfa", "sms": %s, "email": %s, "voice": %s,
                 "mobile": {"enabled": false, "otp": {"failure": {"count": 3, "coolDown": {"duration": 2, "timeUnit": "MINUTES"}}}},
                 "totp": {"enabled": true, "otp": {"failure": {"count": 3, "coolDown": {"duration": 2, "timeUnit": "MINUTES"}}}},
                 "forSignOnPolicy": false, "default": false}""".formatted(offline, offline, offline)), 201))
                .path("id").asText();
        String signOnPolicy = null;
        for (JsonNode p : Json.parse(send(get(v1 + "/signOnPolicies"), 200)).path("_embedded").path("signOnPolicies")) {
            if (p.path("default").asBoolean()) signOnPolicy = p.path("id").asText();
        }
        send(json("POST", v1 + "/signOnPolicies/" + signOnPolicy + "/actions",
                "{\"priority\": 2, \"type\": \"MULTI_FACTOR_AUTHENTICATION\", \"deviceAuthenticationPolicy\": {\"id\": \""
                        + policy + "\"}}"), 201);
    }

    /** A user with the password set and MFA on or off. */
    static String user(boolean mfa) throws Exception {
        String v1 = base + "/v1/environments/" + env;
        String name = "bench-" + UUID.randomUUID();
        String id = Json.parse(send(json("POST", v1 + "/users",
                "{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\"}"), 201)).path("id").asText();
        send(request(v1 + "/users/" + id + "/password").header("Content-Type", "application/vnd.pingidentity.password.set+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"" + PASSWORD + "\", \"forceChange\": false}"))
                .build(), 200);
        if (mfa) send(json("PUT", v1 + "/users/" + id + "/mfaEnabled", "{\"mfaEnabled\": true}"), 200);
        return name;
    }

    /** A user with MFA on and a paired TOTP device: {username, base32 secret}. */
    static String[] mfaUser() throws Exception {
        String name = user(true);
        String v1 = base + "/v1/environments/" + env;
        String id = Json.parse(send(get(v1 + "/users?filter=" + URLEncoder.encode("username eq \"" + name + "\"",
                StandardCharsets.UTF_8)), 200)).path("_embedded").path("users").get(0).path("id").asText();
        JsonNode device = Json.parse(send(json("POST", v1 + "/users/" + id + "/devices", "{\"type\": \"TOTP\"}"), 200));
        String secret = device.path("secret").asText();
        send(request(v1 + "/users/" + id + "/devices/" + device.path("id").asText())
                .header("Content-Type", "application/vnd.pingidentity.device.activate+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"otp\": \"" + totp(secret, 0) + "\"}")).build(), 200);
        return new String[] {name, secret};
    }

    /** One sign-on as a new browser; returns the nanoseconds of each step, then the total. */
    static long[] signOn(String username, String totpSecret) throws Exception {
        long[] t = new long[STEPS.length + 1];
        Map<String, String> cookies = new LinkedHashMap<>();
        long start = System.nanoTime();
        long mark = start;
        String authorize = base + "/" + env + "/as/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid%20profile&state=b";
        HttpResponse<String> r = browser(HttpRequest.newBuilder(URI.create(authorize)).GET(), cookies, 302);
        String flowId = query(r.headers().firstValue("Location").orElseThrow()).get("flowId");
        String flow = base + "/" + env + "/flows/" + flowId;
        t[0] = System.nanoTime() - mark;
        mark = System.nanoTime();
        r = browser(HttpRequest.newBuilder(URI.create(flow))
                .header("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}")), cookies, 200);
        String status = Json.parse(r.body()).path("status").asText();
        t[1] = System.nanoTime() - mark;
        mark = System.nanoTime();
        if (totpSecret != null) {
            if (!status.equals("OTP_REQUIRED")) throw new IllegalStateException("expected OTP_REQUIRED: " + r.body());
            r = browser(HttpRequest.newBuilder(URI.create(flow))
                    .header("Content-Type", "application/vnd.pingidentity.otp.check+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"otp\": \"" + totp(totpSecret, 1) + "\"}")), cookies, 200);
            status = Json.parse(r.body()).path("status").asText();
        }
        if (!status.equals("COMPLETED")) throw new IllegalStateException("expected COMPLETED: " + r.body());
        t[2] = System.nanoTime() - mark;
        mark = System.nanoTime();
        r = browser(HttpRequest.newBuilder(URI.create(base + "/" + env + "/as/resume?flowId=" + flowId)).GET(), cookies,
                302);
        String code = query(r.headers().firstValue("Location").orElseThrow()).get("code");
        t[3] = System.nanoTime() - mark;
        mark = System.nanoTime();
        JsonNode tokens = Json.parse(send(form(base + "/" + env + "/as/token", clientId, clientSecret,
                "grant_type=authorization_code&code=" + code + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)), 200));
        if (!tokens.has("id_token")) throw new IllegalStateException("no id_token: " + tokens);
        t[4] = System.nanoTime() - mark;
        t[5] = System.nanoTime() - start;
        return t;
    }

    static void report(String name, long[][] runs) {
        StringBuilder steps = new StringBuilder();
        for (int s = 0; s < STEPS.length; s++) steps.append(String.format("  %s %.1f", STEPS[s], median(runs, s)));
        long[] totals = Arrays.stream(runs).mapToLong(t -> t[STEPS.length]).sorted().toArray();
        System.out.printf("%s  n=%d  median %.1f ms  p90 %.1f ms  min %.1f ms  | step medians (ms):%s%n", name,
                runs.length, totals[totals.length / 2] / 1e6, totals[(int) Math.ceil(0.9 * totals.length) - 1] / 1e6,
                totals[0] / 1e6, steps);
    }

    static double median(long[][] runs, int step) {
        long[] v = Arrays.stream(runs).mapToLong(t -> t[step]).sorted().toArray();
        return v[v.length / 2] / 1e6;
    }

    // ---------------------------------------------------------------- HTTP

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    static HttpRequest get(String url) {
        return request(url).GET().build();
    }

    static HttpRequest json(String method, String url, String body) {
        return request(url).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest form(String url, String id, String secret, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** A request of one browser: sends its cookies, keeps what it is given. */
    static HttpResponse<String> browser(HttpRequest.Builder b, Map<String, String> cookies, int expected)
            throws Exception {
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return r;
    }

    static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(location).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---------------------------------------------------------------- RFC 6238, on this side

    /** The 6-digit code of the current 30-second step shifted by {@code steps}. */
    static String totp(String base32, int steps) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String s = base32.replace("=", "").toUpperCase();
        ByteBuffer key = ByteBuffer.allocate(s.length() * 5 / 8);
        long buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key.put((byte) (buffer >>> (bits - 8)));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.array(), "HmacSHA1"));
        long counter = System.currentTimeMillis() / 1000 / 30 + steps;
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int o = h[h.length - 1] & 0x0f;
        int binary = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }
}
