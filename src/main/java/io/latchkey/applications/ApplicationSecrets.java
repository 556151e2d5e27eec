package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.storage.Database;

/** Reading, checking and rotating an application's client secret. */
public final class ApplicationSecrets {
    private final Database db;
    private final SecretBox box;
    private final ApplicationStore store;

    public ApplicationSecrets(Database db, SecretBox box, ApplicationStore store) {
        this.db = db;
        this.box = box;
        this.store = store;
    }

    /** The current secret and, during a rotation, the previous one with its expiry. */
    public record Secret(String secret, String previous, Long previousExpiresAt) {}

    public Secret read(String env, String appId) {
        ApplicationStore.SecretRow row = db.withHandle(h -> store.secrets(h, env, appId))
                .orElseThrow(() -> ApiException.notFound("Application", appId));
        if (row.secretEnc() == null) throw ApiException.notFound();
        boolean previousLive = row.previousSecretEnc() != null && row.previousExpiresAt() != null
                && row.previousExpiresAt() > System.currentTimeMillis();
        return new Secret(box.decrypt(row.secretEnc()), previousLive ? box.decrypt(row.previousSecretEnc()) : null,
                previousLive ? row.previousExpiresAt() : null);
    }

    /** Whether {@code presented} is the application's current secret or its unexpired previous one. */
    public boolean matches(String env, String appId, String presented) {
        if (presented == null) return false;
        ApplicationStore.SecretRow row = db.withHandle(h -> store.secrets(h, env, appId)).orElse(null);
        if (row == null || row.secretEnc() == null) return false;
        boolean current = Secrets.constantTimeEquals(box.decrypt(row.secretEnc()), presented);
        boolean previous = row.previousSecretEnc() != null && row.previousExpiresAt() != null
                && row.previousExpiresAt() > System.currentTimeMillis()
                && Secrets.constantTimeEquals(box.decrypt(row.previousSecretEnc()), presented);
        return current | previous;
    }

    /** Generates a new secret; the old one keeps working until {@code previous.expiresAt} if the body sets it. */
    public Secret rotate(String env, String appId, JsonNode body) {
        Long expiresAt = null;
        JsonNode exp = body == null ? null : body.path("previous").path("expiresAt");
        if (exp != null && !exp.isMissingNode() && !exp.isNull()) {
            try {
                expiresAt = exp.isNumber() ? exp.asLong() : java.time.Instant.parse(exp.asText()).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.invalidData(io.latchkey.http.ErrorDetail.invalid("previous.expiresAt",
                        "'previous.expiresAt' must be an ISO-8601 date-time."));
            }
            long now = System.currentTimeMillis();
            if (expiresAt < now + 60_000L || expiresAt > now + 30L * 24 * 3600 * 1000) {
                throw ApiException.invalidData(io.latchkey.http.ErrorDetail.invalid("previous.expiresAt",
                        "'previous.expiresAt' must be between 1 minute and 30 days from now."));
            }
        }
        Long previousExpiry = expiresAt;
        db.useTransaction(h -> {
            ApplicationStore.SecretRow row = store.secrets(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
            if (row.secretEnc() == null) throw ApiException.notFound();
            store.updateSecrets(h, env, appId, new ApplicationStore.SecretRow(
                    box.encrypt(Secrets.random(Secrets.CLIENT_SECRET_LENGTH)),
                    previousExpiry == null ? null : row.secretEnc(), previousExpiry));
        });
        return read(env, appId);
    }

    /** Drops the previous secret at once. */
    public void dropPrevious(String env, String appId) {
        db.useTransaction(h -> {
            ApplicationStore.SecretRow row = store.secrets(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
            store.updateSecrets(h, env, appId, new ApplicationStore.SecretRow(row.secretEnc(), null, null));
        });
    }
}
