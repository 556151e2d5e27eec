package io.latchkey.notify;

/** The notifier the server uses: e-mail through one notifier (outbox or SMTP), phones through another (outbox or HTTP). */
public final class RoutingNotifier implements Notifier {
    private final Notifier email;
    private final Notifier phone;

    public RoutingNotifier(Notifier email, Notifier phone) {
        this.email = email;
        this.phone = phone;
    }

    @Override
    public void send(String environmentId, String userId, String address, String purpose, String code) {
        email.send(environmentId, userId, address, purpose, code);
    }

    @Override
    public void sendToPhone(
            String environmentId, String userId, String number, String channel, String purpose, String code) {
        phone.sendToPhone(environmentId, userId, number, channel, purpose, code);
    }
}
