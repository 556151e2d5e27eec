package io.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.ServerProcess;
import io.latchkey.testkit.TestCertificates;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * HTTPS served by the server process itself: HTTP/2 by ALPN and HTTP/1.1, PEM files and a PKCS#12 keystore, the
 * plain-HTTP port that redirects, a certificate renewed on disk, and settings that cannot serve refused in one line.
 * Every certificate is made here by a throw-away authority that only the test clients trust. TLS touches no storage,
 * so the servers run on H2 only.
 */
@ResourceLock("latchkey-server-processes")
class TlsTest {
    private static final Duration EXIT = Duration.ofSeconds(90);

    private static TestCertificates authority;
    private static Path dir;
    private static TestCertificates.Issued first;
    private static int redirectPort;
    private static ServerProcess server;

    @BeforeAll
    static void startServerWithPemFiles() throws IOException {
        authority = TestCertificates.newAuthority();
        dir = Files.createTempDirectory("latchkey-tls-");
        first = authority.issue("RSA");
        first.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"), true);
        redirectPort = freePort();
        server = ServerProcess.launch(
                ServerProcess.Setup.fresh(Db.H2),
                "tls-pem",
                0,
                List.of(
                        "--tls-cert-file",
                        dir.resolve("cert.pem").toString(),
                        "--tls-key-file",
                        dir.resolve("key.pem").toString(),
                        "--http-redirect-port",
                        Integer.toString(redirectPort)),
                Map.of());
        try {
            server.awaitServing(authority.client(HttpClient.Version.HTTP_1_1));
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void http2IsNegotiatedWhenTheClientOffersIt() throws Exception {
        HttpResponse<String> r = get(HttpClient.Version.HTTP_2, discovery(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void http11ClientsAreStillServed() throws Exception {
        HttpResponse<String> r = get(HttpClient.Version.HTTP_1_1, discovery(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void theBaseUrlIsHttpsAndForwardedHeadersFromAnUntrustedPeerChangeNoUrl() throws Exception {
        assertThat(server.baseUrl()).startsWith("https://localhost:");
        HttpResponse<String> r = get(
                HttpClient.Version.HTTP_2,
                discovery(),
                Map.of(
                        "X-Forwarded-Proto", "http",
                        "X-Forwarded-Host", "evil.example",
                        "Forwarded", "proto=http;host=evil.example"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .contains("\"issuer\":\"" + server.baseUrl() + "/"
                        + server.setup().adminEnvironmentId() + "/as\"")
                .doesNotContain("evil.example")
                .doesNotContain("http://");
    }

    @Test
    void theRedirectPortAnswers308ToTheHttpsUrlKeepingPathAndQuery() throws Exception {
        String pathAndQuery = "/v1/environments?limit=2&filter=name%20sw%20%22a%22";
        try (HttpClient plain = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> r = plain.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + redirectPort + pathAndQuery))
                                .header("X-Forwarded-Host", "evil.example")
                                .header("X-Forwarded-Proto", "http")
                                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("POST") ? "{}" : ""))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(method).isEqualTo(308);
                assertThat(r.headers().firstValue("Location")).as(method).hasValue(server.baseUrl() + pathAndQuery);
            }
        }
    }

    @Test
    void aCertificateRenewedOnDiskIsServedToNewConnections() throws Exception {
        assertThat(servedSerial()).isEqualTo(first.serial());
        // The renewal comes with an EC key in the traditional (SEC1) format, where the first had RSA in PKCS#8.
        TestCertificates.Issued renewed = authority.issue("EC");
        renewed.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"), false);
        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

        Await.until(
                "a new connection gets the renewed certificate",
                Duration.ofSeconds(30),
                () -> renewed.serial().equals(servedSerial()),
                () -> "serial " + servedSerial() + "\n" + server.output());
        assertThat(get(HttpClient.Version.HTTP_2, discovery(), Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(server.output()).contains("TLS certificate reloaded").doesNotContain("PRIVATE KEY");
    }

    @Test
    void aPkcs12KeystoreWithItsPasswordInAFileServesHttps() throws Exception {
        TestCertificates.Issued issued = authority.issue("RSA");
        String password = "keystore-password-" + System.nanoTime();
        Path keystore = dir.resolve("server.p12");
        issued.writePkcs12(keystore, password);
        // The password from a file (as a mounted secret), with the line break an editor or echo leaves.
        Path passwordFile = dir.resolve("keystore-password");
        Files.writeString(passwordFile, password + "\n");
        try (ServerProcess p = ServerProcess.launch(
                                ServerProcess.Setup.fresh(Db.H2),
                                "tls-pkcs12",
                                0,
                                List.of(
                                        "--tls-keystore",
                                        keystore.toString(),
                                        "--tls-keystore-password-file",
                                        passwordFile.toString()),
                                Map.of())
                        .awaitServing(authority.client(HttpClient.Version.HTTP_2));
                HttpClient client = authority.client(HttpClient.Version.HTTP_2)) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(p.baseUrl() + "/v1/environments"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(serialOf(r)).isEqualTo(issued.serial());
            assertThat(p.output()).doesNotContain(password);
        }
    }

    @Test
    void settingsThatCannotServeStopTheStartInOneLine() throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertRefused(
                List.of(
                        "--tls-cert-file",
                        missing.toString(),
                        "--tls-key-file",
                        dir.resolve("key.pem").toString()),
                Map.of(),
                "The file " + missing.toAbsolutePath() + " (--tls-cert-file) cannot be read: it does not exist.");

        Path keystore = dir.resolve("refused.p12");
        authority.issue("RSA").writePkcs12(keystore, "the-right-password");
        assertRefused(
                List.of("--tls-keystore", keystore.toString()),
                Map.of("LATCHKEY_TLS_KEYSTORE_PASSWORD", "a-wrong-password"),
                "The TLS keystore " + keystore + " cannot be opened with the password given");

        Path certFile = dir.resolve("mismatch-cert.pem");
        Path keyFile = dir.resolve("mismatch-key.pem");
        authority.issue("RSA").writePem(certFile, dir.resolve("unused-key.pem"), true);
        // PKCS#1 ("RSA PRIVATE KEY"): read, then found to be another certificate's key.
        authority.issue("RSA").writePem(dir.resolve("unused-cert.pem"), keyFile, false);
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertRefused(
                List.of("--tls-cert-file", certFile.toString(), "--tls-key-file", keyFile.toString()),
                Map.of(),
                "The TLS key file " + keyFile + " is not the private key of the certificate CN=localhost");
    }

    @Test
    void aRedirectPortInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0)); // every interface, as the server binds
            ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
            try (ServerProcess p = ServerProcess.launch(
                    setup,
                    "tls-redirect-port-taken",
                    0,
                    List.of(
                            "--tls-keystore",
                            keystoreWithPassword("a-password").toString(),
                            "--http-redirect-port",
                            Integer.toString(taken.getLocalPort())),
                    Map.of("LATCHKEY_TLS_KEYSTORE_PASSWORD", "a-password"))) {
                assertRefusedInOneLine(
                        p,
                        "Port " + taken.getLocalPort() + " is already in use by another process: stop it, or choose"
                                + " another port with --http-redirect-port");
            }
        }
    }

    private static Path keystoreWithPassword(String password) throws IOException {
        Path keystore = Files.createTempFile(dir, "server-", ".p12");
        authority.issue("RSA").writePkcs12(keystore, password);
        return keystore;
    }

    /** Refused before anything else: that one line is all the output, and the data directory stays empty. */
    private static void assertRefused(List<String> options, Map<String, String> env, String line) throws IOException {
        ServerProcess.Setup setup = ServerProcess.Setup.fresh(Db.H2);
        try (ServerProcess p = ServerProcess.launch(setup, "tls-refused", 0, options, env)) {
            assertRefusedInOneLine(p, line);
            assertThat(p.output().lines().filter(l -> !l.isBlank()))
                    .as(p.output())
                    .hasSize(1);
        }
        try (Stream<Path> files = Files.list(setup.dataDir())) {
            assertThat(files).as("the start touched no data").isEmpty();
        }
    }

    private static void assertRefusedInOneLine(ServerProcess p, String line) {
        assertThat(p.awaitExit(EXIT)).as(p.output()).isEqualTo(1);
        String output = p.output();
        assertThat(output.lines().filter(l -> l.startsWith(line))).as(output).hasSize(1);
        assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(output.lines().filter(l -> l.contains(" ERROR "))).as(output).isEmpty();
        assertThat(output).doesNotContain("the-right-password").doesNotContain("a-wrong-password");
    }

    private static String discovery() {
        return "/" + server.setup().adminEnvironmentId() + "/as/.well-known/openid-configuration";
    }

    private static HttpResponse<String> get(HttpClient.Version version, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        try (HttpClient client = authority.client(version)) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
            headers.forEach(request::header);
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The serial of the certificate a new connection is served (a new client never reuses a connection). */
    private static BigInteger servedSerial() {
        try {
            return serialOf(get(HttpClient.Version.HTTP_1_1, discovery(), Map.of()));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serialOf(HttpResponse<?> r) throws IOException {
        X509Certificate served = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        return served.getSerialNumber();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
