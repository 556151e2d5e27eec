package io.latchkey.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping and hoping: polls it every few milliseconds until it holds, and fails with
 * {@code what} (and the last state, if given) when the deadline passes. Deadlines are generous, since they only cost
 * time when the test fails anyway.
 */
public final class Await {
    private static final long POLL_MS = 10;

    private Await() {}

    /** Polls {@code condition} until it is true; an AssertionError naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /** The same, with {@code state} describing what was seen last (in the failure message). */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String seen = state.get();
                throw new AssertionError(
                        "not within " + timeout + ": " + what + (seen.isEmpty() ? "" : " (last seen: " + seen + ")"));
            }
            pause(POLL_MS);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
