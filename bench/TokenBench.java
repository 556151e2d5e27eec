import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * client_credentials token requests against any OAuth token endpoint (client_secret_basic): latency percentiles of
 * sequential requests, then throughput with several clients. Used by bench/keycloak-peer.sh for both servers.
 * Usage: java bench/TokenBench.java TOKEN_URL CLIENT_ID SECRET REQUESTS CLIENTS
 */
public class TokenBench {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String basic = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        int requests = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        for (int i = 0; i < 200; i++) send(http, request); // warm-up

        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            send(http, request);
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(millis);

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < requests / clients; i++) send(http, request);
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms; %d clients: %.0f tokens/s%n",
                at(millis, 0.50), at(millis, 0.90), at(millis, 0.99), clients, (requests / clients * clients) / seconds);
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("access_token")) {
            throw new IllegalStateException("Token request failed: " + r.statusCode() + " " + r.body());
        }
    }
}
