package io.latchkey.activities;

import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.TransactionObserver;
import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * The audit log. Two ways in, both inside the transaction of what they record, so that a crash cannot leave a change
 * without its activity or an activity without its change:
 * <ul>
 *   <li>{@link #record} — a sign-on or token event, written by the service with the handle of its transaction;
 *   <li>{@link #during} — a management change: the request's activity waits on its thread and is written into the
 *       first transaction of that request that writes ({@link TransactionObserver}), whichever service runs it.
 * </ul>
 * The composition root installs it with {@link Database#observeWrites}.
 */
public final class ActivityLog implements TransactionObserver {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ActivityLog.class);
    /** The management change the current thread's request is making (see {@link ManagementActivities}). */
    private static final ThreadLocal<PendingActivity> PENDING = new ThreadLocal<>();

    private final Database db;
    private final ActivityStore store = new ActivityStore();
    private final Duration retention;

    public ActivityLog(Database db, Duration retention) {
        this.db = db;
        this.retention = retention;
    }

    /** Writes {@code a} (its id and time are given here) in the transaction of {@code h}. */
    public void record(Handle h, ActivityDraft a) {
        store.insert(h, a.toActivity(Ids.newId(), ActivityTimes.format(System.currentTimeMillis())));
    }

    /** Runs {@code work} with {@code pending} waiting for the first writing transaction of this thread. */
    <X extends Exception> void during(PendingActivity pending, ThrowingRunnable<X> work) throws X {
        PendingActivity outer = PENDING.get();
        PENDING.set(pending);
        try {
            work.run();
        } finally {
            if (outer == null) PENDING.remove();
            else PENDING.set(outer);
        }
    }

    /**
     * Writes {@code a} in a transaction of its own: a refused attempt, whose change (if any) was rolled back. A failure
     * to write it is logged (classes only) and swallowed: the request's answer is its refusal, not a 500.
     */
    void recordAlone(ActivityDraft a) {
        try {
            db.withHandle(h -> {
                record(h, a);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn(
                    "The activity of a refused request could not be written: {}",
                    e.getClass().getName());
        }
    }

    /** Fills in the resource a creation made, right after its commit (its id is in the answer). */
    void nameResource(String env, String activityId, String resourceId, String resourceName) {
        db.withHandle(h -> {
            store.nameResource(h, env, activityId, resourceId, resourceName);
            return null;
        });
    }

    /** Marks an activity FAILED after its request was refused (see {@link ManagementActivities}). */
    void markFailed(String env, String activityId, String description) {
        db.withHandle(h -> {
            store.markFailed(h, env, activityId, description);
            return null;
        });
    }

    ActivityStore store() {
        return store;
    }

    /** Housekeeping: deletes the activities older than the retention; returns how many. */
    public int deleteExpired() {
        String cutoff = ActivityTimes.format(System.currentTimeMillis() - retention.toMillis());
        return db.withHandle(h -> ActivityStore.deleteRecordedBefore(h, cutoff));
    }

    @Override
    public boolean watching() {
        PendingActivity p = PENDING.get();
        return p != null && p.recordedId() == null;
    }

    @Override
    public void beforeCommit(Handle h) {
        PendingActivity p = PENDING.get();
        if (p == null || p.recordedId() != null) return;
        String id = Ids.newId();
        store.insert(h, p.draft().toActivity(id, ActivityTimes.format(System.currentTimeMillis())));
        p.recorded(id);
    }

    @Override
    public void rolledBack() {
        PendingActivity p = PENDING.get();
        if (p != null) p.recorded(null);
    }

    @FunctionalInterface
    interface ThrowingRunnable<X extends Exception> {
        void run() throws X;
    }
}
