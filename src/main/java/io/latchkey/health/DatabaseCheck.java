package io.latchkey.health;

import io.latchkey.storage.Database;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the database is reachable and its schema current, answered within {@code timeout}. The pool waits up to its
 * connection timeout (30 s) for a connection when the database is gone, far longer than a probe waits: the probe
 * gives up first and says DOWN. At most one check runs at a time; probes that arrive meanwhile share its answer, so a
 * dead database does not pile up one waiting thread per probe.
 */
final class DatabaseCheck {
    static final String NAME = "Latchkey database";

    private final Database db;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Check>> inFlight = new AtomicReference<>();

    DatabaseCheck(Database db, Duration timeout) {
        this.db = db;
        this.timeout = timeout;
    }

    Check run() {
        CompletableFuture<Check> mine = new CompletableFuture<>();
        CompletableFuture<Check> running = inFlight.compareAndExchange(null, mine);
        if (running == null) {
            running = mine;
            Thread.ofVirtual().name("latchkey-readiness").start(() -> {
                mine.complete(probe());
                inFlight.compareAndSet(mine, null);
            });
        }
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Check.down(NAME, "the database did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.down(NAME, "interrupted");
        } catch (ExecutionException e) {
            return Check.down(NAME, "the database cannot be reached");
        }
    }

    /** Never throws: the reason is a fixed sentence, never the driver's message (it may name hosts or users). */
    private Check probe() {
        try {
            return db.schemaIsCurrent()
                    ? Check.up(NAME)
                    : Check.down(NAME, "the schema is not the one this version migrates to");
        } catch (Throwable e) {
            return Check.down(NAME, "the database cannot be reached");
        }
    }
}
