package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.SecretRotation;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.RecentReads;
import java.time.Instant;
import java.util.List;

/**
 * Reading, checking and rotating an application's client secret. Secrets are random (64 characters of
 * PingOne's alphabet) and sealed with the master key at rest, because PingOne gives them back on
 * {@code GET .../secret}. An application whose {@code tokenEndpointAuthMethod} is {@code NONE} has none:
 * its {@code /secret} is 404.
 */
public final class ApplicationSecretService {
    /** A few seconds of clock and network slack around PingOne's 1 minute to 30 days ({@link SecretRotation}). */
    private static final long SLACK_MILLIS = 5_000L;

    private static final Shape ROTATE = Shape.of()
            .object("previous", Shape.of().string("expiresAt", f -> f.required().maxLength(64)), f -> {});

    private final Database db;
    private final SecretBox box;
    private final ApplicationStore store = new ApplicationStore();
    /** The sealed secrets by "env/id", for {@link #matches}: read by every client_secret request. */
    private final RecentReads.Reads<String, ApplicationStore.SecretRow> recent;

    public ApplicationSecretService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
        this.recent = db.recentReads().cache(10_000);
    }

    /** The current secret and, during a rotation, the previous one with its expiry and last use. */
    public record Secret(String secret, String previous, Long previousExpiresAt, Long previousLastUsed) {}

    public Secret read(String env, String appId) {
        return db.withHandle(h -> {
            ApplicationStore.SecretRow row =
                    store.secrets(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
            if (row.secretEnc() == null) throw noSecret(appId);
            boolean previousLive = live(row);
            return new Secret(
                    box.decrypt(row.secretEnc()),
                    previousLive ? box.decrypt(row.previousSecretEnc()) : null,
                    previousLive ? row.previousExpiresAt() : null,
                    previousLive ? store.previousSecretLastUsed(h, env, appId).orElse(null) : null);
        });
    }

    /**
     * Whether {@code presented} is the application's current secret or its unexpired previous one. The sealed secrets
     * may have been read up to {@link RecentReads#BOUND} ago (a rotation through this process shows at once); the
     * previous secret's expiry is checked against the clock on every call.
     */
    public boolean matches(String env, String appId, String presented) {
        if (presented == null) return false;
        ApplicationStore.SecretRow row = recent.get(
                        env + "/" + appId, () -> db.withHandle(h -> store.secrets(h, env, appId)))
                .orElse(null);
        if (row == null || row.secretEnc() == null) return false;
        boolean current = Secrets.constantTimeEquals(box.decrypt(row.secretEnc()), presented);
        boolean previous = live(row) && Secrets.constantTimeEquals(box.decrypt(row.previousSecretEnc()), presented);
        if (previous && !current) {
            db.withHandle(h -> {
                store.markPreviousSecretUsed(h, env, appId, System.currentTimeMillis());
                return null;
            });
        }
        return current | previous;
    }

    /**
     * POST: a new secret. With {@code {"previous": {"expiresAt": "<ISO-8601>"}}} the secret being replaced
     * keeps working until then (1 minute to 30 days ahead); without it, it stops working at once.
     */
    public Secret rotate(String env, String appId, JsonNode body) {
        Long previousExpiry = previousExpiry(body);
        db.useTransaction(h -> {
            ApplicationStore.SecretRow row =
                    store.secrets(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
            if (row.secretEnc() == null) throw noSecret(appId);
            store.updateSecrets(
                    h,
                    env,
                    appId,
                    new ApplicationStore.SecretRow(
                            box.encrypt(Secrets.random(Secrets.CLIENT_SECRET_LENGTH)),
                            previousExpiry == null ? null : row.secretEnc(),
                            previousExpiry));
        });
        return read(env, appId);
    }

    /** DELETE: the previous secret stops working at once; the current one is untouched. */
    public void dropPrevious(String env, String appId) {
        db.useTransaction(h -> {
            ApplicationStore.SecretRow row =
                    store.secrets(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
            if (row.secretEnc() == null) throw noSecret(appId);
            store.updateSecrets(h, env, appId, new ApplicationStore.SecretRow(row.secretEnc(), null, null));
        });
    }

    private static Long previousExpiry(JsonNode body) {
        if (body == null) return null;
        Validation v = new Validation();
        ObjectNode read = ROTATE.read(body, v);
        v.throwIfAny();
        if (!read.has("previous")) return null;
        String text = read.get("previous").get("expiresAt").asText();
        long at = SecretRotation.parseExpiry(text)
                .orElseThrow(() -> ApiException.invalidData(ErrorDetail.invalid(
                        "previous.expiresAt",
                        "'previous.expiresAt' must be an ISO-8601 date-time such as 2030-01-31T12:00:00Z.")));
        long now = System.currentTimeMillis();
        if (!SecretRotation.withinGrace(at, now, SLACK_MILLIS)) {
            // No innerError: PingOne's rangeMinimumValue/rangeMaximumValue are integers, and these bounds are instants.
            throw ApiException.invalidData(new ErrorDetail(
                    "OUT_OF_RANGE",
                    "previous.expiresAt",
                    "'previous.expiresAt' must be between 1 minute and 30 days from now (between "
                            + Instant.ofEpochMilli(now + SecretRotation.MIN_GRACE_MILLIS) + " and "
                            + Instant.ofEpochMilli(now + SecretRotation.MAX_GRACE_MILLIS) + ")."));
        }
        return at;
    }

    private static boolean live(ApplicationStore.SecretRow row) {
        return SecretRotation.previousLive(row.previousSecretEnc(), row.previousExpiresAt());
    }

    private static ApiException noSecret(String appId) {
        return new ApiException(
                404,
                "NOT_FOUND",
                "Application " + appId + " has no secret: its tokenEndpointAuthMethod is NONE.",
                List.of());
    }
}
