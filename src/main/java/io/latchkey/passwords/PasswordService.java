package io.latchkey.passwords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.activities.ActivityLog;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.storage.Database;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Users' passwords: setting them (management API, self-registration), changing and recovering them (flows), and
 * checking them at sign-on with the policy's lockout. All state (failure counters, lockouts, recovery codes) is
 * in the database, so any process can serve any attempt.
 */
public final class PasswordService {
    public static final long RECOVERY_CODE_TTL_MILLIS = 15 * 60_000L;
    public static final int RECOVERY_MAX_ATTEMPTS = 5;
    public static final int RECOVERY_CODE_DIGITS = 8;
    private static final long DAY = 86_400_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final PasswordHasher hasher;
    private final PasswordPolicyService policies;
    private final PasswordStore store = new PasswordStore();
    private final ActivityLog activities;

    public PasswordService(Database db, PasswordHasher hasher, PasswordPolicyService policies, ActivityLog activities) {
        this.db = db;
        this.hasher = hasher;
        this.policies = policies;
        this.activities = activities;
    }

    // ---------------------------------------------------------------- sign-on

    /**
     * Checks a sign-on attempt. A null {@code userId} (unknown username) costs the same time as a wrong password
     * and answers {@link SignOnCheck.Wrong} with no count. Failures are counted in the database; reaching the
     * policy's {@code lockout.failureCount} locks the password for {@code lockout.durationSeconds}. Success resets
     * the count and re-hashes a password kept in an imported format.
     */
    public SignOnCheck checkSignOn(String env, String userId, String password) {
        return checkSignOn(env, userId, password, null);
    }

    /**
     * As {@link #checkSignOn(String, String, String)}, for a sign-on at application {@code clientId}: a right password
     * and a counted failure (and the lockout it may cause) are audit activities, written with the counter. An unknown
     * username or a refused attempt writes nothing (a flood of them must not fill the log).
     */
    public SignOnCheck checkSignOn(String env, String userId, String password, String clientId) {
        if (userId == null) return checkUnknownUser(password);
        record Read(PasswordStore.Subject subject, PasswordStore.Current current, PasswordPolicy policy) {}
        Read read = db.withHandle(h -> {
            PasswordStore.Subject s = store.subject(h, env, userId).orElse(null);
            if (s == null) return null;
            return new Read(
                    s, store.current(h, env, userId, false).orElse(null), policies.effective(h, env, s.populationId()));
        });
        if (read == null) return checkUnknownUser(password);
        long now = System.currentTimeMillis();
        PasswordStore.Current current = read.current();
        SignOnCheck blocked = blocked(read.subject(), current, now);
        if (blocked != null) {
            hasher.verifyDummy(password);
            return blocked;
        }
        boolean right = hasher.verify(password == null ? "" : password, current.hash());
        SignOnActivity audit = new SignOnActivity(activities, env, userId, usernameOf(read.subject()), clientId);
        if (!right) return countFailure(env, userId, read.policy(), audit);
        String rehash = hasher.needsRehash(current.hash()) ? hasher.hash(password) : null;
        return db.inTransaction(h -> {
            PasswordStore.Current locked = store.current(h, env, userId, true).orElse(null);
            if (locked == null) return new SignOnCheck.NoPassword();
            if (locked.lockedUntil() != null && locked.lockedUntil() > now) {
                return new SignOnCheck.Locked(secondsUntil(locked.lockedUntil(), now));
            }
            if (!locked.hash().equals(current.hash())) {
                // Changed meanwhile: the check was against a password that is no longer the user's.
                return new SignOnCheck.Wrong(null);
            }
            if (locked.failedCount() != 0 || locked.lockedUntil() != null) store.setCounter(h, env, userId, 0, null);
            if (rehash != null) store.rehash(h, env, userId, rehash);
            audit.succeeded(h);
            return new SignOnCheck.Ok(locked.forceChange() || expired(read.policy(), locked, now));
        });
    }

    /** A sign-on attempt for a username that does not exist: the cost of one verification, then Wrong. */
    public SignOnCheck checkUnknownUser(String password) {
        hasher.verifyDummy(password);
        return new SignOnCheck.Wrong(null);
    }

    /** Why the user cannot sign on whatever the password, or null. */
    private static SignOnCheck blocked(PasswordStore.Subject s, PasswordStore.Current current, long now) {
        if (!s.enabled()) return new SignOnCheck.Disabled();
        if (s.adminLockedAt() != null) return new SignOnCheck.Locked(-1);
        if (current == null) return new SignOnCheck.NoPassword();
        if (current.lockedUntil() != null && current.lockedUntil() > now) {
            return new SignOnCheck.Locked(secondsUntil(current.lockedUntil(), now));
        }
        return null;
    }

    private static String usernameOf(PasswordStore.Subject s) {
        return s.profile() != null && s.profile().path("username").isTextual()
                ? s.profile().path("username").asText()
                : null;
    }

    private SignOnCheck countFailure(String env, String userId, PasswordPolicy policy, SignOnActivity audit) {
        long now = System.currentTimeMillis();
        return db.inTransaction(h -> {
            PasswordStore.Current c = store.current(h, env, userId, true).orElse(null);
            if (c == null) return new SignOnCheck.Wrong(null);
            if (c.lockedUntil() != null && c.lockedUntil() > now)
                return new SignOnCheck.Locked(secondsUntil(c.lockedUntil(), now));
            int limit = policy.lockoutFailureCount();
            // A lockout that has run out starts the count again.
            int failures = (c.lockedUntil() != null ? 0 : c.failedCount()) + 1;
            if (limit > 0 && failures >= limit) {
                long until = now + policy.lockoutDurationSeconds() * 1000;
                store.setCounter(h, env, userId, 0, until);
                audit.failed(h);
                audit.lockedOut(h);
                return new SignOnCheck.Locked(secondsUntil(until, now));
            }
            store.setCounter(h, env, userId, failures, null);
            audit.failed(h);
            return new SignOnCheck.Wrong(limit > 0 ? limit - failures : null);
        });
    }

    private static long secondsUntil(long until, long now) {
        return Math.max(1, (until - now + 999) / 1000);
    }

    private static boolean expired(PasswordPolicy policy, PasswordStore.Current c, long now) {
        return policy.maxAgeDays() > 0 && now - c.changedAt() > policy.maxAgeDays() * DAY;
    }

    // ---------------------------------------------------------------- setting

    /**
     * The problems of a new password for a user, one detail per broken rule (target {@code target}), or none.
     * A pre-encoded value (when {@code allowPreEncoded}) is not checked against the policy, as in PingOne, but
     * must be in a supported format.
     *
     * @param userId  the existing user (for the history rule), or null for a user being created
     * @param profile the user's profile attributes, for {@code excludesProfileData}
     * @param currentClear the current password in clear when the user just typed it, else null
     */
    public List<ErrorDetail> check(
            Handle h,
            String env,
            String populationId,
            String userId,
            JsonNode profile,
            String value,
            String target,
            boolean allowPreEncoded,
            String currentClear) {
        Optional<PasswordHasher.Format> format = allowPreEncoded ? PasswordHasher.formatOf(value) : Optional.empty();
        if (format.isPresent()) {
            if (format.get() == PasswordHasher.Format.UNSUPPORTED || !PasswordHasher.wellFormed(value)) {
                return List.of(new ErrorDetail(
                        "INVALID_VALUE",
                        target,
                        "The pre-encoded password is in an unsupported or malformed encoding.",
                        Map.of(
                                "allowedValues",
                                List.of(
                                        "{ARGON2}",
                                        "{BCRYPT}",
                                        "{PBKDF2}",
                                        "{SSHA}",
                                        "{SSHA256}",
                                        "{SSHA384}",
                                        "{SSHA512}",
                                        "$argon2id$",
                                        "$2a$",
                                        "$2b$",
                                        "$2y$",
                                        "$pbkdf2-sha256$"))));
            }
            return List.of();
        }
        if (value.isEmpty()) return List.of(new ErrorDetail("EMPTY_VALUE", target, "The password must not be empty."));
        PasswordPolicy policy = policies.effective(h, env, populationId);
        List<String> history = new ArrayList<>();
        if (userId != null) {
            store.current(h, env, userId, false).ifPresent(c -> history.add(c.hash()));
            if (policy.historyCount() > 0) {
                long since = System.currentTimeMillis() - policy.historyRetentionDays() * DAY;
                history.addAll(store.history(h, env, userId, since, policy.historyCount()));
            }
        }
        List<PasswordRules.Broken> broken = PasswordRules.check(
                policy.doc(),
                value,
                profileValues(profile),
                currentClear,
                () -> history.stream().anyMatch(hash -> hasher.verify(value, hash)));
        return details(broken, target);
    }

    /** One INVALID_VALUE detail per broken rule; each names all of them in {@code unsatisfiedRequirements}. */
    static List<ErrorDetail> details(List<PasswordRules.Broken> broken, String target) {
        List<String> names = broken.stream().map(PasswordRules.Broken::rule).toList();
        return broken.stream()
                .map(b -> new ErrorDetail(
                        "INVALID_VALUE", target, b.message(), Map.<String, Object>of("unsatisfiedRequirements", names)))
                .toList();
    }

    /** What is stored for an accepted value: the pre-encoded value as given, else a new Argon2id hash. */
    public String encode(String value, boolean allowPreEncoded) {
        if (allowPreEncoded && PasswordHasher.formatOf(value).isPresent()) return PasswordHasher.canonical(value);
        return hasher.hash(value);
    }

    /**
     * Stores an encoded password as the user's current one: the old one goes to the history (trimmed to the
     * policy's count), the lockout counter starts again.
     */
    public void store(
            Handle h,
            String env,
            String userId,
            String populationId,
            String encoded,
            boolean forceChange,
            boolean setByUser) {
        long now = System.currentTimeMillis();
        PasswordPolicy policy = policies.effective(h, env, populationId);
        Optional<PasswordStore.Current> old = store.current(h, env, userId, true);
        if (old.isPresent() && policy.historyCount() > 0)
            store.addHistory(h, env, userId, old.get().hash(), now);
        store.trimHistory(h, env, userId, policy.historyCount());
        store.put(h, env, userId, encoded, now, forceChange, setByUser);
    }

    /**
     * The management API's password set ({@code value} in clear or pre-encoded). With {@code bypassPolicy} a
     * cleartext value skips the policy. Also ends a failure lockout.
     */
    public PasswordState set(String env, String userId, String value, boolean forceChange, boolean bypassPolicy) {
        PasswordStore.Subject s = db.withHandle(h -> subject(h, env, userId));
        if (!bypassPolicy || PasswordHasher.formatOf(value).isPresent()) {
            List<ErrorDetail> problems = db.withHandle(
                    h -> check(h, env, s.populationId(), userId, s.profile(), value, "password", true, null));
            if (!problems.isEmpty()) throw ApiException.invalidData(problems);
        } else if (value.isEmpty()) {
            throw ApiException.invalidData(
                    new ErrorDetail("EMPTY_VALUE", "password", "The password must not be empty."));
        }
        String encoded = encode(value, true);
        db.useTransaction(h -> {
            subject(h, env, userId);
            store(h, env, userId, s.populationId(), encoded, forceChange, false);
        });
        return state(env, userId);
    }

    /**
     * A user's own change: {@code current} must be right (a wrong one counts as a failed attempt), {@code next}
     * must satisfy the policy, including {@code notSimilarToCurrent} and {@code minAgeDays} (the latter only after a
     * change the user made and when no change is required). Errors: INVALID_VALUE on {@code currentPassword}, or
     * one per broken rule on {@code newPassword}; PASSWORD_LOCKED_OUT when locked; NO_PASSWORD without a password.
     */
    public void change(String env, String userId, String current, String next) {
        change(env, userId, current, next, () -> {});
    }

    /** As {@link #change(String, String, String, String)}; {@code currentVerified} runs once the current password proved right. */
    public void change(String env, String userId, String current, String next, Runnable currentVerified) {
        long now = System.currentTimeMillis();
        record Read(PasswordStore.Subject subject, PasswordStore.Current current, PasswordPolicy policy) {}
        Read read = db.withHandle(h -> {
            PasswordStore.Subject s = subject(h, env, userId);
            return new Read(
                    s, store.current(h, env, userId, false).orElse(null), policies.effective(h, env, s.populationId()));
        });
        if (read.current() == null) {
            throw ApiException.invalidData(
                    new ErrorDetail("NO_PASSWORD", "currentPassword", "The user has no password."));
        }
        SignOnCheck blocked = blocked(read.subject(), read.current(), now);
        if (blocked instanceof SignOnCheck.Locked l) throw lockedOut(l.secondsUntilUnlock());
        if (blocked instanceof SignOnCheck.Disabled) {
            throw ApiException.invalidData(new ErrorDetail("ACCOUNT_NOT_USABLE", null, "The user is disabled."));
        }
        if (current == null || !hasher.verify(current, read.current().hash())) {
            SignOnCheck after = countFailure(
                    env,
                    userId,
                    read.policy(),
                    new SignOnActivity(activities, env, userId, usernameOf(read.subject()), null));
            if (after instanceof SignOnCheck.Locked l) throw lockedOut(l.secondsUntilUnlock());
            throw ApiException.invalidData(
                    ErrorDetail.invalid("currentPassword", "The current password is not correct."));
        }
        currentVerified.run();
        List<ErrorDetail> problems = new ArrayList<>();
        boolean required = read.current().forceChange() || expired(read.policy(), read.current(), now);
        if (read.current().setByUser()
                && !required
                && read.policy().minAgeDays() > 0
                && now - read.current().changedAt() < read.policy().minAgeDays() * DAY) {
            problems.add(new ErrorDetail(
                    "INVALID_VALUE",
                    "newPassword",
                    "The password was changed too recently to be changed again.",
                    Map.of("unsatisfiedRequirements", List.of("minAgeDays"))));
        }
        if (next == null || next.isEmpty()) {
            problems.add(ErrorDetail.required("newPassword"));
        } else {
            problems.addAll(db.withHandle(h -> check(
                    h,
                    env,
                    read.subject().populationId(),
                    userId,
                    read.subject().profile(),
                    next,
                    "newPassword",
                    false,
                    current)));
        }
        if (!problems.isEmpty()) throw ApiException.invalidData(problems);
        String encoded = hasher.hash(next);
        db.useTransaction(h -> store(h, env, userId, read.subject().populationId(), encoded, false, true));
    }

    private static ApiException lockedOut(long secondsUntilUnlock) {
        Map<String, Object> inner =
                secondsUntilUnlock >= 0 ? Map.of("secondsUntilUnlock", secondsUntilUnlock) : Map.of();
        return ApiException.invalidData(new ErrorDetail(
                "PASSWORD_LOCKED_OUT", null, "The password is locked after too many failed attempts.", inner));
    }

    /** Ends a failure lockout and clears the failure count (account.unlock). */
    public void unlock(Handle h, String env, String userId) {
        if (store.current(h, env, userId, true).isPresent()) store.setCounter(h, env, userId, 0, null);
    }

    // ---------------------------------------------------------------- recovery

    /**
     * Starts a recovery: returns a new {@value #RECOVERY_CODE_DIGITS}-digit code (to send to the user), valid
     * {@link #RECOVERY_CODE_TTL_MILLIS} ms and for {@link #RECOVERY_MAX_ATTEMPTS} attempts. Only its hash is stored;
     * an earlier code stops working.
     */
    public String startRecovery(String env, String userId) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < RECOVERY_CODE_DIGITS; i++) code.append(RANDOM.nextInt(10));
        String c = code.toString();
        db.useTransaction(h -> {
            subject(h, env, userId);
            store.putRecovery(
                    h, env, userId, codeHash(userId, c), System.currentTimeMillis() + RECOVERY_CODE_TTL_MILLIS);
        });
        return c;
    }

    /**
     * Sets a new password with a recovery code. A wrong code uses up an attempt; an expired or used-up code, or
     * none, is INVALID_VALUE on {@code recoveryCode}. The new password must satisfy the policy (details on
     * {@code newPassword}); then the code is spent and any failure lockout ends.
     */
    public void recover(String env, String userId, String code, String newPassword) {
        recover(env, userId, code, newPassword, () -> {});
    }

    /** As {@link #recover(String, String, String, String)}; {@code codeVerified} runs once the code proved right. */
    public void recover(String env, String userId, String code, String newPassword, Runnable codeVerified) {
        long now = System.currentTimeMillis();
        boolean codeOk = db.inTransaction(h -> {
            subject(h, env, userId);
            PasswordStore.Recovery r = store.recovery(h, env, userId).orElse(null);
            if (r == null || r.expiresAt() <= now || r.attempts() >= RECOVERY_MAX_ATTEMPTS) {
                if (r != null) store.deleteRecovery(h, env, userId);
                return false;
            }
            boolean matches = Secrets.constantTimeEquals(r.codeHash(), codeHash(userId, code == null ? "" : code));
            if (!matches) {
                if (r.attempts() + 1 >= RECOVERY_MAX_ATTEMPTS) store.deleteRecovery(h, env, userId);
                else store.recoveryAttempt(h, env, userId, r.attempts() + 1);
            }
            return matches;
        });
        if (!codeOk) {
            throw ApiException.invalidData(
                    ErrorDetail.invalid("recoveryCode", "The recovery code is not valid or has expired."));
        }
        codeVerified.run();
        PasswordStore.Subject s = db.withHandle(h -> subject(h, env, userId));
        List<ErrorDetail> problems = newPassword == null || newPassword.isEmpty()
                ? List.of(ErrorDetail.required("newPassword"))
                : db.withHandle(h ->
                        check(h, env, s.populationId(), userId, s.profile(), newPassword, "newPassword", false, null));
        if (!problems.isEmpty()) throw ApiException.invalidData(problems);
        String encoded = hasher.hash(newPassword);
        db.useTransaction(h -> {
            PasswordStore.Recovery r = store.recovery(h, env, userId).orElse(null);
            if (r == null || r.expiresAt() <= now) {
                throw ApiException.invalidData(
                        ErrorDetail.invalid("recoveryCode", "The recovery code is not valid or has expired."));
            }
            store.deleteRecovery(h, env, userId);
            store(h, env, userId, s.populationId(), encoded, false, true);
        });
    }

    private static String codeHash(String userId, String code) {
        return Secrets.hash(userId + ":" + code);
    }

    // ---------------------------------------------------------------- reading

    /** The password state of a user (404 if there is no such user). */
    public PasswordState state(String env, String userId) {
        long now = System.currentTimeMillis();
        return db.withHandle(h -> {
            PasswordStore.Subject s = subject(h, env, userId);
            PasswordPolicy policy = policies.effective(h, env, s.populationId());
            PasswordStore.Current c = store.current(h, env, userId, false).orElse(null);
            Integer remaining = policy.lockoutFailureCount() > 0 ? policy.lockoutFailureCount() : null;
            if (c == null)
                return new PasswordState(env, userId, policy.id(), "NO_PASSWORD", null, false, null, remaining);
            boolean locked = c.lockedUntil() != null && c.lockedUntil() > now;
            if (remaining != null && !locked && c.lockedUntil() == null)
                remaining = Math.max(0, remaining - c.failedCount());
            String status = locked
                    ? "PASSWORD_LOCKED_OUT"
                    : c.forceChange() ? "MUST_CHANGE_PASSWORD" : expired(policy, c, now) ? "PASSWORD_EXPIRED" : "OK";
            return new PasswordState(
                    env,
                    userId,
                    policy.id(),
                    status,
                    c.changedAt(),
                    c.forceChange(),
                    locked ? secondsUntil(c.lockedUntil(), now) : null,
                    locked ? Integer.valueOf(0) : remaining);
        });
    }

    /** The policy that applies to the user, as JSON (what flows embed as {@code _embedded.passwordPolicy}). */
    public ObjectNode policyFor(String env, String userId) {
        return db.withHandle(
                h -> policies.effective(h, env, subject(h, env, userId).populationId())
                        .json());
    }

    /** The policy that applies to a population (self-registration forms show it before a user exists). */
    public ObjectNode policyForPopulation(String env, String populationId) {
        return db.withHandle(h -> policies.effective(h, env, populationId).json());
    }

    private PasswordStore.Subject subject(Handle h, String env, String userId) {
        return store.subject(h, env, userId).orElseThrow(() -> ApiException.notFound("User", userId));
    }

    /** The profile values {@code excludesProfileData} compares with. */
    static List<String> profileValues(JsonNode profile) {
        List<String> out = new ArrayList<>();
        if (profile == null) return out;
        collect(profile, out);
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isTextual()) out.add(n.asText());
        else if (n.isContainerNode()) n.forEach(child -> collect(child, out));
    }
}
