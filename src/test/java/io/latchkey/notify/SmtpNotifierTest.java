package io.latchkey.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP notifier against a real SMTP server (GreenMail) on a free local port. */
class SmtpNotifierTest {
    GreenMail smtp;
    int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void recoveryCodeArrivesByMail() throws Exception {
        new SmtpNotifier(new SmtpNotifier.Settings("127.0.0.1", port, null, null, "noreply@latchkey.test", false))
                .send("env", "user", "ada@example.com", "password.recover", "123456");
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        assertThat(GreenMailUtil.getBody(m)).contains("123456");
    }

    @Test
    void aUserWithoutEmailGetsNothingAndNothingFails() {
        new SmtpNotifier(new SmtpNotifier.Settings("127.0.0.1", port, null, null, "noreply@latchkey.test", false))
                .send("env", "user", null, "password.recover", "123456");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
