package io.latchkey.populations;

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

/** Rows of {@code populations}. */
public final class PopulationStore {

    public void insert(Handle h, Population p) {
        h.createUpdate("""
                insert into populations (id, environment_id, name, name_lower, is_default, password_policy_id, doc, created_at, updated_at)
                values (:id, :env, :name, :lower, :def, :policy, :doc, :createdAt, :updatedAt)""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("def", p.isDefault())
                .bind("policy", p.passwordPolicyId())
                .bind("doc", Json.write(p.doc()))
                .bind("createdAt", p.createdAt())
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    public void update(Handle h, Population p) {
        h.createUpdate("""
                update populations set name = :name, name_lower = :lower, is_default = :def, password_policy_id = :policy,
                doc = :doc, updated_at = :updatedAt where environment_id = :env and id = :id""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("def", p.isDefault())
                .bind("policy", p.passwordPolicyId())
                .bind("doc", Json.write(p.doc()))
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    public Optional<Population> find(Handle h, String env, String id) {
        return h.createQuery("select * from populations where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<Population> findDefault(Handle h, String env) {
        return h.createQuery(
                        "select * from populations where environment_id = :env and is_default = true order by id limit 1")
                .bind("env", env)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, String env, String name) {
        return h.createQuery("select id from populations where environment_id = :env and name_lower = :lower")
                .bind("env", env)
                .bind("lower", name.toLowerCase(Locale.ROOT))
                .mapTo(String.class)
                .findFirst();
    }

    /** Locks the environment's populations: changes of the default are serialised. */
    public void lockAll(Handle h, String env) {
        h.createQuery("select id from populations where environment_id = :env for update")
                .bind("env", env)
                .mapTo(String.class)
                .list();
    }

    /** Locks one population's row (user writes into it are serialised with its deletion); false if it is gone. */
    public boolean lockOne(Handle h, String env, String id) {
        return h.createQuery("select id from populations where environment_id = :env and id = :id for update")
                .bind("env", env)
                .bind("id", id)
                .mapTo(String.class)
                .findFirst()
                .isPresent();
    }

    public void clearDefaultExcept(Handle h, String env, String id) {
        h.createUpdate(
                        "update populations set is_default = false where environment_id = :env and id <> :id and is_default = true")
                .bind("env", env)
                .bind("id", id)
                .execute();
    }

    public Page<Population> list(Handle h, String env, FilterSql.Where where, PageRequest page) {
        String condition = "environment_id = :env" + (where == null ? "" : " and " + where.sql());
        return KeysetPage.query(
                h,
                "select * from populations where " + condition,
                "id",
                "select count(*) from populations where " + condition,
                q -> {
                    q.bind("env", env);
                    if (where != null) q.bindMap(where.params());
                },
                page,
                (rs, c) -> row(rs));
    }

    public long userCount(Handle h, String env, String id) {
        return h.createQuery("select count(*) from users where environment_id = :env and population_id = :id")
                .bind("env", env)
                .bind("id", id)
                .mapTo(Long.class)
                .one();
    }

    /** User counts of the given populations (missing ones have none). */
    public Map<String, Long> userCounts(Handle h, String env, List<String> ids) {
        Map<String, Long> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        h.createQuery(
                        "select population_id, count(*) as n from users where environment_id = :env and population_id in (<ids>) group by population_id")
                .bind("env", env)
                .bindList("ids", ids)
                .map((rs, c) -> Map.entry(rs.getString("population_id"), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from populations where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    static Population row(ResultSet rs) throws SQLException {
        return new Population(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getBoolean("is_default"),
                rs.getString("password_policy_id"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
