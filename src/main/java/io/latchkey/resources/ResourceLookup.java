package io.latchkey.resources;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads a resource for other features inside their own transaction (the token claims need its settings). */
public final class ResourceLookup {
    private final ResourceStore store = new ResourceStore();

    /** The resource {@code id} of {@code env}, read in the caller's transaction. */
    public Optional<Resource> find(Handle h, String env, String id) {
        return store.find(h, env, id);
    }
}
