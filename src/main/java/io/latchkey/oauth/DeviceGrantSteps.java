package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationService;
import io.latchkey.flows.DeviceAuthorizations;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The device authorizations as a device grant flow sees them (see {@link DeviceAuthorizations}). */
public final class DeviceGrantSteps implements DeviceAuthorizations {
    private final DeviceAuthorizationService devices;
    private final ApplicationService applications;
    private final SessionService sessions;

    public DeviceGrantSteps(
            DeviceAuthorizationService devices, ApplicationService applications, SessionService sessions) {
        this.devices = devices;
        this.applications = applications;
        this.sessions = sessions;
    }

    @Override
    public Optional<Pending> pendingByUserCode(String env, String typedUserCode) {
        return devices.pendingByUserCode(env, typedUserCode)
                .filter(d -> applicationEnabled(env, d))
                .map(DeviceGrantSteps::pending);
    }

    @Override
    public Optional<Pending> pending(String env, String id) {
        long now = System.currentTimeMillis();
        return devices.find(env, id)
                .filter(d -> d.status() == DeviceAuthorization.Status.PENDING && !d.expired(now))
                .filter(d -> applicationEnabled(env, d))
                .map(DeviceGrantSteps::pending);
    }

    @Override
    public boolean decide(Handle h, String env, String id, boolean approve, String userId, String sessionId) {
        if (!approve) return devices.decide(h, env, id, false, null, null);
        Optional<SignOnSession> s = sessions.byId(env, sessionId);
        if (s.isEmpty()) return false;
        TokenGrant.SignOn signOn = new TokenGrant.SignOn(
                s.get().id(), s.get().authTime(), s.get().acr(), s.get().amr());
        return devices.decide(h, env, id, true, userId, signOn);
    }

    private boolean applicationEnabled(String env, DeviceAuthorization d) {
        return applications
                .find(env, d.applicationId())
                .filter(Application::enabled)
                .isPresent();
    }

    private static Pending pending(DeviceAuthorization d) {
        return new Pending(d.id(), d.applicationId(), d.scopes());
    }
}
