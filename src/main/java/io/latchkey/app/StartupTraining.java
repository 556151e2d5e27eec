package io.latchkey.app;

import io.latchkey.crypto.Secrets;
import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The build's training run ({@code latchkey train}): a server on a throw-away H2 database is started twice (first
 * start, then a restart) and sent the requests a server answers first. The JVM records what that needed into the
 * ahead-of-time cache that {@code bin/latchkey} starts with. Every answer is checked, so the run doubles as a smoke
 * test of the packaged jar; nothing here is used when serving.
 */
public final class StartupTraining {
    private final HttpClient http = HttpClient.newHttpClient();

    public static void run() throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("latchkey-training");
        try {
            Config config = Config.defaults(dataDir)
                    .withPort(0)
                    .withAdmin(Ids.newId(), Ids.newId(), Secrets.random(Secrets.CLIENT_SECRET_LENGTH));
            StartupTraining training = new StartupTraining();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            try (Latchkey first = Latchkey.start(config, quiet)) {
                training.firstRequests(first.baseUrl(), config);
            }
            try (Latchkey restarted = Latchkey.start(config, quiet)) {
                training.firstRequests(restarted.baseUrl(), config);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void firstRequests(String base, Config config) throws IOException, InterruptedException {
        String env = config.adminEnvironmentId();
        expect(401, get(base + "/v1/environments", null));
        expect(404, get(base + "/nowhere", null));
        expect(200, get(base + "/" + env + "/as/.well-known/openid-configuration", null));
        expect(200, get(base + "/" + env + "/as/jwks", null));

        String basic = Base64.getEncoder()
                .encodeToString(
                        (config.adminClientId() + ":" + config.adminClientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(base + "/" + env + "/as/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=" + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8))));
        expect(200, token);
        String accessToken = Json.parse(token.body()).path("access_token").asText();

        expect(200, get(base + "/v1/environments", accessToken));
        expect(200, get(base + "/v1/environments/" + env + "/populations", accessToken));
        expect(
                400,
                send(HttpRequest.newBuilder(URI.create(base + "/v1/environments"))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": 7}"))));
    }

    private HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "Training run: " + response.request().method() + " " + response.uri() + " answered "
                            + response.statusCode() + ", expected " + status + ": " + response.body());
        }
    }
}
