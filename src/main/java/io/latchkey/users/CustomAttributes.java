package io.latchkey.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Validation;
import java.util.Collection;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The attributes an environment adds to its users' schema (PingOne's custom attributes, feature {@code schemas}).
 * Their values are kept outside {@code users.doc}, so this package only asks for them: the user JSON shows them as
 * top-level members keyed by attribute name, beside the profile.
 */
public interface CustomAttributes {
    /** The values of the enabled custom attributes of these users, keyed by user id, then by attribute name. */
    Map<String, ObjectNode> valuesOf(Handle h, String env, Collection<String> userIds);

    /**
     * Reads the custom members of a user body: a POST or PUT body, or a PATCH applied over the user's current JSON.
     * Adds a problem to {@code v} for each bad value (targets are attribute names) and returns the values to store.
     *
     * @param userId null for a new user
     */
    ObjectNode read(Handle h, String env, String userId, JsonNode body, Validation v);

    /** Replaces the user's stored values of the environment's enabled custom attributes with {@code values}. */
    void write(Handle h, String env, String userId, ObjectNode values);

    /** What {@code GET /users?filter=...} can use besides the standard attributes: attribute name to column. */
    Map<String, FilterSql.Column> filterColumns(Handle h, String env);

    /** An environment without custom attributes. */
    CustomAttributes NONE = new CustomAttributes() {
        @Override
        public Map<String, ObjectNode> valuesOf(Handle h, String env, Collection<String> userIds) {
            return Map.of();
        }

        @Override
        public ObjectNode read(Handle h, String env, String userId, JsonNode body, Validation v) {
            return io.latchkey.http.Json.object();
        }

        @Override
        public void write(Handle h, String env, String userId, ObjectNode values) {}

        @Override
        public Map<String, FilterSql.Column> filterColumns(Handle h, String env) {
            return Map.of();
        }
    };
}
