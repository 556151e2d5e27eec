package io.latchkey.oauth;

import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationLookup;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.OAuthException;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The rules of the device authorization grant (RFC 8628) between its three steps: a device asks for a code pair
 * ({@link #start}), the user signs on, enters the user code and allows or denies the device in a sign-on flow ({@link #decide}),
 * and the device polls the token endpoint ({@link #poll}) until it gets its tokens ({@link #spend}). Every step reads
 * and writes the database only, so any node serves any of them.
 */
public final class DeviceAuthorizationService {
    /** PingOne's defaults when the application has no {@code deviceTimeout} / {@code devicePollingInterval}. */
    static final int DEFAULT_TIMEOUT_SECONDS = 600;

    static final int DEFAULT_INTERVAL_SECONDS = 5;
    /** What a {@code slow_down} adds to the interval (RFC 8628 §3.5). */
    static final int SLOW_DOWN_SECONDS = 5;
    /** RFC 8628 §6.1: consonants only (no vowels, so no words; no 0/O, 1/I), 8 of them: about 34.5 bits. */
    static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

    static final int USER_CODE_LENGTH = 8;
    /** A scope-less request: the one scope every application may ask for. */
    static final List<String> DEFAULT_SCOPES = List.of("openid");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int INSERT_ATTEMPTS = 5;

    private final Database db;
    private final ScopeResolver scopes;
    private final DeviceAuthorizationStore store = new DeviceAuthorizationStore();
    private final ApplicationLookup applications = new ApplicationLookup();

    public DeviceAuthorizationService(Database db, ScopeResolver scopes) {
        this.db = db;
        this.scopes = scopes;
    }

    /** A new authorization and the two codes, raw (only ever shown to the device); the user code as XXXX-XXXX. */
    public record Started(DeviceAuthorization authorization, String deviceCode, String userCode) {}

    /** {@code POST /as/device_authorization} for the authenticated {@code app}. */
    public Started start(Application app, String scopeParam) {
        if (!app.grantTypes().contains("DEVICE_CODE")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the device_code grant.");
        }
        List<String> requested = scopeParam == null || scopeParam.isBlank()
                ? DEFAULT_SCOPES
                : List.of(scopeParam.trim().split("\\s+"));
        ScopeResolver.Resolved resolved = scopes.resolve(
                app.environmentId(), app.id(), requested, app.tokenSettings().multipleResourcesEnabled());
        long now = System.currentTimeMillis();
        int timeout = app.doc().path("deviceTimeout").asInt(DEFAULT_TIMEOUT_SECONDS);
        int interval = app.doc().path("devicePollingInterval").asInt(DEFAULT_INTERVAL_SECONDS);
        DeviceAuthorization d = new DeviceAuthorization(
                Ids.newId(),
                app.environmentId(),
                app.id(),
                resolved.scopes(),
                DeviceAuthorization.Status.PENDING,
                interval,
                Ids.newId(),
                null,
                null,
                now + timeout * 1000L,
                null);
        String deviceCode = Secrets.token();
        // 20^8 codes: a clash with a code of the environment is unlikely, but then the next one is tried.
        for (int attempt = 1; ; attempt++) {
            String userCode = newUserCode();
            try {
                db.useTransaction(h -> store.insert(h, d, Secrets.hash(deviceCode), hashUserCode(userCode), now));
                return new Started(d, deviceCode, display(userCode));
            } catch (RuntimeException e) {
                if (!Database.isUniqueViolation(e) || attempt >= INSERT_ATTEMPTS) throw e;
            }
        }
    }

    /**
     * The pending, unexpired authorization a typed user code names (case, blanks and dashes do not matter); empty for
     * any wrong code.
     */
    public Optional<DeviceAuthorization> pendingByUserCode(String env, String typed) {
        Optional<String> code = normalize(typed);
        if (code.isEmpty()) return Optional.empty();
        long now = System.currentTimeMillis();
        return db.withHandle(h -> store.byUserCode(h, env, hashUserCode(code.get())))
                .filter(d -> d.status() == DeviceAuthorization.Status.PENDING && !d.expired(now));
    }

    /**
     * The enabled application a verification page path names: by id or by its {@code devicePathId} (PingOne's
     * {@code appIdentifier}).
     */
    public Optional<Application> application(String env, String appIdentifier) {
        return db.withHandle(h -> Ids.isUuid(appIdentifier)
                        ? applications.find(h, env, appIdentifier)
                        : applications.findByDevicePathId(h, env, appIdentifier))
                .filter(Application::enabled);
    }

    /** Whether {@code env} names an environment (the verification page serves no other path). */
    public boolean environmentExists(String env) {
        return Ids.isUuid(env) && db.withHandle(h -> Database.environmentExists(h, env));
    }

    public Optional<DeviceAuthorization> find(String env, String id) {
        if (id == null || !Ids.isUuid(id)) return Optional.empty();
        return db.withHandle(h -> store.byId(h, env, id));
    }

    /**
     * The user's decision, in {@code h}'s transaction: approved for {@code userId} signed on as {@code signOn}, or
     * denied (both null). False when the authorization was decided already or has expired.
     */
    public boolean decide(Handle h, String env, String id, boolean approve, String userId, TokenGrant.SignOn signOn) {
        return store.decide(
                h,
                env,
                id,
                approve ? DeviceAuthorization.Status.APPROVED : DeviceAuthorization.Status.DENIED,
                approve ? userId : null,
                approve ? signOn : null,
                System.currentTimeMillis());
    }

    /**
     * A token request's poll of {@code deviceCode}: the approved authorization, or the RFC 8628 §3.5 error that says
     * why not yet ({@code authorization_pending}, {@code slow_down}) or never ({@code access_denied},
     * {@code expired_token}, {@code invalid_grant}).
     */
    DeviceAuthorization poll(Application app, String deviceCode) {
        String env = app.environmentId();
        if (deviceCode.length() > 256) throw unknown();
        DeviceAuthorization d = db.withHandle(h -> store.byDeviceCode(h, env, Secrets.hash(deviceCode)))
                .filter(found -> found.applicationId().equals(app.id()))
                .orElseThrow(DeviceAuthorizationService::unknown);
        long now = System.currentTimeMillis();
        if (d.usedAt() != null) throw OAuthException.invalidGrant("The device code was already used.");
        if (d.expired(now)) throw new OAuthException(400, "expired_token", "The device code has expired.");
        return switch (d.status()) {
            case APPROVED -> d;
            case DENIED -> throw new OAuthException(400, "access_denied", "The user denied the authorization.");
            case PENDING -> {
                boolean onPace = db.inTransaction(h -> {
                    if (store.pollOnPace(h, env, d.id(), now)) return true;
                    store.slowDown(h, env, d.id(), now, SLOW_DOWN_SECONDS);
                    return false;
                });
                if (!onPace) {
                    throw new OAuthException(
                            400,
                            "slow_down",
                            "Polled faster than the interval; wait " + (d.intervalSeconds() + SLOW_DOWN_SECONDS)
                                    + " seconds between requests.");
                }
                throw new OAuthException(400, "authorization_pending", "The user has not decided yet.");
            }
        };
    }

    /** Spends an approved authorization in the transaction that writes its tokens; false when spent already. */
    boolean spend(Handle h, String env, String id) {
        return store.spend(h, env, id, System.currentTimeMillis());
    }

    /** The user code as people read it: XXXX-XXXX. */
    static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** A typed code without case, blanks or punctuation; empty when it cannot be a user code at all. */
    static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 64) return Optional.empty();
        StringBuilder sb = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (USER_CODE_ALPHABET.indexOf(c) >= 0) sb.append(c);
            else if (c != '-' && c != ' ') return Optional.empty();
        }
        return sb.length() == USER_CODE_LENGTH ? Optional.of(sb.toString()) : Optional.empty();
    }

    private static String hashUserCode(String normalized) {
        return Secrets.hash(normalized);
    }

    private static String newUserCode() {
        char[] out = new char[USER_CODE_LENGTH];
        for (int i = 0; i < out.length; i++)
            out[i] = USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length()));
        return new String(out);
    }

    private static OAuthException unknown() {
        return OAuthException.invalidGrant("The device code is invalid or was issued to another client.");
    }
}
