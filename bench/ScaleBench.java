import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.applications.ApplicationService;
import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.EnvironmentService;
import io.latchkey.http.Json;
import io.latchkey.keys.SigningKeyService;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.passwords.PasswordService;
import io.latchkey.passwords.PasswordStore;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.users.User;
import io.latchkey.users.UserStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Benchmark (not a test): do sign-ons and tokens stay as fast with many environments and with many users in one?
 * Issue 15's "scale runs". Latchkey runs in this JVM (real HTTP server) on H2 in a temp dir or PostgreSQL (an
 * embedded one unless LATCHKEY_BENCH_PG_URL / _USER / _PASSWORD name one).
 *
 * <ol>
 *   <li>Baseline: environment #1 set up over the API as the reference sign-on needs it (a WEB_APP with a client
 *       secret, authorization code and client credentials; a custom resource with a scope, granted, and openid/profile
 *       granted; the default sign-on policy, whose action is LOGIN; the default population) and 1,000 users with one
 *       password hash (hashed once by the server's {@link PasswordHasher} with its default Argon2id cost, the same
 *       encoded value stored for everyone), loaded through {@link UserStore#insertAll} and {@link PasswordStore#insertAll}
 *       as JDBC batches of 1,000, the inserts that POST /users and import-users run. Measures (a) sign-ons of random
 *       users, (b) client_credentials tokens, (c) introspection of such a token.</li>
 *   <li>Environments: N-2 more are written in this JVM with the server's own code, {@link EnvironmentService#create}
 *       (all that POST /v1/environments writes: policies, population, resources and scopes, sign-on policy) plus a
 *       WORKER application each ({@link ApplicationService#createWorker}), 100 per transaction; then environment #N
 *       is set up over the API like #1. (a)(b)(c) in #1 and #N.</li>
 *   <li>Users: environment #1 is filled up to M users the same way; (a) for random users across all M.</li>
 * </ol>
 * One client, requests sent one at a time, latency measured around each HTTP call (a sign-on: around all four). Before
 * the baseline, one unreported round of sign-ons and tokens warms both JVMs up.
 * Counts: SCALE_SIGNONS (300, after 30 warm-up), SCALE_TOKENS (2,000, after 200 warm-up) in the environment.
 *
 * <p>Usage: {@code java -cp <classpath> bench/ScaleBench.java h2|postgres [environments] [users]}
 */
public class ScaleBench {
    static final String REDIRECT = "https://client.example.com/cb";
    static final String PASSWORD = "Bench-passw0rd!" + UUID.randomUUID();
    static final int BASE_USERS = 1_000;

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    static String base;
    static String adminToken;
    static final Random RANDOM = new Random(42);
    static final List<String> TABLE = new ArrayList<>();
    static final List<String> LOADS = new ArrayList<>();

    /** An environment set up for the reference sign-on. */
    record Env(String id, String appId, String secret, String population, String scope) {}

    record Figures(double p50, double p90) {}

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int environments = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int signOns = Integer.parseInt(System.getenv().getOrDefault("SCALE_SIGNONS", "300"));
        int tokens = Integer.parseInt(System.getenv().getOrDefault("SCALE_TOKENS", "2000"));
        if (environments < 2 || users < BASE_USERS) throw new IllegalArgumentException("environments >= 2, users >= 1000");

        Path dir = Files.createTempDirectory("latchkey-bench-");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String adminEnv = UUID.randomUUID().toString();
        String adminId = UUID.randomUUID().toString();
        String adminSecret = "bench-" + UUID.randomUUID();
        String masterKey = Base64.getEncoder().encodeToString(key);
        Config config = Config.defaults(dir).withPort(0).withMasterKey(masterKey).withAdmin(adminEnv, adminId, adminSecret);
        AutoCloseable pg = null;
        if (kind.equals("postgres")) {
            String url = System.getenv("LATCHKEY_BENCH_PG_URL");
            if (url == null) {
                var embedded = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
                pg = embedded;
                url = embedded.getJdbcUrl("postgres", "postgres");
            }
            config = config.withDatabase(url, System.getenv().getOrDefault("LATCHKEY_BENCH_PG_USER", "postgres"),
                    System.getenv().getOrDefault("LATCHKEY_BENCH_PG_PASSWORD", "postgres"));
        }
        try (Latchkey server = Latchkey.start(config, new PrintStream(new ByteArrayOutputStream()))) {
            base = server.baseUrl();
            Database db = server.database();
            adminToken = Json.parse(send(form(base + "/" + adminEnv + "/as/token", adminId, adminSecret,
                    "grant_type=client_credentials"), 200)).path("access_token").asText();
            // The server's default Argon2id cost (Config.defaults), hashed once for every user.
            String hash = new PasswordHasher().hash(PASSWORD);

            // 1. Baseline: one environment (besides the administrators'), 1,000 users.
            Env first = referenceEnv("bench-env-1");
            loadUsers(db, first, 0, BASE_USERS, hash);
            analyze(db);
            // A fresh JVM (server and client) runs its first thousands of requests slower while the JIT compiles: one
            // unreported round of each scenario first, so that the baseline is not the only cold measurement.
            for (int i = 0; i < signOns; i++) signOn(first, "user" + RANDOM.nextInt(BASE_USERS));
            for (int i = 0; i < tokens; i++) {
                String t = Json.parse(send(ccRequest(first), 200)).path("access_token").asText();
                send(form(base + "/" + first.id() + "/as/introspect", first.appId(), first.secret(), "token=" + enc(t)), 200);
            }
            Figures signOn0 = signOns(kind, "baseline: sign-on, 1 env, 1,000 users", first, BASE_USERS, signOns);
            Figures token0 = tokens(kind, "baseline: client_credentials, 1 env", first, tokens);
            Figures intro0 = introspections(kind, "baseline: introspection, 1 env", first, tokens);

            // 2. N environments: #2..#N-1 in bulk, #N over the API like #1.
            long t0 = System.nanoTime();
            fillEnvironments(db, SecretBox.load(masterKey, dir), environments - 2);
            Env last = referenceEnv("bench-env-" + environments);
            loadUsers(db, last, 0, BASE_USERS, hash);
            analyze(db);
            long envMs = (System.nanoTime() - t0) / 1_000_000;
            LOADS.add(String.format("%s: %,d environments (#2..#%d in bulk, #%d over the API with 1,000 users) in %,.1f s (%,.0f environments/s)",
                    kind, environments - 1, environments, environments, envMs / 1000.0, (environments - 1) * 1000.0 / envMs));
            System.out.println(LOADS.getLast());
            Map<String, long[]> before = seqScans(db);
            String n = String.format("%,d", environments);
            Figures s1 = signOns(kind, "sign-on in env #1 of " + n, first, BASE_USERS, signOns);
            Figures sN = signOns(kind, "sign-on in env #" + n + " of " + n, last, BASE_USERS, signOns);
            Figures t1 = tokens(kind, "client_credentials in env #1 of " + n, first, tokens);
            Figures tN = tokens(kind, "client_credentials in env #" + n + " of " + n, last, tokens);
            Figures i1 = introspections(kind, "introspection in env #1 of " + n, first, tokens);
            Figures iN = introspections(kind, "introspection in env #" + n + " of " + n, last, tokens);
            Map<String, long[]> afterEnvs = seqScans(db);

            // 3. M users in environment #1.
            t0 = System.nanoTime();
            loadUsers(db, first, BASE_USERS, users, hash);
            analyze(db);
            long userMs = (System.nanoTime() - t0) / 1_000_000;
            LOADS.add(String.format("%s: %,d more users (with password) in env #1 in %,.1f s (%,.0f users/s), ANALYZE included",
                    kind, users - BASE_USERS, userMs / 1000.0, (users - BASE_USERS) * 1000.0 / userMs));
            System.out.println(LOADS.getLast());
            Map<String, long[]> beforeUsers = seqScans(db);
            Figures sU = signOns(kind, "sign-on in env #1 with " + String.format("%,d", users) + " users", first, users, signOns);
            Map<String, long[]> afterUsers = seqScans(db);

            row(kind, "sign-on, baseline (1 env, 1,000 users)", signOn0, signOn0);
            row(kind, "sign-on, env #1 of " + n, s1, signOn0);
            row(kind, "sign-on, env #" + n + " of " + n, sN, signOn0);
            row(kind, "sign-on, " + String.format("%,d", users) + " users in env #1", sU, signOn0);
            row(kind, "client_credentials, baseline", token0, token0);
            row(kind, "client_credentials, env #1 of " + n, t1, token0);
            row(kind, "client_credentials, env #" + n + " of " + n, tN, token0);
            row(kind, "introspection, baseline", intro0, intro0);
            row(kind, "introspection, env #1 of " + n, i1, intro0);
            row(kind, "introspection, env #" + n + " of " + n, iN, intro0);
            System.out.println();
            System.out.println("| database | scenario | p50 ms | p90 ms | p50 ratio to baseline | p90 ratio |");
            System.out.println("|---|---|---|---|---|---|");
            TABLE.forEach(System.out::println);
            System.out.println();
            LOADS.forEach(l -> System.out.println("load: " + l));
            if (db.isPostgres()) {
                printSeqScans("the measurements in env #1 and #" + n + " of " + n, before, afterEnvs);
                printSeqScans("the sign-ons with " + String.format("%,d", users) + " users", beforeUsers, afterUsers);
            }
        } finally {
            if (pg != null) pg.close();
        }
    }

    static void row(String kind, String scenario, Figures f, Figures baseline) {
        TABLE.add(String.format("| %s | %s | %.1f | %.1f | %.2f | %.2f |", kind, scenario, f.p50, f.p90,
                f.p50 / baseline.p50, f.p90 / baseline.p90));
    }

    // ---------------------------------------------------------------- set-up

    /** An environment with the reference sign-on's objects, all over the management API. */
    static Env referenceEnv(String name) throws Exception {
        long t0 = System.nanoTime();
        String env = Json.parse(send(json("POST", base + "/v1/environments",
                "{\"name\":\"" + name + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}"), 201)).path("id").asText();
        System.out.printf("  POST /v1/environments (%s): %.1f ms%n", name, (System.nanoTime() - t0) / 1e6);
        String v1 = base + "/v1/environments/" + env;
        String app = Json.parse(send(json("POST", v1 + "/applications", """
                {"name": "bench-app", "enabled": true, "protocol": "OPENID_CONNECT", "type": "WEB_APP",
                 "grantTypes": ["AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"], "responseTypes": ["CODE"],
                 "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "redirectUris": ["%s"]}""".formatted(REDIRECT)), 201))
                .path("id").asText();
        String secret = Json.parse(send(get(v1 + "/applications/" + app + "/secret"), 200)).path("secret").asText();
        String resource = Json.parse(send(json("POST", v1 + "/resources",
                "{\"name\": \"bench-api\", \"audience\": \"https://api.bench.example.com\"}"), 201)).path("id").asText();
        String scope = Json.parse(send(json("POST", v1 + "/resources/" + resource + "/scopes", "{\"name\": \"bench:read\"}"), 201))
                .path("id").asText();
        send(json("POST", v1 + "/applications/" + app + "/grants",
                "{\"resource\": {\"id\": \"" + resource + "\"}, \"scopes\": [{\"id\": \"" + scope + "\"}]}"), 201);
        String openid = null;
        for (JsonNode r : Json.parse(send(get(v1 + "/resources"), 200)).path("_embedded").path("resources")) {
            if (r.path("type").asText().equals("OPENID_CONNECT")) openid = r.path("id").asText();
        }
        String profile = null;
        for (JsonNode s : Json.parse(send(get(v1 + "/resources/" + openid + "/scopes"), 200)).path("_embedded").path("scopes")) {
            if (s.path("name").asText().equals("profile")) profile = s.path("id").asText();
        }
        send(json("POST", v1 + "/applications/" + app + "/grants",
                "{\"resource\": {\"id\": \"" + openid + "\"}, \"scopes\": [{\"id\": \"" + profile + "\"}]}"), 201);
        // The default sign-on policy (Single_Factor: one LOGIN action) applies to every application.
        JsonNode policy = null;
        for (JsonNode p : Json.parse(send(get(v1 + "/signOnPolicies"), 200)).path("_embedded").path("signOnPolicies")) {
            if (p.path("default").asBoolean()) policy = p;
        }
        JsonNode actions = Json.parse(send(get(v1 + "/signOnPolicies/" + policy.path("id").asText() + "/actions"), 200))
                .path("_embedded").path("actions");
        if (actions.size() != 1 || !actions.get(0).path("type").asText().equals("LOGIN")) {
            throw new IllegalStateException("expected one LOGIN action: " + actions);
        }
        String population = null;
        for (JsonNode p : Json.parse(send(get(v1 + "/populations"), 200)).path("_embedded").path("populations")) {
            if (p.path("default").asBoolean()) population = p.path("id").asText();
        }
        return new Env(env, app, secret, population, "bench:read");
    }

    /** Users user0.. with one password hash, through the inserts POST /users and import-users run, 1,000 per transaction. */
    static void loadUsers(Database db, Env env, int from, int to, String hash) {
        UserStore users = new UserStore();
        PasswordStore passwords = new PasswordStore();
        for (int start = from; start < to; start += 1_000) {
            long now = System.currentTimeMillis();
            List<User> rows = new ArrayList<>();
            List<PasswordService.NewPassword> hashes = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + 1_000); i++) {
                ObjectNode doc = Json.object().put("username", "user" + i).put("email", "user" + i + "@example.com");
                doc.putObject("name").put("given", "Given" + i).put("family", "Family" + i);
                String id = Ids.newId();
                rows.add(new User(id, env.id(), env.population(), "user" + i, "user" + i + "@example.com", true, doc,
                        new User.Account(null, null), false, false, "ACCOUNT_OK", null, null, now, now));
                hashes.add(new PasswordService.NewPassword(id, env.population(), hash, false));
            }
            db.useTransaction(h -> {
                users.insertAll(h, rows);
                passwords.insertAll(h, env.id(), hashes, now);
            });
        }
    }

    /** Environments written by the server's code in this JVM, each with a WORKER application, 100 per transaction. */
    static void fillEnvironments(Database db, SecretBox box, int count) {
        EnvironmentService environments = new EnvironmentService(db, new SigningKeyService(db, box));
        ApplicationService applications = new ApplicationService(db, box);
        long t0 = System.nanoTime();
        for (int start = 0; start < count; start += 100) {
            int from = start;
            db.useTransaction(h -> {
                for (int i = from; i < Math.min(count, from + 100); i++) {
                    String env = Ids.newId();
                    environments.create(h, env, Json.object().put("name", "bench-fill-" + (i + 2)).put("region", "NA")
                            .put("type", "SANDBOX"));
                    applications.createWorker(h, env, Ids.newId(), "bench-worker", "bench-" + UUID.randomUUID());
                }
            });
            if ((start + 100) % 1_000 == 0) {
                System.out.printf("  %,d environments written (%,.0f/s)%n", start + 100,
                        (start + 100) * 1e9 / (System.nanoTime() - t0));
            }
        }
    }

    static void analyze(Database db) {
        if (db.isPostgres()) db.useTransaction(h -> h.execute("analyze"));
    }

    // ---------------------------------------------------------------- measurements

    static Figures signOns(String kind, String label, Env env, int userCount, int count) throws Exception {
        for (int i = 0; i < Math.max(1, count / 10); i++) signOn(env, "user" + RANDOM.nextInt(userCount));
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String user = "user" + RANDOM.nextInt(userCount);
            long t = System.nanoTime();
            signOn(env, user);
            nanos[i] = System.nanoTime() - t;
        }
        return report(kind, label, nanos);
    }

    static Figures tokens(String kind, String label, Env env, int count) throws Exception {
        HttpRequest r = ccRequest(env);
        for (int i = 0; i < Math.max(1, count / 10); i++) send(r, 200);
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            if (!send(r, 200).contains("access_token")) throw new IllegalStateException("no token");
            nanos[i] = System.nanoTime() - t;
        }
        return report(kind, label, nanos);
    }

    static Figures introspections(String kind, String label, Env env, int count) throws Exception {
        String token = Json.parse(send(ccRequest(env), 200)).path("access_token").asText();
        HttpRequest r = form(base + "/" + env.id() + "/as/introspect", env.appId(), env.secret(),
                "token=" + enc(token));
        for (int i = 0; i < Math.max(1, count / 10); i++) send(r, 200);
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            if (!Json.parse(send(r, 200)).path("active").asBoolean()) throw new IllegalStateException("inactive");
            nanos[i] = System.nanoTime() - t;
        }
        return report(kind, label, nanos);
    }

    static HttpRequest ccRequest(Env env) {
        return form(base + "/" + env.id() + "/as/token", env.appId(), env.secret(),
                "grant_type=client_credentials&scope=" + enc(env.scope()));
    }

    static Figures report(String kind, String label, long[] nanos) {
        Arrays.sort(nanos);
        Figures f = new Figures(ms(nanos, 0.50), ms(nanos, 0.90));
        System.out.printf("%s: %s  n=%d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms%n", kind, label, nanos.length, f.p50, f.p90,
                ms(nanos, 0.99));
        return f;
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The reference sign-on as a new browser: authorize (pi.flow) -> usernamePassword.check -> resume -> token. */
    static void signOn(Env env, String username) throws Exception {
        Map<String, String> cookies = new LinkedHashMap<>();
        String as = base + "/" + env.id() + "/as";
        JsonNode flow = Json.parse(browser(HttpRequest.newBuilder(URI.create(as + "/authorize?response_type=code&client_id="
                + env.appId() + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid%20profile&state=b&response_mode=pi.flow"))
                .GET(), cookies, 200).body());
        String flowId = flow.path("id").asText();
        JsonNode checked = Json.parse(browser(HttpRequest.newBuilder(URI.create(base + "/" + env.id() + "/flows/" + flowId))
                .header("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}")), cookies, 200).body());
        if (!checked.path("status").asText().equals("COMPLETED")) throw new IllegalStateException("not COMPLETED: " + checked);
        String code = Json.parse(browser(HttpRequest.newBuilder(URI.create(as + "/resume?flowId=" + flowId)).GET(), cookies, 200)
                .body()).path("authorizeResponse").path("code").asText();
        JsonNode tokens = Json.parse(send(form(as + "/token", env.appId(), env.secret(),
                "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)), 200));
        if (!tokens.has("id_token")) throw new IllegalStateException("no id_token: " + tokens);
    }

    // ---------------------------------------------------------------- PostgreSQL: sequential scans while measuring

    /** relname -> {seq_scan, seq_tup_read, idx_scan}. */
    static Map<String, long[]> seqScans(Database db) throws InterruptedException {
        if (!db.isPostgres()) return Map.of();
        Thread.sleep(1_500); // other backends report their counters at most once a second
        Map<String, long[]> out = new TreeMap<>();
        db.withHandle(h -> h.createQuery("select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) as idx from pg_stat_user_tables")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)}))
                .list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static void printSeqScans(String during, Map<String, long[]> before, Map<String, long[]> after) {
        System.out.println();
        System.out.println("PostgreSQL, table scans during " + during + " (pg_stat_user_tables deltas):");
        System.out.println("| table | seq scans | rows read by seq scans | index scans |");
        System.out.println("|---|---|---|---|");
        for (var e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[3]);
            long[] a = e.getValue();
            if (a[0] - b[0] > 0 || a[2] - b[2] > 0) {
                System.out.printf("| %s | %,d | %,d | %,d |%n", e.getKey(), a[0] - b[0], a[1] - b[1], a[2] - b[2]);
            }
        }
    }

    // ---------------------------------------------------------------- HTTP

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminToken);
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
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /** A request of one browser: sends its cookies, keeps what it is given. */
    static HttpResponse<String> browser(HttpRequest.Builder b, Map<String, String> cookies, int expected) throws Exception {
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return r;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
