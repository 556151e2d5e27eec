package io.latchkey.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a certificate renewed on disk without a restart: once a second it compares the TLS files' modification
 * time, size and identity (links followed, so a Kubernetes secret's swapped symlink counts) with what it saw last, and
 * on a change reads and checks them again and hands the new key to Jetty; new connections get it, open ones keep
 * theirs. Files that do not make a usable pair (a renewal half written, a wrong key) are logged and the certificate in
 * use stays; the next change is tried again.
 */
final class TlsReloader extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(TlsReloader.class);
    private static final long INTERVAL_MS = 1000;

    private final TlsSettings settings;
    private final SslContextFactory.Server ssl;
    private List<Object> seen;
    private ScheduledExecutorService timer;

    TlsReloader(TlsSettings settings, SslContextFactory.Server ssl) {
        this.settings = settings;
        this.ssl = ssl;
    }

    @Override
    protected void doStart() {
        seen = stamp();
        timer = Executors.newSingleThreadScheduledExecutor(
                work -> Thread.ofPlatform().name("latchkey-tls-reload").daemon().unstarted(work));
        timer.scheduleWithFixedDelay(this::check, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }

    private void check() {
        List<Object> now = stamp();
        if (now.equals(seen)) return;
        seen = now;
        try {
            TlsCredentials fresh = TlsCredentials.load(settings);
            ssl.reload(f -> {
                f.setKeyStore(fresh.store());
                f.setKeyStorePassword(fresh.password());
            });
            log.info("TLS certificate reloaded: {}", fresh.describe());
        } catch (TlsException e) {
            log.warn("The TLS files changed but cannot be served; the certificate in use stays. {}", e.getMessage());
        } catch (Exception e) {
            // Only the class: a message from deep in a key parser could quote key material.
            log.warn(
                    "Reloading the TLS certificate failed ({}); the certificate in use stays.",
                    e.getClass().getName());
        }
    }

    private List<Object> stamp() {
        List<Object> stamp = new ArrayList<>();
        Stream.of(settings.certFile(), settings.keyFile(), settings.keystore(), settings.keystorePasswordFile())
                .filter(p -> p != null)
                .forEach(p -> stamp.add(stampOf(p)));
        return stamp;
    }

    private static List<Object> stampOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return List.of("missing");
        }
    }
}
