package io.latchkey.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.SecretRotation;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.storage.Database;
import io.latchkey.storage.RecentReads;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * The secret a custom resource authenticates with at {@code /as/introspect}: generated with the resource
 * (64 characters of {@code a-zA-Z0-9-._~}), sealed at rest with {@link SecretBox}, readable again over the API,
 * rotated with an optional grace period for the previous one.
 */
public final class ResourceSecretService {
    private final Database db;
    private final SecretBox box;
    private final ResourceStore store = new ResourceStore();
    /** The sealed secrets by "env/id", for {@link #matches}: read by every introspection a resource makes. */
    private final RecentReads.Reads<String, ResourceStore.SecretRow> recent;

    public ResourceSecretService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
        this.recent = db.recentReads().cache(10_000);
    }

    /** The current secret and, during a rotation, the previous one with its expiry. */
    public record Secret(String secret, String previous, Long previousExpiresAt) {}

    public Secret read(String env, String resourceId) {
        ResourceStore.SecretRow row = db.withHandle(h -> {
            customResource(h, env, resourceId);
            return store.secrets(h, env, resourceId).orElseThrow();
        });
        return open(row);
    }

    /**
     * Whether {@code presented} is the resource's current secret or its previous one before that expires;
     * compared in constant time. False for unknown resources and resources without a secret.
     */
    public boolean matches(String env, String resourceId, String presented) {
        if (presented == null || env == null || resourceId == null) return false;
        // Read at most RecentReads.BOUND ago (a rotation through this process shows at once); the previous secret's
        // expiry is checked against the clock on every call.
        ResourceStore.SecretRow row = recent.get(
                        env + "/" + resourceId, () -> db.withHandle(h -> store.secrets(h, env, resourceId)))
                .orElse(null);
        if (row == null || row.secretEnc() == null) return false;
        boolean current = Secrets.constantTimeEquals(box.decrypt(row.secretEnc()), presented);
        boolean previous =
                previousLive(row) && Secrets.constantTimeEquals(box.decrypt(row.previousSecretEnc()), presented);
        return current | previous;
    }

    /**
     * Generates a new secret. With {@code {"previous": {"expiresAt": ...}}} (1 minute to 30 days ahead) the old
     * one keeps working until then; without it, the old one stops at once.
     */
    public Secret rotate(String env, String resourceId, JsonNode body) {
        Long expiresAt = previousExpiry(body);
        ResourceStore.SecretRow row = db.inTransaction(h -> {
            customResource(h, env, resourceId);
            store.findForUpdate(h, env, resourceId);
            ResourceStore.SecretRow old = store.secrets(h, env, resourceId).orElseThrow();
            ResourceStore.SecretRow next = new ResourceStore.SecretRow(
                    box.encrypt(Secrets.random(ResourceService.SECRET_LENGTH)),
                    expiresAt == null ? null : old.secretEnc(),
                    expiresAt);
            store.updateSecrets(h, env, resourceId, next);
            return next;
        });
        return open(row);
    }

    /** Drops the previous secret at once. */
    public void dropPrevious(String env, String resourceId) {
        db.useTransaction(h -> {
            customResource(h, env, resourceId);
            ResourceStore.SecretRow row = store.secrets(h, env, resourceId).orElseThrow();
            store.updateSecrets(h, env, resourceId, new ResourceStore.SecretRow(row.secretEnc(), null, null));
        });
    }

    private void customResource(Handle h, String env, String resourceId) {
        Resource r = store.find(h, env, resourceId).orElseThrow(() -> ApiException.notFound("Resource", resourceId));
        if (!r.isCustom()) {
            // Built-in resources do not introspect, so they have no secret.
            throw new ApiException(
                    404,
                    "NOT_FOUND",
                    "The " + r.type() + " resource has no secret; only custom resources do.",
                    List.of());
        }
    }

    private Secret open(ResourceStore.SecretRow row) {
        boolean live = previousLive(row);
        return new Secret(
                box.decrypt(row.secretEnc()),
                live ? box.decrypt(row.previousSecretEnc()) : null,
                live ? row.previousExpiresAt() : null);
    }

    private static boolean previousLive(ResourceStore.SecretRow row) {
        return SecretRotation.previousLive(row.previousSecretEnc(), row.previousExpiresAt());
    }

    private static Long previousExpiry(JsonNode body) {
        if (body == null || body.isMissingNode()) return null; // a JSON null is not an object, as for applications
        if (!body.isObject()) {
            throw ApiException.invalidData(ErrorDetail.invalid("body", "The request body must be a JSON object."));
        }
        JsonNode previous = body.get("previous");
        if (previous == null || previous.isNull()) return null;
        if (!previous.isObject())
            throw ApiException.invalidData(ErrorDetail.invalid("previous", "'previous' must be an object."));
        JsonNode exp = previous.get("expiresAt");
        if (exp == null || exp.isNull()) throw ApiException.invalidData(ErrorDetail.required("previous.expiresAt"));
        long at = (exp.isTextual() ? SecretRotation.parseExpiry(exp.asText()) : OptionalLong.empty())
                .orElseThrow(() -> ApiException.invalidData(ErrorDetail.invalid(
                        "previous.expiresAt",
                        "'previous.expiresAt' must be an ISO-8601 date-time such as 2030-01-31T12:00:00Z.")));
        long now = System.currentTimeMillis();
        if (!SecretRotation.withinGrace(at, now, 0)) {
            throw ApiException.invalidData(new ErrorDetail(
                    "OUT_OF_RANGE",
                    "previous.expiresAt",
                    "'previous.expiresAt' must be between 1 minute and 30 days from now."));
        }
        return at;
    }
}
