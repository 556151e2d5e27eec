package io.latchkey.flows;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What a device authorization grant flow needs of the device authorizations. They live in {@code oauth/}, which
 * depends on {@code flows/}; this interface keeps the dependency one-way (the composition root passes the
 * implementation).
 */
public interface DeviceAuthorizations {

    /** A device authorization still waiting for the user's decision. */
    record Pending(String id, String applicationId, List<String> scopes) {}

    /**
     * The pending, unexpired authorization of an enabled application a typed user code names (case, blanks and dashes
     * do not matter); empty for a wrong, expired or used code.
     */
    Optional<Pending> pendingByUserCode(String env, String typedUserCode);

    /** The authorization {@code id}, if it is still pending and unexpired. */
    Optional<Pending> pending(String env, String id);

    /**
     * Writes the user's decision in {@code h}'s transaction: approved for {@code userId}, whose sign-on is the session
     * {@code sessionId}, or denied. False when it was decided already, has expired, or the session has ended.
     */
    boolean decide(Handle h, String env, String id, boolean approve, String userId, String sessionId);
}
