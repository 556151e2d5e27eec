package io.latchkey.environments;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The installation's one organization, PingOne's level above environments. Its id is made on the first start and
 * kept in the database; it is handed over as a future so that the server can be assembled while the database is
 * still opening (see {@code app.Latchkey}).
 */
public final class Organization {
    private final CompletableFuture<String> id;

    public Organization(CompletableFuture<String> id) {
        this.id = id;
    }

    public static Organization withId(String id) {
        return new Organization(CompletableFuture.completedFuture(id));
    }

    /** The id; during start-up this waits for the database. */
    public String id() {
        try {
            return id.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }
}
