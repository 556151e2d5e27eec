import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A legitimate user's sign-on rate, on a quiet server and during a flood of failed sign-ons from another address.
 * The server must trust 127.0.0.1 as a proxy: the user speaks as 203.0.113.10 and the attackers as 198.51.100.66
 * through X-Forwarded-For. One sign-on = authorize (pi.flow) -> usernamePassword.check -> resume -> token, sequential.
 * Attackers post usernamePassword.check with unknown usernames on their flows as fast as answers come back.
 * Usage (see bench/signon-flood.sh): java -cp target/latchkey.jar bench/SignOnFlood.java BASE_URL ADMIN_ENV_ID
 *        ADMIN_CLIENT_ID ADMIN_CLIENT_SECRET SERVER_PID SECONDS ATTACKERS
 */
public class SignOnFlood {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REDIRECT = "https://client.example.com/callback";
    static final String PASSWORD = "Corr3ct-Horse-Battery!";
    static final String USER_ADDRESS = "203.0.113.10";
    static final String ATTACKER_ADDRESS = "198.51.100.66";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;
    String env, appId, appSecret, username;

    SignOnFlood(String base) { this.base = base; }

    public static void main(String[] args) throws Exception {
        SignOnFlood b = new SignOnFlood(args[0]);
        long pid = Long.parseLong(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int attackers = Integer.parseInt(args[6]);
        b.setUp(args[1], args[2], args[3]);
        for (int i = 0; i < 20; i++) b.signOn(); // warm-up

        double cpu0 = cpuSeconds(pid);
        long t0 = System.nanoTime();
        int quiet = b.signOnFor(seconds);
        double quietWall = (System.nanoTime() - t0) / 1e9, quietCpu = cpuSeconds(pid) - cpu0;

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong checked = new AtomicLong(), limitedFailures = new AtomicLong(), limitedRequests = new AtomicLong(), other = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < attackers; a++) {
            threads.add(Thread.ofPlatform().start(() -> b.attack(stop, checked, limitedFailures, limitedRequests, other)));
        }
        Thread.sleep(2000); // past the burst: what follows is the flood as it goes on
        long[] before = {checked.get(), limitedFailures.get(), limitedRequests.get(), other.get()};
        cpu0 = cpuSeconds(pid);
        t0 = System.nanoTime();
        int flooded = b.signOnFor(seconds);
        double floodWall = (System.nanoTime() - t0) / 1e9, floodCpu = cpuSeconds(pid) - cpu0;
        long[] after = {checked.get(), limitedFailures.get(), limitedRequests.get(), other.get()};
        stop.set(true);
        for (Thread t : threads) t.join();

        double quietRate = quiet / quietWall, floodRate = flooded / floodWall;
        System.out.printf("quiet:  %d sign-ons in %.1f s = %.1f sign-ons/s; server CPU %.1f s (%.0f%% of one core)%n",
                quiet, quietWall, quietRate, quietCpu, 100 * quietCpu / quietWall);
        System.out.printf("flood:  %d sign-ons in %.1f s = %.1f sign-ons/s; server CPU %.1f s (%.0f%% of one core)%n",
                flooded, floodWall, floodRate, floodCpu, 100 * floodCpu / floodWall);
        System.out.printf("ratio flood / quiet: %.2f%n", floodRate / quietRate);
        long c = after[0] - before[0], lf = after[1] - before[1], lr = after[2] - before[2], o = after[3] - before[3];
        System.out.printf("attackers (%d, one address) during the measured %.1f s: %d requests = %.0f/s; checked (400) %d,"
                        + " 429 failed-check limit %d, 429 request limit %d, other %d%n",
                attackers, floodWall, c + lf + lr + o, (c + lf + lr + o) / floodWall, c, lf, lr, o);
        System.out.printf("attackers in all (incl. the first 2 s): checked %d, 429 failed-check limit %d, 429 request limit %d, other %d%n",
                checked.get(), limitedFailures.get(), limitedRequests.get(), other.get());
    }

    /** utime + stime of the server process, from /proc (clock ticks of 1/100 s on Linux). */
    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    int signOnFor(int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int n = 0;
        while (System.nanoTime() < end) {
            signOn();
            n++;
        }
        return n;
    }

    /** One full sign-on of the user from its own address; anything but success stops the bench. */
    void signOn() throws Exception {
        HttpResponse<String> authorize = send(authorizeRequest(USER_ADDRESS));
        expect(200, authorize);
        String cookie = flowCookie(authorize);
        String flow = JSON.readTree(authorize.body()).path("id").asText();
        HttpResponse<String> check = send(check(flow, cookie, USER_ADDRESS, username));
        expect(200, check);
        HttpResponse<String> resume = send(HttpRequest.newBuilder(URI.create(base + "/" + env + "/as/resume?flowId=" + flow))
                .header("Cookie", cookie).header("X-Forwarded-For", USER_ADDRESS).GET());
        expect(200, resume);
        String code = JSON.readTree(resume.body()).path("authorizeResponse").path("code").asText();
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(base + "/" + env + "/as/token"))
                .header("Authorization", basic(appId, appSecret)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT))));
        expect(200, token);
    }

    void attack(AtomicBoolean stop, AtomicLong checked, AtomicLong limitedFailures, AtomicLong limitedRequests, AtomicLong other) {
        try {
            HttpResponse<String> authorize;
            do authorize = send(authorizeRequest(ATTACKER_ADDRESS)); while (authorize.statusCode() == 429 && !stop.get());
            String cookie = flowCookie(authorize);
            String flow = JSON.readTree(authorize.body()).path("id").asText();
            while (!stop.get()) {
                HttpResponse<String> r = send(check(flow, cookie, ATTACKER_ADDRESS, "nobody-" + UUID.randomUUID()));
                if (r.statusCode() == 400) checked.incrementAndGet();
                else if (r.statusCode() == 429 && r.body().contains("failed attempts")) limitedFailures.incrementAndGet();
                else if (r.statusCode() == 429) limitedRequests.incrementAndGet();
                else other.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder authorizeRequest(String address) {
        return HttpRequest.newBuilder(URI.create(base + "/" + env + "/as/authorize?response_type=code&client_id=" + appId
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid&response_mode=pi.flow")).header("X-Forwarded-For", address).GET();
    }

    HttpRequest.Builder check(String flow, String cookie, String address, String user) throws Exception {
        return HttpRequest.newBuilder(URI.create(base + "/" + env + "/flows/" + flow)).header("Cookie", cookie)
                .header("X-Forwarded-For", address)
                .header("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "password", PASSWORD))));
    }

    static String flowCookie(HttpResponse<String> r) {
        for (String c : r.headers().allValues("Set-Cookie")) if (c.startsWith("ST-FLOW=")) return c.substring(0, c.indexOf(';'));
        throw new IllegalStateException("No flow cookie: " + r.statusCode() + " " + r.body());
    }

    /** An environment, a web app and a user with a password, over the management API. */
    void setUp(String adminEnv, String adminId, String adminSecret) throws Exception {
        HttpResponse<String> t = send(HttpRequest.newBuilder(URI.create(base + "/" + adminEnv + "/as/token"))
                .header("Authorization", basic(adminId, adminSecret)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        expect(200, t);
        String bearer = "Bearer " + JSON.readTree(t.body()).path("access_token").asText();
        env = post(bearer, "/v1/environments", Map.of("name", "flood-" + UUID.randomUUID(), "region", "NA", "type", "SANDBOX"))
                .path("id").asText();
        appId = post(bearer, "/v1/environments/" + env + "/applications", Map.of("name", "web", "enabled", true,
                "protocol", "OPENID_CONNECT", "type", "WEB_APP", "grantTypes", List.of("AUTHORIZATION_CODE"),
                "responseTypes", List.of("CODE"), "tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC", "redirectUris", List.of(REDIRECT)))
                .path("id").asText();
        HttpResponse<String> secret = send(HttpRequest.newBuilder(URI.create(base + "/v1/environments/" + env + "/applications/" + appId + "/secret"))
                .header("Authorization", bearer).GET());
        expect(200, secret);
        appSecret = JSON.readTree(secret.body()).path("secret").asText();
        username = "user-" + UUID.randomUUID();
        String userId = post(bearer, "/v1/environments/" + env + "/users", Map.of("username", username,
                "email", username + "@example.com")).path("id").asText();
        expect(200, send(HttpRequest.newBuilder(URI.create(base + "/v1/environments/" + env + "/users/" + userId + "/password"))
                .header("Authorization", bearer).header("Content-Type", "application/vnd.pingidentity.password.set+json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("value", PASSWORD, "forceChange", false))))));
    }

    JsonNode post(String bearer, String path, Object body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        expect(201, r);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": expected " + status + ", got "
                    + r.statusCode() + " " + r.body());
        }
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
