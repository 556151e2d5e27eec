package io.latchkey.http;

import io.javalin.config.JettyConfig;
import java.io.IOException;
import java.net.BindException;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS on the main port (HTTP/2 where the client offers it by ALPN, HTTP/1.1 otherwise), the optional plain-HTTP port
 * that redirects to it, and the reload of a certificate renewed on disk. Built once the files have been read and
 * checked ({@link #load}), so a bad setting stops the start before anything else is opened.
 */
public final class TlsEdge {
    private static final Logger log = LoggerFactory.getLogger(TlsEdge.class);
    private static final String REDIRECT_CONNECTOR = "https-redirect";

    private final TlsSettings settings;
    private final TlsCredentials credentials;

    private TlsEdge(TlsSettings settings, TlsCredentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    /** Reads and checks the certificate and key; a {@link TlsException} with one line to show when they cannot serve. */
    public static TlsEdge load(TlsSettings settings) {
        return new TlsEdge(settings, TlsCredentials.load(settings));
    }

    /** Adds the connectors to Javalin's Jetty; the HTTPS one first, so that Javalin reports its port. */
    void configure(JettyConfig jetty, int port, Links links) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(credentials.store());
        ssl.setKeyStorePassword(credentials.password());
        // HTTP/2 forbids some ciphers TLS 1.2 still has: offer the allowed ones first.
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        jetty.addConnector((server, http) -> https(server, http, ssl, port));
        Integer redirectPort = settings.redirectPort();
        if (redirectPort != null) {
            jetty.addConnector((server, http) -> plain(server, http, redirectPort));
            jetty.modifyServer(server -> server.insertHandler(new HttpsRedirect(REDIRECT_CONNECTOR, links.baseUrl())));
        }
        jetty.modifyServer(server -> server.addBean(new TlsReloader(settings, ssl)));
        log.info(
                "HTTPS (HTTP/2, HTTP/1.1) with the certificate {}{}",
                credentials.describe(),
                redirectPort == null
                        ? ""
                        : "; plain HTTP on port " + redirectPort + " redirects to " + links.baseUrl());
    }

    private static ServerConnector https(
            Server server, HttpConfiguration javalin, SslContextFactory.Server ssl, int port) {
        HttpConfiguration https = new HttpConfiguration(javalin);
        https.setSecureScheme("https");
        https.setSecurePort(port);
        https.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory http11 = new HttpConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol()); // clients that offer no ALPN speak HTTP/1.1
        ServerConnector connector = new ServerConnector(
                server,
                new SslConnectionFactory(ssl, alpn.getProtocol()),
                alpn,
                new HTTP2ServerConnectionFactory(https),
                http11);
        connector.setPort(port);
        return connector;
    }

    private static ServerConnector plain(Server server, HttpConfiguration javalin, int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(javalin)) {
            @Override
            public void open() throws IOException {
                try {
                    super.open();
                } catch (IOException e) {
                    if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) throw e;
                    throw new TlsException("Port " + port + " is already in use by another process: stop it, or"
                            + " choose another port with --http-redirect-port (LATCHKEY_HTTP_REDIRECT_PORT).");
                }
            }
        };
        connector.setName(REDIRECT_CONNECTOR);
        connector.setPort(port);
        return connector;
    }
}
