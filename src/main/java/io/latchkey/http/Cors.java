package io.latchkey.http;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The cross-origin (CORS, Fetch standard) policy of a path, declared in the {@link RouteTable}. {@link HttpServer}
 * answers a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) of a declared path with 204 and
 * the path's methods, and adds {@code Access-Control-Allow-Origin} to the path's actual answers (errors included)
 * when the policy lets the request's {@code Origin} read them. An origin that may not read gets no
 * {@code Access-Control-Allow-*} header at all: the request is still served (a browser could send it anyway), but
 * the browser keeps the answer from the page. {@code Vary: Origin} is on every answer of a declared path.
 *
 * <p>Three policies: {@link #anyOrigin()} ({@code *}, never with credentials); {@link #byApplication} (the
 * application the request names decides, through {@link Origins}; no cookies); {@link #byApplicationWithCookies}
 * (the same, and the answer may be read by a request that carried the browser's cookies, so never {@code *}).
 */
public final class Cors {
    /** The request headers a cross-origin caller may send besides the CORS-safelisted ones. */
    static final String ALLOW_HEADERS =
            "Authorization, Content-Type, X-Ping-External-Transaction-ID, X-Ping-External-Session-ID";
    /** The answer headers a cross-origin caller may read besides the CORS-safelisted ones. */
    static final String EXPOSE_HEADERS =
            "Location, WWW-Authenticate, Retry-After, X-Ping-External-Transaction-ID, X-Ping-External-Session-ID";
    /** How long (seconds) a browser may reuse a preflight's answer. */
    static final String MAX_AGE = "600";

    /** Whether an origin may read the answer to a request. */
    public enum Verdict {
        ALLOWED,
        REFUSED,
        /** The request does not say which application it is for (a preflight has no body). */
        UNKNOWN
    }

    /** Decides for the application a request names (its {@code client_id}, its flow, ...). */
    @FunctionalInterface
    public interface Origins {
        Verdict check(Exchange x, String origin);
    }

    private final Origins origins; // null: any origin
    private final boolean cookies;

    private Cors(Origins origins, boolean cookies) {
        this.origins = origins;
        this.cookies = cookies;
    }

    /** Public documents and bearer-token calls: any origin reads, without cookies ({@code *}). */
    public static Cors anyOrigin() {
        return new Cors(null, false);
    }

    /**
     * The application the request names decides; the browser sends no cookies. A preflight that names no
     * application (its body, holding the {@code client_id}, is not sent) is answered for the origin: the actual
     * request is checked when its answer is written.
     */
    public static Cors byApplication(Origins origins) {
        return new Cors(Objects.requireNonNull(origins), false);
    }

    /**
     * The application the request names decides, and the browser may send its cookies
     * ({@code Access-Control-Allow-Credentials: true}): a request, preflight or not, that names no application is
     * refused.
     */
    public static Cors byApplicationWithCookies(Origins origins) {
        return new Cors(Objects.requireNonNull(origins), true);
    }

    /** Answers a preflight of a path served with {@code methods}. */
    void preflight(Exchange x, Collection<String> methods) {
        x.header("Vary", "Origin");
        x.header("Allow", String.join(", ", List.copyOf(methods)) + ", OPTIONS");
        String origin = x.header("Origin");
        String method = x.header("Access-Control-Request-Method");
        x.noContent();
        if (origin == null || method == null) return; // a plain OPTIONS: the methods are in Allow
        Verdict verdict = origins == null ? Verdict.ALLOWED : verdict(x, origin);
        boolean allowed = verdict == Verdict.ALLOWED || verdict == Verdict.UNKNOWN && !cookies;
        if (!allowed || !methods.contains(method)) return;
        allowOrigin(x, origin);
        x.header("Access-Control-Allow-Methods", String.join(", ", List.copyOf(methods)));
        x.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
        x.header("Access-Control-Max-Age", MAX_AGE);
    }

    /** Adds the CORS headers to the answer of an actual request, once it is written. */
    void answer(Exchange x) {
        x.header("Vary", "Origin");
        String origin = x.header("Origin");
        if (origin == null) return;
        if (origins != null && verdict(x, origin) != Verdict.ALLOWED) return;
        allowOrigin(x, origin);
        x.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }

    private void allowOrigin(Exchange x, String origin) {
        if (origins == null) {
            x.header("Access-Control-Allow-Origin", "*");
            return;
        }
        x.header("Access-Control-Allow-Origin", origin);
        if (cookies) x.header("Access-Control-Allow-Credentials", "true");
    }

    private Verdict verdict(Exchange x, String origin) {
        try {
            Verdict v = origins.check(x, origin);
            return v == null ? Verdict.UNKNOWN : v;
        } catch (RuntimeException e) {
            // The request itself was refused (an undecodable form, say): nothing in it vouches for the origin.
            return Verdict.UNKNOWN;
        }
    }
}
