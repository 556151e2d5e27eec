package io.latchkey.groups;

import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code identity_groups}. */
final class GroupStore {

    void insert(Handle h, Group g) {
        h.createUpdate("""
                insert into identity_groups (id, environment_id, population_id, name, name_lower, external_id, doc,
                created_at, updated_at)
                values (:id, :env, :population, :name, :lower, :externalId, :doc, :createdAt, :updatedAt)""")
                .bind("id", g.id())
                .bind("env", g.environmentId())
                .bind("population", g.populationId())
                .bind("name", g.name())
                .bind("lower", g.name().toLowerCase(Locale.ROOT))
                .bind("externalId", g.externalId())
                .bind("doc", Json.write(g.doc()))
                .bind("createdAt", g.createdAt())
                .bind("updatedAt", g.updatedAt())
                .execute();
    }

    void update(Handle h, Group g) {
        h.createUpdate("""
                update identity_groups set name = :name, name_lower = :lower, external_id = :externalId, doc = :doc,
                updated_at = :updatedAt where environment_id = :env and id = :id""")
                .bind("id", g.id())
                .bind("env", g.environmentId())
                .bind("name", g.name())
                .bind("lower", g.name().toLowerCase(Locale.ROOT))
                .bind("externalId", g.externalId())
                .bind("doc", Json.write(g.doc()))
                .bind("updatedAt", g.updatedAt())
                .execute();
    }

    Optional<Group> find(Handle h, String env, String id) {
        return h.createQuery("select * from identity_groups where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    /**
     * Another group whose name clashes with {@code name} for a group of {@code populationId} (null: an environment
     * group): an environment group's name is unique in the environment; a population group's name is unique in its
     * population and among the environment groups.
     */
    Optional<Group> nameClash(Handle h, String env, String populationId, String name, String exceptId) {
        String scope = populationId == null ? "" : " and (population_id is null or population_id = :population)";
        return h.createQuery("select * from identity_groups where environment_id = :env and name_lower = :lower"
                        + " and id <> :except" + scope)
                .bind("env", env)
                .bind("lower", name.toLowerCase(Locale.ROOT))
                .bind("except", exceptId)
                .bind("population", populationId)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    Page<Group> list(Handle h, String env, FilterSql.Where where, PageRequest page) {
        String condition = "environment_id = :env" + (where == null ? "" : " and " + where.sql());
        return KeysetPage.query(
                h,
                "select * from identity_groups where " + condition,
                "id",
                "select count(*) from identity_groups where " + condition,
                q -> {
                    q.bind("env", env);
                    if (where != null) q.bindMap(where.params());
                },
                page,
                (rs, c) -> row(rs));
    }

    boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from identity_groups where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** Direct user members of each of the given groups (missing ones have none). */
    Map<String, Long> directCounts(Handle h, List<String> ids) {
        Map<String, Long> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        h.createQuery("select group_id, count(*) as n from group_members where group_id in (<ids>) group by group_id")
                .bindList("ids", ids)
                .map((rs, c) -> Map.entry(rs.getString("group_id"), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Distinct users in the group directly or through the groups nested in it, at any depth. */
    long totalCount(Handle h, String id) {
        return h.createQuery("""
                        select count(distinct m.user_id) from group_closure c
                        join group_members m on m.group_id = c.descendant_id where c.ancestor_id = :id""").bind("id", id).mapTo(Long.class).one();
    }

    static Group row(ResultSet rs) throws SQLException {
        return new Group(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("population_id"),
                rs.getString("name"),
                rs.getString("external_id"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
