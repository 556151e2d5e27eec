package io.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server that is bound but not yet open holds requests, and answers them once it opens (or gives up). */
class StartingServerTest {
    private final RouteTable routes =
            new RouteTable().get("/ping", x -> x.ok(Json.object().put("pong", true)));

    private static CompletableFuture<HttpResponse<String>> get(HttpServer server, String path) {
        return HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsArrivingBeforeOpenWaitAndAreThenAnswered() throws Exception {
        HttpServer server = new HttpServer(routes, new Links("http://localhost"), 0);
        server.start();
        try {
            CompletableFuture<HttpResponse<String>> routed = get(server, "/ping");
            CompletableFuture<HttpResponse<String>> unknown = get(server, "/nowhere");
            // The behaviour: a window in which the requests must NOT be answered (a negative cannot be awaited).
            Thread.sleep(300);
            assertThat(routed).isNotDone();
            assertThat(unknown).isNotDone();

            server.open();
            HttpResponse<String> answer = routed.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"pong\":true");
            assertThat(unknown.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        } finally {
            server.stop();
        }
    }

    @Test
    void aStartThatFailsAnswersWaitingRequestsWithAnErrorAndStops() throws Exception {
        HttpServer server = new HttpServer(routes, new Links("http://localhost"), 0);
        server.start();
        CompletableFuture<HttpResponse<String>> waiting = get(server, "/ping");
        Thread.sleep(300); // the behaviour: a window in which the request must not be answered
        assertThat(waiting).isNotDone();

        server.abort();
        HttpResponse<String> answer = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("UNEXPECTED_ERROR").doesNotContain("failed to start");
    }
}
