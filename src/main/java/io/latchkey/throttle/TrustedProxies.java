package io.latchkey.throttle;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxies (load balancers, reverse proxies) whose {@code X-Forwarded-For} / {@code Forwarded} headers are believed:
 * IPv4 and IPv6 addresses or CIDR ranges, as the operator listed them ({@code --trusted-proxies}). None by default:
 * the headers are then ignored, since any client can send them.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            int rest = prefixBits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** Comma-separated addresses or CIDRs, e.g. {@code 10.0.0.0/8, 127.0.0.1, fd00::/8}; blank or null means none. */
    public static TrustedProxies parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) return NONE;
        List<Range> ranges = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            byte[] address = IpLiteral.parse(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) throw new IllegalArgumentException("Not an IP address or CIDR range: '" + entry + "'");
            int bits = address.length * 8;
            if (slash >= 0) {
                bits = prefix(entry.substring(slash + 1), entry);
                // ::ffff:10.0.0.0/104 is parsed as IPv4: its prefix counts the 96 bits that went with the mapping.
                if (address.length == 4 && entry.indexOf(':') >= 0) bits -= 96;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("The prefix length of '" + entry + "' is out of range");
                }
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxies(List.copyOf(ranges), commaSeparated.trim());
    }

    private static int prefix(String digits, String entry) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a CIDR prefix length in '" + entry + "'");
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the address (4 or 16 bytes, as {@link IpLiteral#parse} gives them) is one of the proxies. */
    boolean contains(byte[] address) {
        if (address == null) return false;
        for (Range r : ranges) if (r.contains(address)) return true;
        return false;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(none)" : text;
    }
}
