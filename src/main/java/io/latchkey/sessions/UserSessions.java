package io.latchkey.sessions;

import io.latchkey.http.ApiException;
import io.latchkey.storage.Ids;
import io.latchkey.users.UserService;
import java.util.List;

/**
 * PingOne's user sessions ({@code /users/{userId}/sessions}): a user's browser sessions, live or expired, newest
 * first, at most {@link SessionService#KEPT_PER_USER}; deleting one ends single sign-on for that browser.
 */
public final class UserSessions {
    private final SessionService sessions;
    private final UserService users;

    public UserSessions(SessionService sessions, UserService users) {
        this.sessions = sessions;
        this.users = users;
    }

    public List<SignOnSession> list(String env, String userId) {
        users.get(env, userId);
        return sessions.ofUser(env, userId);
    }

    public SignOnSession get(String env, String userId, String id) {
        users.get(env, userId);
        return (Ids.isUuid(id) ? sessions.ofUser(env, userId, id) : java.util.Optional.<SignOnSession>empty())
                .orElseThrow(() -> notFound(id));
    }

    /** Ends the session: the next authorize from its browser, on any process, finds no session. */
    public void delete(String env, String userId, String id) {
        users.get(env, userId);
        if (!Ids.isUuid(id) || !sessions.endOfUser(env, userId, id)) throw notFound(id);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Session", id);
    }
}
