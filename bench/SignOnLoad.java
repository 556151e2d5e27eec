import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full browser-less authorization-code sign-ons under concurrency, against Latchkey or Keycloak: each of `clients`
 * threads signs its own user on again and again for `seconds` (after a warm-up) and each sign-on ends with the code
 * exchanged for tokens. Prints "RESULT sign-ons/s p50_ms p99_ms".
 * <ul>
 *   <li>Latchkey: authorize (response_mode=pi.flow) -> usernamePassword.check on the flow -> resume -> token; set up over
 *       the management API in a new environment (a web app, one user per client with a password).
 *   <li>Keycloak: authorize (its login page) -> POST of the login form -> 302 with the code -> token, each sign-on with a
 *       fresh cookie jar (no SSO session); set up in its master realm over its admin API. Keycloak 26 hashes passwords
 *       with Argon2id, 7 MiB, 5 iterations, as Latchkey's defaults do.
 * </ul>
 * Usage: java -cp target/latchkey.jar bench/SignOnLoad.java latchkey BASE ADMIN_ENV ADMIN_CLIENT ADMIN_SECRET CLIENTS SECONDS
 *        java -cp target/latchkey.jar bench/SignOnLoad.java keycloak BASE ADMIN_USER ADMIN_PASSWORD - CLIENTS SECONDS
 */
public class SignOnLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REDIRECT = "https://client.example.com/callback";
    static final String PASSWORD = "Corr3ct-Horse-Battery!";
    static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    interface SignOn {
        void run(String username) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String product = args[0], base = args[1];
        int clients = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        List<String> users = new ArrayList<>();
        SignOn signOn = product.equals("keycloak")
                ? keycloak(base, args[2], args[3], clients, users)
                : latchkey(base, args[2], args[3], args[4], clients, users);
        signOnFor(signOn, users, 5); // warm-up, as wrk's scenarios get
        long t0 = System.nanoTime();
        List<Long> sorted = signOnFor(signOn, users, seconds);
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT %.1f %.1f %.1f%n", sorted.size() / wall, ms(sorted, 0.50), ms(sorted, 0.99));
    }

    /** Each user's thread signs on until the time is up; the latencies, sorted (ns). */
    static List<Long> signOnFor(SignOn signOn, List<String> users, int seconds) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (String u : users) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        signOn.run(u);
                        latencies.add(System.nanoTime() - t0);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
            }));
        }
        for (Thread t : threads) t.join();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }

    static double ms(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size()))) / 1e6;
    }

    // ---- Latchkey: the PingOne flows API

    static SignOn latchkey(String base, String adminEnv, String adminId, String adminSecret, int clients, List<String> users)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonNode t = expect(200, send(http, HttpRequest.newBuilder(URI.create(base + "/" + adminEnv + "/as/token"))
                .header("Authorization", basic(adminId, adminSecret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))));
        String bearer = "Bearer " + t.path("access_token").asText();
        String env = post(http, bearer, base + "/v1/environments",
                Map.of("name", "signon-load-" + UUID.randomUUID(), "region", "NA", "type", "SANDBOX")).path("id").asText();
        String appId = post(http, bearer, base + "/v1/environments/" + env + "/applications", Map.of("name", "web",
                "enabled", true, "protocol", "OPENID_CONNECT", "type", "WEB_APP", "grantTypes", List.of("AUTHORIZATION_CODE"),
                "responseTypes", List.of("CODE"), "tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC",
                "redirectUris", List.of(REDIRECT))).path("id").asText();
        String appSecret = expect(200, send(http, HttpRequest.newBuilder(URI.create(
                base + "/v1/environments/" + env + "/applications/" + appId + "/secret")).header("Authorization", bearer).GET()))
                .path("secret").asText();
        for (int i = 0; i < clients; i++) {
            String username = "user-" + i + "-" + UUID.randomUUID();
            String userId = post(http, bearer, base + "/v1/environments/" + env + "/users",
                    Map.of("username", username, "email", username + "@example.com")).path("id").asText();
            expect(200, send(http, HttpRequest.newBuilder(URI.create(base + "/v1/environments/" + env + "/users/" + userId + "/password"))
                    .header("Authorization", bearer).header("Content-Type", "application/vnd.pingidentity.password.set+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("value", PASSWORD, "forceChange", false))))));
            users.add(username);
        }
        String as = base + "/" + env + "/as";
        return username -> {
            HttpResponse<String> authorize = send(http, HttpRequest.newBuilder(URI.create(as + "/authorize?response_type=code&client_id="
                    + appId + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid&response_mode=pi.flow")).GET());
            String flow = expect(200, authorize).path("id").asText();
            String cookie = authorize.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ST-FLOW="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            expect(200, send(http, HttpRequest.newBuilder(URI.create(base + "/" + env + "/flows/" + flow)).header("Cookie", cookie)
                    .header("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", PASSWORD))))));
            String code = expect(200, send(http, HttpRequest.newBuilder(URI.create(as + "/resume?flowId=" + flow))
                    .header("Cookie", cookie).GET())).path("authorizeResponse").path("code").asText();
            expect(200, send(http, tokenRequest(as + "/token", appId, appSecret, code)));
        };
    }

    // ---- Keycloak: its login form, as a browser posts it

    static SignOn keycloak(String base, String adminUser, String adminPassword, int clients, List<String> users) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String oidc = base + "/realms/master/protocol/openid-connect";
        JsonNode t = expect(200, send(http, HttpRequest.newBuilder(URI.create(oidc + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + enc(adminUser)
                        + "&password=" + enc(adminPassword)))));
        String bearer = "Bearer " + t.path("access_token").asText();
        String clientId = "bench-web-" + UUID.randomUUID(), secret = "bench-web-secret";
        expect(201, send(http, HttpRequest.newBuilder(URI.create(base + "/admin/realms/master/clients")).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "clientId", clientId, "secret", secret, "publicClient", false, "standardFlowEnabled", true,
                        "directAccessGrantsEnabled", false, "redirectUris", List.of(REDIRECT)))))));
        for (int i = 0; i < clients; i++) {
            String username = "user-" + i + "-" + UUID.randomUUID();
            expect(201, send(http, HttpRequest.newBuilder(URI.create(base + "/admin/realms/master/users")).header("Authorization", bearer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "username", username, "email", username + "@example.com", "firstName", "Bench", "lastName", "User",
                            "emailVerified", true, "enabled", true,
                            "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))))))));
            users.add(username);
        }
        return username -> {
            // Fresh cookies per sign-on: no SSO session carried over, as Latchkey's flows carry none. Sent by hand:
            // Keycloak marks them Secure, which java.net's cookie handler would not send over plain HTTP.
            HttpResponse<String> page = send(http, HttpRequest.newBuilder(URI.create(oidc + "/auth?response_type=code&client_id="
                    + clientId + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid")).GET());
            Matcher m = FORM_ACTION.matcher(page.body());
            if (page.statusCode() != 200 || !m.find()) throw new IllegalStateException("No login form: " + page.statusCode());
            String action = m.group(1).replace("&amp;", "&");
            String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream()
                    .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).toList());
            HttpResponse<String> login = send(http, HttpRequest.newBuilder(URI.create(action)).header("Cookie", cookies)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(PASSWORD) + "&credentialId=")));
            String location = login.headers().firstValue("Location").orElse("");
            if (login.statusCode() != 302 || !location.contains("code="))
                throw new IllegalStateException("Login: " + login.statusCode() + " " + login.body().replaceAll("(?s).*<title>|</title>.*", ""));
            String code = decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"));
            expect(200, send(http, tokenRequest(oidc + "/token", clientId, secret, code)));
        };
    }

    // ---- HTTP

    static HttpRequest.Builder tokenRequest(String url, String clientId, String secret, String code) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)));
    }

    static JsonNode post(HttpClient http, String bearer, String url, Object body) throws Exception {
        return expect(201, send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode expect(int status, HttpResponse<String> r) throws Exception {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri().getPath() + ": expected " + status
                    + ", got " + r.statusCode());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
