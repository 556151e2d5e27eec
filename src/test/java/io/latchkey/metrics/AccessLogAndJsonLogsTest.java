package io.latchkey.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server process started as an operator would, with {@code --access-log --log-format=json}: every line it writes is
 * one JSON object, and the access log says method, path, status, duration and transaction id, but never the query
 * string, a header or a body, which carry codes, tokens and secrets.
 */
class AccessLogAndJsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void accessLinesCarryNoQueryHeaderOrBodyAndEveryLineIsJson() throws Exception {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        String querySecret = "query-secret-" + UUID.randomUUID();
        String headerSecret = "header-secret-" + UUID.randomUUID();
        String cookieSecret = "cookie-secret-" + UUID.randomUUID();
        String bodySecret = "body-secret-" + UUID.randomUUID();
        String transactionId = "tx-" + UUID.randomUUID();
        try (ServerProcess p = ServerProcess.launch(
                        setup, "access-log", 0, List.of("--access-log", "--log-format=json"))
                .awaitServing()) {
            String env = setup.adminEnvironmentId();
            String path = "/" + env + "/as/.well-known/openid-configuration";
            HttpResponse<String> discovery = HTTP.send(
                    HttpRequest.newBuilder(URI.create(p.baseUrl() + path + "?code=" + querySecret))
                            .header("Authorization", "Bearer " + headerSecret)
                            .header("Cookie", "ST=" + cookieSecret)
                            .header("X-Ping-External-Transaction-ID", transactionId)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(200);
            HttpResponse<String> token = HTTP.send(
                    HttpRequest.newBuilder(URI.create(p.baseUrl() + "/" + env + "/as/token?password=" + querySecret))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                                    + setup.adminClientId() + "&client_secret=" + bodySecret))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(401);

            // Written once the answer is out: wait for both lines (and the start-up probe's of ServerProcess).
            Await.until(
                    "three access lines",
                    Duration.ofSeconds(20),
                    () -> accessLines(p.output()).size() >= 3,
                    p::output);
            String output = p.output();
            for (String secret : new String[] {querySecret, headerSecret, cookieSecret, bodySecret}) {
                assertThat(output).as("the log holds no secret").doesNotContain(secret);
            }
            assertThat(output).doesNotContain(setup.adminClientSecret());

            List<JsonNode> access = accessLines(output);
            JsonNode first = access.stream()
                    .filter(l -> kv(l, "transactionId").equals(transactionId))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no access line for " + path + " in\n" + output));
            assertThat(first.get("level").asText()).isEqualTo("INFO");
            assertThat(kv(first, "path")).isEqualTo(path);
            assertThat(kv(first, "method")).isEqualTo("GET");
            assertThat(kv(first, "status")).isEqualTo("200");
            assertThat(kv(first, "transactionId")).isEqualTo(transactionId);
            assertThat(kv(first, "route")).isEqualTo("/{envId}/as/.well-known/openid-configuration");
            assertThat(Double.parseDouble(kv(first, "durationMs"))).isGreaterThanOrEqualTo(0);
            assertThat(first.get("formattedMessage").asText())
                    .startsWith("GET " + path + " 200 ")
                    .endsWith(transactionId)
                    .doesNotContain("?");
            JsonNode second = access.stream()
                    .filter(l -> kv(l, "path").endsWith("/as/token"))
                    .findFirst()
                    .orElseThrow();
            assertThat(kv(second, "status")).isEqualTo("401");
            assertThat(second.get("formattedMessage").asText())
                    .doesNotContain("?")
                    .doesNotContain("password");
        }
    }

    /**
     * Every log line of the output as JSON (the parse fails the test for a line that is not), the access lines only.
     * The first start's block naming the admin worker is not a log line: it is printed on stdout, never logged, so
     * that a generated secret never reaches a log shipper.
     */
    private static List<JsonNode> accessLines(String output) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()
                    || line.startsWith("Latchkey created its administrators")
                    || line.startsWith("  LATCHKEY_")) continue;
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(json.isObject()).as(line).isTrue();
            if ("latchkey.access".equals(json.path("loggerName").asText())) out.add(json);
        }
        return out;
    }

    /** A key-value pair of a logback JSON line ({@code kvpList: [{"key": "value"}, ...]}), as text. */
    private static String kv(JsonNode line, String key) {
        for (JsonNode pair : line.path("kvpList")) {
            if (pair.has(key)) return pair.get(key).asText();
        }
        return "";
    }
}
