package io.latchkey.activities;

/** The activity of a management request, waiting for the request's first writing transaction. */
final class PendingActivity {
    private final ActivityDraft draft;
    private String recordedId;

    PendingActivity(ActivityDraft draft) {
        this.draft = draft;
    }

    ActivityDraft draft() {
        return draft;
    }

    /** The id it was written under, or null while not (or no longer, after a rollback) written. */
    String recordedId() {
        return recordedId;
    }

    void recorded(String id) {
        this.recordedId = id;
    }
}
