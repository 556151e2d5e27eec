package io.latchkey.activities;

import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of {@code activities}. */
final class ActivityStore {
    private static final String COLUMNS =
            "id, environment_id, recorded_at, correlation_id, action_type, actor_user_id, actor_user_name,"
                    + " actor_client_id, resource_type, resource_id, resource_name, result_status, result_description";

    private static final RowMapper<Activity> MAPPER = (rs, ctx) -> new Activity(
            rs.getString("id"),
            rs.getString("environment_id"),
            rs.getString("recorded_at"),
            rs.getString("correlation_id"),
            rs.getString("action_type"),
            rs.getString("actor_user_id"),
            rs.getString("actor_user_name"),
            rs.getString("actor_client_id"),
            rs.getString("resource_type"),
            rs.getString("resource_id"),
            rs.getString("resource_name"),
            rs.getString("result_status"),
            rs.getString("result_description"));

    /**
     * Inserts {@code a} if its environment exists (an activity about an environment that is gone, or never was, has
     * nowhere to live): never a foreign-key failure in the transaction of the change it records.
     */
    void insert(Handle h, Activity a) {
        h.createUpdate("insert into activities (" + COLUMNS + ") select :id, :env, :recordedAt, :correlationId,"
                        + " :actionType, :actorUserId, :actorUserName, :actorClientId, :resourceType, :resourceId,"
                        + " :resourceName, :resultStatus, :resultDescription"
                        + " from environments where id = :env")
                .bind("id", a.id())
                .bind("env", a.environmentId())
                .bind("recordedAt", a.recordedAt())
                .bind("correlationId", a.correlationId())
                .bind("actionType", a.actionType())
                .bind("actorUserId", a.actorUserId())
                .bind("actorUserName", a.actorUserName())
                .bind("actorClientId", a.actorClientId())
                .bind("resourceType", a.resourceType())
                .bind("resourceId", a.resourceId())
                .bind("resourceName", a.resourceName())
                .bind("resultStatus", a.resultStatus())
                .bind("resultDescription", a.resultDescription())
                .execute();
    }

    /** Names the resource a creation made, once its id is known (see {@link ManagementActivities}). */
    void nameResource(Handle h, String env, String id, String resourceId, String resourceName) {
        h.createUpdate("update activities set resource_id = coalesce(resource_id, :resourceId),"
                        + " resource_name = coalesce(resource_name, :resourceName)"
                        + " where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .bind("resourceId", resourceId)
                .bind("resourceName", resourceName)
                .execute();
    }

    void markFailed(Handle h, String env, String id, String description) {
        h.createUpdate("update activities set result_status = 'FAILED', result_description = :description"
                        + " where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .bind("description", description)
                .execute();
    }

    Optional<Activity> find(Handle h, String env, String id) {
        return h.createQuery("select " + COLUMNS + " from activities where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map(MAPPER)
                .findOne();
    }

    Page<Activity> list(Handle h, String env, FilterSql.Where where, PageRequest page) {
        Map<String, Object> binds = new LinkedHashMap<>(where.params());
        binds.put("env", env);
        String condition = "environment_id = :env and " + where.sql();
        return KeysetPage.query(
                h,
                "select " + COLUMNS + " from activities where " + condition,
                "id",
                "select count(*) from activities where " + condition,
                binds,
                page,
                MAPPER);
    }

    /** Deletes every activity recorded before {@code cutoff} (fixed-form time); returns how many. */
    static int deleteRecordedBefore(Handle h, String cutoff) {
        return h.createUpdate("delete from activities where recorded_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute();
    }
}
