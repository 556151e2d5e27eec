package io.latchkey.mfa.devices;

import static io.latchkey.mfa.devices.DeviceTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.http.Json;
import io.latchkey.notify.HttpSmsNotifier;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.LogCapture;
import io.latchkey.testkit.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * With {@code --sms-gateway-url}, SMS and voice codes are posted to the gateway (with its Authorization header)
 * instead of the outbox, and a device pairs with the code the gateway received; e-mail still goes to the outbox.
 */
@Isolated // LogCapture: the logger is shared
class SmsGatewayTest {
    record Received(String authorization, JsonNode body) {}

    HttpServer gateway;
    final List<Received> received = new CopyOnWriteArrayList<>();
    int status = 202;
    TestServer server;

    @BeforeEach
    void setUp() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    Json.parse(new String(exchange.getRequestBody().readAllBytes()))));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        gateway.start();
        URI url = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
        server = TestServer.start(Db.H2, c -> c.withSms(new HttpSmsNotifier.Settings(url, "Bearer gateway-key")));
    }

    @AfterEach
    void tearDown() {
        server.close();
        gateway.stop(0);
    }

    @Test
    void smsAndVoiceCodesGoToTheGatewayAndPairTheDevice() {
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String user = DeviceTestSupport.user(admin, env, "gw-" + UUID.randomUUID());
        String sms = created(
                admin, env, user, Map.of("type", "SMS", "phone", "+1 512 555 0100", "status", "ACTIVATION_REQUIRED"));
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.authorization()).isEqualTo("Bearer gateway-key");
        assertThat(r.body().path("to").asText()).isEqualTo("+15125550100");
        assertThat(r.body().path("channel").asText()).isEqualTo("SMS");
        String code = r.body().path("code").asText();
        assertThat(r.body().path("message").asText()).contains(code);
        activate(admin, env, user, sms, code).then().statusCode(200);

        created(admin, env, user, Map.of("type", "VOICE", "phone", "+15125550101", "status", "ACTIVATION_REQUIRED"));
        assertThat(received.get(1).body().path("channel").asText()).isEqualTo("VOICE");
        assertThat(outbox(server, user)).isEmpty();

        created(admin, env, user, Map.of("type", "EMAIL", "email", "gw@example.com", "status", "ACTIVATION_REQUIRED"));
        assertThat(outbox(server, user)).hasSize(1);
        assertThat(received).hasSize(2);
    }

    @Test
    void aRefusingGatewayIsLoggedWithoutTheCodeOrNumber() {
        status = 500;
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String user = DeviceTestSupport.user(admin, env, "gw-" + UUID.randomUUID());
        var captured = LogCapture.during(
                HttpSmsNotifier.class,
                Level.INFO,
                () -> created(
                        admin,
                        env,
                        user,
                        Map.of("type", "SMS", "phone", "+15125550102", "status", "ACTIVATION_REQUIRED")));
        String code = received.get(0).body().path("code").asText();
        String text = captured.events().stream()
                .map(ILoggingEvent::getFormattedMessage)
                .reduce("", (a, b) -> a + "\n" + b);
        assertThat(text).contains("HTTP 500").doesNotContain(code).doesNotContain("5125550102");
        // The device exists all the same: a new code can be sent once the gateway works again.
        server.admin().get(DEVICE, env, user, captured.answer()).then().statusCode(200);
    }
}
