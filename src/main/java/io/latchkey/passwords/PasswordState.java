package io.latchkey.passwords;

/**
 * A user's password state, as {@code GET /users/{id}/password} shows it.
 *
 * @param status             {@code NO_PASSWORD}, {@code OK}, {@code MUST_CHANGE_PASSWORD}, {@code PASSWORD_EXPIRED}
 *                           or {@code PASSWORD_LOCKED_OUT}
 * @param lastChangedAt      epoch millis of the last change, null without a password
 * @param secondsUntilUnlock seconds until a failure lockout ends, null when not locked out
 * @param failuresRemaining  failed attempts left before a lockout, null when the policy has no lockout
 */
public record PasswordState(
        String environmentId,
        String userId,
        String passwordPolicyId,
        String status,
        Long lastChangedAt,
        boolean forceChange,
        Long secondsUntilUnlock,
        Integer failuresRemaining) {}
