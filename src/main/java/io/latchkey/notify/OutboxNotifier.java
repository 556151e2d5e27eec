package io.latchkey.notify;

import io.latchkey.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default notifier (e-mail and phones): writes each message as one JSON line to {@code <data-dir>/outbox.jsonl}. The code goes to
 * that file only, never to the application log (a log line says a message was written, without the code).
 */
public final class OutboxNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(OutboxNotifier.class);
    private final Path file;

    public OutboxNotifier(Path dataDir) {
        this.file = dataDir.resolve("outbox.jsonl");
    }

    public Path file() {
        return file;
    }

    @Override
    public void send(String environmentId, String userId, String email, String purpose, String code) {
        write(Json.object()
                .put("at", Json.time(System.currentTimeMillis()))
                .put("environmentId", environmentId)
                .put("userId", userId)
                .put("email", email)
                .put("purpose", purpose)
                .put("code", code));
        log.info("A {} message for user {} was written to {}", purpose, userId, file);
    }

    /** A text or voice message: the line carries {@code phone} and {@code channel} instead of {@code email}. */
    @Override
    public void sendToPhone(
            String environmentId, String userId, String phone, String channel, String purpose, String code) {
        write(Json.object()
                .put("at", Json.time(System.currentTimeMillis()))
                .put("environmentId", environmentId)
                .put("userId", userId)
                .put("phone", phone)
                .put("channel", channel)
                .put("purpose", purpose)
                .put("code", code));
        log.info("A {} {} message for user {} was written to {}", channel, purpose, userId, file);
    }

    private synchronized void write(com.fasterxml.jackson.databind.node.ObjectNode line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
