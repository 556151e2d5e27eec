package io.latchkey.crypto;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * The grace period of a rotated-out secret, shared by client secrets and resource secrets: as in PingOne, the
 * previous secret keeps working until an expiry between 1 minute and 30 days ahead, then never again.
 */
public final class SecretRotation {
    public static final long MIN_GRACE_MILLIS = 60_000L;
    public static final long MAX_GRACE_MILLIS = 30L * 24 * 3600 * 1000;

    private SecretRotation() {}

    /** Whether a previous secret (sealed as {@code previousEnc}, expiring at {@code expiresAt}) still works now. */
    public static boolean previousLive(String previousEnc, Long expiresAt) {
        return previousEnc != null && expiresAt != null && expiresAt > System.currentTimeMillis();
    }

    /** {@code previous.expiresAt} in epoch milliseconds; empty when {@code text} is not an ISO-8601 instant. */
    public static OptionalLong parseExpiry(String text) {
        try {
            return OptionalLong.of(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code at} lies between 1 minute and 30 days after {@code now}, widened by {@code slackMillis} each side. */
    public static boolean withinGrace(long at, long now, long slackMillis) {
        return at >= now + MIN_GRACE_MILLIS - slackMillis && at <= now + MAX_GRACE_MILLIS + slackMillis;
    }
}
