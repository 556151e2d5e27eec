package io.latchkey.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code latchkey serve} in a JVM of its own, started with the test JVM's java and class path, for tests that must
 * kill a server outright ({@link #kill()} is SIGKILL: no shutdown hook, no close of the pool) or run two servers as
 * separate processes. Its stdout and stderr go to a file that failure messages quote ({@link #output()}).
 *
 * <p>No child outlives its test: {@link #close()} kills it, a shutdown hook of the test JVM kills any left over, and
 * the child is started through {@link OrphanGuard}, which halts it when its stdin (a pipe from the test JVM) closes,
 * i.e. when the test JVM is gone however it went.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Pattern SERVING = Pattern.compile("Latchkey is serving (\\S+) \\(");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "server-process-reaper"));
    }

    /**
     * What a server process is started with. A null admin id or secret means the server generates it (and prints it);
     * a null database URL means embedded H2 in {@code dataDir}.
     */
    public record Setup(
            Path dataDir,
            String databaseUrl,
            String databaseUser,
            String databasePassword,
            String masterKey,
            String adminEnvironmentId,
            String adminClientId,
            String adminClientSecret) {

        /** A new data dir, a new master key, fixed admin ids and secret, and on PostgreSQL a new empty database. */
        public static Setup fresh(Db db) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path dir;
            try {
                dir = Files.createTempDirectory("latchkey-process-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String url = db == Db.POSTGRES ? EmbeddedPostgres.newDatabaseUrl() : null;
            return new Setup(
                    dir,
                    url,
                    url == null ? null : "postgres",
                    url == null ? null : "postgres",
                    Base64.getEncoder().encodeToString(key),
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    "process-admin-secret-" + UUID.randomUUID() + UUID.randomUUID());
        }

        /** The same, but the server generates the admin ids and secret. */
        public Setup withGeneratedAdmin() {
            return new Setup(dataDir, databaseUrl, databaseUser, databasePassword, masterKey, null, null, null);
        }

        /** The same database and master key, with a data dir of its own (a second process on one PostgreSQL). */
        public Setup withOwnDataDir() {
            try {
                return new Setup(
                        Files.createTempDirectory("latchkey-process-"),
                        databaseUrl,
                        databaseUser,
                        databasePassword,
                        masterKey,
                        adminEnvironmentId,
                        adminClientId,
                        adminClientSecret);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Setup setup;
    private final String name;
    private final Process process;
    private final Path log;
    private String baseUrl;

    private ServerProcess(Setup setup, String name, Process process, Path log) {
        this.setup = setup;
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts a server and waits until it answers HTTP. */
    public static ServerProcess start(Setup setup, String name) {
        ServerProcess p = launch(setup, name);
        try {
            p.awaitServing();
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Starts a server and returns at once; {@link #awaitServing()} waits for it (two servers starting together). */
    public static ServerProcess launch(Setup setup, String name) {
        return launch(setup, name, 0);
    }

    /** As {@link #launch(Setup, String)}, on {@code port} (0: any free one). */
    public static ServerProcess launch(Setup setup, String name, int port) {
        return launch(setup, name, port, List.of(), Map.of());
    }

    /** As {@link #launch(Setup, String, int)}, with more options for {@code serve} ({@code --access-log}, ...). */
    public static ServerProcess launch(Setup setup, String name, int port, List<String> options) {
        return launch(setup, name, port, options, Map.of());
    }

    /** As above, with more {@code serve} options and {@code LATCHKEY_*} environment variables (TLS settings, ...). */
    public static ServerProcess launch(
            Setup setup, String name, int port, List<String> options, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Small and quick to start: the development machine has two cores shared by everything.
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m"));
        // Under surefire this is usually a manifest-only jar whose Class-Path lists the real entries; -cp takes it too.
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.add(OrphanGuard.class.getName());
        command.addAll(List.of(
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                setup.dataDir().toString()));
        if (setup.databaseUrl() != null) {
            command.addAll(List.of("--database-url", setup.databaseUrl()));
            if (setup.databaseUser() != null) command.addAll(List.of("--database-user", setup.databaseUser()));
            if (setup.databasePassword() != null) command.add("--database-password=" + setup.databasePassword());
        }
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LATCHKEY_"));
        put(env, "LATCHKEY_MASTER_KEY", setup.masterKey());
        put(env, "LATCHKEY_ADMIN_ENVIRONMENT_ID", setup.adminEnvironmentId());
        put(env, "LATCHKEY_ADMIN_CLIENT_ID", setup.adminClientId());
        put(env, "LATCHKEY_ADMIN_CLIENT_SECRET", setup.adminClientSecret());
        env.putAll(environment);
        try {
            Path log = Files.createTempFile("latchkey-" + name + "-", ".log");
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // stdin stays a pipe from this JVM: OrphanGuard halts the child when it closes.
            Process process = builder.start();
            RUNNING.add(process);
            return new ServerProcess(setup, name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null) env.put(name, value);
    }

    /** Waits until the server has said it is serving and answers HTTP; fails with its output if it exits or hangs. */
    public ServerProcess awaitServing() {
        return awaitServing(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** As above, probing with {@code http} (e.g. one that trusts a test certificate authority). */
    public ServerProcess awaitServing(HttpClient http) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (baseUrl == null) {
            Matcher m = SERVING.matcher(output());
            if (m.find()) {
                // In JSON logs (--log-format=json) the line is a JSON string, where logback writes "/" as "\/".
                baseUrl = m.group(1).replace("\\/", "/");
                break;
            }
            if (!process.isAlive())
                throw new IllegalStateException(
                        this + " exited with " + process.exitValue() + " before serving:\n" + output());
            if (System.nanoTime() > deadline)
                throw new IllegalStateException(this + " did not start within " + START_TIMEOUT + ":\n" + output());
            sleep(50);
        }
        String probe = setup.adminEnvironmentId() != null
                ? "/" + setup.adminEnvironmentId() + "/as/.well-known/openid-configuration"
                : "/v1/environments";
        int expected = setup.adminEnvironmentId() != null ? 200 : 401;
        while (true) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + probe))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == expected) return this;
                throw new IllegalStateException(
                        this + " answered " + probe + " with " + r.statusCode() + ": " + r.body() + "\n" + output());
            } catch (IOException e) {
                if (!process.isAlive())
                    throw new IllegalStateException(this + " exited with " + process.exitValue() + ":\n" + output());
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException(this + " does not answer " + probe + ": " + e + "\n" + output());
                sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Setup setup() {
        return setup;
    }

    /** {@code http://localhost:<port>} ({@code https} with TLS); known once {@link #awaitServing()} has returned. */
    public String baseUrl() {
        if (baseUrl == null) throw new IllegalStateException(this + " is not serving yet");
        return baseUrl;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself (a refused start); its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + " still runs after " + timeout + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        RUNNING.remove(process);
        return process.exitValue();
    }

    /** A client_credentials token of the configured admin worker. */
    public String adminToken() {
        return token(setup.adminEnvironmentId(), setup.adminClientId(), setup.adminClientSecret());
    }

    /** A client_credentials token at {@code /{envId}/as/token} (client_secret_basic); fails with the answer if refused. */
    public String token(String envId, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + envId + "/as/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new AssertionError(this + ": no token for client " + clientId + " in " + envId + ": "
                        + r.statusCode() + " " + r.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(this + ": token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process has written to stdout and stderr so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    public Path logFile() {
        return log;
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException(this + " survived SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        RUNNING.remove(process);
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) kill();
        RUNNING.remove(process);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // gone
        }
    }

    @Override
    public String toString() {
        return "server process " + name + " (pid " + process.pid() + ", log " + log + ")";
    }

    /**
     * The child's main class: halts the JVM when stdin reaches its end (the test JVM that holds the other end of the
     * pipe is gone), then runs {@code io.latchkey.Main} with the arguments as given.
     */
    public static final class OrphanGuard {
        private OrphanGuard() {}

        public static void main(String[] args) {
            Thread.ofPlatform().daemon().name("orphan-guard").start(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // the parent writes nothing; EOF means it went away
                    }
                } catch (IOException ignored) {
                    // treated as the parent's end
                }
                Runtime.getRuntime().halt(137);
            });
            io.latchkey.Main.main(args);
        }
    }
}
