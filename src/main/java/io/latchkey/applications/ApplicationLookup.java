package io.latchkey.applications;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads an application for other features inside their own transaction (a grant needs its application to exist). */
public final class ApplicationLookup {
    private final ApplicationStore store = new ApplicationStore();

    /** The application {@code id} of {@code env}, read in the caller's transaction. */
    public Optional<Application> find(Handle h, String env, String id) {
        return store.find(h, env, id);
    }

    /** The application of {@code env} whose {@code devicePathId} is {@code pathId}. */
    public Optional<Application> findByDevicePathId(Handle h, String env, String pathId) {
        return store.findByDevicePathId(h, env, pathId);
    }
}
