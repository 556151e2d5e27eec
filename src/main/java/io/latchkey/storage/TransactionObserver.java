package io.latchkey.storage;

import org.jdbi.v3.core.Handle;

/**
 * Writes rows of its own into the transactions of the current thread that changed something (the audit log of
 * management changes), so that a change and its record commit together or not at all. {@link Database} asks
 * {@link #watching} before each statement and transaction, so an observer with nothing to record costs a check.
 */
public interface TransactionObserver {
    /** Whether the current thread has something to record in the transactions it runs. */
    boolean watching();

    /** Called in a transaction that wrote, after its work and before its commit. */
    void beforeCommit(Handle h);

    /** Called when a transaction {@link #beforeCommit} wrote into did not commit after all. */
    void rolledBack();
}
