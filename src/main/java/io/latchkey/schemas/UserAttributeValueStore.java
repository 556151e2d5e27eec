package io.latchkey.schemas;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Rows of {@code user_attribute_values}: one per value of a user's custom attribute, scoped to an environment. */
final class UserAttributeValueStore {
    /** One stored value; {@code value} is the string itself (STRING) or JSON text (JSON). */
    record Row(String userId, String attributeId, int position, String value) {}

    /** The values of these users, of enabled attributes only, in attribute then position order. */
    List<Row> enabledValuesOf(Handle h, String env, Collection<String> userIds) {
        if (userIds.isEmpty()) return List.of();
        return h.createQuery("""
                select v.user_id, v.attribute_id, v.position, v.value_text from user_attribute_values v
                join schema_attributes a on a.id = v.attribute_id and a.environment_id = v.environment_id
                where v.environment_id = :env and v.user_id in (<users>) and a.enabled = true
                order by v.user_id, a.name_lower, v.position""")
                .bind("env", env)
                .bindList("users", List.copyOf(userIds))
                .map((rs, c) -> new Row(
                        rs.getString("user_id"),
                        rs.getString("attribute_id"),
                        rs.getInt("position"),
                        rs.getString("value_text")))
                .list();
    }

    /** The user's values of one attribute (for archived enumerated values the user may keep). */
    List<String> valuesOf(Handle h, String env, String userId, String attributeId) {
        return h.createQuery("""
                select value_text from user_attribute_values
                where environment_id = :env and user_id = :user and attribute_id = :attribute order by position""")
                .bind("env", env)
                .bind("user", userId)
                .bind("attribute", attributeId)
                .mapTo(String.class)
                .list();
    }

    void replace(Handle h, String env, String userId, String attributeId, List<String> values, List<String> lower) {
        h.createUpdate("""
                delete from user_attribute_values
                where environment_id = :env and user_id = :user and attribute_id = :attribute""")
                .bind("env", env)
                .bind("user", userId)
                .bind("attribute", attributeId)
                .execute();
        if (values.isEmpty()) return;
        PreparedBatch batch = h.prepareBatch("""
                insert into user_attribute_values (environment_id, user_id, attribute_id, position, value_text, value_lower)
                values (:env, :user, :attribute, :position, :value, :lower)""");
        for (int i = 0; i < values.size(); i++) {
            batch.bind("env", env)
                    .bind("user", userId)
                    .bind("attribute", attributeId)
                    .bind("position", i)
                    .bind("value", values.get(i))
                    .bind("lower", lower == null ? null : lower.get(i))
                    .add();
        }
        batch.execute();
    }

    /** Another user (not {@code exceptUser}; null: any) holding one of these lower-cased values, and the value. */
    Optional<String> holderOfAny(
            Handle h, String env, String attributeId, Collection<String> lower, String exceptUser) {
        if (lower.isEmpty()) return Optional.empty();
        var q = h.createQuery("""
                select value_lower from user_attribute_values
                where environment_id = :env and attribute_id = :attribute and value_lower in (<values>)""" + (exceptUser == null ? "" : " and user_id <> :except"))
                .bind("env", env)
                .bind("attribute", attributeId)
                .bindList("values", List.copyOf(lower));
        if (exceptUser != null) q.bind("except", exceptUser);
        return q.mapTo(String.class).findFirst();
    }

    /** A lower-cased value two users of the environment share, if any (before making the attribute unique). */
    Optional<String> sharedValue(Handle h, String env, String attributeId) {
        return h.createQuery("""
                select value_lower from user_attribute_values
                where environment_id = :env and attribute_id = :attribute
                group by value_lower having count(distinct user_id) > 1""")
                .bind("env", env)
                .bind("attribute", attributeId)
                .mapTo(String.class)
                .findFirst();
    }

    /** A value users hold that is not among {@code allowed} (before an enumeration change), if any. */
    Optional<String> valueOutside(Handle h, String env, String attributeId, Collection<String> allowed) {
        if (allowed.isEmpty()) return Optional.empty();
        return h.createQuery("""
                select value_text from user_attribute_values
                where environment_id = :env and attribute_id = :attribute and value_text not in (<allowed>)""")
                .bind("env", env)
                .bind("attribute", attributeId)
                .bindList("allowed", List.copyOf(allowed))
                .mapTo(String.class)
                .findFirst();
    }
}
