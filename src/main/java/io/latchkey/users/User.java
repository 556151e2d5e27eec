package io.latchkey.users;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A user. {@code doc} is the user's profile as PingOne names it ({@code username}, {@code email}, {@code name.given},
 * {@code address.locality}, ...): what token claims and {@code ${user.<path>}} expressions read.
 */
public record User(
        String id,
        String environmentId,
        String populationId,
        String username,
        String email,
        boolean enabled,
        ObjectNode doc,
        Account account,
        boolean mfaEnabled,
        boolean emailVerified,
        String lifecycleStatus,
        Long lastSignOnAt,
        String lastSignOnIp,
        long createdAt,
        long updatedAt) {

    /**
     * Lock state: {@code adminLockedAt} while an administrator's lock holds (no automatic unlock),
     * {@code passwordLockedUntil} while a failed-password lockout runs (epoch millis).
     */
    public record Account(Long adminLockedAt, Long passwordLockedUntil) {
        public boolean locked(long now) {
            return adminLockedAt != null || passwordLockedUntil != null && passwordLockedUntil > now;
        }

        /** Seconds until the lockout ends by itself, or null (not locked, or only an administrator can unlock). */
        public Long secondsUntilUnlock(long now) {
            if (adminLockedAt != null || passwordLockedUntil == null || passwordLockedUntil <= now) return null;
            return Math.max(1, (passwordLockedUntil - now + 999) / 1000);
        }
    }

    /** Whether the user can sign on at all (enabled and not locked). */
    public boolean canAuthenticate(long now) {
        return enabled && !account.locked(now);
    }
}
