package io.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PingOne's X-Ping-External-Transaction-ID and -Session-ID: echoed (cleaned) on every answer, made up when absent. */
class ExternalIdsTest {
    private static HttpServer server;

    @BeforeAll
    static void start() {
        server = new HttpServer(
                new RouteTable().get("/ping", x -> x.ok(Json.object())), new Links("http://localhost"), 0);
        server.start();
        server.open();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (headers.length > 0) r.headers(headers);
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenIdsAreEchoedOnRoutedAndUnroutedAnswers() throws Exception {
        for (String path : new String[] {"/ping", "/nowhere"}) {
            HttpResponse<String> r = get(
                    path, "X-Ping-External-Transaction-ID", "txn-42:a.b", "X-Ping-External-Session-ID", "session_7");
            assertThat(r.headers().firstValue("X-Ping-External-Transaction-ID")).hasValue("txn-42:a.b");
            assertThat(r.headers().firstValue("X-Ping-External-Session-ID")).hasValue("session_7");
        }
    }

    @Test
    void idsAreCutTo100CharactersAndOddCharactersReplaced() throws Exception {
        HttpResponse<String> r = get("/ping", "X-Ping-External-Transaction-ID", "a b/c%d" + "x".repeat(200));
        String echoed = r.headers().firstValue("X-Ping-External-Transaction-ID").orElseThrow();
        assertThat(echoed).hasSize(100).startsWith("a_b_c_dxxx");
    }

    @Test
    void missingIdsAreMadeUpAndDifferPerRequest() throws Exception {
        String first = get("/ping")
                .headers()
                .firstValue("X-Ping-External-Transaction-ID")
                .orElseThrow();
        String second = get("/ping")
                .headers()
                .firstValue("X-Ping-External-Transaction-ID")
                .orElseThrow();
        assertThat(first).isNotBlank().isNotEqualTo(second);
        assertThat(get("/ping").headers().firstValue("X-Ping-External-Session-ID"))
                .isPresent();
    }
}
