package io.latchkey.mfa.policies;

import io.latchkey.http.Json;
import io.latchkey.mfa.policies.MfaPolicy.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Rows of {@code device_authentication_policies} and {@code fido2_policies} (same columns but the FIDO2 reference);
 * every query is scoped to one environment. Table names come from {@link Kind}, never from a request.
 */
public final class MfaPolicyStore {

    public void insert(Handle h, MfaPolicy p) {
        Update u = h.createUpdate("insert into " + p.kind().table
                        + " (id, environment_id, name, name_lower, is_default, "
                        + (p.kind() == Kind.DEVICE_AUTHENTICATION ? "fido2_policy_id, " : "")
                        + "doc, created_at, updated_at) values (:id, :env, :name, :lower, :isDefault, "
                        + (p.kind() == Kind.DEVICE_AUTHENTICATION ? ":fido2, " : "")
                        + ":doc, :createdAt, :updatedAt)")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("isDefault", p.isDefault())
                .bind("doc", Json.write(p.doc()))
                .bind("createdAt", p.createdAt())
                .bind("updatedAt", p.updatedAt());
        bindFido2(u, p).execute();
    }

    public void update(Handle h, MfaPolicy p) {
        Update u = h.createUpdate("update " + p.kind().table
                        + " set name = :name, name_lower = :lower, is_default = :isDefault, "
                        + (p.kind() == Kind.DEVICE_AUTHENTICATION ? "fido2_policy_id = :fido2, " : "")
                        + "doc = :doc, updated_at = :updatedAt where environment_id = :env and id = :id")
                .bind("id", p.id())
                .bind("env", p.environmentId())
                .bind("name", p.name())
                .bind("lower", p.name().toLowerCase(Locale.ROOT))
                .bind("isDefault", p.isDefault())
                .bind("doc", Json.write(p.doc()))
                .bind("updatedAt", p.updatedAt());
        bindFido2(u, p).execute();
    }

    /**
     * Locks every policy of this kind in the environment until the transaction ends: writes run one after the
     * other, so exactly one default remains and names stay unique.
     */
    public void lockAll(Handle h, Kind kind, String env) {
        h.createQuery("select id from " + kind.table + " where environment_id = :env order by id for update")
                .bind("env", env)
                .mapTo(String.class)
                .list();
    }

    public void clearDefaultExcept(Handle h, Kind kind, String env, String id, long now) {
        h.createUpdate("update " + kind.table + " set is_default = false, updated_at = :now"
                        + " where environment_id = :env and is_default = true and id <> :id")
                .bind("env", env)
                .bind("id", id)
                .bind("now", now)
                .execute();
    }

    public Optional<MfaPolicy> find(Handle h, Kind kind, String env, String id) {
        return h.createQuery("select * from " + kind.table + " where environment_id = :env and id = :id")
                .bind("env", env)
                .bind("id", id)
                .map((rs, c) -> row(kind, rs))
                .findFirst();
    }

    public Optional<MfaPolicy> findDefault(Handle h, Kind kind, String env) {
        return h.createQuery("select * from " + kind.table
                        + " where environment_id = :env and is_default = true order by id")
                .bind("env", env)
                .map((rs, c) -> row(kind, rs))
                .findFirst();
    }

    public Optional<String> idByName(Handle h, Kind kind, String env, String name) {
        return h.createQuery("select id from " + kind.table + " where environment_id = :env and name_lower = :lower")
                .bind("env", env)
                .bind("lower", name.toLowerCase(Locale.ROOT))
                .mapTo(String.class)
                .findFirst();
    }

    public List<MfaPolicy> list(Handle h, Kind kind, String env) {
        return h.createQuery("select * from " + kind.table + " where environment_id = :env order by created_at, id")
                .bind("env", env)
                .map((rs, c) -> row(kind, rs))
                .list();
    }

    /** The device authentication policies whose fido2 method names FIDO2 policy {@code fido2Id}. */
    public List<String> namingFido2Policy(Handle h, String env, String fido2Id) {
        return h.createQuery("select id from device_authentication_policies"
                        + " where environment_id = :env and fido2_policy_id = :fido2 order by id")
                .bind("env", env)
                .bind("fido2", fido2Id)
                .mapTo(String.class)
                .list();
    }

    /**
     * Names of the sign-on policies whose MFA action names the MFA policy {@code id}. The action's body is JSON text;
     * a UUID in quotes occurs nowhere else in it by chance.
     */
    public List<String> signOnPoliciesNaming(Handle h, String env, String id) {
        return h.createQuery("select distinct p.name from sign_on_policy_actions a"
                        + " join sign_on_policies p on p.id = a.policy_id"
                        + " where a.environment_id = :env and a.type = 'MULTI_FACTOR_AUTHENTICATION'"
                        + " and a.doc like :quoted order by p.name")
                .bind("env", env)
                .bind("quoted", "%\"" + id + "\"%")
                .mapTo(String.class)
                .list();
    }

    public boolean delete(Handle h, Kind kind, String env, String id) {
        return h.createUpdate("delete from " + kind.table + " where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** Whether the environment's default policies were created; see {@link DefaultMfaPolicies}. */
    public boolean defaultsCreated(Handle h, String env) {
        return h.createQuery("select count(*) from mfa_policy_defaults where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    /** Claims the creation of the defaults: true for exactly one caller per environment. */
    public boolean claimDefaults(Handle h, String env, long now) {
        return h.createUpdate("insert into mfa_policy_defaults (environment_id, created_at) values (:env, :now)"
                                + " on conflict do nothing")
                        .bind("env", env)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Only device authentication policies have the FIDO2 reference column. */
    private static Update bindFido2(Update u, MfaPolicy p) {
        return p.kind() == Kind.DEVICE_AUTHENTICATION ? u.bind("fido2", p.fido2PolicyId()) : u;
    }

    private static MfaPolicy row(Kind kind, ResultSet rs) throws SQLException {
        return new MfaPolicy(
                kind,
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("name"),
                rs.getBoolean("is_default"),
                kind == Kind.DEVICE_AUTHENTICATION ? rs.getString("fido2_policy_id") : null,
                Json.parseObject(rs.getString("doc")),
                rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
