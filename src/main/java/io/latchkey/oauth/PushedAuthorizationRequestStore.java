package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.Json;
import io.latchkey.storage.Database;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushed authorization requests (RFC 9126) in the database, so that any process answers the authorize that follows
 * the push. The {@code request_uri} is random and stored only as a hash, as codes are.
 */
final class PushedAuthorizationRequestStore {
    /** RFC 9126 §2.2's example prefix, which PingFederate and most servers use: the rest is random. */
    static final String PREFIX = "urn:ietf:params:oauth:request_uri:";

    private final Database db;

    PushedAuthorizationRequestStore(Database db) {
        this.db = db;
    }

    /** A pushed request as stored: the parameters to authorize with, once, before {@code expiresAt}. */
    record Pushed(String applicationId, Map<String, List<String>> parameters, long expiresAt, Long usedAt) {}

    /** Stores the request's parameters; returns the new {@code request_uri} (only ever shown to the client). */
    String push(String env, String applicationId, Map<String, List<String>> parameters, Duration lifetime) {
        String reference = Secrets.token();
        ObjectNode stored = Json.object();
        parameters.forEach((name, values) -> {
            if (!values.isEmpty()) stored.put(name, values.get(0));
        });
        long now = System.currentTimeMillis();
        db.withHandle(h -> h.createUpdate("""
                insert into pushed_authorization_requests (request_uri_hash, environment_id, application_id, parameters,
                                                           created_at, expires_at)
                values (:hash, :env, :app, :parameters, :now, :expires)""")
                .bind("hash", Secrets.hash(reference))
                .bind("env", env)
                .bind("app", applicationId)
                .bind("parameters", Json.write(stored))
                .bind("now", now)
                .bind("expires", now + lifetime.toMillis())
                .execute());
        return PREFIX + reference;
    }

    /** The request a {@code request_uri} of ours names, used or not, expired or not; empty for any other value. */
    Optional<Pushed> find(String env, String requestUri) {
        String reference = reference(requestUri);
        if (reference == null) return Optional.empty();
        return db.withHandle(h -> h.createQuery("""
                        select application_id, parameters, expires_at, used_at from pushed_authorization_requests
                        where environment_id = :env and request_uri_hash = :hash""")
                .bind("env", env)
                .bind("hash", Secrets.hash(reference))
                .map((rs, c) -> new Pushed(
                        rs.getString("application_id"),
                        parameters(rs.getString("parameters")),
                        rs.getLong("expires_at"),
                        (Long) rs.getObject("used_at", Long.class)))
                .findFirst());
    }

    /**
     * Spends the request: true only for the one caller that finds it unused and unexpired (a conditional update, so
     * that two processes answering the same {@code request_uri} at once cannot both use it).
     */
    boolean spend(String env, String requestUri) {
        String reference = reference(requestUri);
        if (reference == null) return false;
        long now = System.currentTimeMillis();
        return db.withHandle(h -> h.createUpdate("""
                                update pushed_authorization_requests set used_at = :now
                                where environment_id = :env and request_uri_hash = :hash and used_at is null
                                  and expires_at > :now""")
                        .bind("now", now)
                        .bind("env", env)
                        .bind("hash", Secrets.hash(reference))
                        .execute())
                == 1;
    }

    /** Whether {@code requestUri} has the form of ours (it may still name nothing). */
    static boolean isOurs(String requestUri) {
        return requestUri != null && requestUri.startsWith(PREFIX);
    }

    private static String reference(String requestUri) {
        if (!isOurs(requestUri)) return null;
        String reference = requestUri.substring(PREFIX.length());
        return reference.isEmpty() || reference.length() > 256 ? null : reference;
    }

    private static Map<String, List<String>> parameters(String json) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Json.parseObject(json)
                .properties()
                .forEach(e -> out.put(e.getKey(), List.of(e.getValue().asText())));
        return out;
    }
}
