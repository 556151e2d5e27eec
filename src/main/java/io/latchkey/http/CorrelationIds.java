package io.latchkey.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids that only correlate (an error body's {@code id}, a made-up {@code X-Ping-External-*-ID}): random UUIDs that need
 * not be unguessable, so they come from {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}, whose one
 * shared SecureRandom every request would otherwise queue on (each answer makes two or three of them).
 */
final class CorrelationIds {
    private CorrelationIds() {}

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb).toString();
    }
}
