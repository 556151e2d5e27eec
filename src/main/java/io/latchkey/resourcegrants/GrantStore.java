package io.latchkey.resourcegrants;

import io.latchkey.storage.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code application_grants} and {@code application_grant_scopes}; every query is scoped to one environment. */
public final class GrantStore {

    public void insert(Handle h, Grant g) {
        h.createUpdate("""
                insert into application_grants (id, environment_id, application_id, resource_id, created_at, updated_at)
                values (:id, :env, :app, :resource, :createdAt, :updatedAt)""")
                .bind("id", g.id())
                .bind("env", g.environmentId())
                .bind("app", g.applicationId())
                .bind("resource", g.resourceId())
                .bind("createdAt", g.createdAt())
                .bind("updatedAt", g.updatedAt())
                .execute();
        insertScopes(h, g);
    }

    public void update(Handle h, Grant g) {
        h.createUpdate("""
                update application_grants set resource_id = :resource, updated_at = :updatedAt
                where environment_id = :env and application_id = :app and id = :id""")
                .bind("id", g.id())
                .bind("env", g.environmentId())
                .bind("app", g.applicationId())
                .bind("resource", g.resourceId())
                .bind("updatedAt", g.updatedAt())
                .execute();
        h.createUpdate("delete from application_grant_scopes where grant_id = :id")
                .bind("id", g.id())
                .execute();
        insertScopes(h, g);
    }

    private static void insertScopes(Handle h, Grant g) {
        var batch = h.prepareBatch("insert into application_grant_scopes (grant_id, scope_id) values (:grant, :scope)");
        for (String scope : g.scopeIds())
            batch.bind("grant", g.id()).bind("scope", scope).add();
        if (!g.scopeIds().isEmpty()) batch.execute();
    }

    public Optional<Grant> find(Handle h, String env, String appId, String id) {
        if (!Ids.isUuid(id)) return Optional.empty();
        return select(h, env, appId, id).stream().findFirst();
    }

    public List<Grant> list(Handle h, String env, String appId) {
        return select(h, env, appId, null);
    }

    /** The grant an application already has for a resource, if any. */
    public Optional<String> idForResource(Handle h, String env, String appId, String resourceId) {
        return h.createQuery("""
                select id from application_grants where environment_id = :env and application_id = :app and resource_id = :resource""")
                .bind("env", env)
                .bind("app", appId)
                .bind("resource", resourceId)
                .mapTo(String.class)
                .findFirst();
    }

    public boolean delete(Handle h, String env, String appId, String id) {
        if (!Ids.isUuid(id)) return false;
        return h.createUpdate(
                                "delete from application_grants where environment_id = :env and application_id = :app and id = :id")
                        .bind("env", env)
                        .bind("app", appId)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static List<Grant> select(Handle h, String env, String appId, String id) {
        record Line(String id, String resource, long created, long updated, String scope) {}
        var query = h.createQuery("select g.id, g.resource_id, g.created_at, g.updated_at, gs.scope_id"
                        + " from application_grants g left join application_grant_scopes gs on gs.grant_id = g.id"
                        + " where g.environment_id = :env and g.application_id = :app"
                        + (id == null ? "" : " and g.id = :id")
                        + " order by g.id, gs.scope_id")
                .bind("env", env)
                .bind("app", appId);
        if (id != null) query.bind("id", id);
        List<Line> lines = query.map((rs, ctx) ->
                        new Line(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)))
                .list();
        Map<String, Grant> out = new LinkedHashMap<>();
        for (Line l : lines) {
            Grant g = out.computeIfAbsent(
                    l.id(),
                    k -> new Grant(l.id(), env, appId, l.resource(), new ArrayList<>(), l.created(), l.updated()));
            if (l.scope() != null) g.scopeIds().add(l.scope());
        }
        return out.values().stream()
                .map(g -> new Grant(
                        g.id(),
                        g.environmentId(),
                        g.applicationId(),
                        g.resourceId(),
                        List.copyOf(g.scopeIds()),
                        g.createdAt(),
                        g.updatedAt()))
                .toList();
    }
}
