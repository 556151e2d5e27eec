package io.latchkey.throttle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address, a username), held in this process's memory.
 * <p>
 * Each bucket is a single number: the instant at which it will be full again (the generic cell rate algorithm's
 * "theoretical arrival time"). Taking a token moves that instant one refill interval later, giving one back moves it
 * one earlier, and a bucket whose instant has passed is full. Updates are compare-and-set, so no lock is held, a
 * request never waits for another, and concurrent takers cannot take more than the bucket holds.
 * <p>
 * The number of keys is bounded, since an attacker chooses them (usernames, and addresses when it controls many):
 * beyond {@code maxKeys}, full buckets are forgotten first (forgetting a full bucket changes nothing), then those
 * closest to full, down to 90% of {@code maxKeys}, so that the sweep runs at most once per tenth of that many new keys.
 * A taker that adds a key beyond the bound waits for the sweep (milliseconds; takers of known keys never wait):
 * otherwise new keys would be added faster than one sweeper can forget them.
 * <p>
 * Limits are per node, on purpose: they protect the CPU of the node that would compute the hashes, which is per node.
 * A client spread over N nodes by a load balancer gets N times the budget; the cluster-wide guard against guessing one
 * account's password is the lockout after failed attempts, which lives in the database.
 */
final class TokenBuckets {
    /** What a forgotten bucket holds, so that a taker still holding it retries with the key's new bucket. */
    private static final long FORGOTTEN = Long.MIN_VALUE;

    private final long nanosPerToken;
    /** capacity × nanosPerToken: how far a bucket's full-again instant may run ahead of now. */
    private final long burstNanos;

    private final int maxKeys;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();

    TokenBuckets(ThrottleSettings.Limit limit, int maxKeys, LongSupplier nanoClock) {
        if (limit.off()) throw new IllegalArgumentException("A limit that is off needs no buckets");
        this.nanosPerToken = limit.nanosPerToken();
        this.burstNanos = Math.multiplyExact(limit.capacity(), nanosPerToken);
        this.maxKeys = maxKeys;
        this.clock = nanoClock;
    }

    /** Takes a token from the key's bucket: 0 when taken, else the nanoseconds until one will be there (none taken). */
    long take(String key) {
        while (true) {
            long now = clock.getAsLong();
            AtomicLong bucket = buckets.get(key);
            if (bucket == null) {
                AtomicLong fresh = new AtomicLong(now);
                bucket = buckets.putIfAbsent(key, fresh);
                if (bucket == null) {
                    bucket = fresh;
                    sweepIfOverfull();
                }
            }
            long fullAt = bucket.get();
            if (fullAt == FORGOTTEN) {
                buckets.remove(key, bucket);
                continue;
            }
            long next = Math.max(fullAt, now) + nanosPerToken;
            long wait = next - now - burstNanos;
            if (wait > 0) return wait;
            if (bucket.compareAndSet(fullAt, next)) return 0;
        }
    }

    /** Gives back a token taken from the key's bucket (never beyond full). */
    void giveBack(String key) {
        AtomicLong bucket = buckets.get(key);
        if (bucket == null) return; // forgotten meanwhile: its successor is full anyway
        while (true) {
            long fullAt = bucket.get();
            long now = clock.getAsLong();
            if (fullAt == FORGOTTEN || fullAt <= now) return;
            if (bucket.compareAndSet(fullAt, Math.max(now, fullAt - nanosPerToken))) return;
        }
    }

    /** How many keys are held now. */
    int size() {
        return buckets.size();
    }

    private void sweepIfOverfull() {
        if (buckets.size() <= maxKeys) return;
        sweeping.lock();
        try {
            // Those who waited for the sweep before find the count back under the bound.
            if (buckets.size() > maxKeys) sweep();
        } finally {
            sweeping.unlock();
        }
    }

    /** Forgets the full buckets, then, if still over, those closest to full down to 90% of maxKeys. */
    private void sweep() {
        long now = clock.getAsLong();
        buckets.forEach((key, bucket) -> {
            long fullAt = bucket.get();
            if (fullAt != FORGOTTEN && fullAt <= now) forget(key, bucket, fullAt);
        });
        int excess = buckets.size() - (int) (maxKeys * 9L / 10);
        if (excess <= 0) return;
        long[] fullAts = buckets.values().stream()
                .mapToLong(AtomicLong::get)
                .filter(t -> t != FORGOTTEN)
                .sorted()
                .toArray();
        if (fullAts.length == 0) return;
        long cut = fullAts[Math.min(excess, fullAts.length) - 1];
        buckets.forEach((key, bucket) -> {
            long fullAt = bucket.get();
            if (fullAt != FORGOTTEN && fullAt <= cut) forget(key, bucket, fullAt);
        });
    }

    /** Forgets a bucket unless it changed since it was read (then it is in use, and stays). */
    private void forget(String key, AtomicLong bucket, long seen) {
        if (bucket.compareAndSet(seen, FORGOTTEN)) buckets.remove(key, bucket);
    }

    /** Whole seconds for {@code Retry-After}: rounded up, at least 1. */
    static long seconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** "1 second", "30 seconds". */
    static String inWords(long seconds) {
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
