package io.latchkey.storage;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sign-on state that can no longer be used (expired flows, codes, tokens, sessions), and runs the sweeps
 * features add (audit activities past their retention). Every process runs it; the deletes are idempotent, so
 * several processes on one database do not get in each other's way.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    /** Rows are kept this long past their expiry, so that a replay is still recognised as one. */
    private static final long GRACE_MILLIS = TimeUnit.DAYS.toMillis(1);

    private static final List<String> EXPIRING = List.of(
            "flows",
            "authorization_codes",
            "pushed_authorization_requests",
            "refresh_tokens",
            "revoked_tokens",
            "access_token_grants",
            "used_client_assertions",
            "signon_sessions",
            "device_authorizations",
            "mfa_device_authentications");

    private final Database db;
    private final List<IntSupplier> sweeps;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "latchkey-housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(Database db) {
        this(db, List.of());
    }

    /** @param sweeps more deletes, each returning how many rows it deleted */
    public Housekeeping(Database db, List<IntSupplier> sweeps) {
        this.db = db;
        this.sweeps = List.copyOf(sweeps);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runOnce, 10, 600, TimeUnit.SECONDS);
    }

    /** One pass; returns the number of rows deleted. */
    public int runOnce() {
        long cutoff = System.currentTimeMillis() - GRACE_MILLIS;
        int deleted = 0;
        for (String table : EXPIRING) {
            try {
                deleted += db.withHandle(h -> h.createUpdate("delete from " + table + " where expires_at < :cutoff")
                        .bind("cutoff", cutoff)
                        .execute());
            } catch (RuntimeException e) {
                log.warn("Housekeeping of {} failed: {}", table, e.getMessage());
            }
        }
        for (IntSupplier sweep : sweeps) {
            try {
                deleted += sweep.getAsInt();
            } catch (RuntimeException e) {
                log.warn("Housekeeping sweep failed: {}", e.getMessage());
            }
        }
        if (deleted > 0) log.debug("Housekeeping deleted {} expired rows", deleted);
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
