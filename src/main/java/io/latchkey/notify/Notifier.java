package io.latchkey.notify;

/**
 * Delivers one-time codes to users: password recovery by e-mail, and the codes of MFA devices by e-mail, SMS or voice.
 * One interface: a file outbox by default, SMTP for e-mail and an HTTP gateway for phones when configured
 * ({@link RoutingNotifier} picks per channel).
 */
public interface Notifier {
    /** Sends {@code code} to {@code email} (may be null when the user has none) for {@code purpose}. */
    void send(String environmentId, String userId, String email, String purpose, String code);

    /**
     * Sends {@code code} to {@code phone} (international form, {@code +} and digits) by {@code channel} ({@code SMS}
     * or {@code VOICE}) for {@code purpose}. Only the notifiers that can reach a phone implement it.
     */
    default void sendToPhone(
            String environmentId, String userId, String phone, String channel, String purpose, String code) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not deliver to phones");
    }
}
