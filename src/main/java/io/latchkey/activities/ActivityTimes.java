package io.latchkey.activities;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one text form of an activity's time: ISO-8601 UTC, always with milliseconds ({@code 2026-01-31T12:00:00.000Z}).
 * Fixed width, so text order is time order: a filter's bound and the retention cutoff compare as text in SQL.
 */
final class ActivityTimes {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private ActivityTimes() {}

    static String format(long epochMillis) {
        return FIXED.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A filter's time ({@code 2026-01-31T12:00:00Z}, with or without fraction or offset) in the fixed form. */
    static Optional<String> normalize(String text) {
        try {
            Instant t = java.time.OffsetDateTime.parse(text).toInstant();
            if (t.isBefore(MIN) || t.isAfter(MAX)) return Optional.empty();
            return Optional.of(FIXED.format(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
