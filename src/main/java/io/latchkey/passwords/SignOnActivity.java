package io.latchkey.passwords;

import io.latchkey.activities.ActivityDraft;
import io.latchkey.activities.ActivityLog;
import org.jdbi.v3.core.Handle;

/**
 * The audit activities of one password check at sign-on, written in the transaction that updates the failure
 * counter: {@code PASSWORD.CHECK_SUCCEEDED}, {@code PASSWORD.CHECK_FAILED}, {@code USER.LOCKED}. The user is both the
 * actor and the resource; the application signed on to is the client.
 */
final class SignOnActivity {
    private final ActivityLog log;
    private final ActivityDraft draft;

    SignOnActivity(ActivityLog log, String env, String userId, String username, String clientId) {
        this.log = log;
        this.draft = ActivityDraft.of(env, "PASSWORD.CHECK_SUCCEEDED")
                .byUser(userId, username)
                .byClient(clientId)
                .on("USER", userId, username);
    }

    void succeeded(Handle h) {
        log.record(h, draft);
    }

    void failed(Handle h) {
        log.record(h, draft.as("PASSWORD.CHECK_FAILED").failed("The password is wrong."));
    }

    void lockedOut(Handle h) {
        log.record(h, draft.as("USER.LOCKED"));
    }
}
