package io.latchkey.schemas;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code schema_attributes} (custom attributes); every query is scoped to one environment. */
final class SchemaAttributeStore {
    private static final TypeReference<List<SchemaAttribute.EnumeratedValue>> ENUMERATION = new TypeReference<>() {};

    void insert(Handle h, SchemaAttribute a) {
        h.createUpdate("""
                insert into schema_attributes (id, environment_id, name, name_lower, type, enabled, unique_values,
                    multi_valued, doc, created_at, updated_at)
                values (:id, :env, :name, :nameLower, :type, :enabled, :unique, :multiValued, :doc, :createdAt,
                    :updatedAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("name", a.name())
                .bind("nameLower", a.name().toLowerCase(Locale.ROOT))
                .bind("type", a.type().name())
                .bind("enabled", a.enabled())
                .bind("unique", a.unique())
                .bind("multiValued", a.multiValued())
                .bind("doc", Json.write(doc(a)))
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    void update(Handle h, SchemaAttribute a) {
        h.createUpdate("""
                update schema_attributes set enabled = :enabled, unique_values = :unique, multi_valued = :multiValued,
                    doc = :doc, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("enabled", a.enabled())
                .bind("unique", a.unique())
                .bind("multiValued", a.multiValued())
                .bind("doc", Json.write(doc(a)))
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    /** The custom attributes of the environment, by name. */
    List<SchemaAttribute> list(Handle h, String env) {
        return h.createQuery("select * from schema_attributes where environment_id = :env order by name_lower")
                .bind("env", env)
                .map((rs, c) -> row(rs))
                .list();
    }

    Optional<SchemaAttribute> find(Handle h, String env, String id) {
        return h.createQuery("select * from schema_attributes where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    /** Locks the attribute's row until the transaction ends: writers of its unique values take turns. */
    Optional<SchemaAttribute> lock(Handle h, String env, String id) {
        return h.createQuery("select * from schema_attributes where environment_id = :env and id = :id for update")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    boolean nameTaken(Handle h, String env, String name) {
        return h.createQuery("select count(*) from schema_attributes where environment_id = :env and name_lower = :n")
                        .bind("env", env)
                        .bind("n", name.toLowerCase(Locale.ROOT))
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from schema_attributes where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static ObjectNode doc(SchemaAttribute a) {
        ObjectNode d = Json.object();
        d.put("required", a.required());
        if (a.displayName() != null) d.put("displayName", a.displayName());
        if (a.description() != null) d.put("description", a.description());
        if (!a.enumeratedValues().isEmpty()) d.set("enumeratedValues", Json.MAPPER.valueToTree(a.enumeratedValues()));
        if (a.regexValidation() != null) d.set("regexValidation", Json.MAPPER.valueToTree(a.regexValidation()));
        return d;
    }

    private static SchemaAttribute row(ResultSet rs) throws SQLException {
        ObjectNode d = Json.parseObject(rs.getString("doc"));
        List<SchemaAttribute.EnumeratedValue> enumeration = d.has("enumeratedValues")
                ? Json.MAPPER.convertValue(d.get("enumeratedValues"), ENUMERATION)
                : List.of();
        SchemaAttribute.RegexValidation regex = d.has("regexValidation")
                ? Json.MAPPER.convertValue(d.get("regexValidation"), SchemaAttribute.RegexValidation.class)
                : null;
        return new SchemaAttribute(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                SchemaAttribute.Type.valueOf(rs.getString("type")),
                SchemaAttribute.SchemaType.CUSTOM,
                rs.getBoolean("enabled"),
                rs.getBoolean("unique_values"),
                d.path("required").asBoolean(false),
                rs.getBoolean("multi_valued"),
                d.path("displayName").asText(null),
                d.path("description").asText(null),
                enumeration,
                regex,
                List.of(),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
