package io.latchkey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the server acknowledged survives the server process being killed outright (SIGKILL: no shutdown hook, no
 * orderly close of the pool or the database). Eight clients create users as fast as the server takes them; the
 * process is killed while they are still writing; a new process on the same data dir or database must have every
 * user that was answered 201. Several rounds on one database, so that a loss has several chances to show.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: what survives a SIGKILL is up to the database (H2 file, PostgreSQL WAL)
@ResourceLock("latchkey-server-processes")
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class CrashDurabilityTest {
    private static final int CLIENTS = 8;
    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Db db;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void closeClient() {
        http.shutdownNow();
    }

    /** A user the server answered 201 for, and the round in which that happened. */
    private record Acknowledged(String id, String username, int round) {}

    @Test
    void everyUserAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(db);
        List<ServerProcess> started = new ArrayList<>();
        try {
            ServerProcess server = ServerProcess.start(setup, "crash-" + db + "-0");
            started.add(server);
            String token = server.adminToken();
            String env = createEnvironment(server, token);
            Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();

            for (int round = 1; round <= ROUNDS; round++) {
                writeUntilKilled(server, token, env, round, acknowledged);

                server = ServerProcess.start(setup, "crash-" + db + "-" + round);
                started.add(server);
                token = server.adminToken();
                Set<String> present = listUserIds(server, token, env);
                List<Acknowledged> lost = acknowledged.values().stream()
                        .filter(a -> !present.contains(a.id()))
                        .toList();
                Map<Integer, Long> lostPerRound = new TreeMap<>(
                        lost.stream().collect(Collectors.groupingBy(Acknowledged::round, Collectors.counting())));
                List<String> examples = new ArrayList<>();
                for (Acknowledged a : lost.subList(0, Math.min(10, lost.size()))) {
                    examples.add(a.username() + " " + a.id() + " (round " + a.round() + "): GET -> "
                            + getUserStatus(server, token, env, a.id()));
                }
                assertThat(lost.size())
                        .as(
                                "after the SIGKILL of round %d on %s, %d of the %d users answered 201 so far are gone (lost by round of "
                                        + "creation: %s), e.g. %s; the killed process's log: %s",
                                round,
                                db,
                                lost.size(),
                                acknowledged.size(),
                                lostPerRound,
                                examples,
                                started.get(started.size() - 2).logFile())
                        .isZero();
            }
        } finally {
            started.forEach(ServerProcess::close);
        }
    }

    /**
     * Eight clients create users until the server is killed under them, 0.5 to 1.5 s after the first was acknowledged;
     * every 201 is recorded. An HTTP answer other than 201 from the live server fails the test (nothing here is
     * invalid); a failed connection ends a client, and before the kill fails the test too.
     */
    private void writeUntilKilled(
            ServerProcess server, String token, String env, int round, Map<String, Acknowledged> acknowledged)
            throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger acknowledgedThisRound = new AtomicInteger();
        CountDownLatch firstAcknowledged = new CountDownLatch(1);
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int n = 0; ; n++) {
                        String username = "r" + round + "-c" + client + "-" + n + "-"
                                + UUID.randomUUID().toString().substring(0, 8);
                        HttpResponse<String> r;
                        try {
                            r = http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(server.baseUrl() + "/v1/environments/" + env + "/users"))
                                            .timeout(Duration.ofSeconds(30))
                                            .header("Authorization", "Bearer " + token)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    "{\"username\":\"" + username + "\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            if (!killed.get()) unexpected.add("client " + client + ": " + e + " before the kill");
                            return null;
                        }
                        if (r.statusCode() == 201) {
                            String id = JSON.readTree(r.body()).path("id").asText();
                            acknowledged.put(id, new Acknowledged(id, username, round));
                            acknowledgedThisRound.incrementAndGet();
                            firstAcknowledged.countDown();
                        } else {
                            unexpected.add(username + ": " + r.statusCode() + " " + r.body());
                            if (unexpected.size() > 20) return null;
                        }
                    }
                });
            }
            assertThat(firstAcknowledged.await(60, TimeUnit.SECONDS))
                    .as("round %d: a first user acknowledged (unexpected: %s)\n%s", round, unexpected, server.output())
                    .isTrue();
            // The behaviour, not a wait: the kill lands at a random moment of the load. What it can catch (a write
            // acknowledged before it was durable) is in the last moments before any kill, so the load need not be
            // long, only under way; the rounds give the loss its several chances.
            Thread.sleep(500 + ThreadLocalRandom.current().nextInt(1_000));
            int before = acknowledgedThisRound.get();
            killed.set(true);
            server.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS))
                    .as("the clients end once the server is gone")
                    .isTrue();
            assertThat(unexpected)
                    .as("round %d: answers other than 201, or failures before the kill\n%s", round, server.output())
                    .isEmpty();
            assertThat(before)
                    .as("round %d: the clients were writing when the kill came", round)
                    .isPositive();
        } finally {
            clients.shutdownNow();
        }
    }

    private String createEnvironment(ServerProcess server, String token) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/environments"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash-" + UUID.randomUUID()
                                + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("create environment: %s", r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** The ids of all users of {@code env}, page by page. */
    private Set<String> listUserIds(ServerProcess server, String token, String env) throws Exception {
        Set<String> ids = new HashSet<>();
        String next = server.baseUrl() + "/v1/environments/" + env + "/users?limit=1000";
        while (next != null) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(next))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("list users: %s", r.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            page.path("_embedded")
                    .path("users")
                    .forEach(u -> ids.add(u.path("id").asText()));
            JsonNode link = page.path("_links").path("next").path("href");
            next = link.isMissingNode() || link.isNull() ? null : link.asText();
        }
        return ids;
    }

    private int getUserStatus(ServerProcess server, String token, String env, String id) {
        try {
            return http.send(
                            HttpRequest.newBuilder(
                                            URI.create(server.baseUrl() + "/v1/environments/" + env + "/users/" + id))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }
}
