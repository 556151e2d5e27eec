package io.latchkey.oauth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.latchkey.http.OAuthException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The public keys of {@code private_key_jwt} clients registered with a {@code jwksUrl}: fetched with Nimbus'
 * {@link JWKSourceBuilder}, kept for {@link #CACHE_TTL_MS} (fetched again at once when an assertion names a key id the
 * cached set lacks, at most once per {@link #RATE_LIMIT_MS}), one source per URL. A fetch gives up after
 * {@link #CONNECT_TIMEOUT_MS} to connect, {@link #READ_TIMEOUT_MS} without data and {@link #TOTAL_TIMEOUT_MS} in all,
 * reads at most {@link #SIZE_LIMIT} bytes (as much as an inline {@code jwks}) and follows no redirect. A failed fetch is
 * {@code invalid_client} saying why, never a 500 and never a wait longer than that.
 */
final class ClientJwks {
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 2_000;
    static final long TOTAL_TIMEOUT_MS = 4_000;
    static final int SIZE_LIMIT = 65_536;
    static final long CACHE_TTL_MS = 5 * 60_000;
    static final long RATE_LIMIT_MS = 10_000;
    /** Past this many URLs the cache starts over (an environment with that many key URLs is not a normal one). */
    private static final int MAX_SOURCES = 1_000;

    private static final ExecutorService FETCHES = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("jwks-fetch").factory());

    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    /** The keys at {@code jwksUrl} that may have signed a JWS with {@code header}. */
    List<JWK> keys(String jwksUrl, JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) return List.of();
        JWKSource<SecurityContext> source = source(jwksUrl);
        try {
            return source.get(new JWKSelector(matcher), null);
        } catch (KeySourceException e) {
            throw OAuthException.invalidClient(
                    "The keys of the application could not be read from its jwksUrl: " + reason(e) + ".");
        }
    }

    private JWKSource<SecurityContext> source(String jwksUrl) {
        JWKSource<SecurityContext> known = sources.get(jwksUrl);
        if (known != null) return known;
        URL url = fetchable(jwksUrl);
        if (sources.size() >= MAX_SOURCES) sources.clear();
        return sources.computeIfAbsent(
                jwksUrl,
                u -> JWKSourceBuilder.<SecurityContext>create(url, new DeadlineRetriever())
                        .cache(CACHE_TTL_MS, TOTAL_TIMEOUT_MS)
                        .refreshAheadCache(false)
                        .rateLimited(RATE_LIMIT_MS)
                        .retrying(false)
                        .build());
    }

    /**
     * https, or http to a loopback address: what {@code ApplicationShape} lets an application register, checked again
     * here for applications stored before.
     */
    private static URL fetchable(String jwksUrl) {
        try {
            URI uri = new URI(jwksUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null
                    && (scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
                return uri.toURL();
            }
        } catch (Exception e) {
            // refused below
        }
        throw OAuthException.invalidClient("The jwksUrl of the application is not an https URL.");
    }

    /** {@code localhost}, {@code 127.0.0.1} or {@code [::1]}: where http is allowed, for development and tests. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1");
    }

    private static String reason(KeySourceException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    /** Nimbus' retriever (timeouts, size limit, no redirects) with a deadline for the whole fetch. */
    private static final class DeadlineRetriever implements ResourceRetriever {
        private final DefaultResourceRetriever retriever =
                new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT, false);

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            Future<Resource> fetch = FETCHES.submit(() -> retriever.retrieveResource(url));
            try {
                return fetch.get(TOTAL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                fetch.cancel(true);
                throw new IOException("no answer within " + TOTAL_TIMEOUT_MS + " ms");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io
                        ? io
                        : new IOException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }
}
