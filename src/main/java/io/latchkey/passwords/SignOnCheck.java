package io.latchkey.passwords;

/** PLACEHOLDER until the identity branch lands (same shape as agreed). */
public sealed interface SignOnCheck {
    record Ok(boolean mustChange) implements SignOnCheck {}
    record Wrong(Integer remainingAttempts) implements SignOnCheck {}
    record Locked(long secondsUntilUnlock) implements SignOnCheck {}
    record Disabled() implements SignOnCheck {}
    record NoPassword() implements SignOnCheck {}
}
