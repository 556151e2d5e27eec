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
 * The default notifier: writes each message as one JSON line to {@code <data-dir>/outbox.jsonl}. The code goes to
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
    public synchronized void send(String environmentId, String userId, String email, String purpose, String code) {
        var line = Json.object()
                .put("at", Json.time(System.currentTimeMillis()))
                .put("environmentId", environmentId)
                .put("userId", userId)
                .put("email", email)
                .put("purpose", purpose)
                .put("code", code);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("A {} message for user {} was written to {}", purpose, userId, file);
    }
}
