package io.latchkey.passwords;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * How passwords are hashed and verified. New passwords: Argon2id with the parameters below (DESIGN.md rule 5:
 * m = 7 MiB, t = 5, p = 1), the one place they are set. Imported, pre-encoded passwords are kept in their own
 * format until the user's next successful sign-on re-hashes them ({@link #needsRehash}).
 *
 * <p>Pre-encoded formats accepted (PingOne's "Password encoding" page: LDAP {@code userPassword} syntax,
 * {@code {SCHEME}} followed by the encoding):
 * <ul>
 *   <li>Argon2: {@code {ARGON2}$argon2id$v=19$m=..,t=..,p=..$salt$hash} (also argon2i / argon2d), or the PHC
 *       string without the prefix;</li>
 *   <li>bcrypt: {@code {BCRYPT}$2a$..} / {@code $2b$} / {@code $2y$}, or the modular-crypt string without the prefix;</li>
 *   <li>salted SHA: {@code {SSHA}}, {@code {SSHA256}}, {@code {SSHA384}}, {@code {SSHA512}} followed by
 *       base64(digest(password + salt) + salt);</li>
 *   <li>PBKDF2: {@code {PBKDF2}} followed by base64(version: 2 bytes | salt length: 2 bytes | salt |
 *       iterations: 4 bytes | derived key), big-endian, the HMAC digest given by the key length (20 bytes SHA-1,
 *       32 SHA-256, 48 SHA-384, 64 SHA-512). PingOne documents the field order up to the iteration count; the
 *       rest of its layout could not be confirmed, so this reading is Latchkey's (see the closing note of the
 *       identity work). Also the passlib/PHC-like {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>} (sha1, sha256,
 *       sha512; adapted base64, {@code .} for {@code +}).</li>
 * </ul>
 * {@code {SCRYPT}}, {@code {SCRYPT_RFC7914}} and {@code {MSKCC_PBKDF2}} are recognised and refused as unsupported.
 */
public final class PasswordHasher {
    public static final int ARGON2_MEMORY_KIB = 7 * 1024;
    public static final int ARGON2_ITERATIONS = 5;
    public static final int ARGON2_PARALLELISM = 1;
    public static final int ARGON2_SALT_BYTES = 16;
    public static final int ARGON2_HASH_BYTES = 32;

    /** The formats a stored or pre-encoded value can have. */
    public enum Format {
        ARGON2,
        BCRYPT,
        SSHA,
        PBKDF2,
        PBKDF2_PASSLIB,
        UNSUPPORTED
    }

    /**
     * The Argon2id cost of new hashes. {@link #DEFAULT} is the design's (OWASP's m=7 MiB, t=5, p=1, Keycloak's default);
     * a lower one is for test servers, whose thousands of sign-ons measure behaviour, not hashing.
     */
    public record Cost(int memoryKib, int iterations) {
        public static final Cost DEFAULT = new Cost(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);

        public Cost {
            if (memoryKib < 8 * ARGON2_PARALLELISM)
                throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB");
            if (iterations < 1) throw new IllegalArgumentException("Argon2 iterations must be at least 1");
        }
    }

    private final Argon2PasswordEncoder argon2;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private volatile String dummy;

    public PasswordHasher() {
        this(Cost.DEFAULT);
    }

    public PasswordHasher(Cost cost) {
        this.argon2 = new Argon2PasswordEncoder(
                ARGON2_SALT_BYTES, ARGON2_HASH_BYTES, ARGON2_PARALLELISM, cost.memoryKib(), cost.iterations());
    }

    /** A new Argon2id hash of {@code raw}. */
    public String hash(String raw) {
        return argon2.encode(raw);
    }

    /** Whether {@code raw} matches {@code stored} (any supported format); false for malformed values. */
    public boolean verify(String raw, String stored) {
        if (raw == null || stored == null) return false;
        try {
            Format f = formatOf(stored).orElse(null);
            // Malformed values are refused here (Spring's encoders would log a warning for each).
            if (f == null || !wellFormed(stored)) return false;
            return switch (f) {
                case ARGON2 -> argon2.matches(raw, strip(stored));
                case BCRYPT -> bcrypt.matches(raw, strip(stored));
                case SSHA -> verifySsha(raw, stored);
                case PBKDF2 -> verifyPbkdf2(raw, stored);
                case PBKDF2_PASSLIB -> verifyPasslib(raw, stored);
                case UNSUPPORTED -> false;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Spends the time of one verification against a hash that matches nothing, so that an unknown user costs
     * what a wrong password costs.
     */
    public void verifyDummy(String raw) {
        String d = dummy;
        if (d == null) {
            d = hash(java.util.UUID.randomUUID().toString());
            dummy = d;
        }
        verify(raw == null ? "" : raw, d);
    }

    /** True for anything but an Argon2id hash with at least the current parameters. */
    public boolean needsRehash(String stored) {
        if (stored == null || !stored.startsWith("$argon2id$")) return true;
        try {
            return argon2.upgradeEncoding(stored);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * The format of a pre-encoded value, or empty when {@code value} is a cleartext password. A value with a
     * recognised prefix but a malformed body is reported as its format (and then refused by {@link #wellFormed}).
     */
    public static Optional<Format> formatOf(String value) {
        if (value == null) return Optional.empty();
        String upper =
                value.length() > 20 ? value.substring(0, 20).toUpperCase(Locale.ROOT) : value.toUpperCase(Locale.ROOT);
        if (upper.startsWith("{ARGON2}")
                || value.startsWith("$argon2id$")
                || value.startsWith("$argon2i$")
                || value.startsWith("$argon2d$")) return Optional.of(Format.ARGON2);
        if (upper.startsWith("{BCRYPT}") || value.matches("^\\$2[aby]\\$\\d\\d\\$.*"))
            return Optional.of(Format.BCRYPT);
        if (upper.startsWith("{SSHA}")
                || upper.startsWith("{SSHA256}")
                || upper.startsWith("{SSHA384}")
                || upper.startsWith("{SSHA512}")) return Optional.of(Format.SSHA);
        if (upper.startsWith("{PBKDF2}")) return Optional.of(Format.PBKDF2);
        if (value.startsWith("$pbkdf2-sha1$")
                || value.startsWith("$pbkdf2-sha256$")
                || value.startsWith("$pbkdf2-sha512$")) {
            return Optional.of(Format.PBKDF2_PASSLIB);
        }
        if (upper.startsWith("{SCRYPT}")
                || upper.startsWith("{SCRYPT_RFC7914}")
                || upper.startsWith("{MSKCC_PBKDF2}")) {
            return Optional.of(Format.UNSUPPORTED);
        }
        return Optional.empty();
    }

    /** Whether a pre-encoded value can be verified later (checked when it is imported). */
    public static boolean wellFormed(String value) {
        Format f = formatOf(value).orElse(null);
        if (f == null || f == Format.UNSUPPORTED) return false;
        try {
            return switch (f) {
                case ARGON2 ->
                    strip(value)
                            .matches(
                                    "^\\$argon2(id|i|d)\\$v=\\d+\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$");
                case BCRYPT -> strip(value).matches("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
                case SSHA -> sshaParts(value) != null;
                case PBKDF2 -> pbkdf2Parts(value) != null;
                case PBKDF2_PASSLIB -> passlibParts(value) != null;
                case UNSUPPORTED -> false;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The stored form of a pre-encoded value: Argon2 and bcrypt without the {@code {SCHEME}} prefix. */
    public static String canonical(String value) {
        Format f = formatOf(value).orElseThrow();
        return f == Format.ARGON2 || f == Format.BCRYPT ? strip(value) : value;
    }

    private static String strip(String value) {
        if (value.startsWith("{")) {
            int close = value.indexOf('}');
            if (close > 0) return value.substring(close + 1);
        }
        return value;
    }

    // ---- salted SHA

    private record Ssha(String algorithm, byte[] digest, byte[] salt) {}

    private static Ssha sshaParts(String value) {
        int close = value.indexOf('}');
        String scheme = value.substring(1, close).toUpperCase(Locale.ROOT);
        String algorithm;
        int length;
        switch (scheme) {
            case "SSHA" -> {
                algorithm = "SHA-1";
                length = 20;
            }
            case "SSHA256" -> {
                algorithm = "SHA-256";
                length = 32;
            }
            case "SSHA384" -> {
                algorithm = "SHA-384";
                length = 48;
            }
            case "SSHA512" -> {
                algorithm = "SHA-512";
                length = 64;
            }
            default -> {
                return null;
            }
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(value.substring(close + 1).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (all.length <= length) return null; // a salt is required
        return new Ssha(algorithm, Arrays.copyOfRange(all, 0, length), Arrays.copyOfRange(all, length, all.length));
    }

    private static boolean verifySsha(String raw, String stored) {
        Ssha p = sshaParts(stored);
        if (p == null) return false;
        try {
            MessageDigest md = MessageDigest.getInstance(p.algorithm());
            md.update(raw.getBytes(StandardCharsets.UTF_8));
            md.update(p.salt());
            return MessageDigest.isEqual(md.digest(), p.digest());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    // ---- PBKDF2

    private record Pbkdf2(String prf, byte[] salt, int iterations, byte[] key) {}

    private static String prfForKeyLength(int length) {
        return switch (length) {
            case 20 -> "PBKDF2WithHmacSHA1";
            case 32 -> "PBKDF2WithHmacSHA256";
            case 48 -> "PBKDF2WithHmacSHA384";
            case 64 -> "PBKDF2WithHmacSHA512";
            default -> null;
        };
    }

    private static Pbkdf2 pbkdf2Parts(String value) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(strip(value).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (all.length < 8) return null;
        ByteBuffer b = ByteBuffer.wrap(all);
        b.getShort(); // version
        int saltLength = b.getShort() & 0xFFFF;
        if (saltLength < 8 || b.remaining() < saltLength + 4) return null;
        byte[] salt = new byte[saltLength];
        b.get(salt);
        int iterations = b.getInt();
        if (iterations < 1 || iterations > 10_000_000) return null;
        byte[] key = new byte[b.remaining()];
        b.get(key);
        String prf = prfForKeyLength(key.length);
        return prf == null ? null : new Pbkdf2(prf, salt, iterations, key);
    }

    private static Pbkdf2 passlibParts(String value) {
        String[] parts = value.split("\\$");
        // "", "pbkdf2-sha256", rounds, salt, hash
        if (parts.length != 5) return null;
        String prf = switch (parts[1]) {
            case "pbkdf2-sha1" -> "PBKDF2WithHmacSHA1";
            case "pbkdf2-sha256" -> "PBKDF2WithHmacSHA256";
            case "pbkdf2-sha512" -> "PBKDF2WithHmacSHA512";
            default -> null;
        };
        if (prf == null) return null;
        int iterations;
        try {
            iterations = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (iterations < 1 || iterations > 10_000_000) return null;
        try {
            byte[] salt = Base64.getDecoder().decode(adapted(parts[3]));
            byte[] key = Base64.getDecoder().decode(adapted(parts[4]));
            if (salt.length == 0 || key.length == 0) return null;
            return new Pbkdf2(prf, salt, iterations, key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** passlib's "adapted base64": {@code .} instead of {@code +}, no padding. */
    private static String adapted(String s) {
        String t = s.replace('.', '+');
        while (t.length() % 4 != 0) t += "=";
        return t;
    }

    private static boolean verifyPbkdf2(String raw, String stored) {
        return verify(raw, pbkdf2Parts(stored));
    }

    private static boolean verifyPasslib(String raw, String stored) {
        return verify(raw, passlibParts(stored));
    }

    private static boolean verify(String raw, Pbkdf2 p) {
        if (p == null) return false;
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance(p.prf());
            byte[] derived = f.generateSecret(
                            new PBEKeySpec(raw.toCharArray(), p.salt(), p.iterations(), p.key().length * 8))
                    .getEncoded();
            return MessageDigest.isEqual(derived, p.key());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
