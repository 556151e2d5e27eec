package io.latchkey.storage;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * New object ids: UUID version 7 (RFC 9562), time-ordered, so ordering by id is creation order and
 * keyset paging on the primary key is stable.
 */
public final class Ids {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** True when {@code s} has the textual form of a UUID (ids given by clients are checked with it). */
    public static boolean isUuid(String s) {
        return s != null && s.length() == 36 && UUID_TEXT.matcher(s).matches();
    }
}
