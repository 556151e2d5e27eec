package io.latchkey.flows;

import io.latchkey.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code flows}. Updates are conditional on the status read, so two concurrent steps cannot both win. */
public final class FlowStore {

    public void insert(Handle h, Flow f) {
        h.createUpdate("""
                insert into flows (id, environment_id, application_id, browser_hash, status, request, user_id, session_id,
                                   data, created_at, updated_at, expires_at)
                values (:id, :env, :app, :browser, :status, :request, :user, :session, :data, :createdAt, :updatedAt, :expiresAt)""")
                .bind("id", f.id())
                .bind("env", f.environmentId())
                .bind("app", f.applicationId())
                .bind("browser", f.browserHash())
                .bind("status", f.status().name())
                .bind("request", f.request())
                .bind("user", f.userId())
                .bind("session", f.sessionId())
                .bind("data", Json.write(f.data()))
                .bind("createdAt", f.createdAt())
                .bind("updatedAt", f.updatedAt())
                .bind("expiresAt", f.expiresAt())
                .execute();
    }

    public Optional<Flow> find(Handle h, String env, String id) {
        return h.createQuery("select * from flows where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    /** Writes {@code next} if the flow is still in {@code expected}; false when another request got there first. */
    public boolean update(Handle h, Flow next, FlowStatus expected) {
        return h.createUpdate("""
                update flows set status = :status, application_id = :app, user_id = :user, session_id = :session,
                                 data = :data, updated_at = :updatedAt, expires_at = :expiresAt
                where environment_id = :env and id = :id and status = :expected""")
                        .bind("status", next.status().name())
                        .bind("app", next.applicationId())
                        .bind("user", next.userId())
                        .bind("session", next.sessionId())
                        .bind("data", Json.write(next.data()))
                        .bind("updatedAt", next.updatedAt())
                        .bind("expiresAt", next.expiresAt())
                        .bind("env", next.environmentId())
                        .bind("id", next.id())
                        .bind("expected", expected.name())
                        .execute()
                == 1;
    }

    /** Consumes a completed flow (resume); false if it was already consumed. */
    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from flows where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                == 1;
    }

    private static Flow row(ResultSet rs) throws SQLException {
        return new Flow(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("application_id"),
                rs.getString("browser_hash"),
                FlowStatus.valueOf(rs.getString("status")),
                rs.getString("request"),
                rs.getString("user_id"),
                rs.getString("session_id"),
                Json.parseObject(rs.getString("data")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                rs.getLong("expires_at"));
    }
}
