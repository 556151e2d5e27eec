import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.http.Json;
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
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Benchmark (not a test): group membership queries with many users and groups, over real HTTP against a Latchkey
 * started in this JVM, on H2 or PostgreSQL (embedded unless LATCHKEY_BENCH_PG_URL is set), and the plans the
 * databases choose (EXPLAIN) for them.
 *
 * <p>Users are loaded with {@link UserStore#insertAll} (the insert of POST /users, without passwords), groups and
 * nestings over HTTP (the real closure maintenance), and three direct memberships per user as a JDBC batch of the
 * row POST /users/{id}/memberOfGroups writes. Groups come in clusters of ten: the nine others of a cluster are
 * nested in its first, and the first groups of clusters 1-9 in that of cluster 0, so nesting is up to three deep.
 *
 * <p>Usage: {@code java -cp <classpath> bench/GroupMembershipBench.java h2|postgres [users] [groups] [requests]}
 */
public class GroupMembershipBench {
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int groups = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 500;
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
            String v1 = base + "/v1/environments/" + env;
            Database db = server.database();

            long t0 = System.nanoTime();
            List<String> userIds = loadUsers(db, env, population, users);
            System.out.printf("%s: loaded %,d users in %,d ms%n", kind, users, (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            List<String> groupIds = new ArrayList<>();
            for (int g = 0; g < groups; g++)
                groupIds.add(Json.parse(send(http, json(v1 + "/groups", token, "{\"name\":\"group" + g + "\"}"))).path("id").asText());
            System.out.printf("%s: created %,d groups over HTTP in %,d ms%n", kind, groups, (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            int nestings = 0;
            long[] nestNanos = new long[groups];
            for (int g = 0; g < groups; g++) {
                int head = g - g % 10;
                String into = g % 10 != 0 ? groupIds.get(head) : (g >= 10 && g < 100 ? groupIds.get(0) : null);
                if (into == null) continue;
                long t = System.nanoTime();
                send(http, json(v1 + "/groups/" + groupIds.get(g) + "/memberOfGroups", token, "{\"id\":\"" + into + "\"}"));
                nestNanos[nestings++] = System.nanoTime() - t;
            }
            long[] nest = Arrays.copyOf(nestNanos, nestings);
            Arrays.sort(nest);
            System.out.printf("%s: %,d nestings over HTTP in %,d ms (each rewrites the closure: p50=%.2f ms p99=%.2f ms)%n",
                    kind, nestings, (System.nanoTime() - t0) / 1_000_000, ms(nest, 0.5), ms(nest, 0.99));
            t0 = System.nanoTime();
            loadMemberships(db, env, userIds, groupIds);
            if (db.isPostgres()) db.useTransaction(h -> h.execute("analyze"));
            System.out.printf("%s: loaded %,d direct memberships in %,d ms%n", kind, users * 3L, (System.nanoTime() - t0) / 1_000_000);

            String leaf = groupIds.get(5), head = groupIds.get(10), top = groupIds.get(0);
            String usersUrl = v1 + "/users?filter=";
            System.out.printf("%s: members of a leaf group: %s; of a cluster head (direct+nested): %s; of the top group: %s%n",
                    kind, count(http, token, usersUrl + enc(memberOf(leaf))), count(http, token, usersUrl + enc(memberOf(head))),
                    count(http, token, usersUrl + enc(memberOf(top))));

            Random random = new Random(42);
            measure(kind, "GET /users?filter=memberOfGroups[id eq leaf] (direct members, page of 100)", http, token, requests,
                    i -> usersUrl + enc(memberOf(groupIds.get(1 + random.nextInt(groups - 1) / 10 * 10 % groups + random.nextInt(9)))));
            measure(kind, "GET /users?filter=memberOfGroups[id eq head] (direct + nested)", http, token, requests,
                    i -> usersUrl + enc(memberOf(groupIds.get(random.nextInt(groups / 10) * 10))));
            measure(kind, "GET /users?filter=memberOfGroups[id eq top] (3 levels, ~1/4 of users)", http, token, requests,
                    i -> usersUrl + enc(memberOf(top)));
            measure(kind, "GET /users?filter=(memberOfGroups[id eq a] or memberOfGroups[id eq b]) and username sw \"user1\"", http,
                    token, requests, i -> usersUrl + enc("(" + memberOf(groupIds.get(random.nextInt(groups))) + " or "
                            + memberOf(groupIds.get(random.nextInt(groups))) + ") and username sw \"user1\""));
            measure(kind, "GET /users/{id}/memberOfGroups (direct + indirect)", http, token, requests,
                    i -> v1 + "/users/" + userIds.get(random.nextInt(users)) + "/memberOfGroups");
            measure(kind, "GET /users/{id}?include=memberOfGroupNames", http, token, requests,
                    i -> v1 + "/users/" + userIds.get(random.nextInt(users)) + "?include=memberOfGroupNames");

            explain(db, kind, "users by group (page)", "select u.id from users u where u.environment_id = '" + env
                    + "' and (u.id in (select m.user_id from group_closure c join group_members m on m.group_id ="
                    + " c.descendant_id where (c.ancestor_id = '" + head + "'))) order by u.id limit 101");
            explain(db, kind, "users by group (count)", "select count(*) from users u where u.environment_id = '" + env
                    + "' and (u.id in (select m.user_id from group_closure c join group_members m on m.group_id ="
                    + " c.descendant_id where (c.ancestor_id = '" + head + "')))");
            explain(db, kind, "groups of a user", "select g.id, x.direct from (select c.ancestor_id as group_id,"
                    + " max(case when m.group_id = c.ancestor_id then 1 else 0 end) as direct from group_members m join"
                    + " group_closure c on c.descendant_id = m.group_id where m.user_id = '" + userIds.get(77)
                    + "' group by c.ancestor_id) x join identity_groups g on g.id = x.group_id where 1 = 1 order by g.id limit 101");
        } finally {
            if (pg != null) pg.close();
        }
    }

    static String memberOf(String group) {
        return "memberOfGroups[id eq \"" + group + "\"]";
    }

    static String count(HttpClient http, String token, String url) throws Exception {
        return Json.parse(send(http, get(url, token))).path("count").asText();
    }

    static void explain(Database db, String kind, String label, String sql) {
        String prefix = db.isPostgres() ? "explain " : "explain ";
        List<String> plan = db.withHandle(h -> h.createQuery(prefix + sql).mapTo(String.class).list());
        System.out.printf("%s: EXPLAIN %s:%n    %s%n", kind, label, String.join("\n    ", plan).replace("\n", "\n    "));
    }

    static List<String> loadUsers(Database db, String env, String population, int count) {
        UserStore store = new UserStore();
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < count; start += 1_000) {
            List<User> rows = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 1_000); i++) {
                long now = System.currentTimeMillis();
                ObjectNode doc = Json.object().put("username", "user" + i).put("email", "user" + i + "@example.com");
                String id = Ids.newId();
                ids.add(id);
                rows.add(new User(id, env, population, "user" + i, "user" + i + "@example.com", true, doc,
                        new User.Account(null, null), false, false, "ACCOUNT_OK", null, null, now, now));
            }
            db.useTransaction(h -> store.insertAll(h, rows));
        }
        return ids;
    }

    /** Three distinct groups per user, spread evenly (about 300 direct members a group with 100,000 users). */
    static void loadMemberships(Database db, String env, List<String> users, List<String> groups) {
        int n = groups.size();
        for (int start = 0; start < users.size(); start += 1_000) {
            int from = start;
            db.useTransaction(h -> {
                PreparedBatch b = h.prepareBatch("insert into group_members (group_id, user_id, environment_id, created_at)"
                        + " values (:g, :u, :env, :now)");
                for (int i = from; i < Math.min(users.size(), from + 1_000); i++) {
                    int a = i % n, c = (i * 7 + 3) % n, d = (i * 13 + 5) % n;
                    for (int g : new java.util.TreeSet<>(List.of(a, c, d)))
                        b.bind("g", groups.get(g)).bind("u", users.get(i)).bind("env", env).bind("now", 0L).add();
                }
                b.execute();
            });
        }
    }

    static void measure(String kind, String label, HttpClient http, String token, int requests, IntFunction<String> url)
            throws Exception {
        for (int i = 0; i < Math.min(100, requests); i++) send(http, get(url.apply(i), token)); // warm-up
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            HttpRequest r = get(url.apply(i), token);
            long t = System.nanoTime();
            send(http, r);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %s  n=%d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms%n",
                kind, label, requests, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99));
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
