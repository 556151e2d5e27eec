package io.latchkey.notify;

import io.latchkey.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends codes to phones through an SMS/voice gateway over HTTP. Chosen for phones when {@code --sms-gateway-url} is
 * set. Every message is one {@code POST} of {@code {"to", "channel", "purpose", "code", "message"}} as JSON, with the
 * configured {@code Authorization} header: a gateway that takes another shape is reached through a small relay. A
 * failure is logged (status only, never the number or the code) and not shown to the caller, as for e-mail.
 */
public final class HttpSmsNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(HttpSmsNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Where to post, and the {@code Authorization} header value (a secret; null for none). */
    public record Settings(URI url, String authorization) {
        public Settings {
            String scheme = url.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme))
                throw new IllegalArgumentException("The SMS gateway URL must be http or https: " + url);
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", authorization=" + (authorization == null ? "none" : "(set)") + "]";
        }
    }

    private final Settings settings;
    private final HttpClient client;

    public HttpSmsNotifier(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public void send(String environmentId, String userId, String email, String purpose, String code) {
        throw new UnsupportedOperationException("The SMS gateway does not deliver e-mail");
    }

    @Override
    public void sendToPhone(
            String environmentId, String userId, String phone, String channel, String purpose, String code) {
        String body = Json.write(Json.object()
                .put("to", phone)
                .put("channel", channel)
                .put("purpose", purpose)
                .put("code", code)
                .put("message", "Your verification code is " + code + "."));
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (settings.authorization() != null) request.header("Authorization", settings.authorization());
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status / 100 == 2)
                log.info("A {} {} message for user {} was handed to the gateway", channel, purpose, userId);
            else log.error("The SMS gateway refused the {} message for user {}: HTTP {}", purpose, userId, status);
        } catch (IOException e) {
            log.error(
                    "Sending the {} message for user {} failed: {}",
                    purpose,
                    userId,
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("Sending the {} message for user {} was interrupted", purpose, userId);
        }
    }
}
