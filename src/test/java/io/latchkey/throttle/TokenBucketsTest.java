package io.latchkey.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The keyed token buckets on a clock the test moves. */
class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(42 * SECOND);

    private TokenBuckets buckets(int capacity, String refill, int maxKeys) {
        return new TokenBuckets(ThrottleSettings.Limit.of(capacity, refill), maxKeys, clock::get);
    }

    @Test
    void theBurstIsTakenThenRefusedWithTheTimeUntilTheNextToken() {
        TokenBuckets b = buckets(3, "1/s", 100);
        for (int i = 0; i < 3; i++) assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isEqualTo(SECOND);
        // A refused take takes nothing: the wait stays one token away.
        assertThat(b.take("a")).isEqualTo(SECOND);
        clock.addAndGet(SECOND / 4);
        assertThat(b.take("a")).isEqualTo(SECOND * 3 / 4);
        assertThat(TokenBuckets.seconds(SECOND * 3 / 4)).isEqualTo(1);
    }

    @Test
    void oneTokenComesBackPerRefillInterval() {
        TokenBuckets b = buckets(2, "1/30s", 100);
        b.take("a");
        b.take("a");
        assertThat(b.take("a")).isEqualTo(30 * SECOND);
        clock.addAndGet(30 * SECOND);
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isPositive();
        clock.addAndGet(3600 * SECOND);
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isPositive();
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainButNeverBeyondFull() {
        TokenBuckets b = buckets(2, "1/h", 100);
        b.take("a");
        b.take("a");
        b.giveBack("a");
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isPositive();

        for (int i = 0; i < 5; i++) b.giveBack("fresh");
        assertThat(b.take("fresh")).isZero();
        assertThat(b.take("fresh")).isZero();
        assertThat(b.take("fresh")).isPositive();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        TokenBuckets b = buckets(1, "1/h", 100);
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isPositive();
        assertThat(b.take("b")).isZero();
    }

    @Test
    void concurrentTakersCannotTakeMoreThanTheBucketHolds() throws Exception {
        TokenBuckets b = buckets(100, "1/h", 100);
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) if (b.take("shared") == 0) taken.incrementAndGet();
            }));
        }
        go.countDown();
        for (Thread t : threads) t.join();
        assertThat(taken.get()).isEqualTo(100);
    }

    @Test
    void theNumberOfKeysStaysBoundedWhateverTheAttackerCyclesThrough() {
        TokenBuckets b = buckets(5, "1/h", 1000);
        int largest = 0;
        for (int i = 0; i < 100_000; i++) {
            b.take("user-" + i);
            largest = Math.max(largest, b.size());
        }
        assertThat(largest).isLessThanOrEqualTo(1000);
        assertThat(b.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void fullBucketsAreForgottenFirstThenThoseClosestToFull() {
        TokenBuckets b = buckets(5, "1/h", 10);
        // A drained bucket: an attacker must not get it refilled by cycling through other keys.
        for (int i = 0; i < 5; i++) b.take("drained");
        for (int i = 0; i < 1000; i++) b.take("other-" + i);
        assertThat(b.size()).isLessThanOrEqualTo(10);
        assertThat(b.take("drained")).isPositive();

        // Once everything has refilled, the next sweep forgets the full buckets, all of them.
        clock.addAndGet(24 * 3600 * SECOND);
        for (int i = 0; i < 11; i++) b.take("later-" + i);
        assertThat(b.size()).isLessThanOrEqualTo(10);
        assertThat(b.take("drained")).isZero();
    }

    @Test
    void theNumberOfKeysStaysBoundedUnderConcurrentTakers() throws Exception {
        TokenBuckets b = buckets(5, "1/h", 1000);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger largest = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    b.take(thread + "-" + i);
                    largest.accumulateAndGet(b.size(), Math::max);
                }
            }));
        }
        for (Thread t : threads) t.join();
        // At most one key per taker beyond the bound: a taker adding a key beyond it waits for the sweep.
        assertThat(largest.get()).isLessThanOrEqualTo(1000 + 8);
        assertThat(b.size()).isLessThanOrEqualTo(1000 + 8);
    }
}
