package io.latchkey.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends codes by e-mail through an SMTP server (Jakarta Mail). Chosen for e-mail when {@code --smtp-host} is set. */
public final class SmtpNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(SmtpNotifier.class);

    /** Where and how to send. {@code user} null means no authentication. */
    public record Settings(String host, int port, String user, String password, String from, boolean startTls) {}

    private final Settings settings;
    private final Session session;

    public SmtpNotifier(Settings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        if (settings.startTls()) p.put("mail.smtp.starttls.required", "true");
        Authenticator auth = null;
        if (settings.user() != null) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.user(), settings.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public void send(String environmentId, String userId, String email, String purpose, String code) {
        if (email == null || email.isBlank()) {
            log.warn("User {} has no e-mail address: the {} message was not sent", userId, purpose);
            return;
        }
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(settings.from()));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(email));
            if (purpose.startsWith("mfa.")) {
                m.setSubject("Your verification code");
                m.setText(
                        "Your verification code is " + code
                                + ".\n\nEnter it to confirm this address for sign-on. If you did not ask for it, ignore"
                                + " this message.\n",
                        "UTF-8");
            } else {
                m.setSubject("Your recovery code");
                m.setText(
                        "Your recovery code is " + code
                                + ".\n\nIt expires in 15 minutes. If you did not ask for it, ignore this message.\n",
                        "UTF-8");
            }
            Transport.send(m);
            log.info("A {} message for user {} was sent by e-mail", purpose, userId);
        } catch (MessagingException e) {
            // The flow does not tell whether the user exists, so a delivery failure is logged, not shown.
            log.error("Sending the {} message for user {} failed: {}", purpose, userId, e.getMessage());
        }
    }
}
