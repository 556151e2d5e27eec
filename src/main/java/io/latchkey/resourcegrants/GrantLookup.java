package io.latchkey.resourcegrants;

import io.latchkey.http.Json;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads the scopes granted to an application (one query, for the token and authorize endpoints). */
public final class GrantLookup {

    public List<GrantedScope> scopesOf(Handle h, String env, String applicationId) {
        return h.createQuery("""
                select r.id as resource_id, r.name as resource_name, r.type as resource_type, r.audience, r.doc,
                       s.id as scope_id, s.name as scope_name
                from application_grants g
                join application_grant_scopes gs on gs.grant_id = g.id
                join resource_scopes s on s.id = gs.scope_id
                join resources r on r.id = g.resource_id
                where g.environment_id = :env and g.application_id = :app
                order by r.id, s.name""")
                .bind("env", env)
                .bind("app", applicationId)
                .map((rs, ctx) -> new GrantedScope(
                        rs.getString("resource_id"),
                        rs.getString("resource_name"),
                        rs.getString("resource_type"),
                        rs.getString("audience"),
                        Json.parseObject(rs.getString("doc"))
                                .path("accessTokenValiditySeconds")
                                .asInt(3600),
                        rs.getString("scope_id"),
                        rs.getString("scope_name")))
                .list();
    }
}
