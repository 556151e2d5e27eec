package io.latchkey.passwords;

import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code password_policies}. */
public final class PasswordPolicyStore {

    public void insert(Handle h, PasswordPolicy p) {
        h.createUpdate("""
                insert into password_policies (id, environment_id, name, name_lower, is_default, built_in, doc, created_at, updated_at)
                values (:id, :env, :name, :lower, :def, :builtIn, :doc, :createdAt, :updatedAt)""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("def", p.isDefault())
                .bind("builtIn", p.builtIn())
                .bind("doc", Json.write(p.doc()))
                .bind("createdAt", p.createdAt())
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    public void update(Handle h, PasswordPolicy p) {
        h.createUpdate("""
                update password_policies set name = :name, name_lower = :lower, is_default = :def, doc = :doc, updated_at = :updatedAt
                where environment_id = :env and id = :id""")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("def", p.isDefault())
                .bind("doc", Json.write(p.doc()))
                .bind("updatedAt", p.updatedAt())
                .execute();
    }

    public Optional<PasswordPolicy> find(Handle h, String env, String id) {
        return h.createQuery("select * from password_policies where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<PasswordPolicy> findDefault(Handle h, String env) {
        return h.createQuery(
                        "select * from password_policies where environment_id = :env and is_default = true order by id limit 1")
                .bind("env", env)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, String env, String name) {
        return h.createQuery("select id from password_policies where environment_id = :env and name_lower = :lower")
                .bind("env", env)
                .bind("lower", name.toLowerCase(Locale.ROOT))
                .mapTo(String.class)
                .findFirst();
    }

    /** Locks the environment's policies (serialises changes of the default). */
    public void lockAll(Handle h, String env) {
        h.createQuery("select id from password_policies where environment_id = :env for update")
                .bind("env", env)
                .mapTo(String.class)
                .list();
    }

    public void clearDefaultExcept(Handle h, String env, String id) {
        h.createUpdate(
                        "update password_policies set is_default = false where environment_id = :env and id <> :id and is_default = true")
                .bind("env", env)
                .bind("id", id)
                .execute();
    }

    public Page<PasswordPolicy> list(Handle h, String env, FilterSql.Where where, PageRequest page) {
        String condition = "environment_id = :env" + (where == null ? "" : " and " + where.sql());
        return KeysetPage.query(
                h,
                "select * from password_policies where " + condition,
                "id",
                "select count(*) from password_policies where " + condition,
                q -> {
                    q.bind("env", env);
                    if (where != null) q.bindMap(where.params());
                },
                page,
                (rs, c) -> row(rs));
    }

    /** How many populations name each policy of the environment. */
    public Map<String, Long> populationCounts(Handle h, String env) {
        Map<String, Long> out = new HashMap<>();
        h.createQuery("""
                select password_policy_id, count(*) as n from populations
                where environment_id = :env and password_policy_id is not null group by password_policy_id""")
                .bind("env", env)
                .map((rs, c) -> Map.entry(rs.getString("password_policy_id"), rs.getLong("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from password_policies where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    static PasswordPolicy row(ResultSet rs) throws SQLException {
        return new PasswordPolicy(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getBoolean("is_default"),
                rs.getBoolean("built_in"),
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
