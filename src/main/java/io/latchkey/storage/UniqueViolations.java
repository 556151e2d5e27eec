package io.latchkey.storage;

import java.util.function.Supplier;

/**
 * The loser of two concurrent writes of one unique value (which a check-then-write cannot rule out) gets the same
 * answer the check gives: these run a write and turn a unique violation into {@code duplicate}'s exception, and,
 * where asked, a foreign-key violation (a referenced row went away meanwhile) into {@code referenceGone}'s. Any other
 * failure passes unchanged. Inside a transaction the failed statement has aborted it, so the exception must leave
 * the transaction; for a whole transaction see {@link Database#inTransactionOrIfDuplicate}.
 */
public final class UniqueViolations {
    private UniqueViolations() {}

    /** Runs {@code statement}; a unique violation becomes {@code duplicate.get()}. */
    public static void translate(Runnable statement, Supplier<? extends RuntimeException> duplicate) {
        translate(statement, duplicate, null);
    }

    /** As {@link #translate(Runnable, Supplier)}; a foreign-key violation becomes {@code referenceGone.get()}. */
    public static void translate(
            Runnable statement,
            Supplier<? extends RuntimeException> duplicate,
            Supplier<? extends RuntimeException> referenceGone) {
        try {
            statement.run();
        } catch (RuntimeException e) {
            throw translated(e, duplicate, referenceGone);
        }
    }

    /** Runs {@code work} and returns its result; a unique violation becomes {@code duplicate.get()}. */
    public static <R> R translateResult(Supplier<R> work, Supplier<? extends RuntimeException> duplicate) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw translated(e, duplicate, null);
        }
    }

    static RuntimeException translated(
            RuntimeException e,
            Supplier<? extends RuntimeException> duplicate,
            Supplier<? extends RuntimeException> referenceGone) {
        if (Database.isUniqueViolation(e)) return duplicate.get();
        if (referenceGone != null && Database.isForeignKeyViolation(e)) return referenceGone.get();
        return e;
    }
}
