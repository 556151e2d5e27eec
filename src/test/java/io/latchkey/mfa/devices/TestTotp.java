package io.latchkey.mfa.devices;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test's own RFC 6238 (TOTP, HMAC-SHA1, 6 digits, 30 s) and RFC 4648 base32, written from the RFCs and shared
 * with nothing in the server, so that a mistake on one side shows as a failed pairing.
 */
public final class TestTotp {
    private TestTotp() {}

    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String s = text.replace("=", "").toUpperCase();
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        long buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) throw new IllegalArgumentException("not base32: " + c);
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >>> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    /** The code of {@code epochSeconds} shifted by {@code steps} 30-second steps. */
    public static String code(String base32Secret, long epochSeconds, int steps) {
        return codeAtCounter(base32Decode(base32Secret), epochSeconds / 30 + steps, 6);
    }

    public static String now(String base32Secret, int steps) {
        return code(base32Secret, System.currentTimeMillis() / 1000, steps);
    }

    static String codeAtCounter(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24)
                    | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            int mod = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % mod);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
