package io.latchkey.applicationattributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code application_attribute_mappings}; every query is scoped to one environment and one application. */
final class AttributeMappingStore {

    void insert(Handle h, AttributeMapping m) {
        h.createUpdate("""
                insert into application_attribute_mappings
                    (id, environment_id, application_id, name, mapping_type, doc, created_at, updated_at)
                values (:id, :env, :app, :name, :type, :doc, :createdAt, :updatedAt)""")
                .bind("id", m.id())
                .bind("env", m.environmentId())
                .bind("app", m.applicationId())
                .bind("name", m.name())
                .bind("type", m.type().name())
                .bind("doc", Json.write(doc(m)))
                .bind("createdAt", m.createdAt())
                .bind("updatedAt", m.updatedAt())
                .execute();
    }

    void update(Handle h, AttributeMapping m) {
        h.createUpdate("""
                update application_attribute_mappings set name = :name, doc = :doc, updated_at = :updatedAt
                where environment_id = :env and application_id = :app and id = :id""")
                .bind("id", m.id())
                .bind("env", m.environmentId())
                .bind("app", m.applicationId())
                .bind("name", m.name())
                .bind("doc", Json.write(doc(m)))
                .bind("updatedAt", m.updatedAt())
                .execute();
    }

    /** The stored mappings of an application, oldest first. */
    List<AttributeMapping> list(Handle h, String env, String appId) {
        return h.createQuery("""
                select * from application_attribute_mappings where environment_id = :env and application_id = :app
                order by created_at, id""")
                .bind("env", env)
                .bind("app", appId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    Optional<AttributeMapping> find(Handle h, String env, String appId, String id) {
        return h.createQuery("""
                select * from application_attribute_mappings
                where environment_id = :env and application_id = :app and id = :id""")
                .bind("env", env)
                .bind("app", appId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    boolean delete(Handle h, String env, String appId, String id) {
        return h.createUpdate("""
                delete from application_attribute_mappings
                where environment_id = :env and application_id = :app and id = :id""")
                        .bind("env", env)
                        .bind("app", appId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** The scopes of the environment's {@code openid} resource: id to name. */
    Map<String, String> openidScopes(Handle h, String env) {
        Map<String, String> scopes = new LinkedHashMap<>();
        h.createQuery("""
                select s.id, s.name from resource_scopes s join resources r on r.id = s.resource_id
                where s.environment_id = :env and r.environment_id = :env and r.type = 'OPENID_CONNECT'
                order by s.name""")
                .bind("env", env)
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("name")))
                .forEach(e -> scopes.put(e.getKey(), e.getValue()));
        return scopes;
    }

    private static ObjectNode doc(AttributeMapping m) {
        ObjectNode d = Json.object()
                .put("value", m.value())
                .put("required", m.required())
                .put("idToken", m.idToken())
                .put("userInfo", m.userInfo());
        if (m.oidcScopes() != null) m.oidcScopes().forEach(d.putArray("oidcScopes")::add);
        return d;
    }

    private static AttributeMapping row(ResultSet rs) throws SQLException {
        ObjectNode d = Json.parseObject(rs.getString("doc"));
        String name = rs.getString("name");
        MappingType type = MappingType.valueOf(rs.getString("mapping_type"));
        List<String> scopes = null;
        if (d.path("oidcScopes").isArray()) {
            scopes = new ArrayList<>();
            for (JsonNode s : d.get("oidcScopes")) scopes.add(s.asText());
        }
        String scope = type == MappingType.SCOPE
                ? DefaultMappings.named(name)
                        .map(DefaultMappings.Default::scope)
                        .orElse(null)
                : null;
        return new AttributeMapping(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("application_id"),
                name,
                type,
                scope,
                d.path("value").asText(""),
                d.path("required").asBoolean(false),
                d.path("idToken").asBoolean(true),
                d.path("userInfo").asBoolean(true),
                scopes,
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                true);
    }
}
