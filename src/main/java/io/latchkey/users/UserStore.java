package io.latchkey.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * Rows of {@code users}. Besides the profile document, each row holds lower-cased copies of the filterable
 * attributes ({@link UserFilter#TEXT_COLUMNS}); every write recomputes them from the profile.
 */
public final class UserStore {
    private static final String SELECT = """
            select u.*, p.locked_until as password_locked_until from users u
            left join user_passwords p on p.user_id = u.id""";

    private static final String INSERT;

    static {
        StringBuilder cols = new StringBuilder("id, environment_id, population_id, username, enabled, mfa_enabled, "
                + "email_verified, lifecycle_status, locked_at, doc, created_at, updated_at");
        StringBuilder vals = new StringBuilder(":id, :env, :population, :username, :enabled, :mfa, :emailVerified, "
                + ":lifecycle, :lockedAt, :doc, :createdAt, :updatedAt");
        for (String column : UserFilter.TEXT_COLUMNS.values()) {
            cols.append(", ").append(column);
            vals.append(", :").append(column);
        }
        INSERT = "insert into users (" + cols + ") values (" + vals + ")";
    }

    public void insert(Handle h, User u) {
        bind(h.createUpdate(INSERT), u).execute();
    }

    /** Inserts many users with one prepared statement (the same row {@link #insert} writes). */
    public void insertAll(Handle h, List<User> users) {
        PreparedBatch batch = h.prepareBatch(INSERT);
        for (User u : users) bind(batch, u).add();
        if (!users.isEmpty()) batch.execute();
    }

    public void update(Handle h, User u) {
        StringBuilder set = new StringBuilder("population_id = :population, username = :username, enabled = :enabled, "
                + "mfa_enabled = :mfa, email_verified = :emailVerified, lifecycle_status = :lifecycle, locked_at = :lockedAt, "
                + "doc = :doc, updated_at = :updatedAt");
        for (String column : searchColumns())
            set.append(", ").append(column).append(" = :").append(column);
        Update up = h.createUpdate("update users set " + set + " where environment_id = :env and id = :id");
        bind(up, u).execute();
    }

    private static List<String> searchColumns() {
        return UserFilter.TEXT_COLUMNS.values().stream().toList();
    }

    private static <T extends SqlStatement<T>> T bind(T up, User u) {
        up.bind("id", u.id())
                .bind("env", u.environmentId())
                .bind("population", u.populationId())
                .bind("username", u.username())
                .bind("enabled", u.enabled())
                .bind("mfa", u.mfaEnabled())
                .bind("emailVerified", u.emailVerified())
                .bind("lifecycle", u.lifecycleStatus())
                .bind("lockedAt", u.account().adminLockedAt())
                .bind("doc", Json.write(u.doc()))
                .bind("createdAt", u.createdAt())
                .bind("updatedAt", u.updatedAt());
        for (Map.Entry<String, String> e : UserFilter.TEXT_COLUMNS.entrySet()) {
            up.bind(e.getValue(), lower(u.doc(), e.getKey()));
        }
        return up;
    }

    /** The lower-cased value at a dotted path of the profile, or null. */
    static String lower(ObjectNode doc, String path) {
        JsonNode n = doc;
        for (String part : path.split("\\.")) n = n.path(part);
        return n.isTextual() ? n.asText().toLowerCase(Locale.ROOT) : null;
    }

    public Optional<User> find(Handle h, String env, String id) {
        return h.createQuery(SELECT + " where u.environment_id = :env and u.id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<User> findByUsername(Handle h, String env, String username) {
        return h.createQuery(SELECT + " where u.environment_id = :env and u.username_lower = :u")
                .bind("env", env)
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map((rs, c) -> row(rs))
                .findFirst();
    }

    public Optional<String> idByUsername(Handle h, String env, String username) {
        return h.createQuery("select id from users where environment_id = :env and username_lower = :u")
                .bind("env", env)
                .bind("u", username.toLowerCase(Locale.ROOT))
                .mapTo(String.class)
                .findFirst();
    }

    /** A page of users matching {@code where} (null: all), in id order. */
    public Page<User> list(Handle h, String env, FilterSql.Where where, PageRequest page) {
        String condition = "u.environment_id = :env" + (where == null ? "" : " and " + where.sql());
        return KeysetPage.query(
                h,
                SELECT + " where " + condition,
                "u.id",
                "select count(*) from users u where " + condition,
                q -> {
                    q.bind("env", env);
                    if (where != null) q.bindMap(where.params());
                },
                page,
                (rs, c) -> row(rs));
    }

    public boolean delete(Handle h, String env, String id) {
        return h.createUpdate("delete from users where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    public void lockForUpdate(Handle h, String env, String id) {
        h.createQuery("select id from users where environment_id = :env and id = :id for update")
                .bind("env", env)
                .bind("id", id)
                .mapTo(String.class)
                .findFirst();
    }

    public void recordSignOn(Handle h, String env, String id, long at, String remoteIp) {
        h.createUpdate(
                        "update users set last_sign_on_at = :at, last_sign_on_ip = :ip where environment_id = :env and id = :id")
                .bind("at", at)
                .bind("ip", remoteIp)
                .bind("env", env)
                .bind("id", id)
                .execute();
    }

    private static User row(ResultSet rs) throws SQLException {
        ObjectNode doc = Json.parseObject(rs.getString("doc"));
        return new User(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("population_id"),
                rs.getString("username"),
                doc.path("email").asText(null),
                rs.getBoolean("enabled"),
                doc,
                new User.Account(
                        rs.getObject("locked_at", Long.class), rs.getObject("password_locked_until", Long.class)),
                rs.getBoolean("mfa_enabled"),
                rs.getBoolean("email_verified"),
                rs.getString("lifecycle_status"),
                rs.getObject("last_sign_on_at", Long.class),
                rs.getString("last_sign_on_ip"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
