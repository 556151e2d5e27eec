import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.http.Json;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.users.User;
import io.latchkey.http.PageRequest;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.passwords.PasswordPolicyService;
import io.latchkey.passwords.PasswordService;
import io.latchkey.populations.PopulationService;
import io.latchkey.users.UserService;
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
import java.util.List;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Benchmark (not a test): GET /users?filter=... in an environment of many users, over real HTTP against a
 * Latchkey started in this JVM, on H2 or PostgreSQL (an embedded one unless LATCHKEY_BENCH_PG_URL is set).
 *
 * <p>Users are loaded through {@link UserStore#insertAll}, the very insert POST /users runs (profile document and
 * lower-cased search columns) as a JDBC batch, in transactions of 1,000 rows, without passwords (an Argon2id hash per user would
 * make loading 100,000 users take over an hour and does not change what the filter reads). The environment,
 * its default population and everything else come from the HTTP API.
 *
 * <p>Usage: {@code java -cp <classpath> bench/UsersFilterBench.java h2|postgres [users] [requests]}
 */
public class UsersFilterBench {
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path dir = Files.createTempDirectory("latchkey-bench-");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String adminEnv = UUID.randomUUID().toString();
        String clientId = UUID.randomUUID().toString();
        String secret = "bench-" + UUID.randomUUID();
        Config config = Config.defaults(dir).withPort(0).withMasterKey(Base64.getEncoder().encodeToString(key))
                .withAdmin(adminEnv, clientId, secret);
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
            HttpClient http = HttpClient.newHttpClient();
            String base = server.baseUrl();
            String token = Json.parse(send(http, HttpRequest.newBuilder(URI.create(base + "/" + adminEnv + "/as/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build())).path("access_token").asText();
            String env = Json.parse(send(http, json(base + "/v1/environments", token,
                    "{\"name\":\"bench-" + UUID.randomUUID() + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}"))).path("id").asText();
            String population = Json.parse(send(http, get(base + "/v1/environments/" + env + "/populations", token)))
                    .path("_embedded").path("populations").get(0).path("id").asText();

            long t0 = System.nanoTime();
            load(server.database(), env, population, users);
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            if (server.database().isPostgres()) server.database().useTransaction(h -> h.execute("analyze users"));
            System.out.printf("%s: loaded %,d users in %,d ms (%,.0f users/s)%n", kind, users, loadMs, users * 1000.0 / loadMs);

            String users_ = base + "/v1/environments/" + env + "/users?filter=";
            JsonNode check = Json.parse(send(http, get(users_ + enc("username eq \"USER42\""), token)));
            if (check.path("count").asInt() != 1) throw new IllegalStateException("sanity check failed: " + check);

            Random random = new Random(42);
            measureService(kind, server.database(), env, users, requests);
            measure(kind, "username eq \"userN\"", http, token, requests,
                    i -> users_ + enc("username eq \"user" + random.nextInt(users) + "\""));
            measure(kind, "email eq \"userN@example.com\"", http, token, requests,
                    i -> users_ + enc("email eq \"user" + random.nextInt(users) + "@example.com\""));
            measure(kind, "username sw \"userNNN\" (limit 100)", http, token, requests,
                    i -> users_ + enc("username sw \"user" + random.nextInt(Math.max(1, users / 1000)) + "\""));
            measure(kind, "name.family eq \"FamilyN\" and name.given sw \"g\"", http, token, requests,
                    i -> users_ + enc("name.family eq \"Family" + random.nextInt(users) + "\" and name.given sw \"g\""));
        } finally {
            if (pg != null) pg.close();
        }
    }

    static void load(Database db, String env, String population, int count) {
        UserStore store = new UserStore();
        int batch = 1_000;
        for (int start = 0; start < count; start += batch) {
            List<User> rows = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + batch); i++) {
                long now = System.currentTimeMillis();
                ObjectNode doc = Json.object().put("username", "user" + i).put("email", "user" + i + "@example.com");
                doc.putObject("name").put("given", "Given" + i).put("family", "Family" + i);
                rows.add(new User(Ids.newId(), env, population, "user" + i, "user" + i + "@example.com", true, doc,
                        new User.Account(null, null), false, false, "ACCOUNT_OK", null, null, now, now));
            }
            db.useTransaction(h -> store.insertAll(h, rows));
        }
    }

    /** The same filters through UserService in this JVM: the database's share of a request, without HTTP or auth. */
    static void measureService(String kind, Database db, String env, int users, int requests) {
        UserService service = new UserService(db, new PopulationService(db),
                new PasswordService(db, new PasswordHasher(), new PasswordPolicyService(db)));
        Random random = new Random(7);
        PageRequest page = PageRequest.of(null, null, 1000);
        for (int i = 0; i < 200; i++) service.list(env, "username eq \"user" + random.nextInt(users) + "\"", page);
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            String f = "username eq \"user" + random.nextInt(users) + "\"";
            long t = System.nanoTime();
            if (service.list(env, f, page).items().size() != 1) throw new IllegalStateException(f);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: UserService.list(username eq) in-process (SQL: list + count)  n=%d  p50=%.2f ms  p99=%.2f ms%n",
                kind, requests, ms(nanos, 0.50), ms(nanos, 0.99));
    }

    static void measure(String kind, String label, HttpClient http, String token, int requests, IntFunction<String> url)
            throws Exception {
        for (int i = 0; i < Math.min(200, requests); i++) send(http, get(url.apply(i), token)); // warm-up
        long[] nanos = new long[requests];
        long all = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            HttpRequest r = get(url.apply(i), token);
            long t = System.nanoTime();
            send(http, r);
            nanos[i] = System.nanoTime() - t;
        }
        long total = System.nanoTime() - all;
        Arrays.sort(nanos);
        System.out.printf("%s: GET /users?filter=%s  n=%d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms  (%.0f req/s, one client)%n",
                kind, label, requests, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[requests - 1] / 1e6,
                requests * 1e9 / total);
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    static HttpRequest json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String send(HttpClient http, HttpRequest r) throws Exception {
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) throw new IllegalStateException(r.uri() + " -> " + res.statusCode() + " " + res.body());
        return res.body();
    }
}
