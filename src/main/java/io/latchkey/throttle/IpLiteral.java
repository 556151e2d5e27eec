package io.latchkey.throttle;

import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 and IPv6 address literals, parsed by hand: {@link java.net.InetAddress#getByName} would send anything that is
 * not a literal to DNS, and the values read here come from request headers, i.e. from anyone.
 */
final class IpLiteral {
    private IpLiteral() {}

    /**
     * The address's bytes (4 or 16), or null when {@code text} is not a literal. An IPv4-mapped IPv6 address
     * ({@code ::ffff:192.0.2.1}) comes back as its 4 IPv4 bytes, so that both spellings are one client.
     */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) return null;
        byte[] a = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        return a != null && a.length == 16 && isV4Mapped(a) ? java.util.Arrays.copyOfRange(a, 12, 16) : a;
    }

    /** Strictly four decimal octets; leading zeros are refused (some parsers read them as octal). */
    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return null;
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') return null;
                v = v * 10 + (c - '0');
            }
            if (v > 255) return null;
            out[i] = (byte) v;
        }
        return out;
    }

    /** Up to eight groups of 1-4 hex digits, at most one {@code ::}, optionally a dotted IPv4 tail and a {@code %zone}. */
    static byte[] parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) s = s.substring(0, zone);
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) return null;
        byte[] v4Tail = null;
        if (s.indexOf('.', lastColon) >= 0) {
            v4Tail = parseV4(s.substring(lastColon + 1));
            if (v4Tail == null) return null;
            // The tail stands for the last two groups; "::1.2.3.4" keeps its "::".
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return null;
        List<Integer> head = groups(gap >= 0 ? s.substring(0, gap) : s);
        List<Integer> tail = groups(gap >= 0 ? s.substring(gap + 2) : "");
        if (head == null || tail == null) return null;
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) return null;
        byte[] out = new byte[16];
        for (int i = 0; i < head.size(); i++) put(out, i, head.get(i));
        for (int i = 0; i < tail.size(); i++) put(out, 8 - tail.size() + i, tail.get(i));
        if (v4Tail != null) System.arraycopy(v4Tail, 0, out, 12, 4);
        return out;
    }

    private static List<Integer> groups(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) return out;
        for (String g : s.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) return null;
            int v = 0;
            for (int i = 0; i < g.length(); i++) {
                int d = Character.digit(g.charAt(i), 16);
                if (d < 0) return null;
                v = v * 16 + d;
            }
            out.add(v);
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >> 8);
        out[2 * group + 1] = (byte) value;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
