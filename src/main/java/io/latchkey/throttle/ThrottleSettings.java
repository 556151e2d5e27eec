package io.latchkey.throttle;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The throttling the operator chose ({@code --rate-limit-*}, {@code --trusted-proxies}); the defaults are the
 * {@code DEFAULT_*} constants, which the command line uses too.
 *
 * @param failuresPerAddress  failed secret checks (passwords, recovery codes) per client address
 * @param failuresPerUsername failed secret checks per username, per environment, in any case
 * @param requestsPerAddress  requests per client address to the interactive endpoints (authorize, flows, sign-on page,
 *                            resume)
 * @param trustedProxies      whose forwarding headers name the client ({@link ClientAddresses})
 */
public record ThrottleSettings(
        Limit failuresPerAddress, Limit failuresPerUsername, Limit requestsPerAddress, TrustedProxies trustedProxies) {
    public static final int DEFAULT_FAILURES_PER_ADDRESS = 20;
    public static final String DEFAULT_FAILURES_PER_ADDRESS_REFILL = "1/s";
    public static final int DEFAULT_FAILURES_PER_USERNAME = 10;
    public static final String DEFAULT_FAILURES_PER_USERNAME_REFILL = "1/30s";
    public static final int DEFAULT_REQUESTS_PER_ADDRESS = 1000;
    public static final String DEFAULT_REQUESTS_PER_ADDRESS_REFILL = "500/s";

    public static ThrottleSettings defaults() {
        return new ThrottleSettings(
                Limit.of(DEFAULT_FAILURES_PER_ADDRESS, DEFAULT_FAILURES_PER_ADDRESS_REFILL),
                Limit.of(DEFAULT_FAILURES_PER_USERNAME, DEFAULT_FAILURES_PER_USERNAME_REFILL),
                Limit.of(DEFAULT_REQUESTS_PER_ADDRESS, DEFAULT_REQUESTS_PER_ADDRESS_REFILL),
                TrustedProxies.NONE);
    }

    public ThrottleSettings withTrustedProxies(TrustedProxies proxies) {
        return new ThrottleSettings(failuresPerAddress, failuresPerUsername, requestsPerAddress, proxies);
    }

    /**
     * A bucket of {@code capacity} tokens (the burst; 0 turns the limit off) that gains {@code refillTokens} every
     * {@code refillPeriod}.
     */
    public record Limit(int capacity, int refillTokens, Duration refillPeriod) {
        private static final Pattern REFILL = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h)");

        public Limit {
            if (capacity < 0) throw new IllegalArgumentException("A limit's capacity cannot be negative: " + capacity);
            if (refillTokens < 1 || refillPeriod.isNegative() || refillPeriod.isZero()) {
                throw new IllegalArgumentException("A limit must refill at least one token per positive period");
            }
            if (capacity > 0) {
                if (refillPeriod.toNanos() / refillTokens < 1)
                    throw new IllegalArgumentException("Refills faster than 1 per ns");
                // Days of burst at most: keeps capacity × interval far from overflowing a long of nanoseconds.
                if (Duration.ofNanos(refillPeriod.toNanos() / refillTokens)
                                .multipliedBy(capacity)
                                .compareTo(Duration.ofDays(366))
                        > 0) {
                    throw new IllegalArgumentException("A limit may take at most a year to refill from empty");
                }
            }
        }

        /** {@code capacity} with a refill written as {@code tokens/period}: {@code 1/s}, {@code 1/30s}, {@code 100/s}, {@code 5/250ms}. */
        public static Limit of(int capacity, String refill) {
            Matcher m = REFILL.matcher(refill == null ? "" : refill.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "A refill is written tokens/period, e.g. 1/s, 1/30s, 100/s or 5/250ms; not '" + refill + "'");
            }
            long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
            Duration period = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            return new Limit(capacity, Integer.parseInt(m.group(1)), period);
        }

        public boolean off() {
            return capacity == 0;
        }

        /** The time one token takes to come back. */
        long nanosPerToken() {
            return refillPeriod.toNanos() / refillTokens;
        }

        /** As written on the command line: {@code 20 (refill 1/s)}, {@code off}. */
        @Override
        public String toString() {
            if (off()) return "off";
            long ms = refillPeriod.toMillis();
            String period = ms % 3_600_000 == 0
                    ? ms / 3_600_000 + "h"
                    : ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
            return capacity + " (refill " + refillTokens + "/"
                    + (period.matches("1[hms]") ? period.substring(1) : period) + ")";
        }
    }
}
