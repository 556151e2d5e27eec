import io.latchkey.Main;
import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.http.Json;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine;

/**
 * Benchmark (not a test) of {@code latchkey import-users}, {@code export --with-users} and {@code import} with many
 * users, on H2 or PostgreSQL (an embedded one unless LATCHKEY_BENCH_PG_URL is set; the fresh database of the import
 * is then made beside it). A server creates the administrators and one more environment, then stops; the commands run
 * in this JVM as an operator runs them, on its data. Every user has the same pre-encoded bcrypt (cost 10) password:
 * an import never hashes a pre-encoded one, so its cost does not matter here.
 *
 * <p>Usage: {@code java -cp <classpath> bench/UserImportBench.java h2|postgres [users]}
 */
public class UserImportBench {
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("latchkey-bench-");
        String adminEnv = UUID.randomUUID().toString();
        String clientId = UUID.randomUUID().toString();
        String secret = "bench-" + UUID.randomUUID();
        // No master key in the configuration: the server writes master.key into the data dir, where the commands find it.
        Config config = Config.defaults(dir).withPort(0).withAdmin(adminEnv, clientId, secret);
        AutoCloseable pg = null;
        String pgUrl = null, pgUser = null, pgPassword = null;
        if (kind.equals("postgres")) {
            pgUrl = System.getenv("LATCHKEY_BENCH_PG_URL");
            if (pgUrl == null) {
                var embedded = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
                pg = embedded;
                pgUrl = embedded.getJdbcUrl("postgres", "postgres");
            }
            pgUser = System.getenv().getOrDefault("LATCHKEY_BENCH_PG_USER", "postgres");
            pgPassword = System.getenv().getOrDefault("LATCHKEY_BENCH_PG_PASSWORD", "postgres");
            config = config.withDatabase(pgUrl, pgUser, pgPassword);
        }
        try {
            String env;
            try (Latchkey server = Latchkey.start(config, new PrintStream(new ByteArrayOutputStream()))) {
                HttpClient http = HttpClient.newHttpClient();
                String base = server.baseUrl();
                String token = Json.parse(send(http, HttpRequest.newBuilder(URI.create(base + "/" + adminEnv + "/as/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()))
                        .path("access_token").asText();
                env = Json.parse(send(http, HttpRequest.newBuilder(URI.create(base + "/v1/environments"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"bench-" + UUID.randomUUID() + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}"))
                        .build())).path("id").asText();
            }
            Path lines = dir.resolve("users.jsonl");
            String hash = new BCryptPasswordEncoder(10).encode("Bench-Pa55word!");
            try (BufferedWriter w = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
                for (int i = 0; i < users; i++) {
                    w.write("{\"username\":\"user" + i + "\",\"email\":\"user" + i + "@example.com\",\"name\":{\"given\":\"Given"
                            + i + "\",\"family\":\"Family" + i + "\"},\"password\":\"" + hash + "\"}\n");
                }
            }
            List<String> from = dataOptions(dir, pgUrl, pgUser, pgPassword);
            time(kind, "import-users " + users + " users (JSON lines, pre-encoded bcrypt)", users,
                    cli(from, "import-users", "-e", env, lines.toString()));

            Path export = dir.resolve("export.json");
            time(kind, "export --with-users of that environment", users,
                    cli(from, "export", "-e", env, "--with-users", "-o", export.toString()));
            System.out.printf("%s:   export file: %,d bytes%n", kind, Files.size(export));

            Path fresh = Files.createTempDirectory("latchkey-bench-");
            Files.copy(dir.resolve("master.key"), fresh.resolve("master.key"));
            String freshUrl = null;
            if (pgUrl != null) {
                String name = "bench_" + System.nanoTime();
                try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword)) {
                    c.createStatement().execute("create database " + name);
                }
                freshUrl = pgUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
            }
            List<String> to = dataOptions(fresh, freshUrl, pgUser, pgPassword);
            time(kind, "import of that export into an empty database", users, cli(to, "import", export.toString()));
            time(kind, "import of the same file again (nothing changes)", users, cli(to, "import", export.toString()));
        } finally {
            if (pg != null) pg.close();
        }
    }

    static List<String> dataOptions(Path dir, String url, String user, String password) {
        List<String> o = new ArrayList<>(List.of("--data-dir", dir.toString()));
        if (url != null) o.addAll(List.of("--database-url", url, "--database-user", user, "--database-password=" + password));
        return o;
    }

    /** Runs a command in this JVM; returns its wall time in ms, or fails with its exit code. */
    static long cli(List<String> data, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(data);
        all.addAll(List.of(args));
        long t0 = System.nanoTime();
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(all.toArray(String[]::new));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (code != 0) throw new IllegalStateException(command + " exited " + code);
        return ms;
    }

    static void time(String kind, String what, int users, long ms) {
        System.out.printf("%s: %s: %,d ms (%,.0f users/s)%n", kind, what, ms, users * 1000.0 / Math.max(1, ms));
    }

    static String send(HttpClient http, HttpRequest r) throws Exception {
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) throw new IllegalStateException(response.statusCode() + " " + response.body());
        return response.body();
    }
}
