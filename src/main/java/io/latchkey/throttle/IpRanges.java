package io.latchkey.throttle;

import java.util.ArrayList;
import java.util.List;

/** IPv4 and IPv6 addresses and CIDR ranges, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}. */
public final class IpRanges {
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

    private IpRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or a CIDR range */
    public static IpRanges parse(Iterable<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
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
        return new IpRanges(List.copyOf(ranges));
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

    /** Whether the address (4 or 16 bytes, as {@link IpLiteral#parse} gives them) is in one of the ranges. */
    boolean contains(byte[] address) {
        if (address == null) return false;
        for (Range r : ranges) if (r.contains(address)) return true;
        return false;
    }

    /** Whether the address written as text is in one of the ranges; false for anything that is not an address. */
    public boolean contains(String address) {
        return address != null && contains(IpLiteral.parse(address.trim()));
    }
}
