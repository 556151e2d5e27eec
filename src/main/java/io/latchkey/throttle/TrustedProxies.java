package io.latchkey.throttle;

import java.util.List;

/**
 * The proxies (load balancers, reverse proxies) whose {@code X-Forwarded-For} / {@code Forwarded} headers are believed:
 * IPv4 and IPv6 addresses or CIDR ranges, as the operator listed them ({@code --trusted-proxies}). None by default:
 * the headers are then ignored, since any client can send them.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(IpRanges.parse(List.of()), "");

    private final IpRanges ranges;
    private final String text;

    private TrustedProxies(IpRanges ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** Comma-separated addresses or CIDRs, e.g. {@code 10.0.0.0/8, 127.0.0.1, fd00::/8}; blank or null means none. */
    public static TrustedProxies parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) return NONE;
        return new TrustedProxies(IpRanges.parse(List.of(commaSeparated.split(","))), commaSeparated.trim());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the address (4 or 16 bytes, as {@link IpLiteral#parse} gives them) is one of the proxies. */
    boolean contains(byte[] address) {
        return ranges.contains(address);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(none)" : text;
    }
}
