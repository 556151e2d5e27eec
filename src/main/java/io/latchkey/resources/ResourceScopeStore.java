package io.latchkey.resources;

import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code resource_scopes} and their mapped claims; every query is scoped to one environment. */
public final class ResourceScopeStore {

    public void insert(Handle h, ResourceScope s) {
        h.createUpdate("""
                insert into resource_scopes (id, environment_id, resource_id, name, doc, created_at, updated_at)
                values (:id, :env, :resource, :name, :doc, :createdAt, :updatedAt)""")
                .bind("id", s.id())
                .bind("env", s.environmentId())
                .bind("resource", s.resourceId())
                .bind("name", s.name())
                .bind("doc", Json.write(s.doc()))
                .bind("createdAt", s.createdAt())
                .bind("updatedAt", s.updatedAt())
                .execute();
        setClaims(h, s);
    }

    public void update(Handle h, ResourceScope s) {
        h.createUpdate("""
                update resource_scopes set name = :name, doc = :doc, updated_at = :updatedAt
                where environment_id = :env and resource_id = :resource and id = :id""")
                .bind("id", s.id())
                .bind("env", s.environmentId())
                .bind("resource", s.resourceId())
                .bind("name", s.name())
                .bind("doc", Json.write(s.doc()))
                .bind("updatedAt", s.updatedAt())
                .execute();
        h.createUpdate("delete from resource_scope_claims where environment_id = :env and scope_id = :id")
                .bind("env", s.environmentId())
                .bind("id", s.id())
                .execute();
        setClaims(h, s);
    }

    private static void setClaims(Handle h, ResourceScope s) {
        for (String attributeId : s.mappedClaims()) {
            h.createUpdate("""
                    insert into resource_scope_claims (scope_id, attribute_id, environment_id) values (:scope, :attribute, :env)""")
                    .bind("scope", s.id())
                    .bind("attribute", attributeId)
                    .bind("env", s.environmentId())
                    .execute();
        }
    }

    public Optional<ResourceScope> find(Handle h, String env, String resourceId, String id) {
        return h.createQuery("""
                select * from resource_scopes where environment_id = :env and resource_id = :resource and id = :id""")
                .bind("env", env)
                .bind("resource", resourceId)
                .bind("id", id)
                .map((rs, ctx) -> row(rs, List.of()))
                .findFirst()
                .map(s -> new ResourceScope(
                        s.id(),
                        s.environmentId(),
                        s.resourceId(),
                        s.name(),
                        s.doc(),
                        claimsOf(h, env, id),
                        s.createdAt(),
                        s.updatedAt()));
    }

    public Optional<String> idByName(Handle h, String env, String resourceId, String name) {
        return h.createQuery("""
                select id from resource_scopes where environment_id = :env and resource_id = :resource and name = :name""")
                .bind("env", env)
                .bind("resource", resourceId)
                .bind("name", name)
                .mapTo(String.class)
                .findFirst();
    }

    /** The scopes of a resource in creation order, with their mapped claims (two queries). */
    public List<ResourceScope> list(Handle h, String env, String resourceId) {
        Map<String, List<String>> claims = new HashMap<>();
        h.createQuery("""
                select c.scope_id, c.attribute_id from resource_scope_claims c
                join resource_scopes s on s.id = c.scope_id
                where c.environment_id = :env and s.environment_id = :env and s.resource_id = :resource
                order by c.attribute_id""")
                .bind("env", env)
                .bind("resource", resourceId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(e -> claims.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return h.createQuery("""
                select * from resource_scopes where environment_id = :env and resource_id = :resource order by id""")
                .bind("env", env)
                .bind("resource", resourceId)
                .map((rs, ctx) -> row(rs, claims.getOrDefault(rs.getString("id"), List.of())))
                .list();
    }

    /** Deletes the scope; grants lose it and its claim mappings go (foreign keys cascade). */
    public boolean delete(Handle h, String env, String resourceId, String id) {
        return h.createUpdate("""
                delete from resource_scopes where environment_id = :env and resource_id = :resource and id = :id""")
                        .bind("env", env)
                        .bind("resource", resourceId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static List<String> claimsOf(Handle h, String env, String scopeId) {
        return h.createQuery("""
                select attribute_id from resource_scope_claims where environment_id = :env and scope_id = :scope
                order by attribute_id""")
                .bind("env", env)
                .bind("scope", scopeId)
                .mapTo(String.class)
                .list();
    }

    private static ResourceScope row(ResultSet rs, List<String> claims) throws SQLException {
        return new ResourceScope(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("resource_id"),
                rs.getString("name"),
                Json.parseObject(rs.getString("doc")),
                List.copyOf(claims),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
