package io.latchkey.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code resource_attributes}; every query is scoped to one environment and one resource. */
public final class ResourceAttributeStore {

    public void insert(Handle h, ResourceAttribute a) {
        h.createUpdate("""
                insert into resource_attributes (id, environment_id, resource_id, name, type, doc, created_at, updated_at)
                values (:id, :env, :resource, :name, :type, :doc, :createdAt, :updatedAt)""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("resource", a.resourceId())
                .bind("name", a.name())
                .bind("type", a.type())
                .bind("doc", Json.write(doc(a)))
                .bind("createdAt", a.createdAt())
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public void update(Handle h, ResourceAttribute a) {
        h.createUpdate("""
                update resource_attributes set name = :name, doc = :doc, updated_at = :updatedAt
                where environment_id = :env and resource_id = :resource and id = :id""")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("resource", a.resourceId())
                .bind("name", a.name())
                .bind("doc", Json.write(doc(a)))
                .bind("updatedAt", a.updatedAt())
                .execute();
    }

    public Optional<ResourceAttribute> find(Handle h, String env, String resourceId, String id) {
        return h.createQuery("""
                select * from resource_attributes where environment_id = :env and resource_id = :resource and id = :id""")
                .bind("env", env)
                .bind("resource", resourceId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, String env, String resourceId, String name) {
        return h.createQuery("""
                select id from resource_attributes where environment_id = :env and resource_id = :resource and name = :name""")
                .bind("env", env)
                .bind("resource", resourceId)
                .bind("name", name)
                .mapTo(String.class)
                .findFirst();
    }

    /** The attributes of a resource in creation order. */
    public List<ResourceAttribute> list(Handle h, String env, String resourceId) {
        return h.createQuery("""
                select * from resource_attributes where environment_id = :env and resource_id = :resource order by id""")
                .bind("env", env)
                .bind("resource", resourceId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    public boolean delete(Handle h, String env, String resourceId, String id) {
        return h.createUpdate("""
                delete from resource_attributes where environment_id = :env and resource_id = :resource and id = :id""")
                        .bind("env", env)
                        .bind("resource", resourceId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static ObjectNode doc(ResourceAttribute a) {
        ObjectNode d = Json.object().put("value", a.value());
        if (a.idToken() != null) d.put("idToken", a.idToken());
        if (a.userInfo() != null) d.put("userInfo", a.userInfo());
        if (a.required()) d.put("required", true);
        return d;
    }

    private static ResourceAttribute row(ResultSet rs) throws SQLException {
        ObjectNode d = Json.parseObject(rs.getString("doc"));
        return new ResourceAttribute(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("resource_id"),
                rs.getString("name"),
                rs.getString("type"),
                d.path("value").asText(""),
                d.has("idToken") ? d.get("idToken").asBoolean() : null,
                d.has("userInfo") ? d.get("userInfo").asBoolean() : null,
                d.path("required").asBoolean(false),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
