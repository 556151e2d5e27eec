package io.latchkey.throttle;

import io.latchkey.http.Exchange;
import io.latchkey.http.Guard;
import io.latchkey.http.RequestLimited;
import java.util.function.LongSupplier;

/**
 * Limits the requests per client address to the interactive endpoints that create or advance sign-on state
 * (authorize, flows, the hosted sign-on page, resume), as a route guard: a refused request does no work at all.
 * Server-to-server endpoints (token, introspection, keys, discovery, userinfo, revocation) and the management API are
 * not guarded: one client legitimately sends them thousands of requests a second. Per node: see {@link TokenBuckets}.
 */
public final class RequestLimit implements Guard {
    /** Keys held at most (about 150 bytes each). */
    static final int MAX_KEYS = 50_000;

    private final TokenBuckets byAddress;
    private final ClientAddresses clients;

    public RequestLimit(ThrottleSettings.Limit perAddress, ClientAddresses clients) {
        this(perAddress, clients, MAX_KEYS, System::nanoTime);
    }

    RequestLimit(ThrottleSettings.Limit perAddress, ClientAddresses clients, int maxKeys, LongSupplier clock) {
        this.byAddress = perAddress.off() ? null : new TokenBuckets(perAddress, maxKeys, clock);
        this.clients = clients;
    }

    @Override
    public void check(Exchange x) {
        if (byAddress == null) return;
        long wait = byAddress.take(clients.of(x));
        if (wait > 0) {
            long seconds = TokenBuckets.seconds(wait);
            throw new RequestLimited(seconds, "Too many requests. Try again in " + TokenBuckets.inWords(seconds) + ".");
        }
    }
}
