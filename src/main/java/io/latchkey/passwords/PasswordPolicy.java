package io.latchkey.passwords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;

/**
 * A password policy. {@code doc} holds its rules as PingOne names them ({@code length}, {@code minCharacters},
 * {@code lockout}, ...) and its description.
 */
public record PasswordPolicy(
        String id,
        String environmentId,
        String name,
        boolean isDefault,
        boolean builtIn,
        ObjectNode doc,
        long createdAt,
        long updatedAt) {

    /** Failures before a lockout, or 0 when the policy locks nobody out. */
    public int lockoutFailureCount() {
        return doc.path("lockout").path("failureCount").asInt(0);
    }

    public long lockoutDurationSeconds() {
        return doc.path("lockout").path("durationSeconds").asLong(0);
    }

    /** Days a password lasts, or 0 when it never expires. */
    public int maxAgeDays() {
        return doc.path("maxAgeDays").asInt(0);
    }

    public int minAgeDays() {
        return doc.path("minAgeDays").asInt(0);
    }

    /** Earlier passwords kept for the history rule (0: none). */
    public int historyCount() {
        return doc.path("history").path("count").asInt(0);
    }

    public int historyRetentionDays() {
        return doc.path("history").path("retentionDays").asInt(0);
    }

    /** The policy as PingOne renders it, without {@code _links} (also what flows embed as {@code passwordPolicy}). */
    public ObjectNode json() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.set("environment", Json.idRef(environmentId));
        n.put("name", name);
        n.put("default", isDefault);
        n.setAll(doc.deepCopy());
        n.put("createdAt", Json.time(createdAt));
        n.put("updatedAt", Json.time(updatedAt));
        return n;
    }
}
