package io.latchkey.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Short-lived copies of configuration that every token, introspection or discovery request reads (an application and
 * its secrets, an environment's existence, a built-in resource's token lifetime). On PostgreSQL each read is a round
 * trip; at thousands of requests a second they were most of a request's time.
 *
 * <p>A copy is used for at most {@link #BOUND} after it was read: a change made through another process sharing the
 * database (a deleted application, a rotated secret) takes effect here within that bound. A change made through this
 * process's Management API takes effect at once: every write there forgets all copies ({@link #forgetAll}). Only what
 * was found is kept (an unknown id is read again each time), and each cache holds a bounded number of entries.
 */
public final class RecentReads {
    /** How stale a copy may be; documented in README "Several processes". */
    public static final Duration BOUND = Duration.ofSeconds(2);

    private final List<Cache<?, ?>> caches = new CopyOnWriteArrayList<>();
    /** Counts {@link #forgetAll} calls: a read that overlapped one may have seen the old row and is not kept. */
    private final AtomicLong writes = new AtomicLong();

    /** A cache of at most {@code maxEntries} values, each kept for {@link #BOUND}. */
    public <K, V> Reads<K, V> cache(int maxEntries) {
        Cache<K, V> cache = Caffeine.newBuilder()
                .expireAfterWrite(BOUND)
                .maximumSize(maxEntries)
                .build();
        caches.add(cache);
        return new Reads<>(cache, writes);
    }

    /** Forgets every copy: the database was written through this process. */
    public void forgetAll() {
        writes.incrementAndGet();
        for (Cache<?, ?> c : caches) c.invalidateAll();
    }

    /** One kind of value by key. */
    public static final class Reads<K, V> {
        private final Cache<K, V> cache;
        private final AtomicLong writes;

        private Reads(Cache<K, V> cache, AtomicLong writes) {
            this.cache = cache;
            this.writes = writes;
        }

        /** The copy of {@code key}'s value, else {@code read}'s (kept when present). */
        public Optional<V> get(K key, Supplier<Optional<V>> read) {
            V known = cache.getIfPresent(key);
            if (known != null) return Optional.of(known);
            long before = writes.get();
            Optional<V> found = read.get();
            if (found.isPresent() && writes.get() == before) cache.put(key, found.get());
            return found;
        }

        public void forget(K key) {
            cache.invalidate(key);
        }
    }
}
