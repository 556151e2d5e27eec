package io.latchkey.mfa.devices;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import io.latchkey.crypto.Secrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based codes as authenticator apps compute them by default: HMAC-SHA1, 6 digits, 30-second steps
 * (the codes themselves come from java-otp's RFC 4226 generator). A code is accepted within the policy's grace
 * period of steps on each side of now, and only for a step later than the last one accepted, so that a code cannot
 * be used twice.
 */
final class Totp {
    static final long STEP_SECONDS = 30;
    static final int DIGITS = 6;
    /** 160 bits, the HMAC-SHA1 block RFC 4226 recommends. */
    static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Totp() {}

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step of an instant: whole 30-second periods since the epoch. */
    static long step(long epochMillis) {
        return Math.floorDiv(epochMillis, STEP_SECONDS * 1000);
    }

    /**
     * The step in {@code [now - window, now + window]}, after {@code lastStep} (null: none yet), whose code is
     * {@code code}; empty when there is none. Every step of the window is computed and compared in constant time.
     */
    static OptionalLong match(byte[] secret, String code, long nowMillis, int window, Long lastStep) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9'))
            return OptionalLong.empty();
        // A generator per check: java-otp's generator holds a Mac, which is not thread-safe.
        HmacOneTimePasswordGenerator hotp = new HmacOneTimePasswordGenerator(DIGITS);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
        long now = step(nowMillis);
        long found = Long.MIN_VALUE;
        for (long s = now - window; s <= now + window; s++) {
            boolean equal;
            try {
                equal = Secrets.constantTimeEquals(hotp.generateOneTimePasswordString(key, s), code);
            } catch (InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
            if (equal && found == Long.MIN_VALUE && (lastStep == null || s > lastStep)) found = s;
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** RFC 4648 base32 without padding: what authenticator apps read in {@code secret=}. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) out.append(BASE32[(buffer << (5 - bits)) & 31]);
        return out.toString();
    }

    /**
     * The Key URI an authenticator app scans ({@code otpauth://totp/<issuer>:<account>?secret=...&issuer=...}),
     * with the policy's other {@code uriParameters} appended.
     */
    static String keyUri(String issuer, String account, String base32Secret, Map<String, String> uriParameters) {
        StringBuilder uri = new StringBuilder("otpauth://totp/")
                .append(encode(issuer))
                .append(':')
                .append(encode(account))
                .append("?secret=")
                .append(base32Secret)
                .append("&issuer=")
                .append(encode(issuer))
                .append("&algorithm=SHA1&digits=")
                .append(DIGITS)
                .append("&period=")
                .append(STEP_SECONDS);
        uriParameters.forEach((name, value) -> {
            if (!Map.of("secret", 1, "issuer", 1, "algorithm", 1, "digits", 1, "period", 1)
                    .containsKey(name))
                uri.append('&').append(encode(name)).append('=').append(encode(value));
        });
        return uri.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
