package io.latchkey.notify;

/** Delivers one-time codes to users (password recovery). One interface: a file outbox by default, SMTP when configured. */
public interface Notifier {
    /** Sends {@code code} to {@code email} (may be null when the user has none) for {@code purpose}. */
    void send(String environmentId, String userId, String email, String purpose, String code);
}
