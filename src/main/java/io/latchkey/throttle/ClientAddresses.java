package io.latchkey.throttle;

import io.latchkey.http.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who is asking, as the key of the per-address limits: the socket peer, or, when the peer is one of the operator's
 * trusted proxies, the right-most address in {@code X-Forwarded-For} (or, without that header, in {@code Forwarded:
 * for=}) that is not itself a trusted proxy. Everything left of that entry was written by the client and is ignored.
 * <p>
 * IPv4 addresses are keyed whole; IPv6 addresses by their /64 prefix, because one subscriber usually holds a whole /64
 * and could otherwise take a fresh budget from each of its 2^64 addresses.
 */
public final class ClientAddresses {
    private final TrustedProxies proxies;

    public ClientAddresses(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    public String of(Exchange x) {
        // Without trusted proxies the headers are never read: nobody's word about them counts.
        if (proxies.isEmpty()) return keyOf(x.peerAddress());
        return resolve(x.peerAddress(), x.headers("X-Forwarded-For"), x.headers("Forwarded"));
    }

    String resolve(String peer, List<String> xForwardedFor, List<String> forwarded) {
        byte[] client = IpLiteral.parse(address(peer));
        if (client == null) return peer == null ? "unknown" : peer;
        if (!proxies.contains(client)) return key(client);
        List<String> hops = xForwardedForHops(xForwardedFor);
        if (hops.isEmpty()) hops = forwardedHops(forwarded);
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpLiteral.parse(address(hops.get(i)));
            // "unknown", an obfuscated name or garbage: the nearest hop known (a proxy) stands in for the client.
            if (hop == null) break;
            client = hop;
            if (!proxies.contains(hop)) break;
        }
        return key(client);
    }

    private static List<String> xForwardedForHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String h : headers) for (String hop : h.split(",")) if (!hop.isBlank()) hops.add(hop.trim());
        return hops;
    }

    /**
     * The {@code for=} of each element of RFC 7239 headers ("" for an element without one). Split on every comma and
     * semicolon, quotes or not: no address contains them, and honouring an unbalanced quote the client wrote would
     * let it swallow the element the proxy appended after it.
     */
    private static List<String> forwardedHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String h : headers) {
            for (String element : h.split(",")) {
                if (element.isBlank()) continue;
                String forValue = "";
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0
                            && pair.substring(0, eq)
                                    .trim()
                                    .toLowerCase(Locale.ROOT)
                                    .equals("for")) {
                        forValue = pair.substring(eq + 1).trim();
                    }
                }
                hops.add(forValue);
            }
        }
        return hops;
    }

    /** The address in a hop: without quotes, {@code [..]} brackets and a port ({@code 192.0.2.1:4711}, {@code "[::1]:80"}). */
    static String address(String hop) {
        if (hop == null) return null;
        String s = hop.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close < 0 ? null : s.substring(1, close);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':') && s.indexOf('.') >= 0) return s.substring(0, colon);
        return s;
    }

    private static String keyOf(String peer) {
        byte[] a = IpLiteral.parse(address(peer));
        return a == null ? String.valueOf(peer) : key(a);
    }

    /** IPv4 dotted; IPv6 as its /64 prefix. */
    static String key(byte[] a) {
        if (a.length == 4) return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 4; g++)
            sb.append(Integer.toHexString(((a[2 * g] & 0xff) << 8) | (a[2 * g + 1] & 0xff)))
                    .append(':');
        return sb.append(":/64").toString();
    }
}
