package io.latchkey.passwords;

/** The outcome of checking a username/password sign-on ({@link PasswordService#checkSignOn}). */
public sealed interface SignOnCheck {
    /** The password is right. {@code mustChange}: forced by an administrator or expired per {@code maxAgeDays}. */
    record Ok(boolean mustChange) implements SignOnCheck {}

    /**
     * Wrong password or unknown user (the two are not told apart). {@code remainingAttempts}: failures left before
     * a lockout, or null when unknown (unknown user) or the policy locks nobody out. Not shown to clients (see
     * {@code flows.FlowErrors#invalidCredentials}).
     */
    record Wrong(Integer remainingAttempts) implements SignOnCheck {}

    /**
     * The account is locked. {@code secondsUntilUnlock}: seconds until it unlocks by itself, or -1 when only an
     * administrator can unlock it (account.lock).
     */
    record Locked(long secondsUntilUnlock) implements SignOnCheck {}

    /** The user is disabled. */
    record Disabled() implements SignOnCheck {}

    /** The user has no password. */
    record NoPassword() implements SignOnCheck {}
}
