package io.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.LogCapture;
import io.latchkey.testkit.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md rule 3 for refusals (4xx): the id a body quotes is in the log, at DEBUG, with the codes and the request's
 * method and path, and nothing that can hold a secret (query string, body, header values). One database: the log
 * is not the database's.
 */
@org.junit.jupiter.api.parallel.Isolated("captures the process log or console")
class RefusalLogTest {
    private final TestServer server = TestServer.shared(Db.H2);
    private final Api admin = server.admin();

    /** The ErrorMapper log lines written while {@code requests} ran, with that logger turned to DEBUG meanwhile. */
    private static <T> Logged<T> logged(Supplier<T> requests) {
        LogCapture.Captured<T> c = LogCapture.during(ErrorMapper.class, Level.DEBUG, requests);
        return new Logged<>(c.answer(), c.events());
    }

    private record Logged<T>(T answer, List<ILoggingEvent> events) {
        /** The one line quoting {@code id}; it must be at DEBUG. */
        String lineWith(String id) {
            List<ILoggingEvent> hits = events.stream()
                    .filter(e -> e.getFormattedMessage().contains(id))
                    .toList();
            assertThat(hits).as("log lines quoting %s in %s", id, events).hasSize(1);
            assertThat(hits.get(0).getLevel()).isEqualTo(Level.DEBUG);
            return hits.get(0).getFormattedMessage();
        }

        void neverShows(String... secrets) {
            for (ILoggingEvent e : events) {
                for (String s : secrets) assertThat(e.getFormattedMessage()).doesNotContain(s);
            }
        }
    }

    @Test
    void aPingOneRefusalIsLoggedWithItsIdCodesMethodAndPathButNotTheRequestsText() {
        Logged<Response> r = logged(() -> admin.request()
                .contentType(ContentType.JSON)
                .queryParam("note", "query-secret")
                .header("X-Note", "header-secret")
                .body("{\"name\":\"body-secret\",\"region\":\"MARS\",\"type\":\"SANDBOX\",\"description\":5}")
                .post("/v1/environments"));
        r.answer().then().statusCode(400);
        assertThat(r.lineWith(r.answer().path("id")))
                .contains("400 INVALID_DATA [INVALID_VALUE, INVALID_VALUE]")
                .endsWith(" on POST /v1/environments");
        r.neverShows("query-secret", "header-secret", "body-secret", "MARS", admin.token());
    }

    @Test
    void notFoundMethodNotAllowedAndUnauthorizedAreLoggedToo() {
        Logged<Response> notFound = logged(() -> admin.get("/v1/nothing"));
        assertThat(notFound.lineWith(notFound.answer().path("id"))).contains("404 NOT_FOUND on GET /v1/nothing");
        Logged<Response> wrongMethod = logged(() -> admin.request().delete("/v1/environments"));
        assertThat(wrongMethod.lineWith(wrongMethod.answer().path("id")))
                .contains("405 METHOD_NOT_ALLOWED on DELETE /v1/environments");
        Logged<Response> noAccess = logged(() -> server.anonymous()
                .request()
                .header("Authorization", "Bearer token-secret")
                .get("/v1/environments"));
        noAccess.answer().then().statusCode(401);
        assertThat(noAccess.lineWith(noAccess.answer().path("id")))
                .contains("401 ACCESS_FAILED [INVALID_TOKEN] on GET /v1/environments");
        noAccess.neverShows("token-secret");
    }

    @Test
    void anOAuthRefusalHasNoIdSoItsErrorCodeIsLogged() {
        String env = Fixtures.environment(admin);
        EnvironmentFixtures.Client worker = EnvironmentFixtures.worker(admin, env);
        Logged<Response> token = logged(() -> server.anonymous()
                .request()
                .auth()
                .preemptive()
                .basic(worker.id(), "client-secret")
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "scope-secret")
                .post("/{env}/as/token", env));
        token.answer().then().statusCode(401);
        assertThat(token.events())
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Refused: 401 invalid_client on POST /" + env + "/as/token");
        assertThat(token.events()).extracting(ILoggingEvent::getLevel).containsOnly(Level.DEBUG);
        token.neverShows("client-secret", "scope-secret", worker.secret());

        Logged<Response> userinfo = logged(() -> server.anonymous()
                .request()
                .header("Authorization", "Bearer access-secret")
                .get("/{env}/as/userinfo", env));
        userinfo.answer().then().statusCode(401);
        assertThat(userinfo.events())
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Refused: 401 invalid_token on GET /" + env + "/as/userinfo");
    }

    @Test
    void aRequestJettyRefusesBeforeRoutingIsLoggedWithItsId() {
        Logged<String> r = logged(() -> raw("GET /v1/environments/a%00b?q=query-secret HTTP/1.1"));
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.answer());
        assertThat(id.find()).as("an id in %s", r.answer()).isTrue();
        // Jetty refuses it while parsing (an encoded NUL): there is no method or path to tell.
        assertThat(r.lineWith(id.group(1))).endsWith(": 400 INVALID_REQUEST on a request that could not be parsed");
        r.neverShows("query-secret");
    }

    /** Sends one request line (with a Host header) over a plain socket; returns the whole answer. */
    private String raw(String requestLine) {
        URI base = URI.create(server.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
